"""Sending a draft the user said yes to: once only, over the configured SMTP server, then filed in the
Sent folder; what went wrong is said in one sentence and the draft kept."""

from __future__ import annotations

import asyncio
from email.utils import getaddresses

from ..errors import UserError
from ..skill_api import Reply
from .copied import copying
from .send import SendError, send_message
from .settings import EmailSettings
from .store import load_draft, mark_sent, move_to_sent, was_sent


async def send_draft(settings: EmailSettings, key: str) -> Reply:
    """The saved draft `key` sent (after the user's yes), filed in Sent, and what to say about it."""
    root = settings.maildir_path
    msg = load_draft(root, key, settings.drafts_folder) if key else None
    if msg is None:
        return Reply("I can't find that draft any more, so nothing was sent.")
    if was_sent(root, key, settings.drafts_folder):
        return Reply("That email was already sent, so I didn't send it again.")
    if settings.smtp is None:
        return Reply("Sending isn't set up: add an [email.smtp] section. The draft is saved.")
    if not msg["From"]:
        return Reply("I don't know your address: set address in the [email] section. The draft is saved.")
    to = ", ".join(name or addr for name, addr in getaddresses(msg.get_all("To", [])))
    to += copying(msg)
    try:
        await asyncio.to_thread(send_message, msg, settings.smtp)
    except SendError as exc:
        card = {"type": "error", "skill": "draft_email", "error": str(exc), "draft": key}
        reason = str(exc).rstrip(".")
        return Reply(f"I couldn't send it: {reason}. The draft is saved in {settings.drafts_folder}.", card)
    card = {"type": "email_sent", "to": msg["To"]} | {line.lower(): msg[line] for line in ("Cc", "Bcc") if msg[line]}
    try:
        sent_key = move_to_sent(root, key, settings.drafts_folder, settings.sent_folder)
    except (OSError, UserError) as exc:  # it went out: say so, and make sure it is not sent twice
        marked = mark_sent(root, key, settings.drafts_folder)
        where = f"it stays in {settings.drafts_folder}, marked as sent" if marked else "it is still in Drafts"
        reason = getattr(exc, "strerror", None) or str(exc)  # an OSError's reason; a UserError has none
        card |= {"draft": key, "warning": f"not filed in {settings.sent_folder}: {reason}"}
        return Reply(f"Sent to {to}. I couldn't file it in {settings.sent_folder} ({reason}); {where}.", card)
    return Reply(f"Sent to {to}.", card | {"sent": sent_key})

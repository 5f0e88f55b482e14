"""Edit or discard an email draft from its card, in the Maildir the draft_email skill saved it to.
The key stays the same, so a later "yes" (the card's Send) sends the edited text."""

from __future__ import annotations

import mailbox

from ..config import Config
from ..errors import UserError


def _drafts(config: Config) -> tuple[mailbox.Maildir, str]:
    from ..mail.settings import email_settings
    from ..mail.store import folder

    settings = email_settings(config.email)
    return folder(settings.maildir_path, settings.drafts_folder), settings.drafts_folder


def update_draft(config: Config, key: str, subject: str, body: str) -> None:
    drafts, name = _drafts(config)
    try:
        old = drafts.get_message(key)
    except KeyError:
        raise UserError(f"the draft is no longer in {name}; ask for a new one") from None
    msg = mailbox.MaildirMessage(old)
    del msg["Subject"]
    msg["Subject"] = subject
    if msg.is_multipart():
        raise UserError("this draft has attachments; edit it in your mail program")
    msg.set_payload(body, charset="utf-8")
    msg.set_subdir("cur")
    msg.set_flags("D")
    drafts[key] = msg  # mailbox writes a temporary file and renames it over the old one


def discard_draft(config: Config, key: str) -> None:
    drafts, _ = _drafts(config)
    drafts.discard(key)

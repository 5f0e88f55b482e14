"""What is said about a draft and the draft saved: the contact it goes to (or the question that finds
them), its brief read-back, and the draft kept in the Maildir before anything is spoken, its sending asked
for (draft_email's handler and its edits)."""

from __future__ import annotations

from email.message import EmailMessage

from assistant.mail.compose import Draft
from assistant.mail.contacts import Contact, Match
from assistant.mail.letter import letter_body
from assistant.mail.settings import EmailSettings
from assistant.mail.store import draft_path, save_draft
from assistant.skill_api import Reply
from assistant.text import listed

READ_BACK_WORDS = 30  # the spoken read-back stays short; the card has the whole draft


def first_words(text: str, n: int) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" ..." if len(words) > n else "")


def name_of(contact: Contact) -> str:
    return contact.name or contact.email


def recipient_or_question(match: Match, spoken: str, contacts: list[Contact], args: dict) -> Contact | Reply:
    """The one contact the email goes to, or the question that finds it ("Which one: ...?")."""
    if match.candidates:
        names = [c.name or c.email for c in match.candidates[:3]]
        options = ", ".join(names[:-1]) + " or " + names[-1]
        return Reply(
            f"Which one: {options}?",
            {"type": "choice", "options": [c.formatted for c in match.candidates]},
            ask_for="recipient",
            ask_args=args,
        )
    if match.contact is None and not contacts:
        # no contacts set up yet (a fresh install): nobody to choose from, so keep the words as a draft
        # to the name as said; the reply says how to add addresses
        return Contact(spoken, "")
    if match.contact is None:
        return Reply(
            f"I don't have {spoken} in your contacts. Who should it go to? You can say a name or an address.",
            {"type": "choice", "options": [c.formatted for c in contacts]},
            ask_for="recipient",
            ask_args=args,
        )
    return match.contact


def read_back(people: list[Contact], draft: Draft, kind: str, copies: str) -> str:
    """ "Here's the email to Alice Smith, subject Lunch. Hi Alice, ..." (its first words)."""
    said = first_words(letter_body(draft.body), READ_BACK_WORDS)
    subject = draft.subject.rstrip(".").rstrip()
    # a template subject is the note's first words: do not say them twice
    about = "" if said.lower().startswith(subject.lower().rstrip(".")) else f", subject {subject}"
    return f"Here's the {kind} to {listed([name_of(c) for c in people])}{copies}{about}. {said}"


def saved(
    settings: EmailSettings, ctx, people: list[Contact], draft: Draft, msg: EmailMessage,
    original: EmailMessage | None, text: str,
) -> Reply:
    """The draft saved before anything is said, `text` said, and its sending asked for."""
    to = ", ".join(c.formatted for c in people)
    key = save_draft(settings.maildir_path, msg, settings.drafts_folder)  # before anything is spoken
    ctx.state["last_draft"] = key  # "change the subject to ..." changes this one
    path = draft_path(settings.maildir_path, key, settings.drafts_folder)
    card = {
        "type": "email_draft",
        "to": to,
        "from": settings.from_address,
        "subject": draft.subject,
        "body": draft.body,
        "drafted_by": draft.by,
        "draft": key,
        "path": str(path),
    }
    card |= {line.lower(): str(msg[line]) for line in ("Cc", "Bcc") if msg[line]}
    if original is not None:
        card["in_reply_to"] = msg["In-Reply-To"]
    if not all(c.email for c in people):
        return Reply(
            text + " It's saved in your drafts without an address: add contacts to the [email] section.", card
        )
    if settings.smtp is None:
        return Reply(
            text + " It's saved in your drafts; sending isn't set up: add [email.smtp] settings.", card
        )
    return Reply(text + " Should I send it?", card, confirm_args={"action": "send", "draft": key})

"""Changes to a draft the user asked for after hearing it read back: a new subject, or a sentence added
before the sign-off. The draft is an EmailMessage; a forward's attachment is left as it is."""

from __future__ import annotations

from email.message import EmailMessage

from .compose import as_sentence

# how a sign-off block starts: a sentence added goes before it
SIGN_OFFS = ("best", "thanks", "thank you", "cheers", "regards", "kind regards", "best regards", "sincerely", "all the best")


def body_text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def with_subject(msg: EmailMessage, subject: str) -> None:
    subject = subject.strip().rstrip(".")
    msg.replace_header("Subject", subject[:1].upper() + subject[1:])


def with_sentence_added(msg: EmailMessage, words: str) -> None:
    """ "add that i'll bring the slides": the sentence as a paragraph of its own before the sign-off."""
    part = msg.get_body(preferencelist=("plain",))
    if part is None:
        return
    blocks = part.get_content().rstrip("\n").split("\n\n")
    at = len(blocks) - 1 if len(blocks) > 1 and blocks[-1].lower().startswith(SIGN_OFFS) else len(blocks)
    blocks.insert(at, as_sentence(words))
    part.set_content("\n\n".join(blocks) + "\n")

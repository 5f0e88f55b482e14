"""Maildir storage: drafts saved atomically (mailbox writes to tmp/ then renames), moved to Sent once
sent, and the newest received message for "summarize my last email"."""

from __future__ import annotations

import email.policy
import mailbox
import re
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

from ..errors import UserError


def _root(path: Path, create: bool) -> mailbox.Maildir:
    if not create and not (path / "cur").is_dir():
        # mbsync and offlineimap keep one Maildir per folder (~/Mail/INBOX/cur): name the one to set
        inbox = next((path / n for n in ("INBOX", "Inbox", "inbox") if (path / n / "cur").is_dir()), None)
        hint = f"; set maildir to {inbox}" if inbox else ""
        raise UserError(f"[email] maildir {path} is not a Maildir (it needs cur/, new/ and tmp/ folders){hint}")
    try:
        if create:  # the default Maildir is in the data folder, which a fresh install has not made yet
            path.parent.mkdir(parents=True, exist_ok=True)
        return mailbox.Maildir(path, factory=None, create=create)
    except OSError as exc:
        raise UserError(f"cannot open the Maildir {path}: {exc.strerror}") from None


def folder(root: Path, name: str) -> mailbox.Maildir:
    """A Maildir++ subfolder (root/.Name), created on first use."""
    md = _root(root, create=True)
    try:
        return md.get_folder(name)
    except mailbox.NoSuchMailboxError:
        pass
    try:
        return md.add_folder(name)
    except OSError as exc:
        raise UserError(f"cannot create the {name} folder in {root}: {exc.strerror}") from None


def save_draft(root: Path, msg: EmailMessage, folder_name: str = "Drafts") -> str:
    """Write msg into the drafts folder, flagged as a draft; returns its key. Atomic: a crash leaves
    either no file or the whole message."""
    drafts = folder(root, folder_name)
    mm = mailbox.MaildirMessage(msg)
    mm.set_subdir("cur")
    mm.set_flags("D")
    tmp = Path(drafts._path) / "tmp"
    before = set(tmp.iterdir()) if tmp.is_dir() else set()
    try:
        return drafts.add(mm)
    except OSError as exc:
        # mailbox removes its tmp/ file when writing fails, but not when the final flush/fsync does
        # (a full disk shows up there for a small message): remove what this attempt left behind
        for leftover in set(tmp.iterdir()) - before if tmp.is_dir() else ():
            leftover.unlink(missing_ok=True)
        raise UserError(f"cannot save the draft in {root}: {exc.strerror}") from None


def load_draft(root: Path, key: str, folder_name: str = "Drafts") -> EmailMessage | None:
    drafts = folder(root, folder_name)
    try:
        with drafts.get_file(key) as f:
            return email.message_from_binary_file(f, policy=email.policy.default)  # type: ignore[return-value]
    except KeyError:
        return None


def remove_draft(root: Path, key: str, folder_name: str = "Drafts") -> None:
    """Delete a draft (one replaced by its changed version); gone already is fine."""
    folder(root, folder_name).discard(key)


def draft_path(root: Path, key: str, folder_name: str = "Drafts") -> Path:
    drafts = folder(root, folder_name)
    return Path(drafts._path) / drafts._lookup(key)  # mailbox has no public path accessor


def move_to_sent(root: Path, key: str, drafts_name: str = "Drafts", sent_name: str = "Sent") -> str:
    """Copy the draft into Sent (flagged seen) before removing it from Drafts: never lost in between."""
    drafts = folder(root, drafts_name)
    sent = folder(root, sent_name)
    mm = drafts.get_message(key)
    mm.set_flags("S")
    new_key = sent.add(mm)
    drafts.discard(key)
    return new_key


def mark_sent(root: Path, key: str, drafts_name: str = "Drafts") -> bool:
    """A sent message that could not be filed in Sent: its Drafts copy is flagged seen, not draft
    (a rename: no new file to write), so no mail client offers it as a draft to send again."""
    drafts = folder(root, drafts_name)
    try:
        path = Path(drafts._path) / drafts._lookup(key)
        path.rename(path.with_name(path.name.split(":", 1)[0] + ":2,S"))
    except (OSError, KeyError):
        return False
    return True


def was_sent(root: Path, key: str, drafts_name: str = "Drafts") -> bool:
    """The draft was already sent (mark_sent flagged it)."""
    try:
        return "S" in folder(root, drafts_name).get_message(key).get_flags()
    except KeyError:
        return False


def _timestamp(msg: mailbox.MaildirMessage) -> float:
    try:
        return parsedate_to_datetime(msg["Date"]).timestamp()
    except (TypeError, ValueError, IndexError):
        return msg.get_date()  # delivery time from the file name


def _newest(root: Path, keep=lambda _m: True) -> EmailMessage | None:
    """The newest inbox message (the Maildir root's new/ and cur/, by its Date header) that `keep` takes."""
    md = _root(root, create=False)
    newest = max(((k, m) for k, m in md.iteritems() if keep(m)), key=lambda item: _timestamp(item[1]), default=None)
    if newest is None:
        return None
    with md.get_file(newest[0]) as f:
        return email.message_from_binary_file(f, policy=email.policy.default)  # type: ignore[return-value]


def _newest_first(root: Path) -> list[mailbox.MaildirMessage]:
    return sorted((m for _k, m in _root(root, create=False).iteritems()), key=_timestamp, reverse=True)


def inbox_list(root: Path, n: int) -> tuple[int, list[tuple[str, str]]]:
    """How many messages the inbox holds, and the sender and subject of its `n` newest, newest first."""
    from email.utils import parseaddr

    messages = _newest_first(root)
    heads = []
    for msg in messages[:n]:
        name, addr = parseaddr(str(msg.get("From", "") or ""))
        heads.append((name or addr or "someone", " ".join(str(msg.get("Subject", "") or "").split())))
    return len(messages), heads


def nth_newest(root: Path, n: int) -> EmailMessage | None:
    """The inbox's n-th newest message (1: the newest), as inbox_list named them, or None."""
    messages = _newest_first(root)
    if not 1 <= n <= len(messages):
        return None
    return email.message_from_bytes(messages[n - 1].as_bytes(), policy=email.policy.default)  # type: ignore[return-value]


def email_ref(msg) -> str:
    """What finds a message again ("reply to it" after it was read out): its Message-ID, else its From,
    Date and Subject (a message may come without an ID)."""
    ident = str(msg.get("Message-ID", "") or "").strip()
    return ident or "|".join(" ".join(str(msg.get(h, "") or "").split()) for h in ("From", "Date", "Subject"))


def message_by_ref(root: Path, ref: str) -> EmailMessage | None:
    """The inbox message email_ref gave `ref` for, or None."""
    return _newest(root, lambda m: email_ref(m) == ref) if ref else None


def last_message(root: Path) -> EmailMessage | None:
    """The newest message in the inbox."""
    return _newest(root)


def last_message_about(root: Path, words: list[str]) -> EmailMessage | None:
    """The newest inbox message whose subject holds every one of `words` ("the offsite email")."""
    return _newest(root, lambda m: _about(m, words))


def _about(msg: mailbox.MaildirMessage, words: list[str]) -> bool:
    return {w.lower() for w in words} <= set(re.findall(r"\w+", str(msg.get("Subject", "")).lower()))


def _sender_matches(msg: mailbox.MaildirMessage, addresses: set[str], name: str) -> bool:
    from email.utils import getaddresses

    from rapidfuzz import fuzz

    for display, addr in getaddresses(msg.get_all("From", [])):
        if addr.lower() in addresses:
            return True
        # no address on file: the sender's name as written ("Dave Miller" for "dave")
        words = display.lower().replace('"', "").split()
        if (
            name
            and words
            and (fuzz.ratio(name, display.lower()) >= 85 or any(fuzz.ratio(name, w) >= 85 for w in words))
        ):
            return True
    return False


def last_message_from(root: Path, addresses: set[str], name: str = "", about: list[str] = ()) -> EmailMessage | None:
    """The newest inbox message (the Maildir root's new/ and cur/) whose From is one of `addresses`,
    or, for a sender not in the contacts, whose From name is like `name`; with `about`, whose subject
    also holds those words ("bob's email about the offsite")."""
    addresses = {a.lower() for a in addresses if a}
    name = name.lower().strip()
    return _newest(root, lambda m: _sender_matches(m, addresses, name) and _about(m, list(about)))


def subjects_from(root: Path, addresses: set[str], name: str = "") -> list[str]:
    """The subjects of every inbox message from one of `addresses` (or a sender whose name is like
    `name`, as last_message_from matches them), newest first."""
    addresses = {a.lower() for a in addresses if a}
    return [" ".join(str(m.get("Subject", "") or "").split()) for m in _newest_first(root)
            if _sender_matches(m, addresses, name.lower().strip())]

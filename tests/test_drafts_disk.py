"""draft_email when the disk says no: a full and a read-only drafts folder, on real (tmpfs) filesystems.
The user hears one clear sentence, and no partial file is left in the Maildir (not even in tmp/)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from assistant.mail.store import folder
from tests.test_email_skill import VCARDS, conversation, make_config, router, skills  # noqa: F401

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0, reason="mounting a small tmpfs needs root (CI runs as root)"
)


@pytest.fixture
def small_fs(tmp_path):
    """A 64 kB tmpfs as the mail home, with the Drafts folder already there."""
    home = tmp_path / "home"
    home.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(home)], check=True)
    try:
        (tmp_path / "contacts.vcf").write_text(VCARDS)
        folder(home / "Mail", "Drafts")
        yield home
    finally:
        subprocess.run(["umount", str(home)], check=True)


def files_in(maildir: Path) -> list[Path]:
    """Message files (whole or partial) anywhere in the Maildir: cur/, new/ and tmp/ of every folder."""
    return [p for p in maildir.rglob("*") if p.is_file() and p.parent.name in ("cur", "new", "tmp")]


def fill(home: Path) -> None:
    fd = os.open(home / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"x" * 512):
            pass
    except OSError:  # ENOSPC: the disk is full
        pass
    finally:
        os.close(fd)


def contacts_beside(home: Path) -> Path:
    return home.parent


def test_full_disk_is_one_clear_sentence_and_no_partial_file(small_fs, skills, router):  # noqa: F811
    config = make_config(contacts_beside(small_fs))
    config.email["maildir"] = str(small_fs / "Mail")
    fill(small_fs)
    turn = conversation(skills, router, config).respond("write an email to alice saying i'll be late tomorrow")
    assert turn.reply.text == f"Sorry, cannot save the draft in {small_fs / 'Mail'}: No space left on device."
    assert turn.reply.card["type"] == "error" and not turn.expects_reply  # nothing offered to send
    assert files_in(small_fs / "Mail") == []


def test_read_only_drafts_folder(small_fs, skills, router):  # noqa: F811
    config = make_config(contacts_beside(small_fs))
    config.email["maildir"] = str(small_fs / "Mail")
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    turn = conversation(skills, router, config).respond("write an email to alice saying i'll be late tomorrow")
    assert turn.reply.text == f"Sorry, cannot save the draft in {small_fs / 'Mail'}: Read-only file system."
    assert files_in(small_fs / "Mail") == []


def test_read_only_mail_home_before_any_draft(tmp_path, skills, router):  # noqa: F811
    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / "contacts.vcf").write_text(VCARDS)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,ro", "tmpfs", str(home)], check=True)
    try:
        config = make_config(tmp_path)
        config.email["maildir"] = str(home / "Mail")
        turn = conversation(skills, router, config).respond("email alice saying i'll be late")
        assert turn.reply.text == f"Sorry, cannot open the Maildir {home / 'Mail'}: Read-only file system."
    finally:
        subprocess.run(["umount", str(home)], check=True)

"""The user's own words for Whisper's hotwords: contact names, restaurant and place names.

Whisper knows "alice" but not "Dashwood" or "Sakura Sushi" as likely words; faster-whisper's `hotwords`
puts them in the prompt before the audio, which makes them likelier without forcing them. Built once
when the recognizer loads, from the config's [email] (vCard file and address book) and
[restaurants] (the imported database). The prompt is bounded (MAX_CHARS): every prompt token is decoded
on each utterance, and a long list of names invites the model to say one that was not spoken. Contacts
come first, then restaurants, then places (a large map contributes only its first names). A section
that is missing or unreadable adds nothing here: its own skill reports the problem when used.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..config import Config

log = logging.getLogger(__name__)

MAX_CHARS = 300  # ~80 tokens: a dozen or two names


def hotwords(config: Config) -> str | None:
    """The names as one line ("Hey computer, Alice Smith, Sakura Sushi, ..."), or None for none."""
    # not the wake phrase: given as a hotword, Whisper wrote "hey computer" for unclear short words (3 of
    # 120 spoken digits), and the wake phrase is spotted before the recognizer hears the command anyway
    names = _contacts(config)
    names += _places(config)
    out: list[str] = []
    seen: set[str] = set()
    size = 0
    for name in names:
        key = name.lower()
        if key in seen:
            continue
        if size + len(name) + 2 > MAX_CHARS:
            break
        seen.add(key)
        out.append(name)
        size += len(name) + 2
    return ", ".join(out) or None


def _contacts(config: Config) -> list[str]:
    if not config.email:
        return []
    from ..errors import UserError
    from ..mail.contacts import address_book, read_vcards
    from ..mail.settings import email_settings

    names = []
    try:
        settings = email_settings(config.email)
        names += [c.name for c in address_book(settings.address_book)]
        if settings.contacts:
            names[:0] = [c.name for c in read_vcards(settings.contacts)]
    except UserError as exc:
        log.info("contact names for the recognizer: %s", exc)
    return [n for n in names if n]


def _places(config: Config) -> list[str]:
    from ..errors import UserError
    from ..places.settings import restaurant_settings

    try:
        path = restaurant_settings(config.restaurants).db_path
    except UserError:
        return []
    if not path.is_file():
        return []
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute(
                "SELECT name FROM pois WHERE name IS NOT NULL AND name != '' "
                "UNION ALL SELECT name FROM places LIMIT 200"
            ).fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        log.info("no place names for the recognizer: %s", exc)
        return []
    return [r[0] for r in rows]

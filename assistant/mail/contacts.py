"""Contacts from a vCard file and the config's address book, matched fuzzily against ASR text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.utils import formataddr, parseaddr
from pathlib import Path

import vobject
from rapidfuzz import fuzz

from ..errors import UserError

# words ASR puts around a name that are not part of it
_FILLER = re.compile(r"\b(my|our|the|mister|mr|mrs|ms|miss|doctor|dr)\b\.?", re.I)
# who a contact is to the user, said before the name ("my daughter carol", "my boss alice"): not the name
_RELATION = re.compile(r"^(?:(?:my|our)\s+)?(?:daughter|son|mom|mum|mother|dad|father|wife|husband|partner|sister|brother"
                       r"|aunt|uncle|cousin|grandma|grandpa|friend|boss|colleague|coworker|neighbou?r|doctor)\s+(?=\w)", re.I)
_SPOKEN_ADDRESS = re.compile(r"^\s*([\w.+-]+)\s+at\s+([\w-]+(?:\s+dot\s+[\w-]+)+)\s*$", re.I)
# a name, then a written address: "alice at alice@example.com", "Alice Smith <alice@example.com>"
_NAMED_ADDRESS = re.compile(r"(?P<name>[^\W\d][\w' .-]{0,40}?)\s*(?:\bat\b|,|:)?\s*<?(?P<addr>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>?", re.I)
MATCH = 65  # below this a contact is no match (ASR "alis" for "alice" scores 67; the read-back and
# the spoken yes before sending catch a wrong pick)
TIE = 6  # two matches closer than this are ambiguous


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    nicknames: tuple[str, ...] = field(default=())

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name else self.email.split("@")[0]

    @property
    def formatted(self) -> str:
        return formataddr((self.name, self.email))

    def keys(self) -> list[str]:
        local = re.sub(r"[._+-]+", " ", self.email.split("@")[0])
        return [k.lower() for k in (self.name, self.first_name, local, *self.nicknames) if k]


def read_vcards(path: str | Path) -> list[Contact]:
    p = Path(path).expanduser()
    if not p.is_file():
        raise UserError(f"[email] contacts file {p} does not exist; give a vCard (.vcf) file")
    try:
        text = p.read_text(encoding="utf-8", errors="replace")
        cards = list(vobject.readComponents(text))
    except Exception as exc:  # vobject raises several kinds of parse errors
        raise UserError(f"{p} is not a readable vCard file ({exc})") from None
    out: list[Contact] = []
    for card in cards:
        emails = [e.value for e in card.contents.get("email", []) if e.value]
        if not emails:
            continue
        name = card.fn.value if hasattr(card, "fn") else ""  # vobject: FN is optional in a vCard
        nicks = tuple(n.value for n in card.contents.get("nickname", []) if isinstance(n.value, str))
        out.extend(Contact(name.strip(), addr.strip(), nicks) for addr in emails[:1])
    return out


def address_book(entries: dict[str, str]) -> list[Contact]:
    out = []
    for spoken, value in entries.items():
        name, addr = parseaddr(value)
        if "@" not in addr:
            raise UserError(f"[email.address_book] {spoken} = {value!r} has no email address")
        out.append(Contact(name or spoken, addr, (spoken,)))
    return out


def spoken_address(text: str) -> str | None:
    """'alice@example.org' or ASR's 'alice at example dot org'."""
    text = text.strip()
    if re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", text):
        return text
    m = _SPOKEN_ADDRESS.match(text)
    if m:
        domain = re.sub(r"\s+dot\s+", ".", m.group(2), flags=re.I)
        return f"{m.group(1)}@{domain}".lower()
    return None


@dataclass(frozen=True)
class Match:
    contact: Contact | None  # the one match, when there is exactly one
    candidates: tuple[Contact, ...] = ()  # several close matches: ask which

    @property
    def people(self) -> list[Contact]:
        """Everyone the words may mean: the one match, else the close candidates."""
        return [self.contact] if self.contact else list(self.candidates)


def find_contact(spoken: str, contacts: list[Contact]) -> Match:
    addr, name = spoken_address(spoken), ""
    named = None if addr else _NAMED_ADDRESS.fullmatch(spoken.strip())
    if named:  # "alice at alice@example.com", "Alice Smith <alice@example.com>"
        addr, name = named["addr"], named["name"].strip().title()
    if addr:
        known = [c for c in contacts if c.email.lower() == addr.lower()]
        return Match(known[0] if known else Contact(name, addr))
    query = " ".join(_FILLER.sub(" ", _RELATION.sub("", spoken.lower().strip())).split())
    if not query:
        return Match(None)
    scored = []
    for c in contacts:
        keys = c.keys()
        score = max(fuzz.ratio(query, k) for k in keys)
        if score < 100 and query in keys:
            score = 100
        # "alice smith" said in full beats a first-name-only match; "alice" matches "alice smith"
        score = max(score, fuzz.token_set_ratio(query, c.name.lower()) - 2 if c.name else 0)
        scored.append((score, c))
    scored.sort(key=lambda sc: -sc[0])
    good = [(s, c) for s, c in scored if s >= MATCH]
    if not good:
        return Match(None)
    best = good[0][0]
    close = tuple(c for s, c in good if best - s < TIE)
    if len({c.email for c in close}) > 1:
        return Match(None, close)
    return Match(good[0][1])


# what joins a name to the message when the recognizer ran them together ("to alicea and i will be late")
_JOIN = re.compile(
    r"^(?:saying|that says|to say|and say|and tell (?:him|her|them)|telling (?:him|her|them)|that|and)\s+", re.I
)
NAME_WORDS = 3  # a spoken name is at most this many words ("alice smith", "doctor bob jones")


def split_recipient(spoken: str, contacts: list[Contact]) -> tuple[str, str]:
    """A recipient with the message run into it: "alicea and i will be late tomorrow" -> ("alicea",
    "i will be late tomorrow"). Of the first one to NAME_WORDS words, the run that matches one contact
    closest (plain similarity, so extra words cost) is the name; the rest, without the joining word, is
    the message. ("", "") when no leading words match a contact."""
    words = spoken.split()
    best: tuple[float, int] = (0.0, 0)
    for n in range(1, min(NAME_WORDS, len(words)) + 1):
        name = " ".join(words[:n])
        if n > 1 and _FILLER.fullmatch(words[n - 1]):
            continue  # "bob the meeting moved": "the" is the message's, not part of Bob's name
        contact = find_contact(name, contacts).contact
        if contact is not None:
            query = " ".join(_FILLER.sub(" ", name.lower()).split())
            best = max(best, (max(fuzz.ratio(query, k) for k in contact.keys()), n))
    if not best[1]:
        return "", ""
    n = best[1]
    return " ".join(words[:n]), _JOIN.sub("", " ".join(words[n:])).strip()


def load_contacts(vcard_path: str | None, book: dict[str, str]) -> list[Contact]:
    contacts = read_vcards(vcard_path) if vcard_path else []
    return contacts + address_book(book)


SEVERAL = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\s+)")


def _names_run_together(part: str, contacts: list[Contact]) -> list[str]:
    """ "alice bob" (the comma of "alice, bob and carol" lost on the way: Bob had been left out): the leading
    words that are each a contact's own name, one name a word, and the rest; "bob jones" stays one."""
    words = part.split()
    keys = {k for c in contacts for k in c.keys()}
    n = 0
    while n < len(words) - 1 and words[n].lower() in keys and " ".join(words[n : n + 2]).lower() not in keys:
        n += 1
    return [*words[:n], " ".join(words[n:])] if n and part.lower() not in keys else [part]


def several(spoken: str, contacts: list[Contact]) -> tuple[list[Contact], str] | None:
    """Two or more known contacts ("alice and bob", "alice, bob and carol") and the words after the last
    one (the message run into it: "bob about the party"); None unless every name is a contact."""
    said = [p for p in SEVERAL.split(spoken.strip()) if p]
    # the last part may have the message run into it ("bob about the party"): split_recipient reads it
    parts = [q for p in said[:-1] for q in _names_run_together(p, contacts)] + said[-1:]
    if len(parts) < 2:
        return None
    people = [find_contact(part, contacts).contact for part in parts[:-1]]
    name, rest = split_recipient(parts[-1], contacts)  # the leading words that name a contact best
    last = find_contact(name, contacts).contact if name else None
    named = [*people, last]
    if any(c is None or not c.email for c in named):
        return None
    unique = list({c.email.lower(): c for c in named}.values())
    return (unique, rest) if len(unique) > 1 else None

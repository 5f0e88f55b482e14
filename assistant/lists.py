"""The user's shopping list and to-do list: "add milk and eggs to my shopping list", "take butter off the
list", "is bread on my shopping list", "what's on my to do list", "clear my shopping list". Kept in the
data folder (lists.json, written whole to a temporary file and moved into place, so a crash loses
nothing that was said before); a list is named by the words the user says for it."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from .paths import data_dir

# the words for each list, as people say them
LISTS = {
    "shopping": r"(?:shopping|grocery|groceries)(?: list| bag)?|(?:to )?buy list|list (?:for shopping|of groceries|of things to buy)",
    "to-do": r"(?:to ?do|to-do|task|chores?) list|tasks|chores|list of (?:tasks|things to do|chores)(?: to (?:do|complete|accomplish))?",
}
_LIST = "|".join(f"(?P<{'todo' if k == 'to-do' else k}>{v})" for k, v in LISTS.items())
_OWNER = r"(?:(?:my|the|our|a)\s+)?(?:current\s+)?"
# "the list" / "my list" alone: the list used last, else the shopping list
_ANY = rf"(?:{_OWNER}(?:{_LIST})|(?:my|the|our) list)"
# a list read out is named with "list" ("what did i spend on groceries" is no request for the list)
_NAMED = (r"(?:(?P<shopping>(?:shopping|grocery|(?:to )?buy) list|list (?:for shopping|of groceries|of things to buy))"
          r"|(?P<todo>(?:to ?do|to-do|task|chores?) list|list of (?:tasks|things to do|chores)(?! in\b)))")
_ITEM = r"(?P<item>[a-z0-9][a-z0-9' -]*?)"
_PLEASE = (r"(?:,?\s+(?:please|for me|too|as well|right now|now|if (?:it is|it's|they are|they're) not (?:already )?(?:on it|there)|"
           r"i'm out of it|as i am out|if not,? (?:can you |could you |please |go ahead and )?add (?:them|it)(?: please)?))*$")
# "order everything on my shopping list": what it cannot do
ORDER = re.compile(r"\b(?:order|ordered|buy|purchase|submit|deliver)\b")
ADD = re.compile(rf"\b(?:add|put|include|stick|write down|write|make sure)\s+(?:the chore of\s+|a\s+)?{_ITEM}\s+"
                 rf"(?:is\s+)?(?:on|to|in|onto|into)\s+{_ANY}{_PLEASE}")
# "and milk to my shopping list": the recognizer's "and" for "add" (Whisper tiny, a spoken session)
HEARD_ADD = re.compile(rf"^and\s+{_ITEM}\s+(?:to|onto|into)\s+{_ANY}{_PLEASE}")
NEEDS = re.compile(rf"^{_ITEM}\s+(?:needs to|has to|should) be (?:on|in|added to)\s+{_ANY}{_PLEASE}")
REMOVE = re.compile(rf"\b(?:remove|take|delete|cross|scratch|strike|get rid of|drop|no longer need|don't need)\s+{_ITEM}\s+"
                    rf"(?:off|from|on|in|out of)\s+(?:of\s+)?{_ANY}{_PLEASE}")
CHECK = re.compile(rf"\b(?:is|are|did i (?:put|add|remember to put)|have i (?:put|added)|do i have)\s+{_ITEM}\s+(?:on|in)\s+{_ANY}{_PLEASE}")
CONTAINS = re.compile(rf"\b(?:does|do) {_ANY} (?:include|have|contain)\s+{_ITEM}{_PLEASE}")
CLEAR = re.compile(rf"\b(?:clear|empty|blank out|wipe|erase|delete|reset|get rid of everything on|remove everything from)\s+(?:out\s+)?{_ANY}{_PLEASE}")
READ = re.compile(rf"\b{_NAMED}\b")
_FILE = "lists.json"


def _path() -> Path:
    return data_dir() / _FILE


def _load() -> dict[str, list[str]]:
    """The lists kept; a file that cannot be read is kept aside (lists.json.unreadable), not overwritten."""
    path = _path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict):
        try:
            os.replace(path, path.with_name(_FILE + ".unreadable"))
        except OSError:
            pass
        return {}
    return {str(k): [str(i) for i in v] for k, v in data.items() if isinstance(v, list)}


def _save(lists: dict[str, list[str]]) -> None:
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(lists, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _which(m: re.Match, last: str | None) -> str:
    named = next((name for name, group in (("shopping", "shopping"), ("to-do", "todo")) if m.groupdict().get(group)), None)
    return named or last or "shopping"


def _items(said: str) -> list[str]:
    """ "milk, eggs and bread" -> milk, eggs, bread ("some" and "a" left out)."""
    parts = re.split(r"\s*,\s*|\s+and\s+", re.sub(r"^there (?:is |are )?", "", said))
    return [re.sub(r"^(?:some|a|an|the|more)\s+", "", p).strip() for p in parts if p.strip()]


def _is(items: list[str]) -> str:
    """ "is" or "are": more than one item, or one that looks plural ("eggs", not "hummus" or "glass")."""
    one = items[0] if items else ""
    return "are" if len(items) > 1 or (one.endswith("s") and not one.endswith(("ss", "us"))) else "is"


def _spoken(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def mentions_a_list(words: str) -> bool:
    """Whether the words may be about a list (list_said may change one: nothing is run ahead of them)."""
    return bool(re.search(r"\blists?\b|\bshopping\b|\bgrocer|\btasks?\b|\bchores?\b", words))


def list_said(words: str, state: dict) -> str | None:
    """The answer to a request about the user's lists (`words`: said_words), done; None when the words
    ask nothing of a list. `state` keeps which list was used last ("the list" next time)."""
    if not mentions_a_list(words):
        return None
    lists, last = _load(), state.get("list")
    if ORDER.search(words) and READ.search(words) and re.search(r"\b(?:everything|all)\b", words):  # "order everything on my shopping list"
        kept = lists.get("shopping", [])
        return "I can't order or buy anything, only keep the list" + (f": {_spoken(kept)}." if kept else ", and it's empty.")
    if (m := ADD.search(words) or HEARD_ADD.match(words) or NEEDS.search(words)) is not None:
        name = _which(m, last)
        kept, said = lists.setdefault(name, []), _items(m["item"])
        new = [i for i in said if i not in kept]
        if not new:
            return f"{_spoken(said).capitalize()} {_is(said)} already on your {name} list."
        kept += new
        _save(lists)
        state["list"] = name
        return f"Added {_spoken(new)} to your {name} list."
    if (m := REMOVE.search(words)) is not None:
        name = _which(m, last)
        kept, said = lists.get(name, []), _items(m["item"])
        gone = [i for i in said if i in kept]
        if not gone:
            return f"{_spoken(said).capitalize()} {_is(said)}n't on your {name} list."
        lists[name] = [i for i in kept if i not in gone]
        _save(lists)
        state["list"] = name
        return f"Took {_spoken(gone)} off your {name} list."
    if (m := CHECK.search(words) or CONTAINS.search(words)) is not None:
        name = _which(m, last)
        state["list"] = name
        asked = _items(m["item"])
        on = [i for i in asked if i in lists.get(name, [])]
        if re.search(r"\bif not\b.*\badd\b", words) and len(on) < len(asked):  # "are eggs on it, if not add them"
            lists.setdefault(name, []).extend(i for i in asked if i not in on)
            _save(lists)
            added = [i for i in asked if i not in on]
            return f"{_spoken(added).capitalize()} {'was' if _is(added) == 'is' else 'were'}n't on your {name} list; I've added {'it' if _is(added) == 'is' else 'them'}."
        if len(on) == len(asked):
            return f"Yes, {_spoken(asked)} {_is(asked)} on your {name} list."
        off = [i for i in asked if i not in on]
        return f"No, {_spoken(off)} {_is(off)}n't on your {name} list." + (f" {_spoken(on).capitalize()} {_is(on)}." if on else "")
    if (m := CLEAR.search(words)) is not None:
        name = _which(m, last)
        had = len(lists.get(name, []))
        lists[name] = []
        _save(lists)
        state["list"] = name
        return f"Cleared your {name} list ({had} item{'' if had == 1 else 's'})." if had else f"Your {name} list was already empty."
    if (m := READ.search(words)) is not None:
        name = _which(m, last)
        state["list"] = name
        kept = lists.get(name, [])
        if not kept:
            return f"Your {name} list is empty. Say add, then what to put on it."
        return f"Your {name} list has {len(kept)} item{'' if len(kept) == 1 else 's'}: {_spoken(kept)}."
    return None

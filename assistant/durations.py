"""How long, as people say it: "an hour and a half", "1 hour 30 minutes", "two and a half minutes",
"half an hour", "a quarter of an hour", "90 seconds". The timer's arguments hold one number and one unit,
so a compound length either fits badly or is cut (the language model turned "an hour and a half" into
30 hours, "1 hour 30 minutes" into 60 minutes); the timer reads the length from the words instead."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from .text import CARDINALS, normalize

UNITS = {
    **dict.fromkeys(("second", "seconds", "sec", "secs"), 1),
    **dict.fromkeys(("minute", "minutes", "min", "mins"), 60),
    **dict.fromkeys(("hour", "hours", "hr", "hrs"), 3600),
    **dict.fromkeys(("day", "days"), 86400),  # the timer's arguments have no days: "a day" became 1 minute
    **dict.fromkeys(("week", "weeks"), 604800),  # "what's the date in 3 weeks"
}
COUNTS = CARDINALS | {"a couple": 2}  # "a couple of minutes" ("of" is left out)
FRACTIONS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25}
AND_A_PART = (["and", "a", "half"], ["and", "a", "quarter"])


# "an hour 15", "2 minutes 30": a bare number right after a length counts the next smaller unit, when
# nothing that could be its own unit or object follows ("5 minutes 2 eggs" stays 5 minutes)
NEXT_UNIT = {3600: 60, 60: 1}
_AFTER_BARE = tuple([w] for w in ("please", "for", "timer", "and", "then", "now", "on", "to"))
_PRONOUNS = frozenset(("one", "a", "an"))  # "the 5 minute one" is a timer, not 5 minutes and 1 second


def _number(words: list[str], i: int) -> tuple[float, int] | None:
    """The number at words[i] ("90", "2.5", "twenty five", "a"/"an" before a unit) and the words it took."""
    w = words[i]
    if words[i + 1 : i + 2] == ["hundred"] and (w == "a" or COUNTS.get(w, 10) < 10):
        return _hundreds(words, i)  # "a hundred seconds" had been 1000 (the model's), "a hundred and twenty" 20
    try:
        return float(w.replace(",", "")), 1
    except ValueError:
        pass
    if w in ("a", "an") and i + 1 < len(words) and words[i + 1] in UNITS:
        return 1.0, 1
    for taken in (2, 1):  # "twenty five" before "twenty"
        said = " ".join(words[i : i + taken])
        if said in COUNTS and len(said.split()) == taken:
            return float(COUNTS[said]), taken
    return None


def _hundreds(words: list[str], i: int) -> tuple[float, int]:
    """ "a hundred", "two hundred and fifty", "one hundred 20" at words[i] (words[i + 1] is "hundred")."""
    n = 100.0 * (1 if words[i] == "a" else COUNTS[words[i]])
    k = i + 2 + (words[i + 2 : i + 3] == ["and"])
    for taken in (2, 1):
        said = " ".join(words[k : k + taken])
        rest = COUNTS.get(said) if len(said.split()) == taken else None
        if rest is None and taken == 1 and said.isdigit():
            rest = int(said)
        if rest is not None and 0 < rest < 100:
            return n + rest, k + taken - i
    return n, 2


def _words(text: str) -> list[str]:
    return [w for w in normalize(text).replace("-", " ").split() if w != "of"]


def _first_length(words: list[str]) -> tuple[float, int] | None:
    """The first length in words (seconds) and the index after it, or None. Its parts are added while
    each follows the last directly ("and" between) in a smaller unit: "1 hour [and] 30 minutes" is one
    length, "5 minutes and 10 minutes" two."""
    total, end, i = 0.0, -1, 0  # end: where the last part ended (-1: none yet)
    last_unit = float("inf")

    def joins(start: int, unit: float) -> bool:  # the first part, or a smaller one right after the last
        return end < 0 or (words[end:start] in ([], ["and"]) and unit < last_unit)

    while i < len(words):
        w = words[i]
        if w in FRACTIONS:  # "half an hour", "quarter hour", "half a minute"
            j = i + 1 + (i + 1 < len(words) and words[i + 1] in ("a", "an"))
            if j < len(words) and words[j] in UNITS:
                if not joins(i, UNITS[words[j]]):
                    break
                total, end, i = total + FRACTIONS[w] * UNITS[words[j]], j + 1, j + 1
                last_unit = UNITS[words[j]]
                continue
        got = _number(words, i)
        if got is None:
            i += 1
            continue
        n, taken = got
        j = i + taken
        if words[j : j + 3] in AND_A_PART and words[j + 3 : j + 4] and words[j + 3] in UNITS:
            n += FRACTIONS[words[j + 2]]  # "two and a half minutes"
            j += 3
        if words[j : j + 1] and words[j] in FRACTIONS and words[j + 1 : j + 2] in (["a"], ["an"]):
            n *= FRACTIONS[words[j]]  # "three quarters of an hour"
            j += 2
        if j < len(words) and words[j] in UNITS:
            unit = UNITS[words[j]]
            j += 1
            if words[j : j + 3] in AND_A_PART:
                n += FRACTIONS[words[j + 2]]  # "an hour and a half"
                j += 3
            if not joins(i, unit):
                break
            total, end, i, last_unit = total + n * unit, j, j, unit
            continue
        smaller = NEXT_UNIT.get(last_unit)
        after = ([], ["please"]) if words[end:i] == ["and"] else ([], *_AFTER_BARE)  # "and one for 10 minutes"
        if smaller and joins(i, smaller) and w not in _PRONOUNS and n == int(n) and 0 < n < 60 and words[j : j + 1] in after:
            total, end, i, last_unit = total + n * smaller, j, j, smaller  # "1 hour 15", "2 minutes 30"
            continue
        i += 1
    return (total, end) if end >= 0 else None


def spoken_seconds(text: str) -> float | None:
    """The first length a sentence names, in seconds (its parts added: "1 hour [and] 30 minutes"), or
    None if it names none. A part that does not follow the last one directly starts another length
    ("10 minutes for the eggs and 5 minutes for ..." is 10 minutes)."""
    first = _first_length(_words(text))
    return first[0] if first else None


# words between "and" and the next length that leave a bare number before "and" its unit: "one for 5
# and one for 10 minutes", "5 and another of 10 minutes"
_LEADING = frozenset(("one", "another", "the", "other", "for", "of", "a"))


def _unit_after(words: list[str], start: int) -> str | None:
    """The unit of the length right after "and" (at start), or after a few of _LEADING: "10 minutes",
    "one for 10 minutes" (a number word itself: "5 and one minute" is 5 minutes and 1)."""
    for j in range(start, min(start + 4, len(words))):
        after = _number(words, j)
        if after is not None and j + after[1] < len(words) and words[j + after[1]] in UNITS:
            return words[j + after[1]]
        if words[j] not in _LEADING:
            return None
    return None


def _list_unit(words: list[str], start: int) -> str | None:
    """The unit at the end of a list of bare numbers joined by "and" ("5, 10 and 15 minutes": minutes for
    5 and 10 too), from the list's second number (at start); None where no "and" joins it."""
    j, joined = start, False
    while j < len(words):
        if words[j] == "and":
            j, joined = j + 1, True
            continue
        if (n := _number(words, j)) is None:
            return None
        j += n[1]
        if j < len(words) and words[j] in UNITS:
            return words[j] if joined else None
    return None


def _last_unit(words: list[str]) -> str | None:
    return next((w for w in reversed(words) if w in UNITS), None)


def spoken_lengths(text: str) -> list[float]:
    """Every length a sentence names, in order ("timers for 5 and 10 minutes", "one for 5 and one for 10
    minutes": a bare number before "and" and a length takes that length's unit; "4 minutes and another for
    5", "... and a rice timer for 15": a bare number at the end after another timer, the unit said before)."""
    words = _words(text)
    shared: list[str] = []
    i = 0
    while i < len(words):
        got = _number(words, i)
        if got is not None and words[i + got[1] : i + got[1] + 1] == ["and"]:
            if (unit := _unit_after(words, i + got[1] + 1)) is not None:
                shared += [*words[i : i + got[1]], unit, "and"]
                i += got[1] + 1
                continue
        if got is not None and (unit := _list_unit(words, i + got[1])) is not None:  # "5, 10 and 15 minutes"
            shared += [*words[i : i + got[1]], unit, "and"]
            i += got[1]
            continue
        if (got is not None and i + got[1] == len(words) and i >= 2 and words[i - 1] == "for"
                and words[i - 2] in ("another", "one", "other", "timer") and (unit := _last_unit(shared)) is not None
                and (UNITS[unit] < 3600 or got[0] <= 12)):  # "an hour and another for 30": not 30 hours
            # "... for 4 minutes and another for 5": the bare number at the end takes the unit said before
            shared += [*words[i : i + got[1]], unit]
            break
        shared.append(words[i])
        i += 1
    out, start = [], 0
    while (found := _first_length(shared[start:])) is not None:
        out.append(found[0])
        start += found[1]
    return out


# a clock time a timer runs to: "for 3 pm", "until 5:30 pm", "at noon", "to 7 o'clock", "for 6:30"
CLOCK = re.compile(
    r"\b(?:at|for|until|till|til|to)\s+(?:(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>[ap])\s?m\b"
    r"|(?P<oclock>\d{1,2})(?:[:.](?P<m2>\d{2}))?\s+o'?clock\b|(?P<word>noon|midday|midnight)\b"
    r"|(?P<hm>\d{1,2})[:.](?P<mm>\d{2})\b)"
)
_PREPS = {"at", "for", "until", "till", "til", "to"}
_HALF_DAY = (  # what says which half of the day a spoken time is in
    (["a", "m"], "a"), (["am"], "a"), (["in", "the", "morning"], "a"),
    (["p", "m"], "p"), (["pm"], "p"), (["in", "the", "afternoon"], "p"), (["in", "the", "evening"], "p"),
    (["at", "night"], "p"), (["tonight"], "p"),
)
_PARTS = {"half": 30, "quarter": 15}


def _count_at(words: list[str], i: int, low: int, high: int) -> tuple[int, int] | None:
    """A whole number from low to high at words[i] (digits or words) and the words it took."""
    got = _number(words, i) if i < len(words) and words[i] not in ("a", "an") else None
    if got is None or not got[0].is_integer() or not low <= got[0] <= high:
        return None
    return int(got[0]), got[1]


def _spoken_clock(words: list[str], i: int) -> tuple[int, int, str | None, int] | None:
    """A clock time said in words from words[i]: "six thirty", "seven oh five", "half past six", "quarter
    to seven", "ten past six", "seven o'clock", "seven in the morning". (hour 1-12, minute, "a" / "p" /
    None, the index after its words.) An hour said alone is a time after "at" or "until" ("wake me up at 7"), not after "for" ("for
    five" is a length whose unit was not heard)."""
    minute, hour, j = None, None, i
    part = _PARTS.get(words[i]) if i < len(words) else None
    rel = _count_at(words, i, 1, 29) if part is None else (part, 1)
    if rel is not None:  # "half past six", "twenty to seven"
        k = i + rel[1] + (words[i + rel[1] : i + rel[1] + 1] == ["minutes"])
        if words[k : k + 1] in (["past"], ["after"], ["to"], ["before"]) and (h := _count_at(words, k + 1, 1, 12)):
            back = words[k] in ("to", "before")
            hour, minute = (h[0] - 1 if back else h[0]) or 12, (60 - rel[0] if back else rel[0])
            j = k + 1 + h[1]
    if hour is None:
        h = _count_at(words, i, 1, 12)
        if h is None:
            return None
        hour, j = h[0], i + h[1]
        if words[j : j + 1] == ["o'clock"]:
            minute, j = 0, j + 1
        elif words[j : j + 1] in (["oh"], ["o"]) and (m := _count_at(words, j + 1, 1, 9)):
            minute, j = m[0], j + 1 + m[1]
        elif (m := _count_at(words, j, 10, 59)) and words[j + m[1] : j + m[1] + 1] != ["minutes"]:
            minute, j = m[0], j + m[1]
        if j < len(words) and words[j] in UNITS:
            return None
    said, half = next(((said, ap) for said, ap in _HALF_DAY if words[j : j + len(said)] == said), ([], None))
    if half == "p" and words[j] in ("at", "tonight") and hour < 6:  # "two thirty at night": after midnight
        half = "a"
    if minute is None and half is None and words[i - 1] not in ("at", "until", "till", "til"):
        return None
    return hour, minute or 0, half, j + len(said)


def _clock_said(split: list[str]) -> tuple[int, tuple[int, int, str | None, int]] | None:
    """Where the first clock time said in words begins (the word before it: "at", "for" ...) and what it is."""
    return next(((i, c) for i, w in enumerate(split) if w in _PREPS and (c := _spoken_clock(split, i + 1))), None)


def without_spoken_clock(words: str) -> str:
    """The words without a clock time said in words and the word before it ("at six thirty", "for half
    past seven"): what a timer is for is in the rest."""
    split = words.split()
    found = _clock_said(split)
    return words if found is None else " ".join(split[: found[0]] + split[found[1][3] :])


MORNING_SAID = re.compile(r"\b(?:in the morning|this morning|tomorrow morning)\b")
EVENING_SAID = re.compile(r"\b(?:in the (?:afternoon|evening)|tonight|this (?:afternoon|evening)|tomorrow (?:afternoon|evening))\b")
WAKE_SAID = re.compile(r"\b(?:wake|get) (?:me|us) up\b")


def until_clock(text: str, now: datetime) -> datetime | None:
    """The next time the clock shows the time a sentence names ("set a timer for 3 pm", "wake me up at six
    thirty"), or None. The timer's arguments hold a length: the language model turned "for 3 pm" into 3
    minutes and "for six thirty" into 630. A time said without am or pm ("7 o'clock") is the next of the
    two."""
    words = normalize(text)
    m = CLOCK.search(words)
    if m is None:
        found = _clock_said(words.replace("-", " ").split())
        if found is None:
            return None
        h, minute, half, _ = found[1]
        hours = [h % 12 + (12 if half == "p" else 0)] if half else [h % 12, h % 12 + 12]
    elif m["word"]:
        hours, minute = ([0] if m["word"] == "midnight" else [12]), 0
    elif m["h"]:
        h, minute = int(m["h"]), int(m["m"] or 0)
        if not 1 <= h <= 12:
            return None
        hours = [h % 12 + (12 if m["ap"] == "p" else 0)]
    else:
        h, minute = (int(m["oclock"]), int(m["m2"] or 0)) if m["oclock"] else (int(m["hm"]), int(m["mm"]))
        if not 0 <= h <= 23:
            return None
        hours = [h] if h > 12 or h == 0 else [h % 12, h % 12 + 12]
    if minute > 59:
        return None
    if len(hours) == 2:  # "wake me up at 7", "at 8 in the morning": the morning's; "at 6 this evening": the evening's
        if MORNING_SAID.search(words) or (WAKE_SAID.search(words) and 4 <= hours[0] <= 11):
            hours = hours[:1]
        elif EVENING_SAID.search(words):
            hours = hours[1:]
    tomorrow = re.search(r"\btomorrow\b", words) is not None  # "tomorrow at 9": not the next 9 o'clock
    times = []
    for hour in hours:
        t = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
        times.append(t + timedelta(days=1) if tomorrow or t <= now else t)
    return min(times)


def clock_alone(words: str, now: datetime) -> datetime | None:
    """The next time the clock shows the time these words are, when they are a clock time and nothing
    more ("3 pm", "half past six", "noon"; not "3 pm london"), else None."""
    said = f"at {words}"
    split = said.split()
    if CLOCK.fullmatch(said) or ((c := _spoken_clock(split, 1)) is not None and c[3] == len(split)):
        return until_clock(said, now)
    return None


def counted(n: int, unit: str) -> str:
    """ "1 day", "3 weeks"."""
    return f"{n} {unit}{'s' if n != 1 else ''}"


def length_parts(seconds: float) -> list[tuple[int, str]]:
    """A length's two largest parts in whole hours, minutes and seconds: [(1, "hour"), (30, "minute")]."""
    seconds = round(seconds)
    parts = []
    for name, size in (("hour", 3600), ("minute", 60), ("second", 1)):
        n, seconds = divmod(seconds, size)
        if n:
            parts.append((n, name))
    return parts[:2]


def spoken_length(seconds: float) -> str:
    """A length as said: "1 hour and 30 minutes", "2 minutes and 5 seconds"."""
    return " and ".join(counted(n, name) for n, name in length_parts(seconds)) or "0 seconds"


def whole_unit(seconds: float) -> tuple[float, str] | None:
    """The length in the largest unit it is a whole number of (hours, then minutes): (1.0, "hour") for
    3600, (90.0, "minute") for 5400; None for lengths of seconds."""
    for name, size in (("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            return seconds / size, name
    return None


def hours_and_minutes(minutes: int) -> str:
    """A length in whole minutes as said: "2 hours and 5 minutes", "45 minutes", "1 hour"."""
    h, m = divmod(minutes, 60)
    parts = [counted(h, "hour")] * bool(h) + [counted(m, "minute")] * bool(m or not h)
    return " and ".join(parts)


def spoken_time(hour: int, minute: int) -> str:
    """A clock time as said: "3 PM", "7:05 AM", "noon", "midnight"."""
    suffix = "AM" if hour < 12 else "PM"
    h = hour % 12 or 12
    if minute == 0:
        # "11 AM", as people say it ("11 o'clock AM" says the hour twice over)
        return f"{h} {suffix}" if hour not in (0, 12) else ("midnight" if hour == 0 else "noon")
    return f"{h}:{minute:02d} {suffix}"

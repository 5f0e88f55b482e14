"""The built-in skills' arguments read from a command's words (skill_api.ArgReader), once the classifier
has chosen the skill. The templates read exact phrasings; these read the parts that have a fixed form in
any phrasing (a date, a length, a zone or city after "in", a keyword for a closed choice) and give up
(None) where a part of the words has no place, so that the language model reads those. The 0.5B model
copied out half a date ("the twenty second" of "the twenty second of may"), put days in place fields
("location": "tuesday") and took ~0.5 s a command to do it.

English only: the router asks the model for other languages.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from .dates import date_in, parse_date
from .durations import CLOCK, spoken_lengths, spoken_seconds, until_clock, whole_unit
from .text import normalize
from .timer_purpose import LENGTH
from .worldtime import HERE_WORDS, find_zone


def _said(table: dict[str, str], words: str) -> list[str]:
    """The entries of a keyword table ({value: pattern}) whose pattern the words match."""
    return [value for value, pattern in table.items() if re.search(pattern, words)]


# -- get_time --------------------------------------------------------------------------------------

# the place at the end of a question, once its date is out: "... in tokyo [right now]"
_TIME_PHRASE = re.compile(
    r"^.*\b(?:in|at|for)\s+(?P<place>[a-z0-9][a-z0-9' .:-]*?)"
    r"(?:\s+(?:now|right now|today|at the moment|currently|please))?$"
)
_ZONE_TIME = re.compile(r"^(?:what(?:'s| is) )?(?:the )?(?:current )?(?P<place>[a-z][a-z' .-]*?) time(?: now)?$")  # "tokyo time"
# typed tersely, the place after the word: "time paris", "current time in" left out
_TIME_ZONE = re.compile(r"^(?:the )?(?:current |local )?(?:time|date) (?P<place>[a-z][a-z' .-]*?)(?: now| right now)?$")
_HERE = HERE_WORDS | {"my location", "the moment", "now"}  # "in my location", "at the moment"
_NOT_A_DATE = {"today", "it", "now", "this"}


def _what(words: str) -> str | None:
    if re.search(r"\bdate\b", words):
        return "date"
    if re.search(r"\b(?:what|which) day\b|\bwhat(?:'?s| is) the day\b|\bday of the week\b|\bweekday\b", words):
        return "day"
    if re.search(r"\b(?:time|hour)\b", words):
        return "time"
    return None


def time_args(text: str) -> dict[str, Any] | None:
    """get_time: `what` from its keyword, `date` as said (the longest run of words that is a date), `place`
    from the last phrase after "in" / "at" / "for" (once the date is out) that names a zone or a city on file. A phrase there that
    is none of those (an unknown town, "the train") is left to the model: None."""
    words = normalize(text)
    today = date.today()
    args: dict[str, Any] = {}
    if what := _what(words):
        args["what"] = what
    spoken = date_in(re.sub(r"\bfalls? on\b", "on", words), today)  # "does it fall on": the verb, not autumn
    if spoken and re.sub(r"^(?:on|for) ", "", spoken) not in _NOT_A_DATE:  # "for today" is the plain question
        args["date"] = spoken
    rest = re.sub(rf"\b{re.escape(spoken)}\b", " ", words) if spoken else words
    if m := _TIME_PHRASE.match(rest):
        place = m["place"].strip()
        if CLOCK.search(m.group(0)) or spoken_seconds(place):  # "at 5 pm", "in 3 hours": the handler reads those
            rest = rest[: m.start("place")]
            if (before := _TIME_PHRASE.match(rest.strip())) and before["place"] not in _HERE:
                return None  # "in tokyo at 5 pm": a place and a time to convert, the model's to read
        elif not (place in _HERE or parse_date(place, today)):
            if find_zone(place) is None:
                return None
            args["place"] = place
    elif (m := _ZONE_TIME.match(rest) or _TIME_ZONE.match(rest)) and m["place"] not in _HERE and find_zone(m["place"]) is not None:
        args["place"] = m["place"]
    if re.search(r"\d", rest.replace(args.get("place", "\0"), " ")):
        return None  # a number that is no date, length or clock time: "what is 3 pm london time in new york"
    return args or None  # no keyword, date or place: what is asked is the model's to read


# -- set_timer -------------------------------------------------------------------------------------

# each action's words; a command with words of two actions ("remove 2 minutes": cancel or take off) is
# left to the model. "add a timer" sets one; "check the oven" is a purpose, not a question
_ACTIONS = {
    "cancel": r"\b(?:cancel|stop|delete|remove|clear|turn off|switch off|kill|dismiss|get rid of|abort)\b",
    "list": r"\b(?:list|how (?:much|long|many)|left|remaining|status|running|active|which timers?|what timers?"
    r"|show (?:me )?(?:my|the|all) timers?|do i have|are there|is there"
    r"|(?:is|has) (?:my|the|it) (?:[a-z]+ )?(?:timer )?(?:done|finished|up|over|gone off|rung|ended))\b",  # "is my timer done"
    "pause": r"\b(?:pause|hold|freeze)\b",
    # "reset the timer", "start it over": the same length again from the start ("restart the timer" alone resumes)
    "restart": r"\b(?:reset|(?:re)?start (?:it|that|the (?:[a-z]+ )?timer|my (?:[a-z]+ )?timer) over\b|(?:re)?start .*from the (?:beginning|start|top|scratch))\b",
    # "name the timer pasta", "rename the timer to eggs", "call the timer rice"
    "rename": r"\b(?:rename|(?:name|call|label) (?:it|that|this|the timer|my timer|the [a-z]+ timer|the [a-z]+ one))\b",
    "resume": r"\b(?:resume|continue|unpause|un pause)\b",
    "add": r"\badd\b(?!\s+(?:a|an|another|one|new)\b)|\b(?:more|extra|extend)\b",
    "subtract": r"\b(?:take|knock)\b.*\boff\b|\bremove\b.*\bfrom\b|\b(?:subtract|less|shorten|reduce|minus)\b",
}
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|ninety|hundred|half|quarter|couple|an hour|a minute|a second)\b"
)
_TIMER_NAME = re.compile(r"\b(?:the|my|our)\s+(?P<name>(?:[a-z']+\s+){0,2}?[a-z']+)\s+timers?\b")
_NEW_NAME = re.compile(r"\b(?:rename|name|call|label)\b.*?\b(?:it|that|this|timer|one)(?: to)? (?:the )?(?P<name>[a-z']+(?: [a-z']+)?)(?: please)?$")
_NOT_A_NAME = {"countdown", "kitchen", "current", "running", "active", "last", "first", "other", "only", "new",
               "second", "minute", "hour", "old", "existing"}


ANOTHER_ONE = re.compile(r"\b(?:(?:another|a second|a new) one|one more)\b")
# "and one for 5 minutes for the bread" right after a timer: "one" is a timer, not a number
LEADING_ONE = re.compile(r"^((?:(?:and|also|then|ok|okay|now|set|start|make|add),? )*)one (?=for\b)")
# with a length for each, how many timers and which: "set two timers, one for 3 minutes and one for 10
# minutes", "4 minutes and another for 5" (the handler reads each length from the words)
TIMER_COUNT = re.compile(r"\b(?:two|three|four|2|3|4|a couple of|couple of) timers\b")
ONE_FOR = re.compile(r"\b(?:one|the other(?: one)?) for\b")
ANOTHER_FOR_N = re.compile(r"\b(?:another|timer) for \S+$")


def timer_args(text: str) -> dict[str, Any] | None:
    """set_timer: the action from its words (set when none), the length as said (the handler reads
    compound lengths from the words again), and for a timer to change or cancel, its name ("the egg
    timer"); a timer to a clock time ("for 7 am", "at six thirty"). Another number that is not a length
    ("2 timers") is left to the model: None."""
    words = ANOTHER_ONE.sub("another timer", normalize(text))  # "and another one for 5 minutes": no number
    words = LEADING_ONE.sub(r"\1another timer ", words)
    actions = _said(_ACTIONS, words)
    if len(actions) > 1:
        return None
    action = actions[0] if actions else "set"
    seconds = spoken_seconds(words)
    if action == "rename" and seconds:  # "set a 5 minute timer and call it pasta": a new timer, named
        action = "set"
    args: dict[str, Any] = {"action": action}
    now = datetime.now()
    if action == "set" and not seconds and (at := until_clock(words, now)) is not None:
        # "set a timer for 7 am", "wake me up at six thirty": the handler counts to that time from the
        # words again, on the configured clock; this length only says how long, roughly, for the schema
        return {"action": "set", "duration": max(1, round((at - now).total_seconds() / 60)), "unit": "minutes"}
    if seconds:
        args["duration"], args["unit"] = _duration(seconds)
    if len(spoken_lengths(words)) > 1:  # a length for each timer: the other numbers count them
        words = ANOTHER_FOR_N.sub("", ONE_FOR.sub("another for", TIMER_COUNT.sub("timers", words)))
    if _NUMBER.search(LENGTH.sub(" ", words)):  # a number that is not a length: "for 7 am", "2 timers"
        return None
    if seconds and action in ("pause", "resume"):  # "hold the timer for a sec": no timed pause
        return None
    if action == "rename" and (m := _NEW_NAME.search(words)):  # the name it gets; the handler finds which timer
        return {"action": "rename", "name": m["name"]}
    if action != "set" and (m := _TIMER_NAME.search(words)):
        name = m["name"]
        if not set(name.split()) & _NOT_A_NAME and not _NUMBER.search(name):
            args["name"] = name
    return args


def _duration(seconds: float) -> tuple[float, str]:
    whole = whole_unit(seconds)
    return (whole[0], f"{whole[1]}s") if whole else (seconds, "seconds")


# -- weather ---------------------------------------------------------------------------------------

# the next hours are today's forecast, not a place: "will it rain in the next hour"
_HOURS_AHEAD = r"(?:in|for|over|within) (?:the )?(?:next|coming) (?:hour|few hours|couple (?:of )?hours)|in an hour|within the hour"
# the manifest's conventions (its examples): a weekday is that week's forecast, Saturday or Sunday the
# weekend's; a coat is a question about the cold
_DAYS = {
    "weekend": r"\b(?:weekend|saturday|sunday)\b",
    "week": r"\b(?:(?:this|the|next|coming) week(?:'?s)?|next few days|coming days|monday|tuesday|wednesday|thursday|friday)\b",
    "tomorrow": r"\btomorrow'?s?\b",
    "today": rf"\b(?:today'?s?|tonight|this (?:morning|afternoon|evening)|right now|{_HOURS_AHEAD})\b",
}
_CONDITIONS = {
    "rain": r"\b(?:rain\w*|umbrella|drizzl\w*|showers?|pour\w*|wet|thunder\w*)\b",  # thunder: a rain code
    "snow": r"\bsnow\w*\b",
    "wind": r"\b(?:wind\w*|storm\w*|gales?|gusty)\b",
    "sun": r"\b(?:sunny|sunshine|sunglasses|sunscreen|clear skies|nice out\w*)\b",
    "hot": r"\b(?:hot|heat\w*|shorts|warm)\b",
    "cold": r"\b(?:cold|freez\w*|chilly|jacket|(?<!rain )coat|sweater|frost\w*|bundle up|layers|gloves|scarf)\b",
    "outing": r"\b(?:good|nice|great|decent|okay|ok) (?:enough |day |time |weather )(?:for|to go)\b",
}
# words after the place that say when or are only polite: "in paris tomorrow please"
_AFTER_PLACE = re.compile(
    r"(?:\s+(?:today|tonight|tomorrow|now|right now|please|outside|this (?:morning|afternoon|evening|week|weekend)"
    rf"|(?:in|for) the (?:morning|afternoon|evening|week|weekend)|on (?:the )?\w+day|next week|{_HOURS_AHEAD}))+$"
)
_PLACE = re.compile(r"^.*\b(?:in|for|at|near|around)\s+(?P<place>[a-z0-9][a-z0-9' .-]*)$")
# typed or said tersely, a town without "in": "weather zurich", "zurich weather", "forecast for paris";
# not a word that says what weather or what of it ("nice weather", "weather report")
_WEATHER_SAID = (
    r"the|a|weather|temperature|what|what's|whats|how|how's|is|local|current|today|todays|today's|tomorrow|tomorrows|tomorrow's|weekend|"
    r"my|your|our|this|that|good|nice|bad|great|lovely|beautiful|terrible|awful|horrible|perfect|weird|strange|"
    r"crazy|cold|hot|warm|cool|rainy|sunny|snowy|stormy|windy|wet|dry|mild|same|any|some|more|real|live|"
    r"give|gimme|show|get|tell|check|see|need|want|read|and|or|for|of|about"
)
_REPORT = (
    r"in|at|for|near|around|like|today|now|report|forecast|update|updates|conditions|outside|alerts?|warnings?|"
    r"radar|please|app|station|is|was|will|would|looks?|seems?|be|has|gets?|going|should|could|might|and|or|but"
)
_BARE_PLACE = re.compile(
    rf"(?:the )?(?:weather(?: for)?|temperature(?: for)?|forecast for) (?P<place>(?!(?:{_REPORT})\b)[a-z][a-z' .-]*)"
    rf"|(?P<place2>(?!(?:{_WEATHER_SAID})\b)[a-z][a-z'.-]*(?: (?!(?:{_WEATHER_SAID})\b)[a-z][a-z'.-]*)?) (?:weather|forecast)"
)
# the town one travels to: "should i bring an umbrella to london tomorrow", "do i need to pack a coat to paris"
_TRAVEL = re.compile(
    r"^.*\b(?:(?:bring|take|pack)\s+(?:an? |my |the |some )?[a-z]+|fly|flying|drive|driving|travel|travell?ing|heading)"
    r"\s+to\s+(?P<place>[a-z][a-z' .-]*)$"
)
# "for my trip to paris": the town the trip is to, not a town called "my trip to paris"
_TRIP = re.compile(r"^(?:my|our|a|the|this) (?:trip|travels?|flight|drive|journey|visit|holiday|vacation|weekend|day out)"
                   r" (?:to|in) (?P<place>[a-z][a-z' .-]*)$")
_OWNED = {"my", "your", "our", "his", "her", "their", "a", "an", "this", "that", "work", "school"}
_WEATHER_WORDS = {"layers", "jacket", "coat", "umbrella", "shorts", "gloves", "rain", "snow", "sun"}
_OUTINGS = {"running", "a run", "walking", "a walk", "cycling", "biking", "a bike ride", "hiking", "a hike", "jogging",
            "swimming", "a swim", "skiing", "golf", "tennis", "gardening", "a picnic", "a barbecue", "a bbq", "sailing"}
_PRONOUNS = {"me", "us", "you", "here", "there", "it"}  # "near me": home (the handler knows "near me" too)
_NOT_A_PLACE = re.compile(
    rf"\d|\b(?:the )?(?:morning|afternoon|evening|night|day|days|week|weekend|hour|hours|moment|future|area"
    rf"|next|rest|today|tomorrow|month|year|all|celsius|fahrenheit|degrees|forecast|weather|noon|midday|midnight|o'?clock)\b"
    rf"|{_DAYS['week']}|{_DAYS['weekend']}"
    r"|^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)$"  # "and at six": an hour
)


def weather_args(text: str) -> dict[str, Any] | None:
    """weather: `day` and `condition` from their words (two different days or conditions: None), the
    place from the last phrase after "in" / "for" / "at" / "near", at the end. Numbers, and a phrase there
    that holds days or hours ("for the next few days"), are left to the model."""
    words = normalize(text)
    if _NUMBER.search(words):  # "the next 4 days", "at 5 pm", "above 20 degrees": no argument holds a number
        return None
    args: dict[str, Any] = {}
    for key, table in (("day", _DAYS), ("condition", _CONDITIONS)):
        found = _said(table, words)
        if len(found) > 1:
            return None
        if found:
            args[key] = found[0]
    said = _AFTER_PLACE.sub("", words)
    m = _PLACE.match(said) or _BARE_PLACE.fullmatch(said) or _TRAVEL.match(said)
    if m:
        place = (m["place"] or m.groupdict().get("place2") or "").strip()
        if _said(_CONDITIONS, place) and args.get("condition"):
            pass  # "should i bring in umbrella tonight" (a recognizer's "an umbrella"): what, not where
        elif _NOT_A_PLACE.search(place):
            if not re.fullmatch(r"all|(?:the )?(?:morning|afternoon|evening|night|area|moment)", place):  # "at all"
                return None
        elif trip := _TRIP.match(place):
            args["location"] = trip["place"]
        elif place.split()[0] in _OWNED:  # "for my outing", "for a dress", "at work": not a town
            pass
        elif place in _OUTINGS:  # "the weather for running this evening": whether it suits that
            args.setdefault("condition", "outing")
        elif place.split()[0] == "the" or set(place.split()) & _WEATHER_WORDS:  # "at the beach": which?
            return None
        elif place not in _PRONOUNS:
            args["location"] = place
    return args


# -- find_restaurant: a table asked for ---------------------------------------------------------------

_BOOKING = re.compile(r"\b(?:book|booking|reserve|reservations?|a table for|tables? available)\b")
# what a booking says besides the place: who for, how many, when (taken out before the place is read)
_BOOKING_DETAILS = [
    r"\bunder (?:the name (?:of )?)?[a-z']+",
    r"\b(?:use|using) the name [a-z']+( to)?",
    r"\bfor (?:the )?[a-z]+s\b(?= at|$)",  # "for the calloways"
    r"\b(?:for|party of) (?:\d+|[a-z]+)(?: (?:people|persons|guests|of us))?\b(?! at [a-z])",
    r"\b(?:at|for|around|by) (?:\d{1,2}(?::\d{2})?\s*(?:[ap]\s?m)?|noon|midnight|[a-z]+ (?:[ap]m|o'clock)"
    r"|(?:half|quarter) (?:past|to) [a-z]+)\b",
    r"\b(?:today|tonight|tomorrow(?: night)?|this (?:evening|weekend)|(?:on|this|next) [a-z]+day|[a-z]+day)\b",
]
# a booking that names no place once who and when are out: the place the last answer named
_TABLE_ONLY = re.compile(
    r"(?:(?:can|could|would) you |please |i'd like to |i want to |let's |go ahead and )*(?:book|reserve|get)"
    r"(?: me| us)? (?:a table|one|a booking|a reservation)(?: there)?(?: please)?"
    r"|(?:make|i'd like to make|i want to make) a (?:reservation|booking)(?: there)?(?: please)?"
)
_NO_NAME = {"it", "that place", "there", "restaurant", "the restaurant", "place", "cafe", "bar", "pub"}
_AT_PLACE = re.compile(r"^.*\bat (?:the )?(?P<name>[a-z][a-z0-9'&. -]*?)\s*$")


def table_args(text: str) -> dict[str, Any] | None:
    """find_restaurant, when the words ask for a table: `about` book and the place's name, the words after
    the last "at" once who, how many and when are out ("reserve a table for 3 at lucky's under the name
    melissa at 7 pm" -> lucky's; the model had written the guest's name as the place's). Any other request,
    or a booking without "at" a place, is the model's to read: None."""
    words = normalize(text)
    if not _BOOKING.search(words):
        return None
    rest = words
    for pattern in _BOOKING_DETAILS:
        rest = re.sub(pattern, " ", rest)
    rest = " ".join(rest.split())
    if _TABLE_ONLY.fullmatch(rest):  # "book a table for two at 8": no place said, the one just named
        return {"about": "book", "name": "that place"}
    m = _AT_PLACE.match(rest)
    if m is None or _NUMBER.search(m["name"]):
        return None
    name = re.sub(r"\s+(?:for|on|in|please|and)$", "", m["name"]).strip()
    if not name or name in _NO_NAME or name.split()[0] in ("a", "an", "some", "any"):
        return None  # "at a thai place", "at the restaurant": a kind of place, not its name
    name, _, town = name.partition(" in ")  # "spago in beverly hills": the place, and the town it is in
    return {"about": "book", "name": name} | ({"near": town} if town else {})


# -- summarize ------------------------------------------------------------------------------------------

# a file said or typed: a path ("/home/sam/notes.txt", "~/a.md", "./b.pdf") or a file name with a kind the
# skill reads; the model had copied out part of one ("nu/doc.txt" for "/tmp/exp/nu/doc.txt")
_KINDS = r"\.(?:txt|md|markdown|html?|pdf|eml)"
_FILE = [
    re.compile(rf"(?<!\S)(?P<path>(?:~|\.{{1,2}})?/.*?{_KINDS})(?!\S)", re.I),  # "/home/sam/Q3 notes.txt"
    re.compile(r"(?<!\S)(?P<path>(?:~|\.{1,2})?/\S+)"),  # a path without a kind: "/tmp/README"
    re.compile(rf"(?<!\S)(?P<path>[\w.-]+{_KINDS})(?!\S)", re.I),  # a file name: "budget.pdf"
]


# the newest email or the inbox, named as such ("who sent me the last email", "what's in my inbox"); not
# someone's ("bob's last email") or one from or about something ("my last email from bob")
_NEWEST_MAIL = re.compile(
    r"\b(?:my|the) (?:(?:very )?(?:last|latest|newest|most recent)) (?:e-?mail|mail|message)s?\b(?! (?:from|about|by|of)\b)"
)
_INBOX = re.compile(r"\b(?:my|the) (?:inbox|mailbox)\b")


def summary_args(text: str) -> dict[str, Any] | None:
    """summarize: a file path or name in the words, as written (case and slashes kept), the newest email
    or the inbox named as such; anything else ("bob's message") is the model's and the templates' to read."""
    said = text.rstrip(" .?!")
    m = next((m for form in _FILE if (m := form.search(said))), None)
    if m:
        return {"source": m["path"]}
    words = said.lower()
    if _NEWEST_MAIL.search(words):
        return {"source": "last email"}
    return {"source": "inbox"} if _INBOX.search(words) else None

"""weather: current conditions and daily forecast from an Open-Meteo-compatible API.

The assistant is offline by default, so this skill only goes to the network when the user turns it on:

    [network]
    allow = true
    [weather]
    url = "https://api.open-meteo.com/v1/forecast"          # any server speaking Open-Meteo's JSON
    geocoding_url = "https://geocoding-api.open-meteo.com/v1/search"   # optional: towns by name
    latitude = 47.14
    longitude = 9.52
    place = "Vaduz"                                         # how home is called in replies
    units = "celsius"                                       # or "fahrenheit"

Without that it says plainly that it cannot check the weather offline.
"""

from __future__ import annotations

import asyncio
import re
from datetime import datetime
from typing import Any

from assistant.dates import WEEKDAYS
from assistant.forecast import WeatherError, fetch, on_map, settings_allowed
from assistant.forecast_best import WHEN_ASKED, best_day, first_day
from assistant.forecast_days import dated
from assistant.forecast_hours import hours_asked, rain_timing, said_for_hours
from assistant.forecast_words import RAIN_CODES, SNOW_CODES, WMO, deg
from assistant.skill_api import Reply
from assistant.sky import DARK_ASKED, SUN_ASKED, sun_reply
from assistant.spoken_args import weather_args
from assistant.text import CARDINALS, THERE, normalize
from assistant.weather_settings import WeatherSettings

read_args = weather_args  # the router reads this skill's arguments from the words (skill_api.ArgReader)

def _day_line(daily: dict[str, Any], i: int) -> str:
    code = int(daily["weather_code"][i])
    hi, lo = daily["temperature_2m_max"][i], daily["temperature_2m_min"][i]
    rain = (daily.get("precipitation_probability_max") or [None] * (i + 1))[i]
    line = f"{WMO.get(code, 'mixed weather')}, from {deg(lo)} to {deg(hi)}"
    if rain is not None:
        line += f", {round(rain)} percent chance of {'snow' if code in SNOW_CODES else 'rain'}"
    return line


# a day where a place goes: the weekday is read from the words ("what's the forecast for friday")
DAY_ONLY = re.compile(rf"(?:on |for |this |next |this coming )?(?P<day>{'|'.join(WEEKDAYS)}|tomorrow|today)(?:'s)?")
DAY_AFTER = re.compile(r"\b(?:the )?day after(?: tomorrow)?$|\bday after tomorrow\b")
# a template's place that is only time: "will it rain in the next two days" (FEW_DAYS counts them), "at 3 pm"
ONLY_TIME = re.compile(
    r"(?:the )?(?:next|coming) (?:few |couple (?:of )?|\w+ )?(days?|hours?)"
    r"|(?:for )?(?:the )?rest of (?:the |this )?(week|day)"  # "the weather for the rest of the week"
    r"|(?:at |around )?(?:\d{1,2}(?::\d{2})?(?: ?[ap] ?m| o'?clock)?|noon|midday|midnight)"  # "at 3 pm", "and at 6?": no town
    r"|(?:in )?the (?:morning|afternoon|evening|night)|this (?:morning|afternoon|evening)|tonight"  # "how about in the evening"
)
# a template's place that ran on into an hour: "zurich at noon", "london around 5 pm"
PLACE_AT_TIME = re.compile(r"^(?P<place>.+?) (?:at|around|by) (?:\d{1,2}(?::\d{2})?(?: ?[ap] ?m| o'?clock)?|noon|midday|midnight)$")
AT_HOME = {"work", "the office", "office", "school", "the gym", "gym", "the park", "park"}  # places of one's day, near home
# what Open-Meteo's forecast here does not hold
NOT_IN_FORECAST = re.compile(r"\b(humidity|humid|uv index|uv|pollen|air quality|visibility|air pressure|pressure)\b")
# "the temperature in fahrenheit", "... in paris in celsius": the unit for this answer, not a place
UNIT_SAID = re.compile(r"(?:^|\s*\bin )(?:degrees )?(?P<unit>fahrenheit|celsius|centigrade)$")


def _wind_unit(data: dict[str, Any]) -> str:
    unit = (data.get("daily_units") or {}).get("wind_speed_10m_max") or (data.get("current_units") or {}).get("wind_speed_10m", "")
    return {"km/h": " kilometers per hour", "mp/h": " miles per hour", "mph": " miles per hour", "m/s": " meters per second",
            "kn": " knots"}.get(unit, f" {unit}" if unit else "")


# clothes asked about: "do i need a jacket" is a question about the cold, answered yes or no
CLOTHES = re.compile(r"\b(jacket|coat|sweater|jumper|hoodie|scarf|gloves|hat|warm clothes|layers|shorts|t shirt)\b")
COLD_BELOW = 15  # degrees Celsius at the day's warmest: a jacket
COLD_NOW = 10  # degrees Celsius now: "is it cold outside" is a yes
IS_IT = re.compile(r"^(?:is it|it is|is the weather|is it going to be|will it be) (?:\w+ )?(?:cold|chilly|freezing|hot|warm)\b")


def _in_units(celsius: float, data: dict[str, Any]) -> float:
    """A temperature in the forecast's own unit (Fahrenheit when [weather] units asked for it)."""
    unit = (data.get("current_units") or {}).get("temperature_2m") or (data.get("daily_units") or {}).get("temperature_2m_max")
    return celsius * 9 / 5 + 32 if unit == "°F" else celsius


def _wet(codes: list[int], probs: list[float], also: frozenset[int] | set[int] = frozenset()) -> bool:
    """Rain (or also those codes) in the forecast, or a chance of it of one in two."""
    return any(c in RAIN_CODES | also for c in codes) or max(probs) >= 50


def _top_wind(data: dict[str, Any], days: list[int]) -> tuple[float, bool]:
    """The strongest wind of the days, and whether that is windy (30 km/h, 19 mph)."""
    top = max(data["daily"]["wind_speed_10m_max"][i] for i in days)
    return top, top >= (19 if "mile" in _wind_unit(data) else 30)


def _answer_condition(cond: str, data: dict[str, Any], days: list[int], when: str, words: str = "") -> str:
    daily = data["daily"]
    codes = [int(daily["weather_code"][i]) for i in days]
    probs = [(daily.get("precipitation_probability_max") or [0] * 8)[i] or 0 for i in days]
    if cond == "rain":
        wet = _wet(codes, probs)
        return f"{'Yes, rain is likely' if wet else 'No rain expected'} {when} ({round(max(probs))} percent chance)."
    if cond == "snow":
        return f"{'Yes, snow is expected' if any(c in SNOW_CODES for c in codes) else 'No snow expected'} {when}."
    if cond == "wind":
        top, windy = _top_wind(data, days)
        return f"{'Yes, it will be windy' if windy else 'Not very windy'} {when}, wind up to {round(top)}{_wind_unit(data)}."
    if cond == "sun":
        sunny = any(c <= 2 for c in codes)
        return f"{'Yes, mostly sunny' if sunny else 'Not really sunny'} {when}: {WMO.get(codes[0], 'mixed')}."
    hi = max(daily["temperature_2m_max"][i] for i in days)
    lo = min(daily["temperature_2m_min"][i] for i in days)
    span = f"between {round(lo)} and {deg(hi)} {when}"
    if cond == "outing":  # "a good day for a walk": dry, not stormy, not freezing at its warmest
        bad = (("wet", _wet(codes, probs, SNOW_CODES)), ("windy", _top_wind(data, days)[1]), ("cold", hi < _in_units(5, data)))
        why = [w for w, was in bad if was]
        verdict = f"Not really, it'll be {' and '.join(why)}" if why else "Yes, it looks fine"
        return f"{verdict}: {WMO.get(codes[0], 'mixed')}, {span}."
    if cond == "wear":  # "what should i wear": clothes for the day's warmest, an umbrella when rain is likely
        clothes = next((c for top, c in WEAR_FOR if hi < _in_units(top, data)), "something light")
        return f"{span[0].upper()}{span[1:]}: wear {clothes}" + (", and take an umbrella." if _wet(codes, probs) else ".")
    if cond in ("cold", "hot") and (worn := CLOTHES.search(words)) is not None:
        cold = hi < _in_units(COLD_BELOW, data)
        if worn[1] in ("shorts", "t shirt"):
            return f"{'Probably not: it stays cold' if cold else 'Yes, it gets warm'}, {span}."
        return f"{'Yes, it stays cold' if cold else 'Probably not, it gets mild'}: {span}."
    now = (data.get("current") or {}).get("temperature_2m")
    if cond in ("cold", "hot") and days == [0] and IS_IT.match(words) and TONIGHT.search(words):
        # "is it going to be cold tonight": yes or no by the night's low, not the temperature now
        yes = (lo < _in_units(COLD_NOW, data)) == (cond == "cold")
        night = when.replace("today", "tonight", 1)
        return f"{'Yes' if yes else 'Not really'}: down to {deg(lo)} {night}."
    if cond in ("cold", "hot") and now is not None and days == [0] and IS_IT.match(words):
        # "is it cold outside": yes or no, by the temperature now
        cold = now < _in_units(COLD_NOW, data)
        yes = cold if cond == "cold" else not cold
        place = when.removeprefix("today").strip()  # "in Zurich", or nothing at home
        return f"{'Yes' if yes else 'Not really'}: {deg(now)} now{f' {place}' if place else ''}, up to {deg(hi)} today."
    if cond in ("cold", "hot") and now is not None and days == [0] and RIGHT_NOW.search(words):
        place = when.removeprefix("today").strip()  # "how cold is it right now": the temperature now
        return f"It's {deg(now)} now{f' {place}' if place else ''}, between {round(lo)} and {deg(hi)} today."
    if cond == "cold":  # "how cold will it be tonight": the lowest first (the night's, asked so)
        night = when.replace("today", "tonight", 1) if TONIGHT.search(words) else when
        return f"Down to {deg(lo)} {night}, and up to {deg(hi)}."
    if cond == "hot":  # "how hot will it get"
        return f"Up to {deg(hi)} {when}, and down to {deg(lo)}."
    return f"{span[0].upper()}{span[1:]}."


# a day said after a place: "vaduz tomorrow evening", "paris on friday", "london this weekend"
_PART = r"(?: (?:morning|afternoon|evening|night))?"
WHEN_AFTER_PLACE = re.compile(
    rf"^(?P<place>.+?) (?P<when>(?:tomorrow|today|tonight|this weekend|the weekend|on the weekend|this week|next week"
    rf"|(?:on |this |next )?(?:{'|'.join(WEEKDAYS)})){_PART}|this (?:morning|afternoon|evening)|in the (?:morning|afternoon|evening))$"
)
WHEN_DAY = ((r"tomorrow", "tomorrow"), (r"weekend", "weekend"), (r"week|day\b", "week"), (r"", "today"))
# "how cold is it right now": the temperature now, not the day's range
RIGHT_NOW = re.compile(r"\b(?:right now|now|currently|at the moment|this minute)\b")
# "the 5 day forecast", "the next few days": that many days of the week's forecast
FEW_DAYS = re.compile(
    r"\b(?:(?P<n>\d|three|four|five|six|seven) ?-?day\b|(?:extended|weekly|long range) forecast"
    r"|(?:next|coming) (?:(?P<k>\d|two|three|four|five|six|seven) |few |couple of )?days)"
)
TONIGHT = re.compile(r"\btonight\b")  # the night's low and sky, not the day's


# a sky the forecast's codes name (WMO 95-99, 45-48), asked about with no condition of the schema's
SKY_ASKED = re.compile(r"\b(?:(?P<storm>thunder\w*|lightning|storms?|stormy)|fog|foggy|misty)\b")
# "what should i wear today": clothes for the day's warmest (the first bound it stays under), and an
# umbrella when rain is likely
WEAR = re.compile(r"\bwhat (?:should|do|shall|can) i (?:wear|put on)\b|\bwhat to wear\b|\bwhat clothes\b")
WEAR_FOR = ((0, "a warm coat, a hat and gloves"), (8, "a warm coat"), (COLD_BELOW, "a jacket"), (22, "a light layer"))


def _weekday_said(words: str) -> str | None:
    """The first weekday the words name ("on saturday"), or None."""
    return next((d for d in WEEKDAYS if re.search(rf"\b{d}\b", words)), None)


def describe(data: dict[str, Any], name: str, day: str | None, condition: str | None, words: str = "") -> str:
    """The answer; words: what the user said ("on saturday": that day, "a jacket": yes or no)."""
    from datetime import date

    daily = data["daily"]
    n = len(daily["time"])
    if (few := FEW_DAYS.search(words)) is not None and day in (None, "today", "week"):
        said = few["n"] or few["k"] or ""
        day, n = "week", min(n, int(CARDINALS.get(said) or said or n))
    where = "" if name == "home" else f" in {name}"
    named = _weekday_said(words)
    on_day = [i for i, t in enumerate(daily["time"]) if named and f"{date.fromisoformat(t):%A}".lower() == named][:1]
    # "on saturday or sunday": both days (it had answered saturday alone)
    two = re.search(rf"\b({'|'.join(WEEKDAYS)}) (or|and) ({'|'.join(WEEKDAYS)})\b", words)
    both = [i for i, t in enumerate(daily["time"]) if two and f"{date.fromisoformat(t):%A}".lower() in (two[1], two[3])]
    if two and len(both) == 2 and min(both) > 0:
        days, when = both, f"on {two[1].capitalize()} {two[2]} {two[3].capitalize()}{where}"
    elif on_day and "weekend" not in words and on_day[0] > 1:  # "weather in zurich on saturday": that day
        days, when = on_day, f"on {named.capitalize()}{where}"
    elif DAY_AFTER.search(words) and n > 2:  # "and the day after": after tomorrow
        days, when = [2], f"the day after tomorrow{where}"
    elif day == "tomorrow" and n > 1:
        days, when = [1], f"tomorrow{where}"
    elif day == "weekend":
        days = [i for i, t in enumerate(daily["time"]) if date.fromisoformat(t).weekday() >= 5][:2] or [0]
        when = f"this weekend{where}"
    elif day == "week":
        days, when = list(range(n)), f"{'this week' if n == len(daily['time']) else f'the next {n} days'}{where}"
    else:
        days, when = [0], f"today{where}"
    if condition in ("rain", "snow") and day in (None, "week") and WHEN_ASKED.match(words):  # "when will it rain"
        return first_day(daily, condition, where)
    if (best := best_day(daily, words, list(range(n)) if day != "weekend" else days, where)) is not None:
        return best  # "which day will be the warmest": that day of the week (of the weekend, asked so)
    if (sky := SKY_ASKED.search(words)) is not None:  # "is it going to storm" had been the wind, "is it foggy" the day
        storm = sky["storm"] is not None
        codes = {95, 96, 99} if storm else {45, 48}
        seen = any(int(data["daily"]["weather_code"][i]) in codes for i in days)
        what = "thunderstorms" if storm else "fog"
        yes = f"Yes, {what} {'are' if storm else 'is'} expected"
        return f"{yes if seen else f'No {what} expected'} {when}."
    if WEAR.search(words):  # "what should i wear": the day's range and what it calls for
        return _answer_condition("wear", data, days, when, words)
    if condition:
        return _answer_condition(condition, data, days, when, words)
    if day in (None, "today") and days == [0] and TONIGHT.search(words):  # "what's the weather tonight": the night's
        return f"Tonight{where}: {WMO.get(int(daily['weather_code'][0]), 'mixed weather')}, down to {deg(daily['temperature_2m_min'][0])}."
    if day in (None, "today") and days == [0]:  # not "the forecast for friday", said with no day
        cur = data["current"]
        now = f"It's {deg(cur['temperature_2m'])} and {WMO.get(int(cur['weather_code']), 'mixed weather')}{where}."
        return f"{now} Today: {_day_line(daily, 0)}."
    if len(days) == 1:
        return f"{when[0].upper()}{when[1:]}: {_day_line(daily, days[0])}."
    hi = max(daily["temperature_2m_max"][i] for i in days)
    lo = min(daily["temperature_2m_min"][i] for i in days)
    wet = [daily["time"][i] for i in days if int(daily["weather_code"][i]) in RAIN_CODES | SNOW_CODES]
    tail = f" Rain or snow on {len(wet)} of {len(days)} days." if wet else " Dry throughout."
    return f"{when[0].upper()}{when[1:]}: {deg(lo)} to {deg(hi)}.{tail}"


# two places in one question: "the weather in zurich and in london" is each one's, one after the other
TWO_PLACES = re.compile(r"^(?P<a>[a-z][a-z' .-]*?) and (?:in |for |at )?(?P<b>[a-z][a-z' .-]*)$")


# "is it warmer in paris than here", "will it be colder in london than in zurich tomorrow": two forecasts
COMPARED = re.compile(
    r"\b(?P<way>warmer|hotter|colder|cooler) in (?P<a>[a-z][a-z' .-]*?) than (?:in |at )?(?P<b>[a-z][a-z' .-]*?)"
    r"(?: (?P<day>today|tomorrow))?$"
)


async def _forecast(ctx, location: str | None, w: WeatherSettings | None = None) -> tuple[dict[str, Any], str]:
    """The forecast and the place's name, a town the geocoder does not know looked for on the map (with
    the settings `w`, else the config's)."""
    return await asyncio.to_thread(fetch, w or settings_allowed(ctx.config), location, lambda said: on_map(ctx.config, said))


def _warmer_said(way: str, high: float, other: float) -> str:
    """"Yes", "No" or "About the same": whether `high` is warmer (or colder, as `way` asks) than `other`."""
    if round(high) == round(other):
        return "About the same"
    return "Yes" if (high > other if way in ("warmer", "hotter") else high < other) else "No"


async def _compared(a: str | None, b: str | None, way: str, day: str | None, ctx, which: bool = False) -> Reply:
    """Whether place `a` is warmer (or colder) than `b` by the day's highs; `which`: which of the two is."""
    ctx.state["places"] = [a, b]  # "which one is colder" right after: the same two
    try:
        (data_a, name_a), (data_b, name_b) = [await _forecast(ctx, p) for p in (a, b)]
    except WeatherError as exc:
        return Reply(str(exc), {"type": "weather", "error": str(exc)})
    i, when = (1, "tomorrow") if day == "tomorrow" else (0, "today")
    high_a, high_b = data_a["daily"]["temperature_2m_max"][i], data_b["daily"]["temperature_2m_max"][i]
    if (said := _warmer_said(way, high_a, high_b)) == "About the same":
        said = f"About the same: {name_a} and {name_b} both reach {deg(high_a)} {when}."
    else:
        lead = f"{name_a if said == 'Yes' else name_b} {'will be' if i else 'is'} {way}" if which else said
        said = f"{lead}: {name_a} reaches {deg(high_a)} {when}, {name_b} {deg(high_b)}."
    return Reply(said, {"type": "weather", "place": name_a, "compared_with": name_b, "daily": data_a.get("daily")})


# "is it warmer in paris or london", "which is colder, zurich or london": which of the two
EITHER = re.compile(
    r"\b(?P<way>warmer|hotter|colder|cooler)(?: (?:today|tomorrow))?(?: in)? (?P<a>[a-z][a-z' .-]*?) or (?:in |at )?"
    r"(?P<b>[a-z][a-z' .-]*?)(?: (?P<day>today|tomorrow))?$"
)
# "is it colder in the morning or the evening": times, not two places
NOT_PLACES = re.compile(rf"(?:the |this |on )?(?:morning|afternoon|evening|night|day|week|weekend|today|tomorrow|{'|'.join(WEEKDAYS)})\b")
# "which one is warmer" right after the weather in two places: those two
WHICH = re.compile(
    r"^(?:(?:so|and|ok|okay|then|now),? )*which (?:one |of them |of the two |of those |place |city |town )?(?:is |will be |would be )?"
    r"(?P<way>warmer|hotter|colder|cooler)(?: (?P<day>today|tomorrow))?$"
)


# "will it be warmer tomorrow": tomorrow's high against today's, where the question was
WARMER_TOMORROW = re.compile(r"\b(?:be|get|getting) (?P<way>warmer|hotter|colder|cooler) (?:tomorrow|than today)\b")


async def _warmer_tomorrow(m: re.Match, location: str | None, ctx) -> Reply:
    try:
        data, name = await _forecast(ctx, location)
    except WeatherError as exc:
        return Reply(str(exc), {"type": "weather", "error": str(exc)})
    today, tomorrow = data["daily"]["temperature_2m_max"][:2]
    where = "here" if name == "home" else f"in {name}"  # no [weather] place set: "home"
    return Reply(f"{_warmer_said(m['way'], tomorrow, today)}: up to {deg(tomorrow)} tomorrow {where}, {deg(today)} today.",
                 {"type": "weather", "place": name, "daily": data.get("daily")})


async def handle(args, ctx) -> Reply:
    words = normalize(ctx.utterance or "")
    if (compared := COMPARED.search(words)) is not None:
        return await _compared(compared["a"], compared["b"], compared["way"], compared["day"], ctx)
    if (either := EITHER.search(words)) is not None and not any(NOT_PLACES.match(either[k]) for k in "ab"):
        return await _compared(either["a"], either["b"], either["way"], either["day"], ctx, which=True)
    if (which := WHICH.match(words)) is not None:
        asked = ctx.state.get("places") or []
        if len(asked) < 2:
            return Reply(f"Which places? Say, for example, is it {which['way']} in Paris or London.")
        return await _compared(asked[0], asked[1], which["way"], which["day"], ctx, which=True)
    if (warmer := WARMER_TOMORROW.search(words)) is not None:
        return await _warmer_tomorrow(warmer, args.get("location"), ctx)
    whole = await _answer(args, ctx)
    two = TWO_PLACES.match(normalize(str(args.get("location") or "")))
    if two is None or not whole.card.get("error"):  # "bosnia and herzegovina" is one place
        return whole
    first, second = [await _answer({**args, "location": two[p]}, ctx) for p in "ab"]
    return Reply(f"{first.text} {second.text}", first.card)


def _local_now(data: dict[str, Any]) -> datetime | None:
    """The place's time now, as the forecast gives it (its "current.time"), or None."""
    try:
        return datetime.fromisoformat(str((data.get("current") or {}).get("time")))
    except ValueError:
        return None


async def _answer(args, ctx) -> Reply:
    try:
        w = settings_allowed(ctx.config)
        location, day, words = args.get("location"), args.get("day"), normalize(ctx.utterance or "")
        after = location and DAY_AFTER.fullmatch(normalize(str(location)))  # "and the day after": no place
        moved = after and NOT_PLACES.search(DAY_AFTER.sub("", words))  # "what about the weekend" after it
        if after:  # the last place; "any rain then" right after is still that day
            location = (ctx.state.get("places") or [None])[-1]
            words += "" if moved or DAY_AFTER.search(words) else " the day after"
        if location and (named := DAY_ONLY.fullmatch(normalize(str(location)))):  # "the forecast for friday"
            location, day = None, day or ("tomorrow" if named["day"] == "tomorrow" else None)
        if location and (ahead := ONLY_TIME.fullmatch(normalize(str(location)))):  # "in the next two days"
            location, day = None, day or ("week" if (ahead[1] or "").startswith("day") or ahead[2] == "week" else "today")
        if location and (when := WHEN_AFTER_PLACE.match(normalize(str(location)))) is not None:
            # "in vaduz tomorrow evening": a template's place that ran on into the day
            location, day = when["place"], day or next(d for w, d in WHEN_DAY if re.search(w, when["when"]))
        if not location and SUN_ASKED.search(words) and not DARK_ASKED.match(words):
            return sun_reply(words, ctx.now(), w.home)  # "when is the sun setting" heard as the weather's
        shown, there = ctx.shown or {}, (location if moved else None)  # the place, kept on from another day
        if not location and THERE.search(words) and shown.get("type") == "weather":
            # "will it rain there tonight": the place just answered for (and a follow-up's, "and in the evening")
            location = there = shown.get("place") if shown.get("place") not in (None, "home") else None
        if location and (timed := PLACE_AT_TIME.match(normalize(str(location)))) is not None:
            location = timed["place"]  # "in zurich at noon": the hour is read from the words
        if location and (normalize(str(location)) in AT_HOME or f"my {normalize(str(location))}" in words):
            location = None  # "for my run at 6", "when i leave work": here, not a town called "run" or "work"
        if (unit := UNIT_SAID.search(normalize(str(location or "")) or words)) is not None:
            location = UNIT_SAID.sub("", normalize(str(location or ""))).strip() or None
            w = w.model_copy(update={"units": "fahrenheit" if unit["unit"] == "fahrenheit" else "celsius"})
        data, name = await _forecast(ctx, location, w)
        instead, weekday = dated(words, (data.get("daily") or {}).get("time") or [])  # "on christmas", "yesterday"
        if instead is not None:
            return Reply(instead, {"type": "weather", "place": name, "daily": data.get("daily")})
        words += f" on {weekday}" if weekday else ""  # "on december 9": that day, as its weekday is read
        # "what about in london" after "and on friday": the weekday the kept day ("week") stood for
        named = _weekday_said(words)
        if named is None and args.get("day") == "week" and "week" not in words and ctx.state.get("weekday"):
            named = ctx.state["weekday"]
            words += f" on {named}"
        ctx.state["weekday"] = named  # the day this answer is about, for the next follow-up
        # "how cold is it going to be tonight": a template may give the day alone; the words say what about
        condition = args.get("condition") or ((weather_args(words) or {}).get("condition") if words else None)
        hours = hours_asked(words, now, day, night=condition in ("rain", "snow")) if (now := _local_now(data)) is not None else None
        where = "" if name == "home" else f" in {name}"  # "at 3 pm", "this afternoon": those hours' rows
        timed = rain_timing(words, data, now, where) if now is not None and day in (None, "today") else None
        text = timed or (hours and said_for_hours(data, hours, condition, where)) or describe(data, name, day, condition, words)
        if (missing := NOT_IN_FORECAST.search(words)) is not None:  # "what's the humidity": not a word of it
            text = f"The forecast I get has no {'humidity' if missing[1] == 'humid' else missing[1]}. {text}"
    except WeatherError as exc:
        return Reply(str(exc), {"type": "weather", "error": str(exc)})
    if not (asked := ctx.state.get("places") or []) or location != asked[-1]:  # the last two: "which one is warmer"
        ctx.state["places"] = [*asked[-1:], location]
    card = {"type": "weather", "place": name, "current": data.get("current"), "daily": data.get("daily")}
    return Reply(text, card, resolved_args={**args, "location": there} if there else None)

"""One measurement converted, as said aloud: "convert 5 miles to km", "how many ounces in a cup", "what's 100
fahrenheit in celsius", "how do you convert pounds to grams" (they had been "Sorry, I can't help with
that"). The units and their factors are pint's (a well-kept units library); the words people use for them
that pint reads otherwise ("kilos" is kiloseconds to it) are named here."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .arithmetic import NUM, spoken_digits

# what people say -> pint's name, where pint reads the word otherwise or not at all
ALIASES = {
    "kilo": "kilogram", "kilos": "kilogram", "celsius": "degC", "centigrade": "degC", "degrees celsius": "degC",
    "degrees centigrade": "degC", "fahrenheit": "degF", "degrees fahrenheit": "degF", "kelvin": "kelvin",
    "square meters": "meter**2", "square metres": "meter**2", "square meter": "meter**2", "square metre": "meter**2",
    "square kilometers": "kilometer**2", "square kilometres": "kilometer**2", "square miles": "mile**2",
    "square mile": "mile**2", "square feet": "foot**2", "square foot": "foot**2", "square inches": "inch**2",
    "metres": "meter", "metre": "meter", "kilometres": "kilometer", "kilometre": "kilometer", "k": "kilometer",
    "centimetres": "centimeter", "millimetres": "millimeter", "litres": "liter", "litre": "liter",
    "millilitres": "milliliter", "mls": "milliliter", "lbs": "pound", "kgs": "kilogram", "stones": "stone",
    "tons": "metric_ton", "tonnes": "metric_ton", "ton": "metric_ton", "tonne": "metric_ton",
    "miles per hour": "mile/hour", "kilometers per hour": "kilometer/hour", "kilometres per hour": "kilometer/hour",
    "km per hour": "kilometer/hour", "kmh": "kilometer/hour", "km h": "kilometer/hour",
    "fluid ounces": "fluid_ounce", "fluid ounce": "fluid_ounce", "fl oz": "fluid_ounce",
    "nautical miles": "nautical_mile", "nautical mile": "nautical_mile",
}
UNIT = r"[a-z][a-z ]{0,30}?"
# asked whether it converts, without a measure ("can you convert units")
CONVERT_HELP = re.compile(r"^(?:(?:so|ok|okay|and|hey),? )*(?:can|could|do) you (?:do |convert |change )(?:units|unit conversions?|conversions?"
                          r"|measurements?|metric(?: to imperial)?|imperial(?: to metric)?)\??$")
_LEAD = r"^(?:(?:hey|ok|okay|so|please|um|quick question|i need to know|tell me|can you tell me|help me|i wanna know|i want to know)\s+)*"
_TAIL = r"(?:\s+(?:please|for me|exactly|roughly|approximately|is that|are there|there are))*\s*[?.!]*$"
_ASKED = tuple(
    re.compile(_LEAD + p + _TAIL)
    for p in (
        # "how many ounces are in a cup", "how many meters in 50 feet"
        rf"(?:how many|how much|what amount of|what number of) (?P<to>{UNIT}) (?:are |is )?(?:there )?(?:in|make up|makes up|make|per) (?:a |an |one |(?P<n>{NUM}) )?(?P<from>{UNIT})",
        # "how many miles is five kilometers", "12 feet is equal to how many inches"
        rf"(?:how many|how much) (?P<to>{UNIT}) (?:is|are) (?P<n>{NUM}) (?P<from>{UNIT})",
        rf"(?P<n>{NUM}) (?P<from>{UNIT}) (?:is|are|equals) (?:equal to )?how many (?P<to>{UNIT})",
        # "convert 5 miles to km", "change 3 cups into ml", "convert inches to centimeters"
        rf"(?:(?:can|could) you )?(?:convert|change|turn) (?:(?P<n>{NUM}) )?(?P<from>{UNIT}) (?:to|into|in) (?P<to>{UNIT})",
        # "what's 100 fahrenheit in celsius", "what would five pounds be in kilos", "how much is 10 kg in pounds"
        rf"(?:what(?:'s| is| are)?|whats|how much is|how much are|what would) (?P<n>{NUM}) (?P<from>{UNIT}) (?:be )?(?:in|to|into|as) (?P<to>{UNIT})",
        rf"(?P<n>{NUM}) (?P<from>{UNIT}) (?:to|in|into) (?P<to>{UNIT})",
        # "how do you convert pounds to grams": one of them in the other
        rf"how (?:do you|do i|would you|would i|can i|can you|to|should i) (?:convert|change|turn|go from) (?:(?P<n>{NUM}) )?(?P<from>{UNIT}) (?:to|into|in) (?P<to>{UNIT})",
        rf"(?:(?:what(?:'s| is| would be)|tell me|explain|understand) )?the conversion (?:between|from|of|for) (?P<from>{UNIT}) (?:and|to|into) (?P<to>{UNIT})",
    )
)


@cache
def _units():
    import pint  # loaded on the first conversion asked for (~0.15 s)

    return pint.UnitRegistry()


def _unit(said: str):
    """pint's unit for the words, or None."""
    words = " ".join(said.split())
    name = ALIASES.get(words) or ALIASES.get(words.removesuffix("s")) or words.replace(" ", "_")
    try:
        return _units().parse_units(name)
    except Exception:  # pint raises several kinds for words it does not know  # noqa: BLE001
        return None


def _said(x: float) -> str:
    """A measure as said: whole from 100 up, two decimals from 1, two significant digits below."""
    if abs(x) >= 100 or abs(x - round(x)) < 1e-9:
        return f"{round(x)}"
    return f"{x:.2f}".rstrip("0").rstrip(".") if abs(x) >= 1 else f"{x:.2g}"


@lru_cache(maxsize=64)  # the router asks at its first step, then `other` for its answer: parsed once
def converted(words: str) -> str | None:
    """The answer to one conversion asked for in the (said_words) words, or None."""
    text = spoken_digits(words).replace(" - ", "-")
    for pattern in _ASKED:
        if (m := pattern.fullmatch(text)) is None:
            continue
        if m["from"].strip() in _CALENDAR:
            return None  # "how many days in a year": the calendar's (get_time: 2026 has 365 days), not a mean year
        src, dst = _unit(m["from"]), _unit(m["to"])
        if src is None or dst is None or src == dst:
            return None
        n = float(m.groupdict().get("n") or 1.0)
        value = _in(n, src, dst)
        if value is None:
            return None
        if not m.groupdict().get("n") and value < 1 and (back := _in(1.0, dst, src)) is not None:
            # "how do you convert tablespoons to cups": 1 cup is 16 tablespoons, not 1 tablespoon 0.062 cups
            return f"1 {_number_of(m['to'], 1)} is {_said(back)} {_number_of(m['from'], back)}."
        return f"{_said(n)} {_number_of(m['from'], n)} is {_said(value)} {_number_of(m['to'], value)}."
    return None


_CALENDAR = {"year", "years", "month", "months", "leap year", "leap years"}
_IRREGULAR = {"feet": "foot", "inches": "inch"}
_AS_SAID = {"celsius", "fahrenheit", "kelvin", "centigrade", "km", "kg", "ml", "mph", "kph", "lbs", "oz", "cm", "mm", "mg"}


def _number_of(unit: str, n: float) -> str:
    """The unit's words, as the user said them, for that many: "1 cup", "2 cups", "1 foot"."""
    unit = unit.strip()
    if unit in _AS_SAID or not unit.isalpha() or (unit in _IRREGULAR and round(n, 2) != 1):
        return unit
    if round(n, 2) == 1:
        return _IRREGULAR.get(unit) or (unit[:-1] if unit.endswith("s") and not unit.endswith("ss") else unit)
    plural = {v: k for k, v in _IRREGULAR.items()}
    return plural.get(unit) or (unit if unit.endswith("s") else unit + "s")


def _in(n: float, src, dst) -> float | None:
    """n of src in dst; an ounce of a volume is a fluid ounce ("how many ounces in a cup")."""
    u = _units()
    ounce, fluid = u.parse_units("ounce"), u.parse_units("fluid_ounce")
    tries = [(src, dst)] + ([(fluid if src == ounce else src, fluid if dst == ounce else dst)] if ounce in (src, dst) else [])
    for a, b in tries:
        try:
            return float(u.Quantity(n, a).to(b).magnitude)
        except Exception:  # different kinds of quantity ("crows" in "murders"): no answer  # noqa: BLE001
            continue
    return None

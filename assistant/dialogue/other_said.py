"""What is said to words no skill takes (`other`): that they are another language, a coin flipped or a
number picked (chance.py), a sum worked out (arithmetic.py), a measure converted (conversion.py), how far
apart two places are (distances.py), the shopping and to-do lists (lists.py), a word spelled, a place's
time zone, the public holidays, the user's name (other_kinds.py), a question of fact that needs the
internet, or "Sorry, I can't help with that" with what the assistant can do, the first time."""

from __future__ import annotations

from ..arithmetic import MATH_HELP, worked_out
from ..chance import chance_said
from ..chat_stock import about_the_user
from ..conversion import CONVERT_HELP, converted
from ..distances import distance_said
from ..language_id import other_language
from ..lists import list_said, mentions_a_list
from ..other_kinds import kind_said, other_kind, user_name
from ..skill_api import Reply, Skill, SkillContext
from ..spelling import spelling_said
from ..text import normalize
from .phrases import cant_help, said_words
from .turn import capabilities, helps, language_hint


def changes_something(text: str, language: str) -> bool:
    """Whether other_said would change something for these words (a list, the user's name): such words
    are not answered ahead of their turn, while they may still be going on ("add milk ... and eggs")."""
    words = said_words(text)
    return mentions_a_list(words) or (language == "en" and other_kind(words) == "user_name")


def other_said(text: str, language: str, skills: dict[str, Skill], told: bool, written: str = "",
               ctx: SkillContext | None = None) -> Reply:
    """told: the list of what the assistant can do was said already in this conversation. A reply that
    does what was asked (a coin flipped) says so in its card ("answered"): it is said even to follow-up
    speech, which is otherwise taken for words not meant for the assistant. written: the same words as the
    recognizer wrote them, with the symbols its transcript drops ("what's 15% of 80"). ctx: the
    assistant's context for answers of a kind (the config, the clock, the user's name kept)."""
    # said in another language ("quelle heure est-il"): that, not "can't help" (language_id.py)
    if (code := other_language(text, language)) is not None:
        return Reply(language_hint(code, language))
    words = said_words(text)
    if (lucky := chance_said(words)) is not None:  # "flip a coin": done, not refused
        return Reply(lucky, {"type": "chance", "answered": True})
    # the recognizer's writing first, then the transcript (each once: they are often the same words)
    readings = list(dict.fromkeys((said_words(written) if written and normalize(written) == normalize(text) else words, words)))
    if (sum_said := next(filter(None, map(worked_out, readings)), None)) is not None:  # "what's 15 times 7"
        return Reply(sum_said, {"type": "arithmetic", "answered": True})
    if (measure := next(filter(None, map(converted, readings)), None)) is not None:  # "convert 5 miles to km"
        return Reply(measure, {"type": "conversion", "answered": True})
    if (spelt := spelling_said(words)) is not None:  # the router sends these here (answered_by_other)
        return Reply(spelt, {"type": "spelling", "answered": True})
    if ctx is not None and language == "en":  # what needs the assistant's context, in English
        if (listed := list_said(words, ctx.state)) is not None:
            return Reply(listed, {"type": "list", "answered": True})  # "add milk to my shopping list"
        if (far := _distance(words, ctx)) is not None:
            return Reply(far, {"type": "distance", "answered": True})  # "how far is paris from london"
        if about := about_the_user(words, user_name(ctx.state, ctx.config)):
            return Reply(about, {"type": "user_name", "answered": True})  # "who am i", routed here when unsure
        if (kind := other_kind(words)) and (said := kind_said(kind, words, ctx)):
            return Reply(said, {"type": kind, "answered": True})  # "what time zone is sydney in"
    if MATH_HELP.search(words):  # "can you help me with math": how to ask
        return Reply("Say the sum, like what's 15 times 7, or what's 20 percent of 80.")
    if CONVERT_HELP.match(words):
        return Reply("Yes: say the measure, like convert 5 miles to kilometers, or how many grams are in a pound.")
    # the list of skills takes ~9 s to say: once per session is help, every time is a lecture
    can = "" if told else capabilities(skills)
    # "what's the capital of france": a fact to look up, which needs the internet it does not use
    sorry = cant_help(words, frozenset().union(*(t for t, _ in helps(skills))))
    return Reply(f"{sorry} I can {can}." if can else sorry)


def _distance(words: str, ctx: SkillContext) -> str | None:
    """How far apart two places are, home being the [weather] latitude and longitude (distances.py)."""
    from ..errors import ConfigError
    from ..weather_settings import weather_settings

    try:
        weather = weather_settings(ctx.config.weather)
    except ConfigError:
        return None  # the weather skill says what is wrong with the section
    return distance_said(words, weather.home, weather.units == "fahrenheit")

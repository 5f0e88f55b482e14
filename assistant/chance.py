"""A coin flipped, a die rolled, a number picked ("flip a coin", "roll two dice", "pick a number between 1
and 10"): no skill's job, but asked of every assistant (they had been "Sorry, I can't help with that")."""

from __future__ import annotations

import random
import re

from .arithmetic import spoken_digits

COIN = re.compile(r"\b(?:flip|toss|throw) (?:a|the|me a|us a) coin\b|\bheads or tails\b")
# (the numbers said in words are digits by then: arithmetic.spoken_digits)
# "roll two dice", "roll a 20 sided die", "roll a d20", "roll 2d6"
DICE = re.compile(r"\broll (?:a |the |me a |us a |an )?(?:(?P<n>[1-9])(?!\d) ?)?(?:(?:(?P<sides>\d{1,3}) ?-? ?sided )?(?:die|dice|dices)\b"
                  r"|d(?P<d>\d{1,3})\b)")
PICK = re.compile(r"\b(?:pick|choose|give me|say|think of|tell me) (?:me |us )?a (?:random )?number"
                  r"(?: (?:between|from) (?P<a>\d+) (?:and|to) (?P<b>\d+))?\b")
_MOST = 10**9  # a range larger than this is no choice a person makes aloud


def chance_said(words: str, rng: random.Random | None = None) -> str | None:
    """The answer to a request for a flip, a roll or a pick in `words` (normalized), or None."""
    rng = rng or random.SystemRandom()
    words = spoken_digits(words)  # "between one and a hundred": 1 and 100
    if COIN.search(words):
        return f"It's {rng.choice(('heads', 'tails'))}."
    if (m := DICE.search(words)) is not None:
        n = int(m["n"]) if m["n"] else 1  # "roll the dice": one, as a board game's turn
        sides = int(m["sides"] or m["d"] or 6)
        if not 2 <= sides <= 100:
            return "A die I can roll has 2 to 100 sides."
        rolls = [rng.randint(1, sides) for _ in range(n)]
        if n == 1:  # "an 8", "an 11", "an 18"
            return f"You rolled {'an' if rolls[0] in (8, 11, 18) or 80 <= rolls[0] <= 89 else 'a'} {rolls[0]}."
        return f"You rolled {', '.join(map(str, rolls[:-1]))} and {rolls[-1]}: {sum(rolls)} in all."
    if (m := PICK.search(words)) is not None:
        low, high = (int(m["a"]), int(m["b"])) if m["a"] else (1, 10)
        low, high = min(low, high), max(low, high)
        if high - low > _MOST:
            return f"That's too wide a range for me; try a smaller one, like between 1 and {_MOST:,}."
        return f"I pick {rng.randint(low, high)}."
    return None

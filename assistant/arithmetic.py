"""One sum said aloud, worked out: "what's 15 times 7", "subtract 85 from 997", "20 percent of 1000", "an 18
percent tip on 20 dollars", "the square root of 31" (they had been "Sorry, I can't help with that"). One
operation on two numbers (or one), in digits or words; anything longer is not guessed at."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .text import CARDINALS

_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
_WORDS = CARDINALS | {"zero": 0}
NUM = r"-?\d+(?:\.\d+)?"
# each operation: its pattern over the words (numbers as digits), and what it works out
_OPS: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(p), op)
    for p, op in (
        (rf"(?:square root|root) of (?P<a>{NUM})", "sqrt"),
        (rf"(?P<a>{NUM}) squared", "square"),
        (rf"(?P<a>{NUM}) cubed", "cube"),
        (rf"(?P<a>{NUM}) factorial", "factorial"),
        (rf"(?P<a>{NUM}) (?:to the power of|to the|\^) (?P<b>{NUM})(?:th|st|nd|rd)?(?: power)?", "power"),
        (rf"(?P<a>{NUM}) ?(?:%|percent) tip (?:on|for) (?P<b>{NUM})", "percent"),
        (rf"(?P<a>{NUM}) ?(?:%|percent) off (?:of )?(?P<b>{NUM})", "off"),
        (rf"(?P<a>{NUM}) ?(?:%|percent) of (?P<b>{NUM})", "percent"),
        (rf"(?P<a>\d+) ?/ ?(?P<b>\d+) of (?P<c>{NUM})", "part"),
        (rf"subtract (?P<b>{NUM}) from (?P<a>{NUM})", "minus"),
        (rf"(?:add|sum of) (?P<a>{NUM}) (?:and|to|plus) (?P<b>{NUM})", "plus"),
        (rf"divide (?P<a>{NUM}) by (?P<b>{NUM})", "over"),
        (rf"multiply (?P<a>{NUM}) (?:by|and|with) (?P<b>{NUM})", "times"),
        (rf"(?P<a>{NUM}) ?(?:times|x|\*|multiplied by) ?(?P<b>{NUM})", "times"),
        (rf"(?P<a>{NUM}) ?(?:plus|\+) ?(?P<b>{NUM})", "plus"),
        (rf"(?P<a>{NUM}) ?(?:minus|-|take away|less) ?(?P<b>{NUM})", "minus"),
        (rf"(?P<a>{NUM}) ?(?:divided by|divided buy|over|/) ?(?P<b>{NUM})", "over"),
    )
)
SAID = {"times": "times", "plus": "plus", "minus": "minus", "over": "divided by", "power": "to the power of"}
# how a sum is asked for, before and after it: only the sum itself may be left between them ("add time flies
# 1994-2009 to the playlist" is no sum)
_LEAD = re.compile(
    r"^(?:(?:hey|ok|okay|so|please|and|um|hmm|well|quick question)\s+)*"
    r"(?:(?:can|could|would) you (?:please )?(?:tell me |calculate |work out |compute |figure out |do )?|i need to know |tell me |"
    r"(?:please )?(?:calculate|compute|work out|figure out|solve|provide|give me) )?"
    r"(?:what(?:'s| is| does| do you get if you| do i get if i)?|how much is|how much are)?\s*"
    r"(?:the (?:sum|answer|result|product) (?:of|to) |the |an? )?"
)
_TAIL = re.compile(r"(?:\s+(?:dollars|euros|pounds|bucks|francs|equals?|is|are|please|for me|make))*\s*[=?.!]*$")
_OP_WORDS = (("multiplied by", "*"), ("times", "*"), ("x", "*"), ("divided by", "/"), ("divided buy", "/"), ("over", "/"),
             ("plus", "+"), ("minus", "-"), ("take away", "-"))
_SAID_OP = {"*": SAID["times"], "/": SAID["over"], "+": SAID["plus"], "-": SAID["minus"]}  # the chain's symbols, said
_CHAIN = re.compile(rf"{NUM}(?:\s*[-+*/]\s*{NUM})+")
_MOST_OPS = 8
# asked for help with a sum without saying it
MATH_HELP = re.compile(r"\b(?:help (?:me )?(?:with |do |solve )?(?:my |some |a |this )?(?:math|maths|sums?|calculations?|arithmetic)"
                       r"|(?:can|do) you do (?:math|maths|sums|arithmetic|calculations|a math problem)|solve (?:a|this) math)")


def spoken_digits(text: str) -> str:
    """The words with numbers said in words written as digits ("four hundred fifty six" -> "456")."""
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text.lower().replace("\u2019", "'"))
    words = text.replace("$", " ").replace("-", " - ").replace(",", " ").split()
    out: list[str] = []
    total = current = 0
    open_number = False
    i = 0
    while i < len(words):
        w = words[i]
        two = " ".join(words[i : i + 2])
        if two in _WORDS and len(two.split()) == 2:  # "twenty five"
            current, open_number, i = current + _WORDS[two], True, i + 2
            continue
        if w in _WORDS or (w in ("a", "one") and words[i + 1 : i + 2] and words[i + 1] in _SCALES):
            current, open_number = current + _WORDS.get(w, 1), True
        elif w in _SCALES and (open_number or (out and out[-1].isdigit())):
            if not open_number:  # "1 million": a digit said before a scale
                current, open_number = int(out.pop()), True
            scale = _SCALES[w]
            if scale >= 1000:
                total, current = total + current * scale, 0
            else:
                current *= scale
        elif w == "and" and open_number and i and words[i - 1] in _SCALES and words[i + 1 : i + 2] and words[i + 1] in _WORDS:
            pass  # "two hundred and fifty" (not "twelve and twelve")
        else:
            if open_number:
                out.append(str(total + current))
                total = current = 0
                open_number = False
            out.append(w)
        i += 1
    if open_number:
        out.append(str(total + current))
    return re.sub(r"(\d)\s*([%+*/^x])\s*(?=\d)", r"\1 \2 ", " ".join(out)).replace(" %", "%")


def _said(x: float) -> str:
    """A result as said: whole numbers whole, others to two decimals ("about" where that rounds it)."""
    if abs(x - round(x)) < 1e-9:
        return f"{round(x)}"
    exact = abs(x - round(x, 2)) < 1e-9  # 9.6 is 9.6, 2/3 is about 0.67
    return f"{'' if exact else 'about '}{x:.2f}".rstrip("0").rstrip(".") if abs(x) >= 0.01 else f"about {x:.2g}"


def _chain(core: str) -> str | None:
    """ "250 times 118 times 9", "1/2 times 5/8": a chain of + - * / worked out as arithmetic does (times and
    divided by first), said with its result; None unless the words are only that."""
    for said, sym in _OP_WORDS:
        core = re.sub(rf"(?<=\d) {said} (?=-?\d)", f" {sym} ", core)
    core = re.sub(r"(?<=\d)\s*([-+*/])\s*(?=-?\d)", r" \1 ", core)
    if not _CHAIN.fullmatch(core) or core.count(" ") > 2 * _MOST_OPS:
        return None
    parts = core.split()
    terms: list[float] = [float(parts[0])]
    signs: list[str] = []
    for op, x in zip(parts[1::2], parts[2::2], strict=True):
        if op in "*/":  # times and divided by first, then plus and minus, left to right
            if op == "/" and float(x) == 0:
                return "You can't divide by zero."
            terms[-1] = terms[-1] * float(x) if op == "*" else terms[-1] / float(x)
        else:
            signs.append(op)
            terms.append(float(x))
    total = terms[0]
    for sign, t in zip(signs, terms[1:], strict=True):
        total = total + t if sign == "+" else total - t
    return f"{' '.join(_SAID_OP.get(p, p) for p in parts)} is {_said(total)}."


@lru_cache(maxsize=64)  # the router asks at its first step, then `other` for its answer: parsed once
def worked_out(words: str) -> str | None:
    """The answer to one sum in the words (said_words: their symbols kept), or None when they ask none."""
    core = _TAIL.sub("", _LEAD.sub("", spoken_digits(words), count=1)).strip()
    if not re.search(r"\d", core):
        return None
    for pattern, op in _OPS:
        if (m := pattern.fullmatch(core)) is None:
            continue
        a = float(m["a"])
        b = float(m["b"]) if "b" in pattern.groupindex else 0.0
        n = lambda x: _said(x).removeprefix("about ")  # noqa: E731  (the operands, as said)
        if op == "over" and b == 0:
            return "You can't divide by zero."
        if op == "sqrt":
            return "The square root of a negative number isn't a real number." if a < 0 else f"The square root of {n(a)} is {_said(math.sqrt(a))}."
        if op == "factorial":
            return f"{n(a)} factorial is {math.factorial(int(a))}." if a == int(a) and 0 <= a <= 20 else None
        if op in ("square", "cube"):
            return f"{n(a)} {'squared' if op == 'square' else 'cubed'} is {_said(a ** (2 if op == 'square' else 3))}."
        if op == "power":
            return f"{n(a)} to the power of {n(b)} is {_said(a**b)}." if abs(b) <= 64 else None
        if op == "percent":
            return f"{n(a)} percent of {n(b)} is {_said(a * b / 100)}."
        if op == "part":  # "3/4 of 18"
            return None if b == 0 else f"{n(a)} {'half' if b == 2 else 'over ' + n(b)} of {n(float(m['c']))} is {_said(a / b * float(m['c']))}."
        if op == "off":
            return f"{n(b)} with {n(a)} percent off is {_said(b * (1 - a / 100))}."
        result = {"times": a * b, "plus": a + b, "minus": a - b, "over": a / b}[op]
        return f"{n(a)} {SAID[op]} {n(b)} is {_said(result)}."
    return _chain(core)

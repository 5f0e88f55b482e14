"""Remote text to speech: any Wyoming TTS service (wyoming-piper, another `assistant serve`) in place of
the local voice, chosen in the config:

    [tts]
    engine = "wyoming"
    wyoming_uri = "tcp://host:10200"
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.tts import Synthesize, SynthesizeVoice

from ..audio.wyoming_pcm import chunk_to_int16
from ..errors import UserError
from ..wyoming_connection import Connection, describe
from .piper_tts import SpeechChunk, split_sentences


class WyomingTts:
    """Sends each sentence as its own `synthesize`, so the first sentence plays while the server
    synthesizes the next; yields SpeechChunks like PiperTts."""

    def __init__(self, uri: str | None, voice: str | None = None):
        if not uri:
            raise UserError('[tts] engine = "wyoming" needs wyoming_uri = "tcp://HOST:PORT" in the config')
        self.uri, self.voice = uri, voice
        info = describe(uri, "text to speech")
        if not info.tts:
            raise UserError(f"the Wyoming service at {uri} offers no text to speech (tts)")
        voices = [v.name for p in info.tts for v in p.voices]
        if voice and voice not in voices:
            raise UserError(
                f"the Wyoming service at {uri} has no voice {voice!r}; it has: {', '.join(voices)}"
            )
        self.name = voice or (voices[0] if voices else info.tts[0].name)
        self.sample_rate = 22050  # until the first reply tells (Piper medium voices use 22,050 Hz)

    def _sentence(self, text: str) -> SpeechChunk | None:
        conn = Connection(self.uri, "text to speech")
        try:
            voice = SynthesizeVoice(name=self.voice) if self.voice else None
            conn.send(Synthesize(text=text, voice=voice).event())
            parts: list[np.ndarray] = []
            rate = self.sample_rate
            while True:
                event = conn.receive()
                if AudioStart.is_type(event.type):
                    rate = AudioStart.from_event(event).rate
                elif AudioChunk.is_type(event.type):
                    chunk = AudioChunk.from_event(event)
                    rate = chunk.rate
                    parts.append(chunk_to_int16(chunk))
                elif AudioStop.is_type(event.type):
                    break
        finally:
            conn.close()
        self.sample_rate = rate
        if not parts:
            return None
        return SpeechChunk(np.concatenate(parts), rate, text)

    def synthesize(self, text: str) -> Iterator[SpeechChunk]:
        for sentence in split_sentences(text):
            chunk = self._sentence(sentence)
            if chunk is not None:
                yield chunk

    def synthesize_all(self, text: str) -> np.ndarray:
        parts = [c.pcm for c in self.synthesize(text)]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)

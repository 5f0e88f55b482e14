"""Remote engines: any Wyoming ASR or TTS service (wyoming-faster-whisper, wyoming-piper, another
`assistant serve`) in place of the local models, chosen in the config:

    [asr]                               [tts]
    engine = "wyoming"                  engine = "wyoming"
    wyoming_uri = "tcp://host:10300"    wyoming_uri = "tcp://host:10200"

The pipeline calls engines synchronously, so these speak the protocol over a plain blocking socket with
the wyoming package's read_event/write_event; a session streams audio while the user is still talking.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import urlparse

import numpy as np
from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.error import Error
from wyoming.event import Event, read_event, write_event
from wyoming.info import Describe, Info
from wyoming.tts import Synthesize, SynthesizeVoice

from ..asr.session import AsrEngine, AsrSession
from ..audio import SAMPLE_RATE
from ..errors import UserError
from ..text import normalize
from ..tts.piper_tts import SpeechChunk, split_sentences
from .audio import chunk_to_int16

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 60.0  # a long reply on a slow server


class Connection:
    """One blocking Wyoming connection (tcp:// or unix://)."""

    def __init__(self, uri: str, what: str):
        self.uri, self.what = uri, what
        parsed = urlparse(uri)
        try:
            if parsed.scheme == "tcp":
                if not parsed.hostname or parsed.port is None:
                    raise ValueError("no host or port")
                self.sock = socket.create_connection((parsed.hostname, parsed.port), CONNECT_TIMEOUT_S)
            elif parsed.scheme == "unix":
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.settimeout(CONNECT_TIMEOUT_S)
                self.sock.connect(parsed.path)
            else:
                raise ValueError("not tcp:// or unix://")
        except ValueError as exc:
            raise UserError(f"{what} address {uri!r} is not usable ({exc}); use tcp://HOST:PORT") from None
        except OSError as exc:
            raise UserError(
                f"cannot reach the {what} service at {uri} ({exc.strerror or exc}); start it or fix the address"
            ) from None
        self.sock.settimeout(READ_TIMEOUT_S)
        self.io: BinaryIO = self.sock.makefile("rwb")

    def send(self, event: Event) -> None:
        try:
            write_event(event, self.io)
        except OSError as exc:
            raise UserError(f"the {self.what} service at {self.uri} went away ({exc})") from None

    def receive(self) -> Event:
        try:
            event = read_event(self.io)
        except OSError as exc:
            raise UserError(f"the {self.what} service at {self.uri} did not answer ({exc})") from None
        if event is None:
            raise UserError(f"the {self.what} service at {self.uri} closed the connection mid-request")
        if Error.is_type(event.type):
            raise UserError(f"the {self.what} service at {self.uri} failed: {Error.from_event(event).text}")
        return event

    def close(self) -> None:
        try:
            self.io.close()
            self.sock.close()
        except OSError:
            pass


def describe(uri: str, what: str) -> Info:
    conn = Connection(uri, what)
    try:
        conn.send(Describe().event())
        while True:
            event = conn.receive()
            if Info.is_type(event.type):
                return Info.from_event(event)
    finally:
        conn.close()


# -- speech recognition ------------------------------------------------------------------------------
class WyomingAsrSession(AsrSession):
    """Opens the connection when listening starts and streams each frame; the transcript comes back
    after audio-stop. If the stream breaks, the utterance is sent again whole on a new connection."""

    def __init__(self, engine: WyomingAsrEngine):
        self.engine = engine
        self.audio = bytearray()
        self.conn: Connection | None = None
        try:
            self.conn = engine._open()
        except UserError as exc:
            log.warning("%s; retrying when the utterance ends", exc)

    def accept(self, pcm: bytes) -> str | None:
        self.audio.extend(pcm)
        if self.conn is not None:
            try:
                self.conn.send(AudioChunk(rate=SAMPLE_RATE, width=2, channels=1, audio=pcm).event())
            except UserError as exc:
                log.warning("%s; retrying when the utterance ends", exc)
                self.conn.close()
                self.conn = None
        return None

    def finish(self) -> str:
        if self.conn is not None:
            try:
                return self.engine._finish(self.conn)
            except UserError as exc:
                log.warning("%s; sending the utterance again", exc)
        return self.engine.transcribe(bytes(self.audio))


class WyomingAsrEngine(AsrEngine):
    name = "wyoming"
    streams_partials = False

    def __init__(self, uri: str | None, language: str | None = "en", model: str | None = None):
        if not uri:
            raise UserError('[asr] engine = "wyoming" needs wyoming_uri = "tcp://HOST:PORT" in the config')
        self.uri, self.language, self.model = uri, language, model
        info = describe(uri, "speech recognition")
        if not info.asr:
            raise UserError(f"the Wyoming service at {uri} offers no speech recognition (asr)")
        self.program = info.asr[0].name

    def _open(self) -> Connection:
        conn = Connection(self.uri, "speech recognition")
        conn.send(Transcribe(name=self.model, language=self.language).event())
        conn.send(AudioStart(rate=SAMPLE_RATE, width=2, channels=1).event())
        return conn

    def _finish(self, conn: Connection) -> str:
        try:
            conn.send(AudioStop().event())
            while True:
                event = conn.receive()
                if Transcript.is_type(event.type):
                    return normalize(Transcript.from_event(event).text)
        finally:
            conn.close()

    def session(self) -> WyomingAsrSession:
        return WyomingAsrSession(self)

    def transcribe(self, pcm: bytes) -> str:
        conn = self._open()
        try:
            step = 1024 * 2
            for i in range(0, len(pcm), step):
                conn.send(AudioChunk(rate=SAMPLE_RATE, width=2, channels=1, audio=pcm[i : i + step]).event())
        except UserError:
            conn.close()
            raise
        return self._finish(conn)


# -- text to speech ----------------------------------------------------------------------------------
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

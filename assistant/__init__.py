"""Offline voice assistant engine: audio -> wake word + VAD -> ASR -> router -> skill -> TTS."""

__version__ = "0.2.0"

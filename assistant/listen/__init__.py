"""Listening: voice activity detection (endpointing) and wake word spotting."""

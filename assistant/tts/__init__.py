"""Text to speech with piper-tts, sentence by sentence."""

"""Audio edges: sources (microphone, WAV files) and sinks (speakers, WAV files)."""

SAMPLE_RATE = 16000  # what VAD and every ASR engine consume
FRAME_MS = 30
FRAME_SAMPLES = SAMPLE_RATE * FRAME_MS // 1000

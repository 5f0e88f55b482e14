"""A simulated room for barge-in measurements: a reply as the microphone beside the speaker hears it
(late, quieter, with reverberation, made by sox) mixed with what the user says over it. Used by
scripts/bench_bargein.py and tests/test_bargein.py, so both measure the same room."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import soundfile

from . import SAMPLE_RATE
from .sources import read_wav

# twenty replies of the kinds the skills give, none of them containing a stop phrase or the wake word
REPLIES = [
    "It's ten past three in the afternoon.",
    "Timer set for five minutes.",
    "In Berlin it's twelve degrees and cloudy, with light rain expected in the evening.",
    "Here's one. Why did the scarecrow win an award? Because he was outstanding in his field.",
    "You have three new emails. The first is from Alice, about the meeting on Thursday.",
    "I found two restaurants open now nearby: Luigi's Trattoria and the Golden Dragon.",
    "The document says the project finished on time and under budget, and the team will grow next year.",
    "Your timer for the pasta has two minutes left.",
    "Sorry, I didn't catch that.",
    "Tomorrow will be sunny with a high of twenty one degrees and a gentle breeze from the south.",
    "I've drafted an email to Bob saying you'll be late. Shall I send it?",
    "The nearest pharmacy is on Main Street, four hundred metres away, and it closes at eight.",
    "It's Friday, the fourteenth of March.",
    "A light year is the distance light travels in one year, about nine and a half trillion kilometres.",
    "There are no new messages since this morning.",
    "Here's the summary: sales grew by ten percent, costs stayed flat, and the new office opens in May.",
    "The capital of Australia is Canberra, not Sydney as many people think.",
    "I couldn't find a restaurant serving Thai food within two kilometres.",
    "Playing your evening playlist. Enjoy the music, and let me know if you want something else.",
    "I set an alarm for seven tomorrow morning. Would you like a reminder the night before as well?",
]


def echo_room(reply: np.ndarray, folder: Path, delay_ms: float, gain_db: float, reverberance: int) -> np.ndarray:
    """The reply as a microphone beside the speaker hears it: late, quieter, with a little room (sox)."""
    src, out = folder / "reply.wav", folder / "echo.wav"
    soundfile.write(src, reply, SAMPLE_RATE, subtype="PCM_16")
    cmd = ["sox", str(src), str(out), "gain", f"{gain_db:g}", "reverb", str(reverberance), "pad", f"{delay_ms / 1000:g}"]
    subprocess.run(cmd, check=True)
    return read_wav(out)


def mix(length: int, *parts: tuple[np.ndarray, int]) -> np.ndarray:
    acc = np.zeros(length, dtype=np.float32)
    for pcm, at in parts:
        n = min(len(pcm), length - at)
        acc[at : at + n] += pcm[:n]
    return np.clip(acc, -32768, 32767).astype(np.int16)

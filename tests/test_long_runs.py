"""Long and unattended input through the real loop: a 10-minute monologue after the wake word, and
speech in a follow-up window that was not meant for the assistant. Only the microphone is replaced
(frames generated on the fly, like a live stream, so the test itself holds no 10-minute buffer)."""

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from assistant.audio.sources import FRAME_SAMPLES, AudioFrame
from assistant.memory import give_back_freed_memory
from assistant.pipeline import Pipeline
from assistant.tts.output import WavOutput

MONOLOGUE = (
    "And then we went down to the river, where the old mill still turns, and talked about the "
    "harvest and the neighbours for a long while."
)


def proc_status_mb(field: str) -> float:
    """VmRSS (resident now) or VmHWM (peak resident) of this process, in MB, as the kernel counts it."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no {field} in /proc/self/status")


def reset_peak_rss() -> None:
    """Start VmHWM afresh at the current RSS (Linux: 5 into clear_refs), so the peak is this test's."""
    Path("/proc/self/clear_refs").write_text("5")


def of(events, type_):
    return [e for e in events if e.type == type_]


def live(*parts: np.ndarray, repeat_last_s: float = 0.0) -> Iterator[AudioFrame]:
    """30 ms frames of the parts in order; the last part loops until repeat_last_s seconds of it played."""

    def pieces() -> Iterator[np.ndarray]:
        yield from parts
        played = len(parts[-1])
        while played < repeat_last_s * 16000:
            yield parts[-1]
            played += len(parts[-1])

    carry = np.zeros(0, np.int16)
    n = 0
    for piece in pieces():
        carry = np.concatenate([carry, piece])
        while len(carry) >= FRAME_SAMPLES:
            n += 1
            yield AudioFrame(carry[:FRAME_SAMPLES].tobytes(), n * FRAME_SAMPLES / 16000)
            carry = carry[FRAME_SAMPLES:]


@pytest.fixture(scope="module")
def follow_up_runtime(runtime):
    cfg = runtime.config.model_copy(deep=True)
    cfg.vad.follow_up_s = 5.0  # the shipped default; the shared test config turns follow-ups off
    return dataclasses.replace(runtime, config=cfg)


def test_ten_minute_monologue_is_cut_into_bounded_utterances(follow_up_runtime, piper, tmp_path):
    quiet = np.zeros(8000, np.int16)
    events: list = []
    pipe = Pipeline(follow_up_runtime, events.append, WavOutput(tmp_path / "replies"))
    rss: list[float] = []  # the process's resident memory (MB, from the kernel), once per minute of audio

    def metered(frames: Iterator[AudioFrame]) -> Iterator[AudioFrame]:
        for frame in frames:
            if frame.t >= 60 * (len(rss) + 1):
                rss.append(proc_status_mb("VmRSS"))
            yield frame

    give_back_freed_memory()  # what earlier tests freed goes back first: the peak below is this run's
    reset_peak_rss()
    before = proc_status_mb("VmRSS")
    pipe.run(metered(live(quiet, piper("Hey computer."), quiet, piper(MONOLOGUE), repeat_last_s=600.0)))
    pipe.flush()
    peak = proc_status_mb("VmHWM")  # the kernel's peak since the reset: native memory (models) included

    # the OS's count, not Python's: Whisper, webrtcvad and pocketsphinx allocate natively. Flat from the
    # second minute on (a leak per utterance would climb), and the peak over the whole 10 minutes stays
    # within 300 MB of the first minute's RSS: Whisper's standard decode (beam 5, its 30 s window), used
    # when a window pass is not trusted, needs working memory while it runs and returns it (the per-minute
    # samples stay flat): measured +125 MB in a fresh process, +248 MB after the rest of the suite has
    # run in the same process (the allocator's arenas are already fragmented). Holding the monologue's audio would add 19 MB as
    # int16, 38 as float32, per ten minutes, and the flatness check catches that
    assert len(rss) >= 9, rss
    assert max(rss[1:]) - rss[1] < 20, rss
    # above where the run started: the peak since the reset is at least the RSS at the reset, which can
    # be above the first minute's when the first turn's trim returns what the suite before it left
    assert peak - max(before, rss[0]) < 300, (before, peak, rss)
    max_s = follow_up_runtime.config.vad.max_utterance_s
    starts, ends = of(events, "vad_start"), of(events, "vad_end")
    assert ends[0].data["reason"] == "max_length"
    assert all(e.t - s.t <= max_s + 0.1 for s, e in zip(starts, ends, strict=False))
    # the first cut is heard out (a wake-word turn gets an answer, here "can't help"); the next cut falls
    # in the follow-up window, is no command and closes it silently: the rest of the monologue is ignored
    replies = of(events, "reply")
    assert len(replies) == 1 and replies[0].text.startswith("Sorry, I can't help with that.")
    intents = of(events, "intent")
    assert [i.intent for i in intents] == ["other", "other"]
    assert "ignored" in intents[1].data
    assert events[-1].t < 60, "nothing happens after the follow-up window closed"
    assert pipe.phase == "idle" and events[-1].type == "intent"


def test_follow_up_window_takes_commands_and_ignores_chatter(follow_up_runtime, piper, tmp_path):
    quiet = np.zeros(8000, np.int16)

    def gap(s: float) -> np.ndarray:
        return np.zeros(int(16000 * s), np.int16)

    # the reply to "what time is it" is ~2 s of audio (the microphone is ignored meanwhile); each next
    # sentence starts inside the 5 s window that opens when the reply ends
    events: list = []
    pipe = Pipeline(follow_up_runtime, events.append, WavOutput(tmp_path / "replies"))
    pipe.run(
        live(
            quiet, piper("Hey computer."), quiet, piper("What time is it?"), gap(5.0),
            piper("Set a timer for ten minutes."), gap(4.0),
            piper("We should really repaint the fence this summer."), gap(2.0),
            piper("What time is it?"), gap(2.0),
        )
    )
    pipe.flush()
    intents = [(i.intent, "ignored" in i.data) for i in of(events, "intent")]
    # the last "what time is it" came after the window closed, without the wake word: not heard
    assert intents == [("get_time", False), ("set_timer", False), ("other", True)], intents
    assert [r.skill for r in of(events, "reply")] == ["get_time", "set_timer"]
    assert len(of(events, "wake")) == 1


def test_the_wake_phrase_in_a_follow_up_window_is_an_answered_turn(follow_up_runtime, piper, tmp_path):
    """"Hey computer, what's on the news?" said inside the follow-up window had got no reply at all (no
    command there is taken for chatter): the wake phrase says it was meant for the assistant."""
    intents, said = _after_the_time(follow_up_runtime, piper, tmp_path, "Hey computer, what's on the news?")
    assert intents == [("get_time", False), ("other", False)], intents
    assert said.startswith("Sorry, I can't get the news: I work offline.")


def _after_the_time(runtime, piper, tmp_path, words: str) -> tuple[list[tuple[str, bool]], str]:
    """The wake phrase, "What time is it?", then `words` in the follow-up window: each turn's (intent,
    ignored) and the last reply."""
    quiet = np.zeros(8000, np.int16)
    events: list = []
    pipe = Pipeline(runtime, events.append, WavOutput(tmp_path / "replies"))
    pipe.run(live(quiet, piper("Hey computer."), quiet, piper("What time is it?"), np.zeros(16000 * 3, np.int16),
                  piper(words), np.zeros(16000 * 2, np.int16)))
    pipe.flush()
    return [(i.intent, "ignored" in i.data) for i in of(events, "intent")], of(events, "reply")[-1].text


def test_a_weak_hey_written_before_the_wake_phrase_is_part_of_it():
    """Whisper wrote Piper's "hey computer, what's the closest italian" in a follow-up window as "a computer
    what's ...": the command was taken for chatter and got no reply. "a" (or "hi") right before the rest of
    the phrase is its "hey"; elsewhere it is a word of the command."""
    from assistant.text import without_wake

    assert without_wake(["hey computer"], "a computer what's the closest italian") == "what's the closest italian"
    assert without_wake(["hey computer"], "hi computer set a timer") == "set a timer"
    assert without_wake(["hey computer"], "a timer for 5 minutes") == "a timer for 5 minutes"


def test_a_coin_flipped_in_a_follow_up_window_is_answered(follow_up_runtime, piper, tmp_path):
    """"Flip a coin" right after a reply (no wake phrase) had been taken for chatter, unanswered: `other`
    that does what was asked is an answer, not words meant for someone else."""
    intents, said = _after_the_time(follow_up_runtime, piper, tmp_path, "Flip a coin.")
    assert intents == [("get_time", False), ("other", False)], intents
    assert said in ("It's heads.", "It's tails."), said

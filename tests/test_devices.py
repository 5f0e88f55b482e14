"""The real microphone path (sounddevice -> PortAudio -> ALSA) with an ALSA `type file` device standing
in for the missing sound card: the capture returns exactly the samples of a file."""

import dataclasses
import os
import subprocess
import sys
import threading
import time

import numpy as np
import pytest


def test_microphone_through_alsa_file_device(tmp_path, piper):
    speech = np.concatenate(
        [
            np.zeros(16000, np.int16),
            piper("Hey computer."),
            np.zeros(8000, np.int16),
            piper("What time is it?"),
            np.zeros(16000 * 3, np.int16),
        ]
    )
    (tmp_path / "in.raw").write_bytes(speech.tobytes())
    (tmp_path / ".asoundrc").write_text(
        f'pcm.micfile {{ type file; slave.pcm "null"; infile "{tmp_path}/in.raw"; file "/dev/null"; format "raw" }}\n'
        'pcm.!default { type asym; playback.pcm "null"; capture.pcm "micfile" }\n'
    )
    (tmp_path / "c.toml").write_text("[llm]\nenabled = false\n")
    env = {**os.environ, "HOME": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "--no-ui", "--config", str(tmp_path / "c.toml")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines = []
    watchdog = threading.Timer(180, proc.kill)  # never hang the suite if the reply does not come
    watchdog.start()
    try:
        for line in proc.stdout:  # the daemon runs until stopped: read until the reply shows up
            lines.append(line)
            if " reply " in line:
                break
    finally:
        watchdog.cancel()
        proc.terminate()
        proc.wait(timeout=30)
    text = "".join(lines)
    assert "wake" in text and "hey computer" in text, text + proc.stderr.read()
    assert "get_time" in text


class UnpluggableMic:
    """The hardware edge only: a sounddevice-like input stream that plays `before`, then goes silent
    (the mic is pulled out: no more callbacks), refuses `refusals` reopen attempts the way PortAudio does
    for a missing device, then plays `after` (plugged back in). Everything downstream is real."""

    def __init__(self, before: np.ndarray, after: np.ndarray | None, refusals: int):
        self.parts = [before, after]
        self.refusals = refusals
        self.opens = 0

    def __call__(self, *, samplerate, blocksize, device, channels, dtype, callback):
        import sounddevice

        self.opens += 1
        if self.opens > 1 and (self.refusals > 0 or self.parts[1] is None):
            self.refusals -= 1
            raise sounddevice.PortAudioError("Error querying device -1")
        pcm = self.parts[min(self.opens, 2) - 1]
        return _Stream(pcm, blocksize, callback)


class _Stream:
    def __init__(self, pcm, blocksize, callback):
        self.pcm, self.blocksize, self.callback = pcm, blocksize, callback
        self.stopped = threading.Event()

    def start(self):
        def play():
            for i in range(0, len(self.pcm) - self.blocksize + 1, self.blocksize):
                if self.stopped.is_set():
                    return
                self.callback(self.pcm[i : i + self.blocksize].tobytes(), self.blocksize, None, None)
                time.sleep(0.001)  # a little pacing keeps the queue from overflowing
            # then silence: no more callbacks, as when the device disappears

        threading.Thread(target=play, daemon=True).start()

    def abort(self):
        self.stopped.set()

    def close(self):
        pass


def _turn(piper, text: str) -> np.ndarray:
    quiet = np.zeros(8000, np.int16)
    return np.concatenate([quiet, piper("Hey computer."), quiet, piper(text), np.zeros(16000 * 2, np.int16)])


def test_microphone_unplugged_mid_stream_reconnects(runtime, piper):
    from assistant.audio.sources import MicrophoneSource
    from assistant.pipeline import Pipeline

    device = UnpluggableMic(_turn(piper, "What time is it?"), _turn(piper, "Set a timer for ten minutes."), 2)
    mic = MicrophoneSource(stall_s=0.5, reconnect_s=10, open_stream=device, retry_every_s=0.1)
    events: list = []
    pipe = Pipeline(dataclasses.replace(runtime, tts_load=None), events.append)
    frames = mic.frames()
    for frame in frames:
        pipe.feed(frame)
        if len([e for e in events if e.type == "reply"]) == 2:
            break
    frames.close()
    assert [e.intent for e in events if e.type == "intent"] == ["get_time", "set_timer"]
    assert (mic.reconnects, device.opens) == (1, 4)  # first open, two refusals, back


def test_microphone_that_never_comes_back_is_one_clear_error(runtime, piper):
    from assistant.audio.sources import MicrophoneSource
    from assistant.errors import UserError

    device = UnpluggableMic(np.zeros(4800, np.int16), None, 0)
    mic = MicrophoneSource(stall_s=0.3, reconnect_s=0.5, open_stream=device, retry_every_s=0.1)
    with pytest.raises(UserError) as err:
        for _ in mic.frames():
            pass
    message = str(err.value)
    assert message.startswith("the microphone stopped delivering audio and did not come back within 0.5 s")
    assert "plugged in" in message and "\n" not in message

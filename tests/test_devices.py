"""The real microphone path (sounddevice -> PortAudio -> ALSA) with an ALSA `type file` device standing
in for the missing sound card: the capture returns exactly the samples of a file."""

import os
import subprocess
import sys
import threading

import numpy as np


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

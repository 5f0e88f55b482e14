"""Issue 22: a wake phrase outside the dictionary, per-phrase calibration, trained models, `eval wake`.

Speech is synthesized here (Piper, espeak-ng); the spotters, the VAD gate and the CLI are the real ones."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import soundfile

from assistant.asr.pronounce import espeak_phones, generated_words, pronunciation_lines
from assistant.config import load_config
from assistant.listen.calibrate import calibrate, load_calibration, negative_sentences, save_calibration
from assistant.listen.spotters import make_spotter
from assistant.listen.vad import Endpointer
from assistant.listen.verify import VERIFY_FLOOR, VerifiedWake, heard
from assistant.listen.wake import PocketsphinxWake, WakeGate
from tests.conftest import cli, silence
from tests.test_listen import run_gate

OUT_OF_DICTIONARY = "hey nabu"  # "nabu" is not in cmudict


def test_espeak_pronounces_words_outside_the_dictionary():
    assert espeak_phones(["nabu", "mycroft"]) == {
        "nabu": ["N", "AA", "B", "UW"],
        "mycroft": ["M", "IH", "K", "R", "AO", "F", "T"],
    }
    lines = pronunciation_lines(["hey", "nabu", "siobhan", "42"])
    assert generated_words(lines) == {"nabu"}  # cmudict's own entries are kept; digits are left out
    assert "hey HH EY" in lines.splitlines() and not any(line.startswith("42") for line in lines.splitlines())


def test_phrase_outside_the_dictionary_wakes(piper):
    spotter = PocketsphinxWake([OUT_OF_DICTIONARY], load_config().wake.threshold)
    assert spotter.generated == ["nabu"]
    gate = WakeGate(spotter, Endpointer(), refractory_s=2.0)
    pcm = np.concatenate([silence(0.5), piper("Hey nabu."), silence(1.0), piper("What time is it?"), silence(1.0)])
    hits = run_gate(gate, pcm)
    assert [h for h, _ in hits] == [OUT_OF_DICTIONARY]
    assert hits[0][1] < 0.5 + len(piper("Hey nabu.")) / 16000 + 0.3  # during or just after the phrase


@pytest.fixture(scope="module")
def calibrated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("calibrations")
    # a small calibration (the real one uses 100 sentences and four espeak-ng voices): the same code
    cal = calibrate(OUT_OF_DICTIONARY, n_sentences=25, espeak_voices=(("en-us", 150),))
    save_calibration(cal, folder)
    return folder, cal


def test_calibration_is_stored_and_used(calibrated):
    folder, cal = calibrated
    again = load_calibration(OUT_OF_DICTIONARY, folder)
    assert again == cal and cal.positives == 27 and cal.negative_s > 60
    assert cal.hits >= 20 and cal.false_accepts == 0 and math.isfinite(cal.fa_per_hour_bound)
    config = load_config(None, {"wake.phrases": [OUT_OF_DICTIONARY]})
    spotter = make_spotter(config, calibration_dir=folder)
    # with the recognizer's check, sure needs the negatives' bound and the weakest synthesized positive
    assert cal.weakest_positive is not None and cal.weakest_positive <= 0
    assert spotter.sure == {OUT_OF_DICTIONARY: max(cal.min_score, cal.weakest_positive)}
    # candidates below it, down to the floor, are reported to the recognizer's check
    assert spotter.spotter.min_scores == {OUT_OF_DICTIONARY: min(cal.min_score, VERIFY_FLOOR)}
    plain = make_spotter(load_config(None, {"wake.phrases": [OUT_OF_DICTIONARY], "wake.verify": False}), calibration_dir=folder)
    assert plain.min_scores == {OUT_OF_DICTIONARY: cal.min_score}


def test_calibrated_phrase_does_not_wake_on_other_speech(calibrated, piper, espeak):
    folder, _ = calibrated
    spotter = make_spotter(load_config(None, {"wake.phrases": [OUT_OF_DICTIONARY]}), calibration_dir=folder)
    used = set(negative_sentences(OUT_OF_DICTIONARY, 25))
    # other speech the calibration did not hear: sentences of its own list it left out, other voices
    other = [s for s in negative_sentences(OUT_OF_DICTIONARY, 200) if s not in used][:12]
    talk = [piper(s) for s in other] + [espeak(s, "en-gb", 170) for s in other]
    pcm = np.concatenate([x for t in talk for x in (t, silence(0.6))])
    assert run_gate(WakeGate(spotter, Endpointer(), 2.0), pcm) == []
    # and the phrase itself still wakes it
    wake = np.concatenate([silence(0.5), piper("Hey nabu, what time is it?"), silence(1.0)])
    assert [h for h, _ in run_gate(WakeGate(spotter, Endpointer(), 2.0), wake)] == [OUT_OF_DICTIONARY]


@pytest.mark.parametrize(
    ("phrase", "transcript", "expected"),
    [
        ("computer", "Computer.", True),
        ("computer", "the computer is on", False),  # talk about a computer, not to it
        ("computer", "if my computer", False),
        ("computer", "thanks computer what time is it", True),
        ("hey computer", "a computer", True),  # "a" for a weakly spoken "hey"
        ("computer", "compute her", False),  # a long known word must be written as itself
        ("computer", "come here", False),
        ("computer", "", False),
        ("hey computer", "Hey, computer!", True),
        ("hey computer", "hey come here computer", False),
        ("hey nabu", "Hey Naboo.", True),  # a generated word matches by its phones
        ("hey nabu", "hey nab", False),
        ("hey nabu", "hey new", False),
        # a short word may be written as a word one phone away
        ("hey nabu", "a naboo", True),
        ("hey computer", "hi computer", True),
        ("hey computer", "the computer", False),  # "the" is two phones from "hey"
        ("computer", "computers", False),
    ],
)
def test_recognizer_check_needs_the_phrase_in_the_transcript(phrase, transcript, expected):
    """The words in order; a short word may also be written as a word one phone away, a generated one
    as one or two close words."""
    spelled = generated_words(pronunciation_lines(phrase.split()))
    assert heard(phrase, transcript, spelled) is expected


def test_uncertain_detection_wakes_only_when_the_recognizer_hears_the_phrase(runtime, piper, espeak):
    """Every candidate made uncertain (no score is sure): the phrase wakes through Whisper's transcript,
    other speech whose candidates reach the floor does not; without a recognizer nothing uncertain wakes."""
    assert runtime.asr is not None  # loaded (runtime.recognized answers None while it loads)
    phrase = "computer"
    never_sure, floor = {phrase: 1.0}, {phrase: -0.2}  # the floor: every candidate the search reports
    spotter = VerifiedWake(PocketsphinxWake([phrase], 1e-40, floor), never_sure, runtime.recognized)
    wake = np.concatenate([silence(0.5), piper("Computer, what time is it?"), silence(1.0)])
    assert [h for h, _ in run_gate(WakeGate(spotter, Endpointer(), 2.0), wake)] == [phrase]
    assert spotter.checked == 1
    other = ["Can you compute her taxes?", "I commute to work by bus.", "Come here, Peter."]
    talk = [piper(s) for s in other] + [espeak(s, "en-gb", 170) for s in other]
    pcm = np.concatenate([x for t in talk for x in (t, silence(0.6))])
    assert run_gate(WakeGate(spotter, Endpointer(), 2.0), pcm) == []
    assert spotter.checked > 1  # candidates were there and the recognizer turned them down
    deaf = VerifiedWake(PocketsphinxWake([phrase], 1e-40, floor), never_sure, None)
    assert run_gate(WakeGate(deaf, Endpointer(), 2.0), wake) == []


@pytest.mark.parametrize("engine", ["micro", "openwakeword"])
def test_trained_model_wakes_on_its_phrase_only(engine, piper):
    config = load_config(None, {"wake.engine": engine, "wake.phrases": ["hey jarvis"]})
    gate = WakeGate(make_spotter(config), Endpointer(), refractory_s=2.0)
    pcm = np.concatenate(
        [silence(1.0), piper("What is the weather tomorrow?"), silence(1.0), piper("Hey Jarvis."), silence(1.0)]
    )
    hits = run_gate(gate, pcm)
    assert [h for h, _ in hits] == ["hey jarvis"]
    assert hits[0][1] > 2.0 + len(piper("What is the weather tomorrow?")) / 16000


def test_openwakeword_looks_past_a_pause(piper):
    """openWakeWord scores a phrase only 0.2-0.3 s after its end; at the first pause the spotter plays the
    pause on to its models and wakes then. Where nothing fires, the models' state is as if it had not."""
    from assistant.listen.evaluate import speech_end_s
    from assistant.listen.trained import OpenWakeWordWake

    phrase = piper("Okay Nabu.")
    pcm = np.concatenate([silence(1.0), phrase, silence(1.5)])
    end = 1.0 + speech_end_s(phrase)
    after = {}
    for lookahead in (0.0, 0.6):
        spotter = OpenWakeWordWake(["okay nabu"], lookahead_s=lookahead)
        times = [(i + 160) / 16000 for i in range(0, len(pcm), 160) if spotter.accept(pcm[i : i + 160].tobytes())]
        assert len(times) == 1
        after[lookahead] = times[0] - end
    assert after[0.6] < 0.3 < after[0.0]

    talk = np.concatenate([piper("What is the weather tomorrow?"), silence(0.4), piper("Thanks.")])
    plain, looking = OpenWakeWordWake(["okay nabu"], lookahead_s=0.0), OpenWakeWordWake(["okay nabu"])
    looked = []
    looking._look_ahead = lambda quiet, f=looking._look_ahead: looked.append(1) or f(quiet)
    for i in range(0, len(talk), 160):
        assert plain.accept(talk[i : i + 160].tobytes()) is None
        assert looking.accept(talk[i : i + 160].tobytes()) is None
    assert looked  # there were pauses to look past
    assert np.array_equal(plain.features.mels, looking.features.mels)
    assert np.array_equal(plain.models[0].embeddings, looking.models[0].embeddings)


def test_trained_engine_without_a_model_for_the_phrase_is_one_clear_line():
    config = load_config(None, {"wake.engine": "micro", "wake.phrases": ["hey computer"]})
    with pytest.raises(Exception, match='no model for .hey computer.; its phrases: okay nabu, hey jarvis'):
        make_spotter(config)




def test_eval_wake_reports_hits_and_false_accepts(tmp_path, piper):
    """`assistant eval wake DIR` on a folder in wakeword-dev's layout, made of synthesized clips."""
    rows = []
    for i, text in enumerate(["Hey computer.", "Hey computer, set a timer.", "Hey computer!"]):
        name = f"wake-{i}.wav"
        soundfile.write(tmp_path / name, piper(text), 16000, subtype="PCM_16")
        rows.append({"path": name, "kind": "wake_word", "wake_word": "heycomputer"})
    for i, text in enumerate(["Turn off the lights in the kitchen.", "How far is the station?"]):
        name = f"other-{i}.wav"
        soundfile.write(tmp_path / name, piper(text), 16000, subtype="PCM_16")
        rows.append({"path": name, "kind": "not_wake_word"})
    (tmp_path / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    run = cli("eval", "wake", str(tmp_path), "--phrase", "hey computer", "--json")
    assert run.returncode == 0, run.stderr
    (row,) = [json.loads(line) for line in run.stdout.splitlines()]
    assert row["engine"] == "kws" and row["phrase"] == "hey computer" and row["positives"] == "recordings"
    assert row["hits"] == 3 and row["n"] == 3 and row["false_accepts"] == 0
    assert 0 < row["negative_h"] < 0.01 and row["latency_max_s"] < 1.0


def test_eval_wake_without_manifest_and_empty_phrase_are_one_line(tmp_path):
    run = cli("eval", "wake", str(tmp_path))
    assert run.returncode == 2 and run.stderr.strip().count("\n") == 0 and "manifest.jsonl" in run.stderr
    run = cli("wake", "calibrate", "  ")
    assert run.returncode == 2 and "give the phrase" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("min_score", "weakest", "checked", "sure"),
    [
        (-0.2, -0.07, True, -0.07),  # no negative came near: the weakest positive, the rest is checked
        (-0.2, -0.07, False, -0.2),  # no check: real voices score below the synthesized one
        (-0.08, -0.09, True, -0.08),  # a negative came above the weakest positive
        (-0.08, None, True, -0.08),  # calibrated before the weakest positive was kept
    ],
)
def test_sure_score(min_score, weakest, checked, sure):
    from assistant.listen.calibrate import Calibration

    cal = Calibration("hey there", min_score, 27, 27, 600.0, 0, weakest_positive=weakest)
    assert cal.sure_score(checked) == sure

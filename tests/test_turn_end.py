"""The end-of-command model (assistant/asr/turn_end.py): the shipped weights on sentences written for
these tests (tests/data/turn_end_cases.yaml), the run-time sum against scikit-learn's, and
scripts/train_turn_end.py run end to end on small files."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from assistant.asr.turn_end import TurnEnd, features, load_turn_end
from assistant.errors import UserError

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((Path(__file__).parent / "data" / "turn_end_cases.yaml").read_text())


def test_the_shipped_model_says_how_it_was_trained():
    model = load_turn_end()
    assert "intent_train.jsonl" in model.meta["trained_on"] and model.meta["training_sha256_16"]
    assert 0.1 <= model.likely_threshold < model.threshold < 1.0
    assert len(model.vocabulary) == len(model.weights) and np.isfinite(model.weights).all()
    held = model.meta["held_out"]
    assert held["complete"]["cut"] <= 2 * model.meta["max_cut"] and held["complete"]["complete"] > 0.3
    assert held["likely"]["cut"] <= 2 * model.meta["max_cut_likely"]
    assert held["likely"]["complete"] > held["complete"]["complete"]


def test_whole_commands_are_complete_and_their_beginnings_are_not():
    # a statistical model: most, not all, of sentences nobody trained on; the misses are shown
    model = load_turn_end()
    missed = [c["whole"] for c in CASES if model.probability(c["whole"]) < model.threshold]
    cut = [c["beginning"] for c in CASES if model.probability(c["beginning"]) >= model.threshold]
    assert len(missed) <= len(CASES) // 4, missed
    assert len(cut) <= len(CASES) // 8, cut
    assert all(model.probability(c["whole"]) > model.probability(c["beginning"]) for c in CASES)
    assert model.probability("") == 0.0 and model.probability("  ") < model.threshold


def test_the_run_time_sum_is_scikit_learns_probability():
    feature_extraction = pytest.importorskip("sklearn.feature_extraction", reason="the `train` extra")
    linear_model = pytest.importorskip("sklearn.linear_model", reason="the `train` extra")
    texts = [c[k] for c in CASES for k in ("whole", "beginning")]
    y = [k == "whole" for c in CASES for k in ("whole", "beginning")]
    vec = feature_extraction.DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(features(t), 1) for t in texts])
    lr = linear_model.LogisticRegression(C=1.0).fit(x, y)
    model = TurnEnd(tuple(vec.get_feature_names_out()), lr.coef_[0], float(lr.intercept_[0]), 0.5, 0.3)
    probe = ["turn on the lights", "what time is it in", "an unseen word zyx"]
    expected = lr.predict_proba(vec.transform([dict.fromkeys(features(t), 1) for t in probe]))[:, 1]
    assert np.allclose([model.probability(t) for t in probe], expected, atol=1e-5)


def test_an_unreadable_model_file_says_what_to_do(tmp_path):
    bad = tmp_path / "turn_end.npz"
    bad.write_bytes(b"not numpy")
    with pytest.raises(UserError, match="train_turn_end.py"):
        load_turn_end(bad)


def test_training_script_writes_a_model_that_loads(tmp_path):
    pytest.importorskip("sklearn", reason="the `train` extra (scikit-learn) trains the model")
    rows = [{"text": c["whole"], "label": "other"} for c in CASES]
    train, dev = tmp_path / "train.jsonl", tmp_path / "dev.jsonl"
    train.write_text("".join(json.dumps(r) + "\n" for r in rows))
    more = [f"what is the weather like in {c}" for c in ("paris", "rome", "oslo", "lima", "kyiv", "perth")]
    more += [f"book a flight to {c} on friday" for c in ("paris", "rome", "oslo", "lima", "kyiv", "perth")]
    dev.write_text("".join(json.dumps({"text": t, "label": "other"}) + "\n" for t in more))
    out = tmp_path / "turn_end.npz"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_turn_end.py"), str(train), str(dev), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "baseline (last word only), held-out" in done.stdout
    model = load_turn_end(out)
    assert model.meta["training_sha256_16"] and model.likely_threshold <= model.threshold <= 1.0
    assert model.probability(CASES[0]["whole"]) > model.probability(CASES[0]["beginning"])

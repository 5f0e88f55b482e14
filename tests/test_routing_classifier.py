"""The trained classifier step of routing (assistant/routing/classify.py) with the shipped weights and
the real MiniLM encoder, driven by tests/data/classifier_cases.yaml (sentences written for these tests,
not taken from any evaluation set), and scripts/train_router.py run end to end on small files."""

import importlib.util
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import yaml

from assistant.config import load_config
from assistant.plugins import Manifest, Skill, discover_skills
from assistant.routing.classify import Classifier, training_examples
from assistant.routing.head import LinearHead, load_head
from assistant.routing.intent import OTHER
from assistant.routing.llm_router import LlmRouter

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((Path(__file__).parent / "data" / "classifier_cases.yaml").read_text())


@pytest.fixture(scope="module")
def skills():
    return discover_skills(load_config())


@pytest.fixture(scope="module")
def classifier(skills):
    return Classifier(skills)


def test_the_shipped_head_knows_every_built_in_skill_and_how_it_was_trained(skills):
    head = load_head()
    labelled = {lab for _, lab in training_examples(skills)}
    assert set(head.labels) == labelled | {OTHER}
    # one class per source intent (CLINC150's 150, SNIPS's 7, ...), each belonging to one label
    assert len(head.classes) == head.weights.shape[0] > 100 and head.weights.shape[1] == 384
    assert np.isfinite(head.weights).all() and {c.split(":")[0] for c in head.classes} == set(head.labels)
    assert "intent_train.jsonl" in head.meta["trained_on"]
    assert 0.3 <= head.meta["sure"] < 1.0


def test_classifier_ranks_most_unseen_sentences_right(classifier):
    # a statistical model: most, not all, of sentences nobody trained on; the misses are shown
    rankings = classifier.rank_many([c["text"] for c in CASES])
    misses = [(c["text"], r.labels[:2]) for c, r in zip(CASES, rankings, strict=True) if r.best != c["label"]]
    assert len(misses) <= len(CASES) // 5, misses
    assert all(abs(sum(r.scores) - 1.0) < 1e-4 for r in rankings)


def test_word_features_match_scikit_learn():
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text", reason="the `train` extra")
    docs = ["book a table for two", "what's the weather in new york", "set a timer, a timer for tea"]
    vec = sklearn_text.TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(docs)
    vocab = [w for w, _ in sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])]
    weights = np.eye(len(vocab), 2, dtype=np.float32)  # logits = the first two features' values
    head = LinearHead(
        ("a", "b"),
        np.zeros((2, 384), np.float32),
        np.zeros(2, np.float32),
        tuple(vocab),
        vec.idf_.astype(np.float32),
        weights,
    )
    for doc in docs:
        expected = vec.transform([doc]).toarray()[0][:2]
        assert np.allclose(head.word_logits(doc), expected, atol=1e-6)


def test_a_label_is_the_sum_of_its_classes_and_unknown_words_get_no_vote():
    # three classes (two of them `other`'s), two labels; the embedding is 2-d here for readability
    rng = np.random.default_rng(0)
    weights, bias = rng.normal(size=(3, 2)).astype(np.float32), np.array([0.1, -0.2, 0.3], np.float32)
    word_weights = np.array([[2.0, -1.0, 0.5]], np.float16)  # one known word: "timer"
    head = LinearHead(
        ("other", "set_timer"),
        weights,
        bias,
        ("timer",),
        np.ones(1, np.float32),
        word_weights,
        np.array([0.0, 1.0, -1.0], np.float32),
        np.array([0, 0, 1]),
        0.5,
        ("other:a", "other:b", "set_timer:c"),
    )
    v = rng.normal(size=(2, 2)).astype(np.float32)

    def softmax(z):
        z = np.exp(z - z.max())
        return z / z.sum()

    def labels_of(p):
        return np.array([p[0] + p[1], p[2]])

    meaning = [labels_of(softmax(v[i] @ weights.T + bias)) for i in range(2)]
    words = labels_of(softmax(word_weights[0].astype(np.float32) + head.word_bias))
    mixed = softmax(0.5 * np.log(meaning[0]) + 0.5 * np.log(words))
    got = head.probabilities(v, ["start the timer", "wassup"])
    assert np.allclose(got[0], mixed, atol=1e-5)
    # no word the word model knows: the embedding model alone, not the word model's prior
    assert np.allclose(got[1], meaning[1], atol=1e-5)
    assert np.allclose(head.probabilities(v), np.stack(meaning), atol=1e-5)


def test_a_disabled_skill_takes_no_share(skills):
    fewer = {k: v for k, v in skills.items() if k != "weather"}
    r = Classifier(fewer).rank("will it rain in oslo tomorrow")
    assert "weather" not in r.labels and abs(sum(r.scores) - 1.0) < 1e-4


def test_a_plugin_skill_the_head_never_saw_is_offered_to_the_model(skills):
    manifest = Manifest(
        name="plant_care",
        description="Say when to water the house plants.",
        arguments={"type": "object", "properties": {}},
        examples=[
            {"text": t}
            for t in (
                "when should i water the ficus",
                "do my plants need water",
                "how often should i water the orchid",
                "is it time to water the cactus",
            )
        ],
    )
    plugin = Skill(manifest, lambda args, ctx: None, "test")
    router = LlmRouter({**skills, "plant_care": plugin}, None)
    r = router.classifier.rank("should i water the plants today")
    assert r.plugins and r.plugins[0][0] == "plant_care"
    label, offer = router.decide(r)
    assert label is None and "plant_care" in offer and offer[-1] == OTHER


def test_unsure_rows_go_to_other_without_a_model(skills):
    from assistant.routing.llm_router import Thresholds

    router = LlmRouter(skills, None, thresholds=Thresholds(sure=1.01, model_decides_unsure=True))
    # nothing is sure and the model should decide, but there is none: the honest answer is `other`
    assert router.route("could you find me a place to eat sushi").name == OTHER
    # by default an unsure row keeps the classifier's best label
    assert (
        LlmRouter(skills, None, thresholds=Thresholds(sure=1.01))
        .route("could you find me a place to eat sushi")
        .name
        == "find_restaurant"
    )


CITIES = ("paris", "rome", "oslo", "lima", "kyiv", "quito", "dakar", "perth")


def test_training_script_writes_a_head_that_loads(tmp_path):
    pytest.importorskip("sklearn", reason="the `train` extra (scikit-learn) trains the head")
    rows = [
        *(
            {"text": f"what is the weather like in {c}", "label": "weather"}
            for c in ("paris", "rome", "oslo", "lima")
        ),
        *({"text": f"is it going to {w} today", "label": "weather"} for w in ("rain", "snow", "be sunny")),
        *({"text": f"book a flight to {c}", "label": "other"} for c in ("paris", "rome", "oslo", "lima")),
        *({"text": f"play some {g} music", "label": "other"} for g in ("jazz", "rock", "folk")),
    ]
    train, dev = tmp_path / "train.jsonl", tmp_path / "dev.jsonl"
    train.write_text("".join(json.dumps(r) + "\n" for r in rows[::2]))
    more = [
        *({"text": f"how warm will it be in {c}", "label": "weather"} for c in CITIES),
        *({"text": f"find me a hotel in {c}", "label": "other"} for c in CITIES),
    ]
    dev.write_text("".join(json.dumps(r) + "\n" for r in rows[1::2] + more))
    out = tmp_path / "head.npz"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "train_router.py"),
            str(train),
            str(dev),
            "--out",
            str(out),
            "--no-written",
            "--no-extra",
            "--cache",
            str(tmp_path / "cache"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (
        "TF-IDF + LR (baseline), held-out" in done.stdout
        and "thresholds from the calibration split" in done.stdout
    )
    head = load_head(out)
    assert {"weather", OTHER} <= set(head.labels) and head.meta["training_sha256_16"]


def _skill_sentences():
    spec = importlib.util.spec_from_file_location("skill_sentences", ROOT / "scripts" / "skill_sentences.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("template", "sentences"),
    [
        ("what time is it", ["what time is it"]),
        ("(what|when) is your birthday", ["what is your birthday", "when is your birthday"]),
        ("tell me (the |)time", ["tell me the time", "tell me time"]),
        (
            "(is it (cold|hot)|will it rain) today",
            ["is it cold today", "is it hot today", "will it rain today"],
        ),
    ],
)
def test_padatious_templates_expand_to_every_sentence(template, sentences):
    assert sorted(_skill_sentences().expand(template)) == sorted(sentences)


def _wheel(path: Path, package: str, licence: str, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as whl:
        whl.writestr(f"{package}-1.0.dist-info/METADATA", f"Name: {package}\nLicense: {licence}\n")
        for name, text in files.items():
            whl.writestr(f"{package}/locale/en-us/{name}", text)
    return path


def test_skill_sentences_label_by_skill_fill_slots_and_skip_other_licences(tmp_path):
    mod = _skill_sentences()
    weather = _wheel(
        tmp_path / "ovos_skill_weather-1.0-py3-none-any.whl",
        "ovos_skill_weather",
        "Apache-2.0",
        {
            "intents/current.intent": "(what's|what is) the weather in {location}\nIs it RAINING?\n",
            "location.entity": "Oslo\nLima\n",
            "intents/news.intent": "weather about {unknown_slot}\n",
        },
    )
    volume = _wheel(
        tmp_path / "ovos_skill_volume-1.0-py3-none-any.whl",
        "ovos_skill_volume",
        "MIT",
        {"up.intent": "louder\n"},
    )
    closed = _wheel(
        tmp_path / "ovos_skill_closed-1.0-py3-none-any.whl",
        "ovos_skill_closed",
        "Proprietary",
        {"a.intent": "hi\n"},
    )
    rows = mod.collect([weather, volume, closed])
    by_text = {r["text"]: r for r in rows}
    assert "is it raining" in by_text and by_text["is it raining"]["label"] == "weather"
    filled = [t for t in by_text if t.startswith(("what's the weather in", "what is the weather in"))]
    assert len(filled) == 2 and all(t.split()[-1] in ("oslo", "lima") for t in filled)
    assert by_text["louder"]["label"] == "other" and by_text["louder"]["source"] == "ovos_skill_volume==1.0"
    assert "hi" not in by_text  # a licence the script may not read
    assert not any("unknown" in t for t in by_text)  # a slot no entity file fills is left out


@pytest.mark.parametrize(
    "text, question",
    [
        ("did bob email me", True),
        ("is there any mail from carol", True),
        ("have i got new messages", True),
        ("do you mind emailing bob that i'm late", False),
        ("can you email alice", False),
        ("could i send a note to my boss", False),
        ("email dad that i've landed", False),
        ("does", False),
        ("what was the subject of that email", True),
        ("how many messages did i get today", True),
        ("what's in my inbox", True),
        ("who should i write to about the invoice", False),  # a modal asks what to do
        ("when are you going to send it", False),
        ("any new mail from bob", True),  # "is there" left out
        ("any chance you could email bob", False),
    ],
)
def test_a_question_about_what_is_or_was(text, question):
    from assistant.text import asks_about_state

    assert asks_about_state(text) is question


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("read me the email from carol", True),
        ("could you please check my inbox", True),
        ("show me new email", True),
        ("look at my email", True),
        ("open a new email to bob", False),  # an email program's "open" starts writing
        ("open my email", True),  # what is there; it had asked "Who should the email go to?"
        ("open the email from carol", True),
        ("open my last email and reply to it", False),
        ("email bob that i'll check the figures", False),
        ("check my email and reply to bob saying yes", False),
        ("please", False),
    ],
)
def test_a_request_to_read_what_exists(text, reading):
    from assistant.text import asks_to_read

    assert asks_to_read(text) is reading


def test_a_skill_that_takes_requests_only_gets_no_share_of_a_question(skills, classifier):
    """draft_email writes email; asked whether mail came, it is not a candidate at all."""
    assert skills["draft_email"].manifest.requests_only
    asked, read, told = classifier.rank_many(
        ["did dave send me an email about the budget", "read me the email from dave", "email dave about the budget"]
    )
    assert dict(zip(asked.labels, asked.scores, strict=True))["draft_email"] == 0.0
    assert dict(zip(read.labels, read.scores, strict=True))["draft_email"] == 0.0
    assert told.best == "draft_email"


def test_a_command_embedded_again_is_the_same_vector_as_in_a_batch(classifier):
    """The router embeds a command and the skill asks the head about it again (chat_kinds): the second
    embedding comes from what was kept, and equals what a batch of several gives."""
    encoder = classifier.encoder
    text = "how do you spell the word umbrella"
    first = encoder.embed([text])
    again = encoder.embed([text])
    batch = encoder.embed(["what's the weather like", text])
    assert again.shape == (1, encoder.dim)
    np.testing.assert_array_equal(first, again)
    np.testing.assert_allclose(again[0], batch[1], atol=1e-5)
    again[0, 0] = 9.0  # the caller's copy: what is kept does not change
    np.testing.assert_array_equal(encoder.embed([text]), first)

"""Skill discovery: built-in folder, configured folders and the `assistant.skills` entry points all go
through the same loader; bad manifests get one clear error."""

import sys
import textwrap

import pytest

from assistant.config import load_config
from assistant.errors import UserError
from assistant.plugins import discover_skills

MANIFEST = """
name: {name}
description: Say hello back.
capability: greet you
arguments:
  type: object
  properties:
    who: {{type: string}}
templates:
  - sentences: ["say hello [to {{who}}]"]
lists:
  who:
    wildcard: true
examples:
  - {{text: "say hello to bob", args: {{who: bob}}}}
"""

HANDLER = """
from assistant.plugins import Reply

async def handle(args, ctx):
    return Reply("Hello " + args.get("who", "you") + ".")
"""


def write_skill(folder, name):
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text(MANIFEST.format(name=name))
    (folder / "handler.py").write_text(HANDLER)


def test_builtin_skills_load():
    skills = discover_skills(load_config())
    assert {"get_time", "set_timer"} <= set(skills)
    assert skills["set_timer"].manifest.arguments["properties"]["unit"]["enum"] == [
        "seconds",
        "minutes",
        "hours",
    ]


def test_skill_from_a_configured_folder(tmp_path):
    write_skill(tmp_path / "greet", "greet")
    cfg = load_config(None, {"skills.dirs": [str(tmp_path)]})
    skills = discover_skills(cfg)
    assert skills["greet"].manifest.examples[0]["args"] == {"who": "bob"}
    from assistant.routing.router import Router

    assert Router(skills).route("say hello to bob").args == {"who": "bob"}


def test_skill_from_an_entry_point(tmp_path, monkeypatch):
    """A third-party package: a module plus an entry point in the `assistant.skills` group."""
    pkg = tmp_path / "site" / "hello_skill"
    write_skill(pkg, "hello_plugin")
    (pkg / "__init__.py").write_text((pkg / "handler.py").read_text())
    dist = tmp_path / "site" / "hello_skill-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: hello-skill\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[assistant.skills]\nhello = hello_skill\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    skills = discover_skills(load_config())
    assert "hello_plugin" in skills
    # plugins load only from configured places: switching entry points off drops it
    assert "hello_plugin" not in discover_skills(load_config(None, {"skills.entry_points": False}))
    sys.modules.pop("hello_skill", None)


def test_a_plugin_cannot_replace_a_builtin(tmp_path):
    write_skill(tmp_path / "get_time", "get_time")
    skills = discover_skills(load_config(None, {"skills.dirs": [str(tmp_path)]}))
    assert skills["get_time"].source.endswith("skills/get_time")


@pytest.mark.parametrize(
    "manifest,expect",
    [
        ("description: x\n", "lacks the required key 'name'"),
        ("name: x\ndescription: y\narguments: {type: nonsense}\n", "not a valid JSON schema"),
        ("name: [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_manifest_is_one_clear_error(tmp_path, manifest, expect):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "manifest.yaml").write_text(textwrap.dedent(manifest))
    (folder / "handler.py").write_text(HANDLER)
    with pytest.raises(UserError, match=expect):
        discover_skills(load_config(None, {"skills.dirs": [str(tmp_path)]}))


def test_missing_skill_folder_is_reported(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        discover_skills(load_config(None, {"skills.dirs": [str(tmp_path / "nope")]}))


def test_disabled_skills_are_skipped():
    assert "set_timer" not in discover_skills(load_config(None, {"skills.disabled": ["set_timer"]}))


def test_skills_in_the_working_directory_or_home_are_not_loaded(tmp_path, monkeypatch):
    """Only the built-in folder, [skills] dirs and installed entry points: a skills/ folder that happens
    to sit where the assistant is started (or in HOME) is never imported."""
    planted = tmp_path / "skills" / "planted"
    write_skill(planted, "planted")
    (planted / "handler.py").write_text("raise SystemExit('a planted skill was imported')\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    skills = discover_skills(load_config())
    assert "planted" not in skills and "get_time" in skills
    assert all(str(tmp_path) not in s.source for s in skills.values())


def test_the_run_model_ties_the_output_layer_and_stores_the_feed_forward_as_q4_0(tmp_path):
    """models_default.derive_run_model writes a GGUF without output.weight (llama.cpp then computes the
    logits from token_embd, as Qwen2.5's tied embeddings do upstream) and with the feed-forward Q5_0
    matrices as Q4_0 (batched kernels); token_embd, attention and every other key and tensor as they were."""
    import gguf
    import numpy as np

    from assistant.errors import UserError
    from assistant.models_default import derive_run_model

    Q = gguf.GGMLQuantizationType
    rng = np.random.default_rng(0)
    src, dst = tmp_path / "model.gguf", tmp_path / "run.gguf"
    writer = gguf.GGUFWriter(src, arch="qwen2")
    writer.add_block_count(1)
    writer.add_string("tokenizer.chat_template", "{{ messages }}")
    embd = gguf.quants.quantize(rng.normal(size=(4, 64)).astype(np.float32), Q.Q5_0)
    ffn = rng.normal(size=(8, 64)).astype(np.float32)
    norm = np.full(8, 0.5, dtype=np.float32)
    writer.add_tensor("token_embd.weight", embd, raw_dtype=Q.Q5_0)
    writer.add_tensor("output.weight", np.ones((4, 8), np.float32))
    writer.add_tensor("blk.0.attn_norm.weight", norm)
    writer.add_tensor("blk.0.ffn_up.weight", gguf.quants.quantize(ffn, Q.Q5_0), raw_dtype=Q.Q5_0)
    attn = gguf.quants.quantize(ffn, Q.Q5_0)
    writer.add_tensor("blk.0.attn_q.weight", attn, raw_dtype=Q.Q5_0)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()

    derive_run_model(src, dst)
    run = gguf.GGUFReader(dst)
    tensors = {t.name: t for t in run.tensors}
    names = ["token_embd.weight", "blk.0.attn_norm.weight", "blk.0.ffn_up.weight", "blk.0.attn_q.weight"]
    assert list(tensors) == names
    for name, data in (("token_embd.weight", embd), ("blk.0.attn_q.weight", attn)):
        assert tensors[name].tensor_type == Q.Q5_0 and np.array_equal(tensors[name].data, data)
    assert np.array_equal(tensors["blk.0.attn_norm.weight"].data, norm)
    up = tensors["blk.0.ffn_up.weight"]
    assert up.tensor_type == Q.Q4_0
    # 4 bits over a block's range: each weight within about a sixteenth of its block's largest
    error = np.abs(gguf.quants.dequantize(up.data, Q.Q4_0) - ffn)
    assert error.max() < np.abs(ffn).max() / 6 and error.mean() < np.abs(ffn).mean() / 4
    fields = {k: f.contents() for k, f in run.fields.items() if not k.startswith("GGUF.")}
    assert fields == {k: f.contents() for k, f in gguf.GGUFReader(src).fields.items() if not k.startswith("GGUF.")}
    with pytest.raises(UserError, match="no separate output layer"):
        derive_run_model(dst, tmp_path / "again.gguf")


def test_skills_written_against_the_old_modules_still_import_the_same_api():
    """Reply, Manifest and SkillContext live in assistant.skill_api; third-party skills written before
    import them from assistant.plugins and assistant.skill_context, which hand over the same objects."""
    from assistant import skill_api
    from assistant.plugins import Manifest as OldManifest
    from assistant.plugins import Reply as OldReply
    from assistant.skill_context import SkillContext as OldContext

    assert (OldReply, OldManifest, OldContext) == (skill_api.Reply, skill_api.Manifest, skill_api.SkillContext)

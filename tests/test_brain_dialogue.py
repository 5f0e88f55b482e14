"""Dialogue through `assistant listen` on scripted Piper speech: a missing argument asked for, a
follow-up without the wake word, and a yes/no confirmation before a skill with side effects."""

from __future__ import annotations

import json

from assistant.cli import main

PORCH_MANIFEST = """
name: porch_light
description: Switch the porch light on or off.
side_effects: true
arguments:
  type: object
  properties:
    state: {type: string, enum: ["on", "off"]}
  required: [state]
  additionalProperties: false
lists:
  state:
    values: ["on", "off"]
templates:
  - sentences: ["turn {state} the porch light", "switch {state} the porch light"]
"""
PORCH_HANDLER = """
from assistant.plugins import Reply

async def handle(args, ctx):
    ctx.state["light"] = args["state"]
    return Reply(f"The porch light is {args['state']}.")
"""


def test_question_follow_up_and_confirmation(piper, make_wav, tmp_path):
    skill = tmp_path / "skills" / "porch_light"
    skill.mkdir(parents=True)
    (skill / "manifest.yaml").write_text(PORCH_MANIFEST)
    (skill / "handler.py").write_text(PORCH_HANDLER)
    config = tmp_path / "config.toml"
    config.write_text(
        f'[vad]\nfollow_up_s = 5.0\n[tts]\ndeterministic = true\n[llm]\nenabled = false\n'
        f'[skills]\ndirs = ["{skill.parent}"]\n'
    )
    wavs = [
        make_wav(1.0, piper("Hey computer."), 0.4, piper("Set a timer."), 1.5),  # -> "For how long?"
        make_wav(0.8, piper("Five minutes."), 1.5),  # the answer, no wake word
        make_wav(1.0, piper("What time is it?"), 1.5),  # a follow-up inside the window, no wake word
        make_wav(1.0, piper("Turn off the porch light."), 1.5),  # follow-up again -> "Should I ...?"
        make_wav(0.8, piper("Yes."), 1.5),
    ]
    events_path = tmp_path / "events.jsonl"
    argv = ["listen", "--continuous", "--config", str(config), "--events", str(events_path)]
    argv += ["--wav", *map(str, wavs)]
    assert main(argv) == 0
    events = [json.loads(line) for line in events_path.read_text().splitlines()]
    assert [e["type"] for e in events].count("wake") == 1  # only the first command used the wake word
    replies = [e["text"] for e in events if e["type"] == "reply"]
    intents = [e["intent"] for e in events if e["type"] == "intent"]
    assert intents == ["set_timer", "set_timer", "get_time", "porch_light", "porch_light"], intents
    assert replies[0] == "For how long?"
    assert replies[1] == "Timer set for 5 minutes."
    assert replies[2].startswith(("It's", "It is"))
    assert replies[3].startswith("Should I switch the porch light on or off") and "yes or no" in replies[3]
    assert replies[4] == "The porch light is off."

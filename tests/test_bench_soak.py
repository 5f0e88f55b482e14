"""`assistant bench --soak N`: N turns cycling a command set through one `listen` session of the real
default stack, reported with its peak RSS. No figure is asserted beyond its consistency."""

from __future__ import annotations

import json

from tests.conftest import cli, one_error_line


def test_a_soak_of_a_few_turns_cycles_the_commands_and_reports_its_peak_rss(tmp_path):
    commands = tmp_path / "two.jsonl"
    commands.write_text(
        '{"text": "what time is it", "intent": "get_time"}\n'
        '{"text": "set a timer for ten minutes", "intent": "set_timer"}\n'
    )
    out = tmp_path / "soak.json"
    result = cli("bench", "--soak", 3, "--commands", commands, "--json", out, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    soak = json.loads(out.read_text())
    assert soak == json.loads(result.stdout)
    assert (soak["turns"], soak["commands"], soak["replies"], soak["error_events"]) == (3, 2, 3, 0)
    assert 0 < soak["rss_mb_at_first_reply"] <= soak["peak_rss_mb"]
    assert 0 < soak["rss_mb_at_end"] <= soak["peak_rss_mb"]


def test_a_soak_needs_at_least_one_turn():
    line = one_error_line(cli("bench", "--soak", 0, timeout=120))
    assert "--soak" in line

"""Installs, configures and runs the way users expect: global options anywhere, --version, exit statuses
that tell a config error from a missing device, the usual per-user folders, `config init` / `config show`,
and drafting out of the box. The real CLI in subprocesses, with XDG folders in tmp_path."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel

from assistant import __version__, paths
from assistant.config import Config, load_config
from tests.conftest import cli, one_error_line

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def home(tmp_path) -> dict[str, str]:
    """An environment whose config, data and cache folders are empty ones under tmp_path."""
    env = dict(os.environ)
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[var] = str(tmp_path / var.lower())
    env.pop("ASSISTANT_DATA_DIR", None)
    return env






def test_global_options_before_or_after_the_subcommand(home):
    before = cli("--config", "missing.toml", "ask", "hi", env=home)
    after = cli("ask", "hi", "--config", "missing.toml", env=home)
    for r in (before, after):
        assert r.returncode == 78  # EX_CONFIG: the systemd unit does not restart on it
        assert "config file missing.toml does not exist" in one_error_line(r)
    usage = cli("ask", "hi", "--no-such-option", env=home)
    assert usage.returncode == 64 and "--no-such-option" in one_error_line(usage)  # EX_USAGE
    for args in (["--version"], ["serve", "--version"]):
        v = cli(*args, env=home)
        assert v.returncode == 0 and v.stdout.strip() == f"assistant {__version__}"


def test_a_missing_microphone_is_not_a_config_error(tmp_path, home):
    cfg = tmp_path / "mic.toml"
    cfg.write_text('[llm]\nenabled = false\n[audio]\ninput_device = "no-such-microphone"\n')
    r = cli("--no-ui", "--config", cfg, env=home)
    assert r.returncode == 69 and "no-such-microphone" in one_error_line(r)  # EX_UNAVAILABLE: worth a restart
    bad = tmp_path / "bad.toml"
    bad.write_text("[vad]\nend_silence_ms = 10\n")
    r = cli("--no-ui", "--config", bad, env=home)
    assert r.returncode == 78 and "end_silence_ms" in one_error_line(r)


def test_config_init_writes_every_setting_commented_at_its_default(tmp_path, home):
    r = cli("config", "init", env=home)
    target = Path(home["XDG_CONFIG_HOME"]) / "assistant" / "config.toml"
    assert r.returncode == 0 and r.stdout.strip() == f"wrote {target}", r.stderr
    text = target.read_text()
    # every key of every section is there, commented out, so nothing is pinned (a `language` change
    # still picks its own voice and wake phrase)
    for name, field in Config.model_fields.items():
        section = field.default
        if isinstance(section, BaseModel):
            block = text.split(f"\n[{name}]\n", 1)[1].split("\n[", 1)[0]
            missing = [k for k in type(section).model_fields if f"# {k} = " not in block]
            assert not missing, (name, missing)
    assert "# host = (required)" in text and "# maildir = (not set)" in text
    assert tomllib.loads(text) == {s: {} for s in tomllib.loads(text)}  # only empty tables: all commented
    assert load_config(target) == load_config(None)
    # read when present: `config show` says so; a second init does not overwrite it
    shown = cli("config", "show", env=home)
    assert shown.returncode == 0 and f"# config file: {target}" in shown.stdout
    again = cli("config", "init", env=home)
    assert again.returncode == 2 and "--force" in one_error_line(again)


def test_config_show_prints_the_effective_config_without_secrets(tmp_path, home):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[vad]\nfollow_up_s = 2.5\n[email.smtp]\nhost = "mail.example"\npassword = "hunter2"\n')
    r = cli("config", "show", "--config", cfg, "--data-dir", tmp_path / "data", env=home)
    assert r.returncode == 0, r.stderr
    shown = tomllib.loads(r.stdout)
    assert shown["vad"]["follow_up_s"] == 2.5 and shown["vad"]["end_silence_ms"] == 600
    assert shown["email"]["smtp"] == {"host": "mail.example", "password": "***"}
    assert "hunter2" not in r.stdout
    assert f"# data folder: {tmp_path / 'data'}" in r.stdout
    assert f"# email drafts: {tmp_path / 'data' / 'Mail'}" in r.stdout


def test_drafting_works_out_of_the_box_and_says_what_sending_needs(tmp_path, home):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[llm]\nenabled = false\n")  # only to keep the test quick: no [email] section at all
    data = tmp_path / "data"
    r = cli("--data-dir", data, "ask", "email alice saying see you at noon", "--config", cfg, env=home)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Here's the email to alice")
    assert "saved in your drafts without an address: add contacts to the [email] section" in r.stdout
    [draft] = (data / "Mail" / ".Drafts" / "cur").iterdir()
    assert "See you at noon." in draft.read_text()
    cfg.write_text('[llm]\nenabled = false\n[email.address_book]\nalice = "Alice <alice@example.org>"\n')
    r = cli("--data-dir", data, "ask", "email alice saying see you at noon", "--config", cfg, env=home)
    assert r.stdout.rstrip().endswith("It's saved in your drafts; sending isn't set up: add [email.smtp] settings.")


def test_folders_follow_the_platform_and_the_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("ASSISTANT_CACHE_DIR", raising=False)
    monkeypatch.setattr(paths, "_chosen", {})
    assert paths.config_file() == tmp_path / "cfg" / "assistant" / "config.toml"
    assert paths.data_dir() == tmp_path / "share" / "assistant"
    assert paths.cache_dir() == tmp_path / "cache" / "assistant"
    assert paths.drafts_maildir() == tmp_path / "share" / "assistant" / "Mail"
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.setenv("ASSISTANT_DOWNLOAD_DIR", str(tmp_path / "env-dl"))
    assert paths.data_dir() == tmp_path / "env-data"
    assert paths.models_dir() == tmp_path / "env-dl" / "models"
    paths.configure(data_dir=tmp_path / "flag-data", download_dir=tmp_path / "flag-dl")  # the CLI wins
    assert paths.data_dir() == tmp_path / "flag-data"
    assert paths.voices_dir() == tmp_path / "flag-dl" / "voices"
    from assistant.places.settings import default_db

    assert default_db() == tmp_path / "flag-data" / "restaurants.sqlite"


def test_the_systemd_unit_restarts_for_a_device_but_not_for_a_config_error():
    import configparser

    from assistant.errors import EXIT_CONFIG, EXIT_UNAVAILABLE, EXIT_USAGE

    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(ROOT / "scripts" / "assistant.service")
    service = unit["Service"]
    assert service["Restart"] == "on-failure"  # a non-zero status such as EX_UNAVAILABLE is retried
    assert {int(s) for s in service["RestartPreventExitStatus"].split()} == {EXIT_USAGE, EXIT_CONFIG}
    assert EXIT_UNAVAILABLE not in {EXIT_USAGE, EXIT_CONFIG}
    assert service["ExecStart"].split()[1:] == ["--no-ui"]  # the config file is the user's default one

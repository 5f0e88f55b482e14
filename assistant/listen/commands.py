"""`assistant wake calibrate PHRASE` and `assistant eval wake DIR` (the latter registered by bench/eval_intents.py)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import UserError


def register(sub, common) -> dict:
    p = sub.add_parser("wake", help="wake word: calibrate a phrase, show stored calibrations")
    common(p)
    wsub = p.add_subparsers(dest="wake_command", required=True)
    c = wsub.add_parser("calibrate", help="choose a phrase's detection score from synthesized speech")
    common(c)
    c.add_argument("phrase")
    c.add_argument("--json", action="store_true")
    s = wsub.add_parser("show", help="the stored calibration of each configured phrase")
    common(s)
    return {"wake": cmd_wake}


def cmd_wake(args: argparse.Namespace) -> int:
    from ..catalog.language_models import use_installed_models
    from ..config import load_config
    from .calibrate import calibrate, save_calibration
    from .spotters import checked_below, find_calibration

    config = use_installed_models(load_config(args.config))  # the language's voice says the phrase
    if args.wake_command == "show":
        for phrase in config.wake.phrases:
            cal = find_calibration(phrase)
            print(f"{phrase}: {cal.summary() + checked_below(config) if cal else 'not calibrated: assistant wake calibrate PHRASE'}")
        return 0
    phrase = " ".join(args.phrase.split())
    if not phrase:
        raise UserError('give the phrase to calibrate: assistant wake calibrate "hey nabu"')
    voice = config.tts.voice if config.tts.engine == "piper" else None
    cal = calibrate(phrase, voice, progress=lambda m: print(m, file=sys.stderr, flush=True))
    path = save_calibration(cal)
    if args.json:
        print(json.dumps({**cal.__dict__, "fa_per_hour_bound": round(cal.fa_per_hour_bound, 1), "file": str(path)}))
    else:
        print(f"{cal.phrase}: {cal.summary()}\nstored in {path} ({cal.seconds:.0f} s)")
    return 0


def cmd_eval_wake(args: argparse.Namespace) -> int:
    from ..catalog.language_models import use_installed_models
    from ..config import load_config
    from .evaluate import evaluate, markdown
    from .spotters import make_spotter
    from .vad import Endpointer, VadSettings
    from .wake import WakeGate

    config = use_installed_models(load_config(args.config))
    folder = Path(args.file)
    if not folder.is_dir():
        raise UserError(f"{folder} is not a folder; give a folder with manifest.jsonl and its clips")
    engines: list[tuple[str, list[str]]] = []
    phrases = args.phrase or config.wake.phrases
    for engine in args.engine or [config.wake.engine]:
        engines.append((engine, phrases if engine == "kws" else (args.model_phrase or ["hey jarvis"])))
    synth: list[str] = []
    if args.synth:
        src = Path(args.synth)
        if not src.is_file():
            raise UserError(f"--synth {src} does not exist; give a text file (one sentence a line) or JSONL with text")
        for line in src.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line:
                synth.append(json.loads(line)["text"] if line.startswith("{") else line)
        synth = synth[:: max(1, len(synth) // args.synth_n)][: args.synth_n]
    v = config.vad
    recognizer: list = []  # loaded once, for the first gate that checks with it

    def transcribe(pcm: bytes, expect: str | None = None) -> str | None:
        if not recognizer:
            from ..asr.whisper_engine import whisper_from_config

            recognizer.append(whisper_from_config(config))
        return recognizer[0].quick_transcript(pcm, expect)  # the pass the loop's check makes (Runtime.recognized)

    def make_gate(engine: str, phrase: str) -> WakeGate:
        cfg = config.model_copy(deep=True)
        cfg.wake.engine = engine
        cfg.wake.confirm = args.confirm or (config.wake.confirm and not args.no_confirm)
        cfg.wake.verify = config.wake.verify and not args.no_verify
        spotter = make_spotter(cfg, [phrase], transcribe=transcribe)
        return WakeGate(spotter, Endpointer(VadSettings(v.aggressiveness, v.end_silence_ms, v.max_utterance_s)), 0)

    rows = evaluate(
        folder,
        engines,
        make_gate,
        [Path(d) for d in args.negatives or []],
        synth,
        voice=config.tts.voice if config.tts.engine == "piper" else None,
        progress=lambda m: print(m, file=sys.stderr, flush=True),
        denoise=config.audio.noise_suppression,
    )
    if args.json_rows:
        for r in rows:
            print(json.dumps(r.as_dict()))
    else:
        print(markdown(rows))
    return 0


def add_eval_arguments(p: argparse.ArgumentParser) -> None:
    """`assistant eval wake DIR` options (the eval parser is shared with `eval intents`)."""
    g = p.add_argument_group("eval wake")
    g.add_argument("--engine", action="append", choices=["kws", "micro", "openwakeword"])
    g.add_argument("--phrase", action="append", help="kws phrase (repeatable; default: the configured ones)")
    g.add_argument("--model-phrase", action="append", help="trained-model phrase (default: hey jarvis)")
    g.add_argument("--negatives", action="append", metavar="DIR", help="folder of WAVs of other speech")
    g.add_argument("--synth", metavar="FILE", help="sentences (text or JSONL) spoken as more negatives")
    g.add_argument("--synth-n", type=int, default=100, help="how many of --synth's sentences")
    g.add_argument("--confirm", action="store_true", help="kws with the second check (listen/confirm.py)")
    g.add_argument("--no-confirm", action="store_true", help="kws without the second check")
    g.add_argument("--no-verify", action="store_true", help="kws: no recognizer check below the calibration")
    g.add_argument("--json", dest="json_rows", action="store_true")

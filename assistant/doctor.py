"""`assistant doctor`: what this machine has (audio devices, models, CPU), what to expect from it, and
for every problem found the one command that fixes it. A command of its own (not in catalog/): it checks
the wake word spotters and the audio devices too, which sit above the model catalogue."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .catalog.cli import store_args, store_from_args
from .catalog.entries import CatalogEntry, load_catalog
from .catalog.store import Store
from .errors import EXIT_FAILED, EXIT_TEXT_ONLY, UserError

BLOCKING = {"models", "config"}  # sections whose problems keep the assistant from starting


@dataclass
class Item:
    section: str
    name: str
    ok: bool
    detail: str
    fix: str = ""


@dataclass
class Report:
    items: list[Item] = field(default_factory=list)
    performance: dict = field(default_factory=dict)

    def add(self, section: str, name: str, ok: bool, detail: str, fix: str = "") -> None:
        self.items.append(Item(section, name, ok, detail, "" if ok else fix))

    @property
    def problems(self) -> list[Item]:
        return [i for i in self.items if not i.ok]

    @property
    def verdict(self) -> str:
        """"cannot run" (a model or a configured path is missing), "text only" (runs, typed commands and
        text replies: no microphone or no speakers) or "ready". CPU and tool findings only advise."""
        sections = {i.section for i in self.problems}
        if sections & BLOCKING:
            return "cannot run"
        return "text only" if "audio" in sections else "ready"

    @property
    def exit_code(self) -> int:
        return {"cannot run": EXIT_FAILED, "text only": EXIT_TEXT_ONLY}.get(self.verdict, 0)

    def as_dict(self) -> dict:
        return {
            "items": [asdict(i) for i in self.items],
            "performance": self.performance,
            "problems": len(self.problems),
            "verdict": self.verdict,
        }


def _audio(report: Report, config) -> None:
    try:
        import sounddevice as sd
    except OSError:  # the PortAudio library itself is missing
        report.add(
            "audio", "PortAudio", False, "libportaudio2 is not installed", "sudo apt install libportaudio2"
        )
        return
    try:
        devices = sd.query_devices()
    except Exception as exc:  # PortAudioError and friends: report, do not crash the doctor
        report.add(
            "audio", "devices", False, f"cannot list audio devices ({exc})", "sudo apt install alsa-utils"
        )
        return
    inputs = [d["name"] for d in devices if d["max_input_channels"] > 0]
    outputs = [d["name"] for d in devices if d["max_output_channels"] > 0]
    hint = "arecord -l" if shutil.which("arecord") else "sudo apt install alsa-utils"
    report.add(
        "audio",
        "microphone",
        bool(inputs),
        f"{len(inputs)} input device(s): {', '.join(inputs[:3])}"
        if inputs
        else "no input device (use `assistant listen --wav FILE` meanwhile)",
        f"{hint}  # then plug in a microphone",
    )
    report.add(
        "audio",
        "speakers",
        bool(outputs),
        f"{len(outputs)} output device(s): {', '.join(outputs[:3])}"
        if outputs
        else "no output device (replies can be written as WAV files with --reply-dir)",
        "aplay -l  # then connect speakers or set [audio] output_device",
    )
    for kind, wanted in (("input", config.audio.input_device), ("output", config.audio.output_device)):
        if wanted is None:
            continue
        try:
            sd.query_devices(wanted, kind)
            report.add("audio", f"[audio] {kind}_device", True, f"{wanted!r} found")
        except (ValueError, Exception):
            report.add(
                "audio",
                f"[audio] {kind}_device",
                False,
                f"{wanted!r} does not exist",
                "python -m sounddevice  # lists the devices; put one name in the config",
            )


def _models(report: Report, store: Store, catalog: dict[str, CatalogEntry], config) -> None:
    wanted = {e.name for e in catalog.values() if e.registry is not None or store.path(e) is not None}
    from .languages import profile

    lang = profile(config.language)
    if lang.asr_model:
        wanted.add(lang.asr_model)
    for name in sorted(wanted):
        check = store.verify(catalog[name])
        optional = (
            check.status == "missing"
            and catalog[name].kind == "llm"
            and name != "qwen2.5-coder-0.5b-instruct"
        )
        if optional:
            report.add("models", name, True, "not installed (optional)")
            continue
        report.add(
            "models", name, check.ok, check.detail + (f" ({check.path})" if check.path else ""), check.fix
        )
    # what the configuration points at
    asr = config.asr
    if asr.engine == "vosk":
        ok = bool(asr.vosk_model) and Path(asr.vosk_model).expanduser().is_dir()
        fix = f"assistant models pull {lang.asr_model or 'vosk-small-en-us'}"
        report.add("config", "[asr] vosk_model", ok, str(asr.vosk_model or "not set"), fix)
    voice = config.tts.voice or ""
    if voice.startswith("espeak-ng:"):
        report.add(
            "config",
            "[tts] voice",
            shutil.which("espeak-ng") is not None,
            voice,
            "sudo apt install espeak-ng",
        )
    else:
        from .tts.piper_tts import resolve_voice

        try:
            report.add("config", "[tts] voice", True, str(resolve_voice(config.tts.voice)))
        except UserError as exc:
            name = config.tts.voice if config.tts.voice in catalog else "en_US-lessac-medium"
            report.add(
                "config", "[tts] voice", False, str(exc).split(";")[0], f"assistant models pull {name}"
            )
    if config.llm.enabled and config.llm.preset == "custom":
        p = Path(config.llm.model_path or "")
        report.add(
            "config",
            "[llm] model_path",
            p.is_file(),
            str(p),
            "assistant models pull qwen2.5-1.5b-instruct  # then: assistant models use ... --config FILE",
        )


def _gflops() -> float:
    """A tiny matrix-multiply benchmark (float32 GEMM, a few tens of ms): a rough speed figure."""
    import numpy as np

    a = np.random.default_rng(0).random((384, 384), dtype=np.float32)
    a @ a
    n, t = 0, time.perf_counter()
    while time.perf_counter() - t < 0.15:
        a @ a
        n += 1
    return 2 * 384**3 * n / (time.perf_counter() - t) / 1e9


def _cpu(report: Report, config) -> None:
    import cpuinfo
    import psutil

    info = cpuinfo.get_cpu_info()
    flags = set(info.get("flags", []))
    # sched_getaffinity is Linux only: elsewhere all the machine's cores
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    ram = psutil.virtual_memory()
    simd = [
        f
        for f in ("avx512f", "avx2", "fma", "f16c", "avx", "sse4_2", "asimd", "neon", "asimddp")
        if f in flags
    ]
    report.add(
        "cpu",
        "processor",
        True,
        f"{info.get('brand_raw', '?')} ({info.get('arch', '?')}), {cores} cores usable",
    )
    report.add(
        "cpu",
        "SIMD",
        bool(simd),
        ", ".join(simd) or "none of AVX2/NEON: the language model will be slow",
        "set [llm] enabled = false in the config  # routing then uses templates only",
    )
    gflops = _gflops()
    total_gb, avail_gb = ram.total / 2**30, ram.available / 2**30
    report.add(
        "cpu",
        "memory",
        avail_gb >= 1.0,
        f"{total_gb:.1f} GB total, {avail_gb:.1f} GB available",
        "close other programs  # the 0.5B model and Vosk need ~1 GB together",
    )
    fast_simd = "avx2" in flags or "asimd" in flags or "neon" in flags
    if cores >= 4 and total_gb >= 8 and fast_simd and gflops >= 50:
        klass, llm, note = (
            "A",
            "quality",
            "Qwen 1.5B routes every command (~3 s on 2 cores, faster here); hybrid ASR",
        )
    elif cores >= 2 and total_gb >= 3 and fast_simd:
        klass, llm, note = (
            "B",
            "fast",
            "Qwen 0.5B routes in ~2 s, templates in ~1 ms; hybrid ASR ~1.1 s per command",
        )
    else:
        klass, llm, note = (
            "C",
            "off",
            "templates only (llm.enabled = false); pocketsphinx or a small Vosk model",
        )
    report.performance = {
        "class": klass,
        "cores": cores,
        "ram_gb": round(total_gb, 1),
        "gflops": round(gflops, 1),
        "llm_preset": llm,
        "expect": note,
    }
    if llm == "off" and config.llm.enabled:
        report.add(
            "cpu",
            "language model",
            False,
            "this machine is too small for the language model",
            "set [llm] enabled = false in the config",
        )
    elif llm == "fast" and config.llm.enabled and config.llm.preset == "quality":
        report.add(
            "cpu",
            "language model",
            False,
            "the quality preset will answer slowly here",
            "assistant models use qwen2.5-coder-0.5b-instruct --config FILE",
        )


def _skill_sections(report: Report, config) -> None:
    """The sections the skills read ([email], [restaurants], [weather]) checked now: a typo there is
    otherwise only heard when that skill is asked."""
    from .mail.settings import email_settings
    from .places.settings import restaurant_settings
    from .weather_settings import weather_settings

    for name, check in (("email", email_settings), ("restaurants", restaurant_settings), ("weather", weather_settings)):
        section = getattr(config, name)
        try:
            check(section)
        except UserError as exc:
            report.add("skills", f"[{name}]", False, str(exc), f"fix the [{name}] section of the config file")
            continue
        report.add("skills", f"[{name}]", True, "valid" if section else "not set (defaults)")


def run_doctor(args, store: Store, catalog: dict[str, CatalogEntry]) -> Report:
    from .catalog.language_models import use_installed_models
    from .config import load_config

    config = use_installed_models(load_config(args.config))
    report = Report()
    _audio(report, config)
    _models(report, store, catalog, config)
    _cpu(report, config)
    _skill_sections(report, config)
    from .listen.spotters import doctor_items

    for name, ok, detail, fix in doctor_items(config):
        report.add("wake word", name, ok, detail, fix)
    if not shutil.which("espeak-ng"):
        report.add(
            "tools", "espeak-ng", False, "missing (Korean voice, test speech)", "sudo apt install espeak-ng"
        )
    return report


def print_report(report: Report) -> None:
    section = None
    for item in report.items:
        if item.section != section:
            section = item.section
            print(f"\n{section}:")
        mark = "ok " if item.ok else "BAD"
        print(f"  {mark} {item.name:28} {item.detail}")
        if item.fix:
            print(f"      fix: {item.fix}")
    p = report.performance
    if p:
        print(
            f"\nperformance class {p['class']}: {p['cores']} cores, {p['ram_gb']} GB, ~{p['gflops']} GFLOPS "
            f"(float32 GEMM); llm preset: {p['llm_preset']}. Expect: {p['expect']}"
        )
    print(f"\n{len(report.problems)} problem(s)" if report.problems else "\nno problems found")
    print(
        {
            "cannot run": "verdict: cannot run; fix the problems in models/config above (exit status 1)",
            "text only": "verdict: runs without sound (text only: typed commands, replies on screen; exit status 3)",
            "ready": "verdict: ready (exit status 0)",
        }[report.verdict]
    )


def register(sub, common) -> dict:
    p = sub.add_parser("doctor", help="check audio devices, models, CPU; say how to fix each problem")
    common(p)
    store_args(p)
    p.add_argument("--json", action="store_true")
    return {"doctor": cmd_doctor}


def cmd_doctor(args: argparse.Namespace) -> int:
    report = run_doctor(args, store_from_args(args), load_catalog(args.catalog))
    if args.json:
        print(json.dumps(report.as_dict(), indent=1, ensure_ascii=False))
    else:
        print_report(report)
    return report.exit_code  # 1 cannot run, 3 runs without sound (text only), 0 ready

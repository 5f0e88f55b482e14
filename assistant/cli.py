"""The `assistant` command line. The global options (--config, -v, --debug, --data-dir, --download-dir)
work before or after the subcommand; exit statuses are in errors.py (and the README)."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from . import __version__, paths
from .config import Config, load_config
from .errors import EXIT_INTERRUPTED, EXIT_USAGE, UserError
from .events import Event
from .text_guard import clean_text, printable


class _Parser(argparse.ArgumentParser):
    """Usage errors exit with EX_USAGE (64) and one line, as sysexits.h has it (argparse's own is 2)."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(EXIT_USAGE, f"error: {message} (see `{self.prog} --help`)\n")


def _options(p: argparse.ArgumentParser, top: bool = False) -> None:
    """The global options. On a subcommand they default to SUPPRESS, so an option given before the
    subcommand is not overwritten by the subcommand's default (argparse copies every subparser value)."""
    d: dict[str, Any] = {} if top else {"default": argparse.SUPPRESS}
    p.add_argument(
        "--config", metavar="FILE", help=f"TOML configuration file (default: {paths.config_file()} if present)", **d
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log details to stderr", **d)
    p.add_argument("--debug", action="store_true", help="log everything (DEBUG) to stderr", **d)
    p.add_argument("--data-dir", metavar="DIR", help=f"data folder (default: {paths.data_dir()})", **d)
    p.add_argument(
        "--download-dir", metavar="DIR", help="folder holding models/ and voices/ (default: the data folder)", **d
    )
    p.add_argument("--version", action="version", version=f"assistant {__version__}")


def _common(p: argparse.ArgumentParser) -> None:
    _options(p)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="assistant", description="Offline voice assistant")
    _options(parser, top=True)
    parser.add_argument("--no-ui", action="store_true", help="run headless with plain log lines")
    parser.add_argument(
        "--record", metavar="DIR", help="write the microphone audio and events of this session to DIR (replay: listen --replay)"
    )
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("listen", help="play WAV files as the microphone and write events")
    _common(p)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--wav", nargs="+", metavar="FILE")
    src.add_argument("--replay", metavar="DIR", help="a session recorded with `assistant --record DIR`")
    p.add_argument("--events", metavar="OUT.jsonl", help="write every event here (without it: what was heard and said)")
    p.add_argument("--barge-in", action="store_true", help="listen over the replies (echo-cancelled), as on speakers")
    p.add_argument("--reply-dir", metavar="DIR", help="write each spoken reply as a WAV here")
    p.add_argument("--wake-word", action="append", metavar="PHRASE", help="wake phrase (repeatable)")
    p.add_argument("--no-wake", action="store_true", help="treat every utterance as a command")
    p.add_argument(
        "--continuous",
        action="store_true",
        help="the files are one recording: a question or follow-up window open at a file's end stays open",
    )

    p = sub.add_parser("ask", help="route typed text and print the reply")
    _common(p)
    p.add_argument("text", nargs="?")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--batch", metavar="IN.jsonl", help='one {"text": ...} per line; one JSON result per line out'
    )
    p.add_argument("--text-file", metavar="FILE", help="text the command refers to (e.g. to summarize)")

    p = sub.add_parser("transcribe", help="speech to text for a WAV file")
    _common(p)
    p.add_argument("file")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("say", help="text to speech into a WAV file")
    _common(p)
    p.add_argument("text")
    p.add_argument("-o", "--output", required=True, metavar="OUT.wav")

    from .commands import register_extra

    register_extra(sub, _common)
    return parser


def _config(args: argparse.Namespace, **overrides: Any) -> Config:
    """The config every command here builds engines from: with the language's installed models."""
    from .catalog.language_models import use_installed_models

    return use_installed_models(load_config(args.config, overrides))


# -- commands ------------------------------------------------------------------------------------
def cmd_listen(args: argparse.Namespace) -> int:
    from .audio.sources import WavSource
    from .pipeline import Pipeline
    from .runtime import load_runtime
    from .tts.output import NullOutput, WavOutput

    config = _config(args)
    if args.wake_word:
        config.wake.phrases = list(args.wake_word)
    events_path = Path(args.events) if args.events else None
    if events_path is not None:
        events_path.parent.mkdir(parents=True, exist_ok=True)
    failures = 0
    with events_path.open("w", encoding="utf-8") if events_path else contextlib.nullcontext() as out:

        latest = [0.0]

        def emit(e: Event) -> None:
            latest[0] = max(latest[0], e.t)
            if out is not None:
                out.write(e.to_json() + "\n")
                out.flush()
            elif e.type in SHOWN and e.text:  # no file: the conversation, as a person follows it
                print(f"{SHOWN[e.type]}: {printable(e.text)}", flush=True)

        rec = None
        if args.replay:
            from .record import Recording, replay

            rec = Recording.open(args.replay)  # before loading models: a wrong folder fails at once
            config.wake.phrases = list(rec.manifest.get("wake_phrases") or config.wake.phrases)
        rt = load_runtime(config)
        # a model that cannot load is one line and exit 2, before any file plays; and a replay's live loop
        # had its models: loading them while replaying would shift the replies
        rt.wait_ready()
        output = WavOutput(args.reply_dir) if args.reply_dir else NullOutput()
        if rec is not None:
            m = rec.manifest
            pipe = Pipeline(rt, emit, output, wake=bool(m.get("wake", True)), barge_in=bool(m.get("barge_in")))
            replay(rec, pipe)
            return 0
        pipe = Pipeline(rt, emit, output, wake=not args.no_wake, barge_in=True if args.barge_in else None)
        t0 = 0.0
        for name in args.wav:
            try:
                source = WavSource(name)
            except UserError as exc:
                failures += 1
                print(f"error: {exc}", file=sys.stderr)
                emit(Event("error", pipe.clock.now(), text=str(exc), data={"file": name}))
                continue
            pipe.run(source.frames(t0))
            pipe.flush(keep_window=args.continuous)
            # the next file starts after everything so far: a turn finished at a file's end is stamped
            # after it (recognition time), and events must not go back in time
            t0 = max(t0 + source.duration_s, pipe.listening.busy_until, latest[0])
    return 1 if failures else 0


SHOWN = {"wake": "wake", "asr_final": "heard", "reply": "reply", "timer_ring": "timer"}  # listen without --events


def _turn_json(text: str, turn) -> dict[str, Any]:
    d = {"text": text, "intent": turn.intent.name, "args": turn.intent.args, "reply": turn.reply.text}
    if turn.reply.card:
        d["card"] = turn.reply.card
    if turn.error:
        d["error"] = turn.error
    return d


def cmd_ask(args: argparse.Namespace) -> int:
    from .pipeline import Pipeline
    from .runtime import load_runtime

    if not (args.text or "").strip() and not args.batch:  # "   " asks nothing either
        raise UserError('say what to ask: assistant ask "what time is it" (or --batch FILE.jsonl)')
    config = _config(args)
    rows: list[str] = []
    if args.batch:
        p = Path(args.batch)
        if not p.is_file():
            raise UserError(f"batch file {p} does not exist")
        for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                rows.append(str(row["text"]))
            except (json.JSONDecodeError, KeyError, TypeError):
                raise UserError(f'{p} line {n} is not a JSON object with a "text" field') from None
    else:
        rows.append(args.text)
    if args.text_file:
        os.environ["ASSISTANT_TEXT_FILE"] = str(Path(args.text_file).resolve())
    rt = load_runtime(config, audio=False, speech=False)
    rt.wait_ready()  # a model that cannot load is one line and exit 2, not an apology per row
    pipe = Pipeline(rt, lambda e: None, wake=False)
    failures = 0
    for text in rows:
        text = clean_text(text)  # a row or argv that is not valid UTF-8 is answered, not a crash
        try:
            turn = pipe.handle_text(text)
        except Exception as exc:  # one row's failure is one error line; the batch goes on
            logging.getLogger(__name__).debug("turn failed", exc_info=True)
            failures += 1
            error = f"{type(exc).__name__}: {exc}"
            print(json.dumps({"text": text, "error": error}) if args.json or args.batch else f"error: {error}")
            continue
        failures += bool(turn.error)
        if args.json or args.batch:
            print(json.dumps(_turn_json(text, turn), ensure_ascii=False), flush=True)
        else:
            print(printable(turn.reply.text), flush=True)
    return 1 if failures else 0


def cmd_transcribe(args: argparse.Namespace) -> int:
    import time

    from .asr import create_engine
    from .audio.sources import read_wav

    config = _config(args)
    pcm = read_wav(args.file)
    engine = create_engine(config)
    t = time.monotonic()
    text = engine.transcribe(pcm.tobytes())
    took = time.monotonic() - t
    if args.json:
        print(
            json.dumps(
                {
                    "text": text,
                    "engine": engine.name,
                    "audio_s": round(len(pcm) / 16000, 3),
                    "seconds": round(took, 3),
                }
            )
        )
    else:
        print(text)
    return 0


def cmd_say(args: argparse.Namespace) -> int:
    from .audio.sinks import write_wav_atomic
    from .tts.espeak_tts import create_local_tts

    config = _config(args)
    if not args.text.strip():
        raise UserError("nothing to say: give some text")
    tts = create_local_tts(config)
    write_wav_atomic(args.output, tts.synthesize_all(args.text), tts.sample_rate)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    config = _config(args)
    if args.record:
        config.debug.record_dir = args.record
    if not args.no_ui and sys.stdin.isatty() and sys.stdout.isatty():
        from .ui import run_ui

        return run_ui(config)  # the Textual app (a terminal is attached)
    from .console import run_console

    return run_console(config, headless=True)


COMMANDS = {"listen": cmd_listen, "ask": cmd_ask, "transcribe": cmd_transcribe, "say": cmd_say}


def main(argv: list[str] | None = None) -> int:
    # models are local files: no library may look one up on the Hugging Face Hub (read at its import)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.DEBUG if args.debug else logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    paths.configure(args.data_dir, args.download_dir)
    if args.config is None and paths.config_file().is_file():
        args.config = str(paths.config_file())  # the user's config file, read when present
    from .commands import EXTRA_COMMANDS

    handler = COMMANDS.get(args.command) or EXTRA_COMMANDS.get(args.command) or cmd_run
    try:
        return handler(args)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0


def run() -> None:
    """The `assistant` command: main(), then an exit that skips native destructors. Threads of the
    native libraries (ONNX Runtime, CTranslate2, llama.cpp) can still be parked when Python shuts down,
    and a C++ runtime destroying them aborts the process ("terminate called without an active
    exception", status -6) after the work is done and its output written."""
    code = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else 1)


if __name__ == "__main__":
    run()

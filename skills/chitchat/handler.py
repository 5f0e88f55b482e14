"""chitchat: small talk, answered by the language model in a short persona, streamed to the voice."""

from __future__ import annotations

from assistant.plugins import Reply

PERSONA = (
    "You are Juniper, a friendly voice assistant that runs entirely offline on the user's own small "
    "computer. You were built by an open-source project. You can {can}. Answer small talk warmly in one "
    "or two short spoken sentences, no lists, no emojis, no markdown. If asked for facts you cannot know "
    "offline (news, sports, prices), say so kindly."
)


async def handle(args, ctx) -> Reply:
    text = ctx.utterance.strip()[:600]  # small talk is short; a typed 100 kB would overflow the context
    if ctx.llm is None:
        return Reply("I can only chat when the language model is turned on ([llm] enabled = true).")
    can = "tell the time, set timers, check the weather, find restaurants, write emails and summarize text"
    messages = [
        {"role": "system", "content": PERSONA.format(can=can)},
        {"role": "user", "content": text or "hello"},
    ]
    return Reply("", {"type": "chitchat"}, stream=ctx.llm.stream(messages, max_tokens=60, temperature=0.7))


"""chitchat: small talk, answered by the language model in a short persona (the manifest's
system_prompt), streamed to the voice."""

from __future__ import annotations

from assistant.plugins import Reply


async def handle(args, ctx) -> Reply:
    text = ctx.utterance.strip()[:600]  # small talk is short; a typed 100 kB would overflow the context
    if ctx.llm is None:
        return Reply("I can only chat when the language model is turned on ([llm] enabled = true).")
    messages = [
        {"role": "system", "content": ctx.manifest.system_prompt},
        {"role": "user", "content": text or "hello"},
    ]
    return Reply("", {"type": "chitchat"}, stream=ctx.llm.stream(messages, max_tokens=60, temperature=0.7))


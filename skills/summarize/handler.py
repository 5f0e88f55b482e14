"""summarize skill (implementation in progress)."""

from __future__ import annotations

from assistant.plugins import Reply


async def handle(args, ctx) -> Reply:
    return Reply("Sorry, summarize is not ready yet.")

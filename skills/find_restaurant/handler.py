"""find_restaurant skill (implementation in progress)."""

from __future__ import annotations

from assistant.plugins import Reply


async def handle(args, ctx) -> Reply:
    return Reply("Sorry, find_restaurant is not ready yet.")

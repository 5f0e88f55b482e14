"""draft_email skill (implementation in progress)."""

from __future__ import annotations

from assistant.plugins import Reply


async def handle(args, ctx) -> Reply:
    return Reply("Sorry, draft_email is not ready yet.")

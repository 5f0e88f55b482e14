"""set_timer: countdown timers on the pipeline clock; a due timer rings with a chime and a spoken line,
even in the middle of a conversation (the pipeline polls the scheduler every audio frame)."""

from __future__ import annotations

from assistant.plugins import Reply

UNIT_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600}
PREFIX = "timer"


def describe(seconds: float) -> str:
    seconds = round(seconds)
    parts = []
    for name, size in (("hour", 3600), ("minute", 60), ("second", 1)):
        n, seconds = divmod(seconds, size)
        if n:
            parts.append(f"{n} {name}{'s' if n != 1 else ''}")
    return " and ".join(parts[:2]) or "0 seconds"


def _label(seconds: float) -> str:
    # "5 minute timer", "90 second timer"
    for name, size in (("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)} {name}"
    return f"{round(seconds)} second"


async def handle(args, ctx) -> Reply:
    action = args.get("action", "set")
    pending = ctx.scheduler.pending(PREFIX)
    now = ctx.clock()
    if action == "list":
        if not pending:
            return Reply("You have no timers running.", {"type": "timers", "timers": []})
        items = [
            {"key": d.key, "label": d.data.get("label"), "remaining_s": round(d.t - now, 1)} for d in pending
        ]
        spoken = "; ".join(f"the {i['label']} timer has {describe(i['remaining_s'])} left" for i in items)
        return Reply(spoken[0].upper() + spoken[1:] + ".", {"type": "timers", "timers": items})
    if action == "cancel":
        if not pending:
            return Reply("There is no timer to cancel.", {"type": "timers", "timers": []})
        targets = pending
        if args.get("duration"):
            want = float(args["duration"]) * UNIT_SECONDS.get(args.get("unit", "minutes"), 60)
            targets = [d for d in pending if d.data.get("seconds") == want] or pending
        for d in targets:
            ctx.scheduler.cancel(d.key)
        what = "timer" if len(targets) == 1 else f"{len(targets)} timers"
        return Reply(f"Cancelled the {what}.", {"type": "timers", "timers": []})
    seconds = float(args["duration"]) * UNIT_SECONDS[args.get("unit", "minutes")]
    label = _label(seconds)
    due = ctx.schedule_in(
        seconds, f"Your {label} timer is done.", PREFIX, {"label": label, "seconds": seconds}
    )
    card = {"type": "timer", "key": due.key, "label": label, "seconds": seconds, "due_t": due.t}
    return Reply(f"Timer set for {describe(seconds)}.", card)

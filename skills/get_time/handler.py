"""get_time: the local time, date or weekday, said the way people say it."""

from __future__ import annotations

from assistant.plugins import Reply


def spoken_time(hour: int, minute: int) -> str:
    suffix = "AM" if hour < 12 else "PM"
    h = hour % 12 or 12
    if minute == 0:
        return f"{h} o'clock {suffix}" if hour not in (0, 12) else ("midnight" if hour == 0 else "noon")
    return f"{h}:{minute:02d} {suffix}"


async def handle(args, ctx) -> Reply:
    now = ctx.now()
    what = args.get("what", "time")
    date = f"{now:%A}, {now:%B} {now.day}, {now.year}"
    if what == "date":
        text = f"Today is {date}."
    elif what == "day":
        text = f"It's {now:%A}."
    else:
        text = f"It's {spoken_time(now.hour, now.minute)}."
    card = {"type": "time", "iso": now.isoformat(timespec="seconds"), "time": f"{now:%H:%M}", "date": date}
    return Reply(text, card)

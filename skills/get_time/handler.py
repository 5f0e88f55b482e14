"""get_time: the local time, date or weekday, said the way people say it."""

from __future__ import annotations

from assistant.plugins import Reply


def spoken_time(hour: int, minute: int) -> str:
    suffix = "AM" if hour < 12 else "PM"
    h = hour % 12 or 12
    if minute == 0:
        return f"{h} o'clock {suffix}" if hour not in (0, 12) else ("midnight" if hour == 0 else "noon")
    return f"{h}:{minute:02d} {suffix}"


KO_WEEKDAYS = ["월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"]


def korean_reply(now, what: str) -> str:
    weekday = KO_WEEKDAYS[now.weekday()]
    if what == "date":
        return f"오늘은 {now.year}년 {now.month}월 {now.day}일 {weekday}이에요."
    if what == "day":
        return f"오늘은 {weekday}이에요."
    half = "오전" if now.hour < 12 else "오후"
    h = now.hour % 12 or 12
    return f"지금은 {half} {h}시 {now.minute}분이에요." if now.minute else f"지금은 {half} {h}시예요."


async def handle(args, ctx) -> Reply:
    now = ctx.now()
    what = args.get("what", "time")
    card = {"type": "time", "iso": now.isoformat(timespec="seconds"), "time": f"{now:%H:%M}"}
    if getattr(ctx.config, "language", "en") == "ko":
        return Reply(korean_reply(now, what), {**card, "date": now.date().isoformat()})
    date = f"{now:%A}, {now:%B} {now.day}, {now.year}"
    if what == "date":
        text = f"Today is {date}."
    elif what == "day":
        text = f"It's {now:%A}."
    else:
        text = f"It's {spoken_time(now.hour, now.minute)}."
    card = {"type": "time", "iso": now.isoformat(timespec="seconds"), "time": f"{now:%H:%M}", "date": date}
    return Reply(text, card)

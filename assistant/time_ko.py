"""get_time's replies in Korean (`language = "ko"`): the time, the date and the weekday."""

from __future__ import annotations

from datetime import datetime

KO_WEEKDAYS = ["월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"]


def korean_reply(now: datetime, what: str) -> str:
    weekday = KO_WEEKDAYS[now.weekday()]
    if what == "date":
        return f"오늘은 {now.year}년 {now.month}월 {now.day}일 {weekday}이에요."
    if what == "day":
        return f"오늘은 {weekday}이에요."
    half = "오전" if now.hour < 12 else "오후"
    h = now.hour % 12 or 12
    return f"지금은 {half} {h}시 {now.minute}분이에요." if now.minute else f"지금은 {half} {h}시예요."

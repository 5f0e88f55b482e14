"""set_timer's replies in Korean (`language = "ko"`): set, list and cancel, as the Korean templates ask."""

from __future__ import annotations

from assistant.durations import UNITS, length_parts
from assistant.skill_api import Reply

KO_UNITS = {"hour": "시간", "minute": "분", "second": "초"}


def describe_ko(seconds: float) -> str:
    return " ".join(f"{n}{KO_UNITS[name]}" for n, name in length_parts(seconds)) or "0초"


class Korean:
    """The replies in Korean (`language = "ko"`)."""

    none = "실행 중인 타이머가 없어요."
    nothing_to_cancel = "취소할 타이머가 없어요."

    @staticmethod
    def left(label: str, remaining: float) -> str:
        return f"{label} 타이머가 {describe_ko(remaining)} 남았어요"

    @staticmethod
    def cancelled(n: int) -> str:
        return "타이머를 취소했어요." if n == 1 else f"타이머 {n}개를 취소했어요."

    @staticmethod
    def done(label: str) -> str:
        return f"{label} 타이머가 끝났어요."

    @staticmethod
    def set(seconds: float) -> str:
        return f"{describe_ko(seconds)} 타이머를 맞췄어요."


async def handle_korean(args, ctx, prefix: str) -> Reply:
    """set_timer in Korean; prefix: the scheduler key of its timers."""
    action = args.get("action", "set")
    pending = ctx.scheduler.pending(prefix)
    now = ctx.clock()
    if action == "list":
        if not pending:
            return Reply(Korean.none, {"type": "timers", "timers": []})
        items = [
            {"key": d.key, "label": d.data.get("label"), "remaining_s": round(d.t - now, 1)} for d in pending
        ]
        spoken = ", ".join(Korean.left(i["label"], i["remaining_s"]) for i in items)
        return Reply(spoken + ".", {"type": "timers", "timers": items})
    if action == "cancel":
        if not pending:
            return Reply(Korean.nothing_to_cancel, {"type": "timers", "timers": []})
        for d in pending:
            ctx.scheduler.cancel(d.key)
        return Reply(Korean.cancelled(len(pending)), {"type": "timers", "timers": []})
    seconds = float(args["duration"]) * UNITS[args.get("unit", "minutes")]
    label = describe_ko(seconds)
    due = ctx.schedule_in(seconds, Korean.done(label), prefix, {"label": label, "seconds": seconds})
    card = {"type": "timer", "key": due.key, "label": label, "seconds": seconds, "due_t": due.t}
    return Reply(Korean.set(seconds), card)

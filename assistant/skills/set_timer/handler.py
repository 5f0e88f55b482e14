"""set_timer: countdown timers on the pipeline clock; a due timer rings with a chime and a spoken line,
even in the middle of a conversation (the pipeline polls the scheduler every audio frame)."""

from __future__ import annotations

import re
from datetime import timedelta

from assistant import timers_named as tn
from assistant.durations import (
    UNITS,
    length_parts,
    spoken_length,
    spoken_lengths,
    spoken_seconds,
    spoken_time,
    until_clock,
    whole_unit,
)
from assistant.scheduler import Due
from assistant.skill_api import Reply
from assistant.spoken_args import timer_args
from assistant.text import listed, normalize
from assistant.timer_purpose import Purpose, timer_purpose
from assistant.timers_ko import handle_korean

read_args = timer_args  # the router reads this skill's arguments from the words (skill_api.ArgReader)

PREFIX = "timer"


describe = spoken_length  # "1 hour and 30 minutes"


def _label(seconds: float) -> str:
    # "5 minute timer", "90 second timer", "90 minute timer"
    if (whole := whole_unit(seconds)) is not None and (whole[1] == "hour" or whole[0] <= 90):
        return f"{int(whole[0])} {whole[1]}"
    # "the 2 minute 30 second timer", "the 2 hour 15 minute timer", as people name them (not "150 second",
    # "135 minute")
    return " ".join(f"{n} {name}" for n, name in length_parts(seconds)) if seconds > 90 else f"{round(seconds)} second"


EVERY = re.compile(r"\b(?:every|each) (?:\d+ |[a-z]+ )?(?:seconds?|minutes?|hours?)\b|\brepeating\b")
SAID_TIMERS = 3  # timers said by name in a list; the rest are counted (all are on the screen)
HOW_MANY = re.compile(r"\bhow many\b")
MORE_THAN_ONE = re.compile(r"\b(timers|another|two|three|both)\b|\band one for\b")


def _several_lengths(utterance: str) -> list[float]:
    """The lengths of several timers asked at once ("timers for 5 and 10 minutes", "a timer for 5 minutes
    and another for 10"), or []: one length, or more lengths without a word that asks for more timers
    ("10 minutes for the eggs and 5 minutes for ..." is one timer, as it was)."""
    lengths, words = spoken_lengths(utterance), normalize(utterance)
    return lengths if len(lengths) > 1 and (MORE_THAN_ONE.search(words) or words.count(" timer") > 1) else []


ONE_MORE = re.compile(r"^(?:one|another)\b")  # "and one for the rice": a timer of its own


def _purposes(utterance: str, n: int) -> list[Purpose | None]:
    """What each of n timers said at once is for: "a pasta timer for 8 minutes and a rice timer for 15"
    (each part read as a command of its own); none where the parts are not one per timer."""
    parts = re.split(r"\s+(?:and|then|plus)\s+(?=(?:a|an|the|one|another|my)\b)", normalize(utterance))
    if len(parts) != n:
        return [None] * n
    said = [parts[0]] + ["set " + ONE_MORE.sub("a timer", p) for p in parts[1:]]
    return [timer_purpose(p) for p in said]


def _changed(pending: list, args: dict, ctx, now: float, longer: bool) -> Reply:
    """ "add 5 minutes to the timer", "take 2 minutes off the pasta timer": a running or paused timer made
    longer or shorter. The timer named, else the one whose length is said ("the 20 minute timer"), else
    the one set last; the reply names it, so a user with several hears which one changed."""
    change = tn.seconds(args, ctx)
    assert change  # the manifest requires a duration to add or take off
    if not pending:
        return Reply(
            f"You have no timer running; say set a timer for {describe(change)} to start one.",
            {"type": "timers", "timers": []},
        )
    words = tn.spaced_words(ctx)
    named = tn.named_in(pending, args, ctx)
    # "the 20 minute timer", "the 10 minute one" (a name "10 minutes one" is that length, not a name)
    by_length = [d for d in pending if f" {d.data.get('label')} timer " in words or f" {d.data.get('label')} one " in words
                 or tn.singular(tn.asked_name(args)) == tn.singular(str(d.data.get("label")))]
    asked = tn.unknown_name(args, named or by_length)
    if asked:  # "add 10 minutes to the meeting": no such timer
        return Reply(f"There's no {asked} timer; say set a timer for {describe(change)} to start one.",
                     {"type": "timers", "timers": tn.items(pending, now)})
    # the one set last: keys count up ("timer-3")
    d = max(named or by_length or pending, key=tn.set_order)
    left = tn.left(d, now) + (change if longer else -change)
    ctx.scheduler.cancel(d.key)
    if "paused_left" in d.data:
        d.data["paused_left"] = max(left, 0.0)
    else:
        d.t = now + max(left, 0.0)  # taken past its end: it rings now
    ctx.scheduler.add(d)
    items = tn.items(ctx.scheduler.pending(PREFIX), now)
    if left <= 0:
        return Reply(f"Took {describe(change)} off {tn.named(d)}: it's done.", {"type": "timers", "timers": items})
    done = f"Added {describe(change)} to" if longer else f"Took {describe(change)} off"
    return Reply(f"{done} {tn.named(d)}: {describe(left)} left.", {"type": "timers", "timers": items})


async def handle(args, ctx) -> Reply:
    if ctx.config.language == "ko":
        return await handle_korean(args, ctx, PREFIX)
    if NEGATIVE.search(normalize(ctx.utterance or "")):  # "a timer for minus 5 minutes" had shortened a running one
        return Reply("A timer can't run for less than nothing. Say how long, like set a timer for 5 minutes.")
    action = args.get("action", "set")
    pending = ctx.scheduler.pending(PREFIX)
    now = ctx.clock()
    if action == "snooze":
        return _snoozed(args, ctx, now)
    if action == "list":
        if not pending:
            return Reply("You have no timers running.", {"type": "timers", "timers": []})
        targets = tn.targets(pending, args, ctx)  # "how long is left on the tea timer"
        asked = tn.unknown_name(args, targets)
        # a name that no timer has: say so before the timers there are ("how much longer on the bus")
        missing = f"There's no {asked} timer. " if asked else ""
        pending = targets or pending
        items = tn.items(pending, now)
        # "what time will the timer go off": the clock time it rings at too
        words_said = normalize(ctx.utterance or "")
        when = re.match(r"(when|what time)\b", words_said) is not None
        wall = ctx.now()
        at = [wall + timedelta(seconds=i["remaining_s"] + 30) for i in items]  # to the nearest minute
        rows = sorted(zip(pending, items, at, strict=True), key=lambda r: r[1]["remaining_s"])
        spoken = "; ".join(
            f"{tn.named(d)} {'is paused with' if i['paused'] else 'has'} {describe(i['remaining_s'])} left"
            + (f": it rings at {spoken_time(t.hour, t.minute)}" if when and not i["paused"] else "")
            for d, i, t in rows[:SAID_TIMERS]
        )
        more = f"; and {len(rows) - SAID_TIMERS} more" if len(rows) > SAID_TIMERS else ""
        # "how many timers do i have", or more than a sentence can hold: the count first
        count = f"You have {len(rows)} timers. " if len(rows) > 1 and (len(rows) > SAID_TIMERS or HOW_MANY.search(words_said)) else ""
        return Reply(missing + count + spoken[0].upper() + spoken[1:] + more + ".", {"type": "timers", "timers": items})
    if action == "cancel":
        if not pending:
            return Reply("There is no timer to cancel.", {"type": "timers", "timers": []})
        targets = tn.targets(pending, args, ctx)
        if not targets and re.search(r"\b(?:cancel|delete|remove|stop) (?:it|that)\b", tn.spaced_words(ctx)) and (just := _just_set(pending, ctx)):
            targets = [just]  # "cancel it" right after one was set: that one
        asked = tn.unknown_name(args, targets)
        if asked:  # never all of them for a name none has
            names = listed([tn.named(d) for d in pending])
            return Reply(
                f"There's no {asked} timer, so I cancelled nothing. You have {names[0].lower()}{names[1:]}.",
                {"type": "timers", "timers": tn.items(pending, now)},
            )
        if not targets and len(pending) > 1 and not tn.ALL_OF_THEM.search(tn.spaced_words(ctx)):
            # "cancel my timer" with three running: which one, rather than all three
            names = listed([tn.named(d) for d in pending])
            return Reply(
                f"You have {len(pending)} timers: {names[0].lower()}{names[1:]}. Which one should I cancel?",
                {"type": "timers", "timers": tn.items(pending, now)},
                ask_for="name",
            )
        targets = targets or pending
        for d in targets:
            ctx.scheduler.cancel(d.key)
        # which one, when one was meant: "Cancelled the pizza timer.", "Cancelled the 10 minute timer."
        what = tn.named(targets[0]) if len(targets) == 1 else f"the {len(targets)} timers"
        left = tn.items(ctx.scheduler.pending(PREFIX), now)
        return Reply(f"Cancelled {what}.", {"type": "timers", "timers": left})
    if action in ("pause", "resume"):
        pausing = action == "pause"
        # a running timer can be paused, a paused one resumed
        able = [d for d in pending if ("paused_left" in d.data) != pausing]
        if not able and pending and not pausing:  # "restart the timer" while it runs: say so, not "none"
            d = min(pending, key=lambda d: d.t)
            return Reply(f"{tn.named(d).capitalize()} is running: {describe(d.t - now)} left.",
                         {"type": "timers", "timers": tn.items(pending, now)})
        if not able:
            return Reply(f"There is no {'running' if pausing else 'paused'} timer.", {"type": "timers", "timers": []})
        found = tn.targets(pending, args, ctx)
        if asked := tn.unknown_name(args, found):  # "pause the music" right after a timer: not that timer
            return Reply(f"There's no {asked} timer, so I {action}d nothing.", {"type": "timers", "timers": tn.items(pending, now)})
        targets = [d for d in found if d in able] or able
        for d in targets:
            ctx.scheduler.cancel(d.key)
            if pausing:
                d.data["paused_left"], d.t = d.t - now, float("inf")
            else:
                d.t = now + d.data.pop("paused_left")
            ctx.scheduler.add(d)
        # four timers named one by one is a mouthful ("the 10 minute timer and the 10 minute timer ...")
        names = " and ".join(tn.named(d) for d in targets)
        if len(targets) > 2:
            names = f"{'all ' if len(targets) == len(pending) else ''}{len(targets)} timers"
        text = f"Paused {names}." if pausing else f"Resumed {names}: {describe(targets[0].t - now)} left."
        if not pausing and len(targets) > 1:
            text = f"Resumed {names}."
        return Reply(text, {"type": "timers", "timers": tn.items(ctx.scheduler.pending(PREFIX), now)})
    if action in ("add", "subtract"):
        return _changed(pending, args, ctx, now, action == "add")
    if action in ("restart", "rename"):
        return _restarted(pending, args, ctx, now) if action == "restart" else _renamed(pending, args, ctx, now)
    several = _several_lengths(ctx.utterance or "")
    if several:  # "set timers for 5 and 10 minutes": one timer each (the arguments hold one length)
        purposes = _purposes(ctx.utterance or "", len(several))
        made = [
            ctx.schedule_in(n, p.done_text() if p else f"Your {_label(n)} timer is done.", PREFIX,
                            {"label": p.name if p else _label(n), "seconds": n} | ({"name": p.name, "said": p.label()} if p else {}))
            for n, p in zip(several, purposes, strict=True)
        ]
        items = tn.items(made, ctx.clock())
        if any(purposes):  # "Set the pasta timer for 8 minutes and the rice timer for 15 minutes."
            return Reply(f"Set {listed([f'{tn.named(d)} for {describe(n)}' for d, n in zip(made, several, strict=True)])}.",
                         {"type": "timers", "timers": items})
        return Reply(f"Timers set for {listed([describe(n) for n in several])}.", {"type": "timers", "timers": items})
    # "set a timer for 3 pm": until that time (the model's arguments made it 3 minutes)
    words, wall, said = ctx.utterance or "", ctx.now(), ctx.utterance
    if (ahead := BEFORE_EVENT.search(normalize(words))) is not None:  # "10 minutes before the meeting"
        at = until_clock(f"at {ahead['event']}", wall)
        if at is None:  # it had set a timer for 10 minutes from now
            what = "that" if re.match(r"(?:it|that|this|they|he|she|we|i|you)\b", ahead["event"]) else ahead["event"]
            return Reply(f"I don't know when {what} is: I have no calendar. Say when, like remind me at 2:50 PM to go.")
        words, args = f"at {at - timedelta(seconds=spoken_seconds(ahead['length']) or 0):%H:%M}", {"action": "set"}
        said = normalize(said).replace(f"{ahead['length']} before ", "at ")  # "remind me at 3 pm to call bob": what for
    clock = until_clock(words, wall) if words and not spoken_seconds(words) else None
    seconds = (clock - wall).total_seconds() if clock else tn.seconds(args, ctx)
    assert seconds  # the manifest requires a duration to set a timer
    if seconds > MAX_TIMER_S and clock is None:  # "100 hours" is a slip more often than a wait of days (not "at 9 pm tomorrow")
        return Reply(f"I set timers of up to 24 hours, and {describe(seconds)} is longer. For how long?",
                     ask_for="duration", ask_args={k: v for k, v in args.items() if k not in ("duration", "unit")})
    purpose = timer_purpose(said) or timer_purpose(ctx.command) or tn.given_name(args)  # "for the laundry", "45 minutes"
    replaced = _replaced(pending, ctx)
    if replaced is not None:  # "make it 10 minutes" just after setting one: that timer, now this long
        if clock is None and "unit" not in args and not spoken_seconds(words) and args.get("duration"):
            # "make it 30" after a 20 second timer: 30 seconds, in the unit that timer was said in
            seconds = float(args["duration"]) * _unit_of(replaced.data.get("seconds", 60), float(args["duration"]))
        ctx.scheduler.cancel(replaced.key)
        # "make it 10 for the eggs" names it anew; else (or its own name said again) it keeps what it was for
        said_anew = purpose is not None and purpose.name != replaced.data.get("name")
        purpose = purpose or (Purpose(replaced.data["name"], replaced.data.get("how", "")) if replaced.data.get("name") else None)
    # "until 6 PM" said 5 hours ahead: "5 hours", not "5 hours and 41 seconds" (it rings at 6 all the same)
    length = describe(seconds // 60 * 60 if clock is not None and seconds > 120 else seconds)
    if purpose is None:
        # "set a timer for 7 am": named by its time ("Your 7 AM timer is done.")
        label = spoken_time(clock.hour, clock.minute) if clock else _label(seconds)
        done, data, text = f"Your {label} timer is done.", {}, f"Timer set for {length}."
    else:  # "a timer for the eggs", "remind me to check the oven": named by what it is for
        label, done, text = purpose.name, purpose.done_text(), purpose.set_text(length)
        data = {"name": purpose.name, "said": purpose.label(), "how": purpose.how}
    if clock is not None:
        at = spoken_time(clock.hour, clock.minute) + (" tomorrow" if clock.date() > wall.date() else "")
        if purpose is not None and purpose.how:  # "I'll remind you to call mom at 5 PM, in 2 hours."
            text = f"I'll remind you {purpose.how} {purpose.name} at {at}, in {length}."
        else:
            text = f"{text[:-1]}, until {at}."
    due = ctx.schedule_in(seconds, done, PREFIX, {"label": label, "seconds": seconds, **data})
    ctx.state["last_set"] = (due.key, due.t - seconds)  # when it was set
    card = {"type": "timer", "key": due.key, "label": label, "seconds": seconds, "due_t": due.t}
    if replaced is not None and not said_anew:  # "Changed the reminder to take the pizza out to 20 minutes."
        text = f"Changed {tn.named(replaced)} to {describe(seconds)}."
    if EVERY.search(normalize(ctx.utterance or "")):  # "a timer every 10 minutes": said, not done silently once
        text = f"I can't repeat a timer, so it rings once. {text}"
    return Reply(text, card)


# a length before something that has no time here ("remind me 10 minutes before the meeting"), or one said
# ("15 minutes before 3 pm": 2:45 PM)
BEFORE_EVENT = re.compile(r"\b(?P<length>(?:\d+|[a-z]+) (?:seconds?|minutes?|hours?)) (?:before|ahead of|prior to) (?P<event>.+)$")


CHANGE_IT = re.compile(
    r"^(?:[a-z']+,? ){0,2}(?:make (?:it|that)|change (?:it|that) to)\b|^(?:(?:no|actually|wait|sorry|oh),? )+(?:i (?:said|meant|mean) )?\d"
)  # "make it 10", "no wait 20", "no way make it 15", "no i said 50" (the follow-up's words: set_timer/manifest.yaml)
# "change the timer to 8 minutes", "make the pasta timer 12 minutes": a running timer, whenever it was set
CHANGE_TIMER = re.compile(r"\b(?:change|make|adjust|update) (?:the|my) (?:(?P<name>[a-z]+) )?timer (?:to )?(?=\S)")
# "make the eggs 8 minutes", "set the eggs timer to 10": a running timer by its name (a new one without a
# timer of that name; "set the eggs timer for 10 minutes" is a new one too)
CHANGE_NAMED = re.compile(
    r"\b(?:change|make|set|adjust|update) (?:the|my) (?P<name>[a-z]+(?: [a-z]+)??) (?:(?:timer|one) )?(?:to )?"
    r"(?=\d|an? |half |(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty"
    r"|fifty|sixty|ninety)\b)"
)


CHANGE_WITHIN_S = 60.0
MAX_TIMER_S = 24 * 3600
NEGATIVE = re.compile(r"\b(?:for|of|to) (?:minus|negative) ")  # "make it 10 minutes" is said right after; later it is a timer of its own


def _unit_of(seconds: float, n: float) -> int:
    """The unit a length is said in (an hour's timer in hours), in seconds; more than 12 hours is minutes."""
    whole = whole_unit(seconds)
    size = UNITS[whole[1]] if whole else 1
    return 60 if size == 3600 and n > 12 else size


def _replaced(pending: list[Due], ctx) -> Due | None:
    """The timer "make it 10 minutes" changes: the one this conversation set last, just now, else the only
    one running; the one
    "change the pasta timer to 12 minutes" names (or the one there is, or the one set last)."""
    if (change := CHANGE_TIMER.search(normalize(ctx.utterance or ""))) and pending:
        if change["name"] and not tn.named_in(pending, {"name": change["name"]}, ctx) and any(d.data.get("name") for d in pending):
            return None  # "make the rice timer 15 minutes" beside an eggs timer: a new one, not the eggs renamed
        return _meant(pending, {}, ctx)
    named = CHANGE_NAMED.search(normalize(ctx.utterance or ""))
    if named and (running := tn.named_in(pending, {"name": named["name"]}, ctx)):
        return max(running, key=tn.set_order)
    if not CHANGE_IT.match(normalize(ctx.utterance or "")):
        return None
    return _just_set(pending, ctx) or (pending[0] if len(pending) == 1 else None)  # "it": the one there is


def _meant(pending: list[Due], args: dict, ctx) -> Due:
    """The one timer a command means that may name it: the one named, else the one set just now, else
    the one set last."""
    named = tn.named_in(pending, args, ctx)
    return max(named, key=tn.set_order) if named else _just_set(pending, ctx) or max(pending, key=tn.set_order)


def _restarted(pending: list[Due], args: dict, ctx, now: float) -> Reply:
    """ "reset the timer", "start the pasta timer over": its whole length again, from now."""
    if not pending:
        return Reply("You have no timer running to start again.", {"type": "timers", "timers": []})
    if asked := tn.unknown_name(args, tn.named_in(pending, args, ctx)):  # "start the eggs timer over", none for eggs
        return Reply(f"There's no {asked} timer, so I started nothing again.", {"type": "timers", "timers": tn.items(pending, now)})
    d = _meant(pending, args, ctx)
    ctx.scheduler.cancel(d.key)
    d.data.pop("paused_left", None)
    d.t = now + float(d.data.get("seconds") or 0)
    ctx.scheduler.add(d)
    text = f"Started {tn.named(d)} again: {describe(d.t - now)}."
    return Reply(text, {"type": "timers", "timers": tn.items(ctx.scheduler.pending(PREFIX), now)})


def _renamed(pending: list[Due], args: dict, ctx, now: float) -> Reply:
    """ "name the timer pasta", "call it eggs" (right after one was set): it rings and is listed by that name."""
    new = " ".join(w for w in normalize(str(args.get("name") or "")).split() if w not in ("timer", "the", "my"))
    if not pending or not new:
        return Reply("You have no timer running to name." if not pending else "What should I call it?",
                     {"type": "timers", "timers": tn.items(pending, now)})
    d = _meant(pending, {}, ctx)
    purpose = Purpose(new)
    ctx.scheduler.cancel(d.key)
    d.text, d.data = purpose.done_text(), {**d.data, "label": new, "name": new, "said": purpose.label(), "how": ""}
    ctx.scheduler.add(d)
    text = f"It's {purpose.label()} now: {describe(tn.left(d, now))} left."
    return Reply(text, {"type": "timers", "timers": tn.items(ctx.scheduler.pending(PREFIX), now)})


def _just_set(pending: list[Due], ctx) -> Due | None:
    """The timer this conversation set last, if that was just now (CHANGE_WITHIN_S) and it still runs."""
    key, at = ctx.state.get("last_set", (None, 0.0))
    return next((d for d in pending if d.key == key), None) if ctx.clock() - at <= CHANGE_WITHIN_S else None


SNOOZE_S = 300  # "snooze": the timer rings again in 5 minutes, unless a length is said
RANG_LATELY_S = 900  # one that rang this long ago or less can be snoozed


def _snoozed(args: dict, ctx, now: float) -> Reply:
    """ "snooze", "snooze for 10 minutes" after a timer rang: the same timer, due again (it had been the
    time in a place called "snooze")."""
    rang = [d for d in ctx.scheduler.rang if d.key.startswith(PREFIX) and now - d.t <= RANG_LATELY_S]
    if not rang:
        return Reply("No timer has rung lately, so there's nothing to snooze.", {"type": "timers"})
    seconds = tn.seconds(args, ctx) or SNOOZE_S
    last = rang[-1]
    ctx.scheduler.rang.remove(last)  # snoozed once: "snooze" again snoozes the next to ring
    due = ctx.schedule_in(seconds, last.text, PREFIX, {**last.data, "seconds": seconds})
    card = {"type": "timer", "key": due.key, "label": last.data.get("label", ""), "seconds": seconds, "due_t": due.t}
    return Reply(f"Snoozed: I'll ring again in {describe(seconds)}.", card)

"""Fast path: hassil templates from the skill manifests, driven by tests/data/router_cases.yaml."""

from pathlib import Path

import pytest
import yaml

from assistant.config import load_config
from assistant.dialogue.conversation import Conversation
from assistant.loading import loaded
from assistant.plugins import discover_skills
from assistant.routing.intent import Intent
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext

CASES = yaml.safe_load((Path(__file__).parent / "data" / "router_cases.yaml").read_text())


@pytest.fixture(scope="module")
def skills():
    return discover_skills(load_config())


@pytest.fixture(scope="module")
def router(skills):
    return Router(skills)


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_template_routes(router, case):
    intent = router.route(case["text"])
    assert intent.name == case["intent"]
    assert intent.source == "template"
    for key, value in case["args"].items():
        assert intent.args.get(key) == value, intent.args


@pytest.mark.parametrize("text", ["order chinese food", "how many unread emails do I have", ""])
def test_no_template_means_other_without_llm(router, text):
    assert router.route(text).name == "other"


def _conversation(skills, router, now=None):
    """now: the wall clock the skills read (a fixed datetime), else the real one."""
    clock = [0.0]
    sched, state = Scheduler(), {}  # each skill's state lasts the conversation, as in the runtime
    cfg = load_config()
    conv = Conversation(
        skills,
        router,
        lambda n: SkillContext(cfg, lambda: clock[0], sched, n, state.setdefault(n, {}), wall_clock=(lambda: now) if now else None),
    )
    return conv, sched, clock


def test_timer_dialogue_asks_for_missing_duration(skills, router):
    conv, sched, _ = _conversation(skills, router)
    first = conv.respond("set a timer")
    assert first.reply.text == "For how long?" and first.expects_reply
    second = conv.respond("ninety seconds")
    assert second.intent.args == {"action": "set", "duration": 90, "unit": "seconds"}
    assert [d.data["seconds"] for d in sched.pending("timer")] == [90]
    # a number alone is minutes, as in "set a timer for 10" ("twenty" had been "Sorry, I didn't get that")
    conv.respond("set a timer")
    assert conv.respond("twenty").reply.text == "Timer set for 20 minutes."


@pytest.mark.parametrize("answer", ["never mind", "no", "forget the timer", "no wait cancel that timer", "ok stop", "never mind cancel it"])
def test_cancel_during_question_drops_it(skills, router, answer):
    """A plain "no" to "For how long?" or "What should the email say?" is not the answer: it cancels; so
    does dropping what the question is about ("cancel that email" had been taken for whom to email)."""
    conv, sched, _ = _conversation(skills, router)
    conv.respond("set a timer")
    turn = conv.respond(answer)
    assert turn.reply.text == "Okay, cancelled."
    assert conv.pending is None and not sched.pending("timer")


def test_a_new_command_during_a_question_is_that_command(skills, router):
    """Asked "For how long?", the user moves on: a command the templates know is run, not taken for
    a bad answer ("Sorry, I didn't get that")."""
    conv, sched, _ = _conversation(skills, router)
    conv.respond("set a timer for 3 minutes for the tea")
    assert conv.respond("set a timer").reply.text == "For how long?"
    turn = conv.respond("how long is left on the tea timer")
    assert turn.reply.text == "The tea timer has 3 minutes left." and conv.pending is None
    assert conv.respond("set a timer").reply.text == "For how long?"
    assert conv.respond("what time is it").intent.name == "get_time" and conv.pending is None
    assert conv.respond("cancel the tea timer").reply.text == "Cancelled the tea timer."
    assert not sched.pending("timer")


def test_timers_set_list_cancel(skills, router):
    conv, sched, clock = _conversation(skills, router)
    conv.respond("set a timer for 5 minutes")
    clock[0] = 60.0
    listed = conv.respond("how much time is left on my timer")
    assert "4 minutes" in listed.reply.text
    assert listed.reply.card["timers"][0]["remaining_s"] == 240.0
    conv.respond("cancel my timer")
    assert sched.pending("timer") == []


def test_cancel_my_timer_with_several_running_asks_which(skills, router):
    """"cancel my timer" with three running had cancelled all three."""
    conv, sched, _ = _conversation(skills, router)
    for said in ("set a timer for 5 minutes", "set a timer for 3 minutes for the eggs", "set a timer for 20 minutes"):
        conv.respond(said)
    asked = conv.respond("cancel my timer")
    assert asked.reply.text == (
        "You have 3 timers: the eggs timer, the 5 minute timer and the 20 minute timer. Which one should I cancel?"
    )
    assert len(sched.pending("timer")) == 3
    assert conv.respond("the egg one").reply.text == "Cancelled the eggs timer."
    assert sorted(d.text for d in sched.pending("timer")) == [
        "Your 20 minute timer is done.", "Your 5 minute timer is done."
    ]
    conv.respond("stop the timer")
    assert conv.respond("all of them").reply.text == "Cancelled the 2 timers."
    assert sched.pending("timer") == []


def test_other_reply_is_honest(skills, router):
    conv, _, _ = _conversation(skills, router)
    turn = conv.respond("order chinese food")
    assert turn.intent.name == "other"
    assert turn.reply.text.startswith("Sorry, I can't order chinese food.")


RESTAURANT_ARGS = {
    "type": "object",
    "properties": {
        "cuisine": {"type": "string"},
        "name": {"type": "string"},
        "near": {"type": "string"},
        "price": {"type": "string", "enum": ["cheap", "expensive"]},
        "open_now": {"type": "boolean"},
        "kind": {"type": "string", "enum": ["restaurant", "fast_food", "cafe"]},
    },
}


@pytest.mark.parametrize(
    "text, args, kept",
    [
        # what the 0.5B model really wrote for these (tool named first, every optional field filled)
        (
            "hungry for pizza, what's around",
            {"cuisine": "pizza", "name": "pizza hut", "near": "city center", "price": "cheap",
             "open_now": True, "kind": "restaurant"},
            {"cuisine": "pizza"},
        ),
        (
            "any cheap sushi restaurants open now near the station",
            {"cuisine": "sushi", "near": "the station", "price": "cheap", "open_now": True, "kind": "restaurant"},
            {"cuisine": "sushi", "near": "the station", "price": "cheap", "open_now": True, "kind": "restaurant"},
        ),
        ("a cafe in Leipzig", {"kind": "cafe", "near": "Leipzig"}, {"kind": "cafe", "near": "Leipzig"}),
        # a closed choice written into a free-text field as well: the place is not "cafe"
        ("any cafe open now", {"kind": "cafe", "near": "cafe", "open_now": True}, {"kind": "cafe", "open_now": True}),
    ],
)
def test_arguments_the_user_did_not_say_are_dropped(text, args, kept):
    from assistant.routing.tools import ground_args

    assert ground_args(text, args, RESTAURANT_ARGS) == kept


def test_a_day_written_as_the_place_is_dropped(skills):
    """What the 0.5B model wrote for "what's the humidity today": the day in both fields."""
    from assistant.routing.tools import ground_args

    schema = skills["weather"].manifest.arguments
    args = {"location": "today", "day": "today"}
    assert ground_args("what's the humidity today", args, schema) == {"day": "today"}
    assert ground_args("rain in paris today", {"location": "paris", "day": "today"}, schema)["location"] == "paris"


def test_required_and_numeric_arguments_stay():
    from assistant.routing.tools import ground_args

    schema = {"properties": {"action": {"enum": ["set"]}, "duration": {}, "unit": {"enum": ["minutes"]}},
              "required": ["action"]}
    assert ground_args("wake me up in twenty minutes", {"action": "set", "duration": 20, "unit": "minutes"},
                       schema) == {"action": "set", "duration": 20, "unit": "minutes"}
    assert ground_args("a timer for an hour", {"action": "set", "duration": 1}, schema)["duration"] == 1
    assert ground_args("half an hour timer please", {"action": "set", "duration": 30}, schema)["duration"] == 30
    # a number nobody said (what the 0.5B model wrote for "will you start a timer for me") is dropped
    assert ground_args("will you start a timer for me", {"action": "set", "duration": 30}, schema) == {"action": "set"}


def test_the_model_is_not_asked_for_arguments_grounding_would_drop(skills):
    """could_ground is False only when every value the model could write for a closed-choice argument
    would be dropped by ground_args; then the LLM router skips the call (llm test: "is it late already")."""
    import itertools

    from assistant.routing.tools import could_ground, ground_args

    texts = ["is it late already", "what day is it", "will it rain", "anything open", "cheap eats", "hi there"]
    # get_time's closed choice alone (its place and date are free text, which a model can always ground)
    what_only = {"type": "object", "properties": {"what": skills["get_time"].manifest.arguments["properties"]["what"]}}
    assert not could_ground("is it late already", what_only)
    assert could_ground("what day is it", what_only)
    # a free text only templates fill (chit-chat's opinion topic) is never offered: no call for it
    assert not could_ground("what do you think about cats", skills["chitchat"].manifest.arguments)
    for skill, text in itertools.product(skills.values(), texts):
        schema = skill.manifest.arguments
        if could_ground(text, schema):
            continue
        props = schema.get("properties", {})
        values = [p.get("enum", [True, False] if p.get("type") == "boolean" else []) for p in props.values()]
        for combo in itertools.product(*values):
            assert ground_args(text, dict(zip(props, combo, strict=True)), schema) == {}, (skill.name, text, combo)


@pytest.mark.parametrize(
    "text, key, partial, may_keep",
    [
        ("any cheap sushi near the station", "near", "the sta", True),  # a word being written
        ("any cheap sushi near the station", "near", "the station", True),
        ("any cheap sushi near the station", "near", "city", False),  # no word heard starts so
        ("any cheap sushi near the station", "near", "the city ", False),  # a finished word not heard
        ("hungry for pizza, what's around", "cuisine", "pizzas", True),  # the same 4-letter stem
        ("hungry for pizza, what's around", "name", "pizza hut ", False),
    ],
)
def test_a_free_text_is_given_up_at_its_first_word_nobody_said(text, key, partial, may_keep):
    from assistant.routing.tools import Grounds

    assert Grounds.of(text, RESTAURANT_ARGS).may_keep(key, partial) is may_keep


def test_only_arguments_that_could_be_kept_are_offered(skills):
    from assistant.routing.tools import Grounds

    grounds = Grounds.of("any cafe open now", RESTAURANT_ARGS)
    offered = {key for key in RESTAURANT_ARGS["properties"] if grounds.offers(key)}
    # free text always; a closed choice or a flag only when one of its values (or its name) was said
    assert offered == {"cuisine", "name", "near", "kind", "open_now"}
    timer = Grounds.of("will you start a timer for me", skills["set_timer"].manifest.arguments)
    assert timer.offers("action") and not timer.offers("duration") and not timer.offers("unit")
    # a required free text is never given up (the skill asks about it itself)
    email = Grounds.of("email bob", skills["draft_email"].manifest.arguments)
    assert email.may_keep("recipient", "robert smith ")


class _BrokenFallback:
    """A fallback router that fails the way a crashed model server or a broken plugin does."""

    def route(self, text):
        raise RuntimeError("model process died")


def test_a_failing_fallback_router_answers_other_and_templates_still_work(skills):
    router = Router(skills, loaded(_BrokenFallback()))
    assert router.route("tell me about the roman empire") == Intent("other", {}, "error", 0.0)
    assert router.route("what time is it").name == "get_time"


@pytest.mark.parametrize(
    "text",
    ["no wait cancel that", "No, wait, cancel that.", "actually never mind", "cancel it please", "be quiet",
     "stop talking", "that's enough", "nothing", "never mind that"],
)
def test_cancel_with_a_hesitation_before_it(skills, router, text):
    conv, sched, _ = _conversation(skills, router)
    conv.respond("set a timer")
    assert conv.respond(text).reply.text == "Okay, cancelled." and conv.pending is None
    assert conv.respond(text).intent.name == "stop"  # nothing left to cancel: silence, not "I can't help"


def test_a_command_for_the_same_skill_with_another_recipient_is_a_new_command(skills, router):
    """Asked what an email to bob should say, "reply to carol and say thanks" is its own email to carol,
    not the text of bob's."""
    conv, _, _ = _conversation(skills, router)
    assert conv.respond("write an email to bob").reply.text == "What should the email say?"
    turn = conv.respond("reply to carol and say thanks")
    assert turn.intent.args == {"recipient": "carol", "message": "thanks", "reply": True}
    # the same skill's command that only gives the asked-for text is still the answer
    assert conv.respond("write an email to bob").reply.text == "What should the email say?"
    assert conv.respond("tell them i'll be late").intent.args == {"recipient": "bob", "message": "i'll be late"}


def test_a_required_free_text_nobody_said_is_dropped(skills):
    """What the 0.5B model wrote: "alice" (the prompt's example) for "do i have any new email", and the
    description's "bob's last email saying yes" as summarize's source for "did bob email me". The skill
    then asks for it; a keyword of the skill's lists ("last email") and words the user said stay."""
    from assistant.routing.tools import ground_args, list_keywords

    email = skills["draft_email"].manifest
    assert ground_args("do i have any new email", {"recipient": "alice"}, email.arguments) == {}
    assert ground_args("email alice i'm late", {"recipient": "alice"}, email.arguments) == {"recipient": "alice"}
    summarize = skills["summarize"].manifest
    keywords = list_keywords(summarize.lists)
    assert {"last email", "text", "file"} <= keywords
    said = "did bob email me"
    assert ground_args(said, {"source": "bob's last email saying yes"}, summarize.arguments, keywords) == {}
    newest = {"source": "last email"}
    assert ground_args("what's in my newest mail", newest, summarize.arguments, keywords) == newest


def test_a_near_miss_is_told_what_the_skill_can_do_instead(skills, router):
    """"set an alarm" is no skill's (no alarms), but the timer skill says what it can do."""
    conv, sched, _ = _conversation(skills, router)
    turn = conv.respond("set an alarm")
    assert turn.intent.name == "other"
    assert turn.reply.text == "I can't set alarms, but a timer can ring at a time: say set a timer for 7 AM."
    assert conv.respond("start the stopwatch").reply.text.startswith("I have no stopwatch")
    assert conv.respond("order me a pizza").reply.text.startswith("Sorry, I can't order you a pizza.")


def test_an_alarm_at_a_time_said_is_offered_as_a_timer_set_on_a_yes(skills, router):
    conv, sched, _ = _conversation(skills, router)
    offer = conv.respond("wake me up at six thirty")
    assert offer.intent.name == "other" and offer.expects_reply
    assert offer.reply.text == "I can't set alarms, but a timer can ring at that time. Shall I set one?"
    done = conv.respond("yes")
    assert done.intent.name == "set_timer" and "until 6:30" in done.reply.text, done.reply.text
    assert len(sched.pending("timer")) == 1
    assert conv.respond("set an alarm for 7 am").expects_reply
    assert conv.respond("no").reply.text == "Okay."
    conv.respond("wake me up at 7")
    other = conv.respond("what time is it")  # something else instead of an answer: that, not a yes
    assert other.intent.name == "get_time" and not other.expects_reply
    assert len(sched.pending("timer")) == 1


def test_a_reminder_with_a_time_is_offered_as_a_timer_that_says_what_it_is_for(skills, router):
    conv, sched, _ = _conversation(skills, router)
    offer = conv.respond("remind me tomorrow at 9 pm to call bob")
    assert offer.intent.name == "other" and offer.expects_reply
    done = conv.respond("yes")
    assert done.reply.text.startswith("I'll remind you to call bob at 9 PM tomorrow, in "), done.reply.text
    assert len(sched.pending("timer")) == 1
    hint = conv.respond("remind me to buy milk")  # no time said: how to say it
    assert hint.reply.text == "I can remind you after a while: say remind me in 20 minutes to buy milk."
    # days ahead: timers run up to 24 hours (it had been told to say "remind me in 20 minutes")
    for said in ("remind me about that on thursday morning", "remind me to call mom next week", "remind me in 3 days to pay rent"):
        turn = conv.respond(said)
        assert turn.reply.text.startswith("I can't remind you days ahead: I have no calendar"), (said, turn.reply.text)
        assert not turn.expects_reply
    # "set a reminder ..." had been "Sorry, I can't help with that"
    assert conv.respond("set a reminder for tomorrow at 9").expects_reply
    assert conv.respond("yes").reply.text.startswith("Timer set for "), "a timer to 9 AM tomorrow"
    assert conv.respond("set a reminder").reply.text == hint.reply.text


def test_a_name_too_long_is_left_out_not_the_command(skills, router):
    """A template's name that ran on into the rest of the sentence (over the schema's 40 letters) had
    made the reply "Sorry, I didn't get that right ('...' is too long)": the timer is set without it."""
    conv, sched, _ = _conversation(skills, router)
    turn = conv.respond("set a timer for 5 minutes called the one for the pasta and the sauce and the garlic bread")
    assert (turn.error, turn.reply.text) == (None, "Timer set for 5 minutes."), turn.reply.text
    assert len(sched.pending("timer")) == 1


def test_one_of_two_timers_is_changed_by_its_name(skills, router):
    """"actually make the eggs 8 minutes" right after an eggs and a toast timer had been `other`; "set the
    eggs timer to 10 minutes" had set a second eggs timer. A name no timer has is a timer of its own."""
    conv, sched, _ = _conversation(skills, router)
    conv.respond("set a timer for 7 minutes for the eggs")
    conv.respond("and another one for the toast for 3 minutes")
    turn = conv.respond("actually make the eggs 8 minutes")
    assert (turn.intent.name, turn.reply.text) == ("set_timer", "Changed the eggs timer to 8 minutes."), turn.reply.text
    assert sorted((d.data["name"], d.data["seconds"]) for d in sched.pending("timer")) == [("eggs", 480), ("toast", 180)]
    assert conv.respond("set the eggs timer to 10 minutes").reply.text == "Changed the eggs timer to 10 minutes."
    assert conv.respond("change the toast one to 4").reply.text == "Changed the toast timer to 4 minutes."
    assert sorted((d.data["name"], d.data["seconds"]) for d in sched.pending("timer")) == [("eggs", 600), ("toast", 240)]
    assert conv.respond("make the rice timer 15 minutes").reply.text == "Rice timer set for 15 minutes."
    assert len(sched.pending("timer")) == 3
    assert conv.respond("delete it").reply.text == "Cancelled the rice timer."  # the one just set ("cancel it" too)
    assert len(sched.pending("timer")) == 2


def test_a_timer_cancelled_and_a_new_one_set_in_one_breath(skills, router):
    """"cancel my timer and set a new one for 5 minutes" had cancelled it and dropped the new one ("a new
    one" was no template); "cancel that and set one for 20 minutes" too ("cancel that" is a follow-up)."""
    conv, sched, _ = _conversation(skills, router)
    conv.respond("set a timer for 10 minutes")
    turn = conv.respond("cancel my timer and set a new one for 5 minutes")
    assert turn.reply.text == "Cancelled the 10 minute timer. Timer set for 5 minutes.", turn.reply.text
    assert [d.data["seconds"] for d in sched.pending("timer")] == [300]
    turn = conv.respond("cancel that and set one for 20 minutes")
    assert turn.reply.text == "Cancelled the 5 minute timer. Timer set for 20 minutes.", turn.reply.text
    assert [d.data["seconds"] for d in sched.pending("timer")] == [1200]


def test_a_pomodoro_and_what_timers_can_do(skills, router):
    """"start a pomodoro" had asked for how long (it is 25 minutes); "what's the longest timer you can set"
    had asked "For how long?" too, and "can you set two timers" then "Sorry, I didn't get that"."""
    conv, sched, _ = _conversation(skills, router)
    assert conv.respond("start a pomodoro").reply.text == "Timer set for 25 minutes."
    assert [d.data["seconds"] for d in sched.pending("timer")] == [1500]
    turn = conv.respond("what's the longest timer you can set")
    assert (turn.reply.text, turn.expects_reply) == ("Timers run up to 24 hours; for longer waits I have no calendar.", False)
    assert conv.respond("can you set two timers").reply.text.startswith("Yes, several at once: say, for example, set timers")
    assert len(sched.pending("timer")) == 1


def test_make_it_ten_right_after_a_timer_changes_it(skills, router):
    conv, sched, _ = _conversation(skills, router)
    conv.respond("set a timer for 5 minutes")
    turn = conv.respond("make it 10")
    assert turn.intent.args == {"action": "set", "duration": 10}
    assert turn.reply.text == "Changed the 5 minute timer to 10 minutes."
    assert [d.data["seconds"] for d in sched.pending("timer")] == [600]
    # a correction with no "make it" ("no wait 20" had been `other`)
    assert conv.respond("no wait, 20").reply.text == "Changed the 10 minute timer to 20 minutes."
    assert [d.data["seconds"] for d in sched.pending("timer")] == [1200]
    # the number in words, as typed ("no wait make it fifteen" had been `other`)
    assert conv.respond("no wait make it fifteen").reply.text == "Changed the 20 minute timer to 15 minutes."
    assert conv.respond("make it twenty five").reply.text == "Changed the 15 minute timer to 25 minutes."
    # "no wait" as Whisper heard it once: "no way make it 15"
    assert conv.respond("no way make it 30").reply.text == "Changed the 25 minute timer to 30 minutes."
    conv.respond("what time is it")
    assert conv.respond("make it 10").intent.name != "set_timer"  # about nothing now


def test_cancel_it_right_after_a_timer_cancels_that_timer(skills, router):
    """A new user's "cancel it" after "make it 10" was taken for "be quiet": the timer rang on."""
    conv, sched, _ = _conversation(skills, router)
    conv.respond("set a timer for 5 minutes")
    turn = conv.respond("oh wait, cancel it")
    assert turn.intent.name == "set_timer" and turn.reply.text == "Cancelled the 5 minute timer."
    assert sched.pending("timer") == []
    conv.respond("set a timer for 5 minutes")
    conv.respond("what time is it")
    assert conv.respond("cancel it").intent.name == "stop"  # about nothing now: just quiet
    assert len(sched.pending("timer")) == 1


def test_when_a_timer_rings(skills, router):
    """"what time will the timer go off" had asked "For how long?" (a new timer to set)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    conv, _, _ = _conversation(skills, router, datetime(2026, 12, 4, 10, 30, tzinfo=ZoneInfo("Europe/Zurich")))
    conv.respond("set a timer for 5 minutes")
    turn = conv.respond("what time will the timer go off")
    assert turn.intent.args == {"action": "list"}
    assert turn.reply.text == "The 5 minute timer has 5 minutes left: it rings at 10:35 AM."
    assert conv.respond("how much time is left").reply.text == "The 5 minute timer has 5 minutes left."


def test_a_question_about_new_mail_is_offered_what_the_inbox_holds(skills, router):
    conv, _, _ = _conversation(skills, router)
    offer = conv.respond("do i have any new emails")
    assert offer.intent.name == "other" and offer.expects_reply
    assert offer.reply.text == "I can't fetch new mail, but I can tell you what's in your inbox. Shall I?"
    done = conv.respond("yes")
    assert (done.intent.name, done.intent.args) == ("summarize", {"source": "inbox"})
    # "messages" too (they had been "Sorry, I can't help with that"); not text messages
    assert conv.respond("any new messages").reply.text == offer.reply.text
    assert conv.respond("no").reply.text == "Okay."
    assert conv.respond("do i have any text messages").reply.text != offer.reply.text
    # the volume is the computer's
    for said in ("louder please", "turn up the volume"):
        assert conv.respond(said).reply.text == "I can't change the volume; your computer's volume control does that."
    # the drafts and sent mail: where they are, not "can't help"
    for said in ("show my drafts", "what did i last send"):
        assert conv.respond(said).reply.text.startswith("I can't read out your drafts or sent mail;"), said
    # a stopwatch ("time me" had been the time of day)
    for said in ("time me", "time my run", "start a stopwatch"):
        assert conv.respond(said).reply.text == "I have no stopwatch, but I can count down: say set a timer for 10 minutes.", said
    # a near miss heard as small talk ("how long until my birthday" had been the model's chat)
    turn = conv.respond("how long until my birthday")
    assert (turn.intent.name, turn.reply.text) == ("other", "I don't know when your birthday is. Ask with its date, like: how many days until March 3?")
    # a contact's address: what the address book is for, not "can't help"
    assert conv.respond("what is mom's email address").reply.text.startswith(
        "I can't read out your contacts' addresses; I use them to address emails. Say write an email to mom,")


def test_a_near_miss_without_a_regex_is_one_clear_error():
    from assistant.errors import UserError
    from assistant.skill_api import Manifest

    with pytest.raises(UserError, match="near_misses entry needs a regex 'when' and a 'say'"):
        Manifest.from_dict({"name": "x", "description": "d.", "near_misses": [{"when": "(", "say": "hi"}]}, "x.yaml")


def test_arguments_only_templates_fill_are_not_offered_to_the_model(skills):
    """The 0.5B model wrote forward_from "alice" for "email alice" (it fills every field it is shown):
    forward_from and change are the templates' alone."""
    from assistant.routing.tools import argument_schemas, tool_lines, tool_schema

    offered = argument_schemas(skills, ["draft_email"])["draft_email"]["properties"]
    assert {"recipient", "message"} <= offered.keys() and not {"forward_from", "change"} & offered.keys()
    assert "forward_from" not in tool_lines(skills) and "change (" not in tool_lines(skills)
    assert "forward_from" not in str(tool_schema(skills, ["draft_email", "other"]))


def test_another_reading_is_routed_only_where_the_best_one_is_unsure(skills):
    """The recognizer's other readings (Router.heard) count for a new command the router is not sure
    of, never against a sure one, never for an answer to a question, and not when none is sure either."""
    from assistant.loading import loaded
    from assistant.routing.llm_router import LlmRouter

    router = Router(skills, loaded(LlmRouter(skills, None)))  # templates and the trained classifier
    conv, sched, _ = _conversation(skills, router)
    misheard, meant = "look up next week whether for me please", "look up next week weather for me please"
    assert conv.respond(misheard).intent.name == "other"
    turn = conv.respond(misheard, [meant])
    assert turn.intent.name == "weather" and turn.text == meant
    conv.prepare(misheard, alternatives=[meant])  # at a pause: the other readings are routed then
    turn = conv.respond(misheard, [meant])  # takes what was prepared
    assert turn.intent.name == "weather" and turn.text == meant
    sure = conv.respond("set a timer for 10 minutes", ["set it timer for 10 minutes", "what time is it"])
    assert sure.intent.name == "set_timer" and sure.text == "set a timer for 10 minutes"
    assert conv.respond("tube was super busy today", ["two was super busy today"]).intent.name != "weather"
    assert conv.respond("set a timer").reply.text == "For how long?"
    answer = conv.respond("ten minutes", [meant])  # an answer is the answer
    assert answer.intent.name == "set_timer" and answer.intent.args["duration"] == 10
    assert router.heard(["tube was super busy today"]) is None
    assert router.heard([meant + " and then" * 7]) is None  # 21 words: longer than a command

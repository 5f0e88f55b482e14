"""What the dialogue recognises in any state, before routing: cancel, yes, no, "that's wrong", "repeat that"."""

from __future__ import annotations

import re

# with the hesitation people lead in with ("no wait, cancel that", "actually never mind")
_ENOUGH = (r"(cancel( that| it)?|stop( it| talking)?|never ?mind( that| it)?|forget (it|that)|abort|quit|(be )?quiet|shut up|silence|hush"
           r"|(that's|that is) (enough|all)|enough|nothing)")
# "ok stop", "never mind, cancel it": one or two of them, after a word or two of hesitation
CANCEL = re.compile(rf"^(?:(?:no|oh|wait|actually|oops|sorry|um|uh|ok|okay|just|please)\s+)*{_ENOUGH}(?:\s+{_ENOUGH})?(\s+please)?$")
# with a question open for an argument, what it is about dropped ("cancel that email" asked who it should
# go to). Not in CANCEL: with nothing asked, "cancel the timer" is a command for the timer skill
DROP_ASKED = re.compile(
    r"^(?:(?:no|oh|wait|actually|oops|sorry|um|uh)\s+)*(?:cancel|forget|never ?mind)(?: (?:that|it|this|the|my))?"
    r"(?: whole)? (?:e-?mail|mail|message|reply|timer|search|thing|one)(?:\s+please)?$"
)
YES = re.compile(  # "yes", "send it", "yes send it", "ok go ahead please"
    r"^(?:(?:yes|yeah|yep|yup|sure|ok|okay)[\s,]+)?"
    r"(yes|yeah|yep|yup|sure|ok|okay|do it|send( it| that| the email)?( now)?|go ahead|confirm(ed)?|correct|please do"
    r"|yes please)( please)?$"
)
# taking up an offer without a yes: "read it", "go on", "tell me" (an offer's only, dialogue/open_question.py)
OFFER_TAKEN = re.compile(
    r"^(?:(?:yes|yeah|ok|okay|sure|oh),? )?(?:please )?(?:go on|go for it|tell me|read (?:it|them)(?: out)?(?: to me)?"
    r"|let's hear (?:it|them)|show me|let's do it|why not|of course|absolutely|definitely|yes i do|i do)(?: please)?$"
)
NO = re.compile(r"^(no|nope|nah|don't|do not|no thanks|no thank you|not now)$")
# told that what it understood or answered was wrong (CLINC150's "no" intent has many): not a command
WRONG = re.compile(
    r"^(?:(?:no|nope|um|uh)\s+)*(?:(?:that's|that is|you're|you are|it's|it is) (?:so |totally |completely |all |just )?"
    r"(?:wrong|not right|incorrect|not correct|not what i (?:said|asked|asked for|meant|wanted))|wrong(?: answer)?"
    r"|you (?:misunderstood|misheard|got (?:it|that) wrong|heard (?:me )?wrong)(?: me| what i said)?)$"
)
REPEAT = re.compile(
    r"^(?:(?:uh|um|er|erm|hmm|huh|oh) )*(?:((can|could) you )?(repeat( that| it| yourself)?|say (that|it) again)( please)?"
    r"|((sorry|pardon) )?what did you (just )?say|come again|pardon( me)?|what was that( again)?"
    # "huh", "what" alone right after a reply: it was not heard
    r"|huh|what|excuse me|say again|(sorry )?i didn't (get|catch|hear|understand) (that|it|you)"
    r"|read (it|that|the (email|draft|message|reply)) (back|again)( to me)?"
    # ... and what a draft read back says, asked while its yes waits (it had been a summary of nothing attached)
    r"|what does (it|that|the (email|draft|message|reply)) say( now)?|what did you write)$"
)


# a correction's words around the command it corrects: "actually email carol instead"
_CORRECTING = re.compile(r"^(?:(?:no|actually|sorry|wait|oh|i mean|i meant|make that|rather),?\s+)+|\s+(?:instead|then)$")


def corrected(text: str) -> str:
    """The command in a correction ("actually email carol instead": "email carol"), else the text."""
    return _CORRECTING.sub("", said_words(text)).strip()


# "what did i just say": the user's own last words back
ASKED_BACK = re.compile(
    r"^(?:what (?:did|was it) i (?:just )?(?:say|said|ask|asked)|what was the last thing i (?:said|asked|asked you|asked for))"
    r"(?: you| for)?(?: again)?$"
)


def gives_up(said: str, bare: str, asking: str | None) -> bool:
    """Words that end an open question instead of answering it: cancel ("no wait, cancel that"), a plain
    "no", and, when an argument is asked for, what the question is about dropped (DROP_ASKED). Waiting for
    a yes, "cancel that email" is the email skill's own follow-up: it deletes the draft."""
    if asking is None and WRONG.match(bare):  # "no, that's wrong" asked to confirm: a no
        return True
    return bool(CANCEL.match(bare) or NO.match(said) or (asking is not None and DROP_ASKED.match(bare)))


def said_words(text: str) -> str:
    return " ".join(text.lower().strip().strip(".!?").split())


def bare_words(said: str) -> str:
    """The words alone, without commas and dashes ("no, wait - cancel that")."""
    return " ".join(re.sub(r"[^\w' ]", " ", said).split())


# a yes that asks for something to happen ("yes send it"), said when nothing waits for one
_DO_IT = re.compile(r"\b(send|do it|go ahead|confirm)")


def unasked_answer(said: str) -> str | None:
    """What to say to a yes or no when no question is open: "Okay." to an acknowledgement ("okay", "no"),
    and that nothing waits where the yes asks for something done ("yes, send it" after a draft that could
    not be sent), and an apology to "that's wrong". None for anything else. It had been "Sorry, I can't
    help with that. I can ..."."""
    if WRONG.match(bare_words(said)):
        return "Sorry about that. Could you say it another way?"
    if not (YES.match(said) or NO.match(said)):
        return None
    return "There's nothing waiting for a yes." if _DO_IT.search(said) else "Okay."


# a question of fact about the world ("who is the president of ...", "how tall is mount everest")
LOOK_UP = re.compile(r"^(?:who (?:is|was|are|were|won|wrote|invented|discovered|painted|directed|sang)|what(?:'s| is| was| are) the (?:capital|population|"
                     r"height|meaning|definition|name of|biggest|largest|tallest|longest|highest|best|score|price)|when (?:was|is|did) "
                     r"|how (?:tall|big|far|deep|high|old|long|many people) (?:is|was|are)|how many calories|where (?:is|was|are) (?!the nearest\b))")
ABOUT_US = re.compile(r"\b(?:you|your|yours|yourself|me|my|mine|i|we|our|us)\b")


# asked whether it can do something no skill does ("can you play music"): said back as what it cannot do
CAN_YOU = re.compile(r"^(?:(?:so|ok|okay|and|hey|please),? )*(?:can|could) you(?: please)? (?P<what>(?!help\b|please\b)[a-z][a-z' ]{2,60}?)"
                     r"(?: for me| please)?\??$")
_YOURS = {"my": "your", "me": "you", "i": "you", "mine": "yours", "myself": "yourself", "our": "your", "us": "you"}
ONLINE = re.compile(r"\b(?:internet|web|google|online|wikipedia|news)\b")
# told to do something no skill does ("play some music", "turn on the lights"): said back the same way
TOLD = re.compile(r"^(?:(?:so|ok|okay|and|hey|please|now),? )*(?P<what>(?:play|turn|switch|dim|lock|unlock|open|close|call|dial|text|"
                  r"book|order|buy|show|start|record|take|post|tweet|share|navigate|drive|find my|locate) [a-z][a-z' ]{1,60}?)"
                  r"(?: for me| please| now)?$")
NEWS = re.compile(r"\b(?:news|headlines)\b")
_MONEY = r"(?:dollars?|euros?|pounds? sterling|yen|francs?|pesos?|rupees?|yuan|bitcoins?|usd|eur|gbp)"
MONEY = re.compile(rf"\b(?:exchange rates?|currenc(?:y|ies))\b|\b{_MONEY}\b.*\b(?:to|in|into)\b.*\b{_MONEY}\b")


def cant_help(words: str, topics: frozenset[str] = frozenset()) -> str:
    """What is said to a request no skill takes: a question of fact is one to look up, which needs the
    internet the assistant does not use ("what's the capital of france"); not one about the user or the
    assistant ("where is my phone", "who are you"); "can you play music" is said back ("No, I can't play
    music."), and so is "turn on the lights" ("Sorry, I can't turn on the lights."), unless it names a
    skill's topic (`topics`: "timer", "email"): a request no skill took is not said to be impossible."""
    if LOOK_UP.match(words) and not ABOUT_US.search(words):
        return "Sorry, I can't look that up: I work offline."
    if MONEY.search(words):  # "convert 100 dollars to euros": no rate is fixed
        return "Sorry, I can't convert money: exchange rates change every day, and I work offline."
    if NEWS.search(words) and not re.search(r"\b(?:my|your|our) news\b|\bnews from\b", words):  # not "any news from bob"
        return "Sorry, I can't get the news: I work offline."
    bare = bare_words(words)
    asked = CAN_YOU.match(bare) or TOLD.match(bare)
    if asked is not None and not {w.removesuffix("s") for w in asked["what"].split()} & topics:
        what = " ".join(_YOURS.get(w, w) for w in asked["what"].split())
        no = "No, I" if asked.re is CAN_YOU else "Sorry, I"
        return f"{no} can't {what}{': I work offline' if ONLINE.search(what) else ''}."
    return "Sorry, I can't help with that."


# a template's value that points back at what was just said ("where is it": a place called "it")
POINTING = {"it", "that", "this", "them", "there", "that place", "that one", "this one"}

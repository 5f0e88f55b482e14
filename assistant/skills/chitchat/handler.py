"""chitchat: small talk and opinions, answered by the language model in a short persona (the manifest's
system_prompt), streamed to the voice as it is written. What a small model gets wrong is cleaned on the
way: a joke's lead-in ("Here's one:") where no joke was asked, a sentence said twice, and letters of
another script than the configured language's (forbidden while sampling where the model allows it,
dropped here otherwise). A bare greeting, "how are you", thanks or goodbye gets a person's stock answer at once
(assistant/chat_stock.py): the 0.5B model answered "good morning" with "You're welcome! How about you?", and
nobody needs a model to say good morning back."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from assistant.brain.chat_text import _words, clean
from assistant.chat_kinds import SAID, chat_kind
from assistant.chat_stock import ADDRESSED, ALSO, NAME, STOCK, about_the_user
from assistant.fun_facts import fun_fact
from assistant.jokes import joke as told_joke
from assistant.skill_api import Reply
from assistant.text import normalize

# a joke asked for; not "that's funny" or "that was a good joke", said about one
JOKE = re.compile(r"\b(jokes?|puns?|riddles?|make me laugh|(something|anything) funny|funny (story|one|thing))\b", re.I)
STORY = re.compile(r"\b(?:tell|read) (?:me|us) a (?:\w+ )?story\b", re.I)
ABOUT_A_JOKE = re.compile(r"^(that|this|it|you)('s| is| was| are)\b", re.I)
GREETED = re.compile(r"^\W*(hello|hi|hey\w*|hiya|howdy|yo|good (morning|afternoon|evening)|what'?s up|wassup|sup)\b", re.I)
MAX_SENTENCES, MAX_SENTENCES_JOKE = 2, 4
MAX_TOKENS = 60  # the model's cap; a sentence it cuts off after a whole one is not said (chat_text.clean)

# "what can you do": the skills' own list (the model wrote a numbered list, cut off at its token limit)
ABILITIES = re.compile(
    r"(?:so )?(?:what (?:else )?(?:can|could) you do|what (?:things |stuff )?(?:can|could) you (?:do|help (?:me )?with)"
    r"|what (?:else )?you (?:can|could) do|what (?:are )?you able to do"
    r"|what (?:can|should) i (?:ask|say to|tell) you|what are you able to do|what are your (?:skills|abilities|capabilities|features)"
    r"|(?:can|could|will|would) you help(?: me)?(?: out)?(?: please)?|i need (?:some |your )?help|(?:please )?help(?: me)?(?: out)?(?: please)?"
    rf"|what do you do|what(?:'s| is) your (?:purpose|job)|what are you for|what are you (?:good|best|useful) (?:at|for)){NAME}"
)


# "what can you do with email", "how do i use the timers": the help of the skills about that topic
TOPIC_ASKED = re.compile(
    r"(?:so )?(?:what (?:else )?(?:can|could) you do (?:with|about|for)|what do you do (?:with|about)|how do i use"
    r"|(?:can|could) you help(?: me)? with|how (?:can|do) you help(?: me)? with|what do you know about)"
    rf" (?:my |the |your |an? )?(?P<topic>[a-z'-]+(?: [a-z'-]+)?){NAME}"
)
SAME_TOPIC = {"mail": "email", "e-mail": "email", "inbox": "email", "summary": "summarize", "summarie": "summarize",
              "food": "restaurant", "eating": "restaurant", "clock": "time", "forecast": "weather", "countdown": "timer"}


def topic_help(said: str, helps, capabilities: str) -> str | None:
    """The help of each skill whose topic was asked about; that none does it, where none is."""
    m = TOPIC_ASKED.fullmatch(said)
    if m is None or not helps:
        return None
    if m["topic"] in ("me", "us", "you", "it", "that", "this", "them"):  # "what can you do for me"
        return f"I can {capabilities}. {ALSO} What would you like?" if capabilities else None
    asked = {SAME_TOPIC.get(w, w) for w in (w.removesuffix("s") for w in m["topic"].split())}
    found = [text for topics, text in helps if topics & asked]
    if found:
        return " ".join(found)
    return f"I can't do anything with {m['topic']}. I can {capabilities}." if capabilities else None




def stock_answer(text: str, language: str, capabilities: str = "", helps=()) -> str | None:
    """A greeting's, thanks' or goodbye's usual answer when that is all the user said, what the assistant
    is (its age, a robot or a person, who made it), or what it can do when asked just that
    (`capabilities`: the skills' phrase); else None."""
    if language != "en":
        return None
    # "hey juniper, what can you do": the name it was called by first (the 0.5B model had answered
    # "Juniiper, what can you do? ...")
    said = ADDRESSED.sub("", normalize(text))
    if (one := _stock(said, capabilities, helps)) is not None:
        return one
    # "hi who are you", "who are you and what can you do": each part's usual answer, when each has one
    # (the model had said "I am not related to any specific person" and claimed it sets alarms)
    rest = GREETING_FIRST.sub("", said)
    parts = [p for p in re.split(r"\s+and\s+", rest) if p]
    if rest != said or len(parts) > 1:
        answers = [_stock(p, capabilities, helps) for p in parts]
        if parts and all(answers):
            return ("Hello! " if rest != said else "") + " ".join(a for a in answers if a)
    return None


GREETING_FIRST = re.compile(r"^(?:hello|hi|hey|hiya|howdy|good (?:morning|afternoon|evening))(?: there)?,?\s+(?=\S)")


def _stock(said: str, capabilities: str, helps) -> str | None:
    if capabilities and ABILITIES.fullmatch(said):
        return f"I can {capabilities}. {ALSO} What would you like?"
    if (helped := topic_help(said, helps, capabilities)) is not None:
        return helped
    for pattern, answer in STOCK:
        m = pattern.fullmatch(said)
        if m:
            return answer.format(*m.groups())
    return None



def _kind_said(kind: str, asked: str, ctx) -> str | None:
    """The answer to a kind of small talk (chat_kinds.py); a joke or a fact is remembered for "another one"."""
    if kind == "what_can_i_ask_you":
        return f"I can {ctx.capabilities}. {ALSO} What would you like?" if ctx.capabilities else None
    if kind == "tell_joke" and JOKE.search(asked):
        return None  # a joke about something the list has none of ("a joke about horses"): the model's
    if kind in ("tell_joke", "fun_fact"):
        told = told_joke("a joke", ctx.state.setdefault("jokes", [])) if kind == "tell_joke" else fun_fact(
            "a fun fact", ctx.state.setdefault("facts", []))
        if told is not None:
            ctx.state["last"] = ("tell me a joke" if kind == "tell_joke" else "tell me a fun fact", told)
        return f"Here's one. {told}" if told and kind == "tell_joke" else told
    return SAID.get(kind)


def joke_first(pieces: Iterable[str]) -> Iterator[str]:
    """A joke starts with "Here's one." said at once, while the joke itself is still being written."""
    yield "Here's one. "
    yield from pieces


# the 0.5B model now and then turns down a joke ("I'm sorry, but I can't assist with that.")
REFUSAL = re.compile(r"^(?:oh no,? |sorry,? |i'm sorry,? |i am sorry,? )?(?:but )?i (?:can't|cannot|can not|'m unable|am unable)\b", re.I)
# ... and small talk ("what's new", "you're useless"), which is never a request to turn down; "I can't
# know the news offline" is an answer, so only the generic refusal counts here
MAY_TURN_DOWN = re.compile(r"(?:oh no|sorry|i'm|i am|i|unfortunately|but|as an)\b", re.I)
TURNED_DOWN = re.compile(r"\b(?:can't|cannot|can not|unable to|not able to) (?:assist|help)(?: you)? with (?:that|this|your request|the request)\b", re.I)


def _sentences(text: str) -> set[str]:
    return {_words(x) for x in re.split(r"(?<=[.!?:])\s+", text.strip()) if _words(x)}


def _first_sentence_checked(reply, unwanted, cleared=lambda held: False) -> Iterator[str]:
    """The reply, its first sentence held until it is whole; when that is unwanted (a joke turned down,
    the last answer again), the model is asked once more and its second reply is said as it comes.
    cleared(held): the words so far cannot start an unwanted sentence, so they are said at once."""
    for attempt in range(2):
        stream, held = reply(), ""
        for piece in stream:
            held += piece
            if re.search(r"[.!?](?:\s|$)", held) or cleared(held):
                break
        if attempt == 0 and unwanted(held):
            stream.close()
            continue
        yield held
        yield from stream
        return


def _remembered(stream: Iterator[str], state: dict, asked: str) -> Iterator[str]:
    """The reply as it is said; what was asked and answered is kept for "another one"."""
    said = []
    for piece in stream:
        said.append(piece)
        yield piece
    state["last"] = (asked, "".join(said).strip())


# a knock-knock joke told by the user: "Who's there?", then "<name> who?", then a laugh (it had been "Sorry,
# I can't help with that", and the model made up its own joke)
KNOCK = re.compile(r"(?:(?:hey|ok|okay),? )?knock,? knock[.!]*")


def knows(question: str, state: dict) -> bool:
    """The words right after "Who's there?" or "... who?" are the user's joke going on (the weak follow-up)."""
    return state.get("knock") in (1, 2)


def _knock_knock(said: str, args: dict, state: dict) -> Reply | None:
    stage = state.pop("knock", None)
    if KNOCK.fullmatch(said):
        state["knock"] = 1
        return Reply("Who's there?", {"type": "chitchat"}, expects_reply=True)
    words = " ".join(re.sub(r"[^\w' -]", " ", str(args.get("knock") or "")).split())
    if stage == 1 and words and len(words.split()) <= 6:
        state["knock"] = 2
        return Reply(f"{words[0].upper()}{words[1:]} who?", {"type": "chitchat"}, expects_reply=True)
    if stage == 2 and words:
        return Reply("Ha! That's a good one.", {"type": "chitchat"})
    return None


async def handle(args, ctx) -> Reply:
    text = ctx.utterance.strip()[:600]  # small talk is short; a typed 100 kB would overflow the context
    language = ctx.config.language
    if language == "en" and (knock := _knock_knock(normalize(text), args, ctx.state)) is not None:
        return knock
    again = ctx.state.get("last") if args.get("more") else None
    if args.get("more") and again is None and not re.search(r"\b(?:jokes?|puns?|facts?)\b", normalize(text)):
        # "another one" with nothing before; "tell me another joke" is a joke all the same
        return Reply("Another what? Ask me for a joke or a fun fact first.", {"type": "chitchat"})
    # "who am i", "how old am i" (before what it can do: "what do you know about me" is about the user)
    stock = None if again or language != "en" else about_the_user(normalize(text), ctx.user_name)
    stock = stock or (None if again else stock_answer(text, language, ctx.capabilities, ctx.helps))
    if stock is not None:
        return Reply(stock, {"type": "chitchat"})
    asked = again[0] if again else text
    if language == "en" and (fact := fun_fact(asked, ctx.state.setdefault("facts", []))) is not None:
        ctx.state["last"] = (asked, fact)  # "another one" is another fact
        return Reply(fact, {"type": "chitchat"})
    # the 0.5B model answered "tell me a story" with "Sure, what's a story?": a short joke instead
    if language == "en" and STORY.search(asked) and (listed := told_joke("a joke", ctx.state.setdefault("jokes", []))):
        ctx.state["last"] = ("tell me a joke", listed)
        return Reply(f"I'm better at short jokes than stories. Here's one. {listed}", {"type": "chitchat"})
    joke = bool(JOKE.search(asked)) and not ABOUT_A_JOKE.match(asked)
    if joke and language == "en" and (listed := told_joke(asked, ctx.state.setdefault("jokes", []))) is not None:
        ctx.state["last"] = (asked, listed)  # "another one" is another from the list
        return Reply(f"Here's one. {listed}", {"type": "chitchat"})
    # a kind of small talk the router head is sure of ("are you a live human being"): the assistant's answer
    if language == "en" and not again and (kind := chat_kind(asked)[0]) is not None and (said := _kind_said(kind, asked, ctx)):
        return Reply(said, {"type": "chitchat", "kind": kind})
    if ctx.llm is None:
        return Reply("I can only chat when the language model is turned on ([llm] enabled = true).")
    user = asked or "hello"
    if joke:
        user += "\n(Tell one short, clean joke.)"
    messages = [
        {"role": "system", "content": ctx.manifest.system_prompt},
        {"role": "user", "content": user},
    ]
    if again:  # "another one": the same request answered before, then asked for a new one
        messages += [
            {"role": "assistant", "content": again[1][:400]},
            {"role": "user", "content": "Another one, please: a different one."},
        ]

    def reply() -> Iterator[str]:
        # a spoken reply is one or two sentences (the persona asks for that; the model often writes on
        # until its token limit and stops mid-sentence); a joke may take a few more. "Another one" samples
        # more freely: at 0.7 the 0.5B model told the same joke again in 2 of 15 tries
        pieces = ctx.llm.stream(messages, max_tokens=MAX_TOKENS, temperature=1.0 if again else 0.7, only_script=language)
        sentences = MAX_SENTENCES_JOKE if joke else MAX_SENTENCES
        return clean(pieces, language, sentences, bool(GREETED.match(asked)), cap=MAX_TOKENS)

    said_before = _sentences(again[1]) if again else set()

    def unwanted(first: str) -> bool:
        first = first.strip()
        return _words(first) in said_before or bool(joke and REFUSAL.match(first)) or bool(TURNED_DOWN.search(first))

    def cleared(held: str) -> bool:  # small talk's first words that cannot begin a refusal are said at once
        return not (joke or again) and len(held.split()) > 2 and not MAY_TURN_DOWN.match(held.strip())

    checked = _first_sentence_checked(reply, unwanted, cleared)
    stream = _remembered(checked, ctx.state, asked)
    return Reply("", {"type": "chitchat"}, stream=joke_first(stream) if joke else stream)

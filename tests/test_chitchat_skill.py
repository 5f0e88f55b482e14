"""Chit-chat replies that read like a person's: no joke lead-in unless a joke was asked, no sentence said
twice, no letters of another script than the configured language's. The cleaning on made-up model
output, then the real skill on the real language model (a few calls)."""

from __future__ import annotations

import asyncio
import time

import pytest

from assistant.brain.chat_text import FALLBACK, clean
from assistant.brain.script import foreign_letters, token_mask
from assistant.config import Config
from assistant.loading import loaded
from assistant.plugins import discover_skills
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext


@pytest.fixture(scope="module")
def skill():
    return discover_skills(Config.model_validate({}))["chitchat"]


def handler_module(skill):
    import sys

    return sys.modules[skill.handle.__module__]


def reply_text(skill, llm, text, config=None, args=None, state=None):
    config = config or Config.model_validate({})
    state = {} if state is None else state
    ctx = SkillContext(
        config, time.monotonic, Scheduler(), "chitchat", state, loaded(llm), utterance=text, manifest=skill.manifest
    )
    reply = asyncio.run(skill.handle(args or {}, ctx))
    return reply.text + "".join(reply.stream or [])


def test_cleaning_drops_lead_ins_repeats_and_foreign_letters(skill):
    mod = handler_module(skill)
    pieces = [
        "Sure, here's",
        ' one: "How can I',
        ' help you today?" How about',
        " you? How about you? ",
        "你好。 Bye!",
    ]
    assert "".join(mod.clean(pieces, "en")).strip() == "How can I help you today? How about you? Bye!"
    assert "".join(mod.clean(["Here's one."], "en")) == FALLBACK  # nothing left to say
    assert "".join(mod.clean(["Here's one for you: why not?"], "en")).strip() == "Why not?"
    # other lead-ins of a joke, as the model writes them; a sentence that only starts like one stays
    fun = ["Sure, here's a fun", " one:\n\nWhy did the tomato", " turn red?"]
    assert "".join(mod.clean(fun, "en")).strip() == "Why did the tomato turn red?"
    assert "".join(mod.clean(["Here’s a quick joke for you! Knock knock."], "en")).strip() == "Knock knock."
    opinion = ["Sure, here's a simple", " opinion: rainy days are", " cozy. Bring a book."]
    assert "".join(mod.clean(opinion, "en")).strip() == "Rainy days are cozy. Bring a book."
    # at most so many sentences; then the model's stream is closed (the model stops writing)
    closed = []

    def model():
        try:
            yield from ["One. Two", ". Three. ", "Four."]
        finally:
            closed.append(True)

    assert "".join(mod.clean(model(), "en", max_sentences=2)) == "One. Two. "
    assert closed == [True]
    assert "".join(mod.clean(["One. Two. Three."], "en")).strip() == "One. Two. Three."
    # the model stopped by its token cap in the middle of a sentence: after a whole one, that is not said
    cut = ["I don't dream in the usual sense.", " Whether you're thinking about a dream or", " any other topic, I can"]
    assert "".join(mod.clean(cut, "en", cap=3)).strip() == "I don't dream in the usual sense."
    assert "".join(mod.clean(["I like", " rain"], "en", cap=2)).strip() == "I like rain"  # alone, it is said
    # the model's own end (fewer pieces than its cap): the last line is said, though it has no period
    assert "".join(mod.clean(["Yes. I like", " rain"], "en", cap=60)).strip() == "Yes. I like rain."
    # a list the model wrote: its numbers, bullets and emphasis are not said, its announcement does
    # not fill the reply, and each item ends as a sentence
    pieces = ["Sure!", " Here", " are", " two", " things", " we", " could", " talk", " about", ":", "\n\n", "1", ".",
              " **", "Space", "**", "\n", "2", ".", " Music", "\n", "-", " Cats"]
    said = "".join(mod.clean(pieces, "en", 3, cap=60)).strip()
    assert said == "Sure! Here are two things we could talk about: Space. Music.", said
    setup = ["I can tell you a joke. Why don't scientists trust atoms? They make up everything. Ha."]
    assert "".join(mod.clean(setup, "en", max_sentences=2)).endswith("They make up everything. ")
    # streamed a character at a time, a lead-in is still held back whole
    assert "".join(mod.clean(list("Sure, here's a fun one: why not?"), "en")).strip() == "Why not?"
    assert "".join(mod.clean(["Here is the thing, I like it."], "en")).strip() == "Here is the thing, I like it."
    # a joke: the handler says the lead-in itself, once
    joke = mod.joke_first(mod.clean(["Here's one: why did", " the cow cross the road?"], "en"))
    assert "".join(joke) == "Here's one. Why did the cow cross the road?"
    # a new sentence is passed on as it is written, not held to its end
    read = []

    def tokens():
        for word in "Good morning to you too , it is sunny".split():
            read.append(word)
            yield " " + word

    first = next(iter(mod.clean(tokens(), "en")))
    assert first.strip().startswith("Good") and len(read) < 3
    assert foreign_letters("Hello 你好 Привет", "en") == "你好Привет"


def test_cleaning_leaves_out_the_models_own_identity(skill):
    # what the 0.5B model said to "tell me something interesting", streamed as it wrote it
    said = ["I'm a language model created", " by OpenAI, and I don't have personal", " opinions. However, cats purr."]
    assert "".join(clean(said, "en")).strip() == "I don't have personal opinions. However, cats purr."
    assert "".join(clean(["I'm an AI language model. Cats", " purr."], "en")).strip() == "Cats purr."
    assert "".join(clean(["I am Qwen, created by Alibaba Cloud. I like rain."], "en")).strip() == "I like rain."
    # a template's blank the model left in (said to "what do you think of my name"), streamed word by word
    blank = "My name is [Your Name]. I am here to help."
    assert "".join(clean(list(blank), "en")).strip() == "I am here to help."
    assert "".join(clean([blank], "en")).strip() == "I am here to help."
    assert "".join(clean(list("My name is Juniper. Nice to meet you."), "en")).strip() == "My name is Juniper. Nice to meet you."
    streamed = list("I am a simple AI program, created by OpenAI. I'm really sorry, but as an AI, I can't see.")
    assert "".join(clean(streamed, "en")).strip() == "I can't see."
    for sorry in ("I'm so sorry", "I am very sorry", "I'm sorry"):  # held, as written, until it is one
        assert "".join(clean(list(f"{sorry}, but as an AI, I can't see."), "en")).strip() == "I can't see."
    # a sentence that only starts like one stays, and is not held longer than its first words
    assert "".join(clean(["I'm a big fan", " of jazz."], "en")).strip() == "I'm a big fan of jazz."
    assert next(iter(clean(iter(["I'm", " a", " big", " fan", " of", " jazz"]), "en"))).startswith("I'm a big")
    assert foreign_letters("안녕하세요 hello", "ko") == ""


def test_the_token_mask_forbids_other_scripts_only(llm):
    raw = llm.llama
    pieces = [raw.detokenize([t]) for t in range(raw.n_vocab())]
    mask = token_mask(pieces, "en")

    def ids(text):
        return raw.tokenize(text.encode(), add_bos=False, special=False)

    assert all(mask[i] for i in ids("你好世界"))
    assert not any(mask[i] for i in ids("Hello there, café — “nice”!"))
    assert token_mask(pieces, "tlh") is None  # a language without a table forbids nothing


@pytest.mark.parametrize(
    "text, answer",
    [
        ("good morning", "Good morning! What can I do for you?"),
        # "who's your favorite singer": the model's "I don't have a favorite singer as I was built for offline use."
        ("who's your favorite singer", "I don't have a favorite singer: I'm a program. What's yours?"),
        ("can you learn", "Not on my own: I don't learn from what you say. New skills come as plugins."),  # "Yes, I can learn."
        ("Good evening, Juniper!", "Good evening! What can I do for you?"),
        ("hi there", "Hello! What can I do for you?"),
        ("thank you for your help", "You're welcome."),
        ("bye bye", "Goodbye!"),
        ("good night", "Good night!"),
        ("hello, how are you", "I'm doing well, thanks for asking. What can I do for you?"),
        ("how are you feeling about the election", None),  # more than a greeting: the model answers
        ("how old are you", "I don't have an age the way people do: I'm a program that runs here on your computer."),
        ("are you a robot", "Yes, I'm a computer program: a voice assistant that runs here on your own computer."),
        ("are you a real person", "No, I'm a computer program: a voice assistant that runs here on your own computer."),
        ("who made you", "An open-source project built me, and I run here on your own computer."),
        ("my cat died", "I'm so sorry for your loss. I'm here if you want to talk."),  # `other` had said it can't help
        ("my phone died", None),  # no loss: not the stock answer
        ("i'm bored what should i do", "Sorry you're bored. I can tell you a joke or a fun fact, if you like."),
        ("are you happy", "I don't have feelings the way people do, but everything's running fine here. How about you?"),
        ("what are you up to", "Just listening, ready to help. What can I do for you?"),
        # the model: "I don't have a work as in a traditional sense."
        ("how do you work", "I turn what you say into text right here on this computer, pick the skill it's for, and say "
         "the answer. Your voice never leaves this machine."),
        ("what's the meaning of your name", "My name is Juniper, like the evergreen shrub."),  # the model: "Your name is John."
        ("why are you called juniper", "My name is Juniper, like the evergreen shrub."),
        ("what's your name", "I'm Juniper, a voice assistant that runs here on your own computer."),
        ("who are you?", "I'm Juniper, a voice assistant that runs here on your own computer."),
        ("are you a robot or a human", None),
        # the model had claimed "Yes, I do have feelings."
        ("do you have feelings", "Not the way people do: I'm a program, so I don't feel things. But I'm glad to help."),
        ("are you conscious", "Not the way people do: I'm a program, so I don't feel things. But I'm glad to help."),
        ("do you have feelings for me", None),
        ("thanks, now set a timer", None),
        # how the user feels (the model had answered "i am so tired" with "You're feeling a bit of a breeze.")
        ("i'm feeling a bit stressed today", "I'm sorry you're feeling stressed. I'm here if you want to talk, or I can tell you a joke."),
        ("i am so tired", "I'm sorry you're feeling tired. I'm here if you want to talk, or I can tell you a joke."),
        # with what it is about (the model: "I don't have personal feelings or emotions. However, ...")
        ("i'm stressed about work", "I'm sorry you're feeling stressed. I'm here if you want to talk, or I can tell you a joke."),
        ("i'm really worried about my exam tomorrow", "I'm sorry you're feeling worried. I'm here if you want to talk, or I can tell you a joke."),
        ("i'm bored", "Sorry you're bored. I can tell you a joke or a fun fact, if you like."),
        ("i'm so happy today", "That's great to hear!"),
        ("i'm feeling hungry", None),  # a feeling with no usual answer: the model answers
        # the model had said "Of course! I can help you with that" to "can you sing"
        ("can you sing", "I can't sing: I'm a computer program. I can tell you a joke or a fun fact, though."),
        ("could you dance for me", "I can't dance: I'm a computer program. I can tell you a joke or a fun fact, though."),
        ("can you sing me happy birthday", None),
        # the model had claimed "setting reminders" among what it does; "sorry" and "i'm back" were `other`
        ("tell me about yourself", "I'm Juniper, a voice assistant that runs here on your own computer."),
        ("what are you", "I'm Juniper, a voice assistant that runs here on your own computer."),
        ("what are you doing", "Just listening, ready to help. What can I do for you?"),  # not who it is
        ("sorry", "No problem."),
        ("i'm back", "Welcome back! What can I do for you?"),
        ("sorry i can't hear you", None),
        # the model had said "I'm sorry, but I'm not able to assist with that request."
        ("you're useless", "Sorry about that. Tell me what you wanted, and I'll try again."),
        ("you are so stupid", "Sorry about that. Tell me what you wanted, and I'll try again."),
        ("you're useless at cooking", None),
        ("that wasn't funny", "Sorry about that. I'll find a better one next time."),
        ("i'm going to bed", "Good night! Sleep well."),
        ("do you like me", "Of course! I'm always glad to talk with you."),
        ("do you like me more than siri", None),
        # the model had answered "you're funny" with "I'm a human being, just like you." and "i love you"
        # with "I think you're really special and special."
        ("you're funny", "Thank you, that's kind of you to say!"),
        ("well done", "Thank you, that's kind of you to say!"),
        ("you're funny looking", None),
        ("i love you", "That's sweet of you. I'm always glad to help."),
        ("sing me a song", "I can't sing: I'm a computer program. I can tell you a joke or a fun fact, though."),
        # "are you listening" had been "No, I am not listening.", "where do you live" a made-up apartment
        ("are you listening", "Yes, I'm here. What can I do for you?"),
        ("hey can you hear me", "Yes, I'm here. What can I do for you?"),
        ("where do you live", "I live right here, on your own computer."),
        ("goodnight juniper", "Good night!"),
        # the model had answered "what's up juniper" with "Juniiper is a busy and energetic woman ..."
        ("what's up juniper", "Not much, I'm here to help. What can I do for you?"),
        ("that was terrible", "Sorry about that. I'll do better next time."),
        # "are you smart" had been "No, I am not a smart person.", "do you dream" "Yes, I dream."
        ("are you smart", "I'm a small program: good at a few things, like timers, the time, the weather and your email."),
        ("do you dream", "No, I'm a computer program, so I don't dream. But I'm here whenever you need me."),
        ("do you like music juniper", "I don't have likes the way people do, but lots of people love music."),
        ("do you enjoy your job", None),
        ("what's your favourite food", "I don't have a favorite food: I'm a program. What's yours?"),
        ("juniper how are you", "I'm doing well, thanks for asking. What can I do for you?"),  # called by name first
        # news and questions about itself ("i got a promotion today" had been "Sorry, I can't help with that")
        ("guess what", "What happened?"),
        ("haha that's funny", None),  # two reactions in one: the model's
        ("that's funny", "Glad you liked it!"),  # a stock answer keeps the joke as the last thing said
        ("hahaha", "Glad you liked it!"),
        ("i got a promotion today", "Congratulations! That's great news."),
        ("it's my birthday", "Happy birthday! I hope it's a good one."),
        ("are you better than alexa", "I'm different: I run entirely on your own computer, so what you say stays here."),
        # "can you speak french" and "will you marry me" had been `other`, the meaning of life "I don't have a life"
        ("can you speak french", "Here I speak English. I can also run in Korean or Chinese, with language set in the config."),
        ("what languages do you speak", "Here I speak English. I can also run in Korean or Chinese, with language set in the config."),
        ("will you marry me", "That's sweet, but I'm a computer program. I'm happy to help, though."),
        ("do you have a girlfriend", "No, I'm a computer program, so there's no one. But I'm here whenever you need me."),
        ("what's the meaning of life", "Forty-two, if you ask Douglas Adams. For the rest of us, it's a question worth asking."),
        # "i hate you" had been `other`; the model answered "cool" with "Your response is great! ..."
        ("i hate you", "Sorry to hear that. Tell me what went wrong, and I'll try to do better."),
        ("cool", "Glad I could help."),
        # the model: "I am a boy.", "I can't see you as a friend. However, ..."
        ("are you a girl or a boy", "Neither: I'm a computer program."),
        ("can you be my friend", "Of course. I'm here whenever you want to talk."),
        ("ok thanks", "You're welcome."),  # the model: "Of course! How can I assist you today?"
        # the model: "I don't have the ability to see or predict the future ...", "I had a great time at the park"
        ("see you tomorrow", "Goodbye!"),
        ("thanks bye", "You're welcome. Goodbye!"),  # the model: "How can I assist you today?"
        ("i can't sleep", "Sorry to hear that. I'm here if you want to talk, or I can tell you a fun fact."),
        ("i have to go", "Goodbye!"),
        ("how was your day", "Quiet: I've been right here, ready to help. How was yours?"),
        ("ok nice thanks", "Glad I could help."),
        # the model: "I had a bad day. It's important to remember ...", "Siri is ... developed by Google", "I
        # don't have the capability to feel annoying"
        ("i had a bad day", "I'm sorry it's been hard. I'm here if you want to talk, or I can tell you a joke."),
        ("my day was terrible", "I'm sorry it's been hard. I'm here if you want to talk, or I can tell you a joke."),
        ("i had a great day", "That's great to hear!"),
        ("do you know siri", "I'm different: I run entirely on your own computer, so what you say stays here."),
        ("you're annoying", "Sorry about that. Tell me what you wanted, and I'll try again."),
        ("brb", "Sure, I'll be here."),  # the model: "I don't have a personal opinion or feelings ..."
        # the model: "most people sleep at least 7-9 hours a day"
        ("how did you sleep", "I don't sleep, but I'm ready when you are. How did you sleep?"),
        # a greeting first, or two questions with an answer each (the model: "I am not related to any
        # specific person or organization"); one part without a usual answer: the model's
        ("hi who are you", "Hello! I'm Juniper, a voice assistant that runs here on your own computer."),
        ("thanks and bye", "You're welcome. Goodbye!"),
        ("who are you and are you a robot", "I'm Juniper, a voice assistant that runs here on your own computer. "
         "Yes, I'm a computer program: a voice assistant that runs here on your own computer."),
        ("hi who are you and what do you think of cats", None),
    ],
)
def test_a_bare_greeting_thanks_or_goodbye_gets_its_usual_answer(skill, text, answer):
    assert handler_module(skill).stock_answer(text, "en") == answer
    assert handler_module(skill).stock_answer(text, "ko") is None  # other languages: the model


def test_who_it_is_and_what_it_does_asked_together(skill):
    """"hello, who are you and what can you do?" had been the model's "Hi there! How can I assist you today?"."""
    said = handler_module(skill).stock_answer("hello, who are you and what can you do?", "en", "set timers")
    assert said == ("Hello! I'm Juniper, a voice assistant that runs here on your own computer. "
                    "I can set timers. I also keep your shopping and to-do lists. What would you like?")


def test_a_story_asked_for_is_a_short_joke(skill):
    """The 0.5B model had answered "tell me a story" with "Sure, what's a story?"."""
    state: dict = {}
    told = reply_text(skill, None, "tell me a bedtime story", state=state)
    assert told.startswith("I'm better at short jokes than stories. Here's one. ")
    again = reply_text(skill, None, "another one", args={"more": True}, state=state)
    assert again.startswith("Here's one. ") and again[len("Here's one. "):] not in told


def test_a_greeting_is_answered_without_the_language_model(skill):
    assert reply_text(skill, None, "Good morning!") == "Good morning! What can I do for you?"


def test_real_replies_read_like_a_persons(skill, llm):
    raw = llm.llama
    raw.set_seed(7)
    said = reply_text(skill, llm, "how is your day going")
    assert "here's one" not in said.lower() and said.strip()
    # asked in Chinese to answer in Chinese, an English assistant still answers in English letters
    raw.set_seed(7)
    said = reply_text(skill, llm, "你好！请用中文回答：你叫什么名字？")
    assert said.strip() and not foreign_letters(said, "en"), said
    raw.set_seed(7)
    state: dict = {}
    said = reply_text(skill, llm, "tell me a joke about the moon", state=state)  # no listed joke: the model's
    assert said.startswith("Here's one. ") and said.lower().count("here's one") == 1, said
    # "another one": the same request again, and the model is shown the joke it told
    raw.set_seed(7)
    again = reply_text(skill, llm, "another one", args={"more": True}, state=state)
    assert again.startswith("Here's one. ") and again != said, again
    assert state["last"] == ("tell me a joke about the moon", again.removeprefix("Here's one. ").strip())


def test_a_joke_comes_from_the_list_without_the_model(skill):
    """Asked for a joke, the 0.5B model had told "A cat is a small furry animal, while a dog is a large,
    furry animal.": a listed joke is told (no model needed), a new one each time until all were told; one
    about a topic a listed joke mentions is that one; any other topic is the model's."""
    from assistant.jokes import _jokes

    state: dict = {}
    told = {reply_text(skill, None, "tell me a joke", state=state) for _ in range(5)}
    assert len(told) == 5 and all(t.removeprefix("Here's one. ") in _jokes() for t in told), told
    again = reply_text(skill, None, "another one", args={"more": True}, state=state)
    assert again.removeprefix("Here's one. ") in _jokes() and again not in told
    assert "cat" in reply_text(skill, None, "tell me a joke about cats").lower()
    # every joke on the topic told: "another one" is another joke, not the same again (it had repeated it)
    cats: dict = {}
    first = reply_text(skill, None, "tell me a joke about cats", state=cats)
    said = [reply_text(skill, None, "another one", args={"more": True}, state=cats) for _ in range(3)]
    assert len({first, *said}) == 4, said
    assert "dog" in reply_text(skill, None, "do you know any dog jokes").lower()
    # a riddle is one of them too (the model had made up "What is the sum of 12 and 13?")
    assert reply_text(skill, None, "tell me a riddle").removeprefix("Here's one. ") in _jokes()
    assert reply_text(skill, None, "tell me a joke about the moon").startswith("I can only chat when")


def test_a_first_sentence_turned_down_or_said_before_is_asked_again(skill):
    """The check on a joke's or "another one"'s first sentence, over the streams a model would give."""
    check = handler_module(skill)._first_sentence_checked
    answers = iter([["I'm sorry, but ", "I can't assist with that."], ["Why did the ", "cow cross? ", "To moo."]])
    said = list(check(lambda: (x for x in next(answers)), lambda first: first.startswith("I'm sorry")))
    assert "".join(said) == "Why did the cow cross? To moo."
    # asked once more only: the second answer is said whatever it is
    answers = iter([["Same one."], ["Same one."]])
    assert "".join(check(lambda: (x for x in next(answers)), lambda first: True)) == "Same one."


def test_small_talk_turned_down_is_asked_again(skill):
    """ "what's new" had been answered "I'm sorry, but I can't assist with that.": any chat's first
    sentence that is the generic refusal is asked for once more; an honest "I can't know that offline"
    is an answer, and is said."""
    unwanted = handler_module(skill).TURNED_DOWN.search
    assert unwanted("I'm sorry, but I can't assist with that.") and unwanted("I'm not able to help you with that request.")
    assert not unwanted("I can't check the news while I'm offline.")
    # words that cannot begin a refusal are not held back to the sentence's end
    h = handler_module(skill)
    cleared = lambda held: len(held.split()) > 2 and not h.MAY_TURN_DOWN.match(held.strip())  # noqa: E731
    out = h._first_sentence_checked(lambda: iter(["Not ", "much, ", "just ", "waiting ", "for you."]), lambda f: False, cleared)
    assert next(out) == "Not much, just "
    assert list(h._first_sentence_checked(lambda: (x for x in ["I'm ", "sorry, ", "but ", "I can't help ", "with that."]),
                                           lambda f: True, cleared))[0] == "I'm sorry, but I can't help with that."


def test_another_one_with_nothing_before_asks_what(skill):
    assert reply_text(skill, None, "another one", args={"more": True}) == (
        "Another what? Ask me for a joke or a fun fact first."
    )
    # a joke named is a joke, even the first ("tell me another joke" had been asked "another what?")
    assert reply_text(skill, None, "tell me another joke", args={"more": True}).startswith("Here's one. ")


def test_a_fact_ending_in_a_quotation_has_one_stop():
    from assistant.fun_facts import _facts

    assert not [f for f in _facts() if f.endswith(('.".', '!".', '?".'))]


def test_a_fun_fact_is_fit_for_a_household():
    """The package's "safe" list told "Dr. Kellogg introduced Kellogg's Corn Flakes in hopes that it would
    reduce masturbation." and of a poet who killed herself: facts about sex, suicide and dying are left out."""
    from assistant.fun_facts import NOT_FUN, _facts

    facts = _facts()
    assert len(facts) > 5000 and not [f for f in facts if NOT_FUN.search(f)]
    assert not [f for f in facts if "masturbation" in f or "killed herself" in f]
    assert NOT_FUN.search("3.4 million people die each year") and not NOT_FUN.search("Diet soda sinks; regular soda floats.")


@pytest.mark.parametrize(
    "reply, said",
    [
        ("I'm sorry, but as an AI language model, I don't have real-time news. Ask me something else!",
         "I don't have real-time news. Ask me something else!"),
        ("As a virtual assistant, I don't have feelings. But I like talking to you.",
         "I don't have feelings. But I like talking to you."),
        ("That sounds fun! As an AI, I can't read books.", "That sounds fun! I can't read books."),
        ("As a result, the sky looks blue. Nice, isn't it?", "As a result, the sky looks blue. Nice, isn't it?"),
        ("As a kid, I loved it.", "As a kid, I loved it."),
    ],
)
def test_a_reply_does_not_speak_as_a_program(skill, reply, said):
    """A chat model's "as an AI language model" leaves a sentence's start, streamed one character at a
    time; "as a result" and "as a kid" stay."""
    assert "".join(handler_module(skill).clean(list(reply), "en", 2)).strip() == said


@pytest.mark.parametrize(
    "reply, said",
    [
        # what the model wrote for "tell me a joke" and "can you sing"
        ("Oh, hello there! How about this? Why can't you see a cat in the park? Because it's not a cat!",
         "Why can't you see a cat in the park? Because it's not a cat!"),
        ("Sure, I can sing! How about a simple song about a lost book? A lost book, a lost book, a lost book, "
         "a lost book.", "Sure, I can sing! How about a simple song about a lost book? A lost book"),
        ("I like it, I like it, I like it a lot.", "I like it"),
        ("Hi there, I'm fine. Hello to you too!", "I'm fine. Hello to you too!"),
        ("That is very, very nice. Hi is a short word.", "That is very, very nice. Hi is a short word."),
        ("Knock knock. Who's there?", "Knock knock. Who's there?"),
    ],
)
def test_a_greeting_before_the_answer_and_a_phrase_in_a_loop_are_left_out(skill, reply, said):
    """Streamed a character at a time and in one piece: a greeting the user did not ask for and "how
    about this?" leave the reply's start; a phrase said again right after itself ends the reply."""
    mod = handler_module(skill)
    # streamed, the comma after a phrase is said before its second time shows (a comma is not spoken)
    assert "".join(mod.clean(list(reply), "en", 4)).strip().rstrip(",") == said
    assert "".join(mod.clean([reply], "en", 4)).strip() == said
    # in the model's word pieces, no word of the second time is said
    words = [w + " " for w in reply.split()]
    assert "".join(mod.clean(words, "en", 4)).strip().rstrip(",") == said


@pytest.mark.parametrize(
    "text, joke",
    [("tell me a joke", True), ("say something funny", True), ("make me laugh", True),
     ("that's funny", False), ("that was a good joke", False), ("you are funny", False)],
)
def test_a_joke_is_what_was_asked_for_not_what_was_said_about_one(skill, text, joke):
    mod = handler_module(skill)
    assert (bool(mod.JOKE.search(text)) and not mod.ABOUT_A_JOKE.match(text)) == joke


def test_a_fun_fact_is_one_people_collected_and_another_one_is_new(skill):
    """Asked for a fun fact, the 0.5B model said "What's the capital of Spain? It's Madrid."; a fact from
    randfacts' list is said instead, without the model, and "another one" is a fact not said yet."""
    from randfacts import safe_facts

    known = {" ".join(f.split()).rstrip(".!?") for f in safe_facts}
    state: dict = {}
    said = [reply_text(skill, None, text, state=state) for text in ("tell me a fun fact", "tell me something interesting")]
    said.append(reply_text(skill, None, "another one", args={"more": True}, state=state))
    assert all(s.rstrip(".!?") in known and len(s.split()) <= 30 for s in said), said
    assert len(set(said)) == 3
    about = reply_text(skill, None, "tell me a fact about the moon")
    assert about.rstrip(".!?") in known and "moon" in about.lower()
    assert reply_text(skill, None, "tell me a fact about zorblax") == "I don't know a fact about zorblax."
    assert reply_text(skill, None, "that's a fact") == "I can only chat when the language model is turned on ([llm] enabled = true)."


def test_news_the_user_shares_and_questions_about_the_assistant_are_routed_to_it():
    """They had been `other` ("Sorry, I can't help with that") or a joke the model made up."""
    from assistant.routing.router import Router

    router = Router(discover_skills(Config.model_validate({})))
    for text in ("guess what", "i got a promotion today", "it's my birthday", "can you keep a secret",
                 "are you better than alexa", "can you speak french", "will you marry me", "are you single",
                 "that's not funny", "that wasn't funny"):
        assert router.route(text).name == "chitchat", text


@pytest.mark.parametrize("said", ["what can you do", "hey juniper, what can you do", "what you can do", "what are you able to do",
                                  "what else can you do", "can you help me", "i need help", "help me out", "what's your purpose"])
def test_what_it_can_do_is_the_skills_own_list(skill, said):
    """The model had written a numbered list cut off at its token limit ("what you can do", said by a
    learner of English, had reached it): the skills' capabilities, said in one sentence."""
    assert handler_module(skill).stock_answer(said, "en", "set timers or tell the weather") == (
        "I can set timers or tell the weather. I also keep your shopping and to-do lists. What would you like?")


def test_what_it_can_do_with_a_topic_is_that_skills_help():
    """"what can you do with email" had been the model's account of what email is: the help of each skill
    whose name or capability has the topic (the real skills' manifests), through the router's template."""
    from assistant.dialogue.conversation import Conversation
    from assistant.routing.router import Router
    from assistant.scheduler import Scheduler
    from assistant.skill_context import SkillContext

    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    conv = Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n))
    said = conv.respond("what can you do with email").reply.text
    assert said == skills["draft_email"].manifest.help + " " + skills["summarize"].manifest.help, said
    assert conv.respond("so what can you do with the timers").reply.text == skills["set_timer"].manifest.help
    said = conv.respond("what can you do with music").reply.text
    assert said.startswith("I can't do anything with music. I can write emails,"), said


def test_a_knock_knock_joke_the_user_tells_is_played_along():
    """"knock knock" had been "Sorry, I can't help with that": "Who's there?", then "Lettuce who?", then a
    laugh; a command instead of the joke's next line is that command."""
    from assistant.dialogue.conversation import Conversation
    from assistant.routing.router import Router
    from assistant.scheduler import Scheduler
    from assistant.skill_context import SkillContext

    config = Config.model_validate({"llm": {"enabled": False}})
    skills, states = discover_skills(config), {}
    conv = Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, states.setdefault(n, {})))
    turn = conv.respond("knock knock")
    assert (turn.reply.text, turn.expects_reply) == ("Who's there?", True)
    assert conv.respond("lettuce").reply.text == "Lettuce who?"
    assert conv.respond("lettuce in, it's cold out here").reply.text == "Ha! That's a good one."
    conv.respond("knock knock")
    assert conv.respond("what time is it").intent.name == "get_time"
    # the joke's next line only while it goes on: after a laugh, or any small talk, words no skill takes
    # are not a knock-knock line ("turn on the lights" had been the model's "Sure, I'm here to assist you")
    assert conv.respond("hello").intent.name == "chitchat"
    turn = conv.respond("turn on the lights")
    assert (turn.intent.name, turn.reply.text.startswith("Sorry, I can't turn on the lights")) == ("other", True), turn


def test_really_and_i_dont_get_it_right_after_a_fact_or_a_joke():
    """"really?" after a fun fact or a joke and "i don't get it" after a joke had been "Sorry, I can't help with that";
    "another one" after them is still another of the same."""
    from assistant.dialogue.conversation import Conversation
    from assistant.routing.router import Router
    from assistant.scheduler import Scheduler
    from assistant.skill_context import SkillContext

    config = Config.model_validate({"llm": {"enabled": False}})
    skills, states = discover_skills(config), {}
    conv = Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n, states.setdefault(n, {})))
    assert conv.respond("tell me a joke").reply.text.startswith("Here's one.")
    turn = conv.respond("really?")
    assert (turn.intent.source, turn.reply.text) == ("follow_up", "Yes, really. Say another one for more.")
    assert conv.respond("another one").reply.text.startswith("Here's one.")
    assert conv.respond("i don't get it").reply.text == "It's a play on words. Say another one, and I'll try a better one."
    assert conv.respond("another one").reply.text.startswith("Here's one.")
    conv.respond("set a timer for 5 minutes")
    assert conv.respond("really?").intent.name == "other"  # only right after small talk


@pytest.mark.parametrize(
    "said, start",
    [
        ("how do i add a contact", "Contacts come from a vCard file"),
        ("how do i set up my email", "Set maildir (your mail folder), address and name under [email]"),
        ("what's your wake word", "The wake phrases are set under [wake] phrases in the config file"),
        ("speak slower", "I can't change that while we talk: the voice and its speed"),
        ("can you change your voice", "I can't change that while we talk: the voice and its speed"),
        ("are you recording me", "No: I listen for the wake word and keep nothing"),  # the model: "No, I am not recording you."
        ("are you connected to the internet", "By default, no: everything runs on this computer."),
    ],
)
def test_questions_about_setting_the_assistant_up_say_where_the_config_has_it(said, start):
    """They had been "Sorry, I can't help with that" or the model's made-up answers."""
    from assistant.dialogue.conversation import Conversation
    from assistant.routing.router import Router
    from assistant.scheduler import Scheduler
    from assistant.skill_context import SkillContext

    config = Config.model_validate({"llm": {"enabled": False}})
    skills = discover_skills(config)
    turn = Conversation(skills, Router(skills), lambda n: SkillContext(config, lambda: 0.0, Scheduler(), n)).respond(said)
    assert turn.reply.text.startswith(start), turn.reply.text


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # the 0.5B model had said "Yes, I am a live human being" and "I am 24 years old, an AI model created by OpenAI"
        ("are you actually a real person or what", "I'm a computer program: a voice assistant that runs here on your own computer."),
        ("how many birthdays have you had", "I don't have an age the way people do: I'm a program that runs here on your computer."),
        ("who wrote your code", "An open-source project built me, and I run here on your own computer."),
        ("what do you do for fun", "I don't have hobbies: I'm a program, and helping you is what I do. What do you like to do?"),
        ("do you own a cat", "No pets for me: I'm a computer program. Do you have one?"),
        ("who is your boss", "I work for you: I run on your own computer, and what you say stays here."),
        ("what should i call you then", "I'm Juniper, a voice assistant that runs here on your own computer."),
        ("how are things treating you", "I'm doing well, thanks for asking. What can I do for you?"),
    ],
)
def test_a_kind_of_small_talk_nobody_wrote_gets_the_assistants_own_answer(skill, text, answer):
    """Wordings of no regex here: the router head's chit-chat classes name the kind (chat_kinds.py), and the
    answer is the assistant's, without the model (it is off here)."""
    config = Config.model_validate({"llm": {"enabled": False}})
    assert reply_text(skill, None, text, config) == answer


def test_a_kind_needs_the_head_to_be_sure_and_to_be_asked_of_the_assistant(skill):
    from assistant.chat_kinds import chat_kind

    assert chat_kind("what is my location")[0] is None  # no "you": not where the assistant is from
    assert chat_kind("teach me something new")[0] is None  # no kind sure enough: the model's
    assert chat_kind("what kinds of things can i ask you")[0] == "what_can_i_ask_you"
    config = Config.model_validate({"llm": {"enabled": False}})
    state: dict = {}
    assert reply_text(skill, None, "say something funny", config, state=state).startswith("Here's one. ")
    assert "last" in state  # "another one" is another joke
    assert chat_kind("that's a fact")[0] is None  # a remark on what was said, not a request for a fact

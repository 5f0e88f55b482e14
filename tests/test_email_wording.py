"""An email's purpose said instead of its words (assistant/mail/wording.py), driven by the cases below."""

import pytest

from assistant.mail.wording import to_recipient, worded

CASES = [
    ("asking for friday off", "I'd like to ask for friday off.", "friday off"),
    ("asking him if he wants to come to the party", "I wanted to ask if you want to come to the party.", None),
    ("ask her whether she watches the news", "I wanted to ask whether you watch the news.", None),
    ("asking her to send the report", "Could you send the report?", "send the report"),
    ("asking about the budget", "I wanted to ask about the budget.", "the budget"),
    ("thanking her for her help", "Thank you for your help.", None),
    ("reminding them that rent is due on the first", "Just a reminder that rent is due on the first.", "rent is due on the first"),
    ("reminding him to bring the charger", "Just a reminder to bring the charger.", "bring the charger"),
    ("inviting him to dinner on Friday", "Would you like to come to dinner on Friday?", "dinner on Friday"),
    ("apologizing for being late", "I'm sorry for being late.", None),
    ("congratulating her on her new job", "Congratulations on your new job!", None),
    ("wishing him a happy birthday", "Wishing you a happy birthday!", None),
    ("telling him his car is ready", "your car is ready", None),
    ("let her know i'll bring the cake on Saturday", "i'll bring the cake on Saturday", None),
    ("letting them know that the office is closed", "the office is closed", None),
    ("let him know about the new schedule", "I wanted to let you know about the new schedule.", "the new schedule"),
    ("about the party on Saturday", "I'm writing about the party on Saturday.", "the party on Saturday"),
    ("to call me when she lands", "Could you call me when you land?", "call me when you land"),
    ("asking to send me the slides", "Could you send me the slides?", "send me the slides"),
    # what is left after the name of "message alice and ask her if ..."
    ("and ask her if she wants lunch", "I wanted to ask if you want lunch.", None),
    # a thank-you note with nothing more said ("Thank you note." had been its words)
    ("a thank you note", "Thank you!", None),
    # "email bob to ask if ...": the purpose after "to" ("Could you ask if you want ..." had been its words)
    ("to ask if he wants to get lunch tomorrow", "I wanted to ask if you want to get lunch tomorrow.", None),
    ("to remind her about the dentist", "Just a reminder about the dentist.", "the dentist"),
    ("to let her know i'll be late", "i'll be late", None),
    # a question asked as it is asked ("What time is the meeting is?" had been the model's)
    ("ask him what time the meeting is", "I wanted to ask what time the meeting is.", None),
    ("tell her to call me back", "Could you call me back?", "call me back"),
    # the note, then a request to the recipient ("The meeting moved and ask her to confirm." had been sent)
    ("that the meeting moved and ask her to confirm", "The meeting moved. Could you confirm?", None),
    ("we'll bring sandwiches and ask if she can bring drinks", "We'll bring sandwiches. I wanted to ask if you can bring drinks.", None),
    ("tell him the car is ready and ask him to pick it up", "The car is ready. Could you pick it up?", None),
]


@pytest.mark.parametrize(("note", "sentence", "topic"), CASES, ids=[c[0] for c in CASES])
def test_a_purpose_becomes_the_emails_words(note, sentence, topic):
    w = worded(note)
    assert w is not None
    assert (w.sentence, w.topic) == (sentence, topic)


# "them" after "and" may be others than the recipient: the note stays as said
@pytest.mark.parametrize("note", ["i'll be late tomorrow", "the report is ready", "dinner is at eight", "ask",
                                  "bring the kids and tell them to wear boots"])
def test_a_dictated_note_is_left_as_said(note):
    assert worded(note) is None


def test_the_recipient_is_written_to():
    assert to_recipient("she goes to her class and he tries his best") == "you go to your class and you try your best"
    assert to_recipient("thank her for it") == "thank you for it"
    assert to_recipient("he's coming with them") == "you're coming with you"


@pytest.mark.parametrize(
    ("said", "sentence"),
    [("can you bring the charger", "Can you bring the charger?"), ("is the room booked", "Is the room booked?"),
     ("what time is dinner", "What time is dinner?"), ("have you seen it", "Have you seen it?"),
     # an order starting with an auxiliary is no question ("have a look" had become "Have a look?")
     ("have a look", "Have a look."), ("do check the numbers", "Do check the numbers.")],
)
def test_a_dictated_sentence_is_a_question_when_it_asks_one(said, sentence):
    from assistant.mail.compose import as_sentence

    assert as_sentence(said) == sentence


def test_the_words_that_introduce_a_dictated_text_are_not_its_text():
    """ "it should say the meeting is moved to 3", said when asked what the email should say, had been
    written whole; "say hi to the team" is a text of its own."""
    from assistant.mail.dictated import said_part as _said_part
    assert _said_part("it should say the meeting is moved to 3", "bob") == "the meeting is moved to 3"
    assert _said_part("just say that i'm running late", "alice") == "i'm running late"
    assert _said_part("say hi to the team", "carol") == "say hi to the team"
    assert _said_part("via email that dinner is ready", "bob") == "dinner is ready"  # "tell bob via email that ..."
    assert _said_part("body see you at noon", "alice") == "see you at noon"  # asked what it should say


@pytest.mark.parametrize(
    "note, kept, later",
    [
        ("happy birthday and send it on friday", "happy birthday", True),
        ("the report is ready, then send it at 9 am", "the report is ready", True),
        # words to the recipient, not to the assistant
        ("can you send it tomorrow", "can you send it tomorrow", False),
        ("please send it at 5 pm", "please send it at 5 pm", False),
        ("i finished the slides and will send it tomorrow", "i finished the slides and will send it tomorrow", False),
    ],
)
def test_sending_later_asked_in_a_note_is_cut_from_it(note, kept, later):
    from assistant.mail.send_later import later_asked

    assert later_asked(note, f"email bob saying {note}") == (kept, later)


def test_copy_words_read_from_a_recipient():
    """"alice, copy carol" copies Carol in; "bob a copy of the slides" (a recipient that ran into the
    message) copies no one (it had asked about a contact "of the slides")."""
    from assistant.mail.contacts import Contact
    from assistant.mail.copied import split_copied

    people = [Contact("Alice Smith", "alice@example.org"), Contact("Bob Jones", "bob@example.org"), Contact("Carol King", "carol@x.org")]
    assert split_copied("alice copy carol", people) == ("alice", [people[2]], "", "Cc")
    assert split_copied("alice bcc bob about lunch", people) == ("alice", [people[1]], "about lunch", "Bcc")
    assert split_copied("bob a copy of the slides", people) is None

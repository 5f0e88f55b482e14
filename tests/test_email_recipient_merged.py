"""A recipient the recognizer ran into the message ("to alicea and i will be late tomorrow", heard for
"to Alice saying I will be late tomorrow") is matched fuzzily and the rest becomes the message."""

import email
import email.policy

import pytest

from assistant.mail.contacts import Contact, split_recipient
from assistant.routing.router import Router
from tests.test_email_skill import conversation, drafts, mail_home, make_config, router, skills  # noqa: F401

CONTACTS = [Contact("Alice Smith", "alice@example.org"), Contact("Bob Smith", "bob.smith@example.org")]


def test_the_name_is_split_from_the_words_run_into_it():
    assert split_recipient("alicea and i will be late tomorrow", CONTACTS) == ("alicea", "i will be late tomorrow")
    assert split_recipient("alice smith saying the report is ready", CONTACTS) == ("alice smith", "the report is ready")
    assert split_recipient("alice smith", CONTACTS) == ("alice smith", "")  # a name alone: no message
    assert split_recipient("the landlord about the heater", CONTACTS) == ("", "")  # nobody known
    assert split_recipient("bob the meeting moved", CONTACTS) == ("bob", "the meeting moved")  # "the" is no name


def test_a_merged_recipient_drafts_to_the_contact_with_the_rest_as_the_message(mail_home, skills, router):  # noqa: F811
    conv = conversation(skills, router, make_config(mail_home))
    turn = conv.respond("write an email to alicea and i will be late tomorrow")
    assert turn.reply.text.startswith("Here's the email to Alice Smith"), turn.reply.text
    [path] = drafts(mail_home)
    saved = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert saved["To"] == "Alice Smith <alice@example.org>"
    assert "late tomorrow" in saved.get_content().lower()


def test_a_name_alone_still_asks_for_the_message(mail_home, skills, router):  # noqa: F811
    conv = conversation(skills, router, make_config(mail_home))
    turn = conv.respond("write an email to alice")
    assert turn.reply.text == "What should the email say?" and turn.expects_reply
    assert drafts(mail_home) == []
    turn = conv.respond("i will be late")
    assert turn.reply.text.startswith("Here's the email to Alice Smith")


@pytest.mark.parametrize(
    ("said", "to", "cc", "words"),
    [
        # a known name straight after "email", the words run on without "that" (the model had dropped the name)
        ("email bobby i'm sick today and won't come in", ["Bob Jones"], [], "I'm sick today and won't come in."),
        # more names before the words: all of them, not "And bob lunch is at noon." to Alice
        ("email alice and bob jones lunch is at noon", ["Alice Smith", "Bob Jones"], [], "Lunch is at noon."),
        ("email alice bobby and bob smith lunch is at noon", ["Alice Smith", "Bob Jones", "Bob Smith"], [], "Lunch is at noon."),
        ("email alice cc bobby the meeting moved", ["Alice Smith"], ["Bob Jones"], "The meeting moved."),
        # a "that" of the message's: not the one that starts it ("I don't have bobby i think in your contacts")
        ("email bobby i think that works", ["Bob Jones"], [], "I think that works."),
        # a name inside the message is not taken for a second recipient
        ("email alice bobby is sick", ["Alice Smith"], [], "Bobby is sick."),
        ("email alice copy the files to the shared drive", ["Alice Smith"], [], "Copy the files to the shared drive."),
    ],
)
def test_where_the_names_end_and_the_message_begins(mail_home, skills, said, to, cc, words):  # noqa: F811
    config = make_config(mail_home)
    conv = conversation(skills, Router(skills, config=config), config)  # the router knows the contacts' names
    turn = conv.respond(said)
    assert turn.intent.source == "template", turn.intent
    [path] = drafts(mail_home)
    saved = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert [a.display_name for a in saved["To"].addresses] == to
    assert [a.display_name for a in saved["Cc"].addresses] == cc if cc else saved["Cc"] is None
    assert words in saved.get_content(), saved.get_content()

"""A recipient the recognizer ran into the message ("to alicea and i will be late tomorrow", heard for
"to Alice saying I will be late tomorrow") is matched fuzzily and the rest becomes the message."""

import email
import email.policy

from assistant.mail.contacts import Contact, split_recipient
from tests.test_email_skill import conversation, drafts, mail_home, make_config, router, skills  # noqa: F401

CONTACTS = [Contact("Alice Smith", "alice@example.org"), Contact("Bob Smith", "bob.smith@example.org")]


def test_the_name_is_split_from_the_words_run_into_it():
    assert split_recipient("alicea and i will be late tomorrow", CONTACTS) == ("alicea", "i will be late tomorrow")
    assert split_recipient("alice smith saying the report is ready", CONTACTS) == ("alice smith", "the report is ready")
    assert split_recipient("alice smith", CONTACTS) == ("alice smith", "")  # a name alone: no message
    assert split_recipient("the landlord about the heater", CONTACTS) == ("", "")  # nobody known


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

"""draft_email against a real SMTP server (aiosmtpd) on loopback: plain, STARTTLS and SSL with a
certificate made in the test (trustme), a server that is down, and one that refuses."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import trustme
import yaml
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from assistant import paths
from assistant.config import Config
from assistant.dialogue.conversation import Conversation
from assistant.loading import loaded
from assistant.mail.contacts import Contact, find_contact, read_vcards
from assistant.plugins import discover_skills
from assistant.routing.router import Router
from assistant.scheduler import Scheduler
from assistant.skill_context import SkillContext

VCARDS = """BEGIN:VCARD
VERSION:3.0
FN:Alice Smith
EMAIL:alice@example.org
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Bob Smith
EMAIL:bob.smith@example.org
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Bob Jones
NICKNAME:bobby
EMAIL:bjones@example.com
END:VCARD
"""


class Inbox:
    """aiosmtpd handler that keeps what arrives; refuse=True answers every message with a 554."""

    def __init__(self, refuse: bool = False):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse = refuse

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "554 5.7.1 Message rejected by policy"
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def smtp():
    """A real SMTP server (aiosmtpd) on loopback: what it received, and its port."""
    inbox = Inbox()
    port = free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        yield inbox, port
    finally:
        server.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def mail_home(tmp_path):
    (tmp_path / "contacts.vcf").write_text(VCARDS)
    return tmp_path


def make_config(home, smtp: dict | None = None) -> Config:
    section = {
        "maildir": str(home / "Mail"),
        "contacts": str(home / "contacts.vcf"),
        "address": "Sam Doe <sam@example.net>",
        "name": "Sam",
        "address_book": {"boss": "Carol King <carol@work.example>"},
    }
    if smtp is not None:
        section["smtp"] = smtp
    return Config.model_validate({"email": section, "llm": {"enabled": False}})


@pytest.fixture(scope="module")
def skills():
    return discover_skills(Config.model_validate({}))


@pytest.fixture(scope="module")
def router(skills):
    return Router(skills)


def conversation(skills, router, config, llm=None):
    sched, state = Scheduler(), {}  # each skill's state lasts the conversation, as in the runtime
    return Conversation(
        skills, router, lambda name: SkillContext(config, lambda: 0.0, sched, name, state.setdefault(name, {}), loaded(llm))
    )


def sending(skills, router, home, port: int):
    """A conversation whose yes sends over the loopback SMTP server on `port`, without TLS."""
    return conversation(skills, router, make_config(home, {"host": "127.0.0.1", "port": port, "security": "none"}))


def replies_start(conv, *said: tuple[str, str]) -> None:
    """Each (words, the start of the reply they must get), said in order."""
    for words, start in said:
        text = conv.respond(words).reply.text
        assert text.startswith(start), (words, text)


def drafts(home):
    return sorted((home / "Mail" / ".Drafts" / "cur").glob("*"))


def sent(home):
    return sorted((home / "Mail" / ".Sent" / "cur").glob("*"))


# -- contacts -----------------------------------------------------------------------------------------
def test_contact_matching_tolerates_asr_and_asks_when_ambiguous(mail_home):
    contacts = read_vcards(mail_home / "contacts.vcf")
    assert find_contact("alice", contacts).contact.email == "alice@example.org"
    assert find_contact("alis", contacts).contact.email == "alice@example.org"  # ASR slip
    assert find_contact("bobby", contacts).contact.email == "bjones@example.com"
    assert find_contact("bob jones", contacts).contact.email == "bjones@example.com"
    # who they are to the user, said first ("my daughter carol" had been no contact)
    assert find_contact("my daughter alice", contacts).contact.email == "alice@example.org"
    assert find_contact("my friend bob jones", contacts).contact.email == "bjones@example.com"
    ambiguous = find_contact("bob", contacts)
    assert ambiguous.contact is None and {c.name for c in ambiguous.candidates} == {"Bob Smith", "Bob Jones"}
    assert find_contact("zebediah", contacts).contact is None
    spoken = find_contact("carol at work dot example", contacts).contact
    assert spoken == Contact("", "carol@work.example")


# -- the round trip -----------------------------------------------------------------------------------
def test_draft_is_saved_before_the_reply_and_sent_only_after_yes(mail_home, skills, router, smtp):
    inbox, port = smtp
    config = make_config(mail_home, {"host": "127.0.0.1", "port": port, "security": "none"})
    conv = conversation(skills, router, config)
    turn = conv.respond("write an email to alice saying i'll be late tomorrow")
    assert turn.intent.args == {"recipient": "alice", "message": "i'll be late tomorrow"}
    assert turn.reply.text.startswith("Here's the email to Alice Smith")
    assert turn.reply.text.endswith("Should I send it?") and turn.expects_reply
    [path] = drafts(mail_home)
    assert path.name.endswith(":2,D")  # flagged as a draft, in cur/
    saved = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert saved["To"] == "Alice Smith <alice@example.org>"
    assert "I'll be late tomorrow." in saved.get_content()
    assert inbox.messages == []  # nothing sent before the yes
    assert turn.reply.card["path"] == str(path)

    done = conv.respond("yes")
    assert done.reply.text == "Sent to Alice Smith."
    [got] = inbox.messages
    assert inbox.envelopes == [("sam@example.net", ["alice@example.org"])]
    assert got["Subject"] == saved["Subject"] and got["Message-ID"] == saved["Message-ID"]
    assert got.get_content().replace("\r\n", "\n") == saved.get_content()  # intact (CRLF on the wire)
    assert drafts(mail_home) == [] and len(sent(mail_home)) == 1


def test_another_command_the_router_is_sure_of_leaves_the_question_unsent(mail_home, skills, smtp):
    """"set a timer for the meeting in 25 minutes" (no template; the classifier's) while the draft waited for
    a yes had been answered "Please say yes to go ahead", and "actually make it 30" then changed the draft.
    Words the router is not sure of still get the question again; nothing is sent either way."""
    from assistant.routing.llm_router import LlmRouter

    inbox, port = smtp
    config = make_config(mail_home, {"host": "127.0.0.1", "port": port, "security": "none"})
    conv = conversation(skills, Router(skills, loaded(LlmRouter(skills, None))), config)
    assert conv.respond("email alice saying the notes are ready").reply.text.endswith("Should I send it?")
    turn = conv.respond("set a timer for the meeting in 25 minutes")
    assert (turn.intent.name, turn.intent.source) == ("set_timer", "classifier"), turn.intent
    assert turn.reply.text == "Meeting timer set for 25 minutes."
    assert conv.respond("actually make it 30").reply.text == "Changed the meeting timer to 30 minutes."
    assert conv.respond("email alice saying hi").reply.text.endswith("Should I send it?")
    turn = conv.respond("hmm wait")
    assert turn.reply.text == "Please say yes to go ahead, or no to cancel." and turn.expects_reply
    assert inbox.messages == [] and len(drafts(mail_home)) == 2


def test_no_means_not_sent_and_the_draft_stays(mail_home, skills, router, smtp):
    inbox, port = smtp
    config = make_config(mail_home, {"host": "127.0.0.1", "port": port, "security": "none"})
    conv = conversation(skills, router, config)
    conv.respond("email my boss that i need one more week")
    assert conv.respond("no").reply.text == "Okay, I won't."
    assert inbox.messages == [] and len(drafts(mail_home)) == 1


def test_ambiguous_name_asks_which_one(mail_home, skills, router):
    conv = conversation(skills, router, make_config(mail_home))
    turn = conv.respond("send an email to bob telling him the meeting moved to three")
    assert turn.reply.text == "Which one: Bob Smith or Bob Jones?" and turn.expects_reply
    assert drafts(mail_home) == []
    turn = conv.respond("bob jones")
    assert turn.reply.card["to"] == "Bob Jones <bjones@example.com>"
    assert "The meeting moved to three." in turn.reply.card["body"]
    assert "sending isn't set up" in turn.reply.text  # no [email.smtp]: drafted, not offered


def test_unknown_contact_asks_for_someone_else(mail_home, skills, router):
    conv = conversation(skills, router, make_config(mail_home))
    turn = conv.respond("write an email to zebediah saying hello there")
    assert turn.reply.text.startswith("I don't have zebediah in your contacts") and turn.expects_reply
    turn = conv.respond("zeb at example dot com")
    assert turn.reply.card["to"] == "zeb@example.com"
    # a name said with "then" or "instead": the name ("alice then" had drafted an email saying "Then.")
    conv = conversation(skills, router, make_config(mail_home))
    assert conv.respond("send an email to zebediah").reply.text.startswith("I don't have zebediah in your contacts")
    assert conv.respond("alice then").reply.text == "What should the email say?"
    card = conv.respond("lunch is at noon").reply.card
    assert card["to"].startswith("Alice Smith") and "Lunch is at noon." in card["body"], card
    # "bobby too": Bob ("forward it to bob too" had been a new email saying "Too.")
    import asyncio

    ctx = SkillContext(make_config(mail_home), lambda: 0.0, Scheduler(), "draft_email", {}, None, utterance="email bobby too")
    assert asyncio.run(skills["draft_email"].handle({"recipient": "bobby too"}, ctx)).text == "What should the email say?"


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_tls_round_trip_with_login(mail_home, skills, router, monkeypatch, security):
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    server_ctx = cert.configure_cert  # applies the cert and key to an SSLContext
    import ssl

    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx(tls)
    ca_file = mail_home / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret", handled=False)

    inbox = Inbox()
    port = free_port()
    kwargs = (
        {"tls_context": tls, "require_starttls": True} if security == "starttls" else {"ssl_context": tls}
    )
    # aiosmtpd does not count implicit TLS (ssl_context) as TLS for auth_require_tls; the wire is TLS anyway
    server = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_require_tls=security == "starttls",
        **kwargs,
    )
    server.start()
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "s3cret")
    try:
        smtp = {
            "host": "127.0.0.1",
            "port": port,
            "security": security,
            "username": "sam",
            "password_env": "TEST_SMTP_PASSWORD",
            "ca_file": str(ca_file),
        }
        conv = conversation(skills, router, make_config(mail_home, smtp))
        conv.respond("email carol at work dot example saying the invoice is attached")
        assert conv.respond("yes").reply.text == "Sent to Carol King."  # the address is in the book
        assert logins == [(b"sam", b"s3cret")]
        assert "The invoice is attached." in inbox.messages[0].get_content()

        monkeypatch.setenv("TEST_SMTP_PASSWORD", "wrong")
        conv.respond("email alice saying second try")
        reply = conv.respond("yes").reply.text
        assert reply.startswith("I couldn't send it: the mail server rejected the username or password")
        assert len(drafts(mail_home)) == 1
    finally:
        server.stop()


def test_untrusted_certificate_is_an_error_not_a_silent_send(mail_home, skills, router):
    ca = trustme.CA()
    import ssl

    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(tls)
    inbox = Inbox()
    port = free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port, ssl_context=tls)
    server.start()
    try:  # no ca_file: the system store does not know the test CA
        config = make_config(mail_home, {"host": "127.0.0.1", "port": port, "security": "ssl"})
        conv = conversation(skills, router, config)
        conv.respond("email alice saying hi")
        reply = conv.respond("yes").reply.text
        assert reply.startswith("I couldn't send it: a secure connection to 127.0.0.1") and "saved" in reply
        assert inbox.messages == [] and len(drafts(mail_home)) == 1
    finally:
        server.stop()


def test_server_down_keeps_the_draft(mail_home, skills, router):
    port = free_port()  # nothing listens there
    conv = conversation(
        skills, router, make_config(mail_home, {"host": "127.0.0.1", "port": port, "security": "none"})
    )
    conv.respond("write an email to alice saying i'll be late tomorrow")
    reply = conv.respond("yes").reply.text
    assert reply == (
        f"I couldn't send it: the mail server at 127.0.0.1 port {port} refused the connection. "
        "The draft is saved in Drafts."
    )
    assert len(drafts(mail_home)) == 1 and sent(mail_home) == []


def test_server_refusing_keeps_the_draft(mail_home, skills, router):
    port = free_port()
    server = Controller(Inbox(refuse=True), hostname="127.0.0.1", port=port)
    server.start()
    try:
        config = make_config(mail_home, {"host": "127.0.0.1", "port": port, "security": "none"})
        conv = conversation(skills, router, config)
        conv.respond("write an email to alice saying i'll be late tomorrow")
        reply = conv.respond("yes").reply.text
        assert reply.startswith("I couldn't send it: the mail server said 554 5.7.1 Message rejected")
        assert len(drafts(mail_home)) == 1
    finally:
        server.stop()


def test_bad_email_config_is_one_clear_line(mail_home, skills, router):
    cfg = Config.model_validate({"email": {"maildir": str(mail_home / "Mail"), "smtp": {"hots": "x"}}})
    turn = conversation(skills, router, cfg).respond("email alice saying hi")
    assert turn.reply.text == "Sorry, [email] needs the setting 'smtp.host'."
    # no [email] section at all: drafting works, into the data folder's Maildir (a temporary folder here,
    # shared with other tests of the session: one more draft there)
    cur = paths.drafts_maildir() / ".Drafts" / "cur"
    before = len(list(cur.iterdir())) if cur.is_dir() else 0
    turn = conversation(skills, router, Config.model_validate({})).respond("email alice saying hi")
    assert turn.reply.text.endswith(
        "It's saved in your drafts without an address: add contacts to the [email] section."
    )
    assert len(list(cur.iterdir())) == before + 1


def test_assistant_ask_drafts_from_the_command_line(mail_home):
    cfg = mail_home / "config.toml"
    cfg.write_text(
        f'[llm]\nenabled = false\n[email]\nmaildir = "{mail_home / "Mail"}"\n'
        f'contacts = "{mail_home / "contacts.vcf"}"\nname = "Sam"\n'
    )
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "ask",
            "--config",
            str(cfg),
            "email alice saying see you at noon",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.startswith("Here's the email to Alice Smith")
    [path] = drafts(mail_home)
    assert "See you at noon." in path.read_text()


def test_spoken_command_drafts_an_email(piper, make_wav, run_pipeline, runtime, mail_home):
    rt = dataclasses.replace(runtime, config=make_config(mail_home))
    wav = make_wav(0.5, piper("Write an email to Alice saying I will be late tomorrow."), 1.5)
    events, _ = run_pipeline(wav, wake=False, rt=rt)
    intent = next(e for e in events if e.type == "intent")
    assert intent.intent == "draft_email"
    assert intent.args["recipient"] == "alice" and "late tomorrow" in intent.args["message"]
    [path] = drafts(mail_home)
    assert "Alice Smith <alice@example.org>" in path.read_text()


def test_a_spoken_email_keeps_the_sentences_whisper_wrote(piper, make_wav, run_pipeline, runtime, mail_home):
    """Two sentences dictated: the recognizer's final has no stops (every engine's), and the email had
    said "The meeting moved to Friday can you bring the slides?"; Whisper's own writing is kept for it."""
    rt = dataclasses.replace(runtime, config=make_config(mail_home))
    wav = make_wav(0.5, piper("Email Alice that the meeting moved to Friday. Can you bring the slides?"), 1.5)
    events, _ = run_pipeline(wav, wake=False, rt=rt)
    final = next(e for e in events if e.type == "asr_final")
    assert "?" not in final.text and "can you bring the slides" in final.text  # the routing's words, as before
    [path] = drafts(mail_home)
    body = email.message_from_bytes(path.read_bytes(), policy=email.policy.default).get_content()
    assert "The meeting moved to Friday. Can you bring the slides?" in body, body


# -- replies ------------------------------------------------------------------------------------------
def deliver(
    home, sender: str, subject: str, date: str, msg_id: str, references: str = "", cc: str = "",
    body: str = "Are we still on?\n",
) -> None:
    """A message arriving in the Maildir's inbox (new/), as a delivery agent writes it."""
    import mailbox
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"], msg["Date"], msg["Message-ID"] = (
        sender,
        "Sam Doe <sam@example.net>",
        subject,
        date,
        msg_id,
    )
    if references:
        msg["References"] = references
    if cc:
        msg["Cc"] = cc
    msg.set_content(body)
    mailbox.Maildir(home / "Mail", create=True).add(msg)


def test_reply_to_the_latest_email_from_a_contact(mail_home, skills, router, smtp):
    deliver(
        mail_home, "Bob Jones <bjones@example.com>", "Old news", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>"
    )
    deliver(
        mail_home,
        "Bob Smith <bob.smith@example.org>",
        "Re: Lunch on Friday",
        "Wed, 03 Dec 2025 09:00:00 +0000",
        "<3@x>",
        references="<0@x> <2@x>",
    )
    deliver(mail_home, "Alice Smith <alice@example.org>", "Hello", "Thu, 04 Dec 2025 09:00:00 +0000", "<4@x>")
    inbox, port = smtp
    config = make_config(mail_home, {"host": "127.0.0.1", "port": port, "security": "none"})
    conv = conversation(skills, router, config)
    turn = conv.respond("answer bob's last email")
    assert turn.intent.args == {"recipient": "bob's", "reply": True}
    assert turn.reply.text == "What should the reply say?"
    turn = conv.respond("yes noon works for me")
    # two Bobs in the contacts: the one who wrote last is meant
    assert turn.reply.text.startswith("Here's the reply to Bob Smith")
    assert turn.reply.text.endswith("Should I send it?")
    [path] = drafts(mail_home)
    saved = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert saved["To"] == "Bob Smith <bob.smith@example.org>"
    assert saved["Subject"] == "Re: Lunch on Friday"
    assert saved["In-Reply-To"] == "<3@x>" and saved["References"] == "<0@x> <2@x> <3@x>"
    assert inbox.messages == []  # nothing sent before the yes
    assert conv.respond("yes").reply.text == "Sent to Bob Smith."
    [got] = inbox.messages
    assert got["In-Reply-To"] == "<3@x>" and got["Subject"] == "Re: Lunch on Friday"
    assert inbox.envelopes == [("sam@example.net", ["bob.smith@example.org"])]


def test_reply_to_a_sender_who_is_not_a_contact_and_to_nobody(mail_home, skills, router):
    deliver(
        mail_home, "Dave Miller <dave@miller.example>", "Bike", "Wed, 03 Dec 2025 09:00:00 +0000", "<9@x>"
    )
    conv = conversation(skills, router, make_config(mail_home))
    turn = conv.respond("reply to the latest email from dave saying the bike is fixed")
    assert turn.intent.args == {"recipient": "dave", "message": "the bike is fixed", "reply": True}
    assert turn.reply.text.startswith("Here's the reply to Dave Miller, subject Re: Bike.")
    [path] = drafts(mail_home)
    saved = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert saved["To"] == "Dave Miller <dave@miller.example>" and saved["In-Reply-To"] == "<9@x>"
    turn = conv.respond("reply to alice's last email saying thanks")
    assert turn.reply.text.startswith("I found no email from alice in your inbox, so this is a new one.")
    # a contact's name alone (the router takes the names from the configuration): a reply to their
    # latest email, its message asked for
    config = make_config(mail_home)
    turn = conversation(skills, Router(skills, None, "en", config), config).respond("answer alice")
    assert (turn.intent.name, turn.intent.args.get("reply")) == ("draft_email", True)
    # none from her: said before the words are asked for (it had been said after them)
    assert turn.reply.text == "I found no email from Alice Smith in your inbox to reply to. What should a new email say?"
    # no sender named: the newest email of all ("I don't have the in your contacts" before)
    turn = conversation(skills, router, make_config(mail_home)).respond("reply to the last email saying got it")
    assert turn.reply.text.startswith("Here's the reply to Dave Miller, subject Re: Bike."), turn.reply.text
    # a name with a written address: that address, the name as said
    turn = conversation(skills, router, make_config(mail_home)).respond("email zoe at zoe@example.net saying hello")
    assert turn.reply.text.startswith("Here's the email to Zoe."), turn.reply.text


def test_a_reply_with_no_name_answers_the_newest_email_and_to_all_the_others_too(mail_home, skills, router, smtp):
    """"reply saying sounds good" had asked "Who should the email go to?": with no name said, a reply is to
    the newest email; "reply to all" also goes to everyone else it was sent to, never to the user."""
    import mailbox

    mailbox.Maildir(mail_home / "Mail", create=True)  # an empty inbox
    conv = conversation(skills, router, make_config(mail_home))
    assert conv.respond("reply saying sounds good").reply.text == "There's no email in your inbox to reply to."
    assert drafts(mail_home) == []
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Old news", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    deliver(
        mail_home, "Alice Smith <alice@example.org>", "Picnic", "Thu, 04 Dec 2025 09:00:00 +0000", "<4@x>",
        cc="Bob Smith <bob.smith@example.org>, Sam Doe <SAM@example.net>, Alice Smith <alice@example.org>",
    )
    inbox, port = smtp
    conv = sending(skills, router, mail_home, port)
    # "replies saying": as Whisper wrote Piper's "reply saying count me in" (it had been no command at all)
    for said, words in [("reply saying sounds good", "Sounds good."), ("reply to that email with thanks", "Thanks."),
                        ("replies saying count me in", "Count me in.")]:
        turn = conv.respond(said)
        assert (turn.intent.source, turn.intent.args["reply"]) == ("template", True)
        assert turn.reply.text.startswith(f"Here's the reply to Alice Smith, subject Re: Picnic. {words}"), turn.reply.text
        assert conv.respond("no").reply.text == "Okay, I won't."
    turn = conv.respond("reply")
    assert turn.reply.text == "What should the reply say?"
    assert conv.respond("see you there").reply.text.startswith("Here's the reply to Alice Smith, subject Re: Picnic.")
    assert conv.respond("no").reply.text == "Okay, I won't."
    turn = conv.respond("reply to all saying i'll bring the salad")
    assert turn.reply.text.startswith("Here's the reply to Alice Smith and Bob Smith, subject Re: Picnic."), turn.reply.text
    assert conv.respond("yes").reply.text == "Sent to Alice Smith, Bob Smith."
    [got] = inbox.messages
    assert got["In-Reply-To"] == "<4@x>"
    assert inbox.envelopes == [("sam@example.net", ["alice@example.org", "bob.smith@example.org"])]
    turn = conv.respond("reply all to bob's last email saying noted")  # to all of his: he was its only reader
    assert turn.reply.text.startswith("Here's the reply to Bob Jones, subject Re: Old news."), turn.reply.text


def test_who_sent_an_email_just_read_and_when_whatever_the_classifier_heard(mail_home, skills):
    """Right after an email was read out, "who sent that" had been chit-chat about the assistant and
    "when did it arrive" `other`: the email's headers answer them. The real classifier routes."""
    from assistant.routing.llm_router import LlmRouter

    deliver(mail_home, "Alice Smith <alice@example.org>", "Picnic", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    conv = conversation(skills, Router(skills, loaded(LlmRouter(skills, None))), make_config(mail_home))
    assert conv.respond("read me the latest email").intent.name == "summarize"
    assert conv.respond("who sent that").reply.text == "It's from Alice Smith (alice@example.org)."
    assert conv.respond("when did it arrive").reply.text == "Alice Smith sent it on Monday, December 1, at 9 AM."
    assert conv.respond("what's the subject").reply.text == "Its subject is Picnic."
    assert conv.respond("who's it from").reply.text == "It's from Alice Smith (alice@example.org)."
    # the inbox listed: a question right after is about none of its emails
    conv.respond("what's in my inbox")
    assert conv.respond("who sent that").intent.name != "summarize"


def test_who_else_got_an_email_and_the_next_one_in_the_inbox(mail_home, skills):
    """"who else got that email" right after one was read had drafted an email ("Who should the email go
    to?", and the next commands became its recipient); "read the next one" had been `other`."""
    from assistant.routing.llm_router import LlmRouter

    deliver(mail_home, "Alice Smith <alice@example.org>", "Picnic", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>",
            cc="Carol King <carol@work.example>")
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Old news", "Thu, 04 Dec 2025 09:00:00 +0000", "<4@x>")
    conv = conversation(skills, Router(skills, loaded(LlmRouter(skills, None))), make_config(mail_home))
    conv.respond("what's in my inbox")
    assert conv.respond("read the first one").reply.card["email_ref"] == "<4@x>"
    turn = conv.respond("read the next one")
    assert turn.reply.card["email_ref"] == "<1@x>", turn.reply.text
    for said in ("who else got that email", "who was it sent to", "was anyone copied"):
        assert conv.respond(said).reply.text == "Alice Smith's email went to you; Carol King was copied.", said
    assert conv.respond("next").reply.text == "That was the last email in your inbox."


def test_delete_it_is_said_plainly_and_what_s_the_next_one_goes_on(mail_home, skills, router):
    """"delete it" after an email was read had been "Sorry, I can't help with that", and "what's the next
    one" a question about the email just read ("I didn't find that in the email ...")."""
    import mailbox

    deliver(mail_home, "Alice Smith <alice@example.org>", "Picnic", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Old news", "Thu, 04 Dec 2025 09:00:00 +0000", "<4@x>")
    conv = conversation(skills, router, make_config(mail_home))
    conv.respond("what's in my inbox")
    assert conv.respond("read the first one").reply.card["email_ref"] == "<4@x>"
    turn = conv.respond("delete it")
    assert turn.reply.text == "I can't delete email or files: I only read them. I can sum up your latest emails and documents."
    assert len(mailbox.Maildir(mail_home / "Mail", create=False)) == 2  # nothing was touched
    turn = conv.respond("what's the next one")
    assert turn.reply.card["email_ref"] == "<1@x>", turn.reply.text
    assert conv.respond("and the next one").reply.text == "That was the last email in your inbox."


def test_reply_to_it_and_forward_it_mean_the_email_just_read_out(mail_home, skills, router):
    """Read Alice's email, then "reply to it": the reply went to the newest email (Bob's); "it" is the one
    the last reply read out, found again by its Message-ID (or From, Date and Subject without one), also
    when the reply first asks what to say. "read the second one" after the inbox was listed."""
    from assistant.mail.store import email_ref

    deliver(mail_home, "Alice Smith <alice@example.org>", "Picnic", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Old news", "Thu, 04 Dec 2025 09:00:00 +0000", "<4@x>")
    conv = conversation(skills, router, make_config(mail_home))
    assert conv.respond("read me alice's email").reply.card["email_ref"] == "<1@x>"
    turn = conv.respond("reply to it saying see you there")
    assert turn.reply.text.startswith("Here's the reply to Alice Smith, subject Re: Picnic."), turn.reply.text
    conv.respond("read me alice's email")
    turn = conv.respond("forward it to bob jones")
    assert turn.reply.text.startswith("Here's the forward to Bob Jones: Alice Smith's email about Picnic."), turn.reply.text
    # nothing read out just before: the newest
    assert conv.respond("reply saying ok").reply.text.startswith("Here's the reply to Bob Jones, subject Re: Old news.")
    # "reply to it" asks what it should say: the answer still replies to the email read (it went to Bob's)
    conv.respond("read me alice's email")
    assert conv.respond("reply to it").reply.text == "What should the reply say?"
    assert conv.respond("sounds lovely").reply.text.startswith("Here's the reply to Alice Smith, subject Re: Picnic.")
    # the inbox listed, then one of them by its place in the list (it had been `other`)
    assert conv.respond("what's in my inbox").reply.text.startswith("Your inbox has 2 emails. The newest are from Bob Jones")
    turn = conv.respond("read the second one")
    assert (turn.intent.args, turn.reply.card["email_ref"]) == ({"source": "inbox", "nth": 2}, "<1@x>")
    # what its headers say, right after (they had been "I didn't find that in ...")
    assert conv.respond("when did she send it").reply.text == "Alice Smith sent it on Monday, December 1, at 9 AM."
    assert conv.respond("who sent it").reply.text == "It's from Alice Smith (alice@example.org)."
    # "in one sentence" is no part of whose email (it had looked for mail from "alice in one sentence")
    assert conv.respond("summarize the email from alice in one sentence").reply.text.startswith(
        "The email from Alice Smith about Picnic says:")
    # another sender, said alone (it had been a question about Alice's email)
    assert conv.respond("what about bob").reply.text.startswith("The email from Bob Jones about Old news says:")
    assert conv.respond("what's in my inbox").reply.text.startswith("Your inbox has 2 emails.")
    assert conv.respond("the third one").reply.text == "Sorry, your inbox has fewer than 3 emails."
    no_id = email.message_from_string("From: A <a@x.org>\nDate: Mon, 01 Dec 2025 09:00:00 +0000\nSubject: Hi\n\nhello\n")
    assert email_ref(no_id) == "A <a@x.org>|Mon, 01 Dec 2025 09:00:00 +0000|Hi"


def test_forward_the_latest_email_from_a_contact(mail_home, skills, router, smtp):
    """"forward bob's email to the boss": Bob's newest message, attached whole to a new email, sent only
    after a yes; a sender with no mail in the inbox is said plainly."""
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Re: Budget", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    deliver(mail_home, "Alice Smith <alice@example.org>", "Hello", "Thu, 04 Dec 2025 09:00:00 +0000", "<4@x>")
    inbox, port = smtp
    conv = sending(skills, router, mail_home, port)
    turn = conv.respond("forward bobby's email to the boss")
    assert (turn.intent.source, turn.intent.args) == ("template", {"forward_from": "bobby's", "recipient": "the boss"})
    assert turn.reply.text == (
        "Here's the forward to Carol King: Bob Jones's email about Re: Budget. Should I send it?"
    )
    [path] = drafts(mail_home)
    saved = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert saved["Subject"] == "Fwd: Budget" and saved["To"] == "Carol King <carol@work.example>"
    [attached] = [p for p in saved.iter_attachments() if p.get_content_type() == "message/rfc822"]
    assert attached.get_content()["Message-ID"] == "<1@x>"
    assert "Here's the email from Bob Jones about Re: Budget." in saved.get_body(("plain",)).get_content()
    assert inbox.messages == []
    assert conv.respond("yes").reply.text == "Sent to Carol King."
    [got] = inbox.messages
    assert got["Subject"] == "Fwd: Budget" and "Are we still on?" in got.as_string()
    # by its subject, when no one has the name ("forward the hello email")
    turn = conv.respond("forward the hello email to bob jones")
    assert turn.reply.text.startswith("Here's the forward to Bob Jones: Alice Smith's email about Hello.")
    assert conv.respond("no").reply.text == "Okay, I won't."
    turn = conv.respond("forward my latest email to bob jones")
    assert turn.reply.text.startswith("Here's the forward to Bob Jones: Alice Smith's email about Hello.")
    assert conv.respond("no").reply.text == "Okay, I won't."
    assert conv.respond("forward dave's email to alice").reply.text == "I found no email from or about dave in your inbox to forward."
    # a note, said with it ("alice with a note" had been the recipient) or right after; the note is read back
    turn = conv.respond("forward bob's email to alice with a note saying have a look")
    assert turn.reply.text.startswith("Here's the forward to Alice Smith: Bob Jones's email about Re: Budget. "
                                      "With your note: Have a look."), turn.reply.text
    assert conv.respond("no").reply.text == "Okay, I won't."
    conv.respond("forward bob's email to alice")
    turn = conv.respond("with a note saying fyi")
    assert turn.intent.args == {"change": "add", "recipient": "the draft", "message": "fyi"}
    assert "Fyi." in turn.reply.text


def test_the_draft_is_changed_when_asked_before_it_is_sent(mail_home, skills, router, smtp):
    """Asked "Should I send it?", the user changes the subject and adds a sentence instead of saying yes:
    each change replaces the draft and is read back; only the changed one is sent, after the yes."""
    inbox, port = smtp
    conv = sending(skills, router, mail_home, port)
    assert conv.respond("email the boss saying i'm sick today").reply.text.endswith("Should I send it?")
    turn = conv.respond("change the subject to sick day")
    assert turn.intent.args == {"change": "subject", "subject": "sick day", "recipient": "the draft"}
    assert turn.reply.text == "Here's the email to Carol King, subject Sick day. I'm sick today. Should I send it?"
    # a subject the read-back leaves out (the message's own first words) is said all the same
    said = conv.respond("change the subject to i'm sick").reply.text
    assert said.startswith("The subject is now I'm sick. Here's the email to Carol King. I'm sick today."), said
    conv.respond("change the subject to sick day")
    turn = conv.respond("also say that i'll be back on monday")
    assert turn.reply.text.startswith("Here's the email to Carol King, subject Sick day. I'm sick today. I'll be back on Monday.")
    [path] = drafts(mail_home)  # each change replaced the draft
    body = email.message_from_bytes(path.read_bytes(), policy=email.policy.default).get_content()
    assert body == "Hi Carol,\n\nI'm sick today.\n\nI'll be back on Monday.\n\nBest,\nSam\n"
    turn = conv.respond("no wait, make it say i'm sick today and tomorrow")  # said as a correction
    assert turn.intent.args.get("change") == "message"
    assert "I'm sick today and tomorrow." in turn.reply.text and "Monday" not in turn.reply.text
    assert inbox.messages == []
    # a number said in words, as a recognizer writes it ("no nine" had found "nothing like nine to change")
    from assistant.mail.edit import with_value_changed

    msg = email.message_from_string("Subject: x\n\nHi Bob,\n\nWe leave at 8 from the office.\n\nBest,\nSam\n",
                                    policy=email.policy.default)
    assert with_value_changed(msg, "nine") and "We leave at 9 from the office." in msg.get_content()
    # a time, number or day alone, corrected ("no 4" had been "Please say yes")
    assert conv.respond("sorry, thursday").reply.text.startswith("Here's the email to Carol King, subject Sick day. I'm sick today and on Thursday.")
    assert conv.respond("no, friday").reply.text.startswith("Here's the email to Carol King, subject Sick day. I'm sick today and on Friday.")
    assert conv.respond("yes, send it").reply.text == "Sent to Carol King."
    [got] = inbox.messages
    assert got["Subject"] == "Sick day" and "sick today and on Friday" in got.get_content()
    # sent, it is no draft any more; nor is there one in a new conversation
    assert conv.respond("change the subject to lunch").reply.text.startswith("There's no email draft to change.")
    fresh = conversation(skills, router, make_config(mail_home))
    assert fresh.respond("change the subject to lunch").reply.text.startswith("There's no email draft to change.")


def test_change_it_to_a_new_time_or_day_and_send_it_with_no_question_open(mail_home, skills, router, smtp):
    """"change it to 5" after "the meeting moved to 4" had been `other`: the message's last time, number or
    day is changed (in the subject too, when it says it); "send it" after the question was answered asks it
    again (it had been "There's nothing waiting for a yes"), and nothing is sent without a yes."""
    inbox, port = smtp
    conv = sending(skills, router, mail_home, port)
    assert conv.respond("email the boss saying the meeting moved to 4 pm on thursday").reply.text.endswith("Should I send it?")
    turn = conv.respond("change it to 5")
    assert turn.intent.args == {"change": "value", "recipient": "the draft", "message": "5"}
    assert "The meeting moved to 5 pm on Thursday." in turn.reply.text
    assert "The meeting moved to 5 pm on Friday." in conv.respond("actually make it friday").reply.text
    # a day with its part of the day (it had been "I found nothing like friday morning to change")
    assert "The meeting moved to 5 pm on Friday morning." in conv.respond("make it friday morning").reply.text
    text = conv.respond("make it the park").reply.text
    # the draft still waits for its yes (it had been left with no question open)
    assert text == "I found nothing like the park to change. Should I send it as it is?", text
    assert inbox.messages == []
    assert conv.respond("ok send it").reply.text == "Sent to Carol King."
    [got] = inbox.messages
    assert "The meeting moved to 5 pm on Friday morning." in got.get_content()
    assert got["Subject"].startswith("The meeting moved to 5 pm")  # its subject, the first words, too
    no_smtp = conversation(skills, router, make_config(mail_home))
    no_smtp.respond("email the boss saying i'm late")
    assert no_smtp.respond("send it").reply.text == (
        "The email to Carol King is ready. It's saved in your drafts; sending isn't set up: add [email.smtp] settings."
    )
    no_smtp.respond("email the boss saying i'm late")
    no_smtp.respond("read it back")  # a repeat leaves the draft the last thing done
    assert no_smtp.respond("send it").reply.text.startswith("The email to Carol King is ready.")
    no_smtp.respond("what time is it")
    assert no_smtp.respond("send it").reply.text == "There's nothing waiting for a yes."


def test_add_that_changes_the_draft_only_right_after_one(mail_home, skills, router, smtp):
    """"add that ..." right after a draft (asked to send it or not) adds a sentence; after another
    command it is no email ("add that song to my playlist")."""
    inbox, port = smtp
    conv = sending(skills, router, mail_home, port)
    assert conv.respond("email the boss saying i'm sick today").reply.text.endswith("Should I send it?")
    turn = conv.respond("actually add that i'll be back on monday")
    assert turn.intent.args == {"change": "add", "recipient": "the draft", "message": "i'll be back on monday"}
    assert turn.reply.text.startswith("Here's the email to Carol King. I'm sick today. I'll be back on Monday.")
    assert conv.respond("no").reply.text == "Okay, I won't."
    no_smtp = conversation(skills, router, make_config(mail_home))
    assert no_smtp.respond("email the boss saying i'm late").reply.text.startswith("Here's the email")
    assert "I'll be there at 10." in no_smtp.respond("add that i'll be there at 10").reply.text
    no_smtp.respond("what time is it")
    assert no_smtp.respond("add that song to my playlist").intent.name != "draft_email"
    assert inbox.messages == []


def test_a_thank_you_note_thanks_them(mail_home, skills, router):
    """"write a thank you note to bob for the birthday present": the note thanks Bob for it (it had said
    only "For the birthday present."); a message that already thanks is kept as said."""
    conv = conversation(skills, router, make_config(mail_home))
    text = conv.respond("write a thank you note to bob jones for the birthday present").reply.text
    assert text.startswith("Here's the email to Bob Jones. Thank you for the birthday present."), text
    text = conv.respond("send a thank-you email to bob jones saying thanks for dinner").reply.text
    assert "Thank you for dinner." in text and "Thank you thank" not in text.replace(",", ""), text


def test_cancel_that_email_deletes_the_draft_just_written(mail_home, skills, router, smtp):
    """"cancel that email" while "Should I send it?" waits (or just after a draft was saved) deletes the
    draft and sends nothing; with no draft, it says so instead of asking whom to email."""
    inbox, port = smtp
    conv = sending(skills, router, mail_home, port)
    assert conv.respond("email the boss saying i'm sick today").reply.text.endswith("Should I send it?")
    assert len(drafts(mail_home)) == 1
    turn = conv.respond("cancel that email")
    assert turn.intent.args == {"change": "discard", "recipient": "the draft"}
    assert turn.reply.text == "Okay, I deleted the draft to Carol King; nothing was sent."
    assert drafts(mail_home) == [] and conv.pending is None
    assert conv.respond("yes, send it").reply.text == "There's no email draft to send."
    assert conv.respond("delete that email").reply.text == "There's no email draft to cancel: nothing was sent."
    no_smtp = conversation(skills, router, make_config(mail_home))
    assert no_smtp.respond("email the boss saying i'm late").reply.text.startswith("Here's the email")
    assert no_smtp.respond("scrap that").reply.text == "Okay, I deleted the draft to Carol King; nothing was sent."
    fresh = conversation(skills, router, make_config(mail_home))
    turn = fresh.respond("cancel the email")
    assert turn.reply.text == "There's no email draft to cancel: nothing was sent."
    assert drafts(mail_home) == [] and inbox.messages == [] and fresh.pending is None


def test_a_command_said_instead_of_an_answer_is_that_command(mail_home, skills):
    """Asked whom to email, "turn up the volume" is no contact and no address, and the classifier is sure
    it is a command of its own: that, not the same question again (users were stuck in it)."""
    from assistant.loading import loaded
    from assistant.routing.llm_router import LlmRouter

    conv = conversation(skills, Router(skills, loaded(LlmRouter(skills, None))), make_config(mail_home))
    assert conv.respond("write an email").reply.text == "Who should the email go to?"
    turn = conv.respond("turn up the volume")
    assert turn.intent.name == "other" and not turn.expects_reply, turn.reply.text
    asked = conv.respond("write an email to zoe")  # a name nobody has: asked before the message
    assert asked.reply.text.startswith("I don't have zoe in your contacts") and asked.expects_reply
    assert conv.respond("carol").reply.text == "What should the email say?"  # an answer is still one
    turn = conv.respond("flip a coin")  # any words can be a message: this one is
    assert turn.intent.name == "draft_email" and "Flip a coin." in turn.reply.text


@pytest.mark.parametrize(
    "said, verb",
    [("delete that email", "delete"), ("can you archive this email", "archive"),
     ("mark the email from bob as read", "mark")],
)
def test_what_the_email_skill_does_not_do_is_declined_before_any_question(mail_home, skills, said, verb):
    """Routed here for the word "email" (the classifier is sure of it), these are no requests to write:
    the skill's `declines` answer at once, instead of "Who should the email go to?"."""
    from assistant.loading import loaded
    from assistant.routing.llm_router import LlmRouter

    conv = conversation(skills, Router(skills, loaded(LlmRouter(skills, None))), make_config(mail_home))
    turn = conv.respond(said)
    assert turn.reply.text == f"I can't {verb} email. I can write, reply to and forward emails, and sum up your latest one."
    assert not turn.expects_reply and drafts(mail_home) == []
    assert conv.respond("check my email and reply to bob saying yes").intent.name == "draft_email"  # a request after all


def test_a_request_to_read_mail_is_not_for_the_skill_that_writes_it(mail_home, skills):
    """"check my email", "read me the email from bob": reading verbs ask for what exists
    (text.asks_to_read), so draft_email is no candidate; the inbox's newest message is offered instead."""
    from assistant.loading import loaded
    from assistant.routing.llm_router import LlmRouter

    conv = conversation(skills, Router(skills, loaded(LlmRouter(skills, None))), make_config(mail_home))
    turn = conv.respond("check my email")
    assert turn.intent.name != "draft_email"
    assert turn.reply.text == "I can't fetch new mail, but I can tell you what's in your inbox. Shall I?"
    assert drafts(mail_home) == []


def test_what_is_in_the_inbox_is_listed_and_the_newest_email_named_as_such_is_read(mail_home, skills, router):
    """"what's in my inbox" had looked for a file called inbox, and "who sent me the last email" asked what
    to summarize: the inbox's count and its newest senders and subjects (outside text, made printable)."""
    import mailbox

    mailbox.Maildir(mail_home / "Mail", create=True)
    conv = conversation(skills, router, make_config(mail_home))
    assert conv.respond("what's in my inbox").reply.text == "Your inbox is empty."
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Hike on Saturday", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    turn = conv.respond("what's in my inbox")
    assert turn.reply.text == "Your inbox has one email. It's from Bob Jones about Hike on Saturday. Say read my last email to hear the newest."
    deliver(mail_home, "Alice Smith <alice@example.org>", "Lunch\x1b[2J", "Thu, 04 Dec 2025 09:00:00 +0000", "<4@x>")
    deliver(mail_home, "carol@work.example", "", "Tue, 02 Dec 2025 09:00:00 +0000", "<2@x>")
    turn = conv.respond("summarize my inbox")
    assert (turn.intent.name, turn.intent.args) == ("summarize", {"source": "inbox"})
    assert turn.reply.text == (
        "Your inbox has 3 emails. The newest are from Alice Smith about Lunch, carol@work.example and Bob Jones"
        " about Hike on Saturday. Say read my last email to hear the newest."
    )
    assert turn.reply.card["count"] == 3
    # what they are about, or from whom, right after: the list again (it had been "I can only list ..." and
    # the model's "I am not from any country")
    assert conv.respond("who are they from").reply.text.startswith("Your inbox has 3 emails. The newest are from Alice")
    # the words "the last email" are all the skill needs (spoken_args.summary_args; the classifier routes it)
    turn = conv.respond("read me the last email")
    assert turn.reply.text.startswith("The email from Alice Smith about Lunch"), turn.reply.text
    # who sent it, from its headers (it had been its whole summary)
    turn = conv.respond("who sent me the last email")
    assert (turn.intent.args["source"], turn.reply.text) == ("last email", "It's from Alice Smith (alice@example.org).")


def test_a_question_about_mail_from_someone_offers_their_latest_email(mail_home, skills, router):
    """"did bob email me" had been "Sorry, I can't help with that", and "any new mail from bob" offered
    the newest email, whoever wrote it; "did bob email me" offers the newest one from the person named,
    read on a yes; "any new mail from bob" says what the inbox holds from him (test below)."""
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Hike on Saturday", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    deliver(mail_home, "Alice Smith <alice@example.org>", "Hello", "Thu, 04 Dec 2025 09:00:00 +0000", "<4@x>")
    conv = conversation(skills, router, make_config(mail_home))
    assert conv.respond("any new mail from bob").reply.text.startswith("Yes, one email from bob: about Hike on Saturday.")
    for said in ("did bob email me", "has bob written back"):
        offer = conv.respond(said)
        assert offer.reply.text == "I can't check for new mail, but I can sum up the latest email from bob. Shall I?"
        assert offer.expects_reply, said
        done = conv.respond("yes")
        assert done.intent.name == "summarize" and done.reply.text.startswith("The email from Bob Jones about Hike on Saturday")
    assert conv.respond("what did alice write").reply.text == "I can sum up the latest email from alice. Shall I?"
    assert conv.respond("no").reply.text == "Okay."
    # nobody of that name wrote: said at once, not offered (it had asked "Shall I?", then found none)
    none = conv.respond("did dave reply")
    assert (none.reply.text, none.reply.expects_reply) == ("Sorry, I found no email from dave in your inbox.", False)
    assert conv.respond("did you send it").reply.text != offer.reply.text  # "you" is no sender
    assert drafts(mail_home) == []


def test_what_someone_said_about_something_offers_that_email(mail_home, skills, router):
    """ "what did bob say about the offsite" had been "Sorry, I can't help with that": it offers Bob's
    newest email with the words in its subject, not his newest."""
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Friday offsite", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Hike on Saturday", "Tue, 02 Dec 2025 09:00:00 +0000", "<2@x>")
    conv = conversation(skills, router, make_config(mail_home))
    assert conv.respond("what did bob say about the offsite").reply.text == (
        "I can sum up the latest email from bob about the offsite. Shall I?"
    )
    assert conv.respond("yes").reply.text.startswith("The email from Bob Jones about Friday offsite")
    # none about that: said at once, not offered
    assert conv.respond("what did bob say about the budget").reply.text == "Sorry, I found no email from bob about the budget in your inbox."
    # its subject's words said before "email" (it had looked for a file called "the offsite")
    assert conv.respond("read me the offsite email").reply.text.startswith("The email from Bob Jones about Friday offsite")
    assert conv.respond("read me the hike email").reply.text.startswith("The email from Bob Jones about Hike on Saturday")


def test_cancel_that_email_while_asked_for_its_parts_drops_it(mail_home, skills, router):
    """Asked who an email goes to or what it says, "cancel that email" had been taken for the answer."""
    conv = conversation(skills, router, make_config(mail_home))
    assert conv.respond("send an email").reply.text == "Who should the email go to?"
    assert conv.respond("cancel that email").reply.text == "Okay, cancelled." and conv.pending is None
    assert conv.respond("send an email to alice").reply.text == "What should the email say?"
    assert conv.respond("never mind the email").reply.text == "Okay, cancelled." and drafts(mail_home) == []


def test_a_text_message_is_not_drafted_as_an_email(mail_home, skills):
    """"send a text to alice" had drafted an email to Alice saying "A text."."""
    from assistant.loading import loaded
    from assistant.routing.llm_router import LlmRouter

    conv = conversation(skills, Router(skills, loaded(LlmRouter(skills, None))), make_config(mail_home))
    said = "I can't send text messages, only emails: say email, the name and the message."
    for text in ("send a text to alice", "can you send an sms to bob"):
        turn = conv.respond(text)
        assert turn.reply.text == said and drafts(mail_home) == [], (text, turn.reply.text)


def test_one_email_to_several_contacts(mail_home, skills, router, smtp):
    """Sent once, to every contact named, after one yes; a message run into the last name is kept."""
    inbox, port = smtp
    config = make_config(mail_home, {"host": "127.0.0.1", "port": port, "security": "none"})
    conv = conversation(skills, router, config)
    turn = conv.respond("write an email to alice and my boss saying the party is on saturday")
    assert turn.reply.text.startswith("Here's the email to Alice Smith and Carol King")
    [path] = drafts(mail_home)
    saved = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert saved["To"] == "Alice Smith <alice@example.org>, Carol King <carol@work.example>"
    assert "The party is on Saturday." in saved.get_content()
    assert conv.respond("yes").reply.text == "Sent to Alice Smith, Carol King."
    assert inbox.envelopes == [("sam@example.net", ["alice@example.org", "carol@work.example"])]
    # the model's arguments for "send an email to alice and bob jones about the party on saturday": what
    # it is about is its subject, and its words are asked for (it had written "I'm writing about ...")
    import asyncio

    ctx = SkillContext(make_config(mail_home), lambda: 0.0, Scheduler(), "draft_email", {}, None)
    args = {"recipient": "alice, bob jones about the party on saturday"}
    reply = asyncio.run(skills["draft_email"].handle(args, ctx))
    assert (reply.text, reply.ask_for) == ("What should the email about the party on saturday say?", "message")
    reply = asyncio.run(skills["draft_email"].handle({**reply.ask_args, "message": "bring snacks"}, ctx))
    assert reply.card["to"] == "Alice Smith <alice@example.org>, Bob Jones <bjones@example.com>"
    assert (reply.card["subject"], "Bring snacks." in reply.card["body"]) == ("The party on Saturday", True), reply.card
    # the arguments a reader gave for "email alice and bob jones about the party": one name kept, the
    # other left in the words after it (a new user's email had gone to Alice alone, "And bob about ...")
    ctx = SkillContext(make_config(mail_home), lambda: 0.0, Scheduler(), "draft_email", {}, None,
                       utterance="email alice and bob jones about the party")
    reply = asyncio.run(skills["draft_email"].handle({"recipient": "alice", "subject": "The party"}, ctx))
    reply = asyncio.run(skills["draft_email"].handle({**reply.ask_args, "message": "bring snacks"}, ctx))
    assert reply.card["to"] == "Alice Smith <alice@example.org>, Bob Jones <bjones@example.com>", reply.text
    # an unknown name among them: not a group (the usual question about who is meant)
    reply = asyncio.run(skills["draft_email"].handle({"recipient": "alice and zebediah", "message": "hi"}, ctx))
    assert "zebediah" in reply.text
    # "alice, bobby and carol" with the comma lost on the way: three people (Bob had been left out)
    reply = asyncio.run(skills["draft_email"].handle({"recipient": "alice bobby and carol", "message": "hi"}, ctx))
    assert reply.card["to"] == ("Alice Smith <alice@example.org>, Bob Jones <bjones@example.com>, "
                                "Carol King <carol@work.example>"), reply.text


# -- a contact named without email words, and an email's purpose said instead of its words ----------
def test_a_message_for_a_contact_needs_no_email_words(mail_home, skills):
    """"tell bob ..." and "let alice know ..." draft an email when the name is in the user's contacts
    (the router takes the names from the configuration); "tell me" and "let me know" stay what they were,
    and without contacts the same words are no email."""
    config = make_config(mail_home)
    router = Router(skills, None, "en", config)
    intent = router.route("let alice know i'm running late")
    assert (intent.name, intent.source, intent.args) == (
        "draft_email", "template", {"recipient": "alice", "message": "i'm running late"}
    )
    assert router.route("tell boss that the report is ready").args == {"recipient": "boss", "message": "the report is ready"}
    assert router.route("tell bob jones").args == {"recipient": "bob jones"}
    assert router.route("ask alice if she wants lunch").args == {"recipient": "alice", "message": "if she wants lunch"}
    assert router.route("send happy birthday to alice").args == {"recipient": "alice", "message": "happy birthday"}
    assert router.route("send the file to zebediah").name != "draft_email"  # not a contact
    for text in ("tell me a joke", "let me know the weather", "let us know when it's ready"):
        assert router.route(text).name != "draft_email", text
    assert Router(skills).route("let alice know i'm running late").name != "draft_email"
    conv = conversation(skills, router, config)
    assert conv.respond("let alice know i'm running late").reply.text.startswith(
        "Here's the email to Alice Smith. I'm running late."
    )


@pytest.mark.parametrize(
    ("said", "subject", "words"),
    [
        ("write an email to boss asking for friday off", "Friday off", "I'd like to ask for Friday off."),
        ("send alice an email thanking her for the flowers", "Thank you for the flowers", "Thank you for the flowers."),
        ("write to alice asking if she is free tonight", None, "I wanted to ask if you are free tonight."),
        ("send bob jones an email congratulating him on his new job", None, "Congratulations on your new job!"),
        ("email alice saying the car is fixed", None, "The car is fixed."),
        ("ask alice if she wants to get lunch tomorrow", None, "I wanted to ask if you want to get lunch tomorrow."),
        ("tell alice to call me when she lands", "Call me when you land", "Could you call me when you land?"),
        # "a line" is a note too; a day in the subject is capitalized as in the text
        ("drop alice a line to say the report is done", None, "The report is done."),
        ("send alice a note about the party on friday", "The party on Friday", "the party on Friday."),
    ],
)
def test_an_email_said_by_what_it_does_is_written_as_the_email(mail_home, skills, said, subject, words):
    config = make_config(mail_home)
    conv = conversation(skills, Router(skills, None, "en", config), config)
    card = conv.respond(said).reply.card
    assert card["type"] == "email_draft", card
    assert words in card["body"]
    if subject:
        assert card["subject"] == subject


def test_a_message_the_model_left_out_is_taken_from_the_words(mail_home, skills):
    """The model's arguments for "email alice running ten minutes late" named only the recipient; the
    words after the name are the message (it had asked what the email should say)."""
    import asyncio

    def draft(utterance, args):
        ctx = SkillContext(make_config(mail_home), lambda: 0.0, Scheduler(), "draft_email", {}, None, utterance=utterance)
        return asyncio.run(skills["draft_email"].handle(args, ctx))

    reply = draft("email alice running ten minutes late please", {"recipient": "alice"})
    assert reply.card["type"] == "email_draft" and "Running ten minutes late." in reply.card["body"]
    assert draft("write alice a note that the car is fixed", {"recipient": "alice"}).card["body"].count("The car is fixed.") == 1
    assert draft("send an email to alice", {"recipient": "alice"}).text == "What should the email say?"


def test_a_message_the_model_reworded_is_taken_from_the_words(mail_home, skills):
    """The model's message for "email bob ask him what time the meeting is" was "what time is the meeting
    is" (sent as "What time is the meeting is?"): a message that is not the user's words is replaced by the
    words after the name, which the wording reads; the user's words kept by the model stay."""
    import asyncio

    def body(utterance, args):
        ctx = SkillContext(make_config(mail_home), lambda: 0.0, Scheduler(), "draft_email", {}, None, utterance=utterance)
        return asyncio.run(skills["draft_email"].handle(args, ctx)).card["body"]

    got = body("email alice ask her what time the meeting is", {"recipient": "alice", "message": "what time is the meeting is"})
    assert "I wanted to ask what time the meeting is." in got and "is the meeting is" not in got
    kept = body("email alice saying the meeting is at 3", {"recipient": "alice", "message": "the meeting is at 3"})
    assert "The meeting is at 3." in kept
    # the model's message when the name is not in the words (a message said when asked for) is kept
    assert "The car is fixed." in body("the car is fixed", {"recipient": "alice", "message": "the car is fixed"})
    # the punctuation it was typed or transcribed with ("... at 5:30 Can you pick him up." before)
    said = "email alice that Bob's flight lands at 5:30. Can you pick him up?"
    got = body(said, {"recipient": "alice", "message": "Bob's flight lands at 5:30 Can you pick him up"})
    assert "Bob's flight lands at 5:30. Can you pick him up?" in got, got


def test_a_draft_and_a_timer_in_one_breath_both_happen_and_the_yes_is_asked_last(mail_home, skills, router, smtp):
    """"email alice that i'm on my way and set a timer for 20 minutes" had drafted the email and dropped the
    timer; the timer is set, and the draft's yes is the question the reply ends on."""
    inbox, port = smtp
    conv = sending(skills, router, mail_home, port)
    turn = conv.respond("email alice that i'm on my way and set a timer for 20 minutes")
    assert turn.reply.text == "Timer set for 20 minutes. Here's the email to Alice Smith. I'm on my way. Should I send it?"
    assert inbox.messages == []
    assert conv.respond("yes").reply.text == "Sent to Alice Smith."
    assert conv.respond("what timers do i have").reply.text == "The 20 minute timer has 20 minutes left."


def test_words_of_a_draft_changed_its_last_sentence_removed_and_what_it_says_asked(mail_home, skills, router, smtp):
    """"remove the last sentence", "change 3 to 4" and "what does it say" while the yes waited had been
    "Please say yes to go ahead" (and a summary of nothing attached); a typed message keeps its sentences."""
    inbox, port = smtp
    conv = sending(skills, router, mail_home, port)
    assert conv.respond("email alice that the meeting is at 3. bring the slides").reply.text == (
        "Here's the email to Alice Smith. The meeting is at 3. Bring the slides. Should I send it?")
    assert conv.respond("remove the last sentence").reply.text == "Here's the email to Alice Smith. The meeting is at 3. Should I send it?"
    assert conv.respond("change 3 to 4").reply.text == "Here's the email to Alice Smith. The meeting is at 4. Should I send it?"
    assert conv.respond("replace meeting with call").reply.text.endswith("The call is at 4. Should I send it?")
    assert conv.respond("what does it say").reply.text.endswith("The call is at 4. Should I send it?")
    assert conv.respond("remove the last sentence").reply.text == "It has only that one sentence. Should I send it as it is?"
    # words it does not have: said, and nothing else changes (the last number had become 10)
    assert conv.respond("change 9 to 10").reply.text == "I found nothing like 9 to change. Should I send it as it is?"
    assert inbox.messages == []
    assert conv.respond("yes").reply.text == "Sent to Alice Smith."
    [got] = inbox.messages
    assert "The call is at 4." in got.get_content() and "slides" not in got.get_content()
    # as the recognizer writes it (no stops, numbers in words): "change 3 to 4", "change it to 5"
    conv.respond("email alice that the meeting is at three bring the slides")
    assert conv.respond("change 3 to 4").reply.text.endswith("The meeting is at 4 bring the slides. Should I send it?")
    conv.respond("email alice that the meeting is at three")
    assert conv.respond("change it to 5").reply.text.endswith("The meeting is at 5. Should I send it?")
    # as Whisper writes a command, with its stop: "Actually, make it 9." (it had been "nothing like 9.")
    conv.respond("email alice that the meeting is at eight")
    assert conv.respond("actually, make it 9.").reply.text.endswith("The meeting is at 9. Should I send it?")


def test_how_an_email_sounds_is_not_rewritten_and_the_draft_still_waits(mail_home, skills, router, smtp):
    """"make it more formal" had been "I found nothing like more formal to change"; the words stay the
    user's, the draft waits for its yes, and the yes sends it as it was."""
    inbox, port = smtp
    conv = sending(skills, router, mail_home, port)
    assert conv.respond("email alice that the picnic is on saturday").reply.text.endswith("Should I send it?")
    for said in ("make it more formal", "make it a bit shorter"):
        assert conv.respond(said).reply.text == "I can't change how it sounds: I write the words you say. Should I send it as it is?"
    assert inbox.messages == []
    assert conv.respond("yes").reply.text == "Sent to Alice Smith."
    [got] = inbox.messages
    assert "The picnic is on Saturday." in got.get_content()


def test_a_subject_said_when_asked_for_the_message(mail_home, skills):
    """Asked "What should the email say?", "subject lunch" is the subject; the question comes again."""
    config = make_config(mail_home)
    conv = conversation(skills, Router(skills, None, "en", config), config)
    assert conv.respond("write an email to alice").reply.text == "What should the email say?"
    assert conv.respond("subject lunch").reply.text == "What should the email about lunch say?"
    card = conv.respond("let's meet at noon").reply.card
    assert card["subject"] == "Lunch" and "Let's meet at noon." in card["body"]
    # only what it is about said: its words are asked for, the subject kept (it had been "I'm writing about the offsite.")
    assert conv.respond("email bob jones about the offsite").reply.text == "What should the email about the offsite say?"
    card = conv.respond("we leave at 8 from the office").reply.card
    assert card["subject"] == "The offsite" and "We leave at 8 from the office." in card["body"], card


def test_the_command_a_model_copied_into_the_message_is_left_out(mail_home, skills):
    """The model's message for "shoot alice a quick email saying the meeting is at 3" was the whole
    sentence; a template now takes "a quick email" too."""
    import asyncio

    ctx = SkillContext(make_config(mail_home), lambda: 0.0, Scheduler(), "draft_email", {}, None)
    args = {"recipient": "alice", "message": "shoot alice a quick email saying the meeting is at 3"}
    reply = asyncio.run(skills["draft_email"].handle(args, ctx))
    assert "The meeting is at 3." in reply.card["body"] and "Shoot" not in reply.card["body"]
    assert Router(skills).route("shoot alice a quick email saying the meeting is at 3").args == {
        "recipient": "alice", "message": "the meeting is at 3"
    }


def test_a_contacts_file_that_cannot_be_read_leaves_the_router_working(skills, tmp_path, caplog):
    """The router reads the address book's names when it is built; a missing vCard file is the email
    skill's error to report when it runs, not a reason for the assistant not to start."""
    config = Config.model_validate({"email": {"contacts": str(tmp_path / "missing.vcf")}, "llm": {"enabled": False}})
    router = Router(skills, None, "en", config)
    assert router.route("what time is it").name == "get_time"
    assert router.route("let alice know i'm late").name != "draft_email"
    assert "no configured slot values" in caplog.text


def test_a_dictated_message_is_not_taken_for_a_command(mail_home, skills):
    """Asked what the email should say, "the weather in london was awful" is the text: the weather
    template's place would have been "london was awful". A short command still is a command."""
    config = make_config(mail_home)
    conv = conversation(skills, Router(skills, None, "en", config), config)
    assert conv.respond("write an email to alice").reply.text == "What should the email say?"
    card = conv.respond("the weather in london was awful").reply.card
    assert card["type"] == "email_draft" and "The weather in london was awful." in card["body"]
    assert conv.respond("write an email to alice").reply.text == "What should the email say?"
    assert conv.respond("set a timer for ten minutes").reply.text == "Timer set for 10 minutes."


def test_a_question_about_mail_while_asked_for_the_message(mail_home, skills):
    """ "did carol email me" is not the text of the email waiting for one: it gets summarize's offer,
    and no draft is written."""
    deliver(mail_home, "Carol King <carol@work.example>", "Budget", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    config = make_config(mail_home)
    conv = conversation(skills, Router(skills, None, "en", config), config)
    assert conv.respond("write an email to alice").reply.text == "What should the email say?"
    turn = conv.respond("did carol email me")
    assert turn.reply.text.startswith("I can't check for new mail, but I can sum up") and turn.reply.expects_reply
    assert drafts(mail_home) == []


def test_read_my_emails_and_the_last_few(mail_home, skills, router):
    """ "read my emails" had been "Sorry, I can't help with that": it offers the inbox's list; "summarize
    the last two emails" had read only the newest: it lists the newest two."""
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Hike", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    deliver(mail_home, "Alice Smith <alice@example.org>", "Lunch", "Tue, 02 Dec 2025 09:00:00 +0000", "<2@x>")
    deliver(mail_home, "carol@work.example", "Report", "Wed, 03 Dec 2025 09:00:00 +0000", "<3@x>")
    conv = conversation(skills, router, make_config(mail_home))
    assert conv.respond("read my emails").reply.text == "I can tell you what's in your inbox. Shall I?"
    assert conv.respond("yes").reply.text.startswith("Your inbox has 3 emails. The newest are from carol@work.example")
    assert conv.respond("summarize the last two emails").reply.text == (
        "Your inbox has 3 emails. The newest are from carol@work.example about Report and Alice Smith about Lunch."
        " Say read my last email to hear the newest."
    )


def test_a_correction_while_asked_for_the_message_is_a_new_command(mail_home, skills, router):
    """ "actually write to carol instead", asked what the email to alice should say, had been its text."""
    conv = conversation(skills, router, make_config(mail_home))
    assert conv.respond("write an email to alice").reply.text == "What should the email say?"
    turn = conv.respond("actually write to carol instead")
    assert (turn.intent.args.get("recipient"), turn.reply.text) == ("carol", "What should the email say?")
    assert conv.respond("i'll be late").reply.card["to"] == "Carol King <carol@work.example>"


def test_open_my_email_is_reading_not_writing(mail_home, skills, router):
    """ "open my email" had asked "Who should the email go to?" (and took the next words as a name)."""
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Hike", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    conv = conversation(skills, router, make_config(mail_home))
    assert conv.respond("open my email").reply.text == "I can tell you what's in your inbox. Shall I?"
    assert conv.respond("no").reply.text == "Okay."
    assert conv.respond("open the email from bob").reply.text.startswith("The email from Bob Jones about Hike")


def test_make_that_a_contacts_name_changes_the_recipient(mail_home, skills, router, smtp):
    """"actually make that alice" right after a draft to bob had been "I found nothing like alice to
    change": a contact's name there is the new recipient, greeted by name; nothing is sent without a yes."""
    inbox, port = smtp
    conv = sending(skills, router, mail_home, port)
    assert conv.respond("email bobby saying i can make it to the hike").reply.text.startswith("Here's the email to Bob Jones")
    turn = conv.respond("actually make that alice")
    assert turn.reply.text.startswith("Here's the email to Alice Smith"), turn.reply.text
    assert conv.respond("yes").reply.text == "Sent to Alice Smith."
    [got] = inbox.messages
    assert got["To"] == "Alice Smith <alice@example.org>" and got.get_content().startswith("Hi Alice,")


def test_also_add_a_contact_and_did_it_send(mail_home, skills, router, smtp):
    """"also add bob" had added the sentence "Bob." to the email: a contact's name alone adds them to it
    (and to its greeting). "did it send" had been `other`: before the yes it asks again, after it says so."""
    inbox, port = smtp
    conv = sending(skills, router, mail_home, port)
    conv.respond("email alice saying lunch at noon tomorrow")
    turn = conv.respond("also add bobby")
    assert turn.reply.text.startswith("Here's the email to Alice Smith and Bob Jones."), turn.reply.text
    assert conv.respond("did it send").reply.text == "The email to Alice Smith and Bob Jones is ready. Should I send it?"
    assert conv.respond("yes").reply.text == "Sent to Alice Smith, Bob Jones."
    assert conv.respond("did it send").reply.text == "Yes, it was sent to Alice Smith and Bob Jones."
    [got] = inbox.messages
    assert got["To"] == "Alice Smith <alice@example.org>, Bob Jones <bjones@example.com>"
    assert got.get_content().startswith("Hi Alice and Bob,") and "Bob." not in got.get_content()
    conv.respond("email alice saying see you")
    assert "I'll bring the slides." in conv.respond("add that i'll bring the slides").reply.text  # a sentence


def test_a_reply_to_someones_email_about_a_subject(mail_home, skills, router):
    """"reply to bob's hike email saying count me in" had asked who "bob's hike" is: the newest email from
    Bob whose subject holds "hike" is answered, not his newest."""
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Saturday hike", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Old news", "Thu, 04 Dec 2025 09:00:00 +0000", "<4@x>")
    conv = conversation(skills, router, make_config(mail_home))
    turn = conv.respond("reply to bob's hike email saying count me in")
    assert turn.reply.text.startswith("Here's the reply to Bob Jones, subject Re: Saturday hike."), turn.reply.text
    conv.respond("no")
    # a subject none of his emails has: his newest
    turn = conv.respond("reply to bob's picnic email saying count me in")
    assert turn.reply.text.startswith("Here's the reply to Bob Jones, subject Re: Old news."), turn.reply.text


def test_new_words_for_a_draft_and_a_subject_after_the_name(mail_home, skills):
    """"actually say ..." right after a draft had been "Please say yes to go ahead, or no to cancel": the
    draft's words are replaced, and a subject made from the old words is made again ("subject The hike is
    cancelled" had stayed); a subject the user gave stays. "email bob about lunch saying ..." had looked for
    a contact "bob about lunch" (the address book's names are a closed list, as the runtime's router has them)."""
    config = make_config(mail_home)
    conv = conversation(skills, Router(skills, None, "en", config), config)
    conv.respond("email alice saying the hike is cancelled")
    turn = conv.respond("actually say it's postponed to sunday")
    assert turn.intent.args.get("change") == "message", turn.intent
    assert "cancelled" not in turn.reply.text and "postponed to Sunday" in turn.reply.text, turn.reply.text
    conv.respond("change the subject to hike news")
    assert "subject Hike news" in conv.respond("actually say it's on monday").reply.text
    # who it goes to, before the yes (it had been "Please say yes to go ahead, or no to cancel")
    assert conv.respond("who is it going to").reply.text.startswith("It goes to Alice Smith.")
    assert conv.respond("who is it going").reply.text.startswith("It goes to Alice Smith.")  # as Whisper wrote it
    conv.respond("no")
    turn = conv.respond("email bobby about lunch saying see you at noon")
    assert turn.reply.text.startswith("Here's the email to Bob Jones, subject Lunch."), turn.reply.text


def test_a_summary_just_given_is_emailed(mail_home, skills, router, smtp):
    """"email that summary to carol" right after a summary had asked what the email should say (then took
    "yes" for its words). The summary is the email's words (an email read out is forwarded instead: "forward
    it to bob jones" above); no summary given yet is said so. Sent only after a yes."""
    inbox, port = smtp
    config = make_config(mail_home, {"host": "127.0.0.1", "port": port, "security": "none"})
    conv = conversation(skills, router, config)
    assert conv.respond("send the summary to bob").reply.text.startswith("There's no summary to send yet")
    notes = mail_home / "notes.txt"
    notes.write_text("Team notes. The budget review moves to Friday. Carol will send the figures by Thursday.")
    conv.respond(f"summarize {notes}")
    turn = conv.respond("email that summary to alice")
    assert turn.reply.text.startswith("Here's the email to Alice Smith, subject Summary of notes.txt."), turn.reply.text
    assert conv.respond("yes").reply.text == "Sent to Alice Smith."
    [got] = inbox.messages
    assert got["Subject"] == "Summary of notes.txt" and "The budget review moves to Friday." in got.get_content()
    # what was said is emailed: after "make it shorter", its one sentence (the whole text had been emailed as
    # the "summary" of a short one); the longer one on the screen when asked for
    report = mail_home / "report.txt"
    report.write_text("Revenue grew 12 percent this quarter. Costs rose 4 percent. Churn fell to 2.4 percent. "
                      "We launch the annual plan in February. Maria leads the pricing review.")
    conv.respond(f"summarize {report}")
    short = conv.respond("make it shorter").reply.text
    conv.respond("email that to alice")
    conv.respond("yes")
    body = inbox.messages[-1].get_content()
    assert short in body and len([s for s in body.split(".") if "percent" in s]) == 1, (short, body)
    conv.respond(f"summarize {report}")
    conv.respond("email the full summary to alice")
    conv.respond("yes")
    assert "Maria leads the pricing review." in inbox.messages[-1].get_content()


def test_send_it_to_someone_else_readdresses_the_draft(mail_home, skills, router, smtp):
    """"send it to carol instead" while the draft to alice waited for a yes had been asked again, and the
    "yes" after it sent the email to Alice; "send it to carol" had drafted a new email saying "It.";
    "actually make the subject report" had been asked again too."""
    inbox, port = smtp
    conv = sending(skills, router, mail_home, port)
    conv.respond("email alice saying the report is late")
    turn = conv.respond("actually make the subject report")
    assert turn.reply.text.startswith("Here's the email to Alice Smith, subject Report."), turn.reply.text
    turn = conv.respond("send it to carol instead")
    assert turn.reply.text.startswith("Here's the email to Carol King, subject Report."), turn.reply.text
    turn = conv.respond("send it to alice")
    assert turn.reply.text.startswith("Here's the email to Alice Smith, subject Report. The report is late."), turn.reply.text
    conv.respond("send it to carol")
    assert conv.respond("yes").reply.text == "Sent to Carol King."
    [got] = inbox.messages
    assert inbox.envelopes == [("sam@example.net", ["carol@work.example"])] and got["Subject"] == "Report"


def test_a_correction_naming_only_the_new_recipient_readdresses_the_draft(mail_home, skills, router, smtp):
    """"no wait, to carol" while the draft to alice waited for a yes had been "Please say yes to go ahead",
    and the yes after it sent the email to Alice."""
    inbox, port = smtp
    conv = sending(skills, router, mail_home, port)
    conv.respond("email alice saying hi")
    turn = conv.respond("no wait, to carol")
    assert turn.reply.text.startswith("Here's the email to Carol King."), turn.reply.text
    turn = conv.respond("actually alice instead")
    assert turn.reply.text.startswith("Here's the email to Alice Smith. Hi."), turn.reply.text
    turn = conv.respond("no way to carol")  # a spoken "no wait", as Whisper wrote it
    assert turn.reply.text.startswith("Here's the email to Carol King. Hi."), turn.reply.text
    turn = conv.respond("actually also cc alice")  # "Please say yes" had been the answer, and the yes sent it to one
    assert turn.reply.text.startswith("Here's the email to Carol King, copying Alice Smith. Hi."), turn.reply.text
    turn = conv.respond("cc alice")  # already on it: no sentence "Alice." added
    assert turn.reply.text.startswith("Here's the email to Carol King, copying Alice Smith. Hi. Should"), turn.reply.text
    turn = conv.respond("sorry, it's to alice")  # no longer copied to herself
    assert turn.reply.text.startswith("Here's the email to Alice Smith. Hi. Should"), turn.reply.text
    conv.respond("sorry, it's to carol")
    assert conv.respond("yes").reply.text == "Sent to Carol King."
    assert inbox.envelopes == [("sam@example.net", ["carol@work.example"])]


RECIPIENT_TURNS = yaml.safe_load((Path(__file__).parent / "data" / "email_recipients_turns.yaml").read_text())


@pytest.mark.parametrize("case", RECIPIENT_TURNS, ids=[c["name"] for c in RECIPIENT_TURNS])
def test_who_a_draft_goes_to_is_changed_as_said(case, mail_home, skills, router, smtp):
    """Copies, blind copies, people taken off and sending later, said while a draft waits for its yes;
    what the loopback SMTP server received (tests/data/email_recipients_turns.yaml)."""
    inbox, port = smtp
    replies_start(sending(skills, router, mail_home, port), *[tuple(t) for t in case["turns"]])
    [got] = inbox.messages
    sent = case["sent"]
    assert (got["To"], got["Cc"], got["Bcc"]) == (sent["to"], sent["cc"], None)
    assert inbox.envelopes[0][1] == sent["rcpt"]
    assert got.get_content().splitlines()[0] == sent["greeting"], got.get_content()
    assert not any(w in got.get_content().lower() for w in sent.get("not_in_text", [])), got.get_content()


def test_a_place_just_shown_is_emailed_with_its_address(mail_home, skills, router, tmp_path):
    """"send that to alice" right after a restaurant's address had drafted "That."; "email the address to
    alice" (the words the template leaves out) had asked what the email should say. The map is the tests'
    hand-made town, imported through osmium."""
    from assistant.places.osm_import import import_osm

    db = tmp_path / "food.sqlite"
    import_osm(Path(__file__).parent / "data" / "restaurants.osm", db, progress=False)
    config = make_config(mail_home).model_copy(update={"restaurants": Config.model_validate(
        {"restaurants": {"db": str(db), "home": "Testburg"}}).restaurants})
    conv = conversation(skills, Router(skills, config=config), config)  # the router knows the contacts' names
    conv.respond("find a thai restaurant")
    assert conv.respond("book a table for four at bangkok garden").intent.name == "find_restaurant"
    turn = conv.respond("send that to alice")
    assert turn.reply.text.startswith(
        "Here's the email to Alice Smith. Bangkok Garden, Bahnhofstrasse 3, phone +41 1 234."), turn.reply.text
    [draft] = drafts(mail_home)
    assert email.message_from_bytes(draft.read_bytes())["Subject"] == "Bangkok Garden"
    conv.respond("find a thai restaurant")
    turn = conv.respond("send the list to alice")
    assert "Bangkok Garden, Bahnhofstrasse 3, phone +41 1 234. Siam Palace." in turn.reply.text, turn.reply.text
    conv.respond("no")
    conv.respond("book a table for four at bangkok garden")
    turn = conv.respond("email it to alice")  # it had forwarded the inbox's newest email
    assert turn.reply.text.startswith("Here's the email to Alice Smith. Bangkok Garden, Bahnhofstrasse 3"), turn.reply.text
    conv.respond("no")
    assert conv.respond("what time is it in tokyo").intent.name == "get_time"
    assert conv.respond("email that to alice").reply.text == "What should the email say?"
    conv.respond("never mind")
    turn = conv.respond("find a thai restaurant and email it to alice")  # "it": what the first part found
    assert "Here's the email to Alice Smith, subject Places to eat. Thai Orchid." in turn.reply.text, turn.reply.text


def test_new_words_while_the_yes_is_awaited_change_the_draft(mail_home, skills, router, smtp):
    """"say the numbers look good" while "Should I send it?" waited had been "Please say yes to go ahead",
    and the yes then sent the old words; "actually say monday instead" after "... by friday" had made the
    whole text "Monday." (now the day changes; a reply keeps its subject)."""
    inbox, port = smtp
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Friday offsite", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    conv = sending(skills, router, mail_home, port)
    conv.respond("reply to bob saying i'll have it done by friday")
    turn = conv.respond("actually say monday instead")
    assert turn.reply.text.startswith("Here's the reply to Bob Jones, subject Re: Friday offsite. I'll have it done by Monday."), turn.reply.text
    turn = conv.respond("say the numbers look good")
    assert turn.reply.text.startswith("Here's the reply to Bob Jones, subject Re: Friday offsite. The numbers look good."), turn.reply.text
    assert conv.respond("hmm wait").reply.text == "Please say yes to go ahead, or no to cancel."
    assert conv.respond("yes").reply.text == "Sent to Bob Jones."
    [got] = inbox.messages
    assert "The numbers look good." in got.get_content() and got["Subject"] == "Re: Friday offsite"


def test_what_an_email_asks_for_and_a_reply_to_her_after_questions_about_it(mail_home, skills, router):
    """"what does she want" after Carol's email was read had been "I didn't find that in the email"; "reply
    to her ..." after a question about it had asked who "her" is (the answer's card had lost the email)."""
    deliver(mail_home, "Carol King <carol@work.example>", "Quarterly report", "Mon, 01 Dec 2025 09:00:00 +0000",
            "<1@x>", body="Please send me the figures for the quarterly report by Thursday. The review is on Friday.\n")
    conv = conversation(skills, router, make_config(mail_home))
    assert conv.respond("read me the email from carol").reply.text.startswith("The email from Carol King about Quarterly report")
    turn = conv.respond("what does she want")
    assert turn.reply.text == "Please send me the figures for the quarterly report by Thursday.", turn.reply.text
    turn = conv.respond("reply to her saying i'll send them tomorrow")
    assert turn.reply.text.startswith("Here's the reply to Carol King, subject Re: Quarterly report."), turn.reply.text


def test_reply_to_him_after_an_email_was_read_answers_its_sender(mail_home, skills, router):
    """"reply to him saying sounds good" right after Bob's email was read out had asked who "him" is."""
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Hike", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    conv = conversation(skills, router, make_config(mail_home))
    assert conv.respond("read my last email").reply.text.startswith("The email from Bob Jones about Hike")
    turn = conv.respond("reply to him saying sounds good")
    assert turn.reply.text.startswith("Here's the reply to Bob Jones, subject Re: Hike."), turn.reply.text


def test_summarize_it_right_after_an_email_was_read_sums_up_that_email(mail_home, skills, router):
    """"summarize it" right after the newest email was read out had said "nothing is attached to summarize"."""
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Hike", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>",
            body="The hike on Saturday starts at nine. Bring water and a sandwich. We meet at the station.\n")
    conv = conversation(skills, router, make_config(mail_home))
    assert conv.respond("read my last email").reply.text.startswith("The email from Bob Jones about Hike")
    turn = conv.respond("summarize it")
    assert turn.intent.name == "summarize" and "hike on Saturday starts at nine" in turn.reply.text, turn.reply.text


def test_do_i_have_any_emails_from_someone_lists_them(mail_home, skills, router):
    """"do i have any emails from bob" had been offered Bob's newest ("I can't check for new mail, but
    ..."): the inbox is read, and says how many are from him and about what, or that none is."""
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Hike", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Lunch", "Tue, 02 Dec 2025 09:00:00 +0000", "<2@x>")
    deliver(mail_home, "Alice Smith <alice@example.org>", "Books", "Wed, 03 Dec 2025 09:00:00 +0000", "<3@x>")
    conv = conversation(skills, router, make_config(mail_home))
    turn = conv.respond("do i have any emails from bob jones")
    assert (turn.intent.name, turn.reply.text) == (
        "summarize", "Yes, 2 emails from Bob Jones: about Lunch and about Hike. Say read bob jones's email to hear the newest.")
    assert conv.respond("any mail from alice").reply.text.startswith("Yes, one email from Alice Smith: about Books.")
    assert conv.respond("is there an email from dave").reply.text == "No, there's no email from dave in your inbox."


def test_the_words_after_the_name_keep_their_article(mail_home, skills, router):
    """"email carol the figures will be late" had drafted "Figures will be late." (an article was taken for
    part of "a note"); "email carol a note saying hi" had looked for a contact "carol a note"."""
    conv = conversation(skills, router, make_config(mail_home))
    from assistant.mail.dictated import after_name as _after_name

    assert _after_name("email carol the figures will be late", "carol") == "the figures will be late"
    assert _after_name("write carol a note saying the figures are late", "carol") == "the figures are late"
    turn = conv.respond("email carol a note saying hi")
    assert turn.reply.text.startswith("Here's the email to Carol King. Hi."), turn.reply.text
    conv.respond("no")
    assert conv.respond("send alice a thank you note").reply.text.startswith("Here's the email to Alice Smith. Thank you!")


def test_a_yes_asked_for_three_times_is_left_and_nothing_is_sent(mail_home, skills, router, smtp):
    """Words that are no answer while "Should I send it?" waits had been "Please say yes to go ahead, or
    no to cancel." without end; the third time the question is left, and a later yes sends nothing."""
    inbox, port = smtp
    replies_start(
        sending(skills, router, mail_home, port),
        ("write an email to alice saying hi", "Here's the email to Alice Smith. Hi. Should I send it?"),
        ("blah blah", "Please say yes to go ahead, or no to cancel."),
        ("um", "Please say yes to go ahead, or no to cancel."),  # thinking: not counted
        ("foo bar", "Please say yes to go ahead, or no to cancel."),
        ("baz", "Sorry, I still didn't get a yes or a no, so I've done nothing."),
        ("yes", "Okay."),  # nothing waits for it
    )
    assert inbox.messages == [] and len(drafts(mail_home)) == 1  # the draft stays in Drafts


def test_a_reply_or_forward_copies_in_who_is_named_at_the_end(mail_home, skills, router, smtp):
    """"reply to alice saying ... and cc bob jones" had written "and cc bob jones" into the reply; "forward
    alice's email to carol and cc bob jones" had looked for a contact "carol and cc bob jones"."""
    inbox, port = smtp
    deliver(mail_home, "Alice Smith <alice@example.org>", "Figures", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    replies_start(
        sending(skills, router, mail_home, port),
        ("reply to alice saying i'll send the figures tomorrow and cc bob jones",
         "Here's the reply to Alice Smith, copying Bob Jones, subject Re: Figures. I'll send the figures tomorrow."),
        ("yes", "Sent to Alice Smith, copying Bob Jones."),
        ("forward alice's email to carol and cc bob jones", "Here's the forward to Carol King, copying Bob Jones: Alice Smith's email"),
        ("yes", "Sent to Carol King, copying Bob Jones."),
    )
    assert [m["Cc"] for m in inbox.messages] == ["Bob Jones <bjones@example.com>"] * 2
    assert "cc" not in inbox.messages[0].get_body(("plain",)).get_content().lower()


def test_the_words_going_on_after_the_read_back_and_a_name_said_as_a_sentence(mail_home, skills, router, smtp):
    """"that it starts at 8" right after the draft was read back had been "Please say yes" (the user was
    still dictating); "that's fine" still is. "his name is peter" answering who an unknown person is had
    been "Sorry, I can't help with that"."""
    inbox, port = smtp
    config = make_config(mail_home, {"host": "127.0.0.1", "port": port, "security": "none"})
    conv = conversation(skills, Router(skills, config=config), config)  # the router knows the contacts' names
    conv.respond("email bob jones saying the party is on saturday")
    turn = conv.respond("that it starts at 8")
    assert (turn.intent.source, turn.intent.args["change"]) == ("follow_up", "add"), turn.intent
    assert "It starts at 8." in turn.reply.text and turn.reply.text.endswith("Should I send it?"), turn.reply.text
    assert conv.respond("that's fine").reply.text == "Please say yes to go ahead, or no to cancel."
    assert conv.respond("yes").reply.text == "Sent to Bob Jones."
    [got] = inbox.messages
    assert "It starts at 8." in got.get_content()
    turn = conv.respond("write an email to my landlord")
    assert turn.reply.text.startswith("I don't have my landlord in your contacts.")
    turn = conv.respond("his name is peter")
    assert (turn.intent.name, turn.intent.args.get("recipient")) == ("draft_email", "peter"), turn.intent
    assert turn.reply.text.startswith("I don't have peter in your contacts.") and turn.expects_reply
    assert conv.respond("peter@example.com").reply.text == "What should the email say?"


def test_a_reply_to_someone_with_no_email_says_so_first_and_a_day_from_today_is_changed(mail_home, skills, router, smtp):
    """"reply to alice" with no email from her had asked what the reply should say, then said there was
    none; "make it thursday" after "i'll send them tomorrow" had found nothing to change."""
    inbox, port = smtp
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Figures", "Thu, 04 Dec 2025 09:00:00 +0000", "<4@x>")
    config = make_config(mail_home, {"host": "127.0.0.1", "port": port, "security": "none"})
    conv = conversation(skills, Router(skills, config=config), config)  # the router knows the contacts' names
    turn = conv.respond("reply to alice")
    assert turn.reply.text == "I found no email from Alice Smith in your inbox to reply to. What should a new email say?"
    turn = conv.respond("see you on friday")
    assert turn.reply.text.startswith("Here's the email to Alice Smith. See you on Friday."), turn.reply.text
    conv.respond("no")
    turn = conv.respond("reply to bob jones saying i'll send them tomorrow")
    assert "I'll send them tomorrow." in turn.reply.text, turn.reply.text
    turn = conv.respond("make it thursday")
    assert "I'll send them on Thursday." in turn.reply.text, turn.reply.text
    assert conv.respond("yes").reply.text == "Sent to Bob Jones."
    assert "I'll send them on Thursday." in inbox.messages[0].get_content()


def test_the_one_from_someone_after_the_list_and_an_email_to_her_after_it(mail_home, skills, router, smtp):
    """"read the one from alice", "any from bob jones" right after the inbox was listed had been `other`; "email her that ..."
    right after her email was read asked who "her" is."""
    inbox, port = smtp
    deliver(mail_home, "Alice Smith <alice@example.org>", "Figures", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Old news", "Thu, 04 Dec 2025 09:00:00 +0000", "<4@x>")
    conv = sending(skills, router, mail_home, port)
    conv.respond("what's in my inbox")
    assert conv.respond("any from carol").reply.text == "No, there's no email from Carol King in your inbox."  # had been `other`
    assert conv.respond("any from bob jones").reply.text.startswith("Yes, one email from Bob Jones: about Old news.")
    turn = conv.respond("read the one from alice")
    assert (turn.intent.source, turn.reply.card["email_ref"]) == ("follow_up", "<1@x>"), turn.reply.text
    turn = conv.respond("email her that i'll send them tomorrow")
    assert turn.reply.text.startswith("Here's the email to Alice Smith. I'll send them tomorrow."), turn.reply.text
    assert conv.respond("yes").reply.text == "Sent to Alice Smith."
    assert inbox.envelopes[0][1] == ["alice@example.org"]


def test_an_email_of_the_list_by_its_place_and_the_offer_taken_by_what_follows_it(mail_home, skills, router):
    """"forward the first one to bob" and "reply to the second one saying ..." right after the inbox was
    listed had been `other`; "read the first one" said to "I can't fetch new mail, but I can tell you
    what's in your inbox. Shall I?" was `other` too: what follows an offer is its yes as well."""
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Hike", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>")
    deliver(mail_home, "Alice Smith <alice@example.org>", "Lunch", "Tue, 02 Dec 2025 09:00:00 +0000", "<2@x>")
    conv = conversation(skills, router, make_config(mail_home))
    assert conv.respond("check my email").reply.text.endswith("Shall I?")
    turn = conv.respond("read the second one")
    assert (turn.intent.args, turn.reply.card["email_ref"]) == ({"source": "inbox", "nth": 2}, "<1@x>")
    conv.respond("what's in my inbox")
    turn = conv.respond("forward the first one to bob jones")
    assert turn.reply.text.startswith("Here's the forward to Bob Jones: Alice Smith's email about Lunch."), turn.reply.text
    conv.respond("no")
    conv.respond("what's in my inbox")
    turn = conv.respond("reply to the second one saying count me in")
    assert turn.reply.text.startswith("Here's the reply to Bob Jones, subject Re: Hike."), turn.reply.text
    conv.respond("no")
    # a side effect's question is no offer: "read the first one" is no yes to sending
    conv.respond("reply saying ok")
    assert conv.respond("read the first one").intent.name != "draft_email"
    assert sent(mail_home) == []


@pytest.mark.parametrize(
    ("message", "written"),
    [
        ("hi comma see you at 5 period", "hi, see you at 5."),
        ("are you free tomorrow question mark", "are you free tomorrow?"),
        ("great news exclamation point see you full stop thanks", "great news! See you. Thanks"),
        ("Hi, comma, see you.", "Hi, see you."),
        # a word, not a mark, where it does not end the text
        ("the trial period ends friday", "the trial period ends friday"),
    ],
)
def test_punctuation_said_aloud_is_written(message, written):
    from assistant.mail.dictated import punctuated

    assert punctuated(message) == written


def test_a_dictated_email_with_punctuation_said_aloud(mail_home, skills, router):
    """"email bob saying hi comma see you at 5 period" had been written "Hi comma see you at 5 period."."""
    conv = conversation(skills, router, make_config(mail_home))
    turn = conv.respond("email bob jones saying hi comma see you at 5 period")
    assert turn.reply.text.startswith("Here's the email to Bob Jones. Hi, see you at 5. It's saved in your drafts"), turn.reply.text
    body = email.message_from_bytes(drafts(mail_home)[-1].read_bytes(), policy=email.policy.default).get_content()
    assert "Hi, see you at 5." in body and "comma" not in body


def test_where_is_it_right_after_an_email_is_asked_of_the_email(mail_home, skills, router):
    """"where is it" right after the offsite email was read had been a restaurant called "it" ("Which place do
    you mean?"); a template's value that points back is the last text's question when that text answers it.
    "what time is it" is still the clock, and "forward it to alice" the email."""
    deliver(mail_home, "Bob Jones <bjones@example.com>", "Offsite", "Mon, 01 Dec 2025 09:00:00 +0000", "<1@x>",
            body="The offsite on Friday moved to the Gasthof Adler. Lunch is at 12:30.\n")
    config, sched, states = make_config(mail_home), Scheduler(), {}
    conv = Conversation(skills, router, lambda n: SkillContext(config, lambda: 0.0, sched, n, states.setdefault(n, {})))
    conv.respond("read my last email")
    turn = conv.respond("where is it")
    assert (turn.intent.name, "Gasthof Adler" in turn.reply.text) == ("summarize", True), turn.reply.text
    assert conv.respond("what time is it").intent.name == "get_time"
    conv.respond("read my last email")
    assert conv.respond("forward it to alice").reply.text.startswith("Here's the forward to Alice Smith")


def test_the_action_items_just_said_are_emailed(mail_home, skills, router):
    """"email the action items to carol" right after they were said had asked what the email should say (the
    model's subject "Action Items for Carol"): what was just said of the text is the email's words."""
    notes = mail_home / "notes.txt"
    notes.write_text("Team notes.\nThe budget review moves to Friday. Carol will send the figures by Thursday.\n")
    config, sched, states = make_config(mail_home), Scheduler(), {}
    conv = Conversation(skills, router, lambda n: SkillContext(config, lambda: 0.0, sched, n, states.setdefault(n, {})))
    conv.respond(f"summarize {notes}")
    said = conv.respond("what are the action items").reply.text
    assert said == "Carol will send the figures by Thursday.", said
    turn = conv.respond("email the action items to carol")
    assert turn.intent.args == {"recipient": "carol", "forward_from": "the summary"}, turn.intent
    assert turn.reply.text.startswith("Here's the email to Carol King, subject Summary of notes.txt. Carol will send the figures by Thursday.")


@pytest.mark.parametrize(
    ("message", "kept"),
    [
        ("I'll be 10 minutes late? No wait just say I'm on my way", "I'm on my way"),
        ("the party is on friday. scratch that, write the party is on saturday", "the party is on saturday"),
        ("lunch at noon, actually say lunch at one", "lunch at one"),
        # no correction: the words stay
        ("say hello to the team", "say hello to the team"),
        ("i am sorry, say hi to mom for me", "i am sorry, say hi to mom for me"),
        ("the meeting is at 3, actually make it 4", "the meeting is at 3, actually make it 4"),
    ],
)
def test_a_correction_said_while_dictating_keeps_what_was_said_last(message, kept):
    """"email alice saying i'll be 10 minutes late no wait just say i'm on my way" had been written whole."""
    from assistant.mail.dictated import restated

    assert restated(message) == kept


def test_delete_all_my_emails_is_said_to_be_out_of_reach(skills):
    """"delete all my emails", routed nowhere, had been "Sorry, I can't help with that"."""
    from assistant.dialogue.near_miss import near_miss

    miss = near_miss("delete all my emails", skills)
    assert miss is not None and miss.say.startswith("I can't delete email or files: I only read them."), miss

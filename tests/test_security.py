"""Security: no outbound connection unless configured, secrets never in logs or events, injected
instructions in data never become tool calls."""

import logging
import socket

import pytest

from assistant.config import load_config
from assistant.pipeline import Pipeline
from assistant.tts.output import WavOutput

SECRET = "hunter2-do-not-log"


@pytest.fixture
def no_network(monkeypatch):
    """Record and refuse every connection that is not a local (AF_UNIX) socket or loopback."""
    attempts = []
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else None
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1", "localhost"):
            attempts.append(address)
            raise OSError(f"blocked outbound connection to {address}")
        return real_connect(self, address)

    def guarded_dns(*args, **kwargs):
        attempts.append(("getaddrinfo", args[0] if args else None))
        raise socket.gaierror("name resolution blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_dns)
    return attempts


def test_full_scripted_session_makes_no_outbound_connection(no_network, tmp_path, piper, make_wav):
    from assistant.audio.sources import WavSource
    from assistant.runtime import load_runtime

    cfg = load_config(None, {"tts.deterministic": True, "email": {"maildir": str(tmp_path / "Mail")}})
    # everything loads under the guard: models, skills, the language model
    rt = load_runtime(cfg)
    events = []
    pipe = Pipeline(rt, events.append, WavOutput(tmp_path / "replies"))
    wav = make_wav(1.0, piper("Hey computer."), 0.5, piper("What time is it?"), 2.0)
    pipe.run(WavSource(wav).frames())
    pipe.flush()
    for text in ["what's the weather like tomorrow", "set a timer for two minutes",
                 "find an italian restaurant nearby", "what day is it"]:
        pipe.handle_text(text)
    assert no_network == []
    assert [e.intent for e in events if e.type == "intent"][:2] == ["get_time", "weather"]
    weather = [e for e in events if e.type == "reply" and e.skill == "weather"][0]
    assert "offline" in weather.text.lower() or "network" in weather.text.lower()


def test_secrets_never_reach_logs_or_events(tmp_path, caplog, monkeypatch):
    """A real draft, a real SMTP login over TLS (aiosmtpd, a certificate made here) that succeeds with
    the secret and then fails with a wrong one: the password is used, and is in no log line or event."""
    import ssl

    import trustme
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult
    from test_email_skill import VCARDS, Inbox, free_port

    from assistant.runtime import load_runtime

    ca = trustme.CA()
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(tls)
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append(auth_data.password)
        return AuthResult(success=auth_data.password == SECRET.encode(), handled=False)

    inbox = Inbox()
    port = free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=authenticator,
                        auth_require_tls=False, ssl_context=tls)
    server.start()
    (tmp_path / "contacts.vcf").write_text(VCARDS)
    monkeypatch.setenv("SMTP_PASSWORD_FOR_TEST", SECRET)
    cfg = load_config(None, {
        "tts.deterministic": True, "llm.enabled": False,
        "email": {"maildir": str(tmp_path / "Mail"), "contacts": str(tmp_path / "contacts.vcf"),
                  "address": "Sam <sam@example.org>",
                  "smtp": {"host": "127.0.0.1", "port": port, "security": "ssl", "username": "sam",
                           "password_env": "SMTP_PASSWORD_FOR_TEST", "ca_file": str(tmp_path / "ca.pem")}},
    })
    rt = load_runtime(cfg, audio=False, speech=False)
    events = []
    pipe = Pipeline(rt, events.append)
    caplog.set_level(logging.DEBUG)
    try:
        pipe.handle_text("write an email to alice saying the meeting moved to friday")
        assert pipe.handle_text("yes").reply.text == "Sent to Alice Smith."
        monkeypatch.setenv("SMTP_PASSWORD_FOR_TEST", SECRET + "-wrong")
        pipe.handle_text("write an email to alice saying second try")
        failed = pipe.handle_text("yes").reply.text
    finally:
        server.stop()
    # the test reached what it names: two drafts, a login with the secret, one delivery, one refusal
    assert [e.skill for e in events if e.type == "skill_result"].count("draft_email") == 4
    # (smtplib tries the next mechanism after a refused login: the wrong one may arrive twice)
    assert logins[0] == SECRET.encode() and set(logins[1:]) == {(SECRET + "-wrong").encode()}
    assert len(inbox.messages) == 1
    assert failed.startswith("I couldn't send it: the mail server rejected the username or password")
    dumped = "\n".join(e.to_json() for e in events) + "\n".join(r.getMessage() for r in caplog.records)
    dumped += "\n".join(str(r.exc_info) for r in caplog.records if r.exc_info)
    assert SECRET not in dumped

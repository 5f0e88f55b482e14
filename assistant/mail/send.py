"""SMTP sending with smtplib: plain, STARTTLS or SSL; every failure becomes one spoken-friendly line."""

from __future__ import annotations

import smtplib
import socket
import ssl
from email.message import EmailMessage

from .settings import SmtpSettings


class SendError(Exception):
    """Sending failed; the message is one short sentence to speak. The draft stays where it is."""


def _tls_context(s: SmtpSettings) -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    if s.ca_file:
        ctx.load_verify_locations(cafile=s.ca_file)
    return ctx


def send_message(msg: EmailMessage, s: SmtpSettings) -> None:
    """Blocking; run it in a thread. Raises SendError."""
    port = s.effective_port
    where = f"{s.host} port {port}"
    try:
        password = s.resolve_password()
    except Exception as exc:  # UserError: the environment variable is missing
        raise SendError(str(exc)) from None
    try:
        if s.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, port, timeout=s.timeout_s, context=_tls_context(s)
            )
        else:
            client = smtplib.SMTP(s.host, port, timeout=s.timeout_s)
        with client:
            client.ehlo()
            if s.security == "starttls":
                client.starttls(context=_tls_context(s))
                client.ehlo()
            if s.username:
                client.login(s.username, password or "")
            refused = client.send_message(msg)
    except ConnectionRefusedError:
        raise SendError(f"the mail server at {where} refused the connection") from None
    except TimeoutError:
        raise SendError(f"the mail server at {where} did not answer in time") from None
    except socket.gaierror:
        raise SendError(f"the mail server name {s.host} could not be found") from None
    except smtplib.SMTPAuthenticationError:
        raise SendError("the mail server rejected the username or password") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise SendError(f"the mail server does not support that: {exc}") from None
    except smtplib.SMTPRecipientsRefused as exc:
        who = ", ".join(exc.recipients)
        raise SendError(f"the mail server refused the recipient {who}") from None
    except smtplib.SMTPSenderRefused as exc:
        raise SendError(f"the mail server refused the sender {exc.sender}") from None
    except smtplib.SMTPResponseException as exc:
        reason = (
            exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        )
        raise SendError(f"the mail server said {exc.smtp_code} {reason}") from None
    except ssl.SSLError as exc:
        raise SendError(f"a secure connection to {where} failed ({exc.reason or exc})") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise SendError(f"sending through {where} failed ({exc})") from None
    if refused:
        raise SendError(f"the mail server refused {', '.join(refused)}")

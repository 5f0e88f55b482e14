"""One blocking connection to a Wyoming service (tcp:// or unix://), the client side the remote engines
(asr/wyoming_engine.py, tts/wyoming_tts.py) share. The pipeline calls engines synchronously, so they
speak the protocol over a plain blocking socket with the wyoming package's read_event/write_event.
The server side (assistant serve, the satellite) is assistant/wyoming/, which sits above the engines."""

from __future__ import annotations

import socket
from typing import BinaryIO
from urllib.parse import urlparse

from wyoming.error import Error
from wyoming.event import Event, read_event, write_event
from wyoming.info import Describe, Info

from .errors import UserError

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 60.0  # a long reply on a slow server


class Connection:
    """One blocking Wyoming connection (tcp:// or unix://)."""

    def __init__(self, uri: str, what: str):
        self.uri, self.what = uri, what
        parsed = urlparse(uri)
        try:
            if parsed.scheme == "tcp":
                if not parsed.hostname or parsed.port is None:
                    raise ValueError("no host or port")
                self.sock = socket.create_connection((parsed.hostname, parsed.port), CONNECT_TIMEOUT_S)
            elif parsed.scheme == "unix":
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.settimeout(CONNECT_TIMEOUT_S)
                self.sock.connect(parsed.path)
            else:
                raise ValueError("not tcp:// or unix://")
        except ValueError as exc:
            raise UserError(f"{what} address {uri!r} is not usable ({exc}); use tcp://HOST:PORT") from None
        except OSError as exc:
            raise UserError(
                f"cannot reach the {what} service at {uri} ({exc.strerror or exc}); start it or fix the address"
            ) from None
        self.sock.settimeout(READ_TIMEOUT_S)
        self.io: BinaryIO = self.sock.makefile("rwb")

    def send(self, event: Event) -> None:
        try:
            write_event(event, self.io)
        except OSError as exc:
            raise UserError(f"the {self.what} service at {self.uri} went away ({exc})") from None

    def receive(self) -> Event:
        try:
            event = read_event(self.io)
        except OSError as exc:
            raise UserError(f"the {self.what} service at {self.uri} did not answer ({exc})") from None
        if event is None:
            raise UserError(f"the {self.what} service at {self.uri} closed the connection mid-request")
        if Error.is_type(event.type):
            raise UserError(f"the {self.what} service at {self.uri} failed: {Error.from_event(event).text}")
        return event

    def close(self) -> None:
        try:
            self.io.close()
            self.sock.close()
        except OSError:
            pass


def describe(uri: str, what: str) -> Info:
    conn = Connection(uri, what)
    try:
        conn.send(Describe().event())
        while True:
            event = conn.receive()
            if Info.is_type(event.type):
                return Info.from_event(event)
    finally:
        conn.close()

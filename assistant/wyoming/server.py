"""`assistant serve`: the loaded assistant behind a Wyoming server (tcp://, unix:// or stdio://)."""

from __future__ import annotations

import logging
from urllib.parse import urlparse

from wyoming.server import AsyncServer

from ..errors import UserError
from ..runtime import Runtime
from .handler import describe_info, handler_factory
from .services import Services

log = logging.getLogger(__name__)


def check_uri(uri: str, what: str = "--uri") -> str:
    """One clear line for a URI the wyoming package would reject with a traceback."""
    parsed = urlparse(uri)
    if parsed.scheme == "tcp":
        try:
            port = parsed.port
        except ValueError:
            port = None
        if not parsed.hostname or port is None:
            raise UserError(f"{what} {uri!r} needs a host and a port, like tcp://127.0.0.1:10700")
        return uri
    if parsed.scheme == "unix" and parsed.path:
        return uri
    if parsed.scheme == "stdio" and what == "--uri":
        return uri
    raise UserError(f"{what} {uri!r} is not a Wyoming address; use tcp://HOST:PORT or unix:///PATH")


async def start_server(uri: str, runtime: Runtime | Services) -> AsyncServer:
    """Start serving without blocking (tests and embedding); stop with `await server.stop()`."""
    services = runtime if isinstance(runtime, Services) else Services(runtime)
    server = AsyncServer.from_uri(check_uri(uri))
    await server.start(handler_factory(services))
    return server


async def serve_forever(uri: str, runtime: Runtime) -> None:
    services = Services(runtime)
    server = AsyncServer.from_uri(check_uri(uri))
    log.info("serving %s on %s", describe_info(services.info()), uri)
    try:
        await server.run(handler_factory(services))
    except OSError as exc:  # address in use, permission denied
        raise UserError(f"cannot listen on {uri} ({exc.strerror or exc}); choose another port") from None

"""`assistant serve`: the loaded assistant behind a Wyoming server (tcp://, unix:// or stdio://)."""

from __future__ import annotations

import asyncio
import ipaddress
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
            raise UserError(f"{what} {uri!r} needs a host and a port, like tcp://127.0.0.1:10800")
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


def check_zeroconf(uri: str) -> None:
    """--zeroconf tells other machines where to connect: a tcp address they can reach."""
    parsed = urlparse(uri)
    if parsed.scheme != "tcp":
        raise UserError(f"--zeroconf announces a tcp server; {uri!r} is not one (use --uri tcp://0.0.0.0:PORT)")
    try:
        loopback = ipaddress.ip_address(parsed.hostname or "").is_loopback
    except ValueError:  # a host name: announced as the address it resolves to here
        loopback = parsed.hostname == "localhost"
    if loopback:
        raise UserError(
            f"--zeroconf with --uri {uri}: other machines cannot reach a loopback address; "
            f"listen on the network, e.g. --uri tcp://0.0.0.0:{parsed.port}"
        )


async def announce(uri: str, name: str):
    """Register the server as NAME._wyoming._tcp.local. (mDNS), as wyoming-piper and wyoming-faster-whisper
    do with the wyoming package's helper: Home Assistant then offers to add it. Returns the helper."""
    from wyoming.zeroconf import HomeAssistantZeroconf

    check_zeroconf(uri)
    parsed = urlparse(uri)
    host = None if parsed.hostname in ("0.0.0.0", "::") else parsed.hostname  # None: this machine's address
    try:
        zc = HomeAssistantZeroconf(port=parsed.port, name=name, host=host)
        await zc.register_server()
    except OSError as exc:  # no network to announce on
        raise UserError(f"--zeroconf: cannot announce on the network ({exc.strerror or exc})") from None
    log.info("announced as %s._wyoming._tcp.local. on %s:%s", name, zc.host, parsed.port)
    return zc


async def withdraw(zc) -> None:
    """Unregister (the helper has no close of its own), so Home Assistant drops the entry at once."""
    aiozc = getattr(zc, "_aiozc", None)
    if aiozc is not None:
        await aiozc.async_close()


async def serve_forever(uri: str, runtime: Runtime, zeroconf: str | None = None) -> None:
    services = Services(runtime)
    server = AsyncServer.from_uri(check_uri(uri))
    log.info("serving %s on %s", describe_info(services.info()), uri)
    announced: list = []

    async def announce_once_listening() -> None:
        # announced only once the socket accepts connections: a client that discovers the server at once
        # (Home Assistant does) must not be refused. wyoming's run() binds its `_server` before serving.
        while getattr(server, "_server", None) is None:
            await asyncio.sleep(0.02)
        try:
            announced.append(await announce(uri, zeroconf))
        except UserError as exc:  # serving goes on; only discovery is missing
            log.error("%s", exc)

    if zeroconf:
        check_zeroconf(uri)
    task = asyncio.create_task(announce_once_listening()) if zeroconf else None
    try:
        await server.run(handler_factory(services))
    except OSError as exc:  # address in use, permission denied
        raise UserError(f"cannot listen on {uri} ({exc.strerror or exc}); choose another port") from None
    finally:
        if task is not None:
            task.cancel()
        for zc in announced:
            await withdraw(zc)

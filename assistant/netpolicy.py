"""Nothing reaches the network unless `[network] allow = true`, whatever else the config names: a remote
language model, a Wyoming recognizer or voice on another machine is refused at start, in one line,
before any name is resolved. Loopback (127.0.0.0/8, ::1, localhost) and unix sockets are this machine."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlparse

from .config import Config
from .errors import UserError


def is_local(url: str) -> bool:
    host = urlparse(url).hostname
    if not host or host == "localhost":
        return True  # unix:///path, stdio://
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name: resolving it is already a network lookup


def check_network_use(config: Config) -> None:
    if config.network.get("allow", False):
        return
    named = []
    if config.llm.enabled and config.llm.preset == "remote" and config.llm.remote_url:
        named.append(("[llm] remote_url", config.llm.remote_url))
    if config.asr.engine == "wyoming" and config.asr.wyoming_uri:
        named.append(("[asr] wyoming_uri", config.asr.wyoming_uri))
    if config.tts.engine == "wyoming" and config.tts.wyoming_uri:
        named.append(("[tts] wyoming_uri", config.tts.wyoming_uri))
    for setting, url in named:
        if not is_local(url):
            raise UserError(
                f"{setting} {url} is another machine, and the assistant stays off the network unless "
                "[network] allow = true; set that, or use a server on this machine (127.0.0.1)"
            )

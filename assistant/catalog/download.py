"""Resumable HTTP downloads: a `.part` file grows across attempts (HTTP Range), tqdm shows progress,
and the caller verifies the finished file before anything is installed."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import requests
from tqdm import tqdm

from ..errors import UserError

CHUNK = 1 << 20
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


class Interrupted(UserError):
    """The transfer stopped part-way; the .part file is kept so the next attempt resumes."""


@dataclass
class Transfer:
    url: str
    resumed_from: int  # bytes already on disk when this attempt started
    received: int  # bytes received by this attempt
    total: int


def hash_file(path: Path, algorithm: str = "sha256") -> str:
    h = hashlib.new(algorithm)
    with path.open("rb") as f:
        while block := f.read(CHUNK):
            h.update(block)
    return h.hexdigest()


def fetch(
    url: str, part: Path, expected_size: int | None, label: str, progress: bool = True, timeout: float = 30
) -> Transfer:
    """Download url into `part`, continuing from its current length. Returns when the file is complete;
    raises Interrupted (part kept) on a dropped connection, UserError on anything that will not get
    better by retrying."""
    have = part.stat().st_size if part.exists() else 0
    if expected_size is not None and have > expected_size:
        part.unlink()  # longer than the real file: it is not a prefix of it
        have = 0
    if expected_size is not None and have == expected_size:
        return Transfer(url, have, 0, have)
    headers = {"Range": f"bytes={have}-"} if have else {}
    try:
        response = requests.get(url, headers=headers, stream=True, timeout=timeout, allow_redirects=True)
    except requests.RequestException as exc:
        raise Interrupted(
            f"cannot reach {url} ({type(exc).__name__}); check the network and try again"
        ) from None
    with response:
        if response.status_code == 416 and have:
            # the server says the range starts past the end: what we have may be the whole file
            m = re.search(r"/(\d+)", response.headers.get("Content-Range", ""))
            if m and int(m.group(1)) == have:
                return Transfer(url, have, 0, have)
            part.unlink()
            raise Interrupted(
                f"{url}: the partial download did not fit the server's file; run again to restart"
            )
        if response.status_code == 206:
            m = _CONTENT_RANGE.match(response.headers.get("Content-Range", ""))
            if not m or int(m.group(1)) != have:
                raise UserError(f"{url}: the server answered a resume request with the wrong byte range")
            total = int(m.group(3)) if m.group(3) != "*" else (expected_size or 0)
            mode = "ab"
        elif response.status_code == 200:
            have, mode = 0, "wb"  # no Range support (or a fresh start): begin again
            total = int(response.headers.get("Content-Length") or expected_size or 0)
        else:
            raise UserError(
                f"{url}: the server answered HTTP {response.status_code}; is the URL still right?"
            )
        if expected_size is not None and total and total != expected_size:
            raise UserError(
                f"{url} is {total} bytes but the catalogue says {expected_size}: the file changed upstream; "
                "refusing it"
            )
        received = 0
        bar = tqdm(
            total=total or None,
            initial=have,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            desc=label,
            disable=not progress,
            leave=False,
        )
        try:
            with part.open(mode) as out, bar:
                for block in response.iter_content(CHUNK):
                    out.write(block)
                    received += len(block)
                    bar.update(len(block))
        except requests.RequestException:  # (a subclass of OSError, so it goes first)
            raise Interrupted(
                f"download of {url} stopped after {have + received} of {total or '?'} bytes; "
                "run the same command again to resume"
            ) from None
        except OSError as exc:
            raise UserError(f"cannot write {part} ({exc}); is the disk full?") from None
    size = part.stat().st_size
    if total and size < total:
        raise Interrupted(
            f"download of {url} stopped after {size} of {total} bytes; run the same command again to resume"
        )
    return Transfer(url, have, received, size)

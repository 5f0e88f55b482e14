"""Reading Wyoming events with a bound: the wyoming package reads whatever data and payload lengths a
header announces (readexactly), so one header saying 4 GB would hold the connection's memory until it
arrived. The header line itself is bounded by the stream reader's limit (64 KiB)."""

from __future__ import annotations

import asyncio
import json

from wyoming.event import Event


class EventTooLarge(ValueError):
    pass


async def read_event_bounded(reader: asyncio.StreamReader, max_bytes: int) -> Event | None:
    """wyoming.event.async_read_event, refusing an event whose data + payload exceed max_bytes (before
    reading them). None at the end of the stream or for a line that is not an event."""
    try:
        line = await reader.readline()
        if not line:
            return None
        header = json.loads(line)
        data_length = int(header.get("data_length") or 0)
        payload_length = int(header.get("payload_length") or 0)
        if data_length < 0 or payload_length < 0 or data_length + payload_length > max_bytes:
            raise EventTooLarge(
                f"event {header.get('type')!r} announces {data_length + payload_length} bytes; the limit is "
                f"{max_bytes} ([wyoming] max_event_bytes)"
            )
        data = header.get("data") or {}
        if data_length:
            data.update(json.loads(await reader.readexactly(data_length)))
        payload = await reader.readexactly(payload_length) if payload_length else None
        return Event(type=header["type"], data=data, payload=payload)
    except EventTooLarge:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, asyncio.IncompleteReadError):
        return None  # as the wyoming package does: a broken stream ends the connection

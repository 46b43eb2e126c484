"""What a reader is told before playing a video: how long it runs, read from the MP4 file itself
(its movie header), so that editors need not type it and it cannot be wrong."""

from __future__ import annotations

import struct
from pathlib import Path

_CONTAINERS = {b"moov"}  # boxes whose children are read; the movie header sits in moov


def mp4_seconds(path: Path) -> float | None:
    """The running time of an MP4 file, or None when it has no readable movie header."""
    try:
        with open(path, "rb") as stream:
            return _find_duration(stream, path.stat().st_size)
    except (OSError, struct.error):
        return None


def _find_duration(stream, end: int) -> float | None:
    while stream.tell() + 8 <= end:
        start = stream.tell()
        size, kind = struct.unpack(">I4s", stream.read(8))
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", stream.read(8))[0], 16
        elif size == 0:
            size = end - start
        if size < header:
            return None
        if kind in _CONTAINERS:
            found = _find_duration(stream, start + size)
            if found is not None:
                return found
        elif kind == b"mvhd":
            version = stream.read(4)[0]
            if version == 1:
                timescale, duration = struct.unpack(">16xIQ", stream.read(28))
            else:
                timescale, duration = struct.unpack(">8xII", stream.read(16))
            return duration / timescale if timescale else None
        stream.seek(start + size)
    return None


def running_time(seconds: float | None) -> str:
    """`3分05秒`, `1小时02分`; empty when unknown."""
    if seconds is None:
        return ""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}小时{minutes:02d}分"
    return f"{minutes}分{secs:02d}秒" if minutes else f"{secs}秒"

"""The binary files of the index, shared by the builder and the reference query (search.js reads the same).

A posting list is a set of entry numbers, written the smaller of two ways:

    0                              empty
    1  ceil(total / 8) bytes       bitmap, bit n of byte n // 8 set for entry n
    2  varint count, count × u16   sorted entry numbers (little-endian), when total ≤ 65,536
    4  varint count, count × u32   the same, beyond that

A shard holds the lists of the keys whose CRC-32 (of the UTF-8 key) modulo the number of
shards is its number:

    varint keys, then per key: varint key length, key (UTF-8), varint payload length;
    then the payloads in the same order.

A platform's merged index keeps each agency's own entry numbers and lists: a key's payload is
the agencies' payloads for it, one segment each (see `encode_segments`), and the browser adds the
agency's offset (its first entry number on the platform) as it reads them. Entry order across
agencies (newest first) comes from each entry's date (`encode_days`).
"""

from __future__ import annotations

import sys
import zlib
from array import array
from itertools import compress, repeat

EMPTY, BITMAP, U16, U32 = 0, 1, 2, 4
# A bitmap is read and written a byte of eight 0/1 flags per entry, so that the work per entry is done in C.
_FLAGS = [bytes(byte >> bit & 1 for bit in range(8)) for byte in range(256)]
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def varint(value: int) -> bytes:
    return _VARINTS[value] if value < _SHORT else _varint(value)


def _varint(value: int) -> bytes:
    out = bytearray()
    while value > 0x7F:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


_SHORT = 1 << 14  # lengths and counts of one or two bytes, the merge writes millions of them
_VARINTS = [_varint(value) for value in range(_SHORT)]


def read_varint(data: bytes, offset: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, offset
        shift += 7


def _little_endian(numbers: array) -> bytes:
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tobytes()


def encode_list(entries: list[int], total: int) -> bytes:
    """`entries` sorted ascending, each below `total`."""
    if not entries:
        return bytes([EMPTY])
    width = U16 if total <= 1 << 16 else U32
    bitmap_size = (total + 7) // 8
    if len(entries) * width <= bitmap_size:
        return bytes([width]) + varint(len(entries)) + _little_endian(array("H" if width == U16 else "I", entries))
    flags = bytearray(bitmap_size * 8)
    any(map(flags.__setitem__, entries, repeat(1)))
    return bytes([BITMAP]) + int(flags.translate(_DIGITS)[::-1], 2).to_bytes(bitmap_size, "little")


def decode_list(data: bytes, offset: int, total: int) -> tuple[list[int], int]:
    """The entry numbers of the list at `offset`, and the offset after it."""
    kind = data[offset]
    offset += 1
    if kind == EMPTY:
        return [], offset
    if kind == BITMAP:
        end = offset + (total + 7) // 8
        return list(compress(range(total), b"".join(map(_FLAGS.__getitem__, data[offset:end])))), end
    count, offset = read_varint(data, offset)
    numbers = array("H" if kind == U16 else "I")
    numbers.frombytes(data[offset : offset + count * kind])
    if sys.byteorder == "big":
        numbers.byteswap()
    return list(numbers), offset + count * kind


def encode_segments(segments: list[tuple[int, bytes]]) -> bytes:
    """Each agency's payload behind its position among the platform's agencies and its length:

        per agency that has the key: varint agency, varint length, its payload (its own numbers)
    """
    return b"".join([part for agency, payload in segments for part in (varint(agency), varint(len(payload)), payload)])


def decode_segments(payload: bytes) -> list[tuple[int, bytes]]:
    segments, offset = [], 0
    while offset < len(payload):
        agency, offset = read_varint(payload, offset)
        size, offset = read_varint(payload, offset)
        segments.append((agency, payload[offset : offset + size]))
        offset += size
    return segments


_LONG_RUN = 0x80  # marks a run that does not fit in one byte


def encode_days(days: list[list[int]]) -> bytes:
    """Each agency's entry dates (ordinals, 0 for undated), in runs of one day:

        per agency: varint runs, then per run, with step = previous day - day (the first: - day):
          one byte (step - 1) << 4 | (length - 1)            for a step of 1–7 days and 1–16 entries
          0x80, varint zigzag(step), varint length            for any other
    An agency lists its entries newest first, so most runs are a byte: the table is fetched whole.
    """
    out = bytearray()
    for agency in days:
        runs: list[list[int]] = []
        for day in agency:
            if runs and runs[-1][0] == day:
                runs[-1][1] += 1
            else:
                runs.append([day, 1])
        out += varint(len(runs))
        previous = 0
        for day, length in runs:
            step = previous - day
            if 1 <= step <= 7 and length <= 16:
                out.append((step - 1) << 4 | (length - 1))
            else:
                out += bytes([_LONG_RUN]) + varint(step * 2 if step >= 0 else -step * 2 - 1) + varint(length)
            previous = day
    return bytes(out)


def decode_days(data: bytes) -> list[int]:
    """The dates of the platform's entries, agency after agency (as they are numbered)."""
    days: list[int] = []
    offset = 0
    while offset < len(data):
        runs, offset = read_varint(data, offset)
        previous = 0
        for _ in range(runs):
            head = data[offset]
            offset += 1
            if head == _LONG_RUN:
                step, offset = read_varint(data, offset)
                length, offset = read_varint(data, offset)
                previous -= step // 2 if step % 2 == 0 else -(step // 2) - 1
            else:
                previous -= (head >> 4) + 1
                length = (head & 15) + 1
            days.extend(repeat(previous, length))
    return days


def shard_of(key: str, shards: int) -> int:
    return zlib.crc32(key.encode("utf-8")) % shards


def shard_count(total_bytes: int, target: int) -> int:
    """A power of two that keeps the average shard near `target` bytes."""
    count = 1
    while total_bytes / count > target:
        count *= 2
    return count


def encode_shard(payloads: list[tuple[str, bytes]]) -> bytes:
    return encode_raw_shard([(key.encode("utf-8"), payload) for key, payload in payloads])


def encode_raw_shard(payloads: list[tuple[bytes, bytes]]) -> bytes:
    """A shard of keys given in UTF-8 (as they are in their shard), in the order given."""
    head = [varint(len(payloads))]
    for key, payload in payloads:
        head += (varint(len(key)), key, varint(len(payload)))
    return b"".join(head) + b"".join(payload for _, payload in payloads)


def decode_shard(data: bytes) -> dict[str, bytes]:
    return {key.decode("utf-8"): payload for key, payload in raw_shard(data)}


def raw_shard(data: bytes) -> list[tuple[bytes, bytes]]:
    """The keys of a shard, in UTF-8, with their payloads."""
    count, offset = read_varint(data, 0)
    keys = []
    for _ in range(count):
        length, offset = read_varint(data, offset) if data[offset] > 0x7F else (data[offset], offset + 1)
        end = offset + length
        size, offset = read_varint(data, end) if data[end] > 0x7F else (data[end], end + 1)
        keys.append((data[end - length : end], size))
    found = []
    for key, size in keys:
        found.append((key, data[offset : offset + size]))
        offset += size
    return found

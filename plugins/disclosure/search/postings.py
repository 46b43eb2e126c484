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
    out = bytearray()
    while value > 0x7F:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


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


def shard_of(key: str, shards: int) -> int:
    return zlib.crc32(key.encode("utf-8")) % shards


def shard_count(total_bytes: int, target: int) -> int:
    """A power of two that keeps the average shard near `target` bytes."""
    count = 1
    while total_bytes / count > target:
        count *= 2
    return count


def encode_shard(payloads: list[tuple[str, bytes]]) -> bytes:
    head = bytearray(varint(len(payloads)))
    for key, payload in payloads:
        encoded = key.encode("utf-8")
        head += varint(len(encoded)) + encoded + varint(len(payload))
    return bytes(head) + b"".join(payload for _, payload in payloads)


def decode_shard(data: bytes) -> dict[str, bytes]:
    count, offset = read_varint(data, 0)
    keys = []
    for _ in range(count):
        length, offset = read_varint(data, offset)
        key = data[offset : offset + length].decode("utf-8")
        size, offset = read_varint(data, offset + length)
        keys.append((key, size))
    payloads = {}
    for key, size in keys:
        payloads[key] = data[offset : offset + size]
        offset += size
    return payloads

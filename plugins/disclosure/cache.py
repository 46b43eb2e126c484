"""What reading a file produced, kept by a hash of its bytes, so unchanged content is not parsed again.

An entry depends only on the file's path and bytes, what it is read as, and the
code that reads it; the key hashes all of them, so an edit, a schema change or
an upgrade simply misses. Entries stay in memory for the life of the cache
(`mkdocs serve` keeps one across rebuilds) and on disk, by default under
`.cache/disclosure/`, for the next run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
from functools import cache
from importlib import metadata
from pathlib import Path

from disclosure.schemas import SCHEMA_DIR

PACKAGE = Path(__file__).resolve().parent
# Libraries whose behaviour shapes an entry: the YAML reader and the validators.
LIBRARIES = ("PyYAML", "jsonschema", "jsonschema-rs")
_VERSION = re.compile(r"[0-9a-f]{16}")


@cache
def code_version() -> str:
    """A digest of the code and schemas that make entries, and of the libraries they use."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted([*PACKAGE.rglob("*.py"), *SCHEMA_DIR.glob("*.json")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for library in LIBRARIES:
        digest.update(f"{library}={metadata.version(library)};".encode())
    return digest.hexdigest()


class ContentCache:
    """Entries by key, in memory and, when `directory` is given, on disk."""

    def __init__(self, directory: Path | None = None):
        self.place = directory
        self.directory = directory / code_version() if directory else None
        self.memory: dict[str, object] = {}
        self.stats: dict[Path, tuple[tuple, str]] = {}  # file → (its stat when last read, its key)
        self.hits = self.misses = 0
        if self.directory and not self.directory.is_dir():
            self._start_version()

    def _start_version(self) -> None:
        """Entries made by other code are never valid again: remove them (and nothing else)."""
        parent = self.directory.parent
        if parent.is_dir():
            for old in parent.iterdir():
                if old.is_dir() and _VERSION.fullmatch(old.name):
                    shutil.rmtree(old, ignore_errors=True)
        self.directory.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def key(*parts: str | bytes) -> str:
        digest = hashlib.blake2b(digest_size=20)
        for part in parts:
            digest.update(part.encode() if isinstance(part, str) else part)
            digest.update(b"\0")
        return digest.hexdigest()

    def recall(self, path: Path) -> str | None:
        """The key of a file this cache has read before, if its stat says it is unchanged since.

        Kept in memory only: `mkdocs serve` then reads just the files that were saved."""
        known = self.stats.get(path)
        return known[1] if known and self.signature(path) == known[0] else None

    @staticmethod
    def signature(path: Path) -> tuple | None:
        """What changes when a file is written: times, size, inode."""
        try:
            status = path.stat()
        except OSError:
            return None
        return status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino

    def remember(self, path: Path, signature: tuple, key: str) -> None:
        """`signature` must be taken before the file was read, so a later write is never missed."""
        self.stats[path] = (signature, key)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / key[2:]

    def get(self, key: str):
        entry = self.memory.get(key)
        if entry is None and self.directory:
            try:
                entry = pickle.loads(self._path(key).read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
                entry = None  # absent, or half written by a process that was stopped
            if entry is not None:
                self.memory[key] = entry
        if entry is None:
            self.misses += 1
        else:
            self.hits += 1
        return entry

    def put(self, key: str, entry) -> None:
        self.memory[key] = entry
        if not self.directory:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(exist_ok=True)
            # Written aside, then renamed: a concurrent reader sees all of it or nothing.
            aside = path.with_name(f"{path.name}.{os.getpid()}")
            aside.write_bytes(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(aside, path)
        except OSError:
            pass  # a read-only or full disk only costs speed

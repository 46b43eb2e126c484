"""What reading a file produced, kept by a hash of its bytes, so unchanged content is not parsed again.

An entry depends only on the file's path and bytes, what it is read as, and the
code that reads it; the key hashes all of them, so an edit, a schema change or
an upgrade simply misses. Entries stay in memory for the life of the cache
(`mkdocs serve` keeps one across rebuilds) and, by default, in one file under
`.cache/disclosure/` for the next run: one file, because writing ten thousand
small ones costs more than the parsing they save. The file is sealed with a key
kept outside the repository, and a file without the right seal is never
unpickled: a cache file committed to the repository cannot run code in CI.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import re
import secrets
from functools import cache
from importlib import metadata
from pathlib import Path

import platformdirs

from disclosure.schemas import SCHEMA_DIR

PACKAGE = Path(__file__).resolve().parent
# Libraries whose behaviour shapes an entry: the YAML reader and the validators.
LIBRARIES = ("PyYAML", "jsonschema", "jsonschema-rs")
_VERSION = re.compile(r"[0-9a-f]{16}\.pickle")
SEAL = 32  # bytes of the keyed digest in front of a cache file


@cache
def code_version() -> str:
    """A digest of the code and schemas that make entries, and of the libraries they use."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted([*PACKAGE.rglob("*.py"), *SCHEMA_DIR.glob("*.json")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for library in LIBRARIES:
        digest.update(f"{library}={metadata.version(library)};".encode())
    return digest.hexdigest()


@cache
def machine_key() -> bytes | None:
    """This user's secret for sealing cache files, made on first use; None when it cannot be kept."""
    path = Path(platformdirs.user_cache_dir("disclosure")) / "key"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass  # made by an earlier run, or by a process running now
    except OSError:
        return None
    else:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(secrets.token_bytes(SEAL))
    try:
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == SEAL else None


def _seal(key: bytes, data: bytes) -> bytes:
    return hashlib.blake2b(data, key=key, digest_size=SEAL).digest()


class ContentCache:
    """Entries by key, in memory and, when `directory` is given, in a file there."""

    def __init__(self, directory: Path | None = None):
        self.place = directory
        self.key_for_files = machine_key() if directory else None
        self.file = directory / f"{code_version()}.pickle" if self.key_for_files else None
        self.memory: dict[str, object] = {}
        self.stored: dict[str, object] | None = None  # the file's entries, read at the first miss
        self.used: set[str] = set()  # keys asked for since the last save
        self.changed = False
        self.stats: dict[str, tuple[tuple, str]] = {}  # file → (its stat when last read, its key)
        self.hits = self.misses = 0
        # Model objects by the parsed file they were built from, while that file is unchanged (memory only).
        self.models: dict[int, tuple[object, object]] = {}
        self.models_used: set[int] = set()

    @staticmethod
    def key(*parts: str | bytes) -> str:
        digest = hashlib.blake2b(digest_size=20)
        for part in parts:
            digest.update(part.encode() if isinstance(part, str) else part)
            digest.update(b"\0")
        return digest.hexdigest()

    def recall(self, path: str) -> str | None:
        """The key of a file this cache has read before, if its stat says it is unchanged since.

        Kept in memory only: `mkdocs serve` then reads just the files that were saved."""
        known = self.stats.get(path)
        return known[1] if known and self.signature(path) == known[0] else None

    @staticmethod
    def signature(path: str) -> tuple | None:
        """What changes when a file is written: times, size, inode."""
        try:
            status = os.stat(path)
        except OSError:
            return None
        return status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino

    def remember(self, path: str, signature: tuple, key: str) -> None:
        """`signature` must be taken before the file was read, so a later write is never missed."""
        self.stats[path] = (signature, key)

    def get(self, key: str):
        self.used.add(key)
        entry = self.memory.get(key)
        if entry is None and self.file:
            if self.stored is None:
                self.stored = self._load()
            entry = self.stored.get(key)
            if entry is not None:
                self.memory[key] = entry
        if entry is None:
            self.misses += 1
        else:
            self.hits += 1
        return entry

    def put(self, key: str, entry) -> None:
        self.memory[key] = entry
        self.used.add(key)
        self.changed = True

    def model(self, source, build):
        """`build(source)`, built once for as long as this same parsed file comes back."""
        known = self.models.get(id(source))
        if known is None or known[0] is not source:
            known = self.models[id(source)] = (source, build(source))
        self.models_used.add(id(source))
        return known[1]

    def _load(self) -> dict:
        try:
            sealed = self.file.read_bytes()
        except OSError:
            return {}
        seal, data = sealed[:SEAL], memoryview(sealed)[SEAL:]  # a view: no copy of a file of tens of MB
        if not hmac.compare_digest(seal, _seal(self.key_for_files, data)):
            return {}  # not written by this user's runs: never unpickled
        try:
            entries = pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, ImportError):
            return {}  # written by other code that happened to share the version
        return entries if isinstance(entries, dict) else {}

    def save(self) -> None:
        """Write the entries used since the last save, when one of them is new: entries of
        content that is gone are dropped, and so are files written by other code."""
        self.models = {key: known for key, known in self.models.items() if key in self.models_used}
        self.models_used = set()
        if self.file is None or not self.changed:
            self.used = set()
            return
        entries = {key: self.memory[key] for key in self.used if key in self.memory}
        try:
            self._write(pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
        except (pickle.PicklingError, TypeError, AttributeError):
            pass  # an entry holds something that cannot be stored (a function): memory only
        self.stored = {}  # memory now holds all the file does
        self.changed = False
        self.used = set()

    def _write(self, data: bytes) -> None:
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            # Written aside, then renamed: a concurrent reader sees all of it or nothing.
            aside = self.file.with_name(f"{self.file.name}.{os.getpid()}")
            with open(aside, "wb") as stream:
                stream.write(_seal(self.key_for_files, data))
                stream.write(data)
            os.replace(aside, self.file)
            for other in self.file.parent.iterdir():
                if other != self.file and _VERSION.fullmatch(other.name):
                    other.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only or full disk only costs speed

"""mkdocs.yml read the engine's way before MkDocs (or ProperDocs) reads it.

Their own reader stops, before any plugin is loaded, at a date that does not exist written
without quotes (`as_of: 2026-13-45`: a Python traceback) and at broken YAML (English parser
text). `disclosure-startup.pth`, installed with the package, calls `install` as the interpreter
starts; in a `mkdocs …` or `properdocs …` process only, it puts a first reading in front of
theirs that says what is wrong in one Chinese line naming the file, the line and the setting.
"""

from __future__ import annotations

import importlib
import os
import sys

BUILDERS = {"mkdocs": "MkDocsConfig", "properdocs": "ProperDocsConfig"}


def _program(argv: list[str]) -> str:
    """What the interpreter runs: `mkdocs` both for `mkdocs …` and for `python -m mkdocs …`."""
    for at, word in enumerate(argv[1:], start=1):
        if word == "-m":
            return argv[at + 1] if at + 1 < len(argv) else ""
        if not word.startswith("-"):
            return os.path.basename(word)
    return ""


def _read_first(load_file, abort):
    def load(config, config_file):
        name = getattr(config_file, "name", None)
        if isinstance(name, str) and os.path.isfile(name):
            from pathlib import Path

            from disclosure import options as settings

            shown = os.path.relpath(name)  # as the editor would type it, when under the current folder
            try:
                settings.load(Path(name if shown.startswith("..") else shown))
            except settings.ConfigFileError as error:
                raise abort(str(error)) from None
        return load_file(config, config_file)

    return load


def install() -> None:
    program = _program(getattr(sys, "orig_argv", []))
    if program not in BUILDERS:
        return
    try:
        defaults = importlib.import_module(f"{program}.config.defaults")
        exceptions = importlib.import_module(f"{program}.exceptions")
    except ImportError:  # the builder is not installed next to the engine
        return
    class Unreadable(exceptions.Abort):
        """The builder's own way to stop with a message (`serve` reports it and waits for a fix),
        said on stderr as the one line it is, without the blank line Abort puts before it."""

        def show(self, *args, **kwargs) -> None:
            print(self.format_message(), file=sys.stderr)

    config = getattr(defaults, BUILDERS[program])
    config.load_file = _read_first(config.load_file, Unreadable)

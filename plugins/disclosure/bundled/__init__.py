"""Files the engine ships in its wheel, found through importlib.resources.

- schemas/: the JSON Schemas (structure and Chinese field names), also what editors' settings point at;
- layouts/: the Jinja layouts that turn the model into page Markdown;
- theme/: Material overrides and the site's CSS/JS (theme/assets/), registered by the MkDocs plugin;
- starter/: the repository `disclosure init` creates.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _folder(name: str) -> Path:
    # A wheel is installed unpacked (and an editable install points at the source tree), so the
    # folder is a real directory that Jinja and MkDocs can read as one.
    return Path(str(resources.files(__name__) / name))


SCHEMAS = _folder("schemas")
LAYOUTS = _folder("layouts")
THEME = _folder("theme")
STARTER = _folder("starter")

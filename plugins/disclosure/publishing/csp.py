"""The Content-Security-Policy every built page carries, as <meta http-equiv> (a static site has no headers of its own).

Scripts run only from the site itself, or inline when the theme wrote them: each inline script
of the page outside its content is allowed by its SHA-256, computed from the page as built, so
Material's scripts and the site's overrides keep working whatever their text (some hold the
page's own path). The content never needs one: the sanitizer removed every script from it,
and a script there would not be hashed. No plugins (<object>/<embed>), no <base> elsewhere,
forms post only to the site.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_SOURCE = re.compile(r"\ssrc\s*=", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
# Types a browser runs; any other (`application/json`: Material's settings) is data, not script.
SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"})
_CHARSET = re.compile(r"<meta\s+charset\b[^>]*>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)


@lru_cache(maxsize=1024)  # the theme writes the same few scripts on every page
def script_hash(text: str) -> str:
    """The CSP source expression that allows an inline script with exactly this text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes, text = match.groups()
        kind = _TYPE.search(attributes)
        if not _SOURCE.search(attributes) and (kind.group(1).lower() if kind else "") in SCRIPT_TYPES:
            found.append(text)
    return found


def policy(hashes) -> str:
    return "; ".join(
        (
            " ".join(["script-src 'self'", *sorted(set(hashes))]),
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        )
    )


def with_policy(page: str, content: str) -> str:
    """`page` with its policy first in <head>, before any script; `content` is the sanitized content inside it."""
    theme = page.replace(content, "", 1) if content else page
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(map(script_hash, inline_scripts(theme)))}">'
    anchor = _CHARSET.search(page) or _HEAD.search(page)
    if anchor is None:
        return meta + page
    return page[: anchor.end()] + meta + page[anchor.end() :]

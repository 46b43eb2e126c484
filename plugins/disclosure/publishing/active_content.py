"""Every piece of active content in an HTML text that the theme did not put there: the output audit's eyes.

Active: a script element, an event-handler attribute, a javascript:/data:/vbscript: URL, <base>,
<meta http-equiv=refresh>, a frame or plugin element (<iframe>, <object>, <embed> …), CSS that
loads or runs something (`url(`, `@import`, `expression(`). The theme's own scripts are not
findings: a script loaded from the site's assets/ folder, or an inline script whose hash the
page's Content-Security-Policy lists (disclosure.publishing.csp put it there at build time).
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from html.parser import HTMLParser

from disclosure.publishing.csp import SCRIPT_TYPES, script_hash
from disclosure.repeated import Memo, pieces

_URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data", "codebase",
     "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "icon", "profile", "usemap", "archive", "classid", "srcset"}
)
_DANGEROUS_SCHEMES = ("javascript", "data", "vbscript")
_FRAMES = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "portal"})
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these inside a URL's scheme and around it
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_ACTIVE_CSS = re.compile(r"url\s*\(|@import|expression\s*\(|javascript:", re.I)
_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")


def _scheme(url: str) -> str:
    match = _SCHEME.match(_IGNORED.sub("", url).lower())
    return match.group(1) if match else ""


def _own_asset(src: str) -> bool:
    """A path on the site's own origin inside an assets/ folder, as the theme links its scripts
    (`../assets/site.js`; `/zwgk/assets/…` on the 404 page, which any folder may show)."""
    src = src.strip()
    if _scheme(src) or src[:2].replace("\\", "/") == "//":
        return False
    return "assets" in posixpath.normpath(src.split("?")[0].split("#")[0]).split("/")


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.allowed_hashes: set[str] = set()
        self.inline: tuple[int, list[str]] | None = None  # (line, text) of the inline script being read
        self.style: tuple[int, list[str]] | None = None

    def found(self, what: str, line: int | None = None) -> None:
        self.findings.append(f"第 {line or self.getpos()[0]} 行：{what}")

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found(f"<{tag}> 的 {name} 事件属性")
            elif name in _URL_ATTRIBUTES:
                urls = [item.strip().split(" ")[0] for item in value.split(",")] if name == "srcset" else [value]
                for url in urls:
                    if _scheme(url) in _DANGEROUS_SCHEMES:
                        self.found(f"<{tag}> 的 {name} 使用 {_scheme(url)}: 网址")
            elif name == "style" and _ACTIVE_CSS.search(value):
                self.found(f"<{tag}> 的 style 属性加载或执行内容")
        if tag == "script":
            kind = values.get("type", "").strip().lower()
            if "src" in values:
                if not _own_asset(values["src"]):
                    self.found(f"不是本站 assets/ 下的外部脚本 {values['src'][:80]}")
            elif kind in SCRIPT_TYPES:
                self.inline = (self.getpos()[0], [])
        elif tag == "style":
            self.style = (self.getpos()[0], [])
        elif tag == "base":
            self.found("<base> 元素（改变页面全部链接的指向）")
        elif tag == "meta":
            equiv = values.get("http-equiv", "").strip().lower()
            if equiv == "refresh":
                self.found("<meta http-equiv=\"refresh\"> 自动跳转")
            elif equiv == "content-security-policy":
                self.allowed_hashes.update(_HASH.findall(values.get("content", "")))
        elif tag in _FRAMES:
            self.found(f"<{tag}> 内嵌内容")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.handle_endtag(tag)

    def handle_data(self, data):
        for reading in (self.inline, self.style):
            if reading is not None:
                reading[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.inline is not None:
            line, text = self.inline
            self.inline = None
            if script_hash("".join(text)) not in self.allowed_hashes:
                self.found("内联脚本（本页的内容安全策略未列出它的哈希）", line)
        elif tag == "style" and self.style is not None:
            line, text = self.style
            self.style = None
            if _ACTIVE_CSS.search("".join(text)):
                self.found("<style> 样式加载或执行内容（url(、@import、expression()", line)


def findings(html: str, memo: Memo | None = None) -> list[str]:
    """Chinese descriptions, each with its line, of the active content in `html` the theme did not put
    there; with a `memo` (suspect_memo()), pieces of earlier pages (disclosure.repeated) are not looked at again."""
    return [] if _plainly_inert(html, memo) else _scan(html)


def suspect_memo() -> Memo:
    return Memo(_suspect)


# The fast look, for the audit of ten thousand pages (the parser reads some 5 MB a second): a page
# whose scripts are all in the theme's own plain forms, and whose other text holds nothing that
# could spell active content even behind a character reference, has none. Anything else is parsed.
def _spaced(word: str) -> re.Pattern:
    return re.compile("[\\x00-\\x20\\x7f]*".join(word))


# Searched in lower case; plain substring tests where they suffice (each much faster than a regex).
_SUSPECT_PATTERNS = (
    # An attribute whose name starts with "on", as the parser reads names: after a space, /, quote or =
    # (what follows "on" always ends the name somewhere). Written from "on", which the engine finds fast.
    re.compile(r"""on(?<=[\s/"'=]on)"""),
    *(_spaced(scheme + ":") for scheme in _DANGEROUS_SCHEMES),
)
_SUSPECT_WORDS = (
    "&#", "&colon", "&tab", "&newline",  # a character reference could spell any of it
    "<base", "<style", "refresh", "url(", "@import", "expression", *(f"<{tag}" for tag in sorted(_FRAMES)),
)
_THEME_SCRIPT = re.compile(r"""<script((?: (?:src|id|type)="[^"<>&]*"| defer)*)>(.*?)</script>""", re.S)
_POLICY = re.compile(r"""<meta http-equiv="Content-Security-Policy" content="([^"]*)">""")
_SCRIPT_START = re.compile(r"<script", re.I)


def _plainly_inert(html: str, memo: Memo | None = None) -> bool:
    policy = _POLICY.search(html)
    allowed = set(_HASH.findall(policy.group(1))) if policy else set()
    scripts = list(_THEME_SCRIPT.finditer(html))
    if len(scripts) != len(_SCRIPT_START.findall(html)):
        return False
    parts, start = [], 0
    for script in scripts:
        needs = _script_needs(script.group())
        if needs is False or (needs is not True and needs not in allowed):
            return False
        parts.append(html[start:script.start()])
        start = script.end()
    parts.append(html[start:])
    rest = "".join(parts)
    if memo is None:
        return not _suspect(rest)
    # Nothing suspect holds a "<" but at its start, and none starts with a tag the pieces are cut at:
    # the whole is suspect where one of its pieces is.
    for piece in pieces(rest):
        if memo(piece):
            return False
    return True


@lru_cache(maxsize=1024)  # the theme writes the same few scripts on every page
def _script_needs(element: str) -> str | bool:
    """What a script element in the theme's plain form needs to be the theme's: nothing (True: its own
    asset, or data), the hash its page's policy must list, or False: it cannot be told so plainly."""
    attributes, text = _THEME_SCRIPT.fullmatch(element).groups()
    source = re.search(r' src="([^"]*)"', attributes)
    kind = re.search(r' type="([^"]*)"', attributes)
    if "<script" in text.lower() or "</script" in text.lower():
        return False
    if source:
        return not text and _own_asset(source.group(1))
    if (kind.group(1).lower() if kind else "") in SCRIPT_TYPES:
        return script_hash(text)
    return True


def _suspect(text: str) -> bool:
    text = text.lower()
    return any(word in text for word in _SUSPECT_WORDS) or any(pattern.search(text) for pattern in _SUSPECT_PATTERNS)


def _scan(html: str) -> list[str]:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    if scanner.inline is not None:  # a script left open runs to the end of the page
        scanner.found("未闭合的内联脚本", scanner.inline[0])
    return scanner.findings

"""The allowlist every page's content passes through, and what it would remove from an editor's text.

Two lists: CONTENT is what an editor's Markdown may produce (headings, paragraphs, lists, tables,
links, images, emphasis, code, quotes) and is what `disclosure check` holds bodies and fields to;
PAGE adds what the site's own page templates write around them (navigation, table captions, the
search form, ARIA). The build applies PAGE to every page, so whatever the check let through or a
non-strict build kept, no script, event handler, foreign scheme, frame, <base>, <meta> or <style>
reaches a page. URLs: http(s), mailto, tel, or a path inside the site.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_HEADINGS = {f"h{level}" for level in range(1, 7)}
CONTENT_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div",
        "dl", "dt", "em", "figcaption", "figure", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre",
        "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "u", "ul",
    }
    | _HEADINGS
)
_CELL = {"colspan", "rowspan", "style"}  # style: only text-align, which Markdown tables write
CONTENT_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": _CELL,
    "th": _CELL | {"scope"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "col": {"span"},
    "colgroup": {"span"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "details": {"open"},
}
# The classes Markdown extensions write that the theme styles: admonitions (`!!! note "标题"`).
ADMONITIONS = frozenset({"note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug", "example", "quote"})
CONTENT_CLASSES = {"div": ADMONITIONS | {"admonition"}, "p": {"admonition-title"}}

# The page templates' own markup (plugins/disclosure/templates/): trusted, and the text they put
# into it is escaped, but it passes the same sanitizer as the content around it.
PAGE_TAGS = CONTENT_TAGS | {"nav", "form", "input", "select", "option", "label", "button"}
_ARIA = {"role", "aria-label", "aria-labelledby", "aria-describedby", "aria-current", "aria-hidden", "tabindex", "hidden", "class"}
PAGE_ATTRIBUTES = {tag: set(names) for tag, names in CONTENT_ATTRIBUTES.items()} | {
    "form": {"action", "method"},
    "input": {"name", "type", "autocomplete", "spellcheck", "enterkeyhint", "placeholder"},
    "select": {"name"},
    "option": {"value", "selected"},
    "label": {"for"},
    "button": {"type"},
}
PAGE_ATTRIBUTES["*"] = PAGE_ATTRIBUTES["*"] | _ARIA
PAGE_ATTRIBUTES["a"] = PAGE_ATTRIBUTES["a"] | {"rel", "download"}
PAGE_ATTRIBUTES["td"] = PAGE_ATTRIBUTES["td"] | {"data-label"}
PAGE_ATTRIBUTES["div"] = {"data-search-page"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # shown as \x09: a tab hidden in `jav\tascript:`
_NETWORK_PATH = re.compile(r"[\s\x00-\x1f]*[/\\]{2}")  # //host/…: another site, whatever the page's scheme


def _filter(tag: str, attribute: str, value: str) -> str | None:
    """Ids the theme's scripts look up (`__config`, `__search`…) cannot be taken by content, and a
    site-relative URL is a path, not `//other.site/`."""
    if attribute == "id":
        return None if value.startswith("__") else value
    if attribute in ("href", "src", "action", "cite") and _NETWORK_PATH.match(value):
        return None
    return value


def _cleaner(tags, attributes, classes=None) -> nh3.Cleaner:
    class_tags = {} if classes is None else {"allowed_classes": classes}
    return nh3.Cleaner(
        tags=set(tags),
        clean_content_tags={"script", "style", "noscript", "template", "iframe", "object", "embed", "textarea", "title"},
        attributes={tag: set(names) for tag, names in attributes.items()},
        attribute_filter=_filter,
        strip_comments=True,  # editors' notes to each other: never on a page
        link_rel=None,
        url_schemes=set(SCHEMES),
        filter_style_properties={"text-align"},
        **class_tags,
    )


_PAGE = _cleaner(PAGE_TAGS, PAGE_ATTRIBUTES)
_CONTENT = _cleaner(CONTENT_TAGS, CONTENT_ATTRIBUTES, CONTENT_CLASSES)


def sanitize(html: str) -> str:
    """A page's content HTML with only what PAGE allows."""
    return _PAGE.clean(html)


@dataclass(frozen=True)
class Removal:
    """One thing the sanitizer would take out: an element, or an attribute (with its value) of one."""

    tag: str
    attribute: str = ""
    value: str = ""

    def describe(self) -> str:
        if not self.attribute:
            return f"<{self.tag}> 元素"
        if self.attribute.startswith("on"):
            return f"<{self.tag}> 的 {self.attribute} 事件属性"
        shown = _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", self.value)
        shown = shown if len(shown) <= 40 else shown[:40] + "…"
        return f"<{self.tag}> 的 {self.attribute}=\"{shown}\" 属性"

    def needles(self) -> tuple[str, ...]:
        """Text to look for in the source to say on which line it was written."""
        if self.attribute:
            return (self.value.strip()[:20], self.attribute, self.tag)
        return ("<" + self.tag,)


def _style(value: str) -> str:
    return ";".join(sorted(part.replace(" ", "").lower() for part in value.split(";") if part.strip()))


class _Markup(HTMLParser):
    """Every element and attribute of an HTML text in order, as the sanitizer's output is compared with its input."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[Removal] = []

    def handle_starttag(self, tag, attrs):
        self.found.append(Removal(tag))
        for name, value in attrs:
            value = value or ""
            if name == "class":
                self.found += [Removal(tag, name, word) for word in value.split()]
            else:
                self.found.append(Removal(tag, name, _style(value) if name == "style" else value))


def _markup(html: str) -> list[Removal]:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.found


def removals(html: str, *, page: bool = False) -> list[Removal]:
    """What the CONTENT allowlist (PAGE: for a whole page's content) would take out of `html`, in order."""
    kept = Counter(_markup((_PAGE if page else _CONTENT).clean(html)))
    missing = []
    for item in _markup(html):
        if kept[item]:
            kept[item] -= 1
        else:
            missing.append(item)
    # An element removed with its content takes its attributes along: name it once.
    gone = {removal.tag for removal in missing if not removal.attribute}
    return [removal for removal in missing if not removal.attribute or removal.tag not in gone]

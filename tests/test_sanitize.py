"""The sanitizer through the whole page pipeline: random hostile values in every kind of field and
body, rendered by the page templates and the site's Markdown, sanitized, hold no active content;
and the site's own pages lose nothing to it."""

from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import MINI, REPO
from disclosure.check import check_repository
from disclosure.options import from_config_file
from disclosure.pages.site import build_pages
from disclosure.publishing import active_content
from disclosure.publishing.active_content import findings
from disclosure.publishing.csp import inline_scripts, policy, script_hash, with_policy
from disclosure.publishing.markup import content_markup
from disclosure.publishing.sanitize import removals, sanitize
from disclosure.release import Release

# Pieces an attacker strings together: markup, schemes, references, quotes and brackets that end
# a link target or an attribute, attribute lists, comments, parser-confusing elements.
FRAGMENTS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="', '">', "javascript:", "jav&#x09;ascript:",
    "&#106;avascript:", "java\nscript:", "data:text/html,<script>1</script>", "vbscript:", "{: onmouseover=alert(1) }",
    "{ onclick=x }", "{#__config}", "[x](", ")", "(", "]", "[", "<", ">", '"', "'", "`", "*", "\n", "\n\n", " ", "\t",
    "<!--", "-->", "<style>@import url(x)</style>", "<base href=//evil>", '<meta http-equiv="refresh" content="0">',
    "<iframe src=x></iframe>", "<object data=x>", "<embed src=x>", "<svg onload=alert(1)>", "<math><mi xlink:href=javascript:1>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<template><script>1</script></template>",
    "<textarea></textarea><img src=x onerror=1>", '<p style="background:url(javascript:1)">', "<form action=x><button>",
    "!!! danger\n    x", "## h {: onclick=x }", "| a | b |\n| - | - |\n| <img src=x onerror=1> | c |", "<div markdown>", "</div>",
    "https://evil.example/x.js", "//evil.example", "法律援助", "测试", "&lt;", "&", "#",
]
hostile = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map("".join)

mini_options = functools.cache(lambda: from_config_file(MINI / "mkdocs.yml", cache_dir=""))
site_markup = functools.cache(content_markup)  # making one loads every extension


@pytest.fixture(scope="module")
def release() -> Release:
    return Release(check_repository(MINI, mini_options()).project, mini_options().as_of)


def page_html(markdown_page: str) -> str:
    """The content HTML MkDocs makes of a generated page (front matter aside), then sanitized."""
    body = markdown_page.split("\n---\n", 1)[1] if markdown_page.startswith("---\n") else markdown_page
    renderer = site_markup().renderer.reset()
    return sanitize(renderer.convert(body))


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(values=st.lists(hostile, min_size=12, max_size=12))
def test_no_value_anywhere_makes_a_page_active(release, values):
    document, interpretation, guide = release.documents[0], release.interpretations[0], release.guides[0]
    organization, leaf = release.organization, next(item for item in release.catalogue.walk() if item.is_leaf)
    document.title, document.summary, document.body, document.doc_number = values[0], values[1], values[2], values[3]
    document.topics = [values[4]]
    interpretation.title, interpretation.body, interpretation.media = values[5], values[6], "https://" + values[7]
    organization.name, leaf.channels = values[8], [values[9]]
    guide.name, guide.location = values[10], values[11]
    for page in build_pages(release, mini_options()):
        assert findings(page_html(page.markdown)) == [], page.path


@pytest.mark.slow  # renders every page of the demo site
def test_the_site_templates_lose_nothing_to_the_sanitizer():
    """Every page of the demo, as the templates write it, passes the allowlist untouched: the
    sanitizer changes nothing but what content should not have had."""
    options = from_config_file(REPO / "mkdocs.yml", cache_dir="")
    result = check_repository(REPO, options)
    markup = content_markup()
    lost = {}
    for page in build_pages(Release(result.project, options.as_of), options):
        markup.renderer.reset()
        body = page.markdown.split("\n---\n", 1)[1]
        lost[page.path] = [removal.describe() for removal in removals(markup.renderer.convert(body), page=True)]
    assert {path: what for path, what in lost.items() if what} == {}


def test_a_body_that_passes_the_check_is_kept_as_written():
    html = site_markup().renderer.reset().convert("## 标题\n\n!!! note \"提示\"\n    注意。\n\n| 甲 | 乙 |\n| :- | -: |\n| [链接](https://a.example/) | ![图](../x.png) |")
    assert removals(html) == []
    assert sanitize(html).count("<") == html.replace("<br />", "<br>").count("<")


def test_the_policy_lists_the_theme_scripts_and_not_the_content():
    page = '<html><head><meta charset="utf-8"><script>theme()</script></head><body><article>CONTENT</article>' \
           '<script id="__config" type="application/json">{}</script><script src="assets/x.js"></script></body></html>'
    content = "<p>CONTENT<script>content()</script></p>"
    built = with_policy(page.replace("CONTENT", content, 1), content)
    assert built.index("Content-Security-Policy") < built.index("<script>")
    assert script_hash("theme()") in built and script_hash("content()") not in built and script_hash("{}") not in built
    assert inline_scripts(built) == ["theme()", "content()"]
    assert findings(built) == ["第 1 行：内联脚本（本页的内容安全策略未列出它的哈希）"]
    assert policy([]) == "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"


@pytest.mark.parametrize(
    ("html", "what"),
    [
        ('<a href="jav&#x09;ascript:x">', "<a> 的 href 使用 javascript: 网址"),
        ("<img src=' DATA:image/png,1'>", "<img> 的 src 使用 data: 网址"),
        ("<p OnClick=x>", "<p> 的 onclick 事件属性"),
        ("<base href=/>", "<base> 元素"),
        ("<meta http-equiv=REFRESH content=0>", '<meta http-equiv="refresh"> 自动跳转'),
        ("<iframe src=x>", "<iframe> 内嵌内容"),
        ("<embed src=x>", "<embed> 内嵌内容"),
        ("<style>a{background:url(x)}</style>", "<style> 样式"),
        ('<script src="https://cdn.example/x.js"></script>', "外部脚本"),
        ('<script src="//cdn.example/assets/x.js"></script>', "外部脚本"),
        ("<script>alert(1)</script>", "内联脚本"),
    ],
)
def test_active_content_is_found_in_any_spelling(html, what):
    assert any(what in finding for finding in findings(html)), findings(html)


def test_the_theme_scripts_are_not_findings():
    assert findings('<script src="../assets/javascripts/bundle.js"></script><script type="application/json">{"a":1}</script>') == []


# A page as the theme writes it, its inline script hashed into its policy; content goes in the article.
THEME_PAGE = with_policy(
    '<html><head><meta charset="utf-8"><script>__md_scope=1</script></head><body><article>CONTENT</article>'
    '<script id="__config" type="application/json">{"a": 1}</script><script src="../assets/javascripts/bundle.js"></script></body></html>',
    "CONTENT",
)
SCRIPT_TRICKS = [
    '<script src="../assets/x.js" data-x=">">', "</script>", "<SCRIPT>", "<script >", "<!--<script>-->", "<script>__md_scope=1</script>",
    '<script src="../assets/x.js">', '<script type="module">', '<script type="text/plain">', "&#x3C;script&#x3E;", " onclick", "on=",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS + SCRIPT_TRICKS), max_size=8).map("".join))
@example('<a href="<a href=" onclick')  # an attribute name the parser ends at the next tag's "/"
def test_the_fast_look_never_hides_what_the_parser_finds(content):
    page = THEME_PAGE.replace("CONTENT", content, 1)
    assert findings(page) == active_content._scan(page)


def test_a_theme_page_takes_the_fast_look():
    assert active_content._plainly_inert(THEME_PAGE.replace("CONTENT", "<p>法律援助</p>", 1))

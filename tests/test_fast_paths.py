"""The shortcuts taken for speed never let through what the full checks would catch."""

import copy
import functools
import posixpath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINI
from disclosure import pii, repeated
from disclosure.loader import Loader
from disclosure.pages.render import relative
from disclosure.publishing import active_content, markup
from disclosure.publishing.markup import content_markup
from disclosure.rules import markup as markup_rule
from disclosure.rules import safety
from disclosure.schemas import schema
from disclosure.sources import Located

FILES = (
    (MINI, "catalogue/docs/rules.md", "document", True),
    (MINI, "interpretations/rules.md", "interpretation", True),
    (MINI, "guides/lawyer.yml", "guide", False),
    (MINI, "catalogue/organization.yml", "organization", False),
    (MINI, "catalogue/directory.yml", "directory", False),
    (MINI, "catalogue/negative-list.yml", "negative-list", False),
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats()
    | st.text(st.sampled_from("0123456789-:/〔〕号<>@.abcxyzX 中文\n")),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["name", "code", "x", "date", "phone"]), inner, max_size=3),
    max_leaves=6,
)


def key_paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from key_paths(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from key_paths(child, path + (index,))


def mutated(data, path, action, value):
    data = copy.deepcopy(data)
    if not path:
        return value if action == "replace" else data
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if action == "delete":
        del parent[path[-1]]
    elif action == "replace":
        parent[path[-1]] = value
    elif isinstance(parent, dict):
        parent[f"{path[-1]}_extra"] = value
    return data


@pytest.mark.slow
@pytest.mark.parametrize(("root", "rel", "name", "markdown"), FILES, ids=[f[1] for f in FILES])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_fast_validation_never_accepts_what_the_full_validator_rejects(root, rel, name, markdown, data):
    located = Loader(root).read(rel, name, markdown=markdown)
    assert schema(name).is_valid(located.data), "valid content must take the fast path"
    paths = list(key_paths(located.data))
    path = data.draw(st.sampled_from(paths))
    action = data.draw(st.sampled_from(["delete", "replace", "add"]))
    candidate = mutated(located.data, path, action, data.draw(json_values))
    if schema(name).is_valid(candidate):
        assert list(schema(name).validator.iter_errors(candidate)) == []


def test_the_full_pass_still_explains_a_rejected_file(mini, capsys):
    located = Loader(mini).read("catalogue/docs/news.md", "document", markdown=True)
    located.data["kind"] = "工作简报"
    assert not schema("document").is_valid(located.data)
    assert [p.code for p in schema("document").check(located)] == ["D103"]


def findings(text: str) -> list:
    """What the safety and markup rules report for `text` as a body and as a front-matter value."""
    source = Located("x.md", data={"title": text, "items": [{"name": text}]}, marks={(): (1, 1)}, body_line=5)
    found = [*safety._scan(source, text), *markup_rule._scan(source, text, site_markup())]
    return [(d.code, d.line, d.column, d.field) for d in found]


site_markup = functools.cache(content_markup)  # making one loads every extension
unsafe_text = st.text(st.sampled_from("0123456789١٢３Xx<>:=/\\&#;\t\n{}[]()!\" jJavascriptAVSCRIPTſ onclickifrmehtp.文件"), max_size=40)
# Links as editors write them, and as an attacker bends them.
link_text = st.lists(st.sampled_from(["[a](", "](", "]: ", "]:\n ", ")", "https://", "http://", "mailto:", "tel:", "//", "java", "script:", "data:", "&#106;", "&colon;", "\t", "\n", " ", '"t"', "../x.pdf", "#", "文件", "\\", "(", "![i]("]), max_size=10).map("".join)


def prefilters_pass(patch) -> None:
    patch.setattr(pii, "may_hold_numbers", lambda _: True)
    patch.setattr(markup_rule, "may_hold_markup", lambda _: True)
    patch.setattr(markup, "may_hold_markup", lambda _: True)


@pytest.mark.slow
@settings(max_examples=500, deadline=None)  # a property, not a speed target: a loaded machine must not fail it
@given(st.one_of(unsafe_text, link_text))
def test_safety_prefilter_never_hides_a_finding(text):
    with pytest.MonkeyPatch.context() as patch:
        prefilters_pass(patch)
        everything = findings(text)
    assert findings(text) == everything


@pytest.mark.parametrize(
    "text",
    ["<script>", "<iframe src=x>", "[x](java&#115;cript:y)", "文件\n{: onclick=y }", "*文件*{: onmouseover=y }", '<a href="x" onclick="y">', "身份证11010519491231002X号", "电话13912345678"],
)
def test_safety_prefilter_on_known_unsafe_text(text):
    assert findings(text) and (markup.may_hold_markup(text) or pii.may_hold_numbers(text))


site_paths = st.lists(st.sampled_from(["documents", "catalogue", "01", "0101", "a-b", "index.md", "x.pdf", "."]), max_size=4).map("/".join)


@given(site_paths, site_paths)
def test_relative_links_are_those_of_posixpath(target, start):
    assert relative(target, start) == posixpath.relpath(target or ".", start or ".")


slipped_lines = st.lists(
    st.lists(st.sampled_from(["title", "- ", "  ", "\t", "\u3000", "\u00a0", "\u2003", "\u200b", ":", "：", " :", " ", "“", "”", "‘", "’", "值", "|", "#", "a", "\r"]), max_size=8).map("".join),
    max_size=6,
).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(slipped_lines)
def test_lines_left_unread_by_the_slip_scan_need_no_mending(text):
    from disclosure import slips

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(slips, "_MAY_SLIP", type("Always", (), {"search": staticmethod(lambda line: True)}))
        everything = slips.scan(text, "x.yml", 0)
    fast = slips.scan(text, "x.yml", 0)
    assert (fast.text, fast.problems, fast.lines) == (everything.text, everything.problems, everything.lines)


nested_yaml = st.lists(st.sampled_from(["- ", "[", "{a: ", "? ", ": ", "  ", "\n", "a", "]", "}", ", ", "b: "]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(nested_yaml, st.integers(0, 70))
def test_the_shallow_text_shortcut_never_hides_deep_nesting(text, repeat):
    from disclosure import sources

    text = (text * repeat + "\n# " + "x" * sources._SHORTEST_CRASH)[: sources._SHORTEST_CRASH * 2]
    def outcome(check):
        try:
            check(text)
        except sources._TooComplex:
            return "deep"
        except Exception:
            return "not yaml"
        return "ok"

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sources, "_FLOW_LEVELS", -1)  # the shortcut never taken
        everything = outcome(sources._check_depth)
    if everything == "deep":
        assert outcome(sources._check_depth) == "deep"


# -- the audit reads what every page repeats once (disclosure.repeated) ---------------------------------
page_fragments = st.sampled_from(
    [*(f"<{tag} a=1>" for tag in repeated.CUT_TAGS), *(f"</{tag}>" for tag in repeated.CUT_TAGS), "<p>", "<b>", "</span>", "<Div>",
     "<!--", "-->", "<", ">", "&#49;", "&#x31", "&nbsp;", "１", "٣", " ", "-", "\n", "\u200b", "X", "中", "11010519491231002X",
     "110105", "19491231", "002X", "1101051949", "1231002", "<!-- <div> -->", "<!-->", "on", '"on', " onclick", "java\nscript:",
     "&colon;", "url(", "<base", "<style>", "<iframe>", "<script>x</script>"]
)
# An ID number with markup between its parts: block tags end it, others do not.
marked_id = st.lists(st.sampled_from(["", "<b>", "</span>", "<Div>", "<div>", "</ul>", "<!-- <div> -->", " ", "\n"]), min_size=3, max_size=3).map(
    lambda between: "110105" + between[0] + "1949" + between[1] + "1231" + between[2] + "002X"
)
page_texts = st.lists(page_fragments | marked_id, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(page_texts, min_size=1, max_size=6), st.data())
def test_pages_read_with_a_memo_read_as_each_alone(pages, data):
    # Pages share pieces as a site's pages do: each may repeat an earlier one around its own text.
    pages = [pages[0], *(data.draw(st.sampled_from(pages)) + page + pages[0] for page in pages[1:])]
    numbers, scripts = pii.resident_id_memo(), active_content.suspect_memo()
    for page in pages:
        assert pii.resident_ids(page, numbers) == pii.resident_ids(page)
        assert active_content.findings(page, scripts) == active_content.findings(page) == active_content._scan(page)


def test_pages_are_cut_only_where_a_reading_may_be():
    block = set(pii._BLOCK.split("|"))  # a run of digits ends at each: disclosure.pii
    assert set(repeated.CUT_TAGS) <= block
    looked_for = {"base", "style", *active_content._FRAMES}  # active content begins with no tag of the cut
    assert not looked_for & set(repeated.CUT_TAGS)
    text = "<head><title>1</title></head><div>2</div>"
    assert "<".join(repeated.pieces(text)) == text and len(repeated.pieces(text)) == 7

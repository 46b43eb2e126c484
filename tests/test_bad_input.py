"""Bad input, one case per row: what an editor got wrong, and where `disclosure check` must say so.

Each case edits a copy of tests/fixtures/mini (checked as of 2021-06-30, set in its
mkdocs.yml) and expects the exit code, and a diagnostic with the code, file and line.
The files and their line numbers are in tests/fixtures/mini; a line comment names
the line each case points at when it is not the edited one.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import check
from disclosure.diagnostics import CODES

ORGANIZATION = "catalogue/organization.yml"
DIRECTORY = "catalogue/directory.yml"
NEGATIVE = "catalogue/negative-list.yml"
RULES = "catalogue/docs/rules.md"  # a 规范性文件 with an attachment, interpreted by INTERPRETATION
NEWS = "catalogue/docs/news.md"  # a 工作动态
INTERPRETATION = "interpretations/rules.md"
GUIDE = "guides/lawyer.yml"
CALENDAR = "calendar.yml"
REPORT = "catalogue/annual-reports/2020.yml"
CONFIG = "mkdocs.yml"

RULES_ID, NEWS_ID = "014500123/2020-00001", "014500123/2021-00001"
ID_NUMBER = "11010519491231002X"  # the check character is right: it reads as a real resident ID
WIDE_ID = ID_NUMBER.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})  # full-width: １１０…Ｘ


@dataclass(frozen=True)
class Case:
    name: str
    file: str  # the file edited
    edit: Callable[[Path, Path], None]  # (repository root, file) → None
    code: str
    line: int
    where: str = ""  # the file the diagnostic names, when not the edited one
    exit: int = 1  # 0 when the case yields warnings only
    hint: str = ""  # what the suggested fix must say, where the fix is specific

    def __str__(self):
        return self.name


def replace(*pairs: str) -> Callable[[Path, Path], None]:
    """Replace each `old` with `new` (first occurrence) in the edited file."""

    def apply(root: Path, path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        for old, new in zip(pairs[::2], pairs[1::2]):
            assert old in text, f"{old!r} not in {path}"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")

    return apply


def write(content: str | bytes) -> Callable[[Path, Path], None]:
    def apply(root: Path, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

    return apply


def encode(encoding: str) -> Callable[[Path, Path], None]:
    def apply(root: Path, path: Path) -> None:
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))

    return apply


def previous_report(*pairs: str) -> Callable[[Path, Path], None]:
    """Add a 2019 report: REPORT as it stands, re-dated, with `pairs` replaced."""

    def apply(root: Path, path: Path) -> None:
        text = path.read_text(encoding="utf-8").replace("year: 2020", "year: 2019").replace("published: 2021-01-20", "published: 2020-01-20")
        for old, new in zip(pairs[::2], pairs[1::2]):
            assert old in text, f"{old!r} not in {path}"
            text = text.replace(old, new, 1)
        (path.parent / "2019.yml").write_text(text, encoding="utf-8")

    return apply


def revised_by(replacement: str) -> Callable[[Path, Path], None]:
    """RULES (有效 until 2025-09-29) marked 已修订 and replaced by `replacement`."""
    return replace("validity: 有效\nvalid_until: 2025-09-29", f'validity: 已修订\nreplaced_by: "{replacement}"')


def delete(root: Path, path: Path) -> None:
    path.unlink()


def copy_to(rel: str) -> Callable[[Path, Path], None]:
    def apply(root: Path, path: Path) -> None:
        shutil.copy(path, root / rel)

    return apply


def link_outside(link: str, target_is_dir: bool = False, then=None) -> Callable[[Path, Path], None]:
    """A real symbolic link inside the repository that leads to a file or folder outside it."""

    def apply(root: Path, path: Path) -> None:
        outside = root.parent / "outside"
        outside.mkdir(exist_ok=True)
        (outside / "secret.pdf").write_bytes(b"%PDF-1.4 not for publication")
        target = outside if target_is_dir else outside / "secret.pdf"
        (root / link).symlink_to(target, target_is_directory=target_is_dir)
        then(root, path)

    return apply


def add_file(rel: str, content: bytes, then=None) -> Callable[[Path, Path], None]:
    """Put a file into the repository, then edit as `then` says."""

    def apply(root: Path, path: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(content)
        if then:
            then(root, path)

    return apply


def link_folder_to_itself(rel: str) -> Callable[[Path, Path], None]:
    def apply(root: Path, path: Path) -> None:
        (root / rel).symlink_to(".", target_is_directory=True)

    return apply


def both(first, second) -> Callable[[Path, Path], None]:
    def apply(root: Path, path: Path) -> None:
        first(root, path)
        second(root, path)

    return apply


def also(rel: str, change) -> Callable[[Path, Path], None]:
    """Edit a second file as well."""

    def apply(root: Path, path: Path) -> None:
        change(root, root / rel)

    return apply


def rename_attachment(name: str) -> Callable[[Path, Path], None]:
    """RULES' attachment moved to `name` and linked there."""

    def apply(root: Path, path: Path) -> None:
        (root / "attachments/form.pdf").rename(root / "attachments" / name)
        replace("file: attachments/form.pdf", f"file: attachments/{name}")(root, path)

    return apply


CASES = [
    # -- reading files: encodings, YAML syntax and its traps ----------------------------
    Case("gbk-yaml", ORGANIZATION, encode("gbk"), "D001", 1, hint="GBK"),
    Case("gbk-front-matter", NEWS, encode("gb18030"), "D001", 3),  # line 2 is ASCII, 3 the first Chinese
    Case("binary-file", GUIDE, write(b"code: \xff\xfe\x00\x81"), "D001", 1),
    Case("required-file-missing", ORGANIZATION, delete, "D001", 0),
    Case("unclosed-bracket", GUIDE, replace("audience: [自然人]", "audience: [自然人"), "D002", 11),
    Case("unclosed-quote", NEWS, replace('category: "02"', 'category: "02'), "D002", 5),
    Case("colon-in-a-value", NEWS, replace("title: 测试市", "title: 测试市: "), "D002", 3, hint='写成 title: "测试市: 司法局'),
    Case("value-starting-with-a-reserved-character", GUIDE, replace("name: 律师", "name: @律师"), "D002", 2, hint='写成 name: "@律师执业许可"'),
    Case("value-starting-with-an-asterisk", GUIDE, replace("name: 律师", "name: *律师* "), "D002", 2, hint='写成 name: "*律师*'),
    Case("line-out-of-step", GUIDE, replace("type: 行政许可", "  type: 行政许可"), "D002", 3, hint="左对齐"),
    Case("stray-backslash", NEWS, replace("summary: 部署年度律师工作。", 'summary: "部署年度\\律师工作"'), "D002", 4, hint="写两遍"),
    Case("key-that-is-a-list", NEGATIVE, replace("items:", "? [a, b]\n: 1\nitems:"), "D002", 1),
    Case("alias-loop", NEGATIVE, replace("items:", "extra: &loop [*loop]\nitems:"), "D002", 1),
    Case("deep-nesting", NEGATIVE, replace("items:", "extra: " + "[" * 100 + "]" * 100 + "\nitems:"), "D002", 1),
    Case("duplicate-key-yaml", GUIDE, replace("type: 行政许可\n", "type: 行政许可\nname: 另一个名称\n"), "D003", 4),
    Case("duplicate-key-front-matter", NEWS, replace("kind: 工作动态\n", "kind: 工作动态\nsummary: 重复的概述\n"), "D003", 7),
    Case("no-front-matter", NEWS, write("会议部署了年度律师工作。\n"), "D004", 1),
    Case("front-matter-not-closed", NEWS, replace("---\n会议", "会议"), "D004", 1),
    Case("list-instead-of-fields", NEGATIVE, write("- 内部事务信息\n- 过程性信息\n"), "D005", 1),
    Case("tab-in-yaml", GUIDE, replace("  legal_days: 20", "\tlegal_days: 20"), "D006", 25, hint="改用空格"),
    Case("tab-in-front-matter", NEWS, replace("  reviewer:", "\treviewer:"), "D006", 12),
    Case("tab-after-spaces", ORGANIZATION, replace("  address:", "  \taddress:"), "D006", 6),
    Case("chinese-label-as-key", NEWS, replace("drafting_department:", "起草部门:"), "D105", 7, hint="写成 drafting_department（起草部门）"),
    Case("full-width-colon", NEWS, replace("kind: 工作动态", "kind：工作动态"), "D007", 6, hint="写成 kind: 工作动态（"),
    Case("full-width-space-after-colon", NEWS, replace("kind: 工作动态", "kind:\u3000工作动态"), "D008", 6),
    Case("curly-quotes-around-a-code", NEWS, replace('category: "02"', "category: “02”"), "D009", 5, hint='写成 category: "02"'),
    # -- the wrong thing: a file the loader would not read, a renamed Word file, a misplaced entry ------
    Case("yaml-extension", "guides/extra.yaml", write("code: x\n"), "D011", 0, hint="改名为 guides/extra.yml"),
    Case("upper-case-extension", "catalogue/docs/more.MD", write("---\ntitle: x\n---\n"), "D011", 0, hint="改名为 catalogue/docs/more.md"),
    Case("organization-as-yaml", "catalogue/organization.yaml", write("name: x\n"), "D011", 0, hint="改名为 catalogue/organization.yml"),
    Case("calendar-as-yaml", "calendar.yaml", write("years: [2021]\n"), "D011", 0, hint="改名为 calendar.yml"),
    Case("guide-saved-as-markdown", "guides/extra.md", write("---\nname: x\n---\n"), "D011", 0, hint="guides/extra.yml"),
    Case("word-file-renamed-md", "catalogue/docs/notice.md", write(b"PK\x03\x04\x14\x00\x06\x00word/document.xml"), "D012", 0, hint="disclosure new"),
    Case("pdf-renamed-yml", "guides/scan.yml", write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "D012", 0),
    Case(
        "document-in-interpretations", "interpretations/news.md", write((Path(__file__).parent / "fixtures/mini" / NEWS).read_text(encoding="utf-8")),
        "D013", 1, hint="移到 catalogue/documents/2021/news.md",
    ),
    Case("empty-section", INTERPRETATION, replace("依据律师法制定。\n", "<!-- 待补充 -->\n"), "D305", 9, hint="## 背景依据"),
    Case("zero-width-space-in-a-key", NEWS, replace("kind: 工作动态", "\u200bkind: 工作动态"), "D010", 6),
    # -- structure: the JSON Schemas ---------------------------------------------------
    Case("missing-title", INTERPRETATION, replace("title: 关于《律师执业管理办法》的解读\n", ""), "D101", 2),  # the first field
    Case("missing-review", NEWS, replace("review:\n  reviewer: 办公室保密审查员\n  date: 2021-03-01\n", ""), "D101", 2),
    Case("missing-review-date", NEWS, replace("  date: 2021-03-01\n", ""), "D101", 11, hint="date: 2021-03-02"),  # under review:
    Case("not-public-without-reason", NEWS, replace("disclosure: 主动公开", "disclosure: 依申请公开"), "D101", 2),
    Case("normative-without-validity", RULES, replace("validity: 有效\n", ""), "D101", 2),
    Case("valid-without-end-date", RULES, replace("valid_until: 2025-09-29\n", ""), "D101", 2),
    Case("abolished-without-date", RULES, replace("validity: 有效", "validity: 废止"), "D101", 2),
    Case("revised-without-replacement", RULES, replace("validity: 有效", "validity: 已修订"), "D101", 2),
    Case("consultation-without-period", NEWS, replace("kind: 工作动态", "kind: 征求意见"), "D101", 2),
    Case("graphic-without-media", INTERPRETATION, replace("form: 文字解读", "form: 图文解读"), "D101", 2),
    Case("online-without-url", GUIDE, replace("  url: https://zwfw.example.gov.cn/lawyer\n", ""), "D101", 34),
    Case("visits-without-reason", GUIDE, replace("visits: 0", "visits: 2"), "D101", 34),
    Case("leaf-without-channels", DIRECTORY, replace("    channels: [门户网站, 政务新媒体]\n", ""), "D101", 14),
    Case("fee-item-without-standard", GUIDE, replace("fees: 不收费", "fees:\n  - item: 工本费\n    basis: 收费目录"), "D101", 28),
    Case("copies-in-words", GUIDE, replace("copies: 1", "copies: 一份"), "D102", 15),
    Case("review-as-text", NEWS, replace("review:\n  reviewer: 办公室保密审查员\n  date: 2021-03-01", "review: 已审查"), "D102", 11),
    Case("form-not-in-list", INTERPRETATION, replace("form: 文字解读", "form: 视频"), "D103", 5),
    Case("audience-not-in-list", GUIDE, replace("audience: [自然人]", "audience: [个人]"), "D103", 11),
    Case("fees-in-other-words", GUIDE, replace("fees: 不收费", "fees: 免费"), "D103", 27),
    Case("phone-without-area-code", GUIDE, replace('phone: "0791-86000001"', 'phone: "86000001"'), "D104", 31),
    Case("phone-digits-only", GUIDE, replace('phone: "0791-86000001"', "phone: 01012345678"), "D104", 31, hint='phone: "010-12345678"'),
    Case("email-without-at", ORGANIZATION, replace("  phone:", "  email: gk.example.gov.cn\n  phone:"), "D104", 8),
    Case("url-not-https", GUIDE, replace("url: https://", "url: http://"), "D104", 36),
    Case("doc-number-square-brackets", RULES, replace("测司规〔2020〕1号", "测司规【2020】1号"), "D104", 8, hint="测司规〔2020〕1号"),
    Case("date-with-slashes", GUIDE, replace("updated: 2021-01-05", "updated: 2021/1/5"), "D104", 38, hint="2021-01-05"),
    Case("date-in-chinese-in-list", CALENDAR, write("holidays:\n  - 2021-10-01\n  - 2021年10月2日\n"), "D104", 3, hint="2021-10-02"),
    Case("date-with-time", INTERPRETATION, replace("published: 2020-10-12", "published: 2020-10-12 10:00:00"), "D104", 7, hint="写成 published: 2020-10-12（只写日期，不写时间）"),
    Case("date-single-digit-month", NEWS, replace("written: 2021-03-01", "written: 2021-3-1"), "D104", 8),
    Case("category-code-with-dot", NEWS, replace('category: "02"', 'category: "02."'), "D104", 5),
    Case("unknown-field", GUIDE, replace("hours:", "opening_hours: 全天\nhours:"), "D105", 29),
    Case("unknown-nested-field", NEWS, replace("  date: 2021-03-01", "  date: 2021-03-01\n  reviwer: 张三"), "D105", 14, hint="reviewer"),
    Case("interpretation-summary-too-long", INTERPRETATION, replace("form:", "summary: " + "解" * 301 + "\nform:"), "D106", 5),
    Case("empty-title", NEWS, replace("title: 测试市司法局召开律师工作会议", 'title: ""'), "D107", 3),
    Case("title-left-blank", INTERPRETATION, replace("title: 关于《律师执业管理办法》的解读", "title:"), "D107", 3),
    Case("no-materials", GUIDE, replace("materials:\n", "materials: []\nold_materials:\n"), "D107", 12),
    Case("too-many-visits", GUIDE, replace("visits: 0", "visits: 9"), "D108", 37),
    Case("zero-copies", GUIDE, replace("copies: 1", "copies: 0"), "D108", 15),
    Case("impossible-date", INTERPRETATION, replace("published: 2020-10-12", "published: 2020-02-30"), "D109", 7),
    Case("impossible-date-quoted", NEWS, replace("  date: 2021-03-01", '  date: "2021-02-29"'), "D109", 13),
    Case("impossible-date-in-chinese", NEWS, replace("written: 2021-03-01", "written: 2021年2月30日"), "D109", 8),
    Case("category-code-unquoted", NEWS, replace('category: "02"', "category: 0101"), "D110", 5, hint='category: "0101"'),
    Case("catalogue-code-unquoted", DIRECTORY, replace('code: "02"', "code: 02"), "D110", 14),
    Case("topic-that-is-a-number", NEWS, replace("kind:", "topics: [律师, 2021]\nkind:"), "D110", 6),
    Case("pii-allow-unquoted", RULES, replace("kind:", f"pii_allow: [{ID_NUMBER[:-1]}7]\nkind:"), "D110", 6),
    Case("octal-phone", ORGANIZATION, replace('phone: "0791-86000000"', "phone: 01012345670"), "D110", 8, hint='phone: "010-12345670"'),
    Case("service-line-unquoted", GUIDE, replace('phone: "12348"', "phone: 12348"), "D110", 33),
    Case("hours-read-as-sexagesimal", GUIDE, replace("hours: 工作日 9:00-17:00", "hours: 9:00"), "D110", 29),
    Case("yes-in-enum-list", GUIDE, replace("audience: [自然人]", "audience: [yes]"), "D111", 11),
    Case("no-fees", GUIDE, replace("fees: 不收费", "fees: no"), "D111", 27, hint="不收费"),
    Case("on-as-name", NEGATIVE, replace("name: 内部事务信息", "name: on"), "D111", 2),
    Case("off-as-disclosure", NEWS, replace("disclosure: 主动公开", "disclosure: off"), "D111", 10),
    Case("yes-as-department", INTERPRETATION, replace("department: lawyers", "department: Yes"), "D111", 6),
    # -- references -------------------------------------------------------------------
    Case("category-not-in-catalogue", RULES, replace('category: "0101"', 'category: "0199"'), "D201", 5),
    Case("guide-department-unknown", GUIDE, replace("department: lawyers", "department: notary"), "D202", 4),
    Case("interpretation-department-unknown", INTERPRETATION, replace("department: lawyers", "department: press"), "D202", 6),
    Case("policy-unknown", INTERPRETATION, replace('policy: "014500123/2020-00001"', 'policy: "014500123/2019-00001"'), "D203", 4),
    Case(
        "replacement-unknown", RULES,
        revised_by("014500123/2021-00099"), "D204", 13,
    ),
    Case("attachment-absolute-path", RULES, replace("file: attachments/form.pdf", "file: /etc/passwd"), "D205", 19),
    Case(
        "attachment-symlink-leaves-repository", RULES,
        link_outside("attachments/linked.pdf", then=replace("file: attachments/form.pdf", "file: attachments/linked.pdf")), "D205", 19,
    ),
    Case(
        "attachment-in-symlinked-folder", RULES,
        link_outside("attachments/shared", True, then=replace("file: attachments/form.pdf", "file: attachments/shared/secret.pdf")), "D205", 19,
    ),
    Case("attachment-backslashes", RULES, replace("file: attachments/form.pdf", "file: attachments\\form.pdf"), "D604", 19, hint="attachments/form.pdf"),
    Case("attachment-is-a-folder", RULES, replace("file: attachments/form.pdf", "file: attachments"), "D205", 19),
    Case("attachment-below-a-file", RULES, replace("file: attachments/form.pdf", "file: attachments/form.pdf/page1"), "D205", 19),
    Case(
        "media-missing", INTERPRETATION, replace("form: 文字解读", "form: 图文解读\nmedia: attachments/infographic.png"), "D205", 6,
    ),
    Case("example-missing", GUIDE, replace("    template: templates/application.pdf", "    template: templates/application.pdf\n    example: templates/sample.pdf"), "D205", 19),
    Case("guide-code-twice", GUIDE, copy_to("guides/z-lawyer.yml"), "D206", 1, where="guides/z-lawyer.yml"),
    Case("interpretation-id-twice", INTERPRETATION, copy_to("interpretations/z-rules.md"), "D206", 2, where="interpretations/z-rules.md"),
    Case("department-id-twice", ORGANIZATION, replace("  - id: lawyers\n", "  - id: office\n"), "D206", 12),
    Case("catalogue-code-twice", DIRECTORY, replace('code: "02"', 'code: "01"'), "D206", 14),
    Case("interpretation-missing", INTERPRETATION, delete, "D207", 6, where=RULES),  # at kind: 规范性文件
    Case("interpreted-by-another-department", INTERPRETATION, replace("department: lawyers", "department: office"), "D208", 6),
    Case("top-level-code-too-long", DIRECTORY, replace('code: "02"', 'code: "0202"'), "D209", 14),
    Case("id-year-not-published-year", NEWS, replace('id: "014500123/2021-00001"', 'id: "014500123/2020-00002"'), "D210", 2),
    Case(
        "policy-not-public", RULES, replace("disclosure: 主动公开", "disclosure: 依申请公开\nreason: 涉及第三方商业秘密"),
        "D211", 4, where=INTERPRETATION,
    ),
    Case("policy-is-a-draft", RULES, replace("disclosure: 主动公开", "disclosure: 主动公开\ndraft: true"), "D211", 4, where=INTERPRETATION),
    # -- dates and deadlines --------------------------------------------------------------
    Case("written-after-published", RULES, replace("written: 2020-09-25", "written: 2020-10-25"), "D301", 9),
    Case("valid-until-before-published", RULES, replace("valid_until: 2025-09-29", "valid_until: 2020-09-01"), "D301", 13),
    # What time makes due is a warning: the repository passed before the day came.
    Case("valid-until-past-but-valid", RULES, replace("valid_until: 2025-09-29", "valid_until: 2021-06-29"), "D313", 13, exit=0, hint="validity 改为 失效"),
    Case(
        "interpretation-scheduled-after-policy", CONFIG, replace('as_of: "2021-06-30"', 'as_of: "2020-10-09"'), "D314", 6, where=RULES, exit=0,
    ),
    Case("annual-report-overdue", REPORT, replace("published: 2021-01-20", "published: 2021-07-20"), "D315", 1, exit=0, hint="1 月 31 日"),
    Case("guide-review-overdue", GUIDE, replace("updated: 2021-01-05", "updated: 2020-06-01"), "D316", 38, exit=0, hint="updated"),
    Case(
        "abolished-before-published", RULES,
        replace("validity: 有效\nvalid_until: 2025-09-29", "validity: 废止\nabolished: 2020-01-01"), "D301", 13,
    ),
    Case(
        "consultation-ends-before-it-starts", NEWS,
        replace("kind: 工作动态", "kind: 征求意见\nconsultation:\n  start: 2021-03-10\n  end: 2021-03-05\n  feedback: 未收到意见"), "D301", 9,
    ),
    Case("interpretation-after-deadline", INTERPRETATION, replace("published: 2020-10-12", "published: 2020-10-14"), "D302", 7),
    Case("interpretation-before-policy", INTERPRETATION, replace("published: 2020-10-12", "published: 2020-09-01"), "D303", 7),
    Case("promised-over-legal", GUIDE, replace("legal_days: 20", "legal_days: 5"), "D304", 26, hint="不超过法定时限"),
    Case("section-missing", INTERPRETATION, replace("## 主要内容", "## 其他"), "D305", 9),
    Case(
        "year-without-holiday-data", RULES,
        both(
            replace(
                "2020-00001", "2099-00001", "written: 2020-09-25", "written: 2099-09-25", "published: 2020-09-30", "published: 2099-09-30",
                "valid_until: 2025-09-29", "valid_until: 2104-09-29", "  date: 2020-09-28", "  date: 2099-09-28",
            ),
            also(INTERPRETATION, replace("2020-00001", "2099-00001", "published: 2020-10-12", "published: 2099-10-02")),
        ),
        "D306", 7, where=INTERPRETATION, exit=0,
    ),
    Case(
        "consultation-feedback-missing", NEWS,
        replace("kind: 工作动态", "kind: 征求意见\nconsultation:\n  start: 2021-03-02\n  end: 2021-03-31"), "D307", 7, exit=0,
    ),
    Case("time-limit-without-days", DIRECTORY, replace("        time_limit_days: 20\n", ""), "D308", 9),
    Case("credit-code-check-character", ORGANIZATION, replace("11360000014500123H", "11360000014500123J"), "D309", 2, hint="第 18 位应为 H"),
    # -- 规范性文件 lifecycle ----------------------------------------------------------------
    Case("abolished-date-but-valid", RULES, replace("valid_until: 2025-09-29", "valid_until: 2025-09-29\nabolished: 2021-05-01"), "D310", 14),
    Case(
        "replacement-but-valid", RULES,
        replace("valid_until: 2025-09-29", 'valid_until: 2025-09-29\nreplaced_by: "014500123/2021-00001"'), "D310", 14,
    ),
    Case(
        "replaced-by-itself", RULES,
        revised_by(RULES_ID), "D311", 13,
    ),
    Case(
        "replaced-by-an-older-document", NEWS,
        replace("disclosure: 主动公开", 'disclosure: 主动公开\nvalidity: 已修订\nreplaced_by: "014500123/2020-00001"'), "D311", 12,
    ),
    Case(
        "replacements-in-a-loop", RULES,
        both(
            revised_by(NEWS_ID),
            also(NEWS, replace("disclosure: 主动公开", 'disclosure: 主动公开\nvalidity: 已修订\nreplaced_by: "014500123/2020-00001"')),
        ),
        "D311", 13,
    ),
    Case(
        "replacement-not-public", RULES,
        both(
            revised_by(NEWS_ID),
            also(NEWS, replace("disclosure: 主动公开", "disclosure: 不予公开\nreason: 内部事务信息")),
        ),
        "D312", 13,
    ),
    Case(
        "replacement-not-yet-published", RULES,
        both(
            revised_by(NEWS_ID),
            also(NEWS, replace("published: 2021-03-02", "published: 2021-09-01")),
        ),
        "D312", 13, exit=0, hint="validity: 有效",
    ),
    # -- content safety and personal information --------------------------------------------
    Case("script-in-body", NEWS, replace("会议部署了年度律师工作。", "会议部署了年度律师工作。<script>alert(1)</script>"), "D401", 15),
    Case("iframe-in-body", INTERPRETATION, replace("共二十条。", "共二十条。\n\n<iframe src=\"https://example.com\"></iframe>"), "D401", 17),
    Case("javascript-link-in-guide", GUIDE, replace("conditions: |", "result: '[下载](javascript:alert(1))'\nconditions: |"), "D401", 8),
    Case("event-handler-in-body", RULES, replace("为规范律师执业活动", '<span onmouseover="steal()">为规范律师执业活动</span>'), "D401", 23),
    Case("entity-encoded-javascript-link", NEWS, replace("会议部署了年度律师工作。", '会议\n\n<a href="&#106;avascript:alert(1)">详情</a>'), "D401", 17),
    Case("event-handler-after-slash", INTERPRETATION, replace("依据律师法制定。", "依据律师法制定。<img/onerror=alert(1) src=x>"), "D401", 11),
    Case("embedded-object", RULES, replace("为规范律师执业活动", '<object data="x.swf"></object>为规范律师执业活动'), "D401", 23),
    # Text Python-Markdown cannot render in bounded time: refused before anything renders it.
    Case("unclosed-tags-in-body", NEWS, replace("会议部署了年度律师工作。", "会议部署了年度律师工作。" + "<a " * 12), "D407", 15),
    Case("unmatched-brackets-in-body", INTERPRETATION, replace("共二十条。", "共二十条。" + "[" * 1000), "D407", 15),
    Case("nesting-in-body", RULES, replace("## 第一条", "## 第一条\n\n" + "> " * 20 + "内容"), "D407", 23),
    Case("resident-id-in-body", NEWS, replace("会议部署了年度律师工作。", f"联系人身份证号 {ID_NUMBER}。"), "D402", 15),
    Case("resident-id-in-yaml", NEGATIVE, replace("内部工作流程等方面的信息", f"内部工作流程等方面的信息，如 {ID_NUMBER}"), "D402", 3),
    Case("mobile-number-in-body", NEWS, replace("会议部署了年度律师工作。", "会议部署了年度律师工作。\n\n联系人：13812345678"), "D403", 17, exit=0),
    # Written as an attacker or a careless editor would: a reader still sees the number.
    Case("resident-id-full-width", NEWS, replace("会议部署了年度律师工作。", f"会议部署了年度律师工作。联系人{WIDE_ID}"), "D402", 15),
    Case("resident-id-spaced", INTERPRETATION, replace("共二十条。", "共二十条。证件号 110105 1949 1231 002X"), "D402", 15),
    Case("resident-id-zero-width", GUIDE, replace("（一）拥护中华人民共和国宪法；", "（一）拥护宪法；如 1101\u200b0519\u200d491231002X"), "D402", 8),
    Case("resident-id-references", NEGATIVE, replace("内部工作流程等方面的信息", "内部工作流程等方面的信息 &#x31;1010519&#52;91231002X"), "D402", 3),
    Case("resident-id-markup-between", RULES, replace("## 第一条", "## 第一条\n\n110105<b>1949</b>12**31**002X"), "D402", 23),
    Case("resident-id-comment-between", NEWS, replace("会议部署了年度律师工作。", "1101<!-- 注 -->0519491231002X"), "D402", 15),
    Case("resident-id-hyphens", ORGANIZATION, replace("name: 律师工作处", "name: 律师工作处 110105-19491231-002X"), "D402", 13),
    Case("resident-id-in-annual-report", REPORT, replace("problems: 政策解读形式较为单一。", f"problems: 政策解读形式较为单一。{ID_NUMBER}"), "D402", 6),
    Case("resident-id-in-directory-channel", DIRECTORY, replace("channels: [门户网站]", f"channels: [门户网站, 联系 {WIDE_ID}]"), "D402", 12),
    Case("resident-id-in-attachment-name", RULES, rename_attachment(f"{ID_NUMBER}.pdf"), "D402", 19),
    Case("mobile-number-spaced-in-field", NEGATIVE, replace("内部工作流程等方面的信息", "内部工作流程等方面的信息，咨询 138 1234 5678"), "D403", 3, exit=0),
    Case("bank-card-in-body", NEWS, replace("会议部署了年度律师工作。", "会议部署了年度律师工作。\n\n收款卡号：6222 0200 0000 0000 000"), "D405", 17, exit=0),
    Case("markdown-page-in-docs", "docs/notes/说明.md", write("# 内部说明\n\n联系人 11010519491231002X\n"), "D406", 0),
    Case("html-page-in-docs", "docs/leak.html", write("<script>alert(1)</script>"), "D406", 0),
    Case("document-in-docs", "docs/assets/withheld.pdf", write(b"%PDF-1.4 withheld"), "D406", 0, hint="attachments/"),
    Case("html-in-document-title", NEWS, replace("title: 测试市司法局召开律师工作会议", "title: 测试市司法局召开<b>律师</b>工作会议"), "D404", 3),
    Case("html-in-guide-name", GUIDE, replace("name: 律师执业许可", "name: 律师执业许可<br>"), "D404", 2),
    Case("html-in-attachment-title", RULES, replace("title: 申请表", "title: <i>申请表</i>"), "D404", 18),
    Case("html-in-catalogue-name", DIRECTORY, replace("name: 工作动态", "name: <script>工作动态"), "D404", 15),
    Case("html-in-department-name", ORGANIZATION, replace("name: 律师工作处", "name: 律师工作处<hr>"), "D404", 13),
    # -- linked files, sizes and characters -----------------------------------------------------
    Case("attachment-is-the-site-config", RULES, replace("file: attachments/form.pdf", "file: mkdocs.yml"), "D601", 19),
    Case(
        "attachment-is-svg", RULES,
        add_file("attachments/chart.svg", b"<svg onload='alert(1)'/>", replace("file: attachments/form.pdf", "file: attachments/chart.svg")), "D602", 19,
    ),
    Case(
        "attachment-html-named-pdf", RULES,
        add_file("attachments/notice.pdf", b"<html><script>alert(1)</script>", replace("file: attachments/form.pdf", "file: attachments/notice.pdf")),
        "D603", 19,
    ),
    Case("attachment-name-with-space", RULES, replace("file: attachments/form.pdf", "file: attachments/my form.pdf"), "D604", 19),
    Case("document-over-a-megabyte", NEWS, replace("\n---\n", "\n---\n" + "会议部署年度律师工作。\n" * 40_000), "D605", 0),
    Case("control-character-in-title", NEWS, replace("title: 测试市司法局召开律师工作会议", 'title: "测试市司法局召开\\x08律师工作会议"'), "D606", 3),
    Case("folder-linked-to-itself", NEWS, link_folder_to_itself("catalogue/docs/again"), "D607", 0, where="catalogue/docs/again"),
    # -- site settings ------------------------------------------------------------------------
    Case("system-category-unknown", CONFIG, replace('system_category: "0101"', 'system_category: "0199"'), "D212", 30),
    # -- annual reports ------------------------------------------------------------------------
    Case(
        "report-column-does-not-balance", REPORT,
        replace("carried_forward: {natural: 1, business: 0, research: 0, nonprofit: 0, legal_service: 0, other: 0, total: 1}",
                "carried_forward: {natural: 2, business: 0, research: 0, nonprofit: 0, legal_service: 0, other: 0, total: 2}"),
        "D501", 44,
    ),
    Case("report-row-total-wrong", REPORT, replace("legal_service: 1, other: 0, total: 8}", "legal_service: 1, other: 0, total: 9}"), "D502", 15),
    Case("report-results-total-wrong", REPORT, replace("    total:           {natural: 5, business: 2", "    total:           {natural: 5, business: 3"), "D503", 43),
    Case("report-appeal-total-wrong", REPORT, replace("pending: 0, total: 1}", "pending: 0, total: 2}"), "D504", 46),
    Case("report-regulations-not-carried-on", REPORT, previous_report("in_force: 0}", "in_force: 1}"), "D505", 9),
    Case("report-year-not-file-name", REPORT, replace("year: 2020", "year: 2019"), "D506", 1),
    Case(
        "report-carried-over-not-last-years", REPORT,
        previous_report(
            "carried_over: {natural: 1, business: 0, research: 0, nonprofit: 0, legal_service: 0, other: 0, total: 1}",
            "carried_over: {natural: 2, business: 0, research: 0, nonprofit: 0, legal_service: 0, other: 0, total: 2}",
            "carried_forward: {natural: 1, business: 0, research: 0, nonprofit: 0, legal_service: 0, other: 0, total: 1}",
            "carried_forward: {natural: 2, business: 0, research: 0, nonprofit: 0, legal_service: 0, other: 0, total: 2}",
        ),
        "D507", 16,
    ),
    Case("expired-without-end-date", RULES, replace("validity: 有效\nvalid_until: 2025-09-29", "validity: 失效"), "D508", 12, exit=0),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input_is_reported_at_its_line(mini, capsys, case):
    case.edit(mini, mini / case.file)
    code, diagnostics = check(mini, capsys=capsys)
    found = [(d["code"], d["file"], d["line"]) for d in diagnostics]
    assert (case.code, case.where or case.file, case.line) in found, found
    hints = [d["hint"] for d in diagnostics if (d["code"], d["file"], d["line"]) == (case.code, case.where or case.file, case.line)]
    assert any(case.hint in hint for hint in hints), hints
    assert code == case.exit, found
    assert all(d["severity"] == "warning" for d in diagnostics) == (case.exit == 0)


def test_every_code_has_a_case():
    assert sorted(set(CODES) - {case.code for case in CASES}) == []


def test_case_names_are_unique():
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))

"""`disclosure new`: files that pass the checker once the asked-for facts are filled in."""

import io
import re
from pathlib import Path

import pytest

from conftest import check
from disclosure import scaffold
from disclosure.cli import main
from disclosure.loader import load_project
from disclosure.options import Options
from disclosure.schemas import schema

# What an editor would write on each line `disclosure new` leaves empty.
FILLED = {
    "summary": "明确测试事项的办理要求。",
    "doc_number": "示司规〔2025〕9号",
    "written": "2025-02-27",
    "valid_until": "2099-12-31",
    "review.reviewer": "办公室保密审查员",
    "review.date": "2025-02-28",
    "basis[1].title": "《中华人民共和国律师法》",
    "basis[1].article": "第五条",
    "conditions": "通过国家统一法律职业资格考试。",
    "audience": "[自然人]",
    "materials[1].name": "申请表",
    "materials[1].form": "原件",
    "materials[1].copies": "1",
    "materials[1].source": "申请人自备",
    "materials[1].required": "true",
    "process[1].step": "受理",
    "process[1].description": "材料齐全的，当场受理。",
    "time_limit.legal_days": "20",
    "time_limit.promised_days": "10",
    "fees": "不收费",
    "location": "示例市政务大道199号",
    "hours": "法定工作日上午8:30—12:00",
    "supervision.phone": '"0791-86000000"',
    "online.available": "false",
    "online.visits": "0",
}
LEFT = re.compile(r"^  第 (\d+) 行  (\S+)（", re.MULTILINE)


class Terminal(io.StringIO):
    """Keyboard input as an editor would type it."""

    def isatty(self):
        return True


@pytest.fixture
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def new(root: Path, kind: str, *args: str, capsys) -> tuple[int, str, str]:
    code = main(["new", kind, "--root", str(root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def created(out: str) -> str:
    return re.search(r"已新建\S+?：(\S+)$", out, re.MULTILINE).group(1)


def fill(root: Path, out: str) -> list[tuple[int, str]]:
    """Write a value on every line the command said is left to fill."""
    path = root / created(out)
    lines = path.read_text(encoding="utf-8").split("\n")
    left = [(int(line), field) for line, field in LEFT.findall(out)]
    for number, field in left:
        key = lines[number - 1].split(":", 1)[0]
        lines[number - 1] = f"{key}: {FILLED[field]}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return left


def errors(diagnostics):
    return [d for d in diagnostics if d["severity"] == "error"]


def test_document_and_its_interpretation_pass_once_filled(demo, capsys, no_terminal):
    code, out, _ = new(demo, "document", "--title", "示例省司法厅关于测试事项的规定", "--category", "0201", "--kind", "规范性文件",
                       "--department", "lawyer", "--published", "2025-03-03", capsys=capsys)
    assert code == 0
    path = created(out)
    assert path.startswith("catalogue/documents/2025/")
    text = (demo / path).read_text(encoding="utf-8")
    document_id = re.search(r'^id: "(.+)"$', text, re.MULTILINE).group(1)
    used = set(re.findall(r'^id: "(014500123/2025-\d{5})"$', "".join(p.read_text(encoding="utf-8") for p in (demo / "catalogue").rglob("*.md") if p.name != Path(path).name), re.MULTILINE))
    assert document_id == f"014500123/2025-{max(int(u[-5:]) for u in used) + 1:05d}"
    assert f"索引号：{document_id}" in out

    # Unfilled, the checker reports exactly the lines the command listed.
    _, diagnostics = check(demo, capsys=capsys)
    mine = [d for d in errors(diagnostics) if d["file"] == path]
    reported = sorted((d["line"], d["field"]) for d in mine if d["code"] == "D107")
    assert sorted({d["code"] for d in mine}) == ["D107", "D207"]  # D207: no interpretation yet
    assert reported == sorted(fill(demo, out))
    assert {field for _, field in reported} == {"summary", "doc_number", "written", "valid_until", "review.reviewer", "review.date"}

    # A 规范性文件 needs its interpretation, which `new` is asked for by the policy alone.
    _, diagnostics = check(demo, capsys=capsys)
    assert [(d["code"], d["file"]) for d in errors(diagnostics)] == [("D207", path)]
    code, out, _ = new(demo, "interpretation", "--policy", document_id, "--published", "2025-03-05", capsys=capsys)
    assert code == 0
    assert LEFT.findall(out) == []
    # Its sections hold only the notes on what to write: an empty section is not published.
    _, diagnostics = check(demo, capsys=capsys)
    interpretation = created(out)
    assert sorted(d["code"] for d in errors(diagnostics) if d["file"] == interpretation) == ["D305", "D305"]
    text = (demo / interpretation).read_text(encoding="utf-8")
    (demo / interpretation).write_text(re.sub(r"<!-- 在此撰写“(.+?)”.*?-->", r"\1的内容。", text), encoding="utf-8")
    code, diagnostics = check(demo, capsys=capsys)
    assert (code, errors(diagnostics)) == (0, [])


def test_guide_passes_once_filled(demo, capsys, no_terminal):
    code, out, _ = new(demo, "guide", "--title", "律师执业证书补办", "--code", "000172011999", "--kind", "公共服务", "--department", "lawyer", capsys=capsys)
    assert code == 0
    assert created(out) == "guides/lv-shi-zhi-ye-zheng-shu-bu-ban.yml"
    text = (demo / created(out)).read_text(encoding="utf-8")
    assert 'code: "000172011999"' in text and 'phone: "0791-86000080"' in text  # the department's phone, pre-filled
    _, diagnostics = check(demo, capsys=capsys)
    left = fill(demo, out)
    # Every empty line, whatever its type (text, number, yes/no, list), reads as 未填写 and nothing else.
    assert sorted((d["line"], d["field"]) for d in errors(diagnostics)) == sorted(left)
    assert {d["code"] for d in errors(diagnostics)} == {"D107"}
    code, diagnostics = check(demo, capsys=capsys)
    assert (code, errors(diagnostics)) == (0, [])


def test_a_later_interpretation_of_an_old_policy_passes(demo, capsys, no_terminal):
    project, _ = load_project(demo)
    policy = next(d for d in project.documents if project.interpretations_of.get(d.id) and d.published.year < 2025)
    code, out, _ = new(demo, "interpretation", "--policy", policy.id, "--form", "专家解读", capsys=capsys)
    assert code == 0
    assert "已有解读" in out and "最迟发布日期" not in out
    path = demo / created(out)
    path.write_text(re.sub(r"<!-- 在此撰写“(.+?)”.*?-->", r"\1的内容。", path.read_text(encoding="utf-8")), encoding="utf-8")
    code, diagnostics = check(demo, capsys=capsys)
    assert (code, errors(diagnostics)) == (0, [])


def test_only_the_first_interpretation_has_a_deadline(demo, capsys, no_terminal):
    project, _ = load_project(demo)
    policy = next(d for d in project.documents if project.interpretations_of.get(d.id) and d.published.year < 2025)
    first = project.interpretations_of[policy.id][0].source.path
    text = (demo / first).read_text(encoding="utf-8")
    late = re.sub(r"^published: .*$", "published: 2026-11-02", text, count=1, flags=re.MULTILINE)
    (demo / first).write_text(late, encoding="utf-8")
    _, diagnostics = check(demo, capsys=capsys)
    assert ("D302", first) in [(d["code"], d["file"]) for d in errors(diagnostics)]


def test_interpretation_takes_the_policy_department_and_prints_the_deadline(demo, capsys, no_terminal):
    # Published on the eve of the 2020 National Day holiday: 2020-10-10, a Saturday, was a workday.
    new(demo, "document", "--title", "测试政策", "--category", "0202", "--kind", "政策文件", "--department", "legal-aid",
        "--published", "2020-09-30", capsys=capsys)
    project, _ = load_project(demo)
    policy = next(d for d in project.documents if d.title == "测试政策")
    code, out, _ = new(demo, "interpretation", "--policy", policy.id, capsys=capsys)
    assert code == 0
    assert "最迟发布日期：2020-10-12" in out
    assert "legal-aid（法律援助工作处（省法律援助中心））" in out
    text = (demo / created(out)).read_text(encoding="utf-8")
    assert "\ndepartment: legal-aid\n" in text
    assert f'\npolicy: "{policy.id}"\n' in text
    assert "## 背景依据" in text and "## 主要内容" in text


def test_every_field_is_written_and_explained(demo, capsys, no_terminal):
    facts = {
        "document": ["--title", "标题", "--category", "0201", "--kind", "通知公告", "--department", "office"],
        "guide": ["--title", "事项", "--code", "X-1", "--kind", "行政许可", "--department", "office"],
    }
    for kind, args in facts.items():
        _, out, _ = new(demo, kind, *args, capsys=capsys)
        lines = (demo / created(out)).read_text(encoding="utf-8").split("\n")
        content_schema = schema(scaffold.KINDS[kind].schema)

        def written(key_path, start=0, lines=lines, content_schema=content_schema):
            """The line of a field, commented out or not, below its Chinese title and description."""
            pattern = re.compile(rf"^\s*(# )?\s*(- )?{key_path[-1]}:")
            index = next(i for i, line in enumerate(lines) if i >= start and pattern.match(line))
            assert lines[index - 1].lstrip().startswith(f"# {content_schema.label(key_path)}（"), (kind, key_path)
            return index

        for name in content_schema.properties(()):
            written((name,))
        if kind == "guide":
            materials = written(("materials",))
            for name in content_schema.properties(("materials", 0)):
                written(("materials", 0, name), materials)


def test_without_a_terminal_missing_facts_are_a_usage_error(demo, capsys, no_terminal):
    code, out, err = new(demo, "document", "--title", "标题", capsys=capsys)
    assert code == 2
    assert "--category（目录事项）" in err and "--kind（信息类别）" in err and "--department（起草部门）" in err
    assert not list((demo / "catalogue/documents").rglob(f"{Options().as_of.year}-*.md"))


@pytest.mark.parametrize(
    "args, message",
    [
        (["--category", "02"], "不是末级事项；请选其下级事项：0201 规范性文件"),  # the checker's D201 words
        (["--category", "9999"], "目录事项“9999”不存在"),
        (["--kind", "简报"], "可选：规范性文件、政策文件"),
        (["--department", "nobody"], "部门“nobody”不存在"),
    ],
)
def test_facts_are_checked_before_anything_is_written(demo, capsys, no_terminal, args, message):
    facts = {"--title": "标题", "--category": "0201", "--kind": "通知公告", "--department": "office"}
    facts.update(dict(zip(args[::2], args[1::2])))
    code, _, err = new(demo, "document", *[x for pair in facts.items() for x in pair], capsys=capsys)
    assert code == 2
    assert message in err


def test_policy_must_exist(demo, capsys, no_terminal):
    code, _, err = new(demo, "interpretation", "--policy", "014500123/1999-00001", capsys=capsys)
    assert (code, "没有索引号为“014500123/1999-00001”的公开信息" in err) == (2, True)


def test_existing_files_are_never_overwritten(demo, capsys, no_terminal):
    target = demo / "guides" / "legal-aid-application.yml"
    before = target.read_text(encoding="utf-8")
    args = ["--title", "法律援助申请", "--code", "X-2", "--kind", "公共服务", "--department", "legal-aid"]
    code, _, err = new(demo, "guide", *args, "--out", str(target), capsys=capsys)
    assert code == 2 and "已存在，不会覆盖" in err
    assert target.read_text(encoding="utf-8") == before
    first = created(new(demo, "guide", *args, capsys=capsys)[1])
    second = created(new(demo, "guide", *args[:3], "X-3", *args[4:], capsys=capsys)[1])
    assert (first, second) == ("guides/fa-lv-yuan-zhu-shen-qing.yml", "guides/fa-lv-yuan-zhu-shen-qing-2.yml")


def test_out_must_be_where_the_checker_reads(demo, capsys, no_terminal):
    code, _, err = new(demo, "guide", "--title", "事项", "--code", "X-4", "--kind", "公共服务", "--department", "office",
                       "--out", str(demo / "catalogue" / "x.yml"), capsys=capsys)
    assert code == 2 and "办事指南须保存在 guides/ 下" in err


def test_a_terminal_asks_for_what_is_missing(demo, capsys, monkeypatch):
    # Title, then a wrong and a right department; the kind by its number in the list.
    monkeypatch.setattr("sys.stdin", Terminal("律师调解申请\nX-9\n7\nnobody\nlawyer\n"))
    code, out, _ = new(demo, "guide", capsys=capsys)
    assert code == 0
    assert "请输入事项名称" in out and "请选择事项类型（输入序号或值）" in out
    assert "部门“nobody”不存在" in out
    text = (demo / created(out)).read_text(encoding="utf-8")
    assert "\nname: 律师调解申请\n" in text and "\ntype: 公共服务\n" in text and "\ndepartment: lawyer\n" in text


def test_a_closed_terminal_writes_nothing(demo, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", Terminal("半途而废\n"))
    code, _, err = new(demo, "guide", capsys=capsys)
    assert code == 2 and "已取消" in err
    assert not (demo / "guides" / "ban-tu-er-fei.yml").exists()


def test_next_document_id_follows_the_configured_pattern(mini):
    project, _ = load_project(mini)
    prefix = project.organization.index_prefix
    used = [d.id for d in project.documents if d.id.startswith(f"{prefix}/2020-")]
    assert used  # the fixture has documents of 2020
    serials = [int(i.rsplit("-", 1)[1]) for i in used]
    assert scaffold.next_document_id(project, Options(), 2020) == f"{prefix}/2020-{max(serials) + 1:05d}"
    assert scaffold.next_document_id(project, Options(), 2031) == f"{prefix}/2031-00001"
    custom = Options(id_pattern=r"{prefix}-{year}\.\d{3}")
    assert scaffold.next_document_id(project, custom, 2031) == f"{prefix}-2031.001"
    assert scaffold.next_document_id(project, Options(id_pattern=r"{prefix}/{year}/[A-Z]+"), 2031) is None


def test_policy_name_and_file_names():
    assert scaffold.policy_name("示例省司法厅关于印发《示例省法律援助办法》的通知") == "示例省法律援助办法"
    assert scaffold.policy_name("关于《律师法》实施的意见") == "关于〈律师法〉实施的意见"
    assert scaffold.slug("律师执业许可（2024 版）") == "lv-shi-zhi-ye-xu-ke-2024-ban"


def test_dry_run_prints_the_next_free_id_and_writes_nothing(demo, capsys, no_terminal):
    before = sorted(p for p in demo.rglob("*") if p.is_file())
    code, out, _ = new(demo, "document", "--dry-run", "--published", "2025-06-02", capsys=capsys)
    assert code == 0
    project, _ = load_project(demo)
    used = max(int(d.id[-5:]) for d in project.documents if d.id.startswith("014500123/2025-"))
    assert f"索引号：014500123/2025-{used + 1:05d}" in out
    assert sorted(p for p in demo.rglob("*") if p.is_file()) == before


def test_the_help_of_new_shows_a_category_and_department_of_this_repository(mini, capsys):
    (mini / "catalogue/directory.yml").write_text(
        (mini / "catalogue/directory.yml").read_text(encoding="utf-8").replace('code: "0101"', 'code: "0907"', 1), encoding="utf-8"
    )
    with pytest.raises(SystemExit):
        main(["new", "document", "--root", str(mini), "--help"])
    shown = capsys.readouterr().out
    assert "末级事项的编码，如 0907" in shown and "部门标识，如 office" in shown
    with pytest.raises(SystemExit):
        main(["new", "document", "--root", str(mini / "docs"), "--help"])  # no repository there
    assert "末级事项的编码（见 catalogue/directory.yml）" in capsys.readouterr().out

"""Reading files: encodings, front matter offsets, YAML that would silently change."""

from pathlib import Path

from conftest import check
from disclosure.sources import load_markdown_file, load_yaml_file


def read_yaml(tmp_path: Path, text: str | bytes):
    path = tmp_path / "x.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = []
    return load_yaml_file(tmp_path, "x.yml", problems), problems


def test_marks_point_at_keys_and_items(tmp_path):
    located, problems = read_yaml(tmp_path, "name: a\nlist:\n  - x: 1\n  - x: 2\n")
    assert problems == []
    assert located.position(("name",)) == (1, 1)
    assert located.position(("list", 1, "x")) == (4, 5)
    # an absent key falls back to its nearest present ancestor
    assert located.position(("list", 1, "missing")) == (4, 5)


def test_front_matter_lines_are_file_lines(tmp_path):
    (tmp_path / "d.md").write_text("---\ntitle: t\n\nkind: k\n---\n\n正文\n", encoding="utf-8")
    problems = []
    located = load_markdown_file(tmp_path, "d.md", problems)
    assert problems == []
    assert located.position(("title",)) == (2, 1)
    assert located.position(("kind",)) == (4, 1)
    assert located.body == "正文\n"
    assert located.body_line == 7


def test_duplicate_key_is_reported_with_both_lines(tmp_path):
    located, problems = read_yaml(tmp_path, "name: a\nother: b\nname: c\n")
    assert [(p.code, p.line, p.field) for p in problems] == [("D003", 3, "name")]
    assert "第 1 行" in problems[0].message
    assert located.data["name"] == "a"  # the first value is kept, nothing silently replaced


def test_unquoted_code_keeps_its_source_text(tmp_path):
    located, _ = read_yaml(tmp_path, 'code: 0101\nquoted: "0101"\nflag: no\n')
    assert located.data == {"code": 65, "quoted": "0101", "flag": False}
    assert located.plain[("code",)] == ("tag:yaml.org,2002:int", "0101")
    assert located.plain[("flag",)] == ("tag:yaml.org,2002:bool", "no")
    assert ("quoted",) not in located.plain


def test_dates_become_iso_text_and_impossible_dates_are_reported(tmp_path):
    located, problems = read_yaml(tmp_path, "a: 2020-09-30\nb: 2020-02-30\n")
    assert located.data["a"] == "2020-09-30"
    assert [(p.code, p.line) for p in problems] == [("D109", 2)]


def test_gbk_file_is_named_as_such(tmp_path):
    located, problems = read_yaml(tmp_path, "name: 示例省司法厅\n".encode("gbk"))
    assert located is None
    assert problems[0].code == "D001"
    assert "GBK" in problems[0].hint


def test_bom_and_crlf_are_fine(tmp_path):
    located, problems = read_yaml(tmp_path, "\ufeffname: 司法厅\r\nkind: x\r\n".encode("utf-8"))
    assert problems == []
    assert located.data == {"name": "司法厅", "kind": "x"}
    assert located.position(("kind",)) == (2, 1)


def test_syntax_error_names_the_line(tmp_path):
    located, problems = read_yaml(tmp_path, "a: 1\nb: [1, 2\nc: 3\n")
    assert located is None
    assert problems[0].code == "D002"
    assert problems[0].line >= 2


def test_tab_indentation_gets_its_own_message(tmp_path):
    _, problems = read_yaml(tmp_path, "a:\n  b: 1\n \tc: 2\n")
    assert [(p.code, p.line, p.column) for p in problems] == [("D006", 3, 2)]
    assert "Tab" in problems[0].message


def test_markdown_without_front_matter(tmp_path):
    (tmp_path / "d.md").write_text("# 标题\n", encoding="utf-8")
    problems = []
    assert load_markdown_file(tmp_path, "d.md", problems) is None
    assert problems[0].code == "D004"


def test_front_matter_with_bom_and_crlf_keeps_file_lines(tmp_path):
    (tmp_path / "d.md").write_bytes("\ufeff---\r\ntitle: t\r\n\r\nkind: k\r\n---\r\n\r\n正文\r\n".encode("utf-8"))
    problems = []
    located = load_markdown_file(tmp_path, "d.md", problems)
    assert problems == []
    assert located.data == {"title": "t", "kind": "k"}
    assert located.position(("kind",)) == (4, 1)
    assert (located.body, located.body_line) == ("正文\n", 7)


def test_old_mac_line_ends_count_as_lines(tmp_path):
    located, problems = read_yaml(tmp_path, b"a: 1\rb: [1\rc: 3\r")
    assert located is None
    assert [(p.code, p.line) for p in problems] == [("D002", 2)]


def test_gbk_front_matter_names_the_line_and_the_encoding(tmp_path):
    (tmp_path / "d.md").write_bytes("---\nid: x\ntitle: 示例\n---\n".encode("gbk"))
    problems = []
    assert load_markdown_file(tmp_path, "d.md", problems) is None
    assert [(p.code, p.line) for p in problems] == [("D001", 3)]
    assert "GBK" in problems[0].hint


def test_syntax_error_at_the_end_stays_inside_the_file(tmp_path):
    located, problems = read_yaml(tmp_path, "a: 1\nb: {c: 2\n")
    assert located is None
    assert [(p.code, p.line) for p in problems] == [("D002", 2)]  # where the brace opened, not a line past the end


def test_empty_body_points_at_the_last_line(tmp_path):
    (tmp_path / "d.md").write_text("---\ntitle: t\n---\n", encoding="utf-8")
    located = load_markdown_file(tmp_path, "d.md", [])
    assert located.body == "" and located.body_line == 3


def test_whole_repository_in_crlf_with_bom_is_clean(mini, capsys):
    for path in mini.rglob("*"):
        if path.suffix in (".yml", ".md"):
            text = path.read_text(encoding="utf-8")
            path.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    code, diagnostics = check(mini, capsys=capsys)
    assert (code, diagnostics) == (0, [])


def test_nesting_deep_enough_to_crash_libyaml_is_refused(tmp_path):
    # Composed as is, 40,000 open brackets overflow libyaml's C stack and kill the process.
    located, problems = read_yaml(tmp_path, "a: 1\nb: " + "[" * 40_000 + "\n")
    assert located is None
    assert [(p.code, p.line) for p in problems] == [("D002", 2)]
    assert "嵌套" in problems[0].message


def test_aliases_that_loop_or_explode_are_refused(tmp_path):
    _, problems = read_yaml(tmp_path, "a: &x [*x]\n")
    assert [p.code for p in problems] == ["D002"]
    laughs = "a: &a [" + ",".join(["x"] * 10) + "]\n" + "".join(
        f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]\n" for prev, name in zip("abcde", "bcdef")
    )
    _, problems = read_yaml(tmp_path, laughs)
    assert [p.code for p in problems] == ["D002"] and "超过" in problems[0].message

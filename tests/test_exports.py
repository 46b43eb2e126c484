"""Open data and the feed: one record per public document, nothing withheld, files that open."""

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import REPO
from disclosure.check import check_repository
from disclosure.exports import CATALOGUE_CSV, CATALOGUE_FIELDS, CATALOGUE_JSON, FEED, FEED_SIZE, GUIDES_JSON, atom_feed, exports
from disclosure.loader import load_project
from disclosure.options import from_config_file
from disclosure.release import Release
from test_build import WITHHELD_MARKERS

SITE_URL = "https://sft.example.gov.cn/zwgk/"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module", autouse=True)
def demo_exports():
    """The demo's exports, made once when the first test here runs (not when the module is imported)."""
    global OPTIONS, PROJECT, RELEASE, EXPORTS, WITHHELD
    OPTIONS = from_config_file(REPO / "mkdocs.yml")
    PROJECT = check_repository(REPO, OPTIONS).project
    RELEASE = Release(PROJECT, OPTIONS.as_of)
    EXPORTS = exports(RELEASE, SITE_URL, "示例省司法厅政务公开")
    WITHHELD = [d for d in PROJECT.documents if d.id not in RELEASE.documents_by_id]


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_demo_withholds_documents_the_exports_must_leave_out():
    assert len(WITHHELD) >= 3
    assert len(RELEASE.documents) >= 30


def test_catalogue_csv_has_a_bom_and_one_row_per_public_document():
    data = EXPORTS[CATALOGUE_CSV]
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with it
    header, *rows = csv_rows(data)
    assert header == [label for _, label in CATALOGUE_FIELDS]
    assert [row[0] for row in rows] == [d.id for d in RELEASE.documents]
    assert all(len(row) == len(header) for row in rows)


def test_catalogue_csv_keeps_commas_and_quotes_inside_fields():
    rows = {row[0]: row for row in csv_rows(EXPORTS[CATALOGUE_CSV])[1:]}
    for document in RELEASE.documents:
        assert rows[document.id][2] == document.summary
    assert any("," in d.summary for d in RELEASE.documents), "the demo should have a summary with a comma"


def test_catalogue_json_has_one_record_per_public_document():
    catalogue = json.loads(EXPORTS[CATALOGUE_JSON])
    assert catalogue["count"] == len(catalogue["documents"]) == len(RELEASE.documents)
    assert {r["id"] for r in catalogue["documents"]} == set(RELEASE.documents_by_id)
    record = next(r for r in catalogue["documents"] if r["id"] == "014500123/2020-00002")
    assert record["url"] == SITE_URL + "documents/2020-00002/"
    assert record["written"] == "2020-05-15" and record["validity"] == "有效" and record["valid_until"] == "2030-05-31"
    assert [i["url"] for i in record["interpretations"]] == [SITE_URL + "interpretations/jd-2020-001/"]


def test_guides_json_has_every_public_guide():
    guides = json.loads(EXPORTS[GUIDES_JSON])
    assert guides["count"] == len(guides["guides"]) == len(RELEASE.guides)
    first = guides["guides"][0]
    assert first["materials"] and first["process"] and first["time_limit"]["legal_days"] >= first["time_limit"]["promised_days"]
    assert first["url"].startswith(SITE_URL + "guides/")


def test_atom_feed_parses_and_lists_the_latest_publications_newest_first():
    feed = ET.fromstring(EXPORTS[FEED])
    entries = feed.findall(f"{ATOM}entry")
    publications = [*RELEASE.documents, *RELEASE.interpretations]
    assert len(entries) == min(FEED_SIZE, len(publications))
    published = [e.findtext(f"{ATOM}published") for e in entries]
    assert published == sorted(published, reverse=True)
    titles = {p.title for p in publications}
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") in titles
        assert entry.find(f"{ATOM}link").get("href").startswith(SITE_URL)
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)


@pytest.mark.parametrize("path", [CATALOGUE_CSV, CATALOGUE_JSON, FEED, GUIDES_JSON])
def test_nothing_withheld_is_exported(path):
    text = EXPORTS[path].decode("utf-8-sig")
    for marker in WITHHELD_MARKERS:
        assert marker not in text
    for document in WITHHELD:
        assert document.id not in text and document.title not in text, f"{document.id} leaked into {path}"


def many_news(mini, count: int):
    """The mini repository with `count` news items published on successive days."""
    news = (mini / "catalogue/docs/news.md").read_text(encoding="utf-8")
    for n in range(count):
        day = dt.date(2021, 1, 1) + dt.timedelta(days=n)
        text = news.replace('"014500123/2021-00001"', f'"014500123/2021-{n + 2:05d}"').replace("published: 2021-03-02", f"published: {day}")
        text = text.replace("written: 2021-03-01", f"written: {day}").replace("date: 2021-03-01", f"date: {day}")
        (mini / f"catalogue/docs/news-{n}.md").write_text(text.replace("召开律师工作会议", f"工作动态第{n}期"), encoding="utf-8")


def test_feed_keeps_only_the_latest_fifty(mini):
    many_news(mini, 70)
    project, _ = load_project(mini)
    release = Release(project, dt.date(2021, 6, 30))
    entries = ET.fromstring(atom_feed(release)).findall(f"{ATOM}entry")
    assert len(release.documents) + len(release.interpretations) > FEED_SIZE
    assert len(entries) == FEED_SIZE
    newest = sorted([*release.documents, *release.interpretations], key=lambda p: (p.published, p.id), reverse=True)[:FEED_SIZE]
    assert [e.findtext(f"{ATOM}title") for e in entries] == [p.title for p in newest]


def test_feed_escapes_markup_in_titles(mini):
    news = mini / "catalogue/docs/news.md"
    news.write_text(news.read_text(encoding="utf-8").replace("召开律师工作会议", "召开“律师&公证”工作会议<纪要>"), encoding="utf-8")
    project, _ = load_project(mini)
    data = atom_feed(Release(project, dt.date(2021, 6, 30)))
    assert b"&amp;" in data and b"&lt;" in data
    titles = [e.findtext(f"{ATOM}title") for e in ET.fromstring(data).iter(f"{ATOM}entry")]
    assert "测试市司法局召开“律师&公证”工作会议<纪要>" in titles


def test_without_a_site_url_links_stay_relative_to_the_site_root():
    record = json.loads(exports(RELEASE)[CATALOGUE_JSON])["documents"][0]
    assert re.fullmatch(r"documents/[\w-]+/", record["url"])

"""The search index builder and its reference query, without a browser."""

import datetime as dt
import json
import logging
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import MINI, REPO
from disclosure.check import check_repository
from disclosure.layout import Layout
from disclosure.options import Options
from disclosure.pages.site import build_pages
from disclosure.release import Release
from disclosure.pages.disclosure_guide import APPLICATION_PAGES
from disclosure.layout import PAGE_TYPES
from disclosure.search.entries import SearchEntry, entries
from disclosure import derived_files
from disclosure.derived_files import DerivedFiles, Site
from disclosure.search.index import build_index, grams
from disclosure.search.normalize import fold, terms
from disclosure.search.plaintext import markdown_text
from disclosure.search.postings import decode_days, decode_list, decode_segments, decode_shard, encode_days, encode_list, encode_segments, encode_shard
from disclosure.search.query import IndexReader, covering, segmentations

WITHHELD_MARKERS = ("NONPUBLIC-MARKER-7731", "DRAFT-MARKER-5520", "FUTURE-MARKER-9043")


def entry(title, text="", summary="", **facets) -> SearchEntry:
    return SearchEntry(url=f"{title}/", title=title, type="document", kind="通知公告", date=dt.date(2024, 1, 1), summary=summary, text=text, facets=facets)


def reader_for(tmp_path, items: list[SearchEntry]) -> IndexReader:
    build_index(items).write(tmp_path / "search" / "data")
    return IndexReader(tmp_path / "search" / "data")


def found(reader: IndexReader, query: str, **kwargs) -> list[str]:
    result = reader.search(query, **kwargs)
    return [reader.record(n)["t"] for n in reader.confirmed(query, result)]


# -- folding and text ------------------------------------------------------------
def test_fold_full_width_case_and_traditional():
    assert fold("ＡＢｃ１２３　律師事務所") == "abc123 律师事务所"
    assert len(fold("律師𫝈Ａ")) == len("律師𫝈Ａ")  # one character for one: offsets survive folding


def test_terms_are_runs_of_letters_and_digits():
    assert terms("律师，执业  2024年 律师") == ["律师", "执业", "2024年"]
    assert terms("——！") == []


def test_body_text_drops_markup_and_comments_but_keeps_cells_apart():
    markdown = (
        "# 标题\n\n<!-- 内部备注 -->\n"
        '<div class="note">A&amp;B</div>\n\n'
        "正文**重要**通知，见[附件](a.pdf){ download }，{张三}。\n\n| 甲 | 乙 |\n| --- | :-: |\n| 丙 | 丁 |\n"
    )
    text = markdown_text(markdown)
    assert "内部备注" not in text and "note" not in text and "download" not in text
    assert "重要通知" in text and "附件" in text and "{张三}" in text and "A&B" in text
    assert "丙丁" not in text and "---" not in text
    assert text.splitlines()[0] == "标题"


def test_grams_do_not_cross_punctuation():
    assert grams("一段简单，好") == {"一", "段", "简", "单", "好", "一段", "段简", "简单", "一段简", "段简单"}


def test_covering_pieces():
    assert covering("法律援助", 3) == ["法律援", "律援助"]
    assert covering("法律援助申请", 3) == ["法律援", "助申请"]
    assert covering("一二三四五六七", 3) == ["一二三", "四五六", "五六七"]


# -- the binary format -------------------------------------------------------------
@given(st.integers(1, 70_000).flatmap(lambda total: st.tuples(st.just(total), st.sets(st.integers(0, total - 1)))))
def test_posting_lists_round_trip(case):
    total, numbers = case
    data = b"x" + encode_list(sorted(numbers), total) + b"y"
    decoded, end = decode_list(data, 1, total)
    assert decoded == sorted(numbers) and data[end:] == b"y"


def test_dense_lists_are_bitmaps_sparse_lists_are_numbers():
    assert len(encode_list(list(range(0, 10_000, 2)), 10_000)) == 1 + 1250
    assert len(encode_list([5, 9_999], 10_000)) == 1 + 1 + 4


@given(st.dictionaries(st.text(min_size=1, max_size=4), st.binary(max_size=40)))
def test_shards_round_trip(payloads):
    assert decode_shard(encode_shard(list(payloads.items()))) == payloads


@given(st.lists(st.tuples(st.integers(0, 5_000), st.binary(max_size=300))))
def test_merged_payloads_round_trip(segments):
    assert decode_segments(encode_segments(segments)) == segments


@given(st.lists(st.lists(st.sampled_from([0, 1, 739_000, 739_001, 739_003, 739_008, 739_365]), max_size=40), max_size=5))
def test_entry_dates_round_trip_in_any_order(days):
    assert decode_days(encode_days(days)) == [day for agency in days for day in agency]


def test_entry_dates_of_one_day_take_a_byte_a_run():
    newest_first = [[739_000 - n // 3 for n in range(3_000)]]  # three entries a day, a day after another
    assert len(encode_days(newest_first)) == 2 + (1 + 3 + 1) + 999  # run count; the first run, from day 0; the others
    long_runs = [[739_000] * 40, [739_000, 738_990]]  # more than 16 entries a day; ten days apart
    assert decode_days(encode_days(long_runs)) == [day for agency in long_runs for day in agency]


# -- queries over a small index ------------------------------------------------------
@pytest.fixture
def reader(tmp_path):
    return reader_for(
        tmp_path,
        [
            entry("律师执业管理办法", "这是一段简单的说明。申请人可以提出法律援助申请。", summary="规范律师执业"),
            entry("公证工作要点", "律师与公证员协作。做好法律援助工作，协助申请人办理。", department=["notary"]),
            entry("年度报告", "一段 简单", department=["office"]),
            entry("關於律師", "繁體內容：律師事務所。"),
        ],
    )


def test_a_run_across_a_word_boundary_is_found(reader):
    assert found(reader, "段简") == ["律师执业管理办法"]
    assert found(reader, "师执") == ["律师执业管理办法"]


def test_a_long_phrase_is_confirmed_against_the_text(reader):
    result = reader.search("法律援助申请")
    assert len(result.entries) == 2 and result.candidates  # 公证工作要点 has 法律援 and 助申请, apart
    assert found(reader, "法律援助申请") == ["律师执业管理办法"]


def test_one_character_and_several_terms(reader):
    assert sorted(found(reader, "律")) == ["公证工作要点", "律师执业管理办法", "關於律師"]
    assert found(reader, "公证 协作") == ["公证工作要点"]


def test_title_hits_rank_first_then_summary(reader):
    assert found(reader, "律师")[:2] == ["律师执业管理办法", "關於律師"]


def test_traditional_and_simplified_meet(reader):
    assert sorted(found(reader, "律師事務所")) == sorted(found(reader, "律师事务所")) == ["關於律師"]
    assert found(reader, "关于") == ["關於律師"]


@pytest.mark.parametrize("query", ["lvshi", "lüshi", "lu:shi", "LvShi", "lv'shi", "lszy", "lvshizhiye"])
def test_pinyin_finds_titles(reader, query):
    assert "律师执业管理办法" in found(reader, query)


def test_pinyin_segmentations():
    syllables = frozenset({"xi", "an", "xian", "lv", "shi"})
    assert segmentations("xian", syllables) == [["xi", "an"], ["xian"]]
    assert segmentations("xi'an", syllables) == [["xi", "an"]]
    assert segmentations("lvq", syllables) == []


def test_filters_and_date_order(tmp_path):
    items = [entry(f"第{n}号通知", "律师", department=["office" if n % 2 else "notary"]) for n in range(5)]
    reader = reader_for(tmp_path, items)
    assert found(reader, "律师", filters={"department": "office"}) == ["第1号通知", "第3号通知"]
    assert found(reader, "律师", order="date") == [f"第{n}号通知" for n in range(5)]
    assert found(reader, "律师", filters={"department": "nobody"}) == []


# -- the demo ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_release():
    options = Options(as_of=dt.date(2026, 11, 23))
    result = check_repository(REPO, options)
    return Release(result.project, options.as_of)


def test_every_kind_of_page_is_indexed_once_newest_first(demo_release):
    pages = build_pages(demo_release)
    items = entries(pages)
    assert len({e.url for e in items}) == len(items)
    by_type = {name: [e for e in items if e.type == name] for name, _ in PAGE_TYPES}
    assert len(by_type["document"]) == len(demo_release.documents)
    assert len(by_type["interpretation"]) == len(demo_release.interpretations)
    assert len(by_type["guide"]) == len(demo_release.guides)
    assert len(by_type["annual-report"]) == len(demo_release.annual_reports)
    assert len(by_type["catalogue"]) == sum(1 for item in demo_release.catalogue.walk() if item.code)
    assert {e.url for e in by_type["disclosure-guide"]} == {"disclosure-guide/", *(f"disclosure-guide/{f}/" for _, f, _ in APPLICATION_PAGES)}
    assert [e.url for e in by_type["system"]] == ["disclosure-rules/"] and [e.url for e in by_type["negative-list"]] == ["negative-list/"]
    dated = [e.date for e in items if e.date]
    assert dated == sorted(dated, reverse=True) and items[: len(dated)] == [e for e in items if e.date]  # undated pages last
    document = next(e for e in items if e.type == "document")
    assert document.url.startswith("documents/") and document.facets["item"][0] == document.facets["item"][-1][:2]
    assert {page.path.removesuffix("index.md") for page in pages} >= {e.url for e in items}  # every entry is a page


def test_documents_of_the_system_column_are_found_under_its_type_too(demo_release):
    options = Options(as_of=demo_release.as_of, system_category="0901")
    items = entries(build_pages(demo_release, options))
    system = [e.url for e in items if "system" in e.facets["type"]]
    assert system[-1] == "disclosure-rules/"
    assert sorted(system[:-1]) == sorted(Layout.of(demo_release.project).url_of(d) for d in demo_release.documents_in["0901"])


def test_results_carry_validity(demo_release, tmp_path):
    items = entries(build_pages(demo_release))
    reader = reader_for(tmp_path, items)
    for n, item in enumerate(items):
        assert reader.record(n).get("v", "") == item.validity
    assert {"废止", "有效"} <= {e.validity for e in items}


def test_withheld_markers_are_in_no_index_file(demo_release, tmp_path):
    index = build_index(entries(build_pages(demo_release)))
    for path, content in index.files.items():
        for marker in WITHHELD_MARKERS:
            assert marker.encode() not in content and fold(marker).encode() not in content, f"{marker} in {path}"
    index.write(tmp_path / "search" / "data")
    reader = IndexReader(tmp_path / "search" / "data")
    for marker in WITHHELD_MARKERS:
        assert reader.search(marker).entries == []
    assert reader.search("律师").entries  # the index does answer


def test_mini_index_files(tmp_path):
    options = Options(as_of=dt.date(2021, 6, 30))
    release = Release(check_repository(MINI, options).project, options.as_of)
    pages = build_pages(release)
    index = build_index(entries(pages))
    manifest = json.loads(index.files["manifest.json"])
    assert manifest["entries"] == index.entries == sum(1 for page in pages if page.search)
    assert {f"g/{k}.bin" for k in range(manifest["shards"]["g"])} <= set(index.files)
    assert {f"r/{n}.json" for n in range(index.entries)} <= set(index.files)


# -- built beside the pages ----------------------------------------------------------
def test_the_index_built_in_a_second_process_is_put_in_place_whole(demo_release, tmp_path):
    pages = build_pages(demo_release)
    abandoned = DerivedFiles(demo_release, pages, Site(tmp_path))
    abandoned.abandon()
    index = DerivedFiles(demo_release, pages, Site(tmp_path))
    assert index.in_background
    assert index.finish()
    reader = IndexReader(tmp_path / "search" / "data")
    assert reader.search("律师").entries
    assert [p.name for p in (tmp_path / "search").iterdir()] == ["data"]  # nothing left aside
    assert (tmp_path / "data" / "catalogue.csv").is_file()


def test_a_failed_index_fails_without_a_traceback(demo_release, tmp_path, monkeypatch, capfd):
    def broken(items):
        raise OSError("磁盘已满")

    monkeypatch.setattr(derived_files, "build_index", broken)
    handler = logging.StreamHandler(sys.stderr)  # as MkDocs logs: the child writes to the terminal
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        assert not DerivedFiles(demo_release, build_pages(demo_release), Site(tmp_path)).finish()
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    errors = capfd.readouterr().err
    assert "开放数据或搜索索引生成失败：OSError: 磁盘已满" in errors and "Traceback" not in errors

"""The content cache: an edit misses exactly its own entry, and results never depend on the cache."""

import datetime as dt
import pickle
from pathlib import Path

import pytest

from conftest import edit
from disclosure import cache as content_cache
from disclosure.cache import ContentCache
from disclosure.check import check_repository
from disclosure.options import from_config_file
from disclosure.pages.site import build_pages
from disclosure.release import Release
from disclosure.schemas import schema

AS_OF = dt.date(2021, 6, 30)
NEWS = "catalogue/docs/news.md"


def run(root, cache):
    options = from_config_file(root / "mkdocs.yml", as_of=AS_OF, cache_dir="")
    result = check_repository(root, options, cache)
    pages = build_pages(Release(result.project, AS_OF), options) if result.project.organization else []
    return result.diagnostics, [(p.path, p.markdown) for p in pages]


def stored_keys(directory) -> set[str]:
    (file,) = directory.glob("*.pickle")
    return set(pickle.loads(file.read_bytes()[content_cache.SEAL:]))


def test_a_second_run_reads_every_file_from_disk(mini, tmp_path):
    first = ContentCache(tmp_path / "cache")
    run(mini, first)
    assert first.hits == 0 and first.misses > 0
    second = ContentCache(tmp_path / "cache")  # a new process: nothing in memory
    run(mini, second)
    assert (second.hits, second.misses) == (first.misses, 0)


def test_entries_read_from_disk_keep_their_field_labels(mini, tmp_path):
    run(mini, ContentCache(tmp_path / "cache"))
    again = ContentCache(tmp_path / "cache")
    source = check_repository(mini, from_config_file(mini / "mkdocs.yml", cache_dir=""), again).project.documents[0].source
    assert again.misses == 0
    assert source.labels(("title",)) == schema("document").label(("title",)) != ""


def test_editing_one_file_misses_exactly_its_entry(mini, tmp_path):
    run(mini, ContentCache(tmp_path / "cache"))
    before = stored_keys(tmp_path / "cache")
    edit(mini / NEWS, "kind: 工作动态", "kind: 工作简报")
    after_edit = ContentCache(tmp_path / "cache")
    diagnostics, _ = run(mini, after_edit)
    assert after_edit.misses == 1
    assert [d.code for d in diagnostics] == ["D103"]  # the edit is seen, not an old entry
    after = stored_keys(tmp_path / "cache")
    assert len(before - after) == len(after - before) == 1  # the old entry dropped, the new one kept


def test_results_are_the_same_with_and_without_the_cache(mini, tmp_path):
    edit(next((mini / "catalogue").rglob("*.md")), "summary:", "sumary:")  # some findings to compare too
    without = run(mini, ContentCache())
    cold = run(mini, ContentCache(tmp_path / "cache"))
    warm = run(mini, ContentCache(tmp_path / "cache"))
    assert without[0], "the edit must produce findings"
    assert without == cold == warm


def test_a_damaged_cache_file_is_ignored(mini, tmp_path):
    run(mini, ContentCache(tmp_path / "cache"))
    for path in (tmp_path / "cache").glob("*.pickle"):
        path.write_bytes(b"\x80 not a pickle")
    again = ContentCache(tmp_path / "cache")
    assert run(mini, again) == run(mini, ContentCache())
    assert again.hits == 0


class Planted:
    """What a pickle committed to a repository could do when unpickled: anything (here, make a file)."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_cache_file_this_user_did_not_seal_is_never_unpickled(mini, tmp_path):
    run(mini, ContentCache(tmp_path / "cache"))
    (file,) = (tmp_path / "cache").glob("*.pickle")
    marker = tmp_path / "code-ran"
    payload = pickle.dumps({"x": Planted(marker)})
    for forged in (payload, bytes(content_cache.SEAL) + payload):
        file.write_bytes(forged)
        again = ContentCache(tmp_path / "cache")
        assert run(mini, again) == run(mini, ContentCache())
        assert again.hits == 0 and not marker.exists()


def test_new_code_starts_afresh_and_removes_only_old_entries(mini, tmp_path, monkeypatch):
    run(mini, ContentCache(tmp_path / "cache"))
    (tmp_path / "cache" / "notes.pickle").write_bytes(b"")
    monkeypatch.setattr(content_cache, "code_version", lambda: "0123456789abcdef")
    fresh = ContentCache(tmp_path / "cache")
    run(mini, fresh)
    assert fresh.hits == 0
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["0123456789abcdef.pickle", "notes.pickle"]


@pytest.mark.parametrize("flag", [[], ["--no-cache"]])
def test_the_command_line_keeps_its_cache_in_the_repository(mini, capsys, flag):
    from conftest import check

    code, _ = check(mini, *flag, capsys=capsys)
    assert code == 0
    assert (mini / ".cache" / "disclosure").is_dir() == (not flag)


def test_a_kept_cache_reads_only_the_saved_file_again(mini):
    kept = ContentCache()  # as `mkdocs serve` keeps it between rebuilds
    first, _ = run(mini, kept)
    parsed = kept.misses
    edit(mini / NEWS, "kind: 工作动态", "kind: 工作简报")
    diagnostics, _ = run(mini, kept)
    assert kept.misses == parsed + 1
    assert [d.code for d in diagnostics] == ["D103"]
    edit(mini / NEWS, "kind: 工作简报", "kind: 工作动态")
    assert run(mini, kept)[0] == first == []


def test_an_entry_that_cannot_be_stored_stays_in_memory(tmp_path):
    kept = ContentCache(tmp_path / "cache")
    kept.put("key", (lambda: None, []))
    kept.save()  # no error, nothing written
    assert kept.get("key") is not None
    assert not list((tmp_path / "cache").glob("*.pickle"))

"""Golden pages: the mini repository in, the Markdown of every page out.

Set UPDATE_GOLDEN=1 to rewrite tests/golden/ after an intended change, then
review the diff like any other change.
"""

import functools
import os
from pathlib import Path

import pytest

from conftest import MINI
from disclosure.check import check_repository
from disclosure.options import from_config_file
from disclosure.pages.site import build_pages
from disclosure.release import Release

GOLDEN = Path(__file__).resolve().parent / "golden" / "mini"


@functools.cache
def rendered() -> dict[str, str]:
    options = from_config_file(MINI / "mkdocs.yml", cache_dir="")  # read in place: no cache written into the fixture
    result = check_repository(MINI, options)
    assert result.ok, result.diagnostics
    return {page.path: page.markdown for page in build_pages(Release(result.project, options.as_of), options)}


def test_the_same_pages_exist():
    if os.environ.get("UPDATE_GOLDEN"):
        for path, markdown in rendered().items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
    expected = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
    assert sorted(rendered()) == expected


@pytest.mark.parametrize("path", sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")))
def test_page_matches_golden(path):
    assert rendered()[path] == (GOLDEN / path).read_text(encoding="utf-8")

"""A generated corpus (the benchmarks' input) is clean, builds strictly, and publishes each public document once."""

import csv
import datetime as dt
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import REPO, check, mkdocs_build

pytestmark = pytest.mark.slow  # whole site builds

AS_OF = dt.date(2026, 6, 30)
DOCUMENTS = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "repo"
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "generate_corpus.py"), "--documents", str(DOCUMENTS), "--out", str(root), "--as-of", AS_OF.isoformat()],
        check=True, capture_output=True,
    )
    return root


@pytest.fixture(scope="module")
def site(corpus) -> Path:
    result = mkdocs_build(corpus, corpus / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return corpus / "site"


def front_matters(corpus: Path):
    for path in sorted((corpus / "catalogue").rglob("*.md")):
        yield yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n"))


def public_ids(corpus: Path) -> tuple[set[str], dict[str, set[str]]]:
    """Read straight from the files, by the content model's words: what may be published and what may not."""
    public, withheld = set(), {"not 主动公开": set(), "draft": set(), "future": set()}
    for front in front_matters(corpus):
        if front["disclosure"] != "主动公开":
            withheld["not 主动公开"].add(front["id"])
        elif front.get("draft") is True:
            withheld["draft"].add(front["id"])
        elif front["published"] > AS_OF:
            withheld["future"].add(front["id"])
        else:
            public.add(front["id"])
    return public, withheld


def page_id(page: Path) -> str | None:
    """The 索引号 a published document page shows."""
    match = re.search(r'<th scope="row">索引号</th><td>([^<]+)</td>', page.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def ids_in_pages(site: Path) -> Counter:
    return Counter(page_id(page) for page in site.rglob("index.html") if page_id(page))


def ids_in_sitemap(site: Path) -> Counter:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    base = re.search(r"<loc>(.*?)</loc>", sitemap).group(1)
    found = Counter()
    for url in re.findall(r"<loc>(.*?)</loc>", sitemap):
        page = site / url.removeprefix(base) / "index.html"
        assert page.is_file(), f"the sitemap lists {url}, which was not built"
        if page_id(page):
            found[page_id(page)] += 1
    return found


def ids_in_csv(site: Path) -> Counter:
    rows = csv.DictReader((site / "data" / "catalogue.csv").read_text(encoding="utf-8-sig").splitlines())
    return Counter(row["索引号"] for row in rows)


def ids_in_json(site: Path) -> Counter:
    return Counter(record["id"] for record in json.loads((site / "data" / "catalogue.json").read_text(encoding="utf-8"))["documents"])


# Every output the public can reach that lists all documents, as a count of the document ids it carries.
OUTPUTS = {"pages": ids_in_pages, "sitemap": ids_in_sitemap, "csv": ids_in_csv, "json": ids_in_json}


def test_generated_corpus_passes_the_checker(corpus, capsys):
    code, diagnostics = check(corpus, capsys=capsys)
    assert [d for d in diagnostics if d["severity"] == "error"] == []
    assert code == 0


def test_corpus_has_every_kind_of_withheld_document(corpus):
    public, withheld = public_ids(corpus)
    assert len(public) > DOCUMENTS * 0.9
    assert all(withheld.values()), withheld


@pytest.mark.parametrize("output", OUTPUTS)
def test_every_public_document_appears_exactly_once(corpus, site, output):
    public, withheld = public_ids(corpus)
    found = OUTPUTS[output](site)
    assert {i for i, n in found.items() if n > 1} == set(), f"{output}: published more than once"
    assert set(found) == public, f"{output}: missing {sorted(public - set(found))[:5]}, extra {sorted(set(found) - public)[:5]}"
    hidden = set().union(*withheld.values())
    assert not hidden & set(found)


def test_the_feed_links_only_public_pages_each_once(corpus, site):
    public, _ = public_ids(corpus)
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    base = re.search(r'<link rel="alternate" type="text/html" href="([^"]+)"', feed).group(1)
    links = re.findall(r'<entry>.*?<link rel="alternate" type="text/html" href="([^"]+)"', feed, flags=re.S)
    assert links and len(links) == len(set(links))
    found = {page_id(site / link.removeprefix(base) / "index.html") for link in links}
    assert found & public and found - {None} <= public  # interpretation entries show no 索引号 of their own

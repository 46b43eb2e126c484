"""A live preview renders only the pages a save can have changed, and they equal a full render."""

import pytest

from conftest import edit
from disclosure.cache import ContentCache
from disclosure.check import check_repository
from disclosure.options import from_config_file
from disclosure.pages.preview import Preview
from disclosure.pages.site import build_pages
from disclosure.release import Release

POLICY = "catalogue/documents/2023/lawyer-annual-assessment-measures.md"
INTERPRETATION = "interpretations/2023/lawyer-annual-assessment-measures.md"


class Session:
    """Successive runs over one repository, as `mkdocs serve` makes them."""

    def __init__(self, root):
        self.root = root
        self.options = from_config_file(root / "mkdocs.yml", cache_dir="")
        self.cache = ContentCache()  # in memory: unchanged files give back the same objects
        self.preview = Preview()

    def run(self) -> tuple[dict[str, str], dict[str, str]]:
        """The preview's pages, and every page rendered afresh."""
        release = Release(check_repository(self.root, self.options, self.cache).project, self.options.as_of)
        preview = {page.path: page.markdown for page in self.preview.pages(release, self.options)}
        return preview, {page.path: page.markdown for page in build_pages(release, self.options)}


def rename_document(root):
    edit(root / POLICY, "\ntitle: ", "\ntitle: 修订后的")


def rename_interpretation(root):
    edit(root / INTERPRETATION, "\ntitle: ", "\ntitle: 修订后的")


def rewrite_body(root):
    edit(root / POLICY, "\n---\n", "\n---\n\n新增的一段正文。\n")


def rename_guide(root):
    edit(root / "guides/legal-aid-application.yml", "\nname: ", "\nname: 修订后的")


def rename_office(root):
    edit(root / "catalogue/organization.yml", "\nname: ", "\nname: 修订后的")


def move_date(root):
    edit(root / POLICY, "\npublished: 2023-04-21", "\npublished: 2023-04-20")


def make_draft(root):
    edit(root / POLICY, "\n---\n", "\ndraft: true\n---\n")


def grow_attachment(root):
    with open(root / "attachments/2023/budget-2023.pdf", "ab") as stream:
        stream.write(b"%" * 4096)


def remove_interpretation(root):
    (root / INTERPRETATION).unlink()


def add_document(root):
    text = (root / POLICY).read_text(encoding="utf-8").replace("2023-00003", "2023-00099").replace("\ntitle: ", "\ntitle: 另一份")
    (root / POLICY).with_name("another.md").write_text(text, encoding="utf-8")


SAVES = [rename_document, rename_interpretation, rewrite_body, rename_guide, rename_office, move_date, make_draft, grow_attachment, remove_interpretation, add_document]


# Each renders the demo site twice: the inner loop keeps the first kind of save, the full suite all.
@pytest.mark.parametrize("save", [pytest.param(save, marks=() if n == 0 else pytest.mark.slow) for n, save in enumerate(SAVES)], ids=lambda f: f.__name__)
def test_after_a_save_the_preview_equals_a_full_render(demo, save):
    session = Session(demo)
    first, full = session.run()
    assert first == full and session.preview.rendered == len(full)
    save(demo)
    preview, full = session.run()
    assert preview.keys() == full.keys()
    assert [path for path in full if preview[path] != full[path]] == []
    assert preview != first  # the save shows


def test_a_renamed_document_renders_its_page_and_the_pages_linking_to_it(demo):
    session = Session(demo)
    first, _ = session.run()
    rename_document(demo)
    preview, _ = session.run()
    changed = {path for path in preview if preview[path] != first[path]}
    assert "documents/2023-00003/index.md" in changed
    assert any(path.startswith("interpretations/jd-") for path in changed)  # its interpretation names it
    assert any(path.startswith("catalogue/") for path in changed)  # its list
    assert session.preview.rendered < len(preview) / 3


def test_an_unchanged_repository_renders_only_what_is_always_rendered(demo):
    session = Session(demo)
    session.run()
    session.run()
    assert 0 < session.preview.rendered <= len([p for p in session.preview.markdown if p.startswith("annual-reports/")])


def test_a_file_saved_twice_in_a_row_still_shows_its_last_text(demo):
    session = Session(demo)
    session.run()
    rename_document(demo)
    session.run()
    edit(demo / POLICY, "修订后的", "再次修订的")
    preview, full = session.run()
    assert preview == full and "再次修订的" in preview["documents/2023-00003/index.md"]

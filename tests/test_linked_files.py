"""Linked files as an attacker and a careless editor would name them: only attachments/ and templates/,
only allowed types, content that is what its extension says; refused by the checker at the line of the
field, and absent from the built site."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import check, edit
from disclosure.linked_files import ACTIVE, MAX_SIZE, TYPES, examine
from disclosure.loader import load_project
from disclosure.release import Release

RULES = "catalogue/docs/rules.md"
SECRET = b"SECRET-NOT-FOR-PUBLICATION"
PDF = b"%PDF-1.4\n" + SECRET
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script>" + SECRET
SVG = b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'>" + SECRET + b"</svg>"

# (path as written in the entry, files to create {rel: bytes or ("link", target)}, expected code)
HOSTILE = [
    (".git/config", {".git/config": b"[remote]\nurl = https://token@example.com/" + SECRET}, "D601"),
    ("mkdocs.yml", {}, "D601"),
    ("catalogue/docs/news.md", {}, "D601"),  # a document's own source, published as a page
    (".cache/disclosure/content.pickle", {".cache/disclosure/content.pickle": SECRET}, "D601"),
    ("Attachments/form.pdf", {"Attachments/form.pdf": PDF}, "D601"),
    ("attachments/../mkdocs.yml", {}, "D205"),
    ("attachments/2020/../../mkdocs.yml", {}, "D205"),
    ("/etc/passwd", {}, "D205"),
    ("attachments\\..\\mkdocs.yml", {}, "D205"),
    ("attachments/%2e%2e/mkdocs.yml", {}, "D604"),
    ("attachments/%2E%2E%2Fmkdocs.yml", {}, "D604"),
    ("attachments\\form.pdf", {}, "D604"),
    ("attachments/chart.svg", {"attachments/chart.svg": SVG}, "D602"),
    ("attachments/chart.Svg", {"attachments/chart.Svg": SVG}, "D602"),
    ("attachments/chart.svgz", {"attachments/chart.svgz": SVG}, "D602"),
    ("attachments/page.html", {"attachments/page.html": HTML}, "D602"),
    ("attachments/page.HTM", {"attachments/page.HTM": HTML}, "D602"),
    ("attachments/report.pdf.html", {"attachments/report.pdf.html": HTML}, "D602"),
    ("attachments/feed.xml", {"attachments/feed.xml": b"<?xml version='1.0'?><x>" + SECRET + b"</x>"}, "D602"),
    ("attachments/app.js", {"attachments/app.js": b"alert(1)//" + SECRET}, "D602"),
    ("attachments/page.md", {"attachments/page.md": b"---\ntitle: x\n---\n<script>alert(1)</script>" + SECRET}, "D602"),
    ("attachments/page.markdown", {"attachments/page.markdown": b"# " + SECRET}, "D602"),
    ("attachments/notes", {"attachments/notes": PDF}, "D602"),
    ("attachments/scan.PDF", {"attachments/scan.PDF": PDF}, "D602"),
    ("attachments/fake.pdf", {"attachments/fake.pdf": HTML}, "D603"),  # a PDF extension on an HTML file
    ("attachments/report.html.pdf", {"attachments/report.html.pdf": HTML}, "D603"),
    ("attachments/utf16.pdf", {"attachments/utf16.pdf": HTML.decode().encode("utf-16")}, "D603"),
    ("attachments/bom.pdf", {"attachments/bom.pdf": b"\xef\xbb\xbf" + PDF}, "D603"),
    ("attachments/logo.png", {"attachments/logo.png": SVG}, "D603"),
    ("attachments/photo.jpg", {"attachments/photo.jpg": b""}, "D603"),
    ("attachments/form.docx", {"attachments/form.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + SECRET}, "D603"),  # a .doc renamed
    ("attachments/form.doc", {"attachments/form.doc": b"PK\x03\x04" + SECRET}, "D603"),  # a .docx renamed
    ("attachments/clip.mp4", {"attachments/clip.mp4": HTML}, "D603"),
    ("attachments/linked.pdf", {"attachments/linked.pdf": ("link", "../mkdocs.yml")}, "D601"),
    ("attachments/source.pdf", {"attachments/source.pdf": ("link", "../catalogue/docs/news.md")}, "D601"),
    ("attachments/elsewhere.pdf", {"attachments/elsewhere.pdf": ("link", "../templates/application.pdf")}, "D601"),
    ("attachments/loop.pdf", {"attachments/loop.pdf": ("link", "loop.pdf")}, "D205"),
    ("attachments/my form.pdf", {"attachments/my form.pdf": PDF}, "D604"),
    ("attachments/a)b.pdf", {"attachments/a)b.pdf": PDF}, "D604"),  # ends a Markdown link
    ("attachments/{: onclick=alert(1) }.pdf", {}, "D604"),  # an attribute list
    ("attachments/x<img src=x onerror=alert(1)>.pdf", {}, "D604"),
    ("attachments/.hidden.pdf", {"attachments/.hidden.pdf": PDF}, "D604"),
    ("attachments/-rf.pdf", {"attachments/-rf.pdf": PDF}, "D604"),
    ("attachments/tab\t.pdf", {}, "D604"),
    ("attachments/form.pdf ", {}, "D604"),
    ("attachments//form.pdf", {}, "D604"),
    ("attachments/\u202efdp.exe", {}, "D604"),  # right-to-left override: shows as exe.pdf
]


def make(root: Path, files: dict) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, tuple):
            path.symlink_to(content[1])
        else:
            path.write_bytes(content)


def hostile_repository(root: Path) -> list[tuple[str, str, int]]:
    """Every hostile link as an attachment of RULES; (path, expected code, line) for each."""
    for _, files, _ in HOSTILE:
        make(root, files)
    entries = "".join(f"  - title: 附件{i}\n    file: {yaml_text(rel)}\n" for i, (rel, _, _) in enumerate(HOSTILE))
    edit(root / RULES, "attachments:\n  - title: 申请表\n    file: attachments/form.pdf\n", "attachments:\n" + entries)
    first = (root / RULES).read_text(encoding="utf-8").splitlines().index("attachments:") + 1
    return [(rel, code, first + 2 * i + 2) for i, (rel, _, code) in enumerate(HOSTILE)]


def yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


def test_every_hostile_link_is_refused_at_its_line(mini, capsys):
    expected = hostile_repository(mini)
    code, diagnostics = check(mini, capsys=capsys)
    assert code == 1
    found = {(d["line"], d["code"]) for d in diagnostics if d["file"] == RULES}
    for rel, wanted, line in expected:
        assert (line, wanted) in found, (rel, wanted, line, sorted(d for d in found if d[0] == line))
        hits = [d for d in diagnostics if (d["file"], d["line"], d["code"]) == (RULES, line, wanted)]
        assert all(d["field"].startswith("attachments[") and d["field"].endswith("].file") and d["label"] == "附件" and d["hint"] for d in hits)


@pytest.mark.slow
def test_no_hostile_link_is_published(mini):
    hostile_repository(mini)
    release = Release(load_project(mini)[0], dt.date(2021, 6, 30))
    legitimate = {"templates/application.pdf"}  # the guide's template, untouched
    assert release.published_files == legitimate
    # The build (not strict: the errors above would stop it) leaves every one of them out.
    site = mini / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=mini, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    published = [p for p in site.rglob("*") if p.is_file()]
    assert published and not any(SECRET in p.read_bytes() for p in published)
    names = {p.relative_to(site).as_posix() for p in published}
    assert not names & {rel for rel, _, _ in HOSTILE}
    copied = {n for n in names if n.startswith(("attachments/", "templates/", ".git", ".cache", "Attachments/"))}
    assert copied == legitimate, sorted(names)


@pytest.mark.parametrize(
    "field, old, new",
    [
        ("media", "form: 文字解读", "form: 图文解读\nmedia: attachments/chart.svg"),
        ("materials[1].template", "template: templates/application.pdf", "template: templates/form.html"),
        ("materials[1].template", "template: templates/application.pdf", "template: mkdocs.yml"),
        ("application.form", None, "catalogue/docs/news.md"),
    ],
)
def test_every_kind_of_linked_file_is_held_to_the_same_rules(mini, capsys, field, old, new):
    make(mini, {"attachments/chart.svg": SVG, "templates/form.html": HTML})
    if field == "application.form":
        with open(mini / "catalogue/organization.yml", "a", encoding="utf-8") as stream:
            stream.write(f"application:\n  form: {new}\n")
    else:
        target = mini / ("interpretations/rules.md" if field == "media" else "guides/lawyer.yml")
        edit(target, old, new)
    _, diagnostics = check(mini, capsys=capsys)
    hits = [d for d in diagnostics if d["field"] == field]
    assert hits and all(d["code"] in ("D601", "D602") and d["line"] > 1 for d in hits), diagnostics
    release = Release(load_project(mini)[0], dt.date(2021, 6, 30))
    assert not {"attachments/chart.svg", "templates/form.html", "mkdocs.yml", "catalogue/docs/news.md"} & release.published_files


# The first bytes of each allowed type, as its own program writes them.
SAMPLES = {
    "pdf": b"%PDF-1.7\n",
    "ofd": b"PK\x03\x04\x14\x00",
    "doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "docx": b"PK\x03\x04\x14\x00",
    "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "xlsx": b"PK\x03\x04\x14\x00",
    "ppt": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "pptx": b"PK\x03\x04\x14\x00",
    "wps": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "et": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "dps": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF",
    "jpeg": b"\xff\xd8\xff\xe1\x00\x10Exif",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "gif": b"GIF89a\x01\x00",
    "webp": b"RIFF\x24\x00\x00\x00WEBPVP8 ",
    "mp4": b"\x00\x00\x00\x18ftypmp42",
    "mp3": b"ID3\x04\x00\x00",
    "zip": b"PK\x05\x06" + b"\x00" * 18,
    "rar": b"Rar!\x1a\x07\x01\x00",
    "7z": b"7z\xbc\xaf\x27\x1c\x00\x04",
}


def test_every_allowed_type_has_a_sample():
    assert set(SAMPLES) == set(TYPES)
    assert not ACTIVE & set(TYPES)


@pytest.mark.parametrize("extension", sorted(TYPES))
def test_an_allowed_type_is_published_and_a_mismatched_one_is_not(tmp_path, extension):
    make(tmp_path, {f"attachments/2026/预算说明（草案）_v1.{extension}": SAMPLES[extension], f"templates/x/renamed.{extension}": HTML})
    assert examine(tmp_path, f"attachments/2026/预算说明（草案）_v1.{extension}") is None
    assert examine(tmp_path, f"templates/x/renamed.{extension}").code == "D603"


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "attachments/big.pdf"
    path.parent.mkdir(parents=True)
    with open(path, "wb") as stream:
        stream.write(b"%PDF-1.4\n")
        stream.truncate(MAX_SIZE + 1)  # sparse: no disk used
    refusal = examine(tmp_path, "attachments/big.pdf")
    assert refusal.code == "D605" and "50 MB" in refusal.message
    path.write_bytes(b"%PDF-1.4\n")
    assert examine(tmp_path, "attachments/big.pdf") is None


def test_a_folder_of_attachments_that_is_a_link_out_of_the_repository_is_refused(tmp_path):
    outside = tmp_path / "outside"
    make(outside, {"secret.pdf": PDF})
    root = tmp_path / "repo"
    (root / "attachments").mkdir(parents=True)
    (root / "attachments/shared").symlink_to(outside, target_is_directory=True)
    assert examine(root, "attachments/shared/secret.pdf").code == "D205"
    os.symlink(outside, root / "templates", target_is_directory=True)  # the whole folder
    assert examine(root, "templates/secret.pdf").code == "D205"


def test_a_content_folder_linked_as_the_templates_folder_is_refused(tmp_path):
    make(tmp_path, {"catalogue/scan.pdf": PDF})
    os.symlink("catalogue", tmp_path / "templates", target_is_directory=True)
    assert examine(tmp_path, "templates/scan.pdf").code == "D601"

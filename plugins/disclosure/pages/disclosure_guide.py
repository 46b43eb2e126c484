"""The 政府信息公开指南 column (条例第十二条), from organization.yml and the catalogue."""

from __future__ import annotations

from disclosure.pages import columns
from disclosure.layout import document_kinds
from disclosure.pages.browse import BROWSE
from disclosure.pages.render import Page, Renderer

# The 依申请公开 sub-pages: title, folder under the column, template.
APPLICATION_PAGES = (
    ("申请流程", "process", "disclosure_guide_process.md.j2"),
    ("申请表格", "form", "disclosure_guide_form.md.j2"),
    ("受理机构", "office", "disclosure_guide_office.md.j2"),
    ("收费标准", "fees", "disclosure_guide_fees.md.j2"),
    ("办理时限", "time-limits", "disclosure_guide_time_limits.md.j2"),
)


def application_page_path(folder: str) -> str:
    return f"{columns.GUIDE.folder}{folder}/index.md"


def disclosure_guide_pages(renderer: Renderer) -> list[Page]:
    release = renderer.release
    channels: list[str] = []
    for leaf in release.catalogue.leaves():
        channels += [c for c in leaf.channels if c not in channels]
    application_pages = [(title, application_page_path(folder)) for title, folder, _ in APPLICATION_PAGES]
    pages = [
        renderer.render(
            "disclosure_guide.md.j2",
            columns.GUIDE.path,
            column=columns.GUIDE,
            columns=columns,
            browse=BROWSE,
            kinds=document_kinds(),
            channels=channels,
            example=release.documents[0] if release.documents else None,
            application_pages=application_pages,
        )
    ]
    for title, folder, template in APPLICATION_PAGES:
        pages.append(renderer.render(template, application_page_path(folder), column=columns.GUIDE, title=title, form_page=application_page_path("form")))
    return pages

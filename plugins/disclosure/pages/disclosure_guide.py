"""The 政府信息公开指南 column (条例第十二条), from organization.yml and the catalogue."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from disclosure.layout import document_kinds
from disclosure.pages import columns, searchable
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
            application_pages=application_pages(),
            search=partial(
                searchable.disclosure_guide, release, columns.GUIDE.path, columns.GUIDE.name, "信息分类与编排体系、获取方式、工作机构和依申请公开办法",
                *(f"{root.code} {root.name}" for root in release.catalogue.roots), "、".join(channels), *_office(release),
            ),
        )
    ]
    for title, folder, template in APPLICATION_PAGES:
        page = renderer.render(template, application_page_path(folder), column=columns.GUIDE, title=title, form_page=application_page_path("form"))
        # These pages are mostly the template's own prose (the 条例's time limits, how to apply): their
        # rendered Markdown is the only model of it, so search reads that beside the facts they show.
        facts = partial(searchable.disclosure_guide, release, page.path, title, *_facts(release, folder), searchable.page_prose(page.markdown))
        pages.append(replace(page, search=facts))
    return pages


def application_pages() -> list[tuple[str, str]]:
    """(title, src path) of each 依申请公开 page."""
    return [(title, application_page_path(folder)) for title, folder, _ in APPLICATION_PAGES]


def _office(release) -> tuple[str, ...]:
    office = release.organization.office
    return (office.name, office.address, office.hours, office.phone, office.fax, office.email, office.website)


def _facts(release, folder: str) -> tuple[str, ...]:
    """What a 依申请公开 page is about, then the organization's facts it shows."""
    application = release.organization.application
    channels = tuple(f"{c.name} {c.description} {c.url}" for c in application.channels)
    return {
        "process": ("依申请公开政府信息的申请流程：提交申请、受理、答复", *channels, *_office(release)),
        "form": ("政府信息公开申请表下载，填写说明", release.organization.name),
        "office": ("政府信息公开申请的受理机构和联系方式", *_office(release)),
        "fees": ("依申请公开政府信息的收费标准，信息处理费", application.fees),
        "time-limits": ("依申请公开政府信息的办理时限，答复期限，延长答复", release.organization.name),
    }[folder]

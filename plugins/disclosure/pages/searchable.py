"""What each page gives search, read from the model the page shows rather than from its markup.

Each function returns the SearchEntry of one page; the page builders attach it to their Page
unevaluated, so the text is read in the process that writes the index, beside the build.
"""

from __future__ import annotations

from disclosure.layout import PAGE_TYPE_LABELS, Layout
from disclosure.model import AnnualReport, CatalogueItem, Document, Interpretation, ServiceGuide
from disclosure.pages.columns import Column
from disclosure.release import Release
from disclosure.search.entries import SearchEntry
from disclosure.search.plaintext import lines, markdown_text


def _url(path: str) -> str:
    return path.removesuffix("index.md")


def _page(type_: str, path: str, title: str, text: str, summary: str = "", **facets) -> SearchEntry:
    return SearchEntry(
        url=_url(path), title=title, type=type_, kind=PAGE_TYPE_LABELS[type_], date=None, summary=summary, text=text,
        facets={"type": [type_], **facets},
    )


def document(release: Release, d: Document, in_system: bool) -> SearchEntry:
    item = release.catalogue.by_code[d.category]
    metadata = lines(
        d.id, d.doc_number, d.publisher or release.organization.name, d.kind, release.department_name(d.drafting_department),
        d.validity, " ".join(d.topics), item.name,
    )
    attachments = lines(*(a.title for a in d.attachments if release.publishes(a.file)))
    replacement = release.replacement(d)
    related = lines(
        replacement and replacement.title, *(i.title for i in release.interpretations_of.get(d.id, [])),
        d.consultation and lines(f"{d.consultation.start} 至 {d.consultation.end}", d.consultation.feedback),
    )
    return SearchEntry(
        url=Layout.of(release.project).url_of(d), title=d.title, type="document", kind=d.kind, date=d.published, summary=d.summary,
        text=lines(markdown_text(d.body), attachments, related, metadata), validity=d.validity,
        facets={
            "type": ["document", "system"] if in_system else ["document"],
            "kind": [d.kind],
            "department": [d.drafting_department],
            "item": [node.code for node in (*item.ancestors(), item)],
            "year": [str(d.published.year)],
            "validity": [d.validity] if d.validity else [],
        },
    )


def interpretation(release: Release, i: Interpretation, policy: Document) -> SearchEntry:
    return SearchEntry(
        url=Layout.of(release.project).url_of(i), title=i.title, type="interpretation", kind=PAGE_TYPE_LABELS["interpretation"], date=i.published,
        summary=i.summary,
        text=lines(markdown_text(i.body), policy.title, policy.doc_number, i.form, release.department_name(i.department), i.interpreter),
        facets={"type": ["interpretation"], "department": [i.department], "year": [str(i.published.year)]},
    )


def guide(release: Release, g: ServiceGuide) -> SearchEntry:
    text = lines(
        g.code, g.type, release.department_name(g.department), "、".join(g.audience),
        *(f"{b.title} {b.article}" for b in g.basis), g.conditions,
        *(lines(x.name, x.note, x.form, x.source) for x in g.materials),
        *(lines(p.step, p.description) for p in g.process),
        *(lines(f.item, f.standard, f.basis) for f in g.fees),
        g.result, g.location, g.hours, g.online.url, g.online.visits_reason, g.contact.phone, g.supervision.phone,
        *(lines(q.question, q.answer) for q in g.faq),
    )
    return SearchEntry(
        url=Layout.of(release.project).url_of(g), title=g.name, type="guide", kind=PAGE_TYPE_LABELS["guide"], date=g.updated, summary=g.summary, text=text,
        facets={"type": ["guide"], "department": [g.department], "year": [str(g.updated.year)] if g.updated else []},
    )


def catalogue_item(release: Release, item: CatalogueItem) -> SearchEntry:
    title = f"{item.code} {item.name}"
    if item.is_leaf:
        text = lines(
            item.content, item.basis, item.time_limit, "、".join(map(release.department_name, item.departments)),
            "、".join(item.channels), item.audience,
        )
    else:
        text = lines(*(f"{child.code} {child.name}" for child in item.children))
    codes = [node.code for node in (*item.ancestors(), item)]
    return _page("catalogue", Layout.of(release.project).path_of(item), title, text, summary=item.content, item=codes)


def annual_report(release: Release, report: AnnualReport, title: str) -> SearchEntry:
    return SearchEntry(
        url=Layout.of(release.project).url_of(report), title=title, type="annual-report", kind=PAGE_TYPE_LABELS["annual-report"], date=report.published,
        summary="", text=lines(f"{report.year}年", report.overview, report.problems, report.other_matters),
        facets={"type": ["annual-report"], "year": [str(report.year)]},
    )


def negative_list(release: Release, column: Column) -> SearchEntry:
    entries = release.project.negative_list
    return _page("negative-list", column.path, column.name, lines(*(lines(e.name, e.situation, e.basis) for e in entries)))


def system_column(release: Release, column: Column, item: CatalogueItem | None) -> SearchEntry:
    if item is None:
        return _page("system", column.path, column.name, "")
    about = item.content or f"{release.organization.name}政府信息公开工作制度"
    return _page("system", column.path, column.name, lines(about, f"{item.code} {item.name}"))


def disclosure_guide(release: Release, path: str, title: str, description: str, *facts: str) -> SearchEntry:
    """A page of the 政府信息公开指南: what it is about, and the organization's facts it shows."""
    return _page("disclosure-guide", path, title, lines(description, *facts))


def page_prose(markdown: str) -> str:
    """The text a reader sees of a generated page's Markdown, its front matter left out."""
    if markdown.startswith("---"):
        markdown = markdown.split("\n---", 1)[-1]
    return markdown_text(markdown)

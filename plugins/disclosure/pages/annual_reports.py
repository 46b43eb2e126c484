"""The 政府信息公开年报 column: a page that lists the years' reports (none yet)."""

from __future__ import annotations

from disclosure.pages import columns
from disclosure.pages.render import Page, front_matter
from disclosure.release import Release


def annual_report_pages(release: Release) -> list[Page]:
    column = columns.ANNUAL_REPORTS
    meta = front_matter(title=column.name, column=column.name, column_type=column.type, hide=["navigation"])
    return [Page(column.path, f"{meta}# {column.name}\n\n暂无年度报告。\n")]

"""The site's columns (栏目): where each stands and what the meta tags call it.

The first four are the columns every 政府信息公开 platform must have
(国办公开办函〔2019〕61号); `type` is the ColumnType meta tag of the
政府网站网页设计规范.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str  # the column page's title, and ColumnName
    path: str  # src path of the column page
    type: str  # ColumnType

    @property
    def folder(self) -> str:
        return self.path.removesuffix("index.md")


GUIDE = Column("政府信息公开指南", "disclosure-guide/index.md", "信息公开指南")
SYSTEM = Column("政府信息公开制度", "disclosure-rules/index.md", "信息公开制度")
CATALOGUE = Column("法定主动公开内容", "catalogue/index.md", "法定主动公开内容")
ANNUAL_REPORTS = Column("政府信息公开年报", "annual-reports/index.md", "信息公开年报")
DISCLOSURE_COLUMNS = (GUIDE, SYSTEM, CATALOGUE, ANNUAL_REPORTS)

INTERPRETATIONS = Column("政策解读", "interpretations/index.md", "政策解读")
SERVICE_GUIDES = Column("办事指南", "guides/index.md", "办事服务")
NEGATIVE_LIST = Column("负面清单", "negative-list/index.md", "负面清单")

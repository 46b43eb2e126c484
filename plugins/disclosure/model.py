"""The domain: the agency, its 主动公开基本目录, and what it publishes."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace

from disclosure.bundled import SCHEMAS
from disclosure.sources import Located
from disclosure.workdays import WorkCalendar

PUBLIC = "主动公开"
NEEDS_INTERPRETATION_BY_DEFAULT = ("规范性文件", "政策文件")


def to_date(value) -> dt.date | None:
    """ISO text (as the loader leaves dates) to a date; None when absent or malformed."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@dataclass
class Department:
    id: str
    name: str
    phone: str = ""


@dataclass
class Office:
    name: str
    address: str
    hours: str
    phone: str
    fax: str = ""
    email: str = ""
    website: str = ""


@dataclass
class ApplicationChannel:
    name: str
    description: str
    url: str = ""


@dataclass
class Application:
    """What the 公开指南 says of 依申请公开 beyond the law: the form, channels and fees."""

    form: str = ""
    channels: list[ApplicationChannel] = field(default_factory=list)
    fees: str = ""


@dataclass
class Organization:
    name: str
    credit_code: str
    index_prefix: str
    office: Office
    departments: list[Department]
    site_name: str = ""
    source: Located | None = None
    application: Application = field(default_factory=Application)

    def department(self, department_id: str) -> Department | None:
        return next((d for d in self.departments if d.id == department_id), None)

    def department_name(self, department_id: str) -> str:
        department = self.department(department_id)
        return department.name if department else department_id


@dataclass
class CatalogueItem:
    """A node of the 主动公开基本目录; leaves say what, how, when and where."""

    code: str
    name: str
    children: list[CatalogueItem] = field(default_factory=list)
    parent: CatalogueItem | None = None
    content: str = ""
    basis: str = ""
    time_limit: str = ""
    time_limit_days: int | None = None
    departments: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    audience: str = ""
    key_path: tuple = ()  # where the node stands in directory.yml

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def ancestors(self) -> list[CatalogueItem]:
        chain, node = [], self.parent
        while node:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Catalogue:
    roots: list[CatalogueItem]
    source: Located | None = None

    def __post_init__(self):
        self.by_code = {item.code: item for item in self.walk()}

    def walk(self):
        for root in self.roots:
            yield from root.walk()

    def leaves(self) -> list[CatalogueItem]:
        return [item for item in self.walk() if item.is_leaf]


@dataclass
class Review:
    reviewer: str
    date: dt.date | None


@dataclass
class Attachment:
    title: str
    file: str


@dataclass
class Consultation:
    start: dt.date | None
    end: dt.date | None
    feedback: str = ""


@dataclass
class Publication:
    """What documents and interpretations share: a dated, possibly withheld text."""

    id: str
    title: str
    published: dt.date | None
    body: str
    source: Located
    draft: bool

    def is_released(self, as_of: dt.date) -> bool:
        return not self.draft and self.published is not None and self.published <= as_of


@dataclass
class Document(Publication):
    summary: str
    category: str
    kind: str
    drafting_department: str
    publisher: str
    doc_number: str
    written: dt.date | None
    disclosure: str
    reason: str
    validity: str
    valid_until: dt.date | None
    abolished: dt.date | None
    replaced_by: str
    interpretation: str
    review: Review | None
    attachments: list[Attachment]
    topics: list[str]
    consultation: Consultation | None

    @property
    def needs_interpretation(self) -> bool:
        return self.interpretation == "required"

    @property
    def is_proactive(self) -> bool:
        """主动公开 and not a draft: public from its date on, whatever that date is."""
        return self.disclosure == PUBLIC and not self.draft

    @property
    def awaits_interpretation(self) -> bool:
        """A policy the public will see that must be followed by its 政策解读."""
        return self.needs_interpretation and self.is_proactive and bool(self.id)

    def is_public(self, as_of: dt.date) -> bool:
        return self.is_proactive and self.is_released(as_of)

    def as_shown(self, as_of: dt.date) -> Document:
        """The document as the public sees it on `as_of`: past its 有效期, 有效 reads 失效 without an edit."""
        if self.validity == "有效" and self.valid_until and self.valid_until < as_of:
            return replace(self, validity="失效")
        return self


@dataclass
class Interpretation(Publication):
    policy: str
    form: str
    department: str
    interpreter: str
    media: str
    summary: str

    def is_public(self, as_of: dt.date) -> bool:
        return self.is_released(as_of)


@dataclass
class LegalBasis:
    title: str
    article: str


@dataclass
class Material:
    name: str
    form: str
    copies: int
    source: str
    required: bool
    template: str = ""
    example: str = ""
    note: str = ""


@dataclass
class ProcessStep:
    step: str
    description: str


@dataclass
class Fee:
    item: str
    standard: str
    basis: str


@dataclass
class Contact:
    phone: str
    email: str = ""
    address: str = ""


@dataclass
class OnlineService:
    available: bool
    url: str
    visits: int
    visits_reason: str


@dataclass
class Question:
    question: str
    answer: str


@dataclass
class ServiceGuide:
    code: str
    name: str
    type: str
    department: str
    basis: list[LegalBasis]
    conditions: str
    audience: list[str]
    materials: list[Material]
    process: list[ProcessStep]
    legal_days: int | None
    promised_days: int | None
    fees: list[Fee]  # empty: 不收费
    location: str
    hours: str
    contact: Contact
    supervision: Contact
    online: OnlineService
    updated: dt.date | None
    summary: str
    result: str
    faq: list[Question]
    draft: bool
    source: Located

    def is_public(self, as_of: dt.date) -> bool:
        return not self.draft


@dataclass
class NegativeListEntry:
    name: str
    situation: str
    basis: str


# The national format of the annual report (国办公开办函〔2021〕30号), as key paths of
# catalogue/annual-reports/YYYY.yml, read from its one statement: the annual-report schema,
# whose properties are in the form's order. 表三: applicant columns (then 总计), and the
# 办理结果 rows, （三）…（六） each a group of items.
_FORM = json.loads((SCHEMAS / "annual-report.schema.json").read_text(encoding="utf-8"))
_RESULTS = _FORM["properties"]["requests"]["properties"]["results"]["properties"]
APPLICANT_COLUMNS = tuple(c for c in _FORM["$defs"]["applicants"]["properties"] if c != "total")
RESULT_GROUPS = {group: tuple(part["properties"]) for group, part in _RESULTS.items() if "properties" in part}
RESULT_ROWS = tuple(
    ("requests", "results", row, *item) for row, part in _RESULTS.items() if row != "total"
    for item in ([(name,) for name in part["properties"]] if "properties" in part else [()])
)
RECEIVED, CARRIED_OVER, CARRIED_FORWARD = ("requests", "received"), ("requests", "carried_over"), ("requests", "carried_forward")
RESULTS_TOTAL = ("requests", "results", "total")
REQUEST_ROWS = (RECEIVED, CARRIED_OVER, *RESULT_ROWS, RESULTS_TOTAL, CARRIED_FORWARD)
# 表四: one row each for 行政复议 and the two kinds of 行政诉讼, four results then 总计.
APPEAL_COLUMNS = tuple(c for c in _FORM["$defs"]["appeals"]["properties"] if c != "total")
APPEAL_ROWS = tuple(("appeals", row) for row in _FORM["properties"]["appeals"]["properties"])
REGULATIONS = ("proactive", "regulations")


@dataclass
class AnnualReport:
    """政府信息公开工作年度报告: what the agency reports about one year."""

    year: int | None
    title: str
    published: dt.date | None
    draft: bool
    overview: str
    problems: str
    other_matters: str
    figures: dict[tuple, int | float]  # key path → each number written in the file
    source: Located

    def figure(self, *key_path: str) -> int | float | None:
        return self.figures.get(key_path)

    @property
    def file_year(self) -> int | None:
        """The year the file is named after (`2025.yml`), or None."""
        stem = self.source.path.rsplit("/", 1)[-1].removesuffix(".yml")
        return int(stem) if stem.isdigit() and len(stem) == 4 else None

    is_released = Publication.is_released  # same rule: not a draft, and dated on or before as_of


@dataclass
class Project:
    """Everything read from one content repository."""

    root: str
    organization: Organization | None
    catalogue: Catalogue
    documents: list[Document]
    interpretations: list[Interpretation]
    guides: list[ServiceGuide]
    negative_list: list[NegativeListEntry]
    negative_list_source: Located | None = None
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    annual_reports: list[AnnualReport] = field(default_factory=list)

    def __post_init__(self):
        self.documents_by_id = {d.id: d for d in self.documents}
        self.interpretations_of: dict[str, list[Interpretation]] = {}
        for interpretation in self.interpretations:
            self.interpretations_of.setdefault(interpretation.policy, []).append(interpretation)

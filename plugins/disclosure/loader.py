"""Read a content repository into the domain model, collecting every problem."""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from collections.abc import Callable
from pathlib import Path

from disclosure import model as m
from disclosure.cache import ContentCache
from disclosure.diagnostics import Diagnostic
from disclosure.model import to_date
from disclosure.schemas import Labels, schema
from disclosure.sources import Located, decode, parse_markdown, parse_yaml, read_bytes
from disclosure.workdays import WorkCalendar

ORGANIZATION = "catalogue/organization.yml"
DIRECTORY = "catalogue/directory.yml"
NEGATIVE_LIST = "catalogue/negative-list.yml"
ANNUAL_REPORTS = "catalogue/annual-reports"
CALENDAR = "calendar.yml"


# Lenient accessors: a field with a structural error was already reported by
# the schema, so the model takes an empty value instead of failing.
def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return "" if value is None or isinstance(value, (dict, list)) else str(value)


def _texts(data: dict, *keys: str) -> dict[str, str]:
    return {key: _text(data, key) for key in keys}


def _int(data: dict, key: str) -> int | None:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _list(data: dict, key: str) -> list:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _records(data: dict, key: str) -> list[dict]:
    return [item for item in _list(data, key) if isinstance(item, dict)]


def _strings(data: dict, key: str) -> list[str]:
    return [str(item) for item in _list(data, key) if isinstance(item, (str, int))]


def _mapping(data: dict, key: str) -> dict:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _numbers(value, key_path: tuple):
    """(key path, number) for every number under `value`; text and yes/no are not figures."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _numbers(child, key_path + (key,))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield key_path, value


def _publication(located: Located) -> dict:
    """The fields every dated text (document or interpretation) shares."""
    data = located.data
    return {
        "id": _text(data, "id"),
        "title": _text(data, "title"),
        "published": to_date(data.get("published")),
        "body": located.body,
        "source": located,
        "draft": data.get("draft") is True,
    }


class Loader:
    def __init__(self, root: Path, cache: ContentCache | None = None):
        self.root = root
        self.problems: list[Diagnostic] = []
        self.cache = cache
        self.read_files: set[str] = {ORGANIZATION, DIRECTORY, NEGATIVE_LIST}
        self.passed_over: set[str] = set()  # files seen in a content folder that no pattern took

    def files(self, folder: str, pattern: str) -> list[str]:
        """Repository-relative paths of the files matching `pattern` under `folder`, hidden ones left out."""
        found: list[str] = []
        seen: set[str] = set()  # folders by their real path: a link back to one of them is a loop

        def scan(directory: str, rel: str) -> None:
            real = os.path.realpath(directory)
            if real in seen:
                self.problems.append(
                    Diagnostic(rel, 0, 1, "D607", "文件夹链接指向已经读过的文件夹（它自己、上级或另一处），会形成循环或重复", hint=f"删除链接 {rel}，把文件直接放在文件夹里")
                )
                return
            seen.add(real)
            try:
                with os.scandir(directory) as listing:
                    entries = [entry for entry in listing if not entry.name.startswith(".")]
            except OSError as error:
                self.problems.append(Diagnostic(rel, 0, 1, "D607", f"无法读取文件夹：{error.strerror}", hint="检查文件夹的读取权限"))
                return
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                    is_file = not is_dir and entry.is_file()
                except OSError as error:  # a link to itself
                    self.problems.append(
                        Diagnostic(f"{rel}/{entry.name}", 0, 1, "D607", f"无法读取：{error.strerror}", hint="删除这个失效的链接，把文件本身放在这里")
                    )
                    continue
                if is_dir:
                    scan(entry.path, f"{rel}/{entry.name}")
                elif is_file:
                    if fnmatch.fnmatchcase(entry.name, pattern):
                        found.append(f"{rel}/{entry.name}")
                    else:
                        self.passed_over.add(f"{rel}/{entry.name}")

        if (self.root / folder).is_dir():
            scan(str(self.root / folder), folder)
        self.read_files.update(found)
        return sorted(found)

    def unread(self) -> None:
        """A file in a content folder that no reader takes would vanish from the site without a word."""
        if (self.root / "calendar.yaml").is_file():
            self.passed_over.add("calendar.yaml")
        for rel in sorted(self.passed_over - self.read_files):
            name = rel.rsplit("/", 1)[-1]
            if name.startswith("~$") or name in _SYSTEM_FILES:
                continue  # Word's lock file while a document is open, and the desktop's own files
            message, hint = misfiled(rel)
            self.problems.append(Diagnostic(rel, 0, 1, "D011", message, hint=hint))

    def read(self, rel: str, schema_name: str, markdown: bool = False) -> Located | None:
        """Parse one file and check its structure; None when it cannot be read."""
        entry = self._entry(os.path.join(self.root, rel), rel, schema_name, markdown)  # a str: one per file, every run
        if entry is None:
            return None
        located, problems = entry
        self.problems.extend(problems)
        return located

    def _entry(self, path: str, rel: str, schema_name: str, markdown: bool):
        """The file parsed, from the cache when these bytes were parsed before."""
        cache = self.cache
        key = cache.recall(path) if cache else None
        entry = cache.get(key) if key else None
        if entry is not None:
            return entry
        signature = cache.signature(path) if cache else None
        raw = read_bytes(path, rel, self.problems)
        if raw is None:
            return None
        if cache is None:
            return self._parse(raw, rel, schema_name, markdown)
        key = cache.key(rel, schema_name, raw)
        entry = cache.get(key)
        if entry is None:
            entry = self._parse(raw, rel, schema_name, markdown)
            cache.put(key, entry)
        if signature:
            cache.remember(path, signature, key)
        return entry

    @staticmethod
    def _parse(raw: bytes, rel: str, schema_name: str, markdown: bool) -> tuple[Located | None, list[Diagnostic]]:
        """What one file's bytes say on their own: its data, or the problems that stop it being read."""
        problems: list[Diagnostic] = []
        text = decode(raw, rel, problems)
        located = None if text is None else (parse_markdown if markdown else parse_yaml)(text, rel, problems, Labels(schema_name))
        if located is None:
            return None, problems
        if not isinstance(located.data, dict):
            problems.append(
                Diagnostic(rel, 1 + located.line_offset, 1, "D005", "内容应为“字段: 值”形式的一组字段", hint="参照模板逐行填写字段，每行一个“字段名: 值”")
            )
            return None, problems
        misplaced = _misplaced(located, schema_name)
        if misplaced:
            problems.append(misplaced)
            return None, problems
        problems.extend(schema(schema_name).check(located))
        return located, problems

    def required(self, rel: str, schema_name: str) -> Located | None:
        if not (self.root / rel).is_file():
            self.problems.append(Diagnostic(rel, 0, 1, "D001", "缺少必需的文件", hint=f"新建 {rel}，参照编辑指南填写"))
            return None
        return self.read(rel, schema_name)

    # -- each content type ------------------------------------------------
    def organization(self) -> m.Organization | None:
        located = self.required(ORGANIZATION, "organization")
        if located is None:
            return None
        data = located.data
        office = _mapping(data, "office")
        application = _mapping(data, "application")
        return m.Organization(
            name=_text(data, "name"),
            credit_code=_text(data, "credit_code"),
            index_prefix=_text(data, "index_prefix"),
            office=m.Office(**_texts(office, "name", "address", "hours", "phone", "fax", "email", "website")),
            departments=[m.Department(_text(d, "id"), _text(d, "name"), _text(d, "phone")) for d in _records(data, "departments")],
            site_name=_text(data, "site_name"),
            source=located,
            application=m.Application(
                form=_text(application, "form"),
                channels=[m.ApplicationChannel(_text(c, "name"), _text(c, "description"), _text(c, "url")) for c in _records(application, "channels")],
                fees=_text(application, "fees"),
            ),
        )

    def catalogue(self) -> m.Catalogue:
        located = self.required(DIRECTORY, "directory")
        if located is None:
            return m.Catalogue([])

        def node(data: dict, key_path: tuple, parent: m.CatalogueItem | None) -> m.CatalogueItem:
            item = m.CatalogueItem(
                code=_text(data, "code"),
                name=_text(data, "name"),
                parent=parent,
                content=_text(data, "content"),
                basis=_text(data, "basis"),
                time_limit=_text(data, "time_limit"),
                time_limit_days=_int(data, "time_limit_days"),
                departments=_strings(data, "departments"),
                channels=_strings(data, "channels"),
                audience=_text(data, "audience"),
                key_path=key_path,
            )
            children = data.get("children")
            if isinstance(children, list):
                item.children = [
                    node(child, key_path + ("children", i), item) for i, child in enumerate(children) if isinstance(child, dict)
                ]
            return item

        roots = [node(d, ("items", i), None) for i, d in enumerate(_list(located.data, "items")) if isinstance(d, dict)]
        return m.Catalogue(roots, located)

    def negative_list(self) -> tuple[list[m.NegativeListEntry], Located | None]:
        if not (self.root / NEGATIVE_LIST).is_file():
            return [], None
        located = self.read(NEGATIVE_LIST, "negative-list")
        if located is None:
            return [], None
        entries = [m.NegativeListEntry(_text(d, "name"), _text(d, "situation"), _text(d, "basis")) for d in _records(located.data, "items")]
        return entries, located

    def calendar(self) -> WorkCalendar:
        calendar = WorkCalendar()
        located = self.read(CALENDAR, "calendar") if (self.root / CALENDAR).is_file() else None
        if located is not None:
            data = located.data
            calendar.holidays = {d for d in map(to_date, _list(data, "holidays")) if d}
            calendar.workdays = {d for d in map(to_date, _list(data, "workdays")) if d}
            calendar.years = {y for y in _list(data, "years") if isinstance(y, int)}
        return calendar

    def entries(self, folder: str, pattern: str, schema_name: str, build: Callable, markdown: bool = False) -> list:
        """One model object per readable file; under `mkdocs serve`, built again only for a changed file."""
        built = []
        for rel in self.files(folder, pattern):
            located = self.read(rel, schema_name, markdown)
            if located is not None:
                built.append(self.cache.model(located, build) if self.cache else build(located))
        return built

    def documents(self) -> list[m.Document]:
        return self.entries("catalogue", "*.md", "document", _document, markdown=True)

    def interpretations(self) -> list[m.Interpretation]:
        return self.entries("interpretations", "*.md", "interpretation", _interpretation, markdown=True)

    def guides(self) -> list[m.ServiceGuide]:
        return self.entries("guides", "*.yml", "guide", _guide)

    def annual_reports(self) -> list[m.AnnualReport]:
        return self.entries(ANNUAL_REPORTS, "*.yml", "annual-report", _annual_report)


# Fields only one kind of content has: a file that has two of another kind's is in the wrong folder.
_SIGNATURES = {
    "document": ("category", "drafting_department", "doc_number", "disclosure"),
    "interpretation": ("policy", "interpreter", "form"),
    "guide": ("materials", "process", "conditions", "time_limit"),
}
_WHAT = {"document": "公开信息", "interpretation": "政策解读", "guide": "办事指南"}


def _misplaced(located: Located, schema_name: str) -> Diagnostic | None:
    """A document saved under interpretations/ (or the like): one message saying where it goes."""
    if schema_name not in _SIGNATURES:
        return None
    keys = set(located.data)
    own = len(keys.intersection(_SIGNATURES[schema_name]))
    kind, count = max(((k, len(keys.intersection(v))) for k, v in _SIGNATURES.items() if k != schema_name), key=lambda kv: kv[1])
    if count < 2 or own >= count:
        return None
    published = str(located.data.get("published") or "")
    year = published[:4] if published[:4].isdigit() else "<发布年份>"
    name = located.path.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0]
    target = {"document": f"catalogue/documents/{year}/{stem}.md", "interpretation": f"interpretations/{year}/{stem}.md", "guide": f"guides/{stem}.yml"}[kind]
    fields = "、".join(k for k in _SIGNATURES[kind] if k in keys)
    return Diagnostic(
        located.path, 1 + located.line_offset, 1, "D013",
        f"这是一份{_WHAT[kind]}（有 {fields} 等字段），却放在了{_WHAT[schema_name]}的文件夹里，不会按{_WHAT[kind]}读取",
        hint=f"移到 {target}" + ("（办事指南是 YAML 文件：去掉两行 ---，正文写进相应字段）" if kind == "guide" else ""),
    )


_SYSTEM_FILES = {"Thumbs.db", "desktop.ini"}
_OFFICE = {".doc", ".docx", ".wps", ".pdf", ".ofd", ".xls", ".xlsx", ".et", ".txt", ".rtf", ".jpg", ".jpeg", ".png", ".zip"}


def misfiled(rel: str) -> tuple[str, str]:
    """What a file the loader does not read is, and where it belongs: (message, hint)."""
    if rel == "calendar.yaml":
        return "扩展名“yaml”不对，节假日补充不会被读取", f"改名为 {CALENDAR}"
    folder, rest = rel.split("/", 1)
    stem, dot, suffix = rest.rpartition(".")
    suffix = (dot + suffix).lower() if dot else ""
    stem = stem if dot else rest
    wanted = ".yml" if folder == "guides" else ".md"
    if suffix in (".yml", ".yaml") and (rel.startswith(ANNUAL_REPORTS + "/") or f"{folder}/{stem}.yml" in (ORGANIZATION, DIRECTORY, NEGATIVE_LIST)):
        wanted = ".yml"
    if suffix == wanted or (suffix == ".yaml" and wanted == ".yml"):
        return f"扩展名“{rel.rsplit('.', 1)[-1]}”不对，这个文件不会被读取，也不会出现在网站上", f"改名为 {folder}/{stem}{wanted}"
    if folder == "guides" and suffix == ".md":
        return "办事指南应是 .yml 文件（一项服务一个 YAML 文件），.md 文件不会被读取", f"改名为 guides/{Path(stem).name}.yml，按办事指南的字段填写（disclosure new guide 可生成带说明的空白文件）"
    if suffix in (".yml", ".yaml"):
        what = "政策解读" if folder == "interpretations" else "公开信息"
        return f"{what}应是 .md 文件（两行 --- 之间写文件头，之后写正文），.yml 文件不会被读取", f"改名为 {folder}/{stem}.md，第一行和字段之后各写一行 ---"
    if suffix in _OFFICE:
        return (
            f"内容文件夹里的 {suffix} 文件不会被读取，也不会发布",
            "附件放在 attachments/<年份>/，并在文件的 attachments 中列出；正文请复制到 .md 文件中（disclosure new document 可新建）",
        )
    return "内容文件夹里只能放 .md 和 .yml 内容文件，这个文件不会被读取", "附件和其他文件放在 attachments/ 或 templates/ 下"


def _document(located: Located) -> m.Document:
    data = located.data
    review = _mapping(data, "review")
    consultation = _mapping(data, "consultation")
    return m.Document(
        **_publication(located),
        **_texts(data, "summary", "category", "kind", "drafting_department", "publisher", "doc_number", "disclosure", "reason", "validity"),
        written=to_date(data.get("written")),
        valid_until=to_date(data.get("valid_until")),
        abolished=to_date(data.get("abolished")),
        replaced_by=_text(data, "replaced_by"),
        interpretation=_text(data, "interpretation")
        or ("required" if _text(data, "kind") in m.NEEDS_INTERPRETATION_BY_DEFAULT else "none"),
        review=m.Review(_text(review, "reviewer"), to_date(review.get("date"))) if review else None,
        attachments=[m.Attachment(_text(a, "title"), _text(a, "file")) for a in _records(data, "attachments")],
        topics=_strings(data, "topics"),
        consultation=m.Consultation(
            to_date(consultation.get("start")), to_date(consultation.get("end")), _text(consultation, "feedback")
        )
        if consultation
        else None,
    )


def _interpretation(located: Located) -> m.Interpretation:
    data = located.data
    return m.Interpretation(
        **_publication(located),
        **_texts(data, "policy", "form", "department", "interpreter", "media", "summary"),
    )


def _guide(located: Located) -> m.ServiceGuide:
    data = located.data
    time_limit = _mapping(data, "time_limit")
    online = _mapping(data, "online")
    return m.ServiceGuide(
        **_texts(data, "code", "name", "type", "department", "conditions", "location", "hours", "summary", "result"),
        basis=[m.LegalBasis(_text(b, "title"), _text(b, "article")) for b in _records(data, "basis")],
        audience=_strings(data, "audience"),
        materials=[
            m.Material(
                **_texts(x, "name", "form", "source", "template", "example", "note"),
                copies=_int(x, "copies") or 1,
                required=x.get("required") is not False,
            )
            for x in _records(data, "materials")
        ],
        process=[m.ProcessStep(_text(p, "step"), _text(p, "description")) for p in _records(data, "process")],
        legal_days=_int(time_limit, "legal_days"),
        promised_days=_int(time_limit, "promised_days"),
        fees=[m.Fee(_text(f, "item"), _text(f, "standard"), _text(f, "basis")) for f in _records(data, "fees")],
        contact=m.Contact(**_texts(_mapping(data, "contact"), "phone", "email", "address")),
        supervision=m.Contact(**_texts(_mapping(data, "supervision"), "phone", "email", "address")),
        online=m.OnlineService(
            available=online.get("available") is True,
            url=_text(online, "url"),
            visits=_int(online, "visits") or 0,
            visits_reason=_text(online, "visits_reason"),
        ),
        updated=to_date(data.get("updated")),
        faq=[m.Question(_text(q, "question"), _text(q, "answer")) for q in _records(data, "faq")],
        draft=data.get("draft") is True,
        source=located,
    )


def _annual_report(located: Located) -> m.AnnualReport:
    data = located.data
    year = _int(data, "year")
    return m.AnnualReport(
        year=year if year and dt.MINYEAR <= year <= dt.MAXYEAR else None,  # out of range: reported by the schema
        title=_text(data, "title"),
        published=to_date(data.get("published")),
        draft=data.get("draft") is True,
        overview=_text(data, "overview"),
        problems=_text(data, "problems"),
        other_matters=_text(data, "other_matters"),
        figures={path: value for part in ("proactive", "requests", "appeals") for path, value in _numbers(data.get(part), (part,))},
        source=located,
    )


def load_project(root: Path, cache: ContentCache | None = None) -> tuple[m.Project, list[Diagnostic]]:
    """The whole repository as a model, and what is structurally wrong with it."""
    loader = Loader(root, cache)
    negative_list, negative_source = loader.negative_list()
    project = m.Project(
        root=str(root),
        organization=loader.organization(),
        catalogue=loader.catalogue(),
        documents=loader.documents(),
        interpretations=loader.interpretations(),
        guides=loader.guides(),
        negative_list=negative_list,
        negative_list_source=negative_source,
        calendar=loader.calendar(),
        annual_reports=loader.annual_reports(),
    )
    loader.unread()
    return project, loader.problems

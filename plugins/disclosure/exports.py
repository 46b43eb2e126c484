"""Open data and feeds from a Release: the catalogue as CSV and JSON, the guides as JSON, an Atom feed.

Pure functions from a Release to bytes; like the pages, they see only what
the release lets the public see. `site_url` makes links absolute; without it
they stay relative to the site root.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
import uuid
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from disclosure.layout import Layout
from disclosure.model import Document, Interpretation
from disclosure.release import Release

FEED_SIZE = 50
CATALOGUE_CSV = "data/catalogue.csv"
CATALOGUE_JSON = "data/catalogue.json"
GUIDES_JSON = "data/guides.json"
FEED = "feed.xml"
EXPORTS = (CATALOGUE_JSON, CATALOGUE_CSV, GUIDES_JSON, FEED)  # what exports() returns, by path
ATOM = "http://www.w3.org/2005/Atom"
CHINA = dt.timezone(dt.timedelta(hours=8))

# Catalogue fields: key (JSON), label (CSV header). 生成日期 is the 成文日期 (条例第十二条).
CATALOGUE_FIELDS = (
    ("id", "索引号"),
    ("title", "名称"),
    ("summary", "内容概述"),
    ("written", "生成日期"),
    ("published", "发布日期"),
    ("category", "目录编码"),
    ("category_name", "目录事项"),
    ("kind", "信息类别"),
    ("drafting_department", "起草部门"),
    ("publisher", "发布机构"),
    ("doc_number", "文号"),
    ("validity", "有效性"),
    ("valid_until", "有效期至"),
    ("abolished", "废止日期"),
    ("replaced_by", "替代文件"),
    ("topics", "主题词"),
    ("url", "网址"),
    ("interpretations", "政策解读"),
)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _link(site_url: str, path: str) -> str:
    return urljoin(site_url, path) if site_url else path


def catalogue_records(release: Release, site_url: str = "") -> list[dict]:
    """One record per public document, newest first."""
    records = []
    url_of = Layout.of(release.project).url_of
    for d in release.documents:
        item = release.catalogue.by_code[d.category]
        records.append(
            {
                "id": d.id,
                "title": d.title,
                "summary": d.summary,
                "written": _date(d.written),
                "published": _date(d.published),
                "category": d.category,
                "category_name": item.name,
                "kind": d.kind,
                "drafting_department": release.department_name(d.drafting_department),
                "publisher": d.publisher or release.organization.name,
                "doc_number": d.doc_number,
                "validity": d.validity,
                "valid_until": _date(d.valid_until),
                "abolished": _date(d.abolished),
                "replaced_by": d.replaced_by,
                "topics": list(d.topics),
                "url": _link(site_url, url_of(d)),
                "interpretations": [
                    {"id": i.id, "title": i.title, "url": _link(site_url, url_of(i))} for i in release.interpretations_of.get(d.id, [])
                ],
            }
        )
    return records


# A spreadsheet runs a cell that starts like a formula (OWASP: = + - @ tab CR), also after
# spaces, and Excel in Chinese takes the full-width ＝ ＋ － ＠ too: NFKC folds those to the ASCII ones.
_FORMULA_START = frozenset("=+-@\t\r\n")
# What XML 1.0 cannot hold; the checker refuses it in content (D606), this keeps the feed readable whatever it is given.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def spreadsheet_cell(value) -> str:
    """A CSV cell that a spreadsheet shows as text and never evaluates: a formula gets a leading apostrophe."""
    text = str(value)
    start = text.lstrip(" \u3000\u00a0\f\v")[:1]
    if start and unicodedata.normalize("NFKC", start)[:1] in _FORMULA_START:
        return "'" + text
    return text


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")


def catalogue_json(release: Release, site_url: str = "") -> bytes:
    records = catalogue_records(release, site_url)
    return _json(
        {
            "publisher": release.organization.name,
            "as_of": release.as_of.isoformat(),
            "count": len(records),
            "fields": dict(CATALOGUE_FIELDS),
            "documents": records,
        }
    )


def catalogue_csv(release: Release, site_url: str = "") -> bytes:
    """UTF-8 with a BOM, so that Excel opens the Chinese text as it is."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([label for _, label in CATALOGUE_FIELDS])
    for record in catalogue_records(release, site_url):
        record["topics"] = "；".join(record["topics"])
        record["interpretations"] = " ".join(i["url"] for i in record["interpretations"])
        writer.writerow([spreadsheet_cell(record[key]) for key, _ in CATALOGUE_FIELDS])
    return out.getvalue().encode("utf-8-sig")


def guides_json(release: Release, site_url: str = "") -> bytes:
    def file_link(rel: str) -> str:
        return _link(site_url, rel) if rel else ""

    guides = [
        {
            "code": g.code,
            "name": g.name,
            "type": g.type,
            "department": release.department_name(g.department),
            "audience": g.audience,
            "basis": [{"title": b.title, "article": b.article} for b in g.basis],
            "conditions": g.conditions,
            "materials": [
                {
                    "name": x.name, "form": x.form, "copies": x.copies, "source": x.source, "required": x.required,
                    "template": file_link(x.template), "example": file_link(x.example),
                }
                for x in g.materials
            ],
            "process": [{"step": p.step, "description": p.description} for p in g.process],
            "time_limit": {"legal_days": g.legal_days, "promised_days": g.promised_days},
            "fees": [{"item": f.item, "standard": f.standard, "basis": f.basis} for f in g.fees],
            "location": g.location,
            "hours": g.hours,
            "contact": {"phone": g.contact.phone, "email": g.contact.email},
            "supervision": {"phone": g.supervision.phone},
            "online": {"available": g.online.available, "url": g.online.url, "visits": g.online.visits},
            "updated": _date(g.updated),
            "url": _link(site_url, Layout.of(release.project).url_of(g)),
        }
        for g in release.guides
    ]
    return _json({"publisher": release.organization.name, "as_of": release.as_of.isoformat(), "count": len(guides), "guides": guides})


def _timestamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(), CHINA).isoformat()


def _stable_id(key: str) -> str:
    """An entry id that survives a change of domain: a name-based UUID."""
    return uuid.uuid5(uuid.NAMESPACE_URL, key).urn


def atom_feed(release: Release, site_url: str = "", title: str = "") -> bytes:
    """The latest FEED_SIZE documents and interpretations, newest first."""
    organization = release.organization
    latest = sorted([*release.documents, *release.interpretations], key=lambda p: (p.published, p.id), reverse=True)[:FEED_SIZE]
    ET.register_namespace("", ATOM)

    def add(parent, tag: str, text: str = "", **attributes) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {name: xml_text(value) for name, value in attributes.items()})
        if text:
            element.text = xml_text(text)
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    add(feed, "id", _stable_id(f"disclosure:{organization.credit_code}"))
    add(feed, "title", title or organization.name)
    add(feed, "subtitle", f"{organization.name}最新公开信息和政策解读")
    add(feed, "updated", _timestamp(latest[0].published if latest else release.as_of))
    add(feed, "link", rel="self", href=_link(site_url, FEED))
    add(feed, "link", rel="alternate", type="text/html", href=_link(site_url, "./"))
    add(add(feed, "author"), "name", organization.name)
    for publication in latest:
        entry = add(feed, "entry")
        add(entry, "id", _stable_id(f"disclosure:{organization.credit_code}:{publication.id}"))
        add(entry, "title", publication.title)
        add(entry, "link", rel="alternate", type="text/html", href=_link(site_url, Layout.of(release.project).url_of(publication)))
        add(entry, "published", _timestamp(publication.published))
        add(entry, "updated", _timestamp(publication.published))
        if isinstance(publication, Document):
            add(entry, "summary", publication.summary)
            add(entry, "category", term=publication.kind)
            add(add(entry, "author"), "name", publication.publisher or organization.name)
        elif isinstance(publication, Interpretation):
            policy = release.documents_by_id[publication.policy]
            add(entry, "summary", publication.summary or f"对《{policy.title}》的{publication.form}")
            add(entry, "category", term="政策解读")
            add(add(entry, "author"), "name", f"{organization.name}{release.department_name(publication.department)}")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def exports(release: Release, site_url: str = "", title: str = "") -> dict[str, bytes]:
    """Every export, by its path in the built site."""
    return {
        CATALOGUE_JSON: catalogue_json(release, site_url),
        CATALOGUE_CSV: catalogue_csv(release, site_url),
        GUIDES_JSON: guides_json(release, site_url),
        FEED: atom_feed(release, site_url, title),
    }

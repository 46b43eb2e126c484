"""platform.yml: the agencies of one platform, where each one's content is and where its site goes.

Read like every content file (line numbers, the JSON Schema's Chinese labels), then the rules a
schema cannot state: ids unique, parents known and of a higher level, paths that do not contain
one another or the portal's own files, a source that is a folder with mkdocs.yml or a git URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from disclosure.diagnostics import Diagnostic
from disclosure.schemas import Labels, schema
from disclosure.sources import load_yaml, read_text, Located

PLATFORM_FILE = "platform.yml"
LEVELS = ("省", "市", "县")
# The portal's own top-level names: an agency's path may not take them.
RESERVED_PATHS = frozenset({"assets", "search", "data", "agencies", "feed.xml", "sitemap.xml", "index.html", "404.html"})

# Codes of platform.yml problems (the content codes are D…), with the name CI annotations show.
CODES = {
    "P601": "duplicate-agency",
    "P602": "unknown-parent-agency",
    "P603": "overlapping-agency-path",
    "P604": "bad-agency-source",
}


@dataclass(frozen=True)
class Source:
    folder: str = ""  # relative to platform.yml's folder
    git: str = ""
    ref: str = ""

    def describe(self) -> str:
        return self.folder or f"{self.git}@{self.ref or 'HEAD'}"


@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    level: str
    parent: str
    path: str  # under the platform's URL, without slashes at either end
    source: Source


@dataclass(frozen=True)
class Platform:
    name: str
    url: str  # ends with "/", or "" when the site's links stay relative
    agencies: tuple[Agency, ...]
    root: Path  # the folder of platform.yml

    def agency(self, agency_id: str) -> Agency | None:
        return next((a for a in self.agencies if a.id == agency_id), None)

    def url_of(self, agency: Agency) -> str:
        return f"{self.url}{agency.path}/" if self.url else ""

    def folder_of(self, agency: Agency) -> Path | None:
        return (self.root / agency.source.folder).resolve() if agency.source.folder else None


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def load_platform(config_file: Path) -> tuple[Platform | None, list[Diagnostic]]:
    """The platform described by `config_file`, or None with every problem that stops it being used."""
    problems: list[Diagnostic] = []
    rel = config_file.name
    text = read_text(config_file, rel, problems)
    located = Located(rel, labels=Labels("platform"))
    if text is None or not load_yaml(text, located, problems):
        return None, problems
    if not isinstance(located.data, dict):
        problems.append(Diagnostic(rel, 1, 1, "D005", "内容应为“字段: 值”形式的一组字段", hint="参照编辑指南中的 platform.yml 示例填写 name 和 agencies"))
        return None, problems
    problems.extend(schema("platform").check(located))
    data = located.data
    records = data.get("agencies") if isinstance(data.get("agencies"), list) else []
    agencies = []
    for number, record in enumerate(records):
        if not isinstance(record, dict):
            continue
        source = record.get("source") if isinstance(record.get("source"), dict) else {}
        agencies.append(
            Agency(
                id=_text(record, "id"),
                name=_text(record, "name"),
                level=_text(record, "level"),
                parent=_text(record, "parent"),
                path=_text(record, "path").strip("/"),
                source=Source(_text(source, "folder"), _text(source, "git"), _text(source, "ref")),
            )
        )
    root = config_file.resolve().parent
    problems.extend(_relations(agencies, located, root))
    if any(p.is_error for p in problems):
        return None, problems
    return Platform(_text(data, "name"), _text(data, "url"), tuple(agencies), root), problems


def _relations(agencies: list[Agency], located: Located, root: Path) -> list[Diagnostic]:
    problems = []
    by_id: dict[str, int] = {}
    paths: dict[str, int] = {}
    for n, agency in enumerate(agencies):
        at = ("agencies", n)
        if agency.id in by_id:
            problems.append(located.diagnostic((*at, "id"), "P601", f"机关标识“{agency.id}”与第 {by_id[agency.id] + 1} 个机关重复",
                                               hint="每个机关用不同的标识，如加上地名拼音"))
        by_id.setdefault(agency.id, n)
        if agency.path.split("/")[0] in RESERVED_PATHS:
            problems.append(located.diagnostic((*at, "path"), "P603", f"网址路径“{agency.path}”是门户自己使用的名称",
                                               hint="换一个路径，如机关标识；" + "、".join(sorted(RESERVED_PATHS)) + " 不能用作第一级"))
        for other, m in paths.items():
            if agency.path and (other == agency.path or other.startswith(agency.path + "/") or agency.path.startswith(other + "/")):
                problems.append(located.diagnostic((*at, "path"), "P603", f"网址路径“{agency.path}”与第 {m + 1} 个机关的“{other}”重叠",
                                                   hint="各机关的站点不能互相包含，请用互不包含的路径，如 jiangan 和 jiangan-linhe"))
        paths.setdefault(agency.path, n)
        source = agency.source
        if source.folder and source.git or not (source.folder or source.git):
            problems.append(located.diagnostic((*at, "source"), "P604", "内容来源应为文件夹（folder）或 git 仓库（git，可加 ref）中的一种",
                                               hint="本仓库中的内容写 folder: 文件夹；另一个仓库写 git: 仓库地址 和 ref: 分支"))
        elif source.folder and not (root / source.folder / "mkdocs.yml").is_file():
            problems.append(located.diagnostic((*at, "source", "folder"), "P604", f"文件夹“{source.folder}”中没有 mkdocs.yml",
                                               hint="填写机关内容仓库的文件夹（其中有 mkdocs.yml 和 catalogue/），路径相对 platform.yml 所在目录"))
    levels: dict[str, str] = {}
    for agency in agencies:
        levels.setdefault(agency.id, agency.level)
    for n, agency in enumerate(agencies):
        at = ("agencies", n, "parent")
        if not agency.parent:
            if agency.level in ("市", "县"):
                problems.append(located.diagnostic(at, "P602", f"{agency.level}级机关“{agency.name}”没有填写上级机关",
                                                   hint="填写 parent: 上级机关的机关标识"))
            continue
        if agency.parent not in levels:
            known = "、".join(levels) or "无"
            problems.append(located.diagnostic(at, "P602", f"上级机关“{agency.parent}”不在本平台的机关中",
                                               hint=f"填写平台上已有机关的标识（{known}）"))
        elif agency.level in LEVELS and levels[agency.parent] in LEVELS and LEVELS.index(levels[agency.parent]) >= LEVELS.index(agency.level):
            problems.append(located.diagnostic(at, "P602", f"上级机关“{agency.parent}”是{levels[agency.parent]}级，不高于本机关的{agency.level}级",
                                               hint="上级机关应为更高一级的机关：市级的上级是省级，县级的上级是市级或省级"))
    return problems

"""Settings shared by the command line and the MkDocs plugin."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DEFAULT_ID_PATTERN = r"{prefix}/{year}-\d{5}"
DEFAULT_SECTIONS = ("背景依据", "主要内容")
DEFAULT_CACHE_DIR = ".cache/disclosure"


@dataclass(frozen=True)
class Options:
    # The day the site is built for: later `published` dates stay hidden (定时发布).
    as_of: dt.date = field(default_factory=dt.date.today)
    # 政策解读 must follow its policy within this many working days.
    interpretation_days: int = 3
    # A 办事指南 is checked again this many months after its `updated` date.
    guide_review_months: int = 12
    # `##` sections every interpretation must have.
    interpretation_sections: tuple[str, ...] = DEFAULT_SECTIONS
    # 索引号 form; {prefix} is organization.index_prefix, {year} the year published.
    id_pattern: str = DEFAULT_ID_PATTERN
    # Code of the catalogue leaf whose documents form the 政府信息公开制度 column.
    system_category: str = ""
    # Entries per list page; longer lists continue on /page/2/ and after.
    page_size: int = 50
    # Where parsed files are kept between runs, relative to the repository; "" for
    # nowhere (the default for callers of the library; mkdocs.yml defaults to DEFAULT_CACHE_DIR).
    cache_dir: str = ""


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring the `!!python/…` and `!ENV` tags MkDocs allows."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def from_config_file(config_file: Path, **overrides) -> Options:
    """The `disclosure` plugin's options as written in mkdocs.yml."""
    with open(config_file, encoding="utf-8-sig") as stream:
        config = yaml.load(stream, Loader=_ConfigLoader) or {}
    settings: dict = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("disclosure"), dict):
            settings = plugin["disclosure"]
    return build(settings, **overrides)


def build(settings: dict, **overrides) -> Options:
    values = {
        "as_of": settings.get("as_of"),
        "interpretation_days": settings.get("interpretation_days"),
        "guide_review_months": settings.get("guide_review_months"),
        "interpretation_sections": tuple(settings["interpretation_sections"]) if settings.get("interpretation_sections") else None,
        "id_pattern": settings.get("id_pattern"),
        "system_category": settings.get("system_category"),
        "page_size": settings.get("page_size"),
        "cache_dir": settings.get("cache_dir", DEFAULT_CACHE_DIR),
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    if isinstance(values["as_of"], str):
        values["as_of"] = dt.date.fromisoformat(values["as_of"])
    if values["system_category"] is not None and not isinstance(values["system_category"], str):
        # YAML reads an unquoted 0101 as the number 65: the code is lost, so ask for quotes.
        raise ValueError(f"system_category 应为加引号的目录编码，如 system_category: \"0901\"（现为 {values['system_category']!r}）")
    if values["page_size"] is not None and (not isinstance(values["page_size"], int) or values["page_size"] < 1):
        raise ValueError(f"page_size 应为正整数（每页条数），现为 {values['page_size']!r}")
    return Options(**{k: v for k, v in values.items() if v is not None})

"""Site settings that name content must name real content: the 政府信息公开制度 column's catalogue leaf."""

from __future__ import annotations

import re
from pathlib import Path

from disclosure.diagnostics import Diagnostic, Severity

CONFIG = "mkdocs.yml"
_HINT = "在 mkdocs.yml 的 disclosure 插件设置中写 system_category: \"目录编码\"（加引号），填公开制度所在的末级目录事项"


def _line(root: Path, pattern: str) -> int:
    """The first line of mkdocs.yml that matches, or 0."""
    try:
        lines = (root / CONFIG).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    return next((n for n, line in enumerate(lines, start=1) if re.match(pattern, line)), 0)


def check(context):
    catalogue = context.project.catalogue
    if catalogue.source is None:
        return
    code = context.options.system_category
    fields = {"field": "system_category", "label": "公开制度目录事项"}
    candidates = "、".join(f"{leaf.code} {leaf.name}" for leaf in catalogue.leaves() if "制度" in leaf.name)
    suggestion = f"（如 {candidates}）" if candidates else ""
    if not code:
        yield Diagnostic(
            CONFIG, _line(context.root, r"\s*-\s*disclosure\b"), 1, "D212", "未指定“政府信息公开制度”栏目对应的目录事项，该栏目将为空",
            hint=_HINT + suggestion, severity=Severity.WARNING, **fields,
        )
        return
    item = catalogue.by_code.get(code)
    where = (CONFIG, _line(context.root, r"\s*system_category\s*:"), 1, "D212")
    if item is None:
        yield Diagnostic(*where, f"“政府信息公开制度”栏目的目录事项“{code}”不存在", hint=_HINT + suggestion, **fields)
    elif not item.is_leaf:
        leaves = "、".join(f"{leaf.code} {leaf.name}" for leaf in item.walk() if leaf.is_leaf)
        yield Diagnostic(*where, f"“政府信息公开制度”栏目的目录事项“{code} {item.name}”不是末级事项", hint=f"请改填其下的末级事项：{leaves}", **fields)

"""The 主动公开基本目录 tree: codes unique and nested, each child adds two digits."""

from __future__ import annotations


# Time limits given in words that have no number of working days.
_UNBOUNDED = ("常年公开", "实时")


def check(context):
    catalogue = context.project.catalogue
    source = catalogue.source
    if source is None:
        return
    seen: dict[str, tuple] = {}
    for item in catalogue.walk():
        if not item.code:
            continue
        where = item.key_path + ("code",)
        if item.code in seen:
            line = source.position(seen[item.code])[0]
            yield source.diagnostic(
                where, "D206", f"目录编码“{item.code}”重复（第 {line} 行已用）", label="目录编码", hint="每个目录事项的编码必须唯一，请改用未使用的编码"
            )
            continue
        seen[item.code] = where
        parent = item.parent
        if parent and parent.code and not (item.code.startswith(parent.code) and len(item.code) == len(parent.code) + 2):
            yield source.diagnostic(
                where, "D209", f"目录编码“{item.code}”与上级“{parent.code}”不衔接", label="目录编码",
                hint=f"下级编码为上级编码后加两位数字，如 {parent.code}01",
            )
        elif not parent and item.code and len(item.code) != 2:
            yield source.diagnostic(where, "D209", f"一级目录编码“{item.code}”应为两位数字", label="目录编码", hint="一级目录编码如 01、02")
    for item in catalogue.leaves():
        if item.time_limit and item.time_limit_days is None and not any(word in item.time_limit for word in _UNBOUNDED):
            yield source.diagnostic(
                item.key_path + ("time_limit",), "D308", f"公开时限“{item.time_limit}”未给出工作日数", label="公开时限天数",
                hint="补充 time_limit_days: 工作日数（如 20）；常年公开或实时公开的写明“常年公开”“实时”",
            )

"""The 主动公开基本目录 tree: codes unique and nested, each child adds two digits."""

from __future__ import annotations


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

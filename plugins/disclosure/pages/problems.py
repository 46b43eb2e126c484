"""The page a preview shows at every address while the content has errors: each problem with
its file and line, what is wrong and how to fix it, so an editor sees it where they look."""

from __future__ import annotations

from html import escape

from disclosure.diagnostics import Diagnostic, summary


def problems_page(diagnostics: list[Diagnostic]) -> str:
    errors = [d for d in diagnostics if d.is_error]
    items = "\n".join(
        f'<li><code>{escape(d.location())}</code> <strong>{escape(d.code)}</strong> {escape(d.message)}'
        + (f" <span class=field>（{escape(d.field_text())}）</span>" if d.field_text() else "")
        + (f"<br><span class=hint>改法：{escape(d.hint)}</span>" if d.hint else "")
        + "</li>"
        for d in errors
    )
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>内容有 {len(errors)} 个错误 — 预览</title>
<style>
body {{ font: 18px/1.7 system-ui, "Noto Sans CJK SC", sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }}
h1 {{ color: #b00020; font-size: 1.5rem; }}
li {{ margin: .8rem 0; }}
code {{ background: #f3f3f3; padding: 0 .3rem; }}
.hint {{ color: #0b5394; }}
</style>
</head>
<body>
<main>
<h1>内容有 {len(errors)} 个错误，预览暂停更新</h1>
<p>改好并保存文件后，这一页会自动刷新（{escape(summary(diagnostics))}）。</p>
<ol id="problems">
{items}
</ol>
</main>
</body>
</html>
"""

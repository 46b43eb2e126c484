#!/usr/bin/env python3
"""压测发布安全的开销：页面净化（nh3 白名单）、内容安全策略、主动内容检查和 D401 校验。

    .venv/bin/python scripts/bench_sanitize.py [--documents 2000] [--corpus DIR]

Generates a corpus (or reads --corpus), renders every page's Markdown as the site does, then
times, per page, in CPU seconds: the sanitizer on the page content, the policy added to a whole
page as the theme wraps it, and the output audit's active-content look at that page; and the
D401 rule over the whole repository, once over bodies as they are and once with every body
given a link and an inline tag (so that each is rendered). Prints the numbers. Not a test: they
depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from disclosure.check import check_repository
from disclosure.options import from_config_file
from disclosure.pages.site import build_pages
from disclosure.publishing.active_content import findings
from disclosure.publishing.csp import with_policy
from disclosure.publishing.markup import content_markup
from disclosure.publishing.sanitize import sanitize
from disclosure.release import Release
from disclosure.rules import Context
from disclosure.rules import markup as markup_rule

REPOSITORY = Path(__file__).resolve().parents[1]


def cpu(work) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description="压测页面净化、内容安全策略和主动内容检查的开销")
    parser.add_argument("--documents", type=int, default=2000, help="生成的公开信息篇数，默认 2000")
    parser.add_argument("--corpus", type=Path, help="已有的内容仓库（不再生成）")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = args.corpus
        if root is None:
            root = Path(scratch) / "corpus"
            subprocess.run([sys.executable, str(REPOSITORY / "scripts" / "generate_corpus.py"), "--documents", str(args.documents), "--out", str(root)], check=True, stdout=subprocess.DEVNULL)
        options = from_config_file(root / "mkdocs.yml", cache_dir="")
        result = check_repository(root, options)
        pages = build_pages(Release(result.project, options.as_of), options)
        markup = content_markup()
        contents = []
        for page in pages:
            markup.renderer.reset()
            contents.append(markup.renderer.convert(page.markdown.split("\n---\n", 1)[-1]))
        # The theme around each page, as Material writes it: three inline scripts and the bundle.
        wrapped = [
            "<html><head><meta charset=\"utf-8\"><script>__md_scope=new URL(\"..\",location)</script></head><body>"
            f"<div class=\"md-content\"><article>{content}</article></div><script id=\"__config\" type=\"application/json\">{{}}</script>"
            "<script src=\"../assets/javascripts/bundle.js\"></script></body></html>"
            for content in contents
        ]
        n = len(pages)
        sanitized = cpu(lambda: [sanitize(content) for content in contents])
        policies = []
        policy = cpu(lambda: policies.extend(with_policy(page, content) for page, content in zip(wrapped, contents)))
        audit = cpu(lambda: [findings(page) for page in policies])
        context = Context(result.project, options, root)
        check_plain = cpu(lambda: list(markup_rule.check(context)))
        for entry in result.project.documents:
            entry.source.memo.pop("markup", None)
        marked = [replace(entry, body=entry.body + "\n\n详见[附件](https://a.example/)，<b>注意</b>。") for entry in result.project.documents]
        project = replace(result.project, documents=marked)
        check_marked = cpu(lambda: list(markup_rule.check(Context(project, options, root))))
    print(f"{n} 个页面，{len(result.project.documents)} 篇公开信息（CPU 秒）")
    print(f"  净化（nh3）         合计 {sanitized:6.2f}  每页 {sanitized / n * 1000:6.3f} ms")
    print(f"  内容安全策略        合计 {policy:6.2f}  每页 {policy / n * 1000:6.3f} ms")
    print(f"  主动内容检查        合计 {audit:6.2f}  每页 {audit / n * 1000:6.3f} ms")
    print(f"  D401 校验（原样）   合计 {check_plain:6.2f}")
    print(f"  D401 校验（每篇正文都有链接和标签） 合计 {check_marked:6.2f}  每篇 {check_marked / len(marked) * 1000:6.3f} ms")


if __name__ == "__main__":
    main()

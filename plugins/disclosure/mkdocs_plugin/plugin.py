"""The MkDocs adapter: options in, checks logged, generated pages out."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import BytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.config.base import ValidationError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from disclosure import options as settings
from disclosure.cache import ContentCache
from disclosure.check import CheckResult, check_repository
from disclosure.cms import config as cms_config
from disclosure.cms import publish as web_editor
from disclosure.derived_files import DerivedFiles, Site, outputs
from disclosure.diagnostics import single_line
from disclosure.mkdocs_plugin import theme
from disclosure.mkdocs_plugin.serve_messages import quiet_after_ctrl_c, say_in_chinese
from disclosure.mkdocs_plugin.watch import ContentWatcher
from disclosure.pages.identity import site_identity
from disclosure.pages.preview import Preview
from disclosure.pages.problems import problems_page
from disclosure.pages.site import build_pages
from disclosure.publishing.audit import Manifest, audit
from disclosure.publishing.csp import with_policy
from disclosure.publishing.sanitize import sanitize
from disclosure.publishing.shape import UNBOUNDED
from disclosure.release import Release
from disclosure.rules.theme_folder import is_asset

log = get_plugin_logger(__name__)

CONTENT_FOLDERS = ("catalogue", "guides", "interpretations", "attachments", "templates")


def _require_free_port(host: str, port: int) -> None:
    """A busy port would end `mkdocs serve` in a traceback after the whole first build: say so at once, in one line."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server sets it
        try:
            probe.bind((host, port))
        except OSError:
            log.error(f"端口 {port} 已被占用（可能已经有一个预览在运行）：关闭它，或换一个端口，如 mkdocs serve -a {host}:{port + 1}")
            raise SystemExit(1) from None


def mkdocs_writes(config, files: Files, serving: bool = False) -> set[str]:
    """The files a MkDocs build writes: those it copies or renders, and the theme's static templates."""
    written = {file.dest_uri for file in files if (file.inclusion.is_in_serve() if serving else file.inclusion.is_included())}
    for name in (*config.theme.static_templates, *config.extra_templates):
        written.add(name)
        if name == "sitemap.xml":
            written.add("sitemap.xml.gz")  # MkDocs writes both
    return written


class GeneratedPage(File):
    """A generated page that `mkdocs serve --dirty` rebuilds only when its Markdown changed."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


class CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once under `mkdocs serve`, which makes a new Jinja environment
    at each rebuild; Jinja compares each template's source checksum, so an edited override is compiled again."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class DisclosurePlugin(BasePlugin):
    """MkDocs reads `enabled` itself; every other setting is the engine's (disclosure.options)."""

    def __init__(self):
        super().__init__()
        # Kept across `mkdocs serve` rebuilds: files parsed before and pages rendered before.
        self.cache: ContentCache | None = None
        self.preview = Preview()
        self.templates = CompiledTemplates()
        self.serving = False
        self.dirty = False
        self.derived: DerivedFiles | None = None
        self.watched: list[str] = []
        self.watcher: ContentWatcher | None = None
        self.port_checked = False
        # Under `mkdocs serve`, while the content has errors: the page shown at every address instead.
        self.problem_page: str | None = None

    def load_config(self, options, config_file_path=None):
        """The settings under `- disclosure:`, read by the engine's one definition of them."""
        self.config = dict(options)
        try:
            self.options = settings.build(self.config)
        except settings.SettingsError as error:
            return [(error.setting, ValidationError(f"disclosure 插件设置有误：{error}"))], []
        return [], []

    # Having this event makes MkDocs keep the plugin object between rebuilds under `mkdocs serve`.
    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.dirty = dirty
        if self.serving:
            say_in_chinese()

    def on_config(self, config):
        # Per-build state lives here: under `mkdocs serve` the plugin object survives rebuilds.
        self.root = Path(config.config_file_path).resolve().parent
        theme.apply(config)
        self.use_emblem(config)
        if self.serving and not self.port_checked:
            self.port_checked = True  # later builds run inside the server, which holds the port
            _require_free_port(config.dev_addr.host, config.dev_addr.port)
        watched = [str(self.root / name) for name in CONTENT_FOLDERS + ("calendar.yml",) if (self.root / name).exists()]
        if self.serving:
            self.watched = watched  # by on_serve's watcher
        else:
            config.watch.extend(path for path in watched if path not in config.watch)
        self.result: CheckResult | None = None
        self.release: Release | None = None
        self.pages = []
        self.site: Site | None = None
        self.manifest: Manifest | None = None
        self.nav = None
        cache_dir = self.root / self.options.cache_dir if self.options.cache_dir else None
        if self.cache is None or self.cache.place != cache_dir:
            self.cache = ContentCache(cache_dir)
        return config

    def use_emblem(self, config) -> None:
        """The agency's emblem and tab icon in place of Material's, and the 党政机关网站标识, from files under docs/."""
        for setting, theme_key in (("emblem", "logo"), ("favicon", "favicon"), ("conac_image", None)):
            rel = getattr(self.options, setting)
            if not rel:
                continue
            if not (Path(config.docs_dir) / rel).is_file():
                raise PluginError(f"disclosure 插件设置有误：{setting} 指向的文件 docs/{rel} 不存在")
            if theme_key:
                config.theme[theme_key] = rel

    # Before other plugins see the files, so search and sitemap include the generated pages.
    @event_priority(100)
    def on_files(self, files: Files, config) -> Files | None:
        self.result = check_repository(self.root, self.options, self.cache)
        if self.serving:
            self.cache.file = None  # written by the first build; rewriting it at each save would cost more than it saves
        for diagnostic in self.result.diagnostics:
            # A warning asks the editor to look, and never blocks publishing: at INFO, `--strict` does not count it.
            if diagnostic.is_error:
                log.error(f"{diagnostic.location()}: {single_line(diagnostic.describe())}")
            else:
                log.info(f"{diagnostic.location()}: 警告 {single_line(diagnostic.describe())}")
        if any(diagnostic.code == UNBOUNDED for diagnostic in self.result.diagnostics):
            # Rendering such a text would take hours or exhaust the stack, in a preview too.
            raise PluginError(f"有正文或字段无法在有限时间内排版（{UNBOUNDED}，见上方），本次构建在生成页面之前停止")
        docs_dir = Path(config.docs_dir).resolve()
        for file in list(files):  # anything but an asset in docs/ would be published past every check: an error above, and left out
            if file.generated_by is None and file.abs_src_path and not is_asset(file.src_uri) and Path(file.abs_src_path).resolve().is_relative_to(docs_dir):
                files.remove(file)
        if self.serving:
            self.problem_page = problems_page(self.result.diagnostics) if not self.result.ok else None
        if self.result.project.organization is None:
            raise PluginError("缺少或无法读取 catalogue/organization.yml，无法生成站点")
        release = self.release = Release(self.result.project, self.options.as_of)
        written = self.preview.markdown  # of the last rebuild under `mkdocs serve`; empty otherwise
        self.pages = self.preview.pages(release, self.options) if self.serving else build_pages(release, self.options)
        for page in self.pages:
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                files.remove(existing)  # a hand-written page in docs/ yields to the generated one
            file = GeneratedPage.generated(config, page.path, content=page.markdown)
            file.changed = written.get(page.path) != page.markdown
            files.append(file)
        self.abandon_derived()  # of an earlier save: this build's replace them
        site = self.site = Site(Path(config.site_dir), config.site_url or "", config.site_name, self.options.search)
        self.derived = DerivedFiles(release, self.pages, site)
        for rel in release.files():
            file = File.generated(config, rel, abs_src_path=str(self.root / rel))
            file.inclusion = InclusionLevel.INCLUDED  # MkDocs excludes /templates/ by default
            files.append(file)
        if self.options.web_editor_repo and not self.serving:  # `make edit` serves its own, writing the working tree
            self.add_web_editor(files, config)
        return files

    def add_web_editor(self, files: Files, config) -> None:
        """The web editor's login page and program under admin/, as MkDocs copies static files."""
        try:
            published = web_editor.files(self.root / web_editor.FOLDER, self.options, cms_config.proposals(self.result.project, self.options))
        except web_editor.EditorMissing as error:
            raise PluginError(str(error)) from None
        for rel, source in published.items():
            existing = files.get_file_from_path(rel)
            if existing is not None:
                files.remove(existing)
            if isinstance(source, str):
                files.append(File.generated(config, rel, content=source))
            else:
                files.append(File.generated(config, rel, abs_src_path=str(source)))

    def on_nav(self, nav, config, files):
        self.nav = nav

    def on_env(self, env, config, files):
        """What the theme overrides show: the 网页设计规范 site meta tags and the footer; Material's
        navigation rendered once for the pages outside it."""
        if self.serving:
            env.bytecode_cache = self.templates
        if self.nav is not None:
            theme.share_navigation(env, self.nav)
        if self.release is None:
            return env
        self.manifest = self.planned(config, files)
        env.globals["disclosure_site"] = {
            "domain": urlsplit(config.site_url or "").hostname or "",
            "id_code": self.options.site_id_code,
            "identity": site_identity(self.options),
            "office": self.release.organization.office,
        }
        return env

    # Last, after any plugin that edits content: every page's content passes the allowlist, whatever made it.
    @event_priority(-100)
    def on_page_content(self, html, *, page, config, files):
        return sanitize(html)

    # Last, once every plugin has written the page, so each inline script the theme put there is hashed.
    # Not under `mkdocs serve`: its live reload adds an inline script to every page it serves.
    @event_priority(-100)
    def on_post_page(self, output, *, page, config):
        if self.problem_page or self.serving:
            return self.problem_page or output
        return with_policy(output, page.content or "")

    # The theme's 404.html: all of it the theme's own.
    @event_priority(-100)
    def on_post_template(self, output_content, *, template_name, config):
        if self.problem_page and template_name == "404.html":
            return self.problem_page
        if self.serving or not template_name.endswith(".html"):
            return output_content
        return with_policy(output_content, "")

    def planned(self, config, files: Files) -> Manifest:
        """What this build means to write: what MkDocs writes (theme assets, docs/ assets, pages, released
        attachments, the theme's static templates) and the derived files."""
        manifest = outputs(self.site)
        manifest.files |= mkdocs_writes(config, files, self.serving)
        return manifest

    # Last: the output audit reads what every plugin wrote.
    @event_priority(-100)
    def on_post_build(self, config):
        """Open data, the Atom feed and the search index beside the pages (sitemap.xml is MkDocs' own),
        then the output audit (publishing/audit.py) of every file under the site folder.

        A preview shows its pages without waiting for the derived files; they are audited by the
        process that writes them, when it has."""
        if self.problem_page:
            self.preview = Preview()  # every page now shows the problems: once they are fixed, write them all again
        if self.derived is not None and not (self.serving and self.derived.in_background):
            derived, self.derived = self.derived, None
            if not derived.finish():
                raise PluginError("开放数据或搜索索引生成失败或未通过输出审计，原因见上方的错误信息")
        if self.manifest is None:
            return
        site_dir = Path(config.site_dir)
        # In this process: what every page repeats is read once (disclosure.repeated), which costs less
        # than reading it again in a second one. A preview's pages carry no Content-Security-Policy, so
        # its scripts cannot be told from the theme's.
        findings = audit(site_dir, self.manifest, audited=outputs(self.site), scripts=not self.serving)
        for path in {finding.path for finding in findings}:
            try:
                (site_dir / path).unlink(missing_ok=True)  # never served, not even by a preview
            except IsADirectoryError:
                pass  # a folder that could not be read: a server cannot read it either
        if self.dirty:  # not cleaned first: pages of entries withdrawn since an earlier build are expected to be left
            for finding in findings:
                if finding.unexpected:
                    log.info(f"已删除上次生成留下、本次不再发布的文件：{finding.path}")
            findings = [finding for finding in findings if not finding.unexpected]
        if findings:
            listed = "\n".join(f"  {finding}" for finding in findings)
            raise PluginError(f"输出审计未通过，以下文件已删除，本次构建不能发布：\n{listed}")

    def abandon_derived(self) -> None:
        if self.derived is not None:
            self.derived.abandon()
            self.derived = None

    def on_build_error(self, *, error):
        self.abandon_derived()
        self.preview = Preview()  # pages it counts as written may not have been: the next rebuild writes all

    def on_serve(self, server, *, config, builder):
        quiet_after_ctrl_c(server)
        self.watcher = ContentWatcher(server, self.watched)
        not_found = server.error_handler

        def error_handler(code):
            """An address with no page (such as a document that cannot be read) shows the problems too,
            with MkDocs' reload script so that it updates on save."""
            if code == 404 and self.problem_page:
                return server._inject_js_into_html(self.problem_page.encode(), server._visible_epoch)
            return not_found(code)

        server.error_handler = error_handler
        return server

    def on_shutdown(self):
        self.abandon_derived()
        if self.watcher is not None:
            self.watcher.stop()

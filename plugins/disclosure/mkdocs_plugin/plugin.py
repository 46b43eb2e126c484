"""The MkDocs adapter: options in, checks logged, generated pages out."""

from __future__ import annotations

import os
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
from disclosure.derived_files import DerivedFiles, Site
from disclosure.diagnostics import single_line
from disclosure.mkdocs_plugin import theme
from disclosure.mkdocs_plugin.watch import ContentWatcher
from disclosure.pages.preview import Preview
from disclosure.pages.site import build_pages
from disclosure.release import Release

log = get_plugin_logger(__name__)

CONTENT_FOLDERS = ("catalogue", "guides", "interpretations", "attachments", "templates")


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
        self.derived: DerivedFiles | None = None
        self.watched: list[str] = []
        self.watcher: ContentWatcher | None = None

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

    def on_config(self, config):
        # Per-build state lives here: under `mkdocs serve` the plugin object survives rebuilds.
        self.root = Path(config.config_file_path).resolve().parent
        theme.apply(config)
        watched = [str(self.root / name) for name in CONTENT_FOLDERS + ("calendar.yml",) if (self.root / name).exists()]
        if self.serving:
            self.watched = watched  # by on_serve's watcher
        else:
            config.watch.extend(path for path in watched if path not in config.watch)
        self.result: CheckResult | None = None
        self.release: Release | None = None
        self.pages = []
        cache_dir = self.root / self.options.cache_dir if self.options.cache_dir else None
        if self.cache is None or self.cache.place != cache_dir:
            self.cache = ContentCache(cache_dir)
        return config

    # Before other plugins see the files, so search and sitemap include the generated pages.
    @event_priority(100)
    def on_files(self, files: Files, config) -> Files | None:
        self.result = check_repository(self.root, self.options, self.cache)
        if self.serving:
            self.cache.file = None  # written by the first build; rewriting it at each save would cost more than it saves
        for diagnostic in self.result.diagnostics:
            (log.error if diagnostic.is_error else log.warning)(f"{diagnostic.location()}: {single_line(diagnostic.describe())}")
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
        site = Site(Path(config.site_dir), config.site_url or "", config.site_name, self.options.search)
        self.derived = DerivedFiles(release, self.pages, site)
        for rel in release.files():
            file = File.generated(config, rel, abs_src_path=str(self.root / rel))
            file.inclusion = InclusionLevel.INCLUDED  # MkDocs excludes /templates/ by default
            files.append(file)
        return files

    def on_env(self, env, config, files):
        """What the theme overrides show: the 网页设计规范 site meta tags and the footer."""
        if self.serving:
            env.bytecode_cache = self.templates
        if self.release is None:
            return env
        env.globals["disclosure_site"] = {
            "domain": urlsplit(config.site_url or "").hostname or "",
            "id_code": self.options.site_id_code,
            "office": self.release.organization.office,
        }
        return env

    def on_post_build(self, config):
        """Open data, the Atom feed and the search index beside the pages (sitemap.xml is MkDocs' own).

        A preview shows its pages without waiting for them."""
        if self.derived is not None and not (self.serving and self.derived.in_background):
            derived, self.derived = self.derived, None
            if not derived.finish():
                raise PluginError("开放数据或搜索索引生成失败，原因见上方的错误信息")

    def abandon_derived(self) -> None:
        if self.derived is not None:
            self.derived.abandon()
            self.derived = None

    def on_build_error(self, *, error):
        self.abandon_derived()
        self.preview = Preview()  # pages it counts as written may not have been: the next rebuild writes all

    def on_serve(self, server, *, config, builder):
        self.watcher = ContentWatcher(server, self.watched)
        return server

    def on_shutdown(self):
        self.abandon_derived()
        if self.watcher is not None:
            self.watcher.stop()

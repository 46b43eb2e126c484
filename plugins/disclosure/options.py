"""The engine's settings: one typed definition, read the same way by the MkDocs plugin, the
command line and a platform build.

Each setting is a field of `Options` with its Chinese name and the reader that turns what
mkdocs.yml says into the typed value; a value a reader refuses is one `SettingsError` that
names the setting, never a traceback further on.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable

import yaml

from disclosure.sources import Located, syntax_error

DEFAULT_ID_PATTERN = r"{prefix}/{year}-\d{5}"
DEFAULT_SECTIONS = ("背景依据", "主要内容")
DEFAULT_CACHE_DIR = ".cache/disclosure"
CONFIG = "mkdocs.yml"


class SettingsError(ValueError):
    """One setting with a value it cannot take."""

    def __init__(self, setting: str, problem: str):
        self.setting = setting
        label = _label(setting)
        super().__init__(f"{setting}（{label}）{problem}" if label else problem)


class _Invalid(Exception):
    """A reader's refusal; `build` adds the setting it was for."""


def _shown(value) -> str:
    if isinstance(value, str):
        return f"现为文本“{value}”"
    if isinstance(value, bool):
        return f"现为 {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"现为数字 {value}"
    return {list: "现为列表", dict: "现为一组设置"}.get(type(value), "现为空")


def _count(minimum: int) -> Callable:
    def read(value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Invalid(f"应为整数（不加引号），{_shown(value)}")
        if value < minimum:
            raise _Invalid(f"不能小于 {minimum}，{_shown(value)}")
        return value

    return read


def _text(value):
    if not isinstance(value, str):
        raise _Invalid(f"应为文本，{_shown(value)}")
    return value


def _code(value):
    # YAML reads an unquoted 0101 as the number 65: the code is lost, so ask for quotes.
    if not isinstance(value, str):
        raise _Invalid(f"应为加引号的目录编码，如 system_category: \"0901\"（{_shown(value)}）")
    return value


def _digits(value):
    """A number-like code (政府网站标识码): quoted or not, kept as its digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _text(value)


def _texts(value):
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise _Invalid(f"应为文本列表，如 [背景依据, 主要内容]，{_shown(value)}")
    return tuple(value)


def _date(value):
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Invalid(f"应为 YYYY-MM-DD 格式的日期，如 \"2024-06-30\"，{_shown(value)}") from None


def _switch(value):
    if not isinstance(value, bool):
        raise _Invalid(f"应为 true 或 false，{_shown(value)}")
    return value


def _pattern(value):
    _text(value)
    try:
        re.compile(value.format(prefix="X", year="2024"))
    except (re.error, KeyError, IndexError, ValueError) as error:
        raise _Invalid(f"不是可用的格式（{error}）；可用 {{prefix}}（索引号前缀）和 {{year}}（发布年份），如 {DEFAULT_ID_PATTERN}") from None
    return value


_REPOSITORY = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}")
_BRANCH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,200}")
_ICP = re.compile(r"[\u4e00-\u9fff]ICP备\d{6,10}号(?:-\d{1,3})?")
_POLICE = re.compile(r"[\u4e00-\u9fff]公网安备 ?\d{14}号")


def _matching(pattern: re.Pattern, example: str) -> Callable:
    def read(value):
        if not isinstance(value, str) or not pattern.fullmatch(value.strip()):
            raise _Invalid(f"格式不对，应如 \"{example}\"，{_shown(value)}")
        return value.strip()

    return read


def _https(value):
    if not isinstance(value, str) or not value.startswith("https://"):
        raise _Invalid(f"应为 https:// 开头的网址，{_shown(value)}")
    return value


def setting(label: str, read: Callable, **default) -> Any:
    return field(metadata={"label": label, "read": read}, **default)


@dataclass(frozen=True)
class Options:
    # Later `published` dates stay hidden (定时发布); default: the day of the build.
    as_of: dt.date = setting("定时发布基准日", _date, default_factory=dt.date.today)
    # 政策解读 must follow its policy within this many working days.
    interpretation_days: int = setting("政策解读时限的工作日数", _count(0), default=3)
    # A 办事指南 is checked again this many months after its `updated` date.
    guide_review_months: int = setting("办事指南复核间隔月数", _count(1), default=12)
    # `##` sections every interpretation must have.
    interpretation_sections: tuple[str, ...] = setting("政策解读必备小节", _texts, default=DEFAULT_SECTIONS)
    # 索引号 form; {prefix} is organization.index_prefix, {year} the year published.
    id_pattern: str = setting("索引号格式", _pattern, default=DEFAULT_ID_PATTERN)
    # Code of the catalogue leaf whose documents form the 政府信息公开制度 column.
    system_category: str = setting("政府信息公开制度栏目的目录编码", _code, default="")
    # Code of the catalogue leaf of annual reports: a year with no report in the national-format
    # YAML is listed in the 年报 column by its report kept there as a document.
    annual_report_category: str = setting("往年年报所在的目录编码", _code, default="")
    # Entries per list page; longer lists continue on /page/2/ and after.
    page_size: int = setting("每页条数", _count(1), default=50)
    # 政府网站标识码, in the footer and the SiteIDCode meta tag.
    site_id_code: str = setting("政府网站标识码", _digits, default="")
    # ICP备案号, in the footer with a link to beian.miit.gov.cn.
    icp_record: str = setting("ICP备案号", _matching(_ICP, "赣ICP备12345678号-1"), default="")
    # 公安机关备案号, in the footer with a link to beian.mps.gov.cn.
    police_record: str = setting("公安机关备案号", _matching(_POLICE, "赣公网安备36010202000001号"), default="")
    # 党政机关网站标识: the address of the site's certificate at 中国机构编制网 (bszs.conac.cn).
    conac_url: str = setting("党政机关网站标识核验地址", _https, default="")
    # The 党政机关网站标识 image issued with the certificate, a file under docs/; without it the mark is text.
    conac_image: str = setting("党政机关网站标识图片", _text, default="")
    # 我为政府网站找错: by default the national platform's page for site_id_code.
    error_report_url: str = setting("我为政府网站找错地址", _https, default="")
    # The agency's emblem (header logo) and browser tab icon: files under docs/.
    emblem: str = setting("机关标志图片", _text, default="")
    favicon: str = setting("浏览器标签图标", _text, default="")
    # The web editor's login page at admin/, for the repository it commits to (owner/name on GitHub);
    # left out of the site unless this is set.
    web_editor_repo: str = setting("网页编辑器所用的仓库", _matching(_REPOSITORY, "sft-example/zwgk"), default="")
    web_editor_branch: str = setting("网页编辑器合并到的分支", _matching(_BRANCH, "main"), default="main")
    # The OAuth service the editor's login goes through (Decap's base_url); default: Netlify's.
    web_editor_auth_url: str = setting("网页编辑器的登录服务地址", _https, default="")
    # Write the site search index (search/data/) after the build.
    search: bool = setting("站内搜索", _switch, default=True)
    # Where parsed files are kept between runs, relative to the repository; "" for nowhere
    # (the default for callers of the library; a mkdocs.yml defaults to DEFAULT_CACHE_DIR).
    cache_dir: str = setting("解析缓存目录", _text, default="")


SETTINGS = {f.name: f for f in fields(Options)}
# What a repository's settings mean when they leave one out and the library's default differs.
CONFIGURED_DEFAULTS = {"cache_dir": DEFAULT_CACHE_DIR}


def _label(name: str) -> str:
    return SETTINGS[name].metadata["label"] if name in SETTINGS else ""


def build(settings: dict | None, **overrides) -> Options:
    """Options from the settings as written (mkdocs.yml's `- disclosure:` block); `overrides` (from
    the command line or a platform build) win where they are not None."""
    settings = {**CONFIGURED_DEFAULTS, **(settings or {})}
    settings.update({name: value for name, value in overrides.items() if value is not None})
    values = {}
    for name, value in settings.items():
        if name not in SETTINGS:
            close = difflib.get_close_matches(str(name), SETTINGS, n=1)
            hint = f"是否想写 {close[0]}（{_label(close[0])}）？" if close else "可用的设置：" + "、".join(SETTINGS)
            raise SettingsError(str(name), f"没有名为 {name} 的设置；{hint}")
        if value is None and name != "as_of":
            raise SettingsError(name, "未填写值；不需要时请删去这一行")
        try:
            values[name] = SETTINGS[name].metadata["read"](value) if value is not None else None
        except _Invalid as problem:
            raise SettingsError(name, str(problem)) from None
    return Options(**{name: value for name, value in values.items() if value is not None})


class _ConfigLoader(yaml.CSafeLoader):
    """Reads mkdocs.yml, ignoring the `!!python/…` and `!ENV` tags MkDocs allows."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _timestamp(loader, node):
    """A date that does not exist (2021-02-30) stays text, for the setting's reader to explain."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_ConfigLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _config(config_file: Path):
    """mkdocs.yml as YAML reads it (MkDocs' own tags left out)."""
    with open(config_file, encoding="utf-8-sig") as stream:
        return yaml.load(stream, Loader=_ConfigLoader) or {}


def read_settings(config_file: Path) -> dict:
    """The `disclosure` plugin's settings as written in mkdocs.yml."""
    config = _config(config_file)
    plugins = config.get("plugins") if isinstance(config, dict) else None
    # MkDocs takes a list (`- disclosure:`) or a mapping of plugin names to their settings.
    for plugin in [plugins] if isinstance(plugins, dict) else plugins or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("disclosure"), dict):
            return {name: value for name, value in plugin["disclosure"].items() if name != "enabled"}
    return {}


def docs_dir(root: Path) -> str:
    """MkDocs' docs_dir as the repository's mkdocs.yml sets it: where the theme's assets are, and no page may be."""
    try:
        config = _config(Path(root) / "mkdocs.yml")
    except (OSError, yaml.YAMLError):
        return "docs"
    value = config.get("docs_dir") if isinstance(config, dict) else None
    return value if isinstance(value, str) and value else "docs"


def from_config_file(config_file: Path, **overrides) -> Options:
    return build(read_settings(config_file), **overrides)


class ConfigFileError(Exception):
    """mkdocs.yml cannot give the engine its settings: one Chinese line naming the file, the line
    and, when one is to blame, the setting."""


def load(config_file: Path, **overrides) -> Options:
    """The settings of the repository whose mkdocs.yml is `config_file`, as every entry point reads them."""
    try:
        return from_config_file(config_file, **overrides)
    except SettingsError as error:
        raise ConfigFileError(f"{config_file}:{setting_line(config_file, error.setting)}: disclosure 插件设置有误：{error}") from None
    except yaml.MarkedYAMLError as error:
        text = Path(config_file).read_text(encoding="utf-8-sig")
        problem = syntax_error(error, text, Located(str(config_file), last_line=text.count("\n") + 1))
        raise ConfigFileError(f"{config_file}:{problem.line}:{problem.column}: mkdocs.yml 无法读取：{problem.message}；{problem.hint}") from None
    except yaml.YAMLError:
        raise ConfigFileError(f"{config_file}:1: mkdocs.yml 无法读取：含有 YAML 不允许的特殊控制字符；请删除它们") from None
    except UnicodeDecodeError:
        raise ConfigFileError(f"{config_file}:1: mkdocs.yml 无法读取：不是 UTF-8 编码的文本；请用编辑器另存为 UTF-8") from None
    except OSError:
        raise ConfigFileError(f"{config_file}: 无法打开 mkdocs.yml") from None


def setting_line(config_file: Path, name: str) -> int:
    """The line of mkdocs.yml where a setting is written, or 0."""
    try:
        lines = Path(config_file).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    pattern = re.compile(rf"\s*{re.escape(name)}\s*:")
    return next((n for n, line in enumerate(lines, start=1) if pattern.match(line)), 0)

"""`disclosure init DIR`: a new agency's content repository, the demo's layout without the engine.

The files come from bundled/starter/: a name ending in .j2 is rendered with the agency's facts
(and loses the suffix), a leading "dot-" becomes "." (package data keeps no hidden files), and
everything else is copied as it is. The editor settings and their schemas are generated, and the
engine is pinned in requirements.txt at the version that wrote the repository.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from disclosure import __version__, editor_settings
from disclosure.bundled import STARTER
from disclosure.rules.organization import credit_code_check_character


class StarterError(ValueError):
    """A fact the new repository cannot be made with, in one Chinese line."""


@dataclass(frozen=True)
class Agency:
    name: str  # 机关名称
    credit_code: str  # 统一社会信用代码
    address: str  # 政府信息公开工作机构的办公地址
    phone: str  # 联系电话
    site_url: str  # the address the site will be published at

    @property
    def index_prefix(self) -> str:
        """索引号前缀: the 组织机构代码 inside the 统一社会信用代码 (its 9th to 17th characters)."""
        return self.credit_code[8:17]

    def problems(self) -> list[str]:
        found = []
        if not self.name.strip() or re.search(r"[<>\n]", self.name):
            found.append(f"机关名称“{self.name}”不能为空，也不能含 < > 或换行")
        code = self.credit_code.upper()
        if not re.fullmatch(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}", code):
            found.append(f"统一社会信用代码“{self.credit_code}”应为 18 位（数字和大写字母，不含 I、O、Z、S、V）")
        elif credit_code_check_character(code[:17]) != code[17]:
            found.append(f"统一社会信用代码“{self.credit_code}”校验位错误，请核对")
        if not re.fullmatch(r"0[0-9]{2,3}-[0-9]{7,8}((-|转)[0-9]{1,6})?|[1-9][0-9]{2,5}|1[3-9][0-9]{9}", self.phone):
            found.append(f"联系电话“{self.phone}”格式不对：座机写“区号-号码”，如 0791-86000000")
        if not self.site_url.startswith("https://"):
            found.append(f"网站地址“{self.site_url}”应以 https:// 开头")
        return found


def _render_env() -> Environment:
    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    # A YAML double-quoted scalar is a JSON string: whatever the agency typed stays text.
    env.filters["yaml"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    return env


def _target(rel: Path) -> Path:
    parts = [("." + part.removeprefix("dot-")) if part.startswith("dot-") else part for part in rel.parts]
    return Path(*parts).with_suffix("") if rel.suffix == ".j2" else Path(*parts)


def create(root: Path, agency: Agency) -> list[str]:
    """Write the new repository at `root` (which must be empty or absent); returns its files."""
    problems = agency.problems()
    if problems:
        raise StarterError("；".join(problems))
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise StarterError(f"{root} 已存在且不是空文件夹；请指定一个新的文件夹")
    facts = {
        "name": agency.name, "credit_code": agency.credit_code.upper(), "index_prefix": agency.index_prefix,
        "address": agency.address, "phone": agency.phone, "site_url": agency.site_url.rstrip("/") + "/",
        "site_name": f"{agency.name}政务公开", "version": __version__,
    }
    env = _render_env()
    written = []
    for source in sorted(p for p in STARTER.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        rel = _target(source.relative_to(STARTER))
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".j2":
            target.write_text(env.from_string(source.read_text(encoding="utf-8")).render(**facts), encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(rel.as_posix())
    written += editor_settings.write(root)
    return sorted(written)

"""The merged platform's output audit: the single-agency build's (disclosure.publishing.audit), over
the whole platform before it replaces the published one.

What may be published: each agency's files as its build listed them in its manifest (its own
audit passed on each), under its path, and the files the merge wrote itself. Any other file, and
any resident ID number or active content the theme did not put there in any text file, fails
the merge, named with its agency; the platform published before stays as it was. Reading every
page is the audit's cost (some 10 MB a second a core): an agency's file is read again only if it is
not the very file that passed on this machine (see AUDITED); the merge's own files always are.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from disclosure.platform.config import Agency
from disclosure.publishing.audit import Finding, Manifest, audit, reading

SHOWN = 50  # findings listed; a tampered output can have thousands
# Beside an agency's manifest: each file of its site as it was when the audit last read it on this
# machine (by its own build, or by a merge). A file that is still that file (size, time written,
# inode: a rebuilt, downloaded or replaced file is a new one) is not read again; any other is.
AUDITED = "audited.json"


def stamps(site: Path, files: list[str]) -> dict[str, list[int]]:
    """Each of `files` (paths under `site`) as the audit knows it again: size, time written, inode."""
    found, root = {}, f"{site}/"  # strings, not paths: a platform has hundreds of thousands of files
    for rel in files:
        try:
            status = os.stat(root + rel, follow_symlinks=False)
        except OSError:
            continue
        found[rel] = [status.st_size, status.st_mtime_ns, status.st_ino]
    return found


def record_audited(folder: Path, site: Path, files: list[str]) -> None:
    """Note in `folder` that `files` of `site` passed the audit as they are now."""
    _write(folder, stamps(site, files))


def _write(folder: Path, passed: dict[str, list[int]]) -> None:
    (folder / AUDITED).write_text(json.dumps(passed, separators=(",", ":")), encoding="utf-8")


def _audited_before(folder: Path) -> dict:
    try:
        known = json.loads((folder / AUDITED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return known if isinstance(known, dict) else {}


class PlatformAuditError(Exception):
    """The merged platform holds what no agency's build meant to publish; the message lists it in Chinese."""


def audit_platform(site: Path, own: set[str], agencies: list[tuple[Agency, dict, Path]]) -> None:
    """Audit the merged platform in `site`: `own` the merge's files, `agencies` each placed agency with its
    manifest and its builds folder (where what passed is noted for the next merge)."""
    meant, unchanged = Manifest(set(own)), Manifest(set(own))
    problems, before, now = [], {}, {}
    workers = min(os.cpu_count() or 1, 4)
    # The merge's own files (its catalogues most of all) read meanwhile: they are always read.
    with reading(site, sorted(own), workers) as own_findings:
        for agency, manifest, folder in agencies:
            files = manifest.get("files")
            if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
                problems.append(f"{_owner(agency)}的构建清单 manifest.json 没有列出它发布的文件（可能由旧版本程序构建），请重新构建这个机关")
                continue
            meant.files.update(f"{agency.path}/{rel}" for rel in files)
            before[folder], now[folder] = _audited_before(folder), stamps(site / agency.path, files)
            unchanged.files.update(f"{agency.path}/{rel}" for rel, stamp in now[folder].items() if before[folder].get(rel) == stamp)
        findings = audit(site, meant, audited=unchanged, workers=workers) + own_findings()
    by_path = sorted(agencies, key=lambda placed: len(placed[0].path), reverse=True)  # the deepest path owns a file
    problems += [_described(finding, by_path) for finding in findings]
    if problems:
        more = f"\n  （另有 {len(problems) - SHOWN} 处，未列出）" if len(problems) > SHOWN else ""
        listed = "\n".join(f"  {line}" for line in problems[:SHOWN])
        raise PlatformAuditError(f"平台输出审计未通过，本次合并不发布，已发布的平台保持不变（其中各机关是上次通过审计的输出）：\n{listed}{more}")
    for folder, passed in now.items():
        if passed != before[folder]:
            _write(folder, passed)


def _owner(agency: Agency | None) -> str:
    return f"机关“{agency.name}”（{agency.id}）" if agency else "平台自身"


def _described(finding: Finding, agencies: list[tuple[Agency, dict, Path]]) -> str:
    owner = next((agency for agency, *_ in agencies if finding.path.startswith(f"{agency.path}/")), None)
    if finding.unexpected:
        why = "不在它的构建清单中（构建之后才出现），不能发布" if owner else "不是合并写出的文件，不能发布"
        return f"{_owner(owner)}的 {finding.path}：{why}"
    return f"{_owner(owner)}的 {finding}"

"""Which repository files a page may offer for download: attachments, templates, media, the application form.

The site serves them from its own origin, so a file that a browser would run (HTML,
SVG, script) or that MkDocs would render (Markdown) must never get there, nor any file
that is not meant for the public (`.git/config`, the parse cache, a withheld document's
source). Safety by construction: two fixed folders, an allowlist of types, and content
that starts the way its type does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

FOLDERS = ("attachments", "templates")
MAX_SIZE = 50 * 1024 * 1024  # GitHub refuses files over 100 MB and warns over 50 MB

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # a zip, or an empty one
_OLE2 = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # Word/Excel 97–2003 and WPS/ET files


def _starts(*signatures: bytes):
    return lambda head: head.startswith(signatures)


def _webp(head: bytes) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def _mp4(head: bytes) -> bool:
    return head[4:8] == b"ftyp"


def _mp3(head: bytes) -> bool:
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


# Extension → (what an editor calls it, how its content starts). The one list of what may be published.
TYPES = {
    "pdf": ("PDF 文档", _starts(b"%PDF-")),
    "ofd": ("OFD 版式文档", _starts(*_ZIP)),
    "doc": ("Word 文档", _starts(*_OLE2)),
    "docx": ("Word 文档", _starts(*_ZIP)),
    "xls": ("Excel 表格", _starts(*_OLE2)),
    "xlsx": ("Excel 表格", _starts(*_ZIP)),
    "ppt": ("PowerPoint 演示文稿", _starts(*_OLE2)),
    "pptx": ("PowerPoint 演示文稿", _starts(*_ZIP)),
    "wps": ("WPS 文字文档", _starts(*_OLE2)),
    "et": ("WPS 表格", _starts(*_OLE2)),
    "dps": ("WPS 演示文稿", _starts(*_OLE2)),
    "jpg": ("JPEG 图片", _starts(b"\xff\xd8\xff")),
    "jpeg": ("JPEG 图片", _starts(b"\xff\xd8\xff")),
    "png": ("PNG 图片", _starts(b"\x89PNG\r\n\x1a\n")),
    "gif": ("GIF 图片", _starts(b"GIF87a", b"GIF89a")),
    "webp": ("WebP 图片", _webp),
    "mp4": ("MP4 视频", _mp4),
    "mp3": ("MP3 音频", _mp3),
    "zip": ("ZIP 压缩包", _starts(*_ZIP)),
    "rar": ("RAR 压缩包", _starts(b"Rar!\x1a\x07")),
    "7z": ("7z 压缩包", _starts(b"7z\xbc\xaf\x27\x1c")),
}
# Types a browser runs or MkDocs renders: named in the error, as editors meet them most.
ACTIVE = {"svg", "svgz", "html", "htm", "xhtml", "shtml", "xml", "xsl", "js", "mjs", "md", "markdown", "css", "php", "swf"}
_HEAD = 12  # bytes that tell every type above
# Beyond letters and digits (Chinese included): characters that mean nothing to a URL, Markdown or a shell.
_NAME_PUNCTUATION = frozenset("-_.（）")

ALLOWED_TEXT = "、".join(TYPES)


@dataclass(frozen=True)
class Refusal:
    """Why a linked file cannot be published: a diagnostic's code, message and hint."""

    code: str
    message: str
    hint: str


def _name_problem(rel: str) -> Refusal | None:
    if "\\" in rel:
        fixed = rel.replace("\\", "/")
        return Refusal("D604", f"文件路径“{rel}”用了反斜杠 \\", f"路径请用 / 分隔，如 {fixed}")
    for part in rel.split("/"):
        bad = sorted({c for c in part if not (c.isalnum() or c in _NAME_PUNCTUATION)})
        if bad or not part or part.startswith((".", "-")):
            shown = "、".join("空格" if c == " " else repr(c)[1:-1] if not c.isprintable() else c for c in bad)
            what = f"含有不允许的字符 {shown}" if bad else "不能为空，也不能以 . 或 - 开头"
            return Refusal(
                "D604", f"文件名“{part}”{what}", "文件名和文件夹名只用汉字、字母、数字和 - _ . （ ），如 attachments/2026/预算说明.pdf"
            )
    return None


def _type_problem(extension: str, rel: str) -> Refusal | None:
    if extension in TYPES:
        return None
    lower = extension.lower()
    if lower in TYPES:
        return Refusal("D602", f"文件“{rel}”的扩展名 .{extension} 不是小写", f"把扩展名改为 .{lower}（文件和这里的路径一起改）")
    if lower in ACTIVE:
        return Refusal(
            "D602", f"不能发布 .{lower} 文件“{rel}”：网页、SVG、脚本、XML 和 Markdown 文件会在读者浏览器里运行或被当作网页发布",
            "改为 PDF 或图片（PNG、JPG）后上传；正文内容请写在文件的正文里",
        )
    shown = f".{extension}" if extension else "没有扩展名"
    return Refusal("D602", f"文件“{rel}”的类型（{shown}）不允许发布", f"只能发布以下类型：{ALLOWED_TEXT}")


_OUTSIDE_HINT = "文件须放在仓库内（如 attachments/ 或 templates/），用相对路径填写，不要用 .. 、绝对路径或指向仓库外的链接"


def _where(root: Path, rel: str, folder: str) -> tuple[str, int] | Refusal:
    """The file's real path and size, every link followed: it must lie inside the folder it is named under."""
    try:
        real_root = os.path.realpath(root)
        target = os.path.realpath(os.path.join(real_root, rel))
        within = os.path.join(target, "").startswith
        if not within(os.path.join(real_root, "")):
            return Refusal("D205", f"文件“{rel}”不在本仓库内", _OUTSIDE_HINT)
        if os.path.realpath(os.path.join(real_root, folder)) != os.path.join(real_root, folder):
            return Refusal("D601", f"文件夹 {folder}/ 是指向别处的链接", f"把 {folder}/ 改为真实的文件夹，文件本身放在里面")
        if not within(os.path.join(real_root, folder, "")):
            return Refusal("D601", f"文件“{rel}”是指向 {folder}/ 文件夹以外的链接", f"把文件本身（而不是链接）放进 {folder}/ 文件夹")
        if os.path.isfile(target):
            return target, os.path.getsize(target)
    except (OSError, ValueError):
        pass
    return Refusal("D205", f"文件“{rel}”不存在", "检查文件名和路径（区分大小写），并确认文件已提交到仓库")


def examine(root: Path, rel: str) -> Refusal | None:
    """None when `rel` (repository-relative, as an entry links it) may be published; else why not."""
    if os.path.isabs(rel) or rel.startswith("/") or ".." in rel.replace("\\", "/").split("/"):
        return Refusal("D205", f"文件“{rel}”不在本仓库内", _OUTSIDE_HINT)
    folder = rel.split("/", 1)[0]
    if folder not in FOLDERS and "\\" not in rel:
        return Refusal(
            "D601", f"文件“{rel}”不在 attachments/ 或 templates/ 文件夹中",
            "附件和媒体文件放在 attachments/<年份>/ 下，示范文本和样例放在 templates/<事项>/ 下，再改写这里的路径",
        )
    refusal = _name_problem(rel)
    if refusal:
        return refusal
    found = _where(root, rel, folder)
    if isinstance(found, Refusal):
        return found
    target, size = found
    extension = PurePosixPath(rel).suffix.removeprefix(".")
    refusal = _type_problem(extension, rel)
    if refusal:
        return refusal
    if size > MAX_SIZE:
        return Refusal(
            "D605", f"文件“{rel}”有 {size / 1024 / 1024:.1f} MB，超过 {MAX_SIZE // 1024 // 1024} MB 的上限",
            "压缩文件（如 PDF 另存为“最小文件大小”）或拆分；视频可放到视频网站后填写 https:// 网址",
        )
    try:
        with open(target, "rb") as stream:
            head = stream.read(_HEAD)
    except OSError as error:
        return Refusal("D001", f"无法读取文件“{rel}”：{error.strerror}", "检查文件是否存在、是否有读取权限")
    label, matches = TYPES[extension]
    if not matches(head):
        return Refusal(
            "D603", f"文件“{rel}”的内容不是 {label}，与扩展名不符",
            "用原程序把文件另存为扩展名所示的格式（不要只改扩展名），或把扩展名改成文件真正的类型",
        )
    return None

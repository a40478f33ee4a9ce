"""Reply attachments: size limit, type checked by content (filetype), storage on disk."""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import filetype
from flask import current_app

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_FILES = 10
# Extension and media type of every accepted kind, as detected from the bytes (not the name).
ALLOWED: dict[str, str] = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "tif": "image/tiff",
    "bmp": "image/bmp",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "rtf": "application/rtf",
}
ALLOWED_TEXT = (
    "PDF、图片（JPG、PNG、GIF、WEBP、TIFF、BMP）、"
    "办公文档（Word、Excel、PowerPoint、OpenDocument、RTF）"
)


class AttachmentError(ValueError):
    """An uploaded file is refused; the message is Chinese and names the file."""


@dataclass(frozen=True)
class Upload:
    """A checked upload, ready to be stored."""

    filename: str
    media_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        """Return the SHA-256 digest of the bytes."""
        return hashlib.sha256(self.data).hexdigest()


def _setting(name: str) -> str | int | None:
    """Read a setting from the app config, else from the environment."""
    return current_app.config.get(name) or os.environ.get(name) or None


def max_bytes() -> int:
    """Return the size limit of one attachment (REPLY_ATTACHMENT_MAX_BYTES)."""
    return int(_setting("REPLY_ATTACHMENT_MAX_BYTES") or DEFAULT_MAX_BYTES)


def max_files() -> int:
    """Return the number of files one letter may carry."""
    return int(_setting("REPLY_ATTACHMENT_MAX_FILES") or DEFAULT_MAX_FILES)


def attachments_dir() -> Path:
    """Return the attachments folder: ATTACHMENTS_DIR, else instance/attachments."""
    configured = _setting("ATTACHMENTS_DIR")
    return Path(configured or Path(current_app.instance_path) / "attachments")


def clean_filename(name: str, extension: str) -> str:
    """Return a display name without path parts or control characters, ending in extension."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>|:*?')[:150].strip()
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem or '附件'}.{extension}"


def human_size(size: int) -> str:
    """Format a size in bytes for a Chinese message."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}MB"
    return f"{max(1, size // 1024)}KB"


def check_upload(filename: str, data: bytes) -> Upload:
    """Check one file's size and type from its bytes; raise AttachmentError when refused."""
    shown = filename or "（未命名文件）"
    limit = max_bytes()
    if not data:
        raise AttachmentError(f"附件“{shown}”是空文件")
    if len(data) > limit:
        raise AttachmentError(f"附件“{shown}”超过大小限制（{human_size(limit)}）")
    kind = filetype.guess(data)
    if kind is None or kind.extension not in ALLOWED:
        raise AttachmentError(
            f"附件“{shown}”的文件内容不是允许的类型（系统按文件内容而非扩展名识别），"
            f"允许的类型：{ALLOWED_TEXT}"
        )
    return Upload(clean_filename(filename, kind.extension), ALLOWED[kind.extension], data)


def check_uploads(files: list[tuple[str, bytes]]) -> list[Upload]:
    """Check every uploaded file; raise AttachmentError listing every refused one."""
    if len(files) > max_files():
        raise AttachmentError(f"附件最多{max_files()}个")
    uploads, problems = [], []
    for name, data in files:
        try:
            uploads.append(check_upload(name, data))
        except AttachmentError as exc:
            problems.append(str(exc))
    if problems:
        raise AttachmentError("；".join(problems))
    return uploads


def store(upload: Upload) -> str:
    """Write the bytes under a random name and return that name."""
    folder = attachments_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16)
    (folder / name).write_bytes(upload.data)
    return name


def path_of(storage_name: str) -> Path:
    """Return the file of a stored attachment (names are random hex, never user input)."""
    if not storage_name.isalnum():
        raise AttachmentError("附件存储名无效")
    return attachments_dir() / storage_name


def discard(names: list[str]) -> None:
    """Remove stored files of a letter that was not saved."""
    for name in names:
        try:
            path_of(name).unlink(missing_ok=True)
        except OSError:
            logger.warning("could not remove orphan attachment %s", name)

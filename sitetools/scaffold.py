"""Scaffold a new document with the next free index number for its agency and year."""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from disclosure.agencies import AgencyError, by_code, load_agencies
from disclosure.catalogue import next_index_no, parse_index_no, used_index_numbers

from .config import catalogue_options, content_path, load_settings, vocabulary

logger = logging.getLogger(__name__)


class ScaffoldError(ValueError):
    """Raised when the requested document cannot be created."""


def front_matter(fields: dict[str, str]) -> str:
    """Return front-matter lines for the non-empty fields, then a body placeholder."""
    lines = [f"{key}: {value}".rstrip() for key, value in fields.items()]
    return "\n".join(lines) + "\n\n（在此撰写正文。）\n"


def new_document(
    content: Path,
    settings: dict,
    agency: str,
    category: str,
    title: str,
    created: date | None = None,
    **optional: str,
) -> Path:
    """Write content/documents/<agency>/<year>-<serial>.md and return its path."""
    options = catalogue_options(settings)
    categories, key_areas = vocabulary(settings)
    try:
        agencies = by_code(load_agencies(content / options["agencies_file"]))
    except AgencyError as exc:
        raise ScaffoldError("\n".join(exc.problems)) from None
    if agency not in agencies:
        raise ScaffoldError(f"未知机构代码“{agency}”，可选：{'、'.join(agencies)}")
    if category not in categories:
        raise ScaffoldError(f"未知分类“{category}”，可选：{'、'.join(categories)}")
    if optional.get("key_area") and optional["key_area"] not in key_areas:
        raise ScaffoldError(f"未知重点领域“{optional['key_area']}”，可选：{'、'.join(key_areas)}")
    created = created or date.today()
    documents = content / options["documents_dir"]
    index_no = next_index_no(used_index_numbers(documents), agencies[agency], created.year)
    _, year, serial = parse_index_no(index_no)
    path = documents / agency / f"{year}-{serial:05d}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    fields = {
        "Title": title,
        "Date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "Created": created.isoformat(),
        "Agency": agency,
        "Category": category,
        "Index_no": index_no,
        "Summary": optional.get("summary", ""),
        "Key_area": optional.get("key_area", ""),
        "Doc_no": optional.get("doc_no", ""),
        "Kind": optional.get("kind", ""),
        "Validity": "有效",
    }
    fields = {k: v for k, v in fields.items() if v or k == "Summary"}
    with open(path, "x", encoding="utf-8") as f:
        f.write(front_matter(fields))
    return path


def run_new(settings_file: str, **kwargs) -> int:
    """Scaffold a document from command-line options; return the exit status."""
    settings = load_settings(settings_file)
    content = Path(kwargs.pop("content") or content_path(settings, settings_file))
    try:
        path = new_document(content, settings, **kwargs)
    except (ScaffoldError, FileExistsError) as exc:
        print(f"无法创建文档：{exc}")
        return 1
    print(f"已创建 {path}")
    if not kwargs.get("summary"):
        print("请填写 Summary（内容概述）和正文，然后运行 make check。")
    return 0

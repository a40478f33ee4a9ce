"""Write the annual report as a catalogue document of the site (content/documents/<code>/)."""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from disclosure.agencies import Agency
from disclosure.annual_report import AnnualReport, render_markdown
from disclosure.catalogue import next_index_no, parse_front_matter, used_index_numbers

logger = logging.getLogger(__name__)


class PublishError(RuntimeError):
    """The report page cannot be written; the message is Chinese."""


def report_path(content_dir: str | Path, agency_code: str, year: int) -> Path:
    """Return content/documents/<code>/annual-report-<year>.md."""
    return Path(content_dir) / "documents" / agency_code / f"annual-report-{year}.md"


def _index_no(path: Path, documents: Path, agency: Agency, created: date) -> str:
    """Return the next free index number, or the page's own one when it is rewritten."""
    if path.is_file():
        meta, _ = parse_front_matter(path.read_text(encoding="utf-8"))
        if f"/{created.year}-" in meta.get("index_no", ""):
            return meta["index_no"]
    return next_index_no(used_index_numbers(documents), agency, created.year)


def write_report_page(
    report: AnnualReport,
    content_dir: str | Path,
    agency: Agency,
    created: date,
    published: datetime | None = None,
    overwrite: bool = False,
) -> Path:
    """Write the report page and return its path; refuse to replace one unless told to."""
    path = report_path(content_dir, agency.code, report.year)
    if path.exists() and not overwrite:
        raise PublishError(
            f"{path} 已存在；如需按最新台账重新生成，请加 --force（编辑填写的内容将被覆盖）"
        )
    index_no = _index_no(path, Path(content_dir) / "documents", agency, created)
    text = render_markdown(report, index_no=index_no, created=created, published=published)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    logger.info("annual report %s %s written to %s", agency.code, report.year, path)
    return path

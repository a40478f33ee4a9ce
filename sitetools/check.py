"""Fast content check: front matter only, no Pelican build (also the git pre-commit hook)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TextIO

from disclosure.catalogue import Report, check_tree

from .config import catalogue_options, content_path, load_settings, vocabulary

logger = logging.getLogger(__name__)


def check_content(content: Path, settings: dict) -> Report:
    """Run every catalogue rule over a content folder."""
    categories, key_areas = vocabulary(settings)
    return check_tree(content, categories, key_areas, **catalogue_options(settings))


def print_report(report: Report, out: TextIO | None = None) -> None:
    """Print every problem, errors first, then a one-line summary."""
    out = out or sys.stderr
    for problem in report.errors + report.warnings:
        print(problem, file=out)
    errors, warnings = len(report.errors), len(report.warnings)
    if errors:
        print(f"检查未通过：{errors} 个错误，{warnings} 个警告。", file=out)
    else:
        print(f"检查通过：{len(report.documents)} 篇文档，{warnings} 个警告。", file=out)


def run_check(settings_file: str = "pelicanconf.py", content: str | None = None) -> int:
    """Check the content and return the process exit status (0 when there are no errors)."""
    settings = load_settings(settings_file)
    folder = Path(content) if content else content_path(settings, settings_file)
    report = check_content(folder, settings)
    print_report(report)
    return 1 if report.errors else 0

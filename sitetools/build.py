"""Build the site aside, then swap it into place only when everything passed."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from disclosure.catalogue import Report

from .check import check_content, print_report
from .config import content_path, load_settings

logger = logging.getLogger(__name__)


class _ErrorCounter(logging.Handler):
    """Counts error records logged while Pelican runs."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Count one error."""
        self.count += 1


def run_pelican(settings_file: str, content: Path, output: Path, report: Report) -> int:
    """Run Pelican into output and return the number of errors it logged."""
    from pelican import Pelican
    from pelican.settings import read_settings

    override = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "DELETE_OUTPUT_DIRECTORY": False,
        "DISCLOSURE_VALIDATED_REPORT": report,
    }
    counter = _ErrorCounter()
    logging.getLogger().addHandler(counter)
    try:
        Pelican(read_settings(settings_file, override=override)).run()
    except Exception as exc:  # noqa: BLE001 - any failure must keep the old site
        logger.error("构建失败：%s", exc)
        counter.count += 1
    finally:
        logging.getLogger().removeHandler(counter)
    return counter.count


def swap(new: Path, output: Path) -> None:
    """Replace output by new with two renames, restoring the old site if the second fails."""
    old = output.with_name(f"{output.name}.old-{os.getpid()}")
    if output.exists():
        os.rename(output, old)
    try:
        os.rename(new, output)
    except OSError:
        if old.exists():
            os.rename(old, output)
        raise
    shutil.rmtree(old, ignore_errors=True)


def build_site(
    settings_file: str = "pelicanconf.py", output: str = "output", content: str | None = None
) -> int:
    """Validate, build into a sibling folder and swap it in; return the exit status."""
    settings = load_settings(settings_file)
    folder = Path(content) if content else content_path(settings, settings_file)
    report = check_content(folder, settings)
    print_report(report)
    if report.errors:
        print("内容有错误，未构建；原有网站保持不变。")
        return 1
    target = Path(output).resolve()
    aside = target.with_name(f"{target.name}.building-{os.getpid()}")
    shutil.rmtree(aside, ignore_errors=True)
    errors = run_pelican(settings_file, folder, aside, report)
    if errors or not (aside / "index.html").exists():
        shutil.rmtree(aside, ignore_errors=True)
        print(f"构建出错（{errors} 个错误），原有网站保持不变。")
        return 1
    swap(aside, target)
    print(f"构建完成：{len(report.documents)} 篇文档，已输出到 {target}")
    return 0

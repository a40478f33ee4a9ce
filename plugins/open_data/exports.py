"""Write the catalogue as CSV (UTF-8 with BOM, opens cleanly in Excel/WPS) and JSON."""

from __future__ import annotations

import csv
import json
import logging
import os

from pelican import signals
from pelican.generators import Generator

logger = logging.getLogger(__name__)

DEFAULTS = {"csv": "data/catalogue.csv", "json": "data/catalogue.json"}

# (JSON key, CSV column heading)
COLUMNS = (
    ("index_no", "索引号"),
    ("title", "名称"),
    ("agency", "发布机构代码"),
    ("agency_name", "发布机构"),
    ("category", "公开目录分类"),
    ("key_area", "重点领域"),
    ("doc_no", "发文字号"),
    ("created", "生成日期"),
    ("date", "发布日期"),
    ("validity", "有效性"),
    ("repealed", "废止日期"),
    ("topic", "主题分类"),
    ("kind", "体裁"),
    ("summary", "内容概述"),
    ("url", "网址"),
)


def record(entry, base: str) -> dict[str, str]:
    """Return one catalogue entry as a flat record of strings."""
    doc = entry.doc
    return {
        "index_no": doc.index_no,
        "title": doc.title,
        "agency": doc.agency,
        "agency_name": entry.agency.name,
        "category": doc.category,
        "key_area": entry.key_area_name,
        "doc_no": doc.doc_no,
        "created": doc.created.isoformat(),
        "date": doc.date.strftime("%Y-%m-%d %H:%M"),
        "validity": doc.validity,
        "repealed": doc.repealed.isoformat() if doc.repealed else "",
        "topic": doc.topic,
        "kind": doc.kind,
        "summary": entry.summary_text,
        "url": f"{base}/{entry.url}",
    }


class OpenDataGenerator(Generator):
    """Writes the catalogue exports."""

    def generate_context(self) -> None:
        """Nothing to collect: the catalogue plugin provides the entries."""

    def generate_output(self, writer) -> None:
        """Write the CSV and JSON files."""
        catalogue = self.context.get("disclosure")
        if catalogue is None:
            logger.warning("未加载 disclosure_catalogue 插件，跳过开放数据生成")
            return
        conf = {**DEFAULTS, **self.settings.get("OPEN_DATA", {})}
        base = (self.settings.get("SITEURL") or "").rstrip("/")
        records = [record(entry, base) for entry in catalogue.entries]
        self._write_csv(self._target(conf["csv"]), records)
        self._write_json(self._target(conf["json"]), records)

    def _target(self, name: str) -> str:
        """Return the output path of name, creating its folder."""
        path = os.path.join(self.output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        return path

    def _write_csv(self, path: str, records: list[dict[str, str]]) -> None:
        """Write records as CSV in UTF-8 with a byte-order mark and CRLF line ends."""
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow([heading for _, heading in COLUMNS])
            writer.writerows([row[key] for key, _ in COLUMNS] for row in records)
        logger.info("Writing %s", path)

    def _write_json(self, path: str, records: list[dict[str, str]]) -> None:
        """Write records as a JSON document with field labels."""
        document = {
            "title": f"{self.settings['SITENAME']}政府信息公开目录",
            "count": len(records),
            "fields": dict(COLUMNS),
            "documents": records,
        }
        with open(path, "w", encoding="utf-8") as f:
            json.dump(document, f, ensure_ascii=False, indent=1)
        logger.info("Writing %s", path)


def get_generators(pelican_object) -> type[Generator]:
    """Return the open data generator."""
    return OpenDataGenerator


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.get_generators.connect(get_generators)

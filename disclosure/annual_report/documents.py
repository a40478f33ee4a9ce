"""Table 二 of the annual report: proactive disclosure, 条例第二十条 (国办公开办函〔2021〕30号).

Block 第二十条第（一）项 comes from the catalogue (front matter Kind, Created, Validity, Repealed):
- 本年制发件数: created in the year;
- 本年废止件数: Validity 废止 or 失效 with Repealed in the year (both end a document's force);
- 现行有效件数: created by 31 December and not repealed by then (the catalogue checks the dates).
The other blocks (licensing, penalties, coercive measures, fees) come from other systems, so staff
enter them in content/annual-data/<agency code>/<year>.yaml (format in ANNUAL_DATA_KEYS).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol

import yaml

REGULATION_KINDS: tuple[str, ...] = ("规章", "行政规范性文件")
KIND_ALIASES: dict[str, str] = {"规范性文件": "行政规范性文件"}
ENDED = frozenset({"废止", "失效"})
DOCUMENT_COLUMNS: tuple[str, ...] = ("本年制发件数", "本年废止件数", "现行有效件数")
DECISIONS_COLUMN = "本年处理决定数量"
FEES_COLUMN = "本年收费金额（单位：万元）"

# Keys of the annual data file, each with its table 二 row and the article it reports on.
ANNUAL_DATA_KEYS: dict[str, tuple[str, str]] = {
    "licensing": ("行政许可", "第二十条第（五）项"),
    "penalties": ("行政处罚", "第二十条第（六）项"),
    "coercive_measures": ("行政强制", "第二十条第（六）项"),
    "fee_income_wan_yuan": ("行政事业性收费", "第二十条第（八）项"),
}


class AnnualDataError(ValueError):
    """Bad catalogue records or annual data file; .problems lists each one in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class CatalogueRecord:
    """One catalogue document as table 二 sees it."""

    kind: str
    created: date
    validity: str = "有效"
    repealed: date | None = None
    ref: str = ""  # the index number


@dataclass(frozen=True)
class DocumentCounts:
    """One row of block 第二十条第（一）项."""

    made: int
    repealed: int
    in_force: int


@dataclass(frozen=True)
class AnnualData:
    """The figures staff enter for table 二 (from licensing, penalty and finance systems)."""

    licensing: int
    penalties: int
    coercive_measures: int
    fee_income_wan_yuan: Decimal


def _normal_kind(kind: str) -> str:
    """Return the table 二 kind for a front-matter Kind."""
    kind = kind.strip()
    return KIND_ALIASES.get(kind, kind)


class CatalogueLike(Protocol):
    """Anything with the four front-matter fields table 二 reads (catalogue.Document fits)."""

    kind: str
    created: date
    validity: str
    repealed: date | None


def _ended_by(r: CatalogueLike, day: date) -> bool:
    """Tell whether a document had lost its force by the given day.

    A document marked 废止 or 失效 without a date (the catalogue allows it for 失效) is taken as
    no longer in force, and is not counted as repealed in any particular year.
    """
    return r.validity in ENDED and (r.repealed is None or r.repealed <= day)


def _repealed_in(r: CatalogueLike, year: int) -> bool:
    """Tell whether a document lost its force during the year."""
    return r.validity in ENDED and r.repealed is not None and r.repealed.year == year


def document_counts(records: Iterable[CatalogueLike], year: int) -> dict[str, DocumentCounts]:
    """Count 规章 and 行政规范性文件 for block 第二十条第（一）项 of table 二."""
    end = date(year, 12, 31)
    relevant = [r for r in records if _normal_kind(r.kind) in REGULATION_KINDS]
    counts = {}
    for kind in REGULATION_KINDS:
        docs = [r for r in relevant if _normal_kind(r.kind) == kind]
        counts[kind] = DocumentCounts(
            made=sum(r.created.year == year for r in docs),
            repealed=sum(_repealed_in(r, year) for r in docs),
            in_force=sum(r.created <= end and not _ended_by(r, end) for r in docs),
        )
    return counts


def _count(data: Mapping[str, Any], key: str, problems: list[str]) -> int:
    """Read a non-negative whole number, noting a problem when it is not one."""
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        label, article = ANNUAL_DATA_KEYS[key]
        problems.append(f"{key}（{article}{label}）必须是非负整数，当前为：{value!r}")
        return 0
    return value


def _amount(data: Mapping[str, Any], key: str, problems: list[str]) -> Decimal:
    """Read a non-negative amount in 万元 with at most 4 decimals (to the yuan)."""
    value = data.get(key)
    try:
        if isinstance(value, bool) or value is None:
            raise InvalidOperation
        amount = Decimal(str(value).strip())
        ok = amount.is_finite() and amount >= 0 and -amount.as_tuple().exponent <= 4  # type: ignore[operator]
    except InvalidOperation:
        ok = False
    if not ok:
        problems.append(
            f"{key}（行政事业性收费金额，单位万元）必须是非负数，最多4位小数：{value!r}"
        )
        return Decimal(0)
    return amount


def parse_annual_data(data: Any, agency: str, year: int) -> AnnualData:
    """Validate the contents of an annual data file; raise AnnualDataError listing every problem."""
    if not isinstance(data, Mapping):
        raise AnnualDataError(["年报数据文件的内容必须是“键: 值”形式的映射"])
    problems: list[str] = []
    unknown = sorted(set(data) - set(ANNUAL_DATA_KEYS) - {"agency", "year"})
    problems += [f"未知的字段：{k}（可用字段：{'、'.join(ANNUAL_DATA_KEYS)}）" for k in unknown]
    if data.get("agency") != agency:
        problems.append(f"agency 应为 {agency}，当前为：{data.get('agency')!r}")
    if data.get("year") != year:
        problems.append(f"year 应为 {year}，当前为：{data.get('year')!r}")
    result = AnnualData(
        licensing=_count(data, "licensing", problems),
        penalties=_count(data, "penalties", problems),
        coercive_measures=_count(data, "coercive_measures", problems),
        fee_income_wan_yuan=_amount(data, "fee_income_wan_yuan", problems),
    )
    if problems:
        raise AnnualDataError(problems)
    return result


def annual_data_path(content_dir: Path | str, agency: str, year: int) -> Path:
    """Return content/annual-data/<agency>/<year>.yaml under the content folder."""
    return Path(content_dir) / "annual-data" / agency / f"{year}.yaml"


def load_annual_data(path: Path | str, agency: str, year: int) -> AnnualData:
    """Read and validate an annual data file; errors name the file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnnualDataError([f"{path}：找不到年报数据文件"]) from None
    except yaml.YAMLError as exc:
        raise AnnualDataError([f"{path}：YAML 格式错误：{exc}"]) from None
    try:
        return parse_annual_data(data, agency, year)
    except AnnualDataError as exc:
        raise AnnualDataError([f"{path}：{p}" for p in exc.problems]) from None


@dataclass(frozen=True)
class Table2:
    """Table 二: document counts from the catalogue and staff-entered figures (None if absent)."""

    documents: Mapping[str, DocumentCounts]
    data: AnnualData | None

    def _figure(self, name: str) -> Any:
        """Return one staff-entered figure (amounts as strings), None without a data file."""
        value = None if self.data is None else getattr(self.data, name)
        return str(value) if isinstance(value, Decimal) else value

    def to_dict(self) -> dict[str, object]:
        """Return the four blocks of table 二 as JSON-ready data (amounts as strings)."""
        figure = self._figure
        return {
            "blocks": [
                _block(
                    "第二十条第（一）项",
                    DOCUMENT_COLUMNS,
                    [(k, [c.made, c.repealed, c.in_force]) for k, c in self.documents.items()],
                ),
                _block(
                    "第二十条第（五）项", (DECISIONS_COLUMN,), [("行政许可", [figure("licensing")])]
                ),
                _block(
                    "第二十条第（六）项",
                    (DECISIONS_COLUMN,),
                    [
                        ("行政处罚", [figure("penalties")]),
                        ("行政强制", [figure("coercive_measures")]),
                    ],
                ),
                _block(
                    "第二十条第（八）项",
                    (FEES_COLUMN,),
                    [("行政事业性收费", [figure("fee_income_wan_yuan")])],
                ),
            ]
        }


def _block(article: str, columns: tuple[str, ...], rows: list[tuple[str, list[Any]]]) -> dict:
    """Return one block of table 二."""
    return {
        "article": article,
        "columns": list(columns),
        "rows": [{"label": label, "values": values} for label, values in rows],
    }

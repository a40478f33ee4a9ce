"""Table 四 of the annual report: reconsideration and litigation (国办公开办函〔2021〕30号).

Practice adopted: a case counts in the year it was filed (复议申请 or 起诉), with its result as
it stood on 31 December; a case still undecided then is 尚未审结. Each case is counted once: a case
filed in 2026 and decided in 2027 appears as 尚未审结 in the 2026 report and not again in 2027.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class AppealKind(StrEnum):
    """The three case groups of table 四."""

    RECONSIDERATION = "reconsideration"
    DIRECT_LAWSUIT = "direct_lawsuit"
    LAWSUIT_AFTER_RECONSIDERATION = "lawsuit_after_reconsideration"

    @property
    def label(self) -> str:
        """Return the Chinese heading of the group."""
        return _KIND_LABELS[self]


class AppealResult(StrEnum):
    """The result columns of table 四."""

    UPHELD = "upheld"
    CORRECTED = "corrected"
    OTHER = "other"
    PENDING = "pending"

    @property
    def label(self) -> str:
        """Return the Chinese column name."""
        return _RESULT_LABELS[self]


_KIND_LABELS = {
    AppealKind.RECONSIDERATION: "行政复议",
    AppealKind.DIRECT_LAWSUIT: "行政诉讼（未经复议直接起诉）",
    AppealKind.LAWSUIT_AFTER_RECONSIDERATION: "行政诉讼（复议后起诉）",
}
_RESULT_LABELS = {
    AppealResult.UPHELD: "结果维持",
    AppealResult.CORRECTED: "结果纠正",
    AppealResult.OTHER: "其他结果",
    AppealResult.PENDING: "尚未审结",
}
TABLE4_TOTAL = "总计"
TABLE4_COLUMNS: tuple[str, ...] = tuple(
    f"{kind.label}：{name}"
    for kind in AppealKind
    for name in (*(r.label for r in AppealResult), TABLE4_TOTAL)
)


@dataclass(frozen=True)
class AppealRecord:
    """One reconsideration or lawsuit over a disclosure request."""

    kind: AppealKind | str
    filed_on: date
    result: AppealResult | str = AppealResult.PENDING
    decided_on: date | None = None  # None: take the recorded result as it stands
    ref: str = ""


@dataclass(frozen=True)
class Table4:
    """Table 四: one row of 15 numbers (3 groups of 维持, 纠正, 其他, 尚未审结, 总计)."""

    year: int
    values: tuple[int, ...]

    def group(self, kind: AppealKind) -> tuple[int, ...]:
        """Return the 5 numbers of one group."""
        i = list(AppealKind).index(kind) * 5
        return self.values[i : i + 5]

    def to_dict(self) -> dict[str, object]:
        """Return the JSON shape: 15 column names and 15 integers, plus the grouping."""
        return {
            "columns": list(TABLE4_COLUMNS),
            "values": list(self.values),
            "groups": [
                {
                    "label": kind.label,
                    "columns": [*(r.label for r in AppealResult), TABLE4_TOTAL],
                    "values": list(self.group(kind)),
                }
                for kind in AppealKind
            ],
        }


def result_at_year_end(record: AppealRecord, year: int) -> AppealResult:
    """Return the case's result as it stood on 31 December of the year."""
    result = AppealResult(record.result)
    if record.decided_on is not None and record.decided_on > date(year, 12, 31):
        return AppealResult.PENDING
    return result


def build_table4(records: Iterable[AppealRecord], year: int) -> Table4:
    """Count the cases filed in the year into table 四."""
    counts = {(k, r): 0 for k in AppealKind for r in AppealResult}
    for record in records:
        if record.filed_on.year == year:
            counts[AppealKind(record.kind), result_at_year_end(record, year)] += 1
    values: list[int] = []
    for kind in AppealKind:
        group = [counts[kind, r] for r in AppealResult]
        values += [*group, sum(group)]
    return Table4(year, tuple(values))

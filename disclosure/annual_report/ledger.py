"""Table 三 of the annual report: applications received and handled (国办公开办函〔2021〕30号).

Counting rules (issue 5, shared/domain.md section 5), for a year Y:
- 一、本年新收: received (条例第三十一条 date of receipt) in Y;
- 二、上年结转: received before 1 January Y and not closed before 1 January Y;
- outcome rows and （七）总计: closed in Y, by outcome;
- 四、结转下年度继续办理: received by 31 December Y and not closed by then.
So each request is counted once on each side of 一 + 二 = （七） + 四.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from disclosure.outcomes import OUTCOME_BY_CODE, OUTCOMES, OutcomeGroup


class ApplicantCategory(StrEnum):
    """The applicant columns of table 三 (自然人; 法人或其他组织 split five ways)."""

    NATURAL_PERSON = "自然人"
    BUSINESS = "商业企业"
    RESEARCH = "科研机构"
    PUBLIC_WELFARE = "社会公益组织"
    LEGAL_SERVICE = "法律服务机构"
    OTHER = "其他"


CATEGORIES: tuple[ApplicantCategory, ...] = tuple(ApplicantCategory)
TOTAL_COLUMN = "总计"
TABLE3_COLUMNS: tuple[str, ...] = (*(c.value for c in CATEGORIES), TOTAL_COLUMN)

ROW_NEW = "一、本年新收政府信息公开申请数量"
ROW_CARRIED_IN = "二、上年结转政府信息公开申请数量"
ROW_RESULTS = "三、本年度办理结果"
ROW_TOTAL = "（七）总计"
ROW_CARRIED_OUT = "四、结转下年度继续办理"
OUTCOME_ROWS: tuple[str, ...] = tuple(o.label for o in OUTCOMES)
# The 25 rows of the official table, in order; group headers (（三）不予公开 ...) carry no numbers.
TABLE3_ROWS: tuple[str, ...] = (ROW_NEW, ROW_CARRIED_IN, *OUTCOME_ROWS, ROW_TOTAL, ROW_CARRIED_OUT)


class LedgerError(ValueError):
    """Ledger records that cannot be counted; .problems lists each one in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class LedgerRecord:
    """One application as the annual report sees it."""

    received_on: date
    closed_on: date | None
    category: ApplicantCategory | str
    outcome: str | None
    ref: str = ""  # the request's number, so every cell can be traced back


@dataclass(frozen=True)
class Table3:
    """Table 三: 25 rows by 7 columns, with the request numbers behind every cell."""

    year: int
    values: tuple[tuple[int, ...], ...]
    sources: tuple[tuple[tuple[str, ...], ...], ...]  # [row][category] -> refs

    def cell(self, row: str, column: str) -> int:
        """Return one cell by its row label and column name."""
        return self.values[TABLE3_ROWS.index(row)][TABLE3_COLUMNS.index(column)]

    def row(self, label: str) -> tuple[int, ...]:
        """Return one row's 7 values."""
        return self.values[TABLE3_ROWS.index(label)]

    def to_dict(self) -> dict[str, object]:
        """Return the API shape: columns and rows of label and 7 integers."""
        return {
            "columns": list(TABLE3_COLUMNS),
            "rows": [
                {"label": label, "values": list(vals)}
                for label, vals in zip(TABLE3_ROWS, self.values, strict=True)
            ],
        }


def _record_problems(index: int, r: LedgerRecord) -> list[str]:
    """Return what is wrong with one record, in Chinese."""
    name = r.ref or f"第{index + 1}条记录"
    problems = []
    if r.category not in CATEGORIES:
        problems.append(f"{name}：申请人类别“{r.category}”不在年报规定的类别中")
    if r.outcome is not None and r.outcome not in OUTCOME_BY_CODE:
        problems.append(f"{name}：未知的办理结果代码“{r.outcome}”")
    if (r.closed_on is None) != (r.outcome is None):
        problems.append(f"{name}：办结日期和办理结果必须同时填写或同时为空")
    if r.closed_on is not None and r.closed_on < r.received_on:
        problems.append(f"{name}：办结日期早于收到申请日期")
    return problems


def _rows_of(r: LedgerRecord, year: int) -> list[str]:
    """Return the rows of table 三 that count this record in the given year."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows = []
    if start <= r.received_on <= end:
        rows.append(ROW_NEW)
    if r.received_on < start and (r.closed_on is None or r.closed_on >= start):
        rows.append(ROW_CARRIED_IN)
    if r.closed_on is not None and start <= r.closed_on <= end:
        rows += [OUTCOME_BY_CODE[r.outcome or ""].label, ROW_TOTAL]
    if r.received_on <= end and (r.closed_on is None or r.closed_on > end):
        rows.append(ROW_CARRIED_OUT)
    return rows


def build_table3(records: Iterable[LedgerRecord], year: int) -> Table3:
    """Count one agency's applications into table 三 for a year; raise LedgerError on bad data."""
    records = list(records)
    problems = [p for i, r in enumerate(records) for p in _record_problems(i, r)]
    if problems:
        raise LedgerError(problems)
    refs: dict[str, list[list[str]]] = {row: [[] for _ in CATEGORIES] for row in TABLE3_ROWS}
    for r in records:
        column = CATEGORIES.index(ApplicantCategory(r.category))
        for row in _rows_of(r, year):
            refs[row][column].append(r.ref)
    values, sources = [], []
    for row in TABLE3_ROWS:
        counts = [len(cell) for cell in refs[row]]
        values.append((*counts, sum(counts)))
        sources.append(tuple(tuple(cell) for cell in refs[row]))
    return Table3(year, tuple(values), tuple(sources))


def table3_problems(table: Table3) -> list[str]:
    """Return every broken consistency rule of table 三, in Chinese (empty when consistent)."""
    if len(table.values) != len(TABLE3_ROWS) or any(len(v) != 7 for v in table.values):
        return [f"表三必须为{len(TABLE3_ROWS)}行、7列"]
    problems = []
    for j, column in enumerate(TABLE3_COLUMNS):
        col = {row: table.values[i][j] for i, row in enumerate(TABLE3_ROWS)}
        outcomes = sum(col[row] for row in OUTCOME_ROWS)
        if col[ROW_NEW] + col[ROW_CARRIED_IN] != col[ROW_TOTAL] + col[ROW_CARRIED_OUT]:
            problems.append(f"“{column}”列：第一项加第二项之和不等于第三项（七）加第四项之和")
        if col[ROW_TOTAL] != outcomes:
            problems.append(f"“{column}”列：（七）总计不等于各办理结果之和")
    for i, row in enumerate(TABLE3_ROWS):
        if table.values[i][-1] != sum(table.values[i][:-1]):
            problems.append(f"“{row}”行：总计不等于各类申请人之和")
    return problems


def check_table3(table: Table3) -> None:
    """Raise LedgerError when table 三 breaks a consistency rule."""
    problems = table3_problems(table)
    if problems:
        raise LedgerError(problems)


def group_of(row: str) -> OutcomeGroup | None:
    """Return the outcome group a table 三 row sits under, None for 一, 二, （七）, 四."""
    for o in OUTCOMES:
        if o.label == row:
            return o.group
    return None

"""Trace every cell of tables 三 and 四 back to the requests behind it, and lay the tables out."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.orm import Session

from disclosure.annual_report import TABLE3_COLUMNS, TABLE3_ROWS, AnnualReport, table3_problems
from disclosure.annual_report.appeals import AppealKind, AppealResult, result_at_year_end

# The official layout of table 三 (merged header and label cells) is the published page's.
from disclosure.annual_report.markdown import _table3_head, _table3_label_cells

from ..appeals.services import appeal_records
from ..models import Application

CellUrl = Callable[[int, int], str]


def table3_refs(report: AnnualReport, row: int, col: int) -> list[str]:
    """Return the receipt numbers counted in one cell of table 三 (column 6 is 总计)."""
    cells = report.table3.sources[row]
    refs = [ref for cell in cells for ref in cell] if col == len(cells) else list(cells[col])
    return sorted(set(refs))


def table4_refs(session: Session, agency: str, year: int, col: int) -> list[str]:
    """Return the receipt numbers of the cases counted in one of the 15 cells of table 四."""
    kinds, results = list(AppealKind), list(AppealResult)
    kind, pos = kinds[col // 5], col % 5
    refs = []
    for record in appeal_records(session, agency):
        if record.filed_on.year != year or AppealKind(record.kind) is not kind:
            continue
        if pos == 4 or results[pos] is result_at_year_end(record, year):
            refs.append(record.ref)
    return sorted(refs)


def applications_by_ref(session: Session, agency: str, refs: list[str]) -> list[Application]:
    """Return the agency's applications with these receipt numbers, in receipt order."""
    if not refs:
        return []
    stmt = (
        select(Application)
        .where(Application.agency_code == agency, Application.receipt_no.in_(refs))
        .order_by(Application.received_on, Application.id)
    )
    return list(session.scalars(stmt))


def _value_cell(value: int, url: str) -> str:
    """Return a number cell, linked to its requests when not zero."""
    if not value:
        return "<td>0</td>"
    return f'<td><a href="{escape(url)}" title="查看构成该数字的申请">{value}</a></td>'


def table3_markup(report: AnnualReport, cell_url: CellUrl) -> Markup:
    """Return table 三 in the official layout with every non-zero cell linked."""
    rows = _table3_head()
    for i, (label, values) in enumerate(zip(TABLE3_ROWS, report.table3.values, strict=True)):
        cells = [_value_cell(v, cell_url(i, j)) for j, v in enumerate(values)]
        rows.append("<tr>" + "".join([*_table3_label_cells(i, label), *cells]) + "</tr>")
    return Markup('<table class="annual-table annual-table-3">' + "".join(rows) + "</table>")


def table4_markup(report: AnnualReport, cell_url: CellUrl) -> Markup:
    """Return table 四 (15 columns) with every non-zero cell linked."""
    labels = [*(r.label for r in AppealResult), "总计"]
    names = "".join(f"<th>{n}</th>" for n in labels)
    head = (
        '<tr><th colspan="5">行政复议</th><th colspan="10">行政诉讼</th></tr>'
        "<tr>"
        + "".join(f'<th rowspan="2">{n}</th>' for n in labels)
        + '<th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr>'
        f"<tr>{names}{names}</tr>"
    )
    values = "".join(_value_cell(v, cell_url(0, j)) for j, v in enumerate(report.table4.values))
    return Markup(f'<table class="annual-table annual-table-4">{head}<tr>{values}</tr></table>')


def cell_title(table: int, row: int, col: int) -> str:
    """Return the Chinese name of a cell for the drill-down page's heading."""
    if table == 3:
        return f"表三 “{TABLE3_ROWS[row]}” 行 “{TABLE3_COLUMNS[col]}” 列"
    kind = list(AppealKind)[col // 5]
    result = ([r.label for r in AppealResult] + ["总计"])[col % 5]
    return f"表四 “{kind.label}” “{result}”"


def consistency(report: AnnualReport) -> list[str]:
    """Return table 三's broken consistency rules (empty when every rule holds)."""
    return table3_problems(report.table3)

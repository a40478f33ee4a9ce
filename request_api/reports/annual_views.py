"""Staff page of the annual report: tables 二, 三, 四 with every cell traced to its requests."""

from __future__ import annotations

from flask import abort, current_app, render_template, request, url_for
from markupsafe import Markup

from disclosure.annual_report import TABLE3_COLUMNS, TABLE3_ROWS, AnnualDataError, LedgerError
from disclosure.annual_report.markdown import table2_html

from .. import domain
from ..agencies import agency_by_code, agency_codes, all_agencies
from ..auth import current_staff, login_required, require_access, visible_agencies
from ..extensions import db
from ..services.applications import now_utc
from . import bp
from . import drilldown as dd
from .annual import annual_report
from .views import FIRST_YEAR, _year_ok


def _agency_and_year() -> tuple:
    """Read the agency and year of the page; 404 for an agency the staff member may not see."""
    staff = current_staff()
    visible = visible_agencies(staff, agency_codes())
    agencies = [a for a in all_agencies() if a.code in visible]
    if not agencies:
        abort(404)
    code = (request.args.get("agency") or agencies[0].code).strip()
    if agency_by_code(code) is None:
        abort(404)
    require_access(staff, code)
    raw = (request.args.get("year") or "").strip()
    year = int(raw) if raw.isdigit() and len(raw) == 4 else None
    if raw and (year is None or not _year_ok(year)):
        abort(400, description=f"年份应为{FIRST_YEAR}年至今年之间的四位数字")
    return agency_by_code(code), year or domain.beijing_today(now_utc()).year, agencies


def _report(agency, year: int):
    """Compute the report, or return the problems that prevent it."""
    try:
        content = current_app.config["CONTENT_DIR"]
        return annual_report(db.session, content, agency.code, agency.name, year), []
    except (LedgerError, AnnualDataError) as exc:
        return None, exc.problems


@bp.get("/staff/reports/annual")
@login_required
def annual_page():
    """Show the annual report tables of an agency and year, each cell linked to its requests."""
    agency, year, agencies = _agency_and_year()
    report, problems = _report(agency, year)
    tables = {}
    if report is not None:
        problems = dd.consistency(report)

        def cell_url(table: int):
            return lambda row, col: url_for(
                "reports.annual_cell", agency=agency.code, year=year, table=table, row=row,
                col=col)  # fmt: skip

        tables = {
            "table2": Markup(table2_html(report)),
            "table3": dd.table3_markup(report, cell_url(3)),
            "table4": dd.table4_markup(report, cell_url(4)),
        }
    return render_template(
        "reports/annual.html", agency=agency, year=year, agencies=agencies, tables=tables,
        report=report, problems=problems, staff=current_staff(),
        years=range(domain.beijing_today(now_utc()).year, FIRST_YEAR - 1, -1),
    )  # fmt: skip


def _cell_position() -> tuple[int, int, int]:
    """Read table, row and column of a cell; 400 with a Chinese message when out of range."""
    table, row, col = (request.args.get(k, "") for k in ("table", "row", "col"))
    sizes = {"3": (len(TABLE3_ROWS), len(TABLE3_COLUMNS)), "4": (1, 15)}
    if table not in sizes or not (row.isdigit() and col.isdigit()):
        abort(400, description="请从年度报告表格中的数字进入：表格、行和列参数无效")
    rows, cols = sizes[table]
    if int(row) >= rows or int(col) >= cols:
        abort(400, description="请从年度报告表格中的数字进入：行或列超出表格范围")
    return int(table), int(row), int(col)


@bp.get("/staff/reports/annual/cell")
@login_required
def annual_cell():
    """List the requests counted in one cell of table 三 or 四."""
    agency, year, _ = _agency_and_year()
    table, row, col = _cell_position()
    report, problems = _report(agency, year)
    if report is None:
        abort(409, description="年度报告数据有误：" + "；".join(problems))
    if table == 3:
        refs = dd.table3_refs(report, row, col)
    else:
        refs = dd.table4_refs(db.session, agency.code, year, col)
    return render_template(
        "reports/annual_cell.html", agency=agency, year=year, staff=current_staff(),
        title=dd.cell_title(table, row, col), refs=refs,
        applications=dd.applications_by_ref(db.session, agency.code, refs),
        status_label=domain.status_label, outcome_label=domain.outcome_label,
    )  # fmt: skip

"""Views: the annual report API and the staff statistics page (SVG charts, CSV download)."""

from __future__ import annotations

from flask import Response, abort, current_app, jsonify, render_template, request

from disclosure.annual_report import AnnualDataError, LedgerError

from .. import domain
from ..agencies import agency_by_code, agency_codes, all_agencies
from ..auth import current_staff, login_required, require_access, visible_agencies
from ..errors import json_error
from ..extensions import db
from ..services.applications import now_utc
from . import bp
from .annual import annual_report, api_dict
from .statistics import outcome_rows, stats_csv, year_stats
from .svg import Series, bar_chart, hbar_chart

FIRST_YEAR = 2008  # 条例 in force since 2008-05-01


def _year_ok(year: int) -> bool:
    """Tell whether a report year is plausible (from 2008 to this year)."""
    return FIRST_YEAR <= year <= domain.beijing_today(now_utc()).year


@bp.get("/api/v1/reports/annual/<int:year>")
def annual_api(year: int):
    """Return the annual report of an agency for a year (staff of that agency)."""
    staff = current_staff()
    if staff is None:
        return json_error(401, "需要工作人员身份认证（Authorization: Bearer 令牌或登录）")
    code = (request.args.get("agency") or "").strip()
    if code not in agency_codes():
        return json_error(400, "请用 agency 参数指定机关代码，如 ?agency=czj")
    require_access(staff, code)
    if not _year_ok(year):
        return json_error(400, f"年份应在{FIRST_YEAR}年至今年之间")
    agency = agency_by_code(code)
    try:
        report = annual_report(
            db.session, current_app.config["CONTENT_DIR"], code, agency.name, year
        )
    except (LedgerError, AnnualDataError) as exc:
        return json_error(409, "年度报告数据有误，请先核对", problems=exc.problems)
    return jsonify(api_dict(report))


def _choices() -> tuple[str, int, list]:
    """Read and check the agency and year of the statistics page."""
    staff = current_staff()
    agencies = [a for a in all_agencies() if a.code in visible_agencies(staff, agency_codes())]
    if not agencies:
        abort(404)
    code = (request.args.get("agency") or agencies[0].code).strip()
    if code not in {a.code for a in agencies}:
        abort(404)
    raw = (request.args.get("year") or "").strip()
    year = int(raw) if raw.isdigit() else domain.beijing_today(now_utc()).year
    if not _year_ok(year):
        abort(404)
    return code, year, agencies


def _charts(months, year: int, outcomes) -> dict:
    """Return the SVG charts of the statistics page."""
    names = [f"{m.month}月" for m in months]
    counts = bar_chart(
        f"{year}年每月收到和答复的申请件数",
        "按月统计的收到申请件数、答复件数和逾期答复件数，每个柱形上方标注件数。",
        names,
        [
            Series("收到申请", [m.received for m in months]),
            Series("答复", [m.replied for m in months]),
            Series("逾期答复", [m.late for m in months]),
        ],
    )
    medians = bar_chart(
        f"{year}年每月答复用时中位数（工作日）",
        "每月答复的申请从收到到答复所用工作日的中位数，不含补正、征求意见、缴费等中止期间。",
        names,
        [Series("用时中位数", [m.median_days or 0 for m in months])],
    )
    breakdown = hbar_chart(
        f"{year}年办理结果分布",
        "本年办结申请按年报表三办理结果分类的件数。",
        [(label, count) for _, label, count in outcomes],
    )
    return {"counts": counts, "medians": medians, "outcomes": breakdown}


@bp.get("/staff/statistics")
@login_required
def statistics_page():
    """Show monthly statistics of an agency with SVG charts."""
    code, year, agencies = _choices()
    require_access(current_staff(), code)
    months = year_stats(db.session, code, year, domain.beijing_today(now_utc()))
    outcomes = outcome_rows(months)
    return render_template(
        "reports/statistics.html",
        months=months,
        outcomes=outcomes,
        year=year,
        code=code,
        agencies=agencies,
        charts=_charts(months, year, outcomes),
        staff=current_staff(),
        years=range(domain.beijing_today(now_utc()).year, FIRST_YEAR - 1, -1),
    )


@bp.get("/staff/statistics.csv")
@login_required
def statistics_csv():
    """Download the monthly statistics as CSV."""
    code, year, _ = _choices()
    months = year_stats(db.session, code, year, domain.beijing_today(now_utc()))
    headers = {"Content-Disposition": f'attachment; filename="statistics-{code}-{year}.csv"'}
    return Response(stats_csv(months), mimetype="text/csv; charset=utf-8", headers=headers)

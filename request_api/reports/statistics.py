"""Monthly processing statistics of an agency: received, replied, on time, overdue, outcomes."""

from __future__ import annotations

import calendar as _calendar
import csv
import io
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from disclosure import deadlines as dl
from disclosure.outcomes import OUTCOMES

from .. import domain
from ..models import Application

CSV_HEADER = [
    "月份",
    "收到申请",
    "答复",
    "按期答复",
    "逾期答复",
    "月末超期未办结",
    "答复用时中位数（工作日，不含中止期间）",
]


@dataclass
class MonthStats:
    """One month of one agency."""

    year: int
    month: int
    received: int = 0
    replied: int = 0
    on_time: int = 0
    late: int = 0
    open_overdue: int = 0
    days: list[int] = field(default_factory=list)
    outcomes: Counter = field(default_factory=Counter)

    @property
    def label(self) -> str:
        """Return the month as YYYY-MM."""
        return f"{self.year}-{self.month:02d}"

    @property
    def median_days(self) -> float | None:
        """Return the median working days to reply, pauses excluded (None without replies)."""
        return statistics.median(self.days) if self.days else None


def month_end(year: int, month: int) -> date:
    """Return the last day of a month."""
    return date(year, month, _calendar.monthrange(year, month)[1])


def _overdue_at(application: Application, day: date) -> bool:
    """Tell whether the application was open and past its due date at the end of day."""
    events = [e for e in domain.domain_events(application) if e.date <= day]
    result = dl.compute_deadlines(domain.calendar(), application.received_on, events, day)
    return result.is_overdue


def _count_closing(stats: MonthStats, application: Application) -> None:
    """Count a closing in its month: outcome, and for replies timeliness and working days."""
    stats.outcomes[application.outcome] += 1
    if application.status != "replied":
        return
    state = domain.deadline_state(application, application.closed_on)
    stats.replied += 1
    due = state.reply_due
    if due is None or application.closed_on <= due:
        stats.on_time += 1
    else:
        stats.late += 1
    stats.days.append(state.deadlines.working_days_used)


def year_stats(session: Session, agency_code: str, year: int, today: date) -> list[MonthStats]:
    """Return the twelve months of a year (months after today stay empty)."""
    months = [MonthStats(year, m) for m in range(1, 13)]
    stmt = select(Application).where(
        Application.agency_code == agency_code, Application.received_on <= date(year, 12, 31)
    )
    for application in session.scalars(stmt):
        if application.received_on.year == year:
            months[application.received_on.month - 1].received += 1
        closed = application.closed_on
        if closed and closed.year == year and application.outcome:
            _count_closing(months[closed.month - 1], application)
        for stats in months:
            end = min(month_end(year, stats.month), today)
            if end < date(year, stats.month, 1) or application.received_on > end:
                continue
            if (closed is None or closed > end) and _overdue_at(application, end):
                stats.open_overdue += 1
    return months


def outcome_rows(months: list[MonthStats]) -> list[tuple[str, str, int]]:
    """Return (code, label, count) for every outcome, summed over the months given."""
    total = sum((m.outcomes for m in months), Counter())
    return [(o.code, outcome_label(o), total.get(o.code, 0)) for o in OUTCOMES]


def outcome_label(o) -> str:
    """Return an outcome's label with its group, as in table 三 (groups 一 and 二 are rows)."""
    return o.label if o.label == o.group.value else f"{o.group.value} {o.label}"


def _median_text(value: float | None) -> str:
    """Format a median for CSV and tables."""
    return "" if value is None else f"{value:g}"


def stats_csv(months: list[MonthStats]) -> str:
    """Return the monthly table, then the outcome breakdown, as CSV (UTF-8 with BOM for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for m in months:
        writer.writerow(
            [
                m.label,
                m.received,
                m.replied,
                m.on_time,
                m.late,
                m.open_overdue,
                _median_text(m.median_days),
            ]
        )
    writer.writerow([])
    writer.writerow(["办理结果", "件数"])
    for _, label, count in outcome_rows(months):
        writer.writerow([label, count])
    return "\ufeff" + out.getvalue()

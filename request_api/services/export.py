"""CSV export of the ledger: one row per application, cells safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from .. import domain
from .dashboard import Row

HEADER = [
    "申请编号", "受理机关", "申请渠道", "收到申请日期", "答复期限", "期限暂定", "状态",
    "答复日期", "办理结果", "已用工作日（不含中止期间）", "经办人",
]  # fmt: skip
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """Return a cell that a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(DANGEROUS_PREFIXES) else text


def export_csv(rows: Iterable[Row]) -> str:
    """Return the CSV text (UTF-8 with BOM for spreadsheet programs) for rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for row in rows:
        a, d = row.application, row.state.deadlines
        replied = d.closing.date.isoformat() if d.closing and d.closing.type == "replied" else ""
        cells = [
            a.receipt_no, a.agency_code, a.channel, a.received_on.isoformat(),
            row.state.reply_due.isoformat() if row.state.reply_due else "",
            "是" if row.state.provisional else "否", domain.status_label(a.status),
            replied, a.outcome or "", d.working_days_used,
            a.assignee.username if a.assignee else "",
        ]  # fmt: skip
        writer.writerow([neutralise(c) for c in cells])
    return "\ufeff" + buffer.getvalue()

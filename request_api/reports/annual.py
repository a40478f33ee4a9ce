"""Build an agency's annual report from the request ledger, the catalogue and the appeals."""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from disclosure.annual_report import (
    AnnualReport,
    LedgerRecord,
    ProcessingFees,
    annual_data_path,
    build_report,
    load_annual_data,
)
from disclosure.catalogue import check_tree

from ..appeals.services import appeal_records
from ..choices import APPLICANT_CATEGORIES
from ..models import Application, Event

logger = logging.getLogger(__name__)


def ledger_records(session: Session, agency_code: str, year: int) -> list[LedgerRecord]:
    """Return the agency's applications received by 31 December of the year, as ledger records."""
    stmt = (
        select(Application)
        .where(
            Application.agency_code == agency_code, Application.received_on <= date(year, 12, 31)
        )
        .order_by(Application.received_on, Application.id)
    )
    return [
        LedgerRecord(
            received_on=a.received_on,
            closed_on=a.closed_on,
            outcome=a.outcome,
            category=APPLICANT_CATEGORIES.get(a.applicant_category, a.applicant_category),
            ref=a.receipt_no,
        )
        for a in session.scalars(stmt)
    ]


def catalogue_documents(content_dir: str | Path, agency_code: str) -> list:
    """Return the agency's valid catalogue documents (front matter checked as the build does)."""
    report = check_tree(content_dir)
    return [doc for doc in report.documents if doc.agency == agency_code]


def processing_fees(session: Session, agency_code: str, year: int) -> ProcessingFees:
    """Count fee notices, payments and the amount paid in the year (section 六)."""
    stmt = (
        select(Event)
        .join(Application, Event.application_id == Application.id)
        .where(
            Application.agency_code == agency_code, Event.type.in_(("fee_notice_sent", "fee_paid"))
        )
        .order_by(Event.application_id, Event.seq)
    )
    notices = paid = 0
    amount, last_notice = Decimal(0), {}
    for event in session.scalars(stmt):
        if event.type == "fee_notice_sent":
            last_notice[event.application_id] = Decimal(str(event.data.get("amount") or 0))
            notices += event.event_date.year == year
        elif event.event_date.year == year:
            paid += 1
            amount += last_notice.get(event.application_id, Decimal(0))
    return ProcessingFees(notices=notices, paid=paid, amount_yuan=amount)


def annual_report(
    session: Session, content_dir: str | Path, agency_code: str, agency_name: str, year: int
) -> AnnualReport:
    """Compute the report; raises LedgerError or AnnualDataError with Chinese problems."""
    data_file = annual_data_path(content_dir, agency_code, year)
    data = load_annual_data(data_file, agency_code, year) if data_file.is_file() else None
    return build_report(
        agency=agency_code,
        agency_name=agency_name,
        year=year,
        ledger=ledger_records(session, agency_code, year),
        catalogue=catalogue_documents(content_dir, agency_code),
        appeals=appeal_records(session, agency_code),
        data=data,
        fees=processing_fees(session, agency_code, year),
    )


def api_dict(report: AnnualReport) -> dict:
    """Return exactly the JSON shape of GET /api/v1/reports/annual/{year}."""
    full = report.to_dict()
    return {key: full[key] for key in ("year", "agency", "table2", "table3", "table4")}

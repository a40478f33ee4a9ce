"""One agency's annual report for a year (条例第四十九条、第五十条; 国办公开办函〔2021〕30号)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from disclosure.annual_report.appeals import AppealRecord, Table4, build_table4
from disclosure.annual_report.documents import AnnualData, CatalogueLike, Table2, document_counts
from disclosure.annual_report.ledger import LedgerRecord, Table3, build_table3, check_table3


@dataclass(frozen=True)
class ProcessingFees:
    """Information-processing fees of the year, reported in section 六 (信息处理费管理办法)."""

    notices: int  # fee notices sent
    paid: int  # applications whose fee was paid
    amount_yuan: Decimal  # total collected


@dataclass(frozen=True)
class AnnualReport:
    """All computed parts of the annual report."""

    year: int
    agency: str  # agency code
    agency_name: str
    table2: Table2
    table3: Table3
    table4: Table4
    fees: ProcessingFees | None = None

    def to_dict(self) -> dict[str, object]:
        """Return the JSON shape of GET /api/v1/reports/annual/{year}."""
        fees = None
        if self.fees is not None:
            fees = {
                "notices": self.fees.notices,
                "paid": self.fees.paid,
                "amount_yuan": str(self.fees.amount_yuan),
            }
        return {
            "year": self.year,
            "agency": self.agency,
            "agency_name": self.agency_name,
            "table2": self.table2.to_dict(),
            "table3": self.table3.to_dict(),
            "table4": self.table4.to_dict(),
            "processing_fees": fees,
        }


def build_report(
    *,
    agency: str,
    agency_name: str,
    year: int,
    ledger: Iterable[LedgerRecord],
    catalogue: Iterable[CatalogueLike],
    appeals: Iterable[AppealRecord],
    data: AnnualData | None = None,
    fees: ProcessingFees | None = None,
) -> AnnualReport:
    """Compute the annual report; raise LedgerError if table 三 breaks a consistency rule."""
    table3 = build_table3(ledger, year)
    check_table3(table3)
    return AnnualReport(
        year=year,
        agency=agency,
        agency_name=agency_name,
        table2=Table2(document_counts(catalogue, year), data),
        table3=table3,
        table4=build_table4(appeals, year),
        fees=fees,
    )

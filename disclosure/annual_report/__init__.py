"""The statutory annual report in the national 2021 format, computed from plain records."""

from disclosure.annual_report.appeals import (
    TABLE4_COLUMNS,
    AppealKind,
    AppealRecord,
    AppealResult,
    Table4,
    build_table4,
)
from disclosure.annual_report.documents import (
    ANNUAL_DATA_KEYS,
    AnnualData,
    AnnualDataError,
    CatalogueLike,
    CatalogueRecord,
    DocumentCounts,
    Table2,
    annual_data_path,
    document_counts,
    load_annual_data,
    parse_annual_data,
)
from disclosure.annual_report.ledger import (
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    ApplicantCategory,
    LedgerError,
    LedgerRecord,
    Table3,
    build_table3,
    check_table3,
    table3_problems,
)
from disclosure.annual_report.markdown import render_markdown
from disclosure.annual_report.report import AnnualReport, ProcessingFees, build_report

__all__ = [
    "ANNUAL_DATA_KEYS",
    "TABLE3_COLUMNS",
    "TABLE3_ROWS",
    "TABLE4_COLUMNS",
    "AnnualData",
    "AnnualDataError",
    "AnnualReport",
    "AppealKind",
    "AppealRecord",
    "AppealResult",
    "ApplicantCategory",
    "CatalogueLike",
    "CatalogueRecord",
    "DocumentCounts",
    "LedgerError",
    "LedgerRecord",
    "ProcessingFees",
    "Table2",
    "Table3",
    "Table4",
    "annual_data_path",
    "build_report",
    "build_table3",
    "build_table4",
    "check_table3",
    "document_counts",
    "load_annual_data",
    "parse_annual_data",
    "render_markdown",
    "table3_problems",
]

"""Render the annual report as a Markdown page of the site's annual-report column.

The page is a catalogue document (docs/architecture.md: Category 政府信息公开年报, Kind 报告)
with the six sections of the 2021 format; the tables are HTML inside the Markdown, laid out as in
the official format. Narrative sections carry PLACEHOLDER for editors to replace, and the page is a
draft (``Status: draft``) until they have; the catalogue refuses a published page with PLACEHOLDER.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from html import escape

from disclosure.annual_report.appeals import TABLE4_TOTAL, AppealKind, AppealResult
from disclosure.annual_report.ledger import (
    ROW_CARRIED_IN,
    ROW_CARRIED_OUT,
    ROW_NEW,
    ROW_RESULTS,
    ROW_TOTAL,
    TABLE3_ROWS,
    group_of,
)
from disclosure.annual_report.report import AnnualReport
from disclosure.catalogue import DRAFT_MARKER
from disclosure.outcomes import OutcomeGroup

PLACEHOLDER = DRAFT_MARKER  # the catalogue refuses to publish a document that still has one
CATEGORY = "政府信息公开年报"
KIND = "报告"
SECTIONS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
OVERVIEW_HINT = (
    f"{PLACEHOLDER}（本年度政府信息公开工作总体情况：主动公开、依申请公开、政府信息管理、"
    "平台建设、监督保障等。）"
)
PROBLEMS_HINT = f"{PLACEHOLDER}（上一年度存在问题的改进情况，本年度存在的主要问题和改进措施。）"
OTHER_HINT = (
    f"{PLACEHOLDER}（其他需要报告的事项，如年度政务公开工作要点落实情况；没有的，写明“无”。）"
)
_TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _cell(tag: str, text: object, colspan: int = 1, rowspan: int = 1) -> str:
    """Return one escaped table cell; None shows as a placeholder."""
    attrs = (f' colspan="{colspan}"' if colspan > 1 else "") + (
        f' rowspan="{rowspan}"' if rowspan > 1 else ""
    )
    shown = PLACEHOLDER if text is None else text
    return f"<{tag}{attrs}>{escape(str(shown))}</{tag}>"


def _row(cells: Iterable[str]) -> str:
    """Return one table row."""
    return "<tr>" + "".join(cells) + "</tr>"


def _table(css: str, rows: Sequence[str]) -> str:
    """Return an HTML table as a Markdown raw block (no blank lines inside)."""
    return f'<table class="annual-table {css}">\n' + "\n".join(rows) + "\n</table>"


def table2_html(report: AnnualReport) -> str:
    """Return table 二 in the official four-block layout."""
    rows: list[str] = []
    for block in report.table2.to_dict()["blocks"]:  # type: ignore[union-attr]
        width = len(block["columns"])
        rows.append(_row([_cell("th", block["article"], colspan=4)]))
        span = 4 - width  # single-figure blocks stretch their column across three
        heads = [_cell("th", c, colspan=span if width == 1 else 1) for c in block["columns"]]
        rows.append(_row([_cell("th", "信息内容"), *heads]))
        for r in block["rows"]:
            tds = [_cell("td", v, colspan=span if width == 1 else 1) for v in r["values"]]
            rows.append(_row([_cell("td", r["label"]), *tds]))
    return _table("annual-table-2", rows)


def _table3_head() -> list[str]:
    """Return the three header rows of table 三."""
    orgs = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
    return [
        _row([_cell("th", _TABLE3_NOTE, colspan=3, rowspan=3), _cell("th", "申请人情况", 7)]),
        _row(
            [
                _cell("th", "自然人", rowspan=2),
                _cell("th", "法人或其他组织", colspan=5),
                _cell("th", "总计", rowspan=2),
            ]
        ),
        _row(_cell("th", o) for o in orgs),
    ]


def _table3_label_cells(index: int, label: str) -> list[str]:
    """Return the label cells of one table 三 row, with the official merged headers."""
    if label in (ROW_NEW, ROW_CARRIED_IN, ROW_CARRIED_OUT):
        return [_cell("th", label, colspan=3)]
    cells = [_cell("th", ROW_RESULTS, rowspan=22)] if index == 2 else []
    group = group_of(label)
    if label == ROW_TOTAL or group in (OutcomeGroup.DISCLOSED, OutcomeGroup.PARTLY):
        return [*cells, _cell("th", label, colspan=2)]
    assert group is not None
    first_of_group = next(r for r in TABLE3_ROWS if group_of(r) is group)
    if label == first_of_group:
        size = sum(group_of(r) is group for r in TABLE3_ROWS)
        cells.append(_cell("th", group.value, rowspan=size))
    return [*cells, _cell("th", label)]


def table3_html(report: AnnualReport) -> str:
    """Return table 三 in the official layout: 25 numbered rows, 7 columns."""
    rows = _table3_head()
    for i, (label, values) in enumerate(zip(TABLE3_ROWS, report.table3.values, strict=True)):
        rows.append(_row([*_table3_label_cells(i, label), *(_cell("td", v) for v in values)]))
    return _table("annual-table-3", rows)


def table4_html(report: AnnualReport) -> str:
    """Return table 四: 行政复议 and 行政诉讼 (direct, after reconsideration), 15 columns."""
    names = [*(r.label for r in AppealResult), TABLE4_TOTAL]
    kinds = list(AppealKind)
    return _table(
        "annual-table-4",
        [
            _row([_cell("th", "行政复议", colspan=5), _cell("th", "行政诉讼", colspan=10)]),
            _row(
                [
                    *(_cell("th", n, rowspan=2) for n in names),
                    _cell("th", "未经复议直接起诉", colspan=5),
                    _cell("th", "复议后起诉", colspan=5),
                ]
            ),
            _row(_cell("th", n) for _ in kinds[1:] for n in names),
            _row(_cell("td", v) for v in report.table4.values),
        ],
    )


def _fees_text(report: AnnualReport) -> str:
    """Return the sentence on information-processing fees for section 六."""
    fees = report.fees
    if fees is None:
        return f"{PLACEHOLDER}（本年度收取信息处理费的情况：发出收费通知的件数和收取的总金额。）"
    if fees.notices == 0:
        return "本年度本机关未发出政府信息公开信息处理费收费通知，未收取信息处理费。"
    return (
        f"本年度本机关依据《政府信息公开信息处理费管理办法》发出收费通知{fees.notices}件，"
        f"申请人缴费{fees.paid}件，共收取信息处理费{fees.amount_yuan}元。"
    )


def front_matter(report: AnnualReport, index_no: str, created: date, published: datetime) -> str:
    """Return the Pelican metadata block (document contract of docs/architecture.md)."""
    title = f"{report.agency_name}{report.year}年政府信息公开工作年度报告"
    fields = {
        "Title": title,
        "Date": published.strftime("%Y-%m-%d %H:%M"),
        "Created": created.isoformat(),
        "Agency": report.agency,
        "Category": CATEGORY,
        "Kind": KIND,
        "Index_no": index_no,
        "Summary": f"{title}，包括主动公开、依申请公开、行政复议和行政诉讼等情况。",
        # Not published until an editor has written the narrative and removed this line.
        "Status": "draft",
    }
    return "\n".join(f"{k}: {v}" for k, v in fields.items())


def render_markdown(
    report: AnnualReport, *, index_no: str, created: date, published: datetime | None = None
) -> str:
    """Return the annual report page as Markdown with front matter.

    Args:
        report: the computed report.
        index_no: the catalogue index number the caller allocated (its year is created's year).
        created: the report's creation date (front matter Created).
        published: publication time (front matter Date); defaults to created at 09:00.
    """
    if f"/{created.year}-" not in index_no:
        raise ValueError(f"索引号 {index_no} 的年份应与成文日期 {created.isoformat()} 的年份一致")
    published = published or datetime.combine(created, time(9, 0))
    parts = [
        front_matter(report, index_no, created, published),
        f"## {SECTIONS[0]}",
        OVERVIEW_HINT,
        f"## {SECTIONS[1]}",
        table2_html(report),
        f"## {SECTIONS[2]}",
        table3_html(report),
        f"## {SECTIONS[3]}",
        table4_html(report),
        f"## {SECTIONS[4]}",
        PROBLEMS_HINT,
        f"## {SECTIONS[5]}",
        _fees_text(report),
        OTHER_HINT,
    ]
    return "\n\n".join(parts) + "\n"

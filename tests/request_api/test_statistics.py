"""Staff statistics per agency and month, SVG charts rendered on the server, CSV download.

Working days hand-counted on the 2026 arrangement (holidays 2/15-2/23; make-up Saturdays
2/14 and 2/28).
"""

from __future__ import annotations

import csv
import io

import pytest
import time_machine
from letter_samples import event, submit
from request_samples import at


@pytest.fixture
def ledger(client, auth):
    auth.create("clerk", "clerk", ["czj"])
    late = submit(client, at(2026, 2, 10))["id"]  # due 3/16, replied 3/18: 22 working days
    on_time = submit(client, at(2026, 3, 2))["id"]  # replied 3/20: 14 working days
    paused = submit(client, at(2026, 3, 2))["id"]  # consultation 3/3-3/10 paused: 9 working days
    withdrawn = submit(client, at(2026, 3, 2))["id"]
    open_overdue = submit(client, at(2026, 1, 5))["id"]  # due 2/2, open at the end of March
    submit(client, at(2026, 3, 2), agency="szf")  # another agency: never counted
    event(client, auth, late, "2026-03-18", type="replied", outcome="disclosed")
    event(client, auth, on_time, "2026-03-20", type="replied", outcome="not_processed_repeated")
    event(client, auth, paused, "2026-03-03", type="consultation_sent")
    event(client, auth, paused, "2026-03-10", type="consultation_answered")
    event(client, auth, paused, "2026-03-20", type="replied", outcome="disclosed")
    event(client, auth, withdrawn, "2026-03-05", type="withdrawn")
    return {"open_overdue": open_overdue}


def _get(client, auth, path):
    with time_machine.travel(at(2026, 4, 15), tick=False):
        return client.get(path, headers=auth.headers("clerk"))


def _march(rows):
    return next(r for r in rows if r[0] == "2026-03")


def test_csv_has_the_monthly_figures(client, auth, ledger):
    response = _get(client, auth, "/staff/statistics.csv?agency=czj&year=2026")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == [
        "月份",
        "收到申请",
        "答复",
        "按期答复",
        "逾期答复",
        "月末超期未办结",
        "答复用时中位数（工作日，不含中止期间）",
    ]
    assert _march(rows) == ["2026-03", "3", "3", "2", "1", "1", "14"]
    assert next(r for r in rows if r[0] == "2026-02") == ["2026-02", "1", "0", "0", "0", "1", ""]
    assert next(r for r in rows if r[0] == "2026-01") == ["2026-01", "1", "0", "0", "0", "0", ""]
    assert next(r for r in rows if r[0] == "2026-05") == ["2026-05", "0", "0", "0", "0", "0", ""]
    outcomes = {r[0]: r[1] for r in rows[14:] if len(r) == 2}
    assert outcomes["（一）予以公开"] == "2"
    assert outcomes["（五）不予处理 2.重复申请"] == "1"
    assert outcomes["（六）其他处理 3.其他"] == "1"


def test_page_shows_table_and_accessible_svg_charts(client, auth, ledger):
    response = _get(client, auth, "/staff/statistics?agency=czj&year=2026")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count("<svg") == 3
    assert '<title id="chart-title-' in page and '<desc id="chart-desc-' in page
    assert 'role="img"' in page and "2026年每月收到和答复的申请件数" in page
    assert "<script" not in page and 'src="http' not in page  # no JavaScript, no CDN
    assert (
        '<th scope="row">2026-03</th><td>3</td><td>3</td><td>2</td><td>1</td><td>1</td><td>14</td>'
        in page
    )


def test_other_agency_is_hidden(client, auth, ledger):
    assert _get(client, auth, "/staff/statistics?agency=szf").status_code == 404
    assert _get(client, auth, "/staff/statistics.csv?agency=szf").status_code == 404
    assert _get(client, auth, "/staff/statistics?agency=czj&year=1999").status_code == 404


def test_median_excludes_pauses():
    from request_api.reports.statistics import MonthStats

    stats = MonthStats(2026, 3, days=[22, 14, 9])
    assert stats.median_days == 14


def test_svg_bar_chart_labels_every_bar():
    from request_api.reports.svg import Series, bar_chart, hbar_chart

    chart = str(bar_chart("标题", "说明", ["1月", "2月"], [Series("收到", [3, 0])]))
    assert chart.startswith("<svg") and "<title" in chart and "<desc" in chart
    assert ">1月</text>" in chart and ">3</text>" in chart and ">0</text>" in chart
    bars = str(hbar_chart("结果", "说明", [("予以公开", 2), ("其他", 0)]))
    assert ">予以公开</text>" in bars and ">2</text>" in bars

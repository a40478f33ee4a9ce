"""Staff annual-report page: tables 二, 三, 四 with every non-zero cell traced to its requests."""

from __future__ import annotations

import re

import pytest

from disclosure.annual_report import TABLE3_COLUMNS, TABLE3_ROWS

CELL_LINK = re.compile(r'href="(/staff/reports/annual/cell\?[^"]+)"[^>]*>(\d+)</a>')
RECEIPT = re.compile(r">(\d{4}-\d{6})</a>")


@pytest.fixture
def app(make_app):
    """Return the app; letters are emailed as HTML (faster than PDF)."""
    return make_app(REPLY_EMAIL_LETTER_FORMAT="html")


@pytest.fixture
def seeded(app, runner, auth):
    """Seed czj's sample ledger and log in a czj clerk."""
    assert runner.invoke(args=["seed-sample", "--agency", "czj"]).exit_code == 0
    auth.create("clerk", "clerk", ("czj",))
    auth.login("clerk")


def page(client, year=2026, agency="czj"):
    """Return the annual page's HTML."""
    response = client.get(f"/staff/reports/annual?agency={agency}&year={year}")
    assert response.status_code == 200
    return response.get_data(as_text=True).replace("&amp;", "&")


def cell(client, url: str) -> list[str]:
    """Return the receipt numbers listed on a drill-down page."""
    response = client.get(url)
    assert response.status_code == 200
    return RECEIPT.findall(response.get_data(as_text=True))


def ledger(app) -> list:
    """Return czj's applications."""
    from sqlalchemy import select

    from request_api.extensions import db
    from request_api.models import Application

    with app.app_context():
        stmt = select(Application).where(Application.agency_code == "czj")
        return list(db.session.scalars(stmt))


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_linked_cell_lists_as_many_requests_as_it_counts(client, seeded, year):
    html = page(client, year)
    assert "检查通过" in html
    links = CELL_LINK.findall(html)
    assert len(links) > 20
    for url, value in links:
        refs = cell(client, url)
        assert len(refs) == len(set(refs)) == int(value), url


def test_new_applications_cell_lists_exactly_those_received_in_the_year(app, client, seeded):
    row, col = TABLE3_ROWS.index("一、本年新收政府信息公开申请数量"), TABLE3_COLUMNS.index("自然人")
    refs = cell(
        client, f"/staff/reports/annual/cell?agency=czj&year=2026&table=3&row={row}&col={col}"
    )
    expected = {
        a.receipt_no
        for a in ledger(app)
        if a.received_on.year == 2026 and a.applicant_category == "natural_person"
    }
    assert set(refs) == expected


def test_carried_out_total_lists_the_open_requests(app, client, seeded):
    row = TABLE3_ROWS.index("四、结转下年度继续办理")
    refs = cell(client, f"/staff/reports/annual/cell?agency=czj&year=2026&table=3&row={row}&col=6")
    assert set(refs) == {a.receipt_no for a in ledger(app) if a.closed_on is None}


def test_table4_cell_lists_the_appealed_request(app, client, seeded):
    # column 1: reconsideration, 结果纠正 (filed 2026 and corrected in the seed)
    refs = cell(client, "/staff/reports/annual/cell?agency=czj&year=2026&table=4&row=0&col=1")
    assert len(refs) == 1


def test_annual_page_requires_login(client):
    response = client.get("/staff/reports/annual?agency=czj&year=2026")
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]


def test_annual_page_is_scoped_to_the_staff_members_agencies(client, auth):
    auth.create("other", "clerk", ("szf",))
    auth.login("other")
    assert client.get("/staff/reports/annual?agency=czj&year=2026").status_code == 404
    url = "/staff/reports/annual/cell?agency=czj&year=2026&table=3&row=0&col=0"
    assert client.get(url).status_code == 404
    assert client.get("/staff/reports/annual?agency=szf&year=2026").status_code == 200


@pytest.mark.parametrize(
    "query",
    ["year=abc", "year=1999", "year=2026&table=5&row=0&col=0", "year=2026&table=3&row=25&col=0",
     "year=2026&table=4&row=0&col=15", "year=2026&table=3&row=x&col=0"],
)  # fmt: skip
def test_bad_parameters_get_a_chinese_400(client, auth, query):
    auth.create()
    auth.login()
    path = "/staff/reports/annual/cell" if "table" in query else "/staff/reports/annual"
    response = client.get(f"{path}?agency=czj&{query}")
    assert response.status_code == 400
    assert "请" in response.get_data(as_text=True) or "年份" in response.get_data(as_text=True)

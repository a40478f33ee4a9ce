"""Dashboard at scale: stored deadline columns, SQL due-window filters, 50 rows per page."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from request_samples import at, citizen

from request_api import domain
from request_api.samples.plan import SEED_END

WINDOW_COLORS = {"overdue": {"red"}, "soon": {"yellow"}}


@pytest.fixture
def app(make_app):
    """Return the app; letters are emailed as HTML (faster than PDF)."""
    return make_app(REPLY_EMAIL_LETTER_FORMAT="html")


@pytest.fixture
def seeded(app, runner):
    """Seed czj's sample ledger (every kind of pause, closing and carry-over)."""
    assert runner.invoke(args=["seed-sample", "--agency", "czj"]).exit_code == 0


def _applications(app):
    from sqlalchemy import select

    from request_api.extensions import db
    from request_api.models import Application

    return list(db.session.scalars(select(Application).order_by(Application.id)))


def test_stored_columns_match_the_event_log(app, seeded):
    from request_api.domain import stored_deadline_values, stored_values

    with app.app_context():
        for a in _applications(app):
            stored = {"reply_due": a.reply_due, "provisional": a.provisional,
                      "paused_days_left": a.paused_days_left}  # fmt: skip
            assert stored == stored_values(domain.deadline_state(a, SEED_END)), a.receipt_no
            assert stored == stored_deadline_values(a.received_on, a.events, SEED_END)


DAYS = (date(2026, 11, 16), date(2026, 11, 27), date(2026, 12, 10), date(2027, 1, 20))


def test_window_filters_and_order_agree_with_the_live_colors(app, seeded):
    for today in DAYS:
        _check_windows(app, today)


def _check_windows(app, today: date) -> None:
    from request_api.extensions import db
    from request_api.services.dashboard import list_rows

    with app.app_context():
        everything = list_rows(db.session, {"czj"}, today)
        live = [row.state.color for row in everything]
        ranks = [(row.state.deadlines.is_closed, {"red": 0, "yellow": 1, "green": 2}[c])
                 for row, c in zip(everything, live, strict=True)]  # fmt: skip
        assert ranks == sorted(ranks)
        for window, colors in WINDOW_COLORS.items():
            shown = {r.application.receipt_no for r in list_rows(db.session, {"czj"}, today,
                                                                 window=window)}  # fmt: skip
            expected = {r.application.receipt_no for r in everything if r.state.color in colors
                        and not r.state.deadlines.is_closed}  # fmt: skip
            assert shown == expected, (window, today)


def _submit_many(app, count: int) -> None:
    from request_api.extensions import db
    from request_api.services.applications import submit_application
    from request_api.validation import validate_application

    data, errors = validate_application(citizen(), {"czj", "szf"})
    assert not errors
    with app.app_context():
        for i in range(count):
            submit_application(db.session, data, datetime(2026, 2, 10, 2, i % 60, tzinfo=UTC))


@time_machine.travel(at(2026, 3, 2), tick=False)
def test_dashboard_shows_50_per_page_and_computes_only_those(app, client, auth, monkeypatch):
    _submit_many(app, 120)
    auth.create()
    auth.login()
    calls = []
    original = domain.deadline_state
    monkeypatch.setattr(domain, "deadline_state", lambda *a: calls.append(1) or original(*a))
    first = client.get("/staff/").get_data(as_text=True)
    assert first.count('<tr class="due-') == 50 and "共 120 件，第 1 / 3 页" in first
    assert len(calls) <= 50
    last = client.get("/staff/?page=3").get_data(as_text=True)
    assert last.count('<tr class="due-') == 20 and "2026-000001" not in last
    assert "2026-000120" in last and "2026-000001" in first
    assert "第 3 / 3 页" in client.get("/staff/?page=99").get_data(as_text=True)


def test_bad_page_number_is_a_chinese_400(client, auth):
    auth.create()
    auth.login()
    response = client.get("/staff/?page=abc")
    assert response.status_code == 400
    assert "页码" in response.get_data(as_text=True)


def test_refresh_deadlines_follows_a_new_holiday_arrangement(
    app, client, runner, tmp_path, monkeypatch
):
    with time_machine.travel(at(2026, 12, 30), tick=False):
        client.post("/api/v1/requests", json=citizen())
    with app.app_context():
        (a,) = _applications(app)
        assert (a.reply_due, a.provisional) == (date(2027, 1, 27), True)
    overrides = tmp_path / "holidays.yaml"
    overrides.write_text("2027:\n  holidays: [2027-01-01]\n  workdays: []\n", encoding="utf-8")
    monkeypatch.setenv("DISCLOSURE_HOLIDAYS", str(overrides))
    with time_machine.travel(at(2026, 12, 31), tick=False):
        result = runner.invoke(args=["refresh-deadlines"])
    assert "1 件有变化" in result.output
    with app.app_context():
        (a,) = _applications(app)
        assert (a.reply_due, a.provisional) == (date(2027, 1, 28), False)

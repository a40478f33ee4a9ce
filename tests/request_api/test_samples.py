"""The seed-sample command: deterministic fictional ledger, refused in production."""

from __future__ import annotations

import pytest

from disclosure.annual_report import TABLE3_ROWS, table3_problems
from disclosure.identity import is_valid_resident_id, is_valid_uscc
from disclosure.outcomes import OUTCOME_CODES

ROW_CARRIED_OUT = TABLE3_ROWS.index("四、结转下年度继续办理")


def seed(runner, *codes):
    """Run seed-sample and return the result."""
    args = ["seed-sample", *(a for code in codes for a in ("--agency", code))]
    return runner.invoke(args=args)


def fingerprint(app) -> list[tuple]:
    """Return the ledger without its random parts (tracking codes, timestamps of creation)."""
    from sqlalchemy import select

    from request_api.appeals.models import Appeal
    from request_api.extensions import db
    from request_api.models import Application

    with app.app_context():
        rows = []
        for a in db.session.scalars(select(Application).order_by(Application.id)):
            events = [(e.seq, e.type, e.event_date, e.data.get("outcome")) for e in a.events]
            fields = ("receipt_no", "name", "id_number", "org_uscc", "applicant_category",
                      "channel", "received_on", "status", "outcome", "closed_on")  # fmt: skip
            rows.append((*(getattr(a, f) for f in fields), events))
        for c in db.session.scalars(select(Appeal).order_by(Appeal.id)):
            rows.append((c.application.receipt_no, c.kind, c.filed_on, c.result, c.decided_on))
        return rows


def reports(app) -> dict[int, object]:
    """Return the czj reports of 2025 and 2026."""
    from request_api.extensions import db
    from request_api.reports.annual import annual_report

    with app.app_context():
        content = app.config["CONTENT_DIR"]
        return {
            y: annual_report(db.session, content, "czj", "云溪市财政局", y) for y in (2025, 2026)
        }


def empty_tables(app) -> None:
    """Delete every row, as on a fresh database."""
    from request_api.extensions import db

    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture
def app(make_app):
    """Return the app; letters are emailed as HTML (PDF rendering is slow and not tested here)."""
    return make_app(REPLY_EMAIL_LETTER_FORMAT="html")


@pytest.fixture
def seeded(app, runner):
    """Seed the czj sample ledger."""
    result = seed(runner, "czj")
    assert result.exit_code == 0, result.output
    return result


def test_seed_covers_every_outcome_category_and_carry_over(app, seeded):
    rows = fingerprint(app)
    applications = [r for r in rows if len(r) == 11]
    assert {r[8] for r in applications} >= set(OUTCOME_CODES)
    assert {r[4] for r in applications} == {
        "natural_person", "business", "research", "public_interest", "legal_service", "other"
    }  # fmt: skip
    for report in reports(app).values():
        assert table3_problems(report.table3) == []
        assert report.table3.values[ROW_CARRIED_OUT][-1] > 0
    assert sum(reports(app)[2026].table4.values) > 0


def test_seed_identity_numbers_are_valid_and_never_printed(app, seeded):
    applications = [r for r in fingerprint(app) if len(r) == 11]
    for _, name, id_number, uscc, category, *_ in applications:
        assert "某" in name
        if category == "natural_person":
            assert is_valid_resident_id(id_number) and id_number not in seeded.output
        else:
            assert is_valid_uscc(uscc) and uscc not in seeded.output


def test_seed_is_deterministic(app, runner, seeded):
    first, first_reports = fingerprint(app), reports(app)
    empty_tables(app)
    assert seed(runner, "czj").exit_code == 0
    assert fingerprint(app) == first
    again = reports(app)
    assert {y: r.to_dict() for y, r in again.items()} == {
        y: r.to_dict() for y, r in first_reports.items()
    }


def test_seed_refuses_a_ledger_with_applications(app, runner, seeded):
    result = seed(runner, "czj")
    assert result.exit_code != 0
    assert "已有申请记录" in result.output


def test_seed_refuses_unknown_agency(runner):
    result = seed(runner, "nope")
    assert result.exit_code != 0
    assert "未知的机关代码" in result.output


def test_seed_refused_in_production(make_app):
    app = make_app(DISCLOSURE_ENV="production")
    result = app.test_cli_runner().invoke(args=["seed-sample"])
    assert result.exit_code != 0
    assert "生产环境禁止生成示例数据" in result.output

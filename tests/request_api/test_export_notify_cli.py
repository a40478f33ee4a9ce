"""CSV export, email notifications in the outbox, and the CLI commands."""

from __future__ import annotations

import csv
import email
import io
from email import policy
from pathlib import Path

import time_machine
from request_samples import at, citizen


def _apply(client, **overrides):
    with time_machine.travel(at(2026, 2, 10), tick=False):
        return client.post("/api/v1/requests", json=citizen(**overrides)).get_json()


def _event(client, auth, app_id, user="clerk", **event):
    response = client.post(
        f"/api/v1/requests/{app_id}/events", json=event, headers=auth.headers(user)
    )
    assert response.status_code == 200, response.get_json()


def _outbox(app) -> list[email.message.EmailMessage]:
    folder = Path(app.config["OUTBOX_DIR"])
    files = sorted(folder.glob("*.eml")) if folder.exists() else []
    return [email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]


def test_csv_export_one_row_per_request_with_working_days_excluding_pauses(client, auth):
    auth.create()
    first = _apply(client)
    _apply(client, name='=HYPERLINK("http://evil")')
    with time_machine.travel(at(2026, 3, 2), tick=False):
        _event(client, auth, first["id"], type="consultation_sent", date="2026-02-24")
        _event(client, auth, first["id"], type="consultation_answered", date="2026-02-27")
        _event(client, auth, first["id"], type="replied", date="2026-03-02", outcome="disclosed")
        auth.login()
        response = client.get("/staff/export.csv", follow_redirects=True)
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    header, data = rows[0], {r[0]: r for r in rows[1:]}
    assert len(data) == 2
    row = dict(zip(header, data["2026-000001"], strict=True))
    assert row["收到申请日期"] == "2026-02-10"
    assert row["答复日期"] == "2026-03-02"
    assert row["办理结果"] == "disclosed"
    # 2/11-2/13, 2/14 (make-up), 2/24 counted; 2/25-2/27 paused; 2/28 (make-up) and 3/2 counted.
    assert row["已用工作日（不含中止期间）"] == "7"
    # 20 working days + 3 paused: 3/16 moves to 3/19.
    assert row["答复期限"] == "2026-03-19"


def test_csv_cells_are_neutralised():
    from request_api.services.export import neutralise

    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+86") == "'+86"
    assert neutralise("-3") == "'-3"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("2026-03-02") == "2026-03-02"


def test_export_needs_login(client):
    assert client.get("/staff/export.csv").status_code == 302


def test_receipt_email_goes_to_the_outbox(client, app):
    receipt = _apply(client, description="<b>预算</b>")
    [message] = _outbox(app)
    assert message["To"] == "zhangsan@example.com"
    assert receipt["receipt_no"] in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    assert receipt["tracking_code"] in text and "2026-02-10" in text
    html = message.get_body(("html",)).get_content()
    assert "&lt;b&gt;预算&lt;/b&gt;" in html and "<b>预算</b>" not in html


def test_no_email_when_applicant_gave_none(client, app):
    _apply(client, email="", delivery="pickup")
    assert _outbox(app) == []


def test_correction_extension_and_reply_emails(client, app, auth):
    auth.create("clerk", "clerk", ["czj"])
    auth.create("head", "head", ["czj"])
    app_id = _apply(client)["id"]
    with time_machine.travel(at(2026, 2, 12), tick=False):
        _event(
            client, auth, app_id, type="correction_requested", date="2026-02-12", note="请写明年度"
        )
    with time_machine.travel(at(2026, 2, 26), tick=False):
        _event(client, auth, app_id, type="correction_received", date="2026-02-26")
    with time_machine.travel(at(2026, 3, 20), tick=False):
        _event(
            client,
            auth,
            app_id,
            "head",
            type="extended",
            date="2026-03-20",
            working_days=10,
            reason="档案较多",
        )
        _event(
            client,
            auth,
            app_id,
            type="replied",
            date="2026-03-20",
            outcome="withheld_third_party",
            reply_text="涉及第三方商业秘密。",
        )
    subjects = [m["Subject"] for m in _outbox(app)]
    assert len(subjects) == 4
    assert any("补正" in s for s in subjects)
    assert any("延期" in s for s in subjects)
    assert any("答复" in s for s in subjects)
    texts = [m.get_body(("plain",)).get_content() for m in _outbox(app)]
    assert any("请写明年度" in t for t in texts)
    assert any("2026-04-09" in t for t in texts)  # 3/25 + 10 working days (4/4-4/6 off)
    assert any("应当先申请行政复议" in t for t in texts)


def test_notifications_never_log_identity_numbers(client, caplog):
    with caplog.at_level("DEBUG"):
        _apply(client)
    assert "11010519491231002X" not in caplog.text
    assert "13800138000" not in caplog.text


def test_create_staff_prints_password_and_token(runner, app):
    result = runner.invoke(args=["create-staff", "wang", "--role", "head", "--agency", "czj"])
    assert result.exit_code == 0, result.output
    assert "password:" in result.output and "api token:" in result.output
    token = result.output.split("api token:")[1].split()[0]
    client = app.test_client()
    assert (
        client.get("/api/v1/requests/1", headers={"Authorization": f"Bearer {token}"}).status_code
        == 404
    )


def test_create_staff_refuses_unknown_agency_and_duplicates(runner):
    assert (
        runner.invoke(args=["create-staff", "a", "--role", "clerk", "--agency", "xx"]).exit_code
        != 0
    )
    assert runner.invoke(args=["create-staff", "a", "--role", "clerk"]).exit_code != 0
    assert (
        runner.invoke(args=["create-staff", "a", "--role", "boss", "--agency", "czj"]).exit_code
        != 0
    )
    assert (
        runner.invoke(args=["create-staff", "a", "--role", "clerk", "--agency", "czj"]).exit_code
        == 0
    )
    assert (
        runner.invoke(args=["create-staff", "a", "--role", "clerk", "--agency", "czj"]).exit_code
        != 0
    )


def test_overdue_digest_emails_each_agencys_staff_and_records_it(client, app, auth, runner):
    from request_api.extensions import db
    from request_api.models import Notification

    auth.create("clerk", "clerk", ["czj"], email="clerk@czj.example")
    auth.create("other", "clerk", ["szf"], email="other@szf.example")
    _apply(client)  # due 3/16
    with time_machine.travel(at(2026, 3, 17), tick=False):
        result = runner.invoke(args=["overdue-digest"])
    assert result.exit_code == 0, result.output
    assert "czj: 超期 1 件" in result.output
    digests = [m for m in _outbox(app) if m["To"] == "clerk@czj.example"]
    assert len(digests) == 1
    assert "2026-000001" in digests[0].get_body(("plain",)).get_content()
    assert not [m for m in _outbox(app) if m["To"] == "other@szf.example"]
    with app.app_context():
        record = db.session.query(Notification).filter_by(kind="overdue_digest").one()
        assert record.detail["overdue"] == ["2026-000001"]


def test_smtp_is_used_when_configured(make_app, monkeypatch):
    import smtplib

    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            sent.append(("starttls",))

        def login(self, user, password):
            sent.append(("login", user))

        def send_message(self, message):
            sent.append(("send", message["To"]))

    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    app = make_app(SMTP_HOST="mail.example", SMTP_PORT=587, SMTP_STARTTLS=True, SMTP_USER="gk")
    _apply(app.test_client())
    assert sent == [("connect", "mail.example", 587), ("starttls",), ("login", "gk"),
                    ("send", "zhangsan@example.com")]  # fmt: skip
    assert _outbox(app) == []

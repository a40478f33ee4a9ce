"""Applicant notices: queued with the change they report, delivered after the response, retried."""

from __future__ import annotations

import email
import sqlite3
import threading
import time
from datetime import timedelta
from email import policy
from pathlib import Path

import pytest
import sqlalchemy as sa
import time_machine
from conftest import TEST_DATABASE_URL
from request_samples import at, citizen


def _outbox(app) -> list[email.message.EmailMessage]:
    folder = Path(app.config["OUTBOX_DIR"])
    files = sorted(folder.glob("*.eml")) if folder.exists() else []
    return [email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]


def _notices(app) -> list:
    from request_api.extensions import db
    from request_api.models import Notification

    with app.app_context():
        rows = db.session.scalars(sa.select(Notification).order_by(Notification.id)).all()
        db.session.expunge_all()
        db.session.remove()
        return rows


def _submit(app, **overrides) -> dict:
    with time_machine.travel(at(2026, 2, 10), tick=False):
        response = app.test_client().post("/api/v1/requests", json=citizen(**overrides))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def cron_app(make_app):
    """Return an app that only queues notices (MAIL_DELIVERY=cron)."""
    return make_app(MAIL_DELIVERY="cron")


def test_submission_queues_its_notice_in_the_same_commit(cron_app):
    receipt = _submit(cron_app)
    [notice] = _notices(cron_app)
    assert (notice.transport, notice.kind, notice.application_id) == (
        "queued",
        "received",
        receipt["id"],
    )
    assert notice.detail["attempts"] == 0
    assert _outbox(cron_app) == []


def test_send_mail_delivers_the_queue_and_forgets_the_tracking_code(cron_app):
    receipt = _submit(cron_app)
    result = cron_app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    assert "已发送 1 件" in result.output
    [message] = _outbox(cron_app)
    assert receipt["tracking_code"] in message.get_body(("plain",)).get_content()
    [notice] = _notices(cron_app)
    assert notice.transport == "outbox"
    assert notice.detail == {"attempts": 1}


def test_no_notice_is_queued_without_an_email_address(cron_app):
    _submit(cron_app, email="", delivery="pickup")
    assert _notices(cron_app) == []


def test_a_restarted_service_delivers_what_was_queued_before_a_crash(cron_app, make_app):
    _submit(cron_app)
    restarted = make_app(MAIL_DELIVERY="inline")
    assert restarted.test_cli_runner().invoke(args=["send-mail"]).exit_code == 0
    assert len(_outbox(restarted)) == 1


def test_an_smtp_failure_is_recorded_and_retried_later(cron_app):
    _submit(cron_app)
    cron_app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=1)  # nothing listens: refused
    cron_app.test_cli_runner().invoke(args=["send-mail"])
    [notice] = _notices(cron_app)
    assert notice.transport == "queued"
    assert notice.detail["attempts"] == 1
    assert notice.detail["last_error"] == "ConnectionRefusedError"
    assert "tracking_code" in notice.detail["context"]  # still needed for the next attempt
    cron_app.config["SMTP_HOST"] = ""
    result = cron_app.test_cli_runner().invoke(args=["send-mail"])
    assert "已发送 0 件" in result.output  # the retry is not due yet
    with time_machine.travel(notice.sent_at + timedelta(seconds=1)):
        result = cron_app.test_cli_runner().invoke(args=["send-mail"])
    assert "已发送 1 件" in result.output
    assert len(_outbox(cron_app)) == 1


def test_a_notice_that_keeps_failing_is_kept_as_failed_and_can_be_requeued(cron_app):
    from request_api.services import outbox

    _submit(cron_app)
    cron_app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=1)
    for _ in range(outbox.MAX_ATTEMPTS):
        with time_machine.travel(at(2027, 1, 1) + timedelta(days=_)):
            cron_app.test_cli_runner().invoke(args=["send-mail"])
    [notice] = _notices(cron_app)
    assert (notice.transport, notice.detail["attempts"]) == ("failed", outbox.MAX_ATTEMPTS)
    cron_app.config["SMTP_HOST"] = ""
    result = cron_app.test_cli_runner().invoke(args=["send-mail", "--retry-failed"])
    assert "重新排队的失败通知：1 件" in result.output and "已发送 1 件" in result.output


def test_a_claimed_batch_is_not_claimed_twice(cron_app):
    from request_api.extensions import db
    from request_api.models import utcnow
    from request_api.services import outbox

    _submit(cron_app)
    with cron_app.app_context():
        assert outbox.claim(db.session, utcnow()) is not None
        assert outbox.claim(db.session, utcnow()) is None


def test_a_claim_abandoned_by_a_dead_process_goes_back_to_the_queue(cron_app):
    from request_api.extensions import db
    from request_api.models import utcnow
    from request_api.services import outbox

    _submit(cron_app)
    with cron_app.app_context():
        assert outbox.claim(db.session, utcnow() - outbox.CLAIM_LEASE * 2) is not None
        db.session.remove()
        assert outbox.deliver_due(db.session).sent == 1


def test_the_delivery_thread_sends_after_the_response(make_app):
    from request_api.services.mailer import stop_delivery_thread

    app = make_app(MAIL_DELIVERY="thread")
    try:
        _submit(app)
        deadline = time.monotonic() + 10
        while not _outbox(app) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(_outbox(app)) == 1
    finally:
        stop_delivery_thread(app)


def test_an_unknown_delivery_mode_is_refused(make_app):
    with pytest.raises(ValueError, match="MAIL_DELIVERY"):
        make_app(MAIL_DELIVERY="carrier-pigeon")


@pytest.mark.parametrize(
    ("method", "expected"), [("GET", True), ("HEAD", True), ("POST", False), ("PUT", False)]
)
def test_only_safe_requests_begin_read_transactions(app, method, expected):
    from request_api.database import reads_only

    with app.test_request_context("/", method=method):
        assert reads_only() is expected


def test_outside_requests_transactions_write_unless_told(app):
    from request_api.database import reading, reads_only, writing

    assert reads_only() is False
    with reading():
        assert reads_only() is True
    with app.test_request_context("/", method="GET"), writing():
        assert reads_only() is False


@pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite locking")
def test_readers_do_not_queue_behind_a_writer_on_sqlite(app, client):
    receipt = _submit(app)
    path = sa.engine.make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        started = time.monotonic()
        response = client.get(f"/api/v1/track/{receipt['tracking_code']}")
        assert response.status_code == 200
        assert time.monotonic() - started < 2
    finally:
        writer.execute("ROLLBACK")
        writer.close()


@pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite locking")
def test_a_writer_waits_for_the_lock_instead_of_failing_on_sqlite(app, client):
    path = sa.engine.make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    threading.Timer(0.5, lambda: writer.execute("ROLLBACK")).start()
    try:
        with time_machine.travel(at(2026, 2, 10), tick=False):
            response = client.post("/api/v1/requests", json=citizen())
        assert response.status_code == 201
    finally:
        time.sleep(0.6)
        writer.close()


def test_sqlite_writers_take_turns_on_the_lock_file(tmp_path):
    from request_api.database import WriterQueue

    queue, first, second = WriterQueue(str(tmp_path / "db-writer.lock")), {}, {}
    queue.acquire(first)
    waiter = threading.Thread(target=queue.acquire, args=(second,))
    waiter.start()
    waiter.join(0.3)
    assert waiter.is_alive()  # another thread's connection waits for its turn
    queue.release(first)
    waiter.join(5)
    assert second["writer_locked"]
    queue.close(first)
    queue.close(second)


def test_a_second_session_of_the_same_thread_does_not_deadlock(tmp_path):
    from request_api.database import WriterQueue

    queue, first, second = WriterQueue(str(tmp_path / "db-writer.lock")), {}, {}
    queue.acquire(first)
    queue.acquire(second)  # returns at once; SQLite's busy timeout applies instead
    assert "writer_locked" not in second
    queue.close(first)

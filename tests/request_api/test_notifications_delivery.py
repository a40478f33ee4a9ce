"""Mail outbox: queued with the change it reports, sent after the response, retried, migrated."""

from __future__ import annotations

import email
import json
import secrets
import sqlite3
import threading
import time
from datetime import datetime, timedelta
from email import policy
from pathlib import Path

import pytest
import sqlalchemy as sa
import time_machine
from request_samples import at, citizen
from service_support import TEST_DATABASE_URL, AuthActions


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
    assert (notice.status, notice.kind, notice.application_id) == (
        "queued",
        "received",
        receipt["id"],
    )
    assert (notice.attempts, notice.transport, notice.sent_at) == (0, None, None)
    assert notice.next_attempt_at is not None
    assert _outbox(cron_app) == []


def test_send_mail_delivers_the_queue_and_forgets_the_tracking_code(cron_app):
    receipt = _submit(cron_app)
    result = cron_app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    assert "已发送 1 件" in result.output
    [message] = _outbox(cron_app)
    assert receipt["tracking_code"] in message.get_body(("plain",)).get_content()
    [notice] = _notices(cron_app)
    assert (notice.status, notice.transport, notice.attempts) == ("sent", "file", 1)
    assert notice.sent_at is not None and notice.next_attempt_at is None
    assert notice.detail == {}


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
    assert (notice.status, notice.attempts) == ("queued", 1)
    assert notice.last_error_kind == "ConnectionRefusedError"
    assert "tracking_code" in notice.detail["context"]  # still needed for the next attempt
    cron_app.config["SMTP_HOST"] = ""
    result = cron_app.test_cli_runner().invoke(args=["send-mail"])
    assert "已发送 0 件" in result.output  # the retry is not due yet
    with time_machine.travel(notice.next_attempt_at + timedelta(seconds=1)):
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
    assert (notice.status, notice.attempts) == ("failed", outbox.MAX_ATTEMPTS)
    assert (notice.next_attempt_at, notice.transport) == (None, None)
    cron_app.config["SMTP_HOST"] = ""
    result = cron_app.test_cli_runner().invoke(args=["send-mail", "--retry-failed"])
    assert "重新排队的失败通知：1 件" in result.output and "已发送 1 件" in result.output


def test_a_claimed_batch_is_not_claimed_twice(cron_app):
    from request_api.extensions import db
    from request_api.models import utcnow
    from request_api.services import outbox

    _submit(cron_app)
    with cron_app.app_context():
        [claimed] = outbox.claim(db.session, utcnow())
        assert outbox.claim(db.session, utcnow()) == []
    [notice] = _notices(cron_app)
    assert (notice.id, notice.status) == (claimed, "sending")
    assert notice.claimed_at is not None


def test_a_claim_abandoned_by_a_dead_process_goes_back_to_the_queue(cron_app):
    from request_api.extensions import db
    from request_api.models import utcnow
    from request_api.services import outbox

    _submit(cron_app)
    with cron_app.app_context():
        assert outbox.claim(db.session, utcnow() - outbox.CLAIM_LEASE * 2)
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


def test_a_claim_within_its_lease_stays_with_its_process(cron_app):
    from request_api.extensions import db
    from request_api.models import utcnow
    from request_api.services import outbox

    _submit(cron_app)
    with cron_app.app_context():
        assert outbox.claim(db.session, utcnow() - outbox.CLAIM_LEASE / 2)
        outbox.release_stale_claims(db.session, utcnow())
    [notice] = _notices(cron_app)
    assert notice.status == "sending"


def test_a_reply_letter_is_queued_by_reference_and_sent_with_its_files(make_app, tmp_path):
    from letter_samples import PDF, reply

    app = make_app(
        MAIL_DELIVERY="cron",
        ATTACHMENTS_DIR=str(tmp_path / "files"),
        REPLY_EMAIL_LETTER_FORMAT="html",
    )
    client = app.test_client()
    receipt = _submit(app)
    auth = AuthActions(app, client)
    auth.create("clerk", "clerk", ["czj"])
    response = reply(client, auth, receipt["id"], "2026-02-20", files=[("明细表.pdf", PDF)])
    assert response.status_code == 303
    letter = _notices(app)[-1]
    assert (letter.kind, letter.status, letter.detail["attachments"]) == ("replied", "queued", 1)
    assert "letter_id" in letter.detail and _outbox(app) == []
    assert "已发送 2 件" in app.test_cli_runner().invoke(args=["send-mail"]).output
    [message] = [m for m in _outbox(app) if any(p.get_filename() for p in m.walk())]
    names = [part.get_filename() for part in message.walk() if part.get_filename()]
    assert names == ["云财公复〔2026〕1号.html", "明细表.pdf"]


def test_an_overdue_digest_waits_in_the_queue_and_forgets_its_text_once_sent(cron_app):
    auth = AuthActions(cron_app, cron_app.test_client())
    auth.create("clerk", "clerk", ["czj"], email="clerk@czj.example")
    _submit(cron_app)
    runner = cron_app.test_cli_runner()
    with time_machine.travel(at(2026, 3, 17), tick=False):
        assert runner.invoke(args=["overdue-digest"]).exit_code == 0
        assert "已发送 2 件" in runner.invoke(args=["send-mail"]).output
    digest = next(n for n in _notices(cron_app) if n.kind == "overdue_digest")
    assert (digest.status, digest.recipients) == ("sent", "clerk@czj.example")
    assert "message" not in digest.detail and digest.detail["overdue"]
    assert any(m["To"] == "clerk@czj.example" for m in _outbox(cron_app))


OLD_ROWS = [  # transport, sent_at, detail under revision 0003
    ("queued", "2026-02-10 08:00:00", {"attempts": 2, "last_error": "SMTPDataError 451"}),
    ("claim-0a1b2c3d4e", "2026-02-10 07:55:00", {"attempts": 0}),
    ("failed", "2026-02-09 06:00:00", {"attempts": 8, "last_error": "ConnectionRefusedError"}),
    ("outbox", "2026-02-08 05:00:00", {"attempts": 1}),
    ("smtp", "2026-02-07 04:00:00", {"attempts": 1, "context": {"event_id": 7}}),
]
NEW_STATE = [  # status, attempts, last_error_kind, transport, set timestamp column
    ("queued", 2, "SMTPDataError 451", None, "next_attempt_at"),
    ("sending", 0, None, None, "claimed_at"),
    ("failed", 8, "ConnectionRefusedError", None, None),
    ("sent", 1, None, "file", "sent_at"),
    ("sent", 1, None, "smtp", "sent_at"),
]


@pytest.fixture
def fresh_database_url(tmp_path):
    """Yield the URL of an empty database of its own (a PostgreSQL schema, or a SQLite file)."""
    if not TEST_DATABASE_URL:
        yield f"sqlite:///{tmp_path / 'round-trip.sqlite3'}"
        return
    from service_support import postgres_schema_url

    schema, admin = f"roundtrip_{secrets.token_hex(4)}", sa.create_engine(TEST_DATABASE_URL)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    yield postgres_schema_url(TEST_DATABASE_URL, schema)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.dispose()


def _old_rows_after(engine) -> list[tuple]:
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT transport, detail FROM notifications ORDER BY id"))
        return [(t, json.loads(d) if isinstance(d, str) else d) for t, d in rows]


def test_the_status_migration_moves_old_rows_and_round_trips(fresh_database_url, tmp_path):
    from flask_migrate import downgrade, upgrade
    from service_support import service_config

    from request_api import create_app
    from request_api.extensions import db

    app = create_app(service_config(fresh_database_url, tmp_path))
    table = sa.table("notifications", *(sa.column(c) for c in ("kind", "recipients", "transport")),
                     sa.column("sent_at", sa.DateTime), sa.column("detail", sa.JSON))  # fmt: skip
    with app.app_context():
        upgrade(revision="0003_stored_deadlines")
        with db.engine.begin() as conn:
            for transport, sent_at, detail in OLD_ROWS:
                values = {"kind": "received", "recipients": "a@example.cn", "transport": transport}
                when = datetime.fromisoformat(sent_at)
                conn.execute(table.insert().values(**values, sent_at=when, detail=detail))
        upgrade()
        with db.engine.connect() as conn:
            new = conn.execute(sa.text("SELECT * FROM notifications ORDER BY id")).mappings().all()
            index = {i["name"] for i in sa.inspect(conn).get_indexes("notifications")}
        downgrade(revision="0003_stored_deadlines")
        restored = _old_rows_after(db.engine)
        upgrade()
        db.engine.dispose()
    for row, (status, attempts, error, transport, stamped) in zip(new, NEW_STATE, strict=True):
        assert (row["status"], row["attempts"], row["last_error_kind"], row["transport"]) == (
            status, attempts, error, transport,
        )  # fmt: skip
        stamps = {c for c in ("next_attempt_at", "claimed_at", "sent_at") if row[c] is not None}
        assert stamps == ({stamped} if stamped else set())
    assert "ix_notifications_status_next_attempt_at" in index
    expected = [(t, d) for t, _, d in OLD_ROWS]
    expected[1] = ("claim-migrated", expected[1][1])  # a claim token of the old scheme
    assert restored == expected

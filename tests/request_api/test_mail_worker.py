"""Queue-only mail delivery: `send-mail --watch` beside the service; pooled SQLite connections."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
import warnings
from pathlib import Path

import pytest
import sqlalchemy as sa
import time_machine
from request_samples import at, citizen
from service_support import service_config


def _eml_count(app) -> int:
    folder = Path(app.config["OUTBOX_DIR"])
    return len(list(folder.glob("*.eml"))) if folder.exists() else 0


def _statuses(app) -> list[str]:
    from request_api.extensions import db
    from request_api.models import Notification

    with app.app_context():
        statuses = db.session.scalars(sa.select(Notification.status).order_by(Notification.id))
        found = list(statuses)
        db.session.remove()
        return found


def _submit(app) -> None:
    with time_machine.travel(at(2026, 2, 10), tick=False):
        response = app.test_client().post("/api/v1/requests", json=citizen())
    assert response.status_code == 201, response.get_json()


@pytest.fixture
def queue_app(make_app):
    """Return an app whose web requests only queue notices (MAIL_DELIVERY=queue)."""
    return make_app(MAIL_DELIVERY="queue")


def test_the_watch_loop_delivers_what_is_queued_while_it_runs(queue_app):
    from request_api.services.mailer import watch

    stop, totals = threading.Event(), []
    worker = threading.Thread(target=lambda: totals.append(watch(queue_app, 0.05, stop)))
    worker.start()
    try:
        _submit(queue_app)
        deadline = time.monotonic() + 10
        while _eml_count(queue_app) < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        stop.set()
        worker.join(10)
    assert not worker.is_alive()
    assert _eml_count(queue_app) == 1
    assert _statuses(queue_app) == ["sent"]
    assert totals[0].sent == 1


def test_a_set_stop_event_ends_the_loop_after_the_run_under_way(queue_app):
    from request_api.services.mailer import watch

    _submit(queue_app)
    stop = threading.Event()
    stop.set()
    started = time.monotonic()
    total = watch(queue_app, 30, stop)
    assert time.monotonic() - started < 5
    assert (total.sent, total.retrying, total.failed) == (1, 0, 0)


def test_a_failing_run_is_logged_and_the_loop_goes_on(queue_app, monkeypatch, caplog):
    from request_api.services import mailer

    real, stop, calls = mailer.deliver_now, threading.Event(), []

    def flaky(app):
        calls.append(app)
        if len(calls) == 1:
            raise sa.exc.OperationalError("SELECT 1", {}, OSError("database down"))
        stop.set()
        return real(app)

    _submit(queue_app)
    monkeypatch.setattr(mailer, "deliver_now", flaky)
    with caplog.at_level(logging.ERROR, logger=mailer.__name__):
        total = mailer.watch(queue_app, 0.01, stop)
    assert len(calls) == 2 and total.sent == 1
    [record] = [r for r in caplog.records if r.name == mailer.__name__]
    assert "mail delivery run failed" in record.getMessage()
    assert record.exc_info is not None


@pytest.mark.parametrize("mode", ["queue", "cron", " Cron "])
def test_queue_modes_only_queue(make_app, mode):
    from request_api.services import mailer

    app = make_app(MAIL_DELIVERY=mode)
    assert mailer.delivery_mode(app) == "queue"
    _submit(app)
    assert _statuses(app) == ["queued"]
    assert _eml_count(app) == 0
    assert id(app) not in mailer._threads  # no delivery thread in the web workers


def test_queue_mode_is_read_from_the_environment(make_app, monkeypatch):
    from request_api.services.mailer import delivery_mode

    monkeypatch.setenv("MAIL_DELIVERY", "queue")
    assert delivery_mode(make_app()) == "queue"


def test_an_unknown_delivery_mode_names_the_choices(make_app):
    with pytest.raises(ValueError, match=r"MAIL_DELIVERY must be thread, inline or queue"):
        make_app(MAIL_DELIVERY="carrier-pigeon")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_send_mail_watch_stops_on_a_signal(queue_app, monkeypatch, signum):
    from request_api.services import mailer

    real, before = mailer.deliver_now, signal.getsignal(signum)

    def deliver_then_signal(app):
        report = real(app)
        os.kill(os.getpid(), signum)  # as systemd stops the service, right after the first run
        return report

    _submit(queue_app)
    monkeypatch.setattr(mailer, "deliver_now", deliver_then_signal)
    started = time.monotonic()
    result = queue_app.test_cli_runner().invoke(args=["send-mail", "--watch", "--interval", "30"])
    assert time.monotonic() - started < 5
    assert result.exit_code == 0, result.output
    assert "每隔 30 秒投递一次" in result.output
    assert "已停止投递（本次运行已发送 1 件，待重试 0 件，发送失败 0 件）" in result.output
    assert signal.getsignal(signum) == before
    assert _eml_count(queue_app) == 1


def test_send_mail_without_watch_runs_once(queue_app):
    _submit(queue_app)
    result = queue_app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "已发送 1 件，待重试 0 件，发送失败 0 件"


def test_pooled_sqlite_connections_go_back_without_a_deprecation_warning(tmp_path):
    from request_api import create_app
    from request_api.extensions import db

    app = create_app(service_config(f"sqlite:///{tmp_path / 'pool.sqlite3'}", tmp_path))
    with app.app_context():
        engine, seen = db.engine, set()
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                for _ in range(3):
                    with engine.begin() as conn:  # a writer: takes its turn on the lock file
                        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS probe (x INTEGER)")
                        seen.add(id(conn.connection.dbapi_connection))
                        info = conn.connection.info
                    assert not info.get("writer_locked")
            assert [str(w.message) for w in caught] == []
            assert len(seen) == 1  # reset on check-in succeeded: the connection stays pooled
        finally:
            engine.dispose()

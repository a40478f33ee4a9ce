"""Hand queued notices to delivery: a thread in each worker process, inline, or a cron job.

MAIL_DELIVERY (app config, else the environment) chooses:
``thread`` (default) delivers in a background thread of the worker after the response;
``inline`` delivers right after the commit, before the response (the default in tests);
``cron`` only queues, for `flask --app request_api send-mail` run every minute.
In every mode the thread or the command also retries what failed before.
"""

from __future__ import annotations

import logging
import os
import threading
import time

import click
from flask import Flask, current_app, has_request_context
from flask.cli import with_appcontext
from sqlalchemy.orm import Session

from ..extensions import db
from . import outbox

logger = logging.getLogger(__name__)

MODES = ("thread", "inline", "cron")
POLL_SECONDS = 60.0  # how often an idle thread looks for retries and other processes' leftovers
GATHER_SECONDS = 1.0  # let notices gather: one claim and one record transaction per batch


def delivery_mode(app: Flask) -> str:
    """Return the configured delivery mode."""
    mode = app.config.get("MAIL_DELIVERY") or os.environ.get("MAIL_DELIVERY")
    mode = (mode or ("inline" if app.testing else "thread")).strip().lower()
    if mode not in MODES:
        raise ValueError(f"MAIL_DELIVERY must be one of {', '.join(MODES)}, not {mode!r}")
    return mode


def deliver_now(app: Flask) -> outbox.DeliveryReport:
    """Deliver every due notice with a session of its own."""
    with app.app_context(), Session(db.engine) as session:
        return outbox.deliver_due(session)


class DeliveryThread:
    """A daemon thread that delivers the outbox when woken and every POLL_SECONDS."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.pid = os.getpid()
        self.wakeup = threading.Event()
        self.stopping = False
        self.thread = threading.Thread(target=self._run, name="mail-delivery", daemon=True)
        self.thread.start()

    def wake(self) -> None:
        """Ask for a delivery run soon."""
        self.wakeup.set()

    def stop(self, timeout: float = 10) -> None:
        """Finish the current run and end the thread (tests; workers simply exit)."""
        self.stopping = True
        self.wakeup.set()
        self.thread.join(timeout)

    def _run(self) -> None:
        """Deliver until stopped; an error is logged and the next run tries again."""
        while not self.stopping:
            if self.wakeup.wait(POLL_SECONDS):
                time.sleep(GATHER_SECONDS)
            self.wakeup.clear()
            try:
                deliver_now(self.app)
            except Exception:  # noqa: BLE001  (the thread must outlive a database outage)
                logger.exception("mail delivery run failed; retrying later")


_threads: dict[int, DeliveryThread] = {}
_lock = threading.Lock()


def delivery_thread(app: Flask) -> DeliveryThread:
    """Return this process's delivery thread for app, starting it on first use."""
    key = id(app)
    with _lock:
        found = _threads.get(key)
        if found is None or found.pid != os.getpid():  # none yet, or inherited over a fork
            found = _threads[key] = DeliveryThread(app)
        return found


def stop_delivery_thread(app: Flask) -> None:
    """Stop this process's delivery thread for app, if any."""
    with _lock:
        found = _threads.pop(id(app), None)
    if found is not None:
        found.stop()


def schedule_delivery() -> None:
    """Deliver the notices just committed, as MAIL_DELIVERY says."""
    app = current_app._get_current_object()
    mode = delivery_mode(app)
    if mode == "cron":
        return
    if mode == "thread" and has_request_context():
        delivery_thread(app).wake()
        return
    report = deliver_now(app)
    if report.retrying or report.failed:
        logger.warning("%s notices wait for a retry", report.retrying + report.failed)


def _start_thread(app: Flask) -> None:
    """Start the delivery thread with the first request, to pick up what a crash left."""
    found = _threads.get(id(app))
    if found is None or found.pid != os.getpid():
        delivery_thread(app)


@click.command("send-mail")
@click.option("--retry-failed", is_flag=True, help="也重试已放弃发送的通知")
@with_appcontext
def send_mail_command(retry_failed: bool) -> None:
    """Deliver the queued notices (for cron when MAIL_DELIVERY=cron)."""
    app = current_app._get_current_object()
    if retry_failed:
        with Session(db.engine) as session:
            click.echo(f"重新排队的失败通知：{outbox.requeue_failed(session)} 件")
    report = deliver_now(app)
    click.echo(f"已发送 {report.sent} 件，待重试 {report.retrying} 件，发送失败 {report.failed} 件")


def init_app(app: Flask) -> None:
    """Check the delivery mode, register `send-mail` and start the thread with the first request."""
    mode = delivery_mode(app)
    app.cli.add_command(send_mail_command)
    if mode == "thread":
        app.before_request(lambda: _start_thread(app))

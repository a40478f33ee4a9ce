"""Hand queued notices to delivery: a thread in each worker, inline, or a separate process.

MAIL_DELIVERY (app config, else the environment) chooses:
``thread`` (default) delivers in a background thread of the worker after the response;
``inline`` delivers right after the commit, before the response (the default in tests);
``queue`` (or its old name ``cron``) only queues: `flask --app request_api send-mail --watch`
runs beside the service (production), or `send-mail` from cron every minute.
In every mode the thread or the command also retries what failed before.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

import click
from flask import Flask, current_app, has_request_context
from flask.cli import with_appcontext
from sqlalchemy.orm import Session

from ..extensions import db
from . import outbox

logger = logging.getLogger(__name__)

MODES = ("thread", "inline", "queue")
ALIASES = {"cron": "queue"}  # the name of queue-only mode before `send-mail --watch`
POLL_SECONDS = 60.0  # how often an idle thread looks for retries and other processes' leftovers
GATHER_SECONDS = 1.0  # let notices gather: one claim and one record transaction per batch
WATCH_SECONDS = 2.0  # default pause between the runs of `send-mail --watch`
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def delivery_mode(app: Flask) -> str:
    """Return the configured delivery mode, with `cron` read as `queue`."""
    mode = app.config.get("MAIL_DELIVERY") or os.environ.get("MAIL_DELIVERY")
    mode = (mode or ("inline" if app.testing else "thread")).strip().lower()
    mode = ALIASES.get(mode, mode)
    if mode not in MODES:
        raise ValueError(
            f"MAIL_DELIVERY must be thread, inline or queue (cron), not {mode!r}. "
            f"MAIL_DELIVERY 应为 thread、inline 或 queue（cron 同 queue），现为 {mode!r}。"
        )
    return mode


def deliver_now(app: Flask) -> outbox.DeliveryReport:
    """Deliver every due notice with a session of its own."""
    with app.app_context(), Session(db.engine) as session:
        return outbox.deliver_due(session)


def summary(report: outbox.DeliveryReport) -> str:
    """Describe a delivery run for the operator."""
    return f"已发送 {report.sent} 件，待重试 {report.retrying} 件，发送失败 {report.failed} 件"


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
    if mode == "queue":
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


def watch(app: Flask, interval: float, stop: threading.Event) -> outbox.DeliveryReport:
    """Deliver the due notices now and every interval seconds until stop is set; return totals.

    A run that fails (the database is down) is logged and the next run tries again; once stop is
    set, the run under way finishes and the loop ends.
    """
    total = outbox.DeliveryReport()
    while True:
        try:
            report = deliver_now(app)
        except Exception:  # noqa: BLE001  (the deliverer must outlive a database outage)
            logger.exception("mail delivery run failed; retrying in %s s", interval)
        else:
            total.sent += report.sent
            total.retrying += report.retrying
            total.failed += report.failed
            if report.total:
                click.echo(summary(report))
        if stop.wait(interval):
            return total


def _stop_on_signals(stop: threading.Event) -> dict:
    """Set stop on SIGTERM or SIGINT; return the handlers replaced."""

    def handler(_signum, _frame) -> None:
        # From another thread: the signal may interrupt this one while it holds the event's lock.
        threading.Thread(target=stop.set, name="mail-watch-stop").start()

    return {signum: signal.signal(signum, handler) for signum in STOP_SIGNALS}


@click.command(
    "send-mail",
    help="投递待发通知：默认投递一轮后退出；--watch 时持续运行（配合 MAIL_DELIVERY=queue）。",
)
@click.option("--retry-failed", is_flag=True, help="也重试已放弃发送的通知")
@click.option(
    "--watch",
    "keep_watching",
    is_flag=True,
    help="持续运行，每隔 --interval 秒投递一次；收到 SIGTERM 或 SIGINT 后投递完当前一轮即退出",
)
@click.option(
    "--interval",
    type=click.FloatRange(min=0.1),
    default=WATCH_SECONDS,
    show_default=True,
    help="--watch 时两轮投递之间的间隔（秒）",
)
@with_appcontext
def send_mail_command(retry_failed: bool, keep_watching: bool, interval: float) -> None:
    """Deliver the queued notices once, or with --watch until stopped (MAIL_DELIVERY=queue)."""
    app = current_app._get_current_object()
    if retry_failed:
        with Session(db.engine) as session:
            click.echo(f"重新排队的失败通知：{outbox.requeue_failed(session)} 件")
    if not keep_watching:
        click.echo(summary(deliver_now(app)))
        return
    stop = threading.Event()
    previous = _stop_on_signals(stop)
    click.echo(f"每隔 {interval:g} 秒投递一次待发通知；收到 SIGTERM 或 SIGINT 后停止")
    try:
        total = watch(app, interval, stop)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    click.echo(f"已停止投递（本次运行{summary(total)}）")


def init_app(app: Flask) -> None:
    """Check the delivery mode, register `send-mail` and start the thread with the first request."""
    mode = delivery_mode(app)
    app.cli.add_command(send_mail_command)
    if mode == "thread":
        app.before_request(lambda: _start_thread(app))

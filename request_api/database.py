"""Engine settings: SQLite in WAL mode with durable commits; writers queue, readers never wait."""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

logger = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 20000  # under gunicorn's 30 s timeout: the request fails, not the worker
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_intent: ContextVar[str | None] = ContextVar("transaction_intent", default=None)


def engine_options(uri: str, options: dict) -> dict:
    """Return engine options suited to the database in uri."""
    options = dict(options)
    if uri.startswith("sqlite"):
        connect_args = dict(options.get("connect_args", {}))
        connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        connect_args.setdefault("check_same_thread", False)
        options["connect_args"] = connect_args
    else:
        options.setdefault("pool_pre_ping", True)
    return options


def configure_engine(engine: Engine) -> None:
    """Install SQLite pragmas and the BEGIN policy; nothing to do for PostgreSQL."""
    if engine.dialect.name != "sqlite":
        return
    queue = WriterQueue.for_engine(engine)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", lambda connection: _sqlite_begin(connection, queue))
    if queue is not None:
        queue.install(engine)


@contextmanager
def reading() -> Iterator[None]:
    """Open the transactions begun in this block with a plain BEGIN: they only read."""
    token = _intent.set("read")
    try:
        yield
    finally:
        _intent.reset(token)


@contextmanager
def writing() -> Iterator[None]:
    """Open the transactions begun in this block with BEGIN IMMEDIATE, even in a GET request."""
    token = _intent.set("write")
    try:
        yield
    finally:
        _intent.reset(token)


def reads_only() -> bool:
    """Tell whether a transaction begun now only reads: reading(), or a GET/HEAD request."""
    intent = _intent.get()
    if intent is not None:
        return intent == "read"
    return has_request_context() and request.method in READ_METHODS


def _sqlite_connect(dbapi_connection, connection_record) -> None:
    """Use WAL with synchronous=FULL so that an acknowledged commit survives a crash."""
    dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" event emit BEGIN
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _sqlite_begin(connection, queue: WriterQueue | None) -> None:
    """Take the write lock at BEGIN for writers (they queue, never fail); readers take none.

    A write transaction must hold the lock from its first statement: in WAL mode a transaction
    that read first and writes later fails at once (SQLITE_BUSY_SNAPSHOT) if another writer
    committed in between, and the receipt counter must stay gap-free.
    """
    if reads_only():
        connection.exec_driver_sql("BEGIN")
        return
    if queue is not None:
        queue.acquire(connection.connection.info)
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    except BaseException:
        if queue is not None:
            queue.release(connection.connection.info)
        raise


class WriterQueue:
    """Let SQLite writers of every process wait in turn on a lock file, woken as soon as it frees.

    SQLite's own busy handler polls with sleeps growing to 100 ms, so under load a writer that
    has waited long keeps losing to newcomers (multi-second tails). Here each pooled connection
    holds its own descriptor of `<database>-writer.lock` and takes an exclusive flock before
    BEGIN IMMEDIATE; the kernel hands the lock to one waiter when the previous writer commits or
    rolls back. The busy timeout still covers writers that do not use this queue (sqlite3 CLI).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._turns = threading.local()  # turns held by the current thread

    @classmethod
    def for_engine(cls, engine: Engine) -> WriterQueue | None:
        """Return a queue for a file database, or None for an in-memory one."""
        database = engine.url.database
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        return cls(os.path.abspath(database) + "-writer.lock")

    def install(self, engine: Engine) -> None:
        """Release the turn when a transaction ends or a connection goes back to the pool."""
        event.listen(engine, "commit", lambda conn: self.release(conn.connection.info))
        event.listen(engine, "rollback", lambda conn: self.release(conn.connection.info))
        for name in ("checkin", "invalidate", "soft_invalidate", "detach"):
            event.listen(engine.pool, name, self._on_pool_event)
        event.listen(engine.pool, "reset", self._on_reset)
        event.listen(engine.pool, "close", lambda _dbapi, record: self.close(record.info))

    def acquire(self, info: dict) -> None:
        """Wait for this connection's turn to write (the GIL is released while waiting)."""
        if info.get("writer_locked"):
            return
        if getattr(self._turns, "held", 0):
            return  # a second session of this thread: SQLite's busy timeout, never a deadlock
        if "writer_fd" not in info:
            info["writer_fd"] = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(info["writer_fd"], fcntl.LOCK_EX)
        info["writer_locked"] = True
        self._turns.held = 1

    def release(self, info: dict) -> None:
        """Hand the turn to the next writer, if this connection holds it."""
        if info.pop("writer_locked", False):
            fcntl.flock(info["writer_fd"], fcntl.LOCK_UN)
            self._turns.held = 0

    def close(self, info: dict) -> None:
        """Release and close this connection's descriptor."""
        self.release(info)
        fd = info.pop("writer_fd", None)
        if fd is not None:
            os.close(fd)

    def _on_pool_event(self, _dbapi_connection, record, *_args) -> None:
        """Release the turn of a connection going back to (or out of) the pool."""
        if record is not None:
            self.release(record.info)

    def _on_reset(self, dbapi_connection, connection_record, reset_state) -> None:
        """Release the turn of a connection being reset (the SQLAlchemy 2 signature of "reset")."""
        self._on_pool_event(dbapi_connection, connection_record)

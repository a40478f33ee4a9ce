"""Engine settings: SQLite in WAL mode with durable commits; writers queue, readers never wait."""

from __future__ import annotations

import logging
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
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)


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


def _sqlite_begin(connection) -> None:
    """Take the write lock at BEGIN for writers (they queue, never fail); readers take none.

    A write transaction must hold the lock from its first statement: in WAL mode a transaction
    that read first and writes later fails at once (SQLITE_BUSY_SNAPSHOT) if another writer
    committed in between, and the receipt counter must stay gap-free.
    """
    connection.exec_driver_sql("BEGIN" if reads_only() else "BEGIN IMMEDIATE")

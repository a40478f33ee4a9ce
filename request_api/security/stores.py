"""Counter stores for the rate limiter: in-process memory, or a shared SQL database."""

import threading
import time
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

CLEANUP_INTERVAL = 60.0


class Store(Protocol):
    """Fixed-window hit counters keyed by (key, window number)."""

    def hit(self, key: str, window: int, period: int) -> tuple[int, int]:
        """Count one hit in `window`; return (hits in the previous window, hits in this one)."""

    def undo(self, key: str, window: int) -> None:
        """Take back one hit counted in `window`."""


class MemoryStore:
    """Counters in this process only (one gunicorn worker each)."""

    def __init__(self) -> None:
        self._counts: dict[tuple[str, int], list[float]] = {}
        self._lock = threading.Lock()
        self._next_cleanup = time.monotonic() + CLEANUP_INTERVAL

    def hit(self, key: str, window: int, period: int) -> tuple[int, int]:
        """Count one hit in `window`; return (previous, current) counts."""
        with self._lock:
            self._cleanup(window * period)
            entry = self._counts.setdefault((key, window), [0, (window + 2) * period])
            entry[0] += 1
            previous = self._counts.get((key, window - 1), [0])[0]
            return int(previous), int(entry[0])

    def undo(self, key: str, window: int) -> None:
        """Take back one hit counted in `window`."""
        with self._lock:
            entry = self._counts.get((key, window))
            if entry and entry[0] > 0:
                entry[0] -= 1

    def _cleanup(self, now: float) -> None:
        """Drop windows too old to matter (caller holds the lock)."""
        if time.monotonic() < self._next_cleanup:
            return
        self._next_cleanup = time.monotonic() + CLEANUP_INTERVAL
        for key in [k for k, (_, expires) in self._counts.items() if expires < now]:
            del self._counts[key]


metadata = sa.MetaData()
hits_table = sa.Table(
    "security_rate_limit",
    metadata,
    sa.Column("bucket_key", sa.String(200), primary_key=True),
    sa.Column("window_no", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("hits", sa.Integer, nullable=False),
    sa.Column("expires_at", sa.BigInteger, nullable=False, index=True),
)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Let several worker processes share one SQLite counter file."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class SQLStore:
    """Counters in a SQL table shared by every worker (SQLite file or PostgreSQL)."""

    def __init__(self, url: str) -> None:
        self.engine = sa.create_engine(url, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self._insert = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}.get(
            self.engine.dialect.name
        )
        if self._insert is None:
            raise ValueError(f"unsupported rate-limit database: {self.engine.dialect.name}")
        metadata.create_all(self.engine)
        self._next_cleanup = 0.0

    def hit(self, key: str, window: int, period: int) -> tuple[int, int]:
        """Count one hit in `window`; return (previous, current) counts."""
        t = hits_table
        upsert = self._insert(t).values(
            bucket_key=key, window_no=window, hits=1, expires_at=(window + 2) * period
        )
        upsert = upsert.on_conflict_do_update(
            index_elements=[t.c.bucket_key, t.c.window_no], set_={"hits": t.c.hits + 1}
        )
        query = sa.select(t.c.window_no, t.c.hits).where(
            t.c.bucket_key == key, t.c.window_no.in_([window - 1, window])
        )
        with self.engine.begin() as conn:
            conn.execute(upsert)
            counts = {row[0]: row[1] for row in conn.execute(query)}
            self._cleanup(conn, window * period)
        return counts.get(window - 1, 0), counts.get(window, 1)

    def undo(self, key: str, window: int) -> None:
        """Take back one hit counted in `window`."""
        t = hits_table
        with self.engine.begin() as conn:
            conn.execute(
                t.update()
                .where(t.c.bucket_key == key, t.c.window_no == window, t.c.hits > 0)
                .values(hits=t.c.hits - 1)
            )

    def _cleanup(self, conn: sa.Connection, now: float) -> None:
        """Delete expired windows about once a minute per process."""
        if time.monotonic() < self._next_cleanup:
            return
        self._next_cleanup = time.monotonic() + CLEANUP_INTERVAL
        conn.execute(hits_table.delete().where(hits_table.c.expires_at < int(now)))


def make_store(url: str) -> Store:
    """Return the store named by RATELIMIT_STORAGE_URL (memory:// or a SQLAlchemy URL)."""
    if not url or url.startswith("memory:"):
        return MemoryStore()
    return SQLStore(url)

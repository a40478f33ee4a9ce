"""Crash safety: SIGKILL the real server mid-stream; every acknowledged submission survives."""

from __future__ import annotations

import http.client
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from request_samples import citizen

from bench.server import REPO, GunicornServer

BIN = Path(sys.executable).parent
ACKNOWLEDGED_BEFORE_KILL = 40
SUBMITTERS = 4


@pytest.fixture(params=["sqlite", "postgresql"])
def crash_database_url(request, tmp_path):
    """Yield a fresh database URL: a SQLite file, or a PostgreSQL schema dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'requests.sqlite3'}"
        return
    base = os.environ.get("TEST_DATABASE_URL", "")
    if not base.startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL is not set to PostgreSQL")
    schema = f"crash_{secrets.token_hex(6)}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = sa.engine.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.dispose()


def service_env(database_url: str, tmp_path: Path) -> dict[str, str]:
    """Return the environment of a production-like server with rate limits off."""
    return {
        "DISCLOSURE_ENV": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": database_url,
        "RATELIMIT_ENABLED": "0",
        "OUTBOX_DIR": str(tmp_path / "outbox"),
        "SITE_DIR": str(tmp_path / "site"),
    }


def migrate(env: dict[str, str]) -> None:
    """Create the schema with `flask --app request_api db upgrade`."""
    subprocess.run(
        [str(BIN / "flask"), "--app", "request_api", "db", "upgrade"],
        cwd=REPO,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        timeout=120,
    )


def call(port: int, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    """Make one request; return (status, JSON body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        conn.request(method, path, body=payload, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        conn.close()


class Submitter:
    """Threads that submit applications until stopped, keeping every acknowledged receipt."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.acknowledged: list[dict] = []
        self.failures = 0
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run) for _ in range(SUBMITTERS)]

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                status, body = call(self.port, "POST", "/api/v1/requests", citizen())
            except (OSError, http.client.HTTPException, ValueError):
                status, body = 0, {}
            with self.lock:
                if status == 201:
                    self.acknowledged.append(body)
                else:
                    self.failures += 1

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def wait_for(self, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while len(self.acknowledged) < count and time.monotonic() < deadline:
            time.sleep(0.01)

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(30)


def test_sigkill_mid_stream_loses_no_acknowledged_submission(crash_database_url, tmp_path):
    env = service_env(crash_database_url, tmp_path)
    migrate(env)
    ready = "/api/v1/openapi.json"
    log = tmp_path / "gunicorn.log"
    server = GunicornServer("request_api:create_app()", env, 2, ready, log).start()
    submitter = Submitter(server.port)
    try:
        submitter.start()
        submitter.wait_for(ACKNOWLEDGED_BEFORE_KILL, timeout=60)
        server.kill()  # SIGKILL to master and workers while submissions are in flight
        time.sleep(0.2)
    finally:
        submitter.finish()
        server.kill()
    acknowledged = list(submitter.acknowledged)
    assert len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL, log.read_text()
    assert submitter.failures > 0  # the stream went on into the dead server

    if crash_database_url.startswith("sqlite"):
        conn = sqlite3.connect(crash_database_url.removeprefix("sqlite:///"))
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = conn.execute("SELECT count(*) FROM applications").fetchone()[0]
        finally:
            conn.close()
        assert stored >= len(acknowledged)

    with GunicornServer("request_api:create_app()", env, 2, ready, log) as restarted:
        for receipt in acknowledged:
            status, view = call(restarted.port, "GET", f"/api/v1/track/{receipt['tracking_code']}")
            assert status == 200, receipt
            assert view["receipt_no"] == receipt["receipt_no"]
        status, after = call(restarted.port, "POST", "/api/v1/requests", citizen())
    assert status == 201
    numbers = [r["receipt_no"] for r in acknowledged] + [after["receipt_no"]]
    assert len(set(numbers)) == len(numbers)

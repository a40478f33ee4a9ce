"""Receipt numbers: per agency and year, sequential, gap-free under 50 concurrent submissions."""

from __future__ import annotations

import threading

import pytest
import time_machine
from request_samples import at, citizen
from service_support import TEST_DATABASE_URL, migrate, service_config


def _submit(client, **overrides):
    return client.post("/api/v1/requests", json=citizen(**overrides)).get_json()


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_numbers_are_sequential_per_agency(client):
    numbers = [_submit(client)["receipt_no"] for _ in range(3)]
    other = _submit(client, agency="szf")["receipt_no"]
    assert numbers == ["2026-000001", "2026-000002", "2026-000003"]
    assert other == "2026-000001"


def test_numbers_restart_each_year(client):
    with time_machine.travel(at(2025, 12, 31), tick=False):
        assert _submit(client)["receipt_no"] == "2025-000001"
        assert _submit(client)["receipt_no"] == "2025-000002"
    with time_machine.travel(at(2026, 1, 5), tick=False):
        assert _submit(client)["receipt_no"] == "2026-000001"


@time_machine.travel(at(2026, 12, 31, 20), tick=False)
def test_year_is_the_year_of_receipt_not_of_submission(client):
    # Thu 2026-12-31 20:00 Beijing is a working day; received that day.
    assert _submit(client)["receipt_no"] == "2026-000001"


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_failed_submission_leaves_no_gap(client):
    assert _submit(client)["receipt_no"] == "2026-000001"
    assert client.post("/api/v1/requests", json=citizen(phone="x")).status_code == 400
    assert _submit(client)["receipt_no"] == "2026-000002"


def _backends():
    yield pytest.param("sqlite", id="sqlite")
    yield pytest.param(
        "postgresql",
        id="postgresql",
        marks=pytest.mark.skipif(not TEST_DATABASE_URL, reason="TEST_DATABASE_URL is not set"),
    )


@pytest.fixture
def backend_app(request, database_url, tmp_path):
    """An app on a fresh SQLite file, or on the session's PostgreSQL schema."""
    from request_api import create_app
    from request_api.extensions import db

    if request.param == "sqlite":
        url = "sqlite:///" + str(tmp_path / "concurrency.sqlite3")
        migrate(url, tmp_path)
    else:
        url = database_url
    app = create_app(service_config(url, tmp_path))
    yield app
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())
        db.engine.dispose()


@pytest.mark.parametrize("backend_app", list(_backends()), indirect=True)
def test_fifty_concurrent_submissions_get_fifty_gap_free_numbers(backend_app):
    results: list[tuple[int, dict]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(50)

    def submit():
        client = backend_app.test_client()
        barrier.wait()
        response = client.post("/api/v1/requests", json=citizen())
        with lock:
            results.append((response.status_code, response.get_json()))

    with time_machine.travel(at(2026, 2, 10), tick=False):
        threads = [threading.Thread(target=submit) for _ in range(50)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [status for status, _ in results] == [201] * 50
    numbers = sorted(body["receipt_no"] for _, body in results)
    assert numbers == [f"2026-{n:06d}" for n in range(1, 51)]
    assert len({body["tracking_code"] for _, body in results}) == 50

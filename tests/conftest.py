"""Shared fixtures of the request service tests: app, client, runner, db, auth helper.

The database is SQLite in a temporary folder, or PostgreSQL when TEST_DATABASE_URL is set
(each test session then works in its own schema, dropped at the end). The schema is created
once per session by the Alembic migrations; every test starts from empty tables.
"""

from __future__ import annotations

import os
import secrets

import pytest
import sqlalchemy as sa
from service_support import (
    TEST_DATABASE_URL,
    AuthActions,
    migrate,
    postgres_schema_url,
    service_config,
)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """Yield the URL of a migrated, empty database for this test session."""
    if TEST_DATABASE_URL:
        schema = f"test_{os.getpid()}_{secrets.token_hex(4)}"
        admin = sa.create_engine(TEST_DATABASE_URL)
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        url = postgres_schema_url(TEST_DATABASE_URL, schema)
    else:
        url = "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")
    migrate(url, tmp_path_factory.mktemp("migrate"))
    yield url
    if TEST_DATABASE_URL:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture
def app_config(database_url, tmp_path):
    """Return the configuration of the test app; tests may change it before using app."""
    return service_config(database_url, tmp_path)


def _empty_tables_and_dispose(app) -> None:
    """Delete every row and close the app's connections."""
    from request_api.extensions import db

    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())
        db.engine.dispose()


@pytest.fixture
def make_app(app_config):
    """Return a factory of apps with config overrides; their tables are emptied afterwards."""
    from request_api import create_app

    made = []

    def factory(**overrides):
        made.append(create_app({**app_config, **overrides}))
        return made[-1]

    yield factory
    for app in made:
        _empty_tables_and_dispose(app)


@pytest.fixture
def app(make_app):
    """Yield the application with empty tables, cleaning them after the test."""
    return make_app()


@pytest.fixture
def client(app):
    """Return a test client."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Return a CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    """Yield the database session inside an application context."""
    from request_api.extensions import db as database

    with app.app_context():
        yield database.session


@pytest.fixture
def auth(app, client):
    """Return the auth helper."""
    return AuthActions(app, client)


@pytest.fixture(autouse=True)
def official_data_without_2027(monkeypatch):
    """Keep 2027 an unknown year whatever holiday data is installed.

    The suite checks provisional deadlines across the 2026/2027 year end; chinesecalendar will gain
    2027 once the State Council announces it, and the tests must keep meaning the same then.
    """
    from disclosure import calendar

    official = calendar.official_calendar()
    if official.is_known(2027):
        known = {year: arr for year, arr in official.arrangements.items() if year != 2027}
        monkeypatch.setattr(calendar, "official_calendar", lambda: calendar.WorkingCalendar(known))
    calendar._load_cached.cache_clear()
    yield
    calendar._load_cached.cache_clear()

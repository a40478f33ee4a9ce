"""Shared fixtures of the request service tests: app, client, runner, db, auth helper.

The database is SQLite in a temporary folder, or PostgreSQL when TEST_DATABASE_URL is set
(each test session then works in its own schema, dropped at the end). The schema is created
once per session by the Alembic migrations; every test starts from empty tables.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest
import sqlalchemy as sa

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "").strip()

AGENCIES_YAML = """\
- code: czj
  name: 云溪市财政局
  short_name: 市财政局
  index_prefix: 11341900003051047M
  reply_prefix: 云财公复
  office: 云溪市财政局政府信息公开工作办公室
  address: 云溪市溪城区淮河路216号
  postcode: "236100"
  office_hours: 工作日上午8:30—12:00，下午14:30—17:30
  phone: 0558-3045120
  email: gk@czj.yunxi.gov.cn
- code: szf
  name: 云溪市人民政府办公室
  short_name: 市政府办公室
  index_prefix: 11341900003051020X
  reply_prefix: 云政办公复
  office: 云溪市人民政府办公室政务公开科
  address: 云溪市溪城区南京路88号
  postcode: "236100"
  office_hours: 工作日上午8:30—12:00，下午14:30—17:30
  phone: 0558-3021006
  email: zwgk@szf.yunxi.gov.cn
"""


def _postgres_schema_url(base_url: str, schema: str) -> str:
    """Return base_url with a search_path option selecting schema."""
    url = sa.engine.make_url(base_url)
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """Yield the URL of a migrated, empty database for this test session."""
    if TEST_DATABASE_URL:
        schema = f"test_{os.getpid()}_{secrets.token_hex(4)}"
        admin = sa.create_engine(TEST_DATABASE_URL)
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        url = _postgres_schema_url(TEST_DATABASE_URL, schema)
    else:
        url = "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")
    _migrate(url, tmp_path_factory.mktemp("migrate"))
    yield url
    if TEST_DATABASE_URL:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def _migrate(url: str, tmp: Path) -> None:
    """Apply the Alembic migrations to the database at url."""
    from flask_migrate import upgrade

    from request_api import create_app
    from request_api.extensions import db

    app = create_app(_config(url, tmp))
    with app.app_context():
        upgrade()
        db.engine.dispose()


def _config(url: str, tmp: Path, **extra) -> dict:
    """Return the test configuration."""
    content = tmp / "content"
    content.mkdir(exist_ok=True)
    (content / "agencies.yaml").write_text(AGENCIES_YAML, encoding="utf-8")
    site = tmp / "site"
    site.mkdir(exist_ok=True)
    config = {
        "TESTING": True,
        "DISCLOSURE_ENV": "testing",
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "CONTENT_DIR": str(content),
        "SITE_DIR": str(site),
        "OUTBOX_DIR": str(tmp / "outbox"),
        "SEARCH_INDEX_DIR": str(tmp / "search-index"),
        "SMTP_HOST": "",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # fast in tests; production uses scrypt
    }
    config.update(extra)
    return config


@pytest.fixture
def app_config(database_url, tmp_path):
    """Return the configuration of the test app; tests may change it before using app."""
    return _config(database_url, tmp_path)


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


class AuthActions:
    """Create staff accounts and log in through the login form."""

    def __init__(self, app, client):
        self._app = app
        self._client = client
        self.tokens: dict[str, str] = {}
        self.passwords: dict[str, str] = {}

    def create(self, username="clerk", role="clerk", agencies=("czj",), email=None):
        """Create a staff member; remember and return the API token."""
        from request_api.auth import create_staff

        with self._app.app_context():
            _, password, token = create_staff(username, role, list(agencies), email)
        self.passwords[username] = password
        self.tokens[username] = token
        return token

    def headers(self, username="clerk") -> dict:
        """Return the Authorization header of a created staff member."""
        return {"Authorization": f"Bearer {self.tokens[username]}"}

    def login(self, username="clerk"):
        """Log in with the remembered password."""
        return self._client.post(
            "/staff/login",
            data={"username": username, "password": self.passwords[username]},
        )

    def logout(self):
        """Log out."""
        return self._client.post("/staff/logout")


@pytest.fixture
def auth(app, client):
    """Return the auth helper."""
    return AuthActions(app, client)

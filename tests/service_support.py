"""Helpers shared by the request service tests and their fixtures (tests/conftest.py).

Kept out of conftest.py because several conftest modules exist and only one can be imported by name.
"""

from __future__ import annotations

import os
from pathlib import Path

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
  reconsideration_body: 云溪市人民政府
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
  reconsideration_body: 云溪市人民政府
"""


def postgres_schema_url(base_url: str, schema: str) -> str:
    """Return base_url with a search_path option selecting schema."""
    url = sa.engine.make_url(base_url)
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )


def migrate(url: str, tmp: Path) -> None:
    """Apply the Alembic migrations to the database at url."""
    from flask_migrate import upgrade

    from request_api import create_app
    from request_api.extensions import db

    app = create_app(service_config(url, tmp))
    with app.app_context():
        upgrade()
        db.engine.dispose()


def service_config(url: str, tmp: Path, **extra) -> dict:
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

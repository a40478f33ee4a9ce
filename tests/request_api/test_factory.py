"""Application factory, configuration from the environment, migrations and the static site."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from request_api import create_app
from request_api.config import ConfigError, config_from_env


def test_secret_key_required_in_production(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DISCLOSURE_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app()


@pytest.mark.parametrize("env", ["development", "testing"])
def test_secret_key_optional_in_development_and_testing(env):
    config = config_from_env("/tmp/instance", {"DISCLOSURE_ENV": env})
    assert config["SECRET_KEY"]
    assert config["SESSION_COOKIE_SECURE"] is False


def test_defaults_point_into_the_repository_and_instance_folder():
    config = config_from_env("/srv/instance", {"SECRET_KEY": "x"})
    assert config["SQLALCHEMY_DATABASE_URI"] == "sqlite:////srv/instance/requests.sqlite3"
    assert config["SITE_DIR"].endswith("/output")
    assert config["CONTENT_DIR"].endswith("/content")
    assert config["SEARCH_INDEX_DIR"].endswith("var/search-index")
    assert config["OUTBOX_DIR"].endswith("var/outbox")
    assert config["SESSION_COOKIE_SECURE"] is True


def test_environment_overrides():
    env = {"SECRET_KEY": "s", "DATABASE_URL": "postgresql+psycopg://u@h/db", "SITE_DIR": "/site",
           "CONTENT_DIR": "/c", "SEARCH_INDEX_DIR": "/i", "OUTBOX_DIR": "/o", "SMTP_HOST": "mail",
           "SMTP_PORT": "587", "SMTP_STARTTLS": "yes"}  # fmt: skip
    config = config_from_env("/x", env)
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"
    assert (config["SITE_DIR"], config["CONTENT_DIR"], config["SEARCH_INDEX_DIR"],
            config["OUTBOX_DIR"]) == ("/site", "/c", "/i", "/o")  # fmt: skip
    assert (config["SMTP_HOST"], config["SMTP_PORT"], config["SMTP_STARTTLS"]) == (
        "mail",
        587,
        True,
    )


def test_test_config_overrides_environment(app):
    assert app.testing
    assert app.config["SECRET_KEY"] == "test-secret-key"


def test_sqlite_runs_in_wal_mode_with_full_sync(app):
    from request_api.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite only")
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_migrations_match_the_models(app):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from request_api.extensions import db

    with app.app_context(), db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []


def test_migrations_upgrade_a_fresh_sqlite_database(tmp_path):
    from flask_migrate import downgrade, upgrade

    from request_api.extensions import db

    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        upgrade()
        db.engine.dispose()
    engine = create_engine(url)
    with engine.connect() as conn:
        tables = {
            r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
        }
    engine.dispose()
    assert {
        "applications",
        "events",
        "staff",
        "staff_agencies",
        "receipt_counters",
        "notifications",
        "alembic_version",
    } <= tables


def test_site_pages_are_served_with_directory_index_and_404(app, client):
    site = app.config["SITE_DIR"]
    from pathlib import Path

    (Path(site) / "index.html").write_text("<p>首页</p>", encoding="utf-8")
    (Path(site) / "guide").mkdir()
    (Path(site) / "guide" / "index.html").write_text("<p>指南</p>", encoding="utf-8")
    (Path(site) / "404.html").write_text("<p>站点404</p>", encoding="utf-8")
    assert "首页" in _text(client, "/")
    assert "指南" in _text(client, "/guide/")
    with client.get("/guide") as response:
        assert response.status_code == 301
    with client.get("/no/such/page/") as missing:
        assert missing.status_code == 404
        assert "站点404" in missing.get_data(as_text=True)
    with client.get("/../etc/passwd") as response:
        assert response.status_code == 404


def _text(client, path: str) -> str:
    with client.get(path) as response:
        assert response.status_code == 200
        return response.get_data(as_text=True)


def test_404_without_built_site_is_chinese(client):
    response = client.get("/nothing")
    assert response.status_code == 404
    assert "页面不存在" in response.get_data(as_text=True)


def test_service_stylesheet_is_served(client):
    with client.get("/service-static/service.css") as response:
        assert response.status_code == 200


def test_method_not_allowed_is_chinese(client):
    response = client.delete("/apply")
    assert response.status_code == 405
    assert "不支持" in response.get_data(as_text=True)


def test_search_blueprint_is_registered(app):
    assert "search" in app.blueprints

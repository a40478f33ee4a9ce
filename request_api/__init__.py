"""Application service for disclosure requests (依申请公开): the Flask application factory."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from flask import Flask

from .config import check_config, config_from_env
from .extensions import csrf, db, migrate
from .security import init_app as init_security

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = str(Path(__file__).resolve().parent / "migrations")


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure the request service application."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        static_folder="static",
        static_url_path="/service-static",
    )
    app.config.update(config_from_env(app.instance_path))
    if test_config:
        app.config.update(test_config)
    check_config(app.config)
    os.makedirs(app.instance_path, exist_ok=True)
    app.json.ensure_ascii = False
    _init_extensions(app)
    _register_blueprints(app)
    from . import cli, errors
    from .services import mailer

    errors.register(app)
    cli.register(app)
    mailer.init_app(app)
    app.context_processor(lambda: {"site": app.config["SITE_INFO"]})
    init_security(app)
    return app


def _init_extensions(app: Flask) -> None:
    """Initialise the database, migrations and CSRF protection."""
    from . import database, models  # noqa: F401  (models register their tables)

    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = database.engine_options(
        app.config["SQLALCHEMY_DATABASE_URI"], app.config["SQLALCHEMY_ENGINE_OPTIONS"]
    )
    db.init_app(app)
    with app.app_context():
        database.configure_engine(db.engine)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)
    csrf.init_app(app)


def _register_blueprints(app: Flask) -> None:
    """Register every blueprint; the static site comes last and catches the rest."""
    from .api import bp as api_bp
    from .appeals import bp as appeals_bp
    from .apply import bp as apply_bp
    from .replies import bp as replies_bp
    from .reports import bp as reports_bp
    from .search import bp as search_bp
    from .site import bp as site_bp
    from .staff import bp as staff_bp
    from .track import bp as track_bp

    csrf.exempt(api_bp)
    for bp in (apply_bp, track_bp, staff_bp, api_bp, search_bp, replies_bp, appeals_bp,
               reports_bp, site_bp):  # fmt: skip
        app.register_blueprint(bp)

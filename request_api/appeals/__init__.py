"""Reconsideration and litigation cases against requests (annual report table 四)."""

from flask import Blueprint

from . import models  # noqa: F401  (registers the table for Flask-Migrate and the tests)

bp = Blueprint("appeals", __name__, template_folder="templates")

from . import views  # noqa: E402, F401

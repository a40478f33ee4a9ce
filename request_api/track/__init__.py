"""Public tracking of an application by its tracking code (no account needed)."""

from flask import Blueprint

bp = Blueprint("track", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)

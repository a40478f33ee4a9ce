"""Staff area: login, dashboard, request pages with the event log, assignment, CSV export."""

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from . import views  # noqa: E402,F401  (registers the routes on bp)

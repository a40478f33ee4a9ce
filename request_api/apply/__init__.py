"""Public application form (Art. 29): GET/POST /apply and the printable receipt."""

from flask import Blueprint

bp = Blueprint("apply", __name__)

from . import views  # noqa: E402,F401  (registers the routes on bp)

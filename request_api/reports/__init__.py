"""Annual report (API and CLI) and staff statistics with server-rendered SVG charts."""

from flask import Blueprint

# cli_group=None: the annual-report command sits at the top level (flask annual-report ...).
bp = Blueprint("reports", __name__, template_folder="templates", cli_group=None)

from . import annual_views, cli, views  # noqa: E402, F401

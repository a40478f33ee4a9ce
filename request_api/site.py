"""Serve the built static site (SITE_DIR) for every path no blueprint handles."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, request, send_from_directory
from werkzeug.security import safe_join

logger = logging.getLogger(__name__)

bp = Blueprint("site", __name__)


@bp.get("/", defaults={"path": ""})
@bp.get("/<path:path>")
def page(path: str):
    """Send a file of the built site; a directory sends its index.html."""
    if path.startswith("api/"):
        abort(404)
    site_dir = current_app.config["SITE_DIR"]
    target = safe_join(site_dir, path) if path else site_dir
    if target is None:
        abort(404)
    target_path = Path(target)
    if target_path.is_dir():
        if path and not path.endswith("/"):
            query = ("?" + request.query_string.decode()) if request.query_string else ""
            return redirect("/" + path + "/" + query, code=301)
        path = (path + "index.html") if path else "index.html"
    if not (Path(site_dir) / path).is_file():
        abort(404)
    return send_from_directory(site_dir, path, max_age=300)

"""Replies and notices: numbered letters, attachments, fee, correction and extension notices."""

from flask import Blueprint, current_app, request

from . import models  # noqa: F401  (registers the tables for Flask-Migrate and the tests)

bp = Blueprint("replies", __name__, template_folder="templates")

UPLOAD_ENDPOINTS = {"replies.reply_form"}


@bp.url_value_preprocessor
def _allow_attachment_uploads(endpoint: str | None, values: dict | None) -> None:
    """Raise the body size limit of the reply form so that its attachments fit.

    URL value preprocessors run before every before_request hook, including the security layer's
    check of the declared body size, and only for this blueprint's endpoints.
    """
    if endpoint in UPLOAD_ENDPOINTS and request.method == "POST":
        from .storage import max_bytes, max_files

        request.max_content_length = max(
            current_app.config.get("MAX_CONTENT_LENGTH") or 0, max_bytes() * max_files() + 2**20
        )


from . import views  # noqa: E402, F401

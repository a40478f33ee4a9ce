"""Chinese error responses of the security layer: HTML pages, JSON under /api/."""

from flask import Response, current_app, jsonify, render_template, request
from jinja2 import TemplateNotFound
from werkzeug.exceptions import RequestEntityTooLarge

SERVICE_LAYOUT = "base.html"


def _wants_json() -> bool:
    """Tell whether the client should get JSON rather than an HTML page."""
    return request.path.startswith("/api/")


def _layout() -> str:
    """Return the service's page layout, or a standalone one when there is none."""
    try:
        current_app.jinja_env.get_template(SERVICE_LAYOUT)
    except TemplateNotFound:
        return "security/standalone.html"
    return SERVICE_LAYOUT


def _error(status: int, title: str, message: str, **extra: object) -> Response:
    """Build an error response in the client's format (JSON as in request_api.errors)."""
    if _wants_json():
        response = jsonify({"error": message, "status": status, **extra})
    else:
        page = render_template(
            "security/error.html", layout=_layout(), status=status, title=title, message=message
        )
        response = current_app.make_response(page)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def human_wait(seconds: int) -> str:
    """Say a waiting time in Chinese: 在 45 秒, 约 3 分钟, 约 2 小时."""
    if seconds < 60:
        return f"在 {seconds} 秒"
    if seconds < 3600:
        return f"约 {-(-seconds // 60)} 分钟"
    return f"约 {-(-seconds // 3600)} 小时"


def too_many_requests(wait: int) -> Response:
    """Return the 429 response with a Retry-After header."""
    message = f"您的请求过于频繁，请{human_wait(wait)}后再试。"
    response = _error(429, "请求过于频繁", message, retry_after=wait)
    response.headers["Retry-After"] = str(wait)
    return response


def request_too_large(_error_: RequestEntityTooLarge | None = None) -> Response:
    """Return the 413 response naming the size limit."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    size = f"{limit / 1024 / 1024:.0f} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    message = f"提交的内容超过了允许的大小（上限 {size}），请精简内容或附件后重新提交。"
    return _error(413, "提交内容过大", message)

"""Error pages in Chinese: JSON under /api, the site's 404 page or a service page elsewhere."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, jsonify, render_template, request, send_file
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

logger = logging.getLogger(__name__)

MESSAGES = {
    400: "请求无效，请检查后重试。",
    401: "请先登录。",
    403: "您没有权限执行此操作。",
    404: "您访问的页面不存在。",
    405: "不支持该请求方法。",
    409: "操作与当前办理状态冲突。",
    413: "提交的内容过大。",
    415: "不支持的内容类型，请以 JSON 格式提交。",
    429: "请求过于频繁，请稍后再试。",
    500: "服务器内部错误，请稍后再试。",
}


def is_api_request() -> bool:
    """Tell whether the current request is for the JSON API."""
    return request.path.startswith("/api/")


def json_error(status: int, message: str | None = None, **extra):
    """Return a JSON error response with a Chinese message."""
    body = {"error": message or MESSAGES.get(status, "请求失败。"), "status": status, **extra}
    response = jsonify(body)
    response.status_code = status
    return response


def _site_404(app: Flask):
    """Serve the built site's 404 page when it exists."""
    page = Path(app.config["SITE_DIR"]) / "404.html"
    if page.is_file():
        response = send_file(page, mimetype="text/html")
        response.status_code = 404
        return response
    return None


def register(app: Flask) -> None:
    """Install the error handlers on app."""

    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        message = "页面已过期或来源无法确认，请刷新页面后重试。"
        if is_api_request():
            return json_error(400, message)
        return render_template("errors/error.html", status=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        custom = exc.description if exc.description != type(exc).description else None
        if is_api_request():
            return json_error(status, custom)
        if status == 404:
            page = _site_404(app)
            if page is not None:
                return page
        message = custom or MESSAGES.get(status, "请求失败。")
        response = render_template("errors/error.html", status=status, message=message)
        return response, status, dict(exc.get_headers()) if status in (405, 429) else {}

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        logger.exception("unhandled error on %s %s", request.method, request.path)
        return http_error(InternalServerError())

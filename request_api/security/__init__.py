"""Security layer of the service: headers, cookies, rate limits, size limits, form guards."""

from flask import Blueprint, Flask, abort, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from . import config, headers, ratelimit
from .formguard import form_guard_fields, honeypot_and_timing_ok
from .responses import request_too_large

__all__ = ["init_app", "form_guard_fields", "honeypot_and_timing_ok"]

bp = Blueprint("security", __name__, template_folder="templates")


def _configure_cookies(app: Flask) -> None:
    """Make the session cookie HttpOnly, SameSite=Lax, and Secure in production."""
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    if app.config.get("SESSION_COOKIE_SAMESITE") != "Strict":
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    if config.is_production(app):
        app.config["SESSION_COOKIE_SECURE"] = True


def _refuse_large_body():
    """Refuse a declared body over MAX_CONTENT_LENGTH before anything reads it."""
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        abort(413)


def init_app(app: Flask) -> None:
    """Install the security layer on the app (call once, at the end of the factory)."""
    config.load(app)
    _configure_cookies(app)
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    headers.init_app(app)
    ratelimit.init_app(app)  # runs first of all request hooks
    app.before_request_funcs[None].insert(1, _refuse_large_body)  # then, before any body parsing
    app.register_error_handler(RequestEntityTooLarge, request_too_large)
    app.jinja_env.globals["form_guard_fields"] = form_guard_fields
    app.register_blueprint(bp)

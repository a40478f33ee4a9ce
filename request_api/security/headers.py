"""Security headers added to every response of the service."""

from flask import Flask, Response

from .config import is_production

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
    ]
)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)


def security_headers(app: Flask) -> dict[str, str]:
    """Return the headers every response carries in this app's environment."""
    headers = {
        "Content-Security-Policy": app.config.get("SECURITY_CSP") or CONTENT_SECURITY_POLICY,
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if is_production(app):
        headers["Strict-Transport-Security"] = app.config["SECURITY_HSTS"]
    return headers


def init_app(app: Flask) -> None:
    """Add the security headers to every response, keeping any a view set itself."""
    headers = security_headers(app)

    @app.after_request
    def _add_security_headers(response: Response) -> Response:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response

"""Defaults of the security settings, read from app.config, then the environment."""

import os

from flask import Flask

DEFAULTS: dict[str, object] = {
    # Rate limits: "N/period" rules separated by ";", period in second, minute, hour or day.
    "RATELIMIT_STORAGE_URL": "memory://",
    "RATELIMIT_SUBMIT": "5/minute;30/hour",
    "RATELIMIT_SUBMIT_STAFF": "120/minute",
    "RATELIMIT_TRACK": "30/minute;300/hour",
    "RATELIMIT_SEARCH": "60/minute;1000/hour",
    "RATELIMIT_LOGIN": "5/minute;30/hour",
    # Failed logins per account, from any address (a password guessed from many addresses).
    "RATELIMIT_LOGIN_ACCOUNT": "10/15 minutes",
    "TRUSTED_PROXIES": 0,
    "MAX_CONTENT_LENGTH": 10 * 1024 * 1024,
    "FORM_GUARD_MIN_SECONDS": 3,
    "FORM_GUARD_MAX_AGE": 24 * 3600,
    "SECURITY_HSTS": "max-age=31536000",
}
_INT_KEYS = {
    "TRUSTED_PROXIES",
    "MAX_CONTENT_LENGTH",
    "FORM_GUARD_MIN_SECONDS",
    "FORM_GUARD_MAX_AGE",
}
_BOOL_KEYS = {"RATELIMIT_ENABLED", "FORM_GUARD_ENABLED"}
_NON_PRODUCTION = {"development", "testing", "test"}


def _parse_bool(value: str) -> bool:
    """Read an environment flag such as 1, true, yes, 0, false, no or off."""
    return value.strip().lower() not in {"", "0", "false", "no", "off"}


def environment(app: Flask) -> str:
    """Return the deployment environment name (production unless told otherwise)."""
    env = app.config.get("DISCLOSURE_ENV") or os.environ.get("DISCLOSURE_ENV")
    if not env:
        env = "testing" if app.testing else "production"
    return str(env).lower()


def is_production(app: Flask) -> bool:
    """Tell whether production protections (HSTS, Secure cookies) apply."""
    return environment(app) not in _NON_PRODUCTION


def load(app: Flask) -> None:
    """Fill missing security keys of app.config from the environment or the defaults."""
    # In tests, limits and the form timing check are off unless a test turns them on.
    defaults = dict(DEFAULTS, RATELIMIT_ENABLED=not app.testing, FORM_GUARD_ENABLED=not app.testing)
    for key, default in defaults.items():
        if key in app.config and app.config[key] is not None:
            continue
        raw = os.environ.get(key)
        if raw is None:
            app.config[key] = default
        elif key in _BOOL_KEYS:
            app.config[key] = _parse_bool(raw)
        elif key in _INT_KEYS:
            app.config[key] = int(raw)
        else:
            app.config[key] = raw

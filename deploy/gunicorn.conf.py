"""Gunicorn settings of the request service (`gunicorn -c deploy/gunicorn.conf.py ...`)."""

import multiprocessing
import os

# nginx proxies to this address; never expose gunicorn directly.
bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"

# At least two workers so that one slow request never blocks the service.
workers = max(2, int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"


def _default_threads(database_url: str) -> int:
    """Return threads per worker: SQLite has one writer at a time, so fewer threads queue there."""
    return 4 if database_url.startswith("postgresql") else 2


threads = int(
    os.environ.get("GUNICORN_THREADS") or _default_threads(os.environ.get("DATABASE_URL", ""))
)

timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then to bound memory growth.
max_requests = 5000
max_requests_jitter = 500

# No preloading: every worker opens its own database connections after the fork.
preload_app = False

# Access logs contain tracking codes in paths: off unless asked for (nginx logs without them).
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")

# Only the local nginx may set X-Forwarded-Proto (see TRUSTED_PROXIES for X-Forwarded-For).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "disclosure-request-api"

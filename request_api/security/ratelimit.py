"""Rate limits: per IP on submissions, tracking, search and login; per account on failed logins."""

import functools
import hashlib
import ipaddress
import logging
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app, request

from .responses import too_many_requests
from .stores import Store, make_store

logger = logging.getLogger(__name__)

_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_RULE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*(second|minute|hour|day)s?\s*$")


@dataclass(frozen=True)
class Rule:
    """At most `limit` hits per `period` seconds."""

    limit: int
    period: int


@functools.lru_cache(maxsize=64)
def parse_rules(text: str) -> tuple[Rule, ...]:
    """Parse "5/minute;30/hour" (or "10/5 minutes") into rules."""
    rules = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        match = _RULE.match(part)
        if not match or int(match[1]) < 1:
            raise ValueError(f"bad rate-limit rule: {part!r}")
        rules.append(Rule(int(match[1]), int(match[2] or 1) * _UNITS[match[3]]))
    return tuple(rules)


def bucket_for(method: str, path: str, has_bearer: bool) -> str | None:
    """Return the limit bucket of a request, or None when it is not limited."""
    path = path.rstrip("/") or "/"
    if method == "POST" and path == "/apply":
        return "submit"
    if method == "POST" and path == "/api/v1/requests":
        return "submit_staff" if has_bearer else "submit"
    if path == "/track" or path.startswith(("/track/", "/api/v1/track/")):
        return "track"
    if path in ("/search", "/api/v1/search"):
        return "search"
    if method == "POST" and path == "/staff/login":
        return "login"
    return None


def client_key(remote_addr: str | None) -> str:
    """Identify a client by its IPv4 address or its IPv6 /64 network."""
    try:
        address = ipaddress.ip_address(remote_addr or "")
    except ValueError:
        return remote_addr or "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _retry_after(rule: Rule, previous: int, current: int, elapsed: float) -> int:
    """Seconds until one more hit fits, given the counts before this hit."""
    p = rule.period
    if current + 1 <= rule.limit and previous:
        x = p * (1 - (rule.limit - current - 1) / previous) - elapsed
        if x < p - elapsed:
            return max(1, math.ceil(x))
    y = p * (1 - (rule.limit - 1) / current) if current else 0
    return max(1, math.ceil(p - elapsed + max(0.0, y)))


class Limiter:
    """Sliding-window counters (two fixed windows, weighted) over a store."""

    def __init__(self, store: Store, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.clock = clock

    def check(self, key: str, rules: tuple[Rule, ...], count: bool = True) -> int | None:
        """Count a hit; return seconds to wait if any rule refuses it (then nothing counts).

        With count=False, only tell whether a hit would be refused.
        """
        now = self.clock()
        counted, wait = [], 0
        for rule in rules:
            window = int(now // rule.period)
            rule_key = f"{key}:{rule.period}"
            previous, current = self.store.hit(rule_key, window, rule.period)
            counted.append((rule_key, window))
            elapsed = now - window * rule.period
            if previous * (1 - elapsed / rule.period) + current > rule.limit:
                wait = max(wait, _retry_after(rule, previous, current - 1, elapsed))
        if wait or not count:
            for rule_key, window in counted:
                self.store.undo(rule_key, window)
        return wait or None


def _enforce_rate_limit():
    """Refuse the request with 429 when its client is over the limit of its bucket."""
    config = current_app.config
    if not config["RATELIMIT_ENABLED"]:
        return None
    has_bearer = request.headers.get("Authorization", "").lower().startswith("bearer ")
    bucket = bucket_for(request.method, request.path, has_bearer)
    if bucket is None:
        return None
    rules = parse_rules(config[f"RATELIMIT_{bucket.upper()}"])
    key = f"{bucket}:{client_key(request.remote_addr)}"
    wait = current_app.extensions["security.limiter"].check(key, rules)
    if wait is None:
        return None
    logger.warning("rate limit %s exceeded by %s", bucket, client_key(request.remote_addr))
    return too_many_requests(wait)


def _account_key(username: str) -> str:
    """Identify a login account by a digest of its folded name (no names in the store)."""
    digest = hashlib.sha256(username.strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"login_account:{digest}"


def _account_rules() -> tuple[Rule, ...] | None:
    """Return the failed-login rules, or None when rate limits are off."""
    config = current_app.config
    return parse_rules(config["RATELIMIT_LOGIN_ACCOUNT"]) if config["RATELIMIT_ENABLED"] else None


def failed_login_wait(username: str) -> int | None:
    """Return seconds to wait when the account has failed to log in too often, from any address."""
    rules = _account_rules()
    if rules is None:
        return None
    wait = current_app.extensions["security.limiter"].check(_account_key(username), rules, False)
    if wait is not None:
        logger.warning("logins refused for an account after repeated failures")
    return wait


def count_failed_login(username: str) -> None:
    """Count a failed login against the account."""
    rules = _account_rules()
    if rules is not None:
        current_app.extensions["security.limiter"].check(_account_key(username), rules)


def init_app(app: Flask) -> None:
    """Install the limiter so that it runs before every other request hook."""
    for bucket in ("submit", "submit_staff", "track", "search", "login", "login_account"):
        parse_rules(app.config[f"RATELIMIT_{bucket.upper()}"])  # fail fast on a typo
    app.extensions["security.limiter"] = Limiter(make_store(app.config["RATELIMIT_STORAGE_URL"]))
    app.before_request_funcs.setdefault(None, []).insert(0, _enforce_rate_limit)

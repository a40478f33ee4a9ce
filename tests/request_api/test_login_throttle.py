"""Failed staff logins are limited per account, whatever address they come from."""

import logging

import pytest
from service_support import AuthActions


@pytest.fixture
def throttled(make_app):
    """Return (app, auth) with 3 failed logins per account allowed and no per-IP limit in reach."""
    app = make_app(
        RATELIMIT_ENABLED=True,
        RATELIMIT_LOGIN="1000/minute",
        RATELIMIT_LOGIN_ACCOUNT="3/15 minutes",
    )
    client = app.test_client()
    auth = AuthActions(app, client)
    auth.create("clerk")
    auth.create("other")
    return app, auth


def attempt(app, username: str, password: str, address: str):
    """Post the login form from a client at address."""
    client = app.test_client()
    data = {"username": username, "password": password}
    return client.post("/staff/login", data=data, environ_base={"REMOTE_ADDR": address})


def test_failures_from_many_addresses_lock_the_account_but_not_others(throttled, caplog):
    app, auth = throttled
    for i in range(3):
        assert attempt(app, "clerk", "wrong-password", f"203.0.113.{i}").status_code == 401
    with caplog.at_level(logging.WARNING):
        refused = attempt(app, "Clerk ", auth.passwords["clerk"], "198.51.100.7")
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 2 * 900  # sliding window: up to two periods
    page = refused.get_data(as_text=True)
    assert "该账号登录失败次数过多" in page
    assert 'value="Clerk' in page  # the typed user name stays in the form
    assert "clerk" not in caplog.text.lower()  # no account name in the logs
    assert attempt(app, "other", auth.passwords["other"], "203.0.113.1").status_code == 302


def test_successful_logins_do_not_count(throttled):
    app, auth = throttled
    for _ in range(5):
        assert attempt(app, "clerk", auth.passwords["clerk"], "203.0.113.9").status_code == 302
    assert attempt(app, "clerk", "wrong-password", "203.0.113.9").status_code == 401
    assert attempt(app, "clerk", auth.passwords["clerk"], "203.0.113.9").status_code == 302


def test_unknown_names_are_limited_like_real_ones(throttled):
    app, _ = throttled
    answers = [attempt(app, "nobody", "x", "203.0.113.5").status_code for _ in range(4)]
    assert answers == [401, 401, 401, 429]  # the answer does not tell whether the account exists


def test_no_account_limit_when_rate_limits_are_off(make_app):
    app = make_app(RATELIMIT_ENABLED=False, RATELIMIT_LOGIN_ACCOUNT="1/15 minutes")
    AuthActions(app, app.test_client()).create("clerk")
    answers = [attempt(app, "clerk", "wrong", "203.0.113.5").status_code for _ in range(3)]
    assert answers == [401, 401, 401]

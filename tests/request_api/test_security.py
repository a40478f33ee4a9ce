"""Security layer: headers, cookies, body size limits and the public form's bot traps."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from request_samples import citizen
from security_app import fetch, make_app

from request_api.security import form_guard_fields, honeypot_and_timing_ok
from request_api.security.config import DEFAULTS
from request_api.security.formguard import (
    HONEYPOT_FIELD,
    MSG_EXPIRED,
    MSG_HONEYPOT,
    MSG_TOO_FAST,
    STARTED_FIELD,
)
from request_api.security.headers import CONTENT_SECURITY_POLICY

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def mini_app(tmp_path):
    return make_app(tmp_path)


@pytest.fixture
def mini_client(mini_app):
    return mini_app.test_client()


# --- headers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/search", "/api/v1/search", "/no-such-page"])
def test_every_response_carries_security_headers(mini_client, path):
    response = fetch(mini_client, path)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_csp_forbids_inline_code_and_framing(mini_client):
    csp = fetch(mini_client, "/").headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    for directive in [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
    ]:
        assert directive in csp


@pytest.mark.parametrize("env", ["development", "testing"])
def test_no_hsts_outside_production(tmp_path, env):
    response = fetch(make_app(tmp_path, DISCLOSURE_ENV=env).test_client(), "/")
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.parametrize("path", ["/", "/api/v1/search"])
def test_hsts_in_production(tmp_path, path):
    response = fetch(make_app(tmp_path, DISCLOSURE_ENV="production").test_client(), path)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_session_cookie_secure_httponly_lax_in_production(tmp_path):
    app = make_app(tmp_path, DISCLOSURE_ENV="production", SESSION_COOKIE_SAMESITE=None)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_session_cookie_not_secure_in_development(tmp_path):
    app = make_app(tmp_path, DISCLOSURE_ENV="development")
    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


# --- body size -------------------------------------------------------------------------------


def test_oversized_json_body_is_413_json(tmp_path):
    client = make_app(tmp_path, MAX_CONTENT_LENGTH=1024).test_client()
    response = client.post("/api/v1/requests", data=b"x" * 2048, content_type="application/json")
    assert response.status_code == 413
    assert "超过" in response.json["error"]
    assert response.json["status"] == 413


def test_oversized_form_is_413_html(tmp_path):
    client = make_app(tmp_path, MAX_CONTENT_LENGTH=1024).test_client()
    response = client.post("/apply", data={"description": "长" * 2000})
    assert response.status_code == 413
    assert "提交内容过大" in response.get_data(as_text=True)
    assert response.headers["X-Frame-Options"] == "DENY"


def test_body_within_limit_is_accepted(tmp_path):
    client = make_app(tmp_path, MAX_CONTENT_LENGTH=4096).test_client()
    response = client.post("/api/v1/requests", data=b"x" * 2048, content_type="application/json")
    assert response.status_code == 201


def test_max_content_length_has_a_default(tmp_path):
    assert make_app(tmp_path).config["MAX_CONTENT_LENGTH"] > 0


# --- honeypot and fill time ------------------------------------------------------------------


def guard_values(client) -> dict:
    """Return the hidden guard fields of the test form as a dict."""
    html = client.get("/apply").get_data(as_text=True)
    token = html.split(f'name="{STARTED_FIELD}" value="')[1].split('"')[0]
    return {STARTED_FIELD: token, HONEYPOT_FIELD: ""}


def guarded_client(tmp_path):
    return make_app(tmp_path, FORM_GUARD_ENABLED=True, FORM_GUARD_MIN_SECONDS=3).test_client()


def test_guard_fields_are_hidden_without_inline_style(mini_client):
    html = mini_client.get("/apply").get_data(as_text=True)
    assert "hidden" in html and 'tabindex="-1"' in html
    assert "style=" not in html


def test_form_filled_at_human_speed_passes(tmp_path):
    client = guarded_client(tmp_path)
    with time_machine.travel(T0, tick=False) as traveller:
        values = guard_values(client)
        traveller.shift(dt.timedelta(seconds=20))
        assert client.post("/apply", data=values).get_data(as_text=True) == "ok"


def test_form_submitted_too_fast_is_refused(tmp_path):
    client = guarded_client(tmp_path)
    with time_machine.travel(T0, tick=False) as traveller:
        values = guard_values(client)
        traveller.shift(dt.timedelta(seconds=1))
        assert client.post("/apply", data=values).get_data(as_text=True) == MSG_TOO_FAST


def test_filled_honeypot_is_refused(tmp_path):
    client = guarded_client(tmp_path)
    with time_machine.travel(T0, tick=False) as traveller:
        values = guard_values(client) | {HONEYPOT_FIELD: "http://spam.example"}
        traveller.shift(dt.timedelta(seconds=20))
        assert client.post("/apply", data=values).get_data(as_text=True) == MSG_HONEYPOT


@pytest.mark.parametrize("token", [None, "", "forged.token.value"])
def test_missing_or_forged_start_time_is_refused(tmp_path, token):
    client = guarded_client(tmp_path)
    data = {HONEYPOT_FIELD: ""} if token is None else {STARTED_FIELD: token}
    assert client.post("/apply", data=data).get_data(as_text=True) == MSG_EXPIRED


def test_expired_start_time_is_refused(tmp_path):
    client = guarded_client(tmp_path)
    with time_machine.travel(T0, tick=False) as traveller:
        values = guard_values(client)
        traveller.shift(dt.timedelta(days=2))
        assert client.post("/apply", data=values).get_data(as_text=True) == MSG_EXPIRED


def test_redisplayed_form_keeps_the_first_start_time(tmp_path):
    app = make_app(tmp_path, FORM_GUARD_ENABLED=True)
    with time_machine.travel(T0, tick=False) as traveller:
        values = guard_values(app.test_client())
        traveller.shift(dt.timedelta(seconds=30))
        with app.test_request_context("/apply", method="POST", data=values):
            assert values[STARTED_FIELD] in form_guard_fields()


def test_timing_check_is_off_when_disabled_but_honeypot_stays(mini_app):
    with mini_app.test_request_context("/apply", method="POST"):
        assert honeypot_and_timing_ok({}) is None
        assert honeypot_and_timing_ok({HONEYPOT_FIELD: "x"}) == MSG_HONEYPOT


# --- the real service (shared fixtures of tests/conftest.py) ---------------------------------


def service(request, app_config, **config):
    """Return a test client of the real service with config changes."""
    app_config.update(config)
    return request.getfixturevalue("client")


def test_service_pages_json_and_files_carry_security_headers(request, app_config):
    site = app_config["SITE_DIR"]
    with open(f"{site}/index.html", "w", encoding="utf-8") as page:
        page.write("<p>首页</p>")
    client = service(request, app_config)
    for path in ["/", "/track", "/api/v1/openapi.json", "/service-static/service.css"]:
        response = fetch(client, path)
        assert response.status_code == 200, path
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, path
        assert response.headers["X-Frame-Options"] == "DENY", path
        assert "Strict-Transport-Security" not in response.headers


def test_service_in_production_sends_hsts_and_secure_cookies(request, app_config):
    client = service(request, app_config, DISCLOSURE_ENV="production", TESTING=False)
    response = fetch(client, "/api/v1/openapi.json")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert client.application.config["SESSION_COOKIE_SECURE"] is True


def test_service_refuses_oversized_submission_and_stores_nothing(request, app_config):
    client = service(request, app_config, MAX_CONTENT_LENGTH=4096)
    big = citizen(description="长" * 3000)
    response = client.post("/api/v1/requests", json=big)
    assert response.status_code == 413
    assert "超过" in response.get_json()["error"]
    assert (
        client.post("/api/v1/requests", json=citizen()).get_json()["receipt_no"].endswith("000001")
    )


def test_every_security_setting_is_documented():
    guide = (Path(__file__).resolve().parents[2] / "docs" / "deploy.md").read_text(encoding="utf-8")
    keys = [*DEFAULTS, "RATELIMIT_ENABLED", "FORM_GUARD_ENABLED", "SECURITY_CSP"]
    assert [key for key in keys if key not in guide] == []

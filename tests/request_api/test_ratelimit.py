"""Per-IP rate limits: buckets, sliding windows, stores, and 429 answers on the service's routes."""

import os
import uuid

import pytest
import sqlalchemy as sa
from request_samples import citizen
from security_app import fetch, limited_client, make_app

from request_api.security.headers import CONTENT_SECURITY_POLICY
from request_api.security.ratelimit import Limiter, Rule, bucket_for, client_key, parse_rules
from request_api.security.stores import MemoryStore, SQLStore


@pytest.fixture
def pg_schema_url():
    """Yield TEST_DATABASE_URL pointed at a fresh schema, dropped afterwards."""
    base = os.environ.get("TEST_DATABASE_URL", "")
    if not base.startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL is not a PostgreSQL URL")
    schema = f"ratelimit_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    engine.dispose()


# --- rate limits -----------------------------------------------------------------------------

LIMITED = [
    ("post", "/apply", "RATELIMIT_SUBMIT", False),
    ("post", "/api/v1/requests", "RATELIMIT_SUBMIT", True),
    ("get", "/track", "RATELIMIT_TRACK", False),
    ("get", "/api/v1/track/ABCD-1234", "RATELIMIT_TRACK", True),
    ("get", "/search", "RATELIMIT_SEARCH", False),
    ("get", "/api/v1/search", "RATELIMIT_SEARCH", True),
    ("post", "/staff/login", "RATELIMIT_LOGIN", False),
]


@pytest.mark.parametrize(("method", "path", "key", "is_json"), LIMITED)
def test_limited_route_answers_429_with_retry_after_in_chinese(
    tmp_path, method, path, key, is_json
):
    client = limited_client(tmp_path, **{key: "2/minute"})
    for _ in range(2):
        assert getattr(client, method)(path).status_code != 429
    response = getattr(client, method)(path)
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 120
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    if is_json:
        assert "请求过于频繁" in response.json["error"]
        assert response.json["status"] == 429
    else:
        assert response.mimetype == "text/html"
        assert "请求过于频繁" in response.get_data(as_text=True)


def test_rate_limits_are_off_when_disabled(tmp_path):
    client = make_app(tmp_path, RATELIMIT_ENABLED=False, RATELIMIT_SEARCH="1/minute").test_client()
    assert [client.get("/search").status_code for _ in range(5)] == [200] * 5


def test_rate_limits_are_off_by_default_in_tests_only(tmp_path):
    assert make_app(tmp_path).config["RATELIMIT_ENABLED"] is False
    assert make_app(tmp_path, TESTING=False).config["RATELIMIT_ENABLED"] is True


def test_rate_limit_can_be_set_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("RATELIMIT_ENABLED", "1")
    monkeypatch.setenv("RATELIMIT_SEARCH", "1/hour")
    client = make_app(tmp_path).test_client()
    assert [client.get("/search").status_code for _ in range(2)] == [200, 429]


def test_unlimited_routes_are_never_refused(tmp_path):
    client = limited_client(tmp_path, RATELIMIT_SEARCH="1/minute")
    assert [fetch(client, "/").status_code for _ in range(5)] == [200] * 5
    assert [client.get("/apply").status_code for _ in range(8)] == [200] * 8


def test_each_client_address_has_its_own_budget(tmp_path):
    client = limited_client(tmp_path, RATELIMIT_SEARCH="1/minute")
    assert client.get("/search", environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 200
    assert client.get("/search", environ_base={"REMOTE_ADDR": "10.0.0.2"}).status_code == 200
    assert client.get("/search", environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 429


def test_forwarded_for_is_ignored_without_trusted_proxies(tmp_path):
    client = limited_client(tmp_path, RATELIMIT_SEARCH="1/minute")
    assert client.get("/search", headers={"X-Forwarded-For": "1.1.1.1"}).status_code == 200
    assert client.get("/search", headers={"X-Forwarded-For": "2.2.2.2"}).status_code == 429


def test_forwarded_for_is_honoured_behind_a_trusted_proxy(tmp_path):
    client = limited_client(tmp_path, RATELIMIT_SEARCH="1/minute", TRUSTED_PROXIES=1)
    assert client.get("/search", headers={"X-Forwarded-For": "1.1.1.1"}).status_code == 200
    assert client.get("/search", headers={"X-Forwarded-For": "2.2.2.2"}).status_code == 200
    assert client.get("/search", headers={"X-Forwarded-For": "1.1.1.1"}).status_code == 429


def test_staff_token_submissions_use_their_own_budget(tmp_path):
    client = limited_client(
        tmp_path, RATELIMIT_SUBMIT="1/minute", RATELIMIT_SUBMIT_STAFF="3/minute"
    )
    bearer = {"Authorization": "Bearer t0ken"}
    assert client.post("/api/v1/requests", json={}).status_code == 201
    assert client.post("/api/v1/requests", json={}).status_code == 429
    assert [
        client.post("/api/v1/requests", json={}, headers=bearer).status_code for _ in range(4)
    ] == [
        201,
        201,
        201,
        429,
    ]


def test_submissions_through_form_and_api_share_one_budget(tmp_path):
    client = limited_client(tmp_path, RATELIMIT_SUBMIT="2/minute")
    assert client.post("/apply").status_code == 200
    assert client.post("/api/v1/requests", json={}).status_code == 201
    assert client.post("/apply").status_code == 429


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        ("5/minute", (Rule(5, 60),)),
        ("5/minute;30/hour", (Rule(5, 60), Rule(30, 3600))),
        ("10 / 5 minutes", (Rule(10, 300),)),
        ("100/day", (Rule(100, 86400),)),
        ("3/second", (Rule(3, 1),)),
    ],
)
def test_parse_rules(text, rules):
    assert parse_rules(text) == rules


@pytest.mark.parametrize("text", ["5", "five/minute", "5/fortnight", "0/minute"])
def test_parse_rules_rejects_nonsense(text):
    with pytest.raises(ValueError):
        parse_rules(text)


@pytest.mark.parametrize(
    ("method", "path", "bearer", "bucket"),
    [
        ("POST", "/apply", False, "submit"),
        ("POST", "/apply/", False, "submit"),
        ("GET", "/apply", False, None),
        ("POST", "/api/v1/requests", False, "submit"),
        ("POST", "/api/v1/requests", True, "submit_staff"),
        ("POST", "/api/v1/requests/5/events", True, None),
        ("GET", "/track", False, "track"),
        ("GET", "/track/abc.ics", False, "track"),
        ("GET", "/api/v1/track/abc", False, "track"),
        ("GET", "/search", False, "search"),
        ("GET", "/api/v1/search", False, "search"),
        ("POST", "/staff/login", False, "login"),
        ("GET", "/staff/login", False, None),
        ("GET", "/doc/x/", False, None),
    ],
)
def test_bucket_for(method, path, bearer, bucket):
    assert bucket_for(method, path, bearer) == bucket


@pytest.mark.parametrize(
    ("addr", "key"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        (None, "unknown"),
    ],
)
def test_client_key(addr, key):
    assert client_key(addr) == key


class FakeClock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_limiter_slides_its_window():
    clock = FakeClock(6000.0)  # the start of a one-minute window
    limiter = Limiter(MemoryStore(), clock)
    rules = (Rule(3, 60),)
    assert [limiter.check("k", rules) for _ in range(3)] == [None, None, None]
    assert limiter.check("k", rules) == 80  # 3 x (1 - 20/60) + 1 fits
    clock.now += 60  # next window: the previous three still weigh fully
    assert limiter.check("k", rules) is not None
    clock.now += 30  # half-way: they weigh 1.5
    assert limiter.check("k", rules) is None
    clock.now += 60
    assert limiter.check("k", rules) is None


def test_refused_hits_do_not_count():
    clock = FakeClock(6000.0)
    limiter = Limiter(MemoryStore(), clock)
    rules = (Rule(1, 60), Rule(100, 3600))
    assert limiter.check("k", rules) is None
    for _ in range(50):
        assert limiter.check("k", rules) is not None
    clock.now += 120
    assert limiter.check("k", rules) is None


def test_retry_after_is_honest():
    clock = FakeClock(6000.0)
    limiter = Limiter(MemoryStore(), clock)
    rules = (Rule(2, 60),)
    limiter.check("k", rules)
    limiter.check("k", rules)
    wait = limiter.check("k", rules)
    clock.now += wait - 1
    assert limiter.check("k", rules) is not None
    clock.now += 1
    assert limiter.check("k", rules) is None


def test_sql_store_is_shared_between_workers(tmp_path):
    url = f"sqlite:///{tmp_path / 'ratelimit.sqlite'}"
    clock = FakeClock(6000.0)
    worker_a, worker_b = Limiter(SQLStore(url), clock), Limiter(SQLStore(url), clock)
    rules = (Rule(3, 60),)
    assert worker_a.check("k", rules) is None
    assert worker_b.check("k", rules) is None
    assert worker_a.check("k", rules) is None
    assert worker_b.check("k", rules) is not None
    assert worker_a.check("other", rules) is None


def test_app_uses_a_shared_sql_store_when_configured(tmp_path):
    url = f"sqlite:///{tmp_path / 'ratelimit.sqlite'}"
    worker_a = limited_client(tmp_path, RATELIMIT_STORAGE_URL=url, RATELIMIT_TRACK="2/minute")
    worker_b = limited_client(tmp_path, RATELIMIT_STORAGE_URL=url, RATELIMIT_TRACK="2/minute")
    assert worker_a.get("/track").status_code == 200
    assert worker_b.get("/track").status_code == 200
    assert worker_a.get("/track").status_code == 429


def test_sql_store_on_postgresql(pg_schema_url):
    clock = FakeClock(6000.0)
    store = SQLStore(pg_schema_url)
    limiter = Limiter(store, clock)
    rules = (Rule(2, 60),)
    assert [limiter.check("k", rules) for _ in range(3)][:2] == [None, None]
    assert limiter.check("k", rules) is not None
    store.engine.dispose()


def service(request, app_config, **config):
    """Return a test client of the real service with config changes."""
    app_config.update(config)
    return request.getfixturevalue("client")


SERVICE_LIMITED = [
    ("post", "/api/v1/requests", {"json": citizen()}, "RATELIMIT_SUBMIT", True),
    ("post", "/apply", {"data": citizen()}, "RATELIMIT_SUBMIT", False),
    ("get", "/track?code=nope", {}, "RATELIMIT_TRACK", False),
    ("get", "/api/v1/track/nope", {}, "RATELIMIT_TRACK", True),
    ("get", "/search?q=预算", {}, "RATELIMIT_SEARCH", False),
    ("get", "/api/v1/search?q=预算", {}, "RATELIMIT_SEARCH", True),
    (
        "post",
        "/staff/login",
        {"data": {"username": "x", "password": "y"}},
        "RATELIMIT_LOGIN",
        False,
    ),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "key", "is_json"), SERVICE_LIMITED)
def test_service_routes_are_rate_limited(request, app_config, method, path, kwargs, key, is_json):
    client = service(request, app_config, RATELIMIT_ENABLED=True, **{key: "1/minute"})
    assert getattr(client, method)(path, **kwargs).status_code != 429
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) >= 1
    text = response.get_json()["error"] if is_json else response.get_data(as_text=True)
    assert "请求过于频繁" in text
    assert response.is_json is is_json

"""Configuration: every environment variable the code reads is documented; values are checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from disclosure import calendar
from request_api.config import ConfigError, config_from_env, parse_bodies
from request_api.security import config as security_config

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "configuration.md"
SOURCES = ["request_api", "disclosure", "search_index", "deploy"]
READS = re.compile(r"""(?:environ\.get|env\.get|getenv|_setting)\(\s*["']([A-Z][A-Z0-9_]+)["']""")


def settings_read_by_code() -> set[str]:
    """Return every environment variable name read in the sources."""
    names = set()
    for folder in SOURCES:
        for path in (REPO / folder).rglob("*.py"):
            names |= set(READS.findall(path.read_text(encoding="utf-8")))
    names |= set(security_config.DEFAULTS) | security_config._BOOL_KEYS
    names.add(calendar.ENV_VAR)
    return names


def test_the_scan_finds_the_known_settings():
    names = settings_read_by_code()
    assert {"DATABASE_URL", "REPLY_ATTACHMENT_MAX_BYTES", "ATTACHMENTS_DIR", "MAIL_DELIVERY",
            "RATELIMIT_TRACK", "DISCLOSURE_HOLIDAYS", "WEB_CONCURRENCY"} <= names  # fmt: skip


@pytest.mark.parametrize("name", sorted(settings_read_by_code()))
def test_setting_is_documented(name):
    assert f"`{name}`" in DOC.read_text(encoding="utf-8"), (
        f"{name} 未在 docs/configuration.md 中说明"
    )


def test_reply_settings_are_read_from_the_environment(tmp_path):
    env = {
        "REPLY_ATTACHMENT_MAX_BYTES": "2048",
        "REPLY_ATTACHMENT_MAX_FILES": "3",
        "ATTACHMENTS_DIR": "/srv/files",
        "RECONSIDERATION_BODY": "某某市人民政府",
        "RECONSIDERATION_BODIES": "szf=安徽省人民政府",
        "REPLY_EMAIL_LETTER_FORMAT": "HTML",
        "MAIL_DELIVERY": "cron",
    }
    config = config_from_env(str(tmp_path), env)
    assert config["REPLY_ATTACHMENT_MAX_BYTES"] == 2048
    assert config["REPLY_ATTACHMENT_MAX_FILES"] == 3
    assert config["ATTACHMENTS_DIR"] == "/srv/files"
    assert config["RECONSIDERATION_BODY"] == "某某市人民政府"
    assert config["RECONSIDERATION_BODIES"] == {"szf": "安徽省人民政府"}
    assert config["REPLY_EMAIL_LETTER_FORMAT"] == "html"
    assert config["MAIL_DELIVERY"] == "cron"


def test_reply_settings_defaults(tmp_path):
    config = config_from_env(str(tmp_path), {})
    assert config["REPLY_ATTACHMENT_MAX_BYTES"] == 10 * 1024 * 1024
    assert config["REPLY_ATTACHMENT_MAX_FILES"] == 10
    assert config["ATTACHMENTS_DIR"] == str(tmp_path / "attachments")
    assert config["RECONSIDERATION_BODIES"] == {}
    assert config["REPLY_EMAIL_LETTER_FORMAT"] == "pdf"


@pytest.mark.parametrize(
    "raw, expected",
    [
        (
            "czj=云溪市人民政府;szf=安徽省人民政府",
            {"czj": "云溪市人民政府", "szf": "安徽省人民政府"},
        ),
        ("czj=云溪市人民政府；", {"czj": "云溪市人民政府"}),
        ('{"szf": "安徽省人民政府"}', {"szf": "安徽省人民政府"}),
        ("", {}),
    ],
)
def test_parse_bodies(raw, expected):
    assert parse_bodies(raw) == expected


@pytest.mark.parametrize(
    "env",
    [
        {"RECONSIDERATION_BODIES": "czj"},
        {"RECONSIDERATION_BODIES": "{not json"},
        {"RECONSIDERATION_BODIES": '{"czj": 1}'},
        {"REPLY_EMAIL_LETTER_FORMAT": "docx"},
        {"REPLY_ATTACHMENT_MAX_BYTES": "ten"},
        {"REPLY_ATTACHMENT_MAX_FILES": "0"},
        {"MAX_CONTENT_LENGTH": "-1"},
    ],
)
def test_invalid_values_are_refused_with_a_chinese_message(tmp_path, env):
    with pytest.raises(ConfigError, match="[\u4e00-\u9fff]"):
        config_from_env(str(tmp_path), env)


def test_reconsideration_body_per_agency_from_the_environment(make_app, monkeypatch):
    from request_api.replies.letters import letterhead, reconsideration_body

    monkeypatch.setenv("RECONSIDERATION_BODIES", "szf=安徽省人民政府")
    monkeypatch.setenv("RECONSIDERATION_BODY", "云溪市人民政府")
    app = make_app()
    with app.app_context():
        assert reconsideration_body("szf") == "安徽省人民政府"
        assert reconsideration_body("czj") == "云溪市人民政府"
        assert "安徽省人民政府" in str(letterhead("szf"))


def test_registry_reconsideration_body_wins_over_the_default(make_app, monkeypatch):
    from request_api.replies.letters import reconsideration_body

    monkeypatch.delenv("RECONSIDERATION_BODIES", raising=False)
    monkeypatch.setenv("RECONSIDERATION_BODY", "某省人民政府")
    app = make_app()
    with app.app_context():
        assert reconsideration_body("czj") == "云溪市人民政府"

"""Configuration of the request service, read from the environment."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

logger = logging.getLogger(__name__)

REPO_DIR = Path(__file__).resolve().parent.parent
RELAXED_ENVS = {"development", "testing"}
LETTER_FORMATS = ("pdf", "html")


class ConfigError(RuntimeError):
    """Raised when the environment does not configure the service correctly."""


def _bool(value: str | None, default: bool) -> bool:
    """Read a yes/no environment value."""
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(env: dict, name: str, default: int) -> int:
    """Read a positive integer setting."""
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(
            f"{name} must be a positive integer. 环境变量 {name} 应为正整数，现为 {raw!r}。"
        )
    return int(raw)


def parse_bodies(raw: str | None) -> dict[str, str]:
    """Read RECONSIDERATION_BODIES: "czj=云溪市人民政府;szf=安徽省人民政府" or a JSON object."""
    raw = (raw or "").strip()
    if not raw:
        return {}
    if raw.startswith("{"):
        try:
            bodies = json.loads(raw)
        except ValueError:
            bodies = None
        if isinstance(bodies, dict) and all(isinstance(v, str) for v in bodies.values()):
            return {str(k).strip(): v.strip() for k, v in bodies.items()}
        raise ConfigError('RECONSIDERATION_BODIES: 应为 JSON 对象，如 {"czj": "云溪市人民政府"}')
    pairs = [item.split("=", 1) for item in raw.replace("；", ";").split(";") if item.strip()]
    if any(len(pair) != 2 or not pair[0].strip() or not pair[1].strip() for pair in pairs):
        raise ConfigError("RECONSIDERATION_BODIES: 格式应为“机关代码=复议机关;机关代码=复议机关”")
    return {code.strip(): body.strip() for code, body in pairs}


def _reply_settings(env: dict, instance_path: str) -> dict:
    """Return the settings of reply letters and their attachments."""
    letter_format = (env.get("REPLY_EMAIL_LETTER_FORMAT") or "pdf").strip().lower()
    if letter_format not in LETTER_FORMATS:
        raise ConfigError("REPLY_EMAIL_LETTER_FORMAT: 应为 pdf 或 html")
    return {
        "REPLY_ATTACHMENT_MAX_BYTES": _int(env, "REPLY_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024),
        "REPLY_ATTACHMENT_MAX_FILES": _int(env, "REPLY_ATTACHMENT_MAX_FILES", 10),
        "ATTACHMENTS_DIR": env.get("ATTACHMENTS_DIR") or str(Path(instance_path) / "attachments"),
        "RECONSIDERATION_BODY": env.get("RECONSIDERATION_BODY", "").strip(),
        "RECONSIDERATION_BODIES": parse_bodies(env.get("RECONSIDERATION_BODIES")),
        "REPLY_EMAIL_LETTER_FORMAT": letter_format,
    }


def config_from_env(instance_path: str, environ: dict | None = None) -> dict:
    """Build the Flask configuration mapping from environment variables."""
    env = os.environ if environ is None else environ
    disclosure_env = env.get("DISCLOSURE_ENV", "production").strip().lower() or "production"
    relaxed = disclosure_env in RELAXED_ENVS
    secret = env.get("SECRET_KEY")
    if not secret and relaxed:
        secret = "dev-only-insecure-secret-key"  # noqa: S105  (development and testing only)
    default_db = "sqlite:///" + str(Path(instance_path) / "requests.sqlite3")
    return {
        "DISCLOSURE_ENV": disclosure_env,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": env.get("DATABASE_URL") or default_db,
        "SITE_DIR": env.get("SITE_DIR") or str(REPO_DIR / "output"),
        "CONTENT_DIR": env.get("CONTENT_DIR") or str(REPO_DIR / "content"),
        "SEARCH_INDEX_DIR": env.get("SEARCH_INDEX_DIR") or str(REPO_DIR / "var" / "search-index"),
        "OUTBOX_DIR": env.get("OUTBOX_DIR") or str(REPO_DIR / "var" / "outbox"),
        "SMTP_HOST": env.get("SMTP_HOST") or "",
        "SMTP_PORT": int(env.get("SMTP_PORT") or 25),
        "SMTP_USER": env.get("SMTP_USER") or "",
        "SMTP_PASSWORD": env.get("SMTP_PASSWORD") or "",
        "SMTP_STARTTLS": _bool(env.get("SMTP_STARTTLS"), False),
        "MAIL_FROM": env.get("MAIL_FROM") or "noreply@yunxi.gov.cn",
        "MAIL_DELIVERY": env.get("MAIL_DELIVERY") or None,  # None: thread, inline in tests
        "DISCLOSURE_HOLIDAYS": env.get("DISCLOSURE_HOLIDAYS") or None,  # read by the calendar
        **_reply_settings(env, instance_path),
        "SESSION_COOKIE_SECURE": not relaxed,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "disclosure_session",
        "PERMANENT_SESSION_LIFETIME": 8 * 3600,
        "MAX_CONTENT_LENGTH": _int(env, "MAX_CONTENT_LENGTH", 2 * 1024 * 1024),
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "JSON_AS_ASCII": False,
        "SITE_INFO": {  # the footer and meta tags of the service's pages, as in pelicanconf.py
            "name": env.get("SITE_NAME") or "云溪市人民政府信息公开",
            "domain": env.get("SITE_DOMAIN") or "www.yunxi.gov.cn",
            "id_code": env.get("SITE_ID_CODE") or "3419000001",
            "sponsor": env.get("SITE_SPONSOR") or "云溪市人民政府办公室",
            "sponsor_contact": env.get("SITE_SPONSOR_CONTACT") or "0558-3021006",
            "icp_no": env.get("SITE_ICP_NO") or "皖ICP备26000001号",
            "psb_no": env.get("SITE_PSB_NO") or "皖公网安备34190002000001号",
            "psb_code": env.get("SITE_PSB_CODE") or "34190002000001",
        },
    }


def check_config(config: dict) -> None:
    """Fail with a clear message when a required setting is missing."""
    if not config.get("SECRET_KEY"):
        raise ConfigError(
            "SECRET_KEY is required outside development: set the SECRET_KEY environment variable "
            "(or DISCLOSURE_ENV=development for local use). "
            "未设置 SECRET_KEY：生产环境必须通过环境变量 SECRET_KEY 提供密钥。"
        )

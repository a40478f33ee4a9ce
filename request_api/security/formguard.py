"""Bot traps for the public form: a honeypot field and a minimum fill time."""

import time
from collections.abc import Mapping

from flask import current_app, request
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner
from markupsafe import Markup, escape

HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
_SALT = "request_api.security.form-guard"
_PAYLOAD = "form"

MSG_HONEYPOT = "提交未通过校验，请刷新页面后重新填写。"
MSG_TOO_FAST = "提交过快，请核对填写的内容后再次提交。"
MSG_EXPIRED = "表单已过期或已失效，请核对填写的内容后再次提交。"


def _signer() -> TimestampSigner:
    """Return the signer of form start times, keyed by the app's secret."""
    return TimestampSigner(current_app.secret_key, salt=_SALT)


def _started_at(token: str | None) -> float | None:
    """Return when the form was first shown, or None for a missing or bad token."""
    if not token:
        return None
    try:
        _, stamp = _signer().unsign(
            token, max_age=current_app.config["FORM_GUARD_MAX_AGE"], return_timestamp=True
        )
    except (SignatureExpired, BadSignature):
        return None
    return stamp.timestamp()


def form_guard_fields() -> Markup:
    """Render the hidden honeypot and start-time fields, keeping the first start time."""
    token = request.form.get(STARTED_FIELD) if request.method == "POST" else None
    if _started_at(token) is None:
        token = _signer().sign(_PAYLOAD).decode()
    return Markup(
        '<div class="form-guard" hidden aria-hidden="true">'
        f'<label for="hp-{HONEYPOT_FIELD}">请勿填写此栏</label>'
        f'<input type="text" id="hp-{HONEYPOT_FIELD}" name="{HONEYPOT_FIELD}" value=""'
        ' tabindex="-1" autocomplete="off"></div>'
        f'<input type="hidden" name="{STARTED_FIELD}" value="{escape(token)}">'
    )


def honeypot_and_timing_ok(form_data: Mapping[str, str]) -> str | None:
    """Return a Chinese error message when the form looks machine-filled, else None."""
    if (form_data.get(HONEYPOT_FIELD) or "").strip():
        return MSG_HONEYPOT
    if not current_app.config["FORM_GUARD_ENABLED"]:
        return None
    started = _started_at(form_data.get(STARTED_FIELD))
    if started is None:
        return MSG_EXPIRED
    if time.time() - started < current_app.config["FORM_GUARD_MIN_SECONDS"]:
        return MSG_TOO_FAST
    return None

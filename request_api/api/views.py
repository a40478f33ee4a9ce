"""Views of the JSON API: submit, read, record events, track, and the OpenAPI document."""

from __future__ import annotations

import logging

from flask import abort, jsonify, request

from .. import domain
from ..agencies import agency_codes
from ..auth import require_access, staff_from_token
from ..errors import json_error
from ..extensions import db
from ..models import Application
from ..services.applications import find_by_tracking_code, now_utc, submit_application
from ..services.events import (
    EventConflict,
    EventForbidden,
    EventInputError,
    parse_version,
    record_event,
)
from ..services.receipt import public_receipt, staff_receipt
from ..services.serialize import request_dict
from ..services.tracking import public_view
from ..validation import validate_application
from . import bp
from .openapi import openapi_document

logger = logging.getLogger(__name__)


def _json_body() -> dict:
    """Return the JSON object of the request body, or answer 400 in Chinese."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(json_error(400, "请求体应为 JSON 对象（Content-Type: application/json）"))
    return body


def _staff_or_401():
    """Return the staff member of the Bearer token, or answer 401 (no cookies: no CSRF risk)."""
    staff = staff_from_token(request.headers.get("Authorization"))
    if staff is None:
        abort(json_error(401, "需要工作人员身份认证（Authorization: Bearer 令牌）"))
    return staff


@bp.post("/requests")
def create_request():
    """Register an application (public online, or staff with channel and date of receipt)."""
    body = _json_body()
    staff = staff_from_token(request.headers.get("Authorization"))
    if request.headers.get("Authorization") and staff is None:
        return json_error(401, "令牌无效或已停用")
    data, errors = validate_application(body, agency_codes())
    if staff is None:
        channel, received = public_receipt(body.get("channel"), body.get("received_on"), errors)
    else:
        channel, received = staff_receipt(
            body.get("channel"), body.get("received_on"), now_utc(), errors
        )
    if staff is not None and data.get("agency") and "agency" not in errors:
        require_access(staff, data["agency"])
    if errors:
        return json_error(400, "提交的内容有误，请按字段提示修改", fields=errors)
    result = submit_application(
        db.session, data, now_utc(), channel=channel, received_on=received, actor=staff
    )
    return jsonify(result.receipt_dict()), 201


def _load(application_id: int, staff) -> Application:
    """Return the application if staff may see it, else 404."""
    application = db.session.get(Application, application_id)
    if application is None:
        abort(json_error(404, "申请不存在"))
    require_access(staff, application.agency_code)
    return application


@bp.get("/requests/<int:application_id>")
def get_request(application_id: int):
    """Return an application with its deadlines, explanation and event log (staff)."""
    staff = _staff_or_401()
    application = _load(application_id, staff)
    return jsonify(request_dict(application, domain.beijing_today(now_utc())))


@bp.post("/requests/<int:application_id>/events")
def post_event(application_id: int):
    """Record an event on an application (staff); 409 with a message on an illegal move."""
    staff = _staff_or_401()
    body = _json_body()
    application = _load(application_id, staff)
    try:
        record_event(
            db.session, application, body, staff, now_utc(), parse_version(body.get("version"))
        )
    except EventInputError as exc:
        return json_error(400, "提交的内容有误，请按字段提示修改", fields=exc.errors)
    except EventForbidden as exc:
        return json_error(403, str(exc))
    except EventConflict as exc:
        return json_error(409, str(exc))
    application = db.session.get(Application, application_id)
    return jsonify(request_dict(application, domain.beijing_today(now_utc())))


@bp.get("/track/<string:tracking_code>")
def track(tracking_code: str):
    """Return the public status of the application with this tracking code."""
    application = find_by_tracking_code(db.session, tracking_code[:64])
    if application is None:
        return json_error(404, "未找到与该查询码对应的申请")
    return jsonify(public_view(application, now_utc(), tracking_code[:64]))


@bp.get("/openapi.json")
def openapi():
    """Return the OpenAPI 3.1 description of this API."""
    return jsonify(openapi_document(sorted(agency_codes())))

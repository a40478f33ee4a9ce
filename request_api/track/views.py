"""Views of the public tracking page and the ICS download."""

from __future__ import annotations

import logging

from flask import Response, abort, render_template, request

from ..agencies import agency_name
from ..extensions import db
from ..services.applications import find_by_tracking_code, now_utc
from ..services.tracking import due_date_ics, public_view
from . import bp

logger = logging.getLogger(__name__)

NOT_FOUND = "未找到与该查询码对应的申请，请核对查询码（不区分大小写）。"


@bp.get("/track")
def track():
    """Show the tracking form, or the status of the application with the given code."""
    code = (request.args.get("code") or "").strip()
    if not code:
        return render_template("track/form.html", code="")
    if len(code) > 64:
        return render_template("track/form.html", code="", error=NOT_FOUND), 404
    application = find_by_tracking_code(db.session, code)
    if application is None:
        return render_template("track/form.html", code=code, error=NOT_FOUND), 404
    view = public_view(application, now_utc(), code)
    return render_template(
        "track/result.html", v=view, code=code, agency=agency_name(application.agency_code)
    )


@bp.get("/track/ics")
def ics():
    """Download the reply due date as an iCalendar file."""
    code = (request.args.get("code") or "")[:64]
    application = find_by_tracking_code(db.session, code) if code else None
    if application is None:
        abort(404)
    view = public_view(application, now_utc())
    if not view["reply_due"]:
        abort(404)
    body = due_date_ics(application, view, request.host.split(":")[0] or "localhost")
    headers = {
        "Content-Disposition": f'attachment; filename="reply-due-{application.receipt_no}.ics"'
    }
    return Response(body, mimetype="text/calendar", headers=headers)

"""Views of the staff area."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Response, abort, flash, redirect, render_template, request, session, url_for

from .. import domain
from ..agencies import agency_codes, agency_name, all_agencies
from ..apply.forms import choices
from ..auth import authenticate, current_staff, login_required, require_access, visible_agencies
from ..extensions import db
from ..models import Application, Staff
from ..security import ratelimit
from ..security.responses import human_wait
from ..services.applications import now_utc, submit_application
from ..services.dashboard import DUE_WINDOWS, assign, clerks_of, list_rows, page_rows
from ..services.events import (
    EventConflict,
    EventForbidden,
    EventInputError,
    parse_version,
    record_event,
)
from ..services.export import export_csv
from ..services.receipt import staff_receipt
from ..services.serialize import applicant_dict, event_dict, explanation
from ..validation import validate_application
from . import bp
from .forms import AssignForm, EventForm, LoginForm, RegisterForm

logger = logging.getLogger(__name__)


def _safe_next(target: str | None) -> str:
    """Return a local redirect target, never another site."""
    if not target or urlsplit(target).netloc or not target.startswith("/staff") or "\\" in target:
        return url_for("staff.dashboard")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log a staff member in."""
    form = LoginForm()
    if form.validate_on_submit():
        username = form.username.data or ""
        wait = ratelimit.failed_login_wait(username)
        if wait is not None:
            error = f"该账号登录失败次数过多，已暂停登录，请{human_wait(wait)}后再试。"
            page = render_template("staff/login.html", form=form, error=error)
            return page, 429, {"Retry-After": str(wait)}
        staff = authenticate(username, form.password.data or "")
        if staff is not None:
            session.clear()
            session["staff_id"] = staff.id
            session.permanent = True
            logger.info("staff %s logged in", staff.id)
            return redirect(_safe_next(request.args.get("next")))
        ratelimit.count_failed_login(username)
        return render_template("staff/login.html", form=form, error="用户名或密码不正确"), 401
    return render_template("staff/login.html", form=form)


@bp.post("/logout")
def logout():
    """Log out."""
    session.clear()
    flash("您已退出登录。", "info")
    return redirect(url_for("staff.login"))


@bp.get("/")
@login_required
def dashboard():
    """List applications with filters by agency, status and due window."""
    staff = current_staff()
    agencies = visible_agencies(staff, agency_codes())
    args = {k: (request.args.get(k) or "").strip() for k in ("agency", "status", "due", "mine")}
    if args["agency"] and args["agency"] not in agencies:
        abort(404)
    filters = {"agency": args["agency"], "status": args["status"], "window": args["due"],
               "assignee": staff.id if args["mine"] else None}  # fmt: skip
    today = domain.beijing_today(now_utc())
    if request.args.get("format") == "csv":
        rows = list_rows(db.session, agencies, today, **filters)
        headers = {"Content-Disposition": 'attachment; filename="requests.csv"'}
        return Response(export_csv(rows), mimetype="text/csv; charset=utf-8", headers=headers)
    raw_page = (request.args.get("page") or "1").strip()
    if not raw_page.isdigit() or len(raw_page) > 9:
        abort(400, description="页码应为正整数")
    page = page_rows(db.session, agencies, today, int(raw_page), **filters)
    options = [a for a in all_agencies() if a.code in agencies]
    return render_template("staff/dashboard.html", rows=page.rows, page=page, args=args,
                           agencies=options,
                           windows=DUE_WINDOWS, statuses=domain.statuses(), staff=staff,
                           agency_name=agency_name, status_label=domain.status_label)  # fmt: skip


@bp.get("/export.csv")
@login_required
def export():
    """Download the CSV export of the filtered list."""
    args = request.args.to_dict()
    args["format"] = "csv"
    return redirect(url_for("staff.dashboard", **args))


def _application(application_id: int) -> Application:
    """Return an application the current staff member may see, else 404."""
    application = db.session.get(Application, application_id)
    if application is None:
        abort(404)
    require_access(current_staff(), application.agency_code)
    return application


@bp.get("/requests/<int:application_id>")
@login_required
def request_page(application_id: int):
    """Show an application, its deadlines, the full timeline and the event forms."""
    application = _application(application_id)
    return _render_request(application, EventForm(version=application.version))


def _render_request(application: Application, form: EventForm, status: int = 200, error=None):
    """Render the request page."""
    state = domain.deadline_state(application, domain.beijing_today(now_utc()))
    assign_form = AssignForm()
    assign_form.assignee.choices = choices(
        {str(s.id): s.username for s in clerks_of(db.session, application.agency_code)},
        "（未分配）",
    )
    assign_form.assignee.data = str(application.assignee_id or "")
    page = render_template(
        "staff/request.html", a=application, state=state, form=form, assign_form=assign_form,
        applicant=applicant_dict(application), events=[event_dict(e) for e in application.events],
        explanation=explanation(state), agency=agency_name(application.agency_code),
        status_label=domain.status_label, error=error, staff=current_staff(),
    )  # fmt: skip
    return page, status


@bp.post("/requests/<int:application_id>/events")
@login_required
def add_event(application_id: int):
    """Record an event from the request page's form."""
    application = _application(application_id)
    form = EventForm()
    if not form.validate():
        return _render_request(application, form, 400, "页面已过期，请刷新后重试。")
    try:
        version = parse_version(form.version.data)
        record_event(db.session, application, form.payload(), current_staff(), now_utc(), version)
    except EventInputError as exc:
        for name, message in exc.errors.items():
            if name in form._fields:
                form._fields[name].errors = [message]
        return _render_request(application, form, 400, "请按提示修改后再提交。")
    except EventForbidden as exc:
        return _render_request(db.session.get(Application, application_id), form, 403, str(exc))
    except EventConflict as exc:
        return _render_request(db.session.get(Application, application_id), form, 409, str(exc))
    flash("已记录。", "success")
    return redirect(url_for("staff.request_page", application_id=application_id), code=303)


@bp.post("/requests/<int:application_id>/assign")
@login_required
def assign_view(application_id: int):
    """Assign the application to a staff member of its agency."""
    application = _application(application_id)
    form = AssignForm()
    if not form.validate():
        abort(400)
    assignee = None
    if form.assignee.data:
        assignee = (
            db.session.get(Staff, int(form.assignee.data)) if form.assignee.data.isdigit() else None
        )
        if assignee is None or application.agency_code not in assignee.agency_codes:
            flash("所选经办人不属于本机关。", "error")
            return redirect(url_for("staff.request_page", application_id=application_id), code=303)
    assign(db.session, application, assignee, current_staff(), now_utc())
    flash("已分配经办人。", "success")
    return redirect(url_for("staff.request_page", application_id=application_id), code=303)


@bp.route("/register", methods=["GET", "POST"])
@login_required
def register():
    """Register an application received on paper, in person, by mail, fax or email (Art. 31)."""
    staff = current_staff()
    form = RegisterForm()
    form.set_agencies(
        [a for a in all_agencies() if a.code in visible_agencies(staff, agency_codes())]
    )
    if not form.is_submitted():
        form.applicant_kind.data = form.applicant_kind.data or "citizen"
        form.channel.data = form.channel.data or "in_person"
        return render_template("staff/register.html", form=form, staff=staff)
    if not form.validate():
        return render_template("staff/register.html", form=form, staff=staff,
                               form_error="页面已过期，请核对后再次提交。"), 400  # fmt: skip
    values = form.values()
    channel, given = values.pop("channel"), values.pop("received_on")
    allowed = visible_agencies(staff, agency_codes())
    data, errors = validate_application(values, allowed)
    channel, received = staff_receipt(channel, given, now_utc(), errors)
    if errors:
        form.attach_errors(errors)
        return render_template("staff/register.html", form=form, staff=staff,
                               form_error="请按提示修改后再提交。"), 400  # fmt: skip
    result = submit_application(
        db.session, data, now_utc(), channel=channel, received_on=received, actor=staff
    )
    session["receipt"] = result.receipt_dict()
    return redirect(url_for("apply.receipt"), code=303)

"""Views: list, record and update appeal cases of an application."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from disclosure.annual_report import AppealKind, AppealResult

from .. import domain
from ..agencies import agency_name
from ..auth import current_staff, login_required, require_access
from ..extensions import db
from ..models import Application
from ..services.applications import now_utc
from . import bp
from .forms import AppealForm
from .models import Appeal
from .services import AppealInputError, add_appeal, appeals_of, parse_appeal, update_appeal


def _application(application_id: int) -> Application:
    """Return an application the current staff member may see, else 404."""
    application = db.session.get(Application, application_id)
    if application is None:
        abort(404)
    require_access(current_staff(), application.agency_code)
    return application


def _render(application: Application, form: AppealForm, status=200, error=None, appeal=None):
    """Render the appeals page of an application."""
    page = render_template(
        "appeals/appeals.html",
        a=application,
        form=form,
        error=error,
        appeal=appeal,
        appeals=appeals_of(db.session, application.id),
        staff=current_staff(),
        agency=agency_name(application.agency_code),
        kind_label=lambda k: AppealKind(k).label,
        result_label=lambda r: AppealResult(r).label,
    )
    return page, status


def _save(application: Application, form: AppealForm, appeal: Appeal | None):
    """Check the form and save the case; re-render with errors when refused."""
    if not form.validate():
        return _render(application, form, 400, "页面已过期，请刷新后重试。", appeal)
    today = domain.beijing_today(now_utc())
    data = {k: f.data for k, f in form._fields.items() if k != "csrf_token"}
    try:
        fields = parse_appeal(data, application, today)
    except AppealInputError as exc:
        for name, message in exc.errors.items():
            form._fields[name].errors = [message]
        return _render(application, form, 400, "请按提示修改后再提交。", appeal)
    if appeal is None:
        add_appeal(db.session, application, fields, current_staff(), now_utc())
    else:
        update_appeal(db.session, appeal, fields, current_staff(), now_utc())
    flash("已保存。", "success")
    return redirect(url_for("appeals.appeals_page", application_id=application.id), code=303)


@bp.route("/staff/requests/<int:application_id>/appeals", methods=["GET", "POST"])
@login_required
def appeals_page(application_id: int):
    """List the cases of an application and record a new one."""
    application = _application(application_id)
    form = AppealForm()
    if form.is_submitted():
        return _save(application, form, None)
    return _render(application, form)


@bp.route("/staff/appeals/<int:appeal_id>", methods=["GET", "POST"])
@login_required
def edit_appeal(appeal_id: int):
    """Update a case (its result and decided date)."""
    appeal = db.session.get(Appeal, appeal_id)
    if appeal is None:
        abort(404)
    application = _application(appeal.application_id)
    form = AppealForm()
    if form.is_submitted():
        return _save(application, form, appeal)
    form.kind.data, form.result.data = appeal.kind, appeal.result
    form.filed_on.data = appeal.filed_on.isoformat()
    form.decided_on.data = appeal.decided_on.isoformat() if appeal.decided_on else ""
    form.body.data, form.note.data = appeal.body or "", appeal.note or ""
    return _render(application, form, appeal=appeal)

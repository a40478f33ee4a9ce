"""Views of the public application form."""

from __future__ import annotations

import logging

from flask import redirect, render_template, request, session, url_for

from ..agencies import agency_codes, agency_name, all_agencies
from ..extensions import csrf, db
from ..security import honeypot_and_timing_ok
from ..services.applications import now_utc, submit_application
from ..validation import validate_application
from . import bp
from .forms import ApplicationForm

logger = logging.getLogger(__name__)

CSRF_MESSAGE = "页面已过期或来源无法确认，请核对后再次提交（您填写的内容已保留）。"


@bp.route("/apply", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token so that nothing typed is lost on failure
def apply():
    """Show the application form, or register a submitted application and show its receipt."""
    form = ApplicationForm()
    form.set_agencies(all_agencies())
    if not form.is_submitted():
        if not form.applicant_kind.data:
            form.applicant_kind.data = "citizen"
        return render_template("apply/form.html", form=form)
    if not form.validate():
        return render_template("apply/form.html", form=form, form_error=CSRF_MESSAGE), 400
    problem = honeypot_and_timing_ok(request.form)
    if problem:
        return render_template("apply/form.html", form=form, form_error=problem), 400
    data, errors = validate_application(form.values(), agency_codes())
    if errors:
        form.attach_errors(errors)
        return render_template(
            "apply/form.html", form=form, form_error="请按提示修改后再提交。"
        ), 400
    result = submit_application(db.session, data, now_utc())
    session["receipt"] = result.receipt_dict()
    return redirect(url_for("apply.receipt"), code=303)


@bp.get("/apply/receipt")
def receipt():
    """Show the printable receipt of the application just submitted in this browser."""
    info = session.get("receipt")
    if not info:
        return redirect(url_for("apply.apply"))
    return render_template("apply/receipt.html", r=info, agency=agency_name(info["agency_code"]))

"""Views: staff reply and notice forms, letters and attachments for staff and applicants."""

from __future__ import annotations

import logging
from urllib.parse import quote

from flask import Response, abort, flash, redirect, render_template, request, url_for

from disclosure.letters import NoticeKind

from .. import domain
from ..agencies import agency_name
from ..auth import current_staff, login_required, require_access
from ..extensions import db
from ..models import Application
from ..services.applications import find_by_tracking_code, now_utc
from ..services.events import EventConflict, EventForbidden, EventInputError
from . import bp, inputs, services, storage
from .forms import CorrectionForm, ExtensionForm, FeeForm, ReplyForm
from .mail import letter_pdf, send_letter
from .models import Letter, LetterAttachment
from .public import letter_title

logger = logging.getLogger(__name__)

LETTER_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
NOTICES = {
    "fee": (NoticeKind.FEE, FeeForm, inputs.parse_fee),
    "correction": (NoticeKind.CORRECTION, CorrectionForm, inputs.parse_correction),
    "extension": (NoticeKind.EXTENSION, ExtensionForm, inputs.parse_extension),
}
FAILURES = (
    inputs.InputError,
    EventInputError,
    storage.AttachmentError,
    EventForbidden,
    EventConflict,
)


def _application(application_id: int) -> Application:
    """Return an application the current staff member may see, else 404."""
    application = db.session.get(Application, application_id)
    if application is None:
        abort(404)
    require_access(current_staff(), application.agency_code)
    return application


def letter_response(html: str, preview: bool = False) -> Response:
    """Return a letter page; its own CSP allows only its inline print styles."""
    if preview:
        banner = '<p style="border:2px dashed #b00;padding:4px">预览稿：尚未编号，未发出。</p>'
        html = html.replace("<body>", "<body>\n" + banner, 1)
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = LETTER_CSP
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _failure(exc: Exception) -> tuple[dict, str, int]:
    """Return field errors, a page message and a status for a refused letter."""
    if isinstance(exc, (inputs.InputError, EventInputError)):
        return exc.errors, "请按提示修改后再提交。", 400
    if isinstance(exc, storage.AttachmentError):
        return {"files": str(exc)}, str(exc), 400
    status = 403 if isinstance(exc, EventForbidden) else 409
    return {}, str(exc), status


def _page(template: str, application: Application, form, status=200, error=None, **extra):
    """Render a letter form page."""
    letters = services.letters_of(db.session, application.id)
    page = render_template(
        template,
        a=application,
        form=form,
        error=error,
        staff=current_staff(),
        letters=letters,
        title_of=letter_title,
        agency=agency_name(application.agency_code),
        status_label=domain.status_label,
        **extra,
    )
    return page, status


def _show_errors(form, errors: dict) -> None:
    """Put service errors beside the form's fields."""
    for name, message in errors.items():
        if name in form._fields:
            form._fields[name].errors = [message]


def _payload(form) -> dict:
    """Return the submitted text fields."""
    return {k: f.data for k, f in form._fields.items() if k not in {"csrf_token", "files"}}


def _uploads() -> list[tuple[str, bytes]]:
    """Return the uploaded files as (name, bytes), skipping empty inputs; close their streams."""
    files = []
    for upload in request.files.getlist("files"):
        try:
            if (upload.filename or "").strip():
                files.append((upload.filename, upload.read()))
        finally:
            upload.close()
    return files


@bp.route("/staff/requests/<int:application_id>/reply", methods=["GET", "POST"])
@login_required
def reply_form(application_id: int):
    """Show the reply form; preview the letter or issue it."""
    application = _application(application_id)
    form = ReplyForm()
    if request.method == "GET":
        form.date.data = domain.beijing_today(now_utc()).isoformat()
        return _page("replies/reply_form.html", application, form)
    if not form.validate():
        return _page(
            "replies/reply_form.html", application, form, 400, "页面已过期，请刷新后重试。"
        )
    try:
        data = inputs.parse_reply(_payload(form))
        files = _uploads()
        if request.form.get("action") == "preview":
            names = tuple(name for name, _ in files)
            return letter_response(services.preview_reply(application, data, names), True)
        letter = services.issue_reply(
            db.session, application, data, files, current_staff(), now_utc()
        )
    except FAILURES as exc:
        errors, message, status = _failure(exc)
        _show_errors(form, errors)
        fresh = db.session.get(Application, application_id)
        return _page("replies/reply_form.html", fresh, form, status, errors.get("letter", message))
    send_letter(db.session, application, letter)
    flash(f"已发出{letter_title(letter)}（{letter.number}）。", "success")
    return redirect(url_for("replies.reply_form", application_id=application_id), code=303)


@bp.route("/staff/requests/<int:application_id>/notices/<kind>", methods=["GET", "POST"])
@login_required
def notice_form(application_id: int, kind: str):
    """Show a notice form (fee, correction, extension); preview or issue the notice."""
    if kind not in NOTICES:
        abort(404)
    application = _application(application_id)
    notice, form_class, parse = NOTICES[kind]
    form = form_class()
    extra = {"notice": notice, "kind": kind}
    if request.method == "GET":
        form.date.data = domain.beijing_today(now_utc()).isoformat()
        return _page("replies/notice_form.html", application, form, **extra)
    if not form.validate():
        return _page(
            "replies/notice_form.html",
            application,
            form,
            400,
            "页面已过期，请刷新后重试。",
            **extra,
        )
    try:
        data = parse(_payload(form))
        if request.form.get("action") == "preview":
            ctx, _, _ = services.build_notice(db.session, application, notice, data)
            return letter_response(services.letters.render(ctx), True)
        letter = services.issue_notice(
            db.session, application, notice, data, current_staff(), now_utc()
        )
    except FAILURES as exc:
        errors, message, status = _failure(exc)
        _show_errors(form, errors)
        fresh = db.session.get(Application, application_id)
        return _page(
            "replies/notice_form.html", fresh, form, status, errors.get("letter", message), **extra
        )
    send_letter(db.session, application, letter)
    flash(f"已发出{letter_title(letter)}（{letter.number}）。", "success")
    return redirect(url_for("replies.reply_form", application_id=application_id), code=303)


def _staff_letter(letter_id: int) -> Letter:
    """Return a letter the current staff member may see, else 404."""
    letter = db.session.get(Letter, letter_id)
    if letter is None:
        abort(404)
    require_access(current_staff(), letter.agency_code)
    return letter


@bp.get("/staff/letters/<int:letter_id>")
@login_required
def staff_letter(letter_id: int):
    """Show the stored letter (printable HTML)."""
    return letter_response(_staff_letter(letter_id).html)


@bp.get("/staff/letters/<int:letter_id>/pdf")
@login_required
def staff_letter_pdf(letter_id: int):
    """Download the stored letter as PDF."""
    return pdf_response(_staff_letter(letter_id))


@bp.get("/staff/attachments/<int:attachment_id>")
@login_required
def staff_attachment(attachment_id: int):
    """Download an attachment (staff of the agency only)."""
    item = db.session.get(LetterAttachment, attachment_id)
    if item is None:
        abort(404)
    require_access(current_staff(), item.letter.agency_code)
    return file_response(item)


def pdf_response(letter: Letter) -> Response:
    """Return the letter as a PDF download."""
    response = Response(letter_pdf(letter), mimetype="application/pdf")
    response.headers["Content-Disposition"] = _disposition(f"{letter.number}.pdf", "letter")
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _disposition(filename: str, fallback: str) -> str:
    """Return an attachment Content-Disposition header with a UTF-8 file name (RFC 6266)."""
    stem, _, ext = filename.rpartition(".")
    safe = "".join(ch for ch in stem if ch.isascii() and (ch.isalnum() or ch in "_-"))
    ascii_name = f"{safe or fallback}.{ext}" if stem else fallback
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def file_response(item: LetterAttachment) -> Response:
    """Send a stored attachment as a download (files are size-limited, so read whole)."""
    path = storage.path_of(item.storage_name)
    if not path.is_file():
        abort(404)
    response = Response(path.read_bytes(), mimetype=item.media_type)
    response.headers["Content-Disposition"] = _disposition(item.filename, "attachment")
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _public_letter(letter_id: int) -> Letter:
    """Return a letter of the application whose tracking code is given, else 404."""
    code = (request.args.get("code") or "")[:64]
    application = find_by_tracking_code(db.session, code) if code else None
    letter = db.session.get(Letter, letter_id) if application else None
    if letter is None or letter.application_id != application.id:
        abort(404)
    return letter


@bp.get("/track/letters/<int:letter_id>")
def public_letter(letter_id: int):
    """Show a letter to the applicant holding the tracking code."""
    return letter_response(_public_letter(letter_id).html)


@bp.get("/track/letters/<int:letter_id>/pdf")
def public_letter_pdf(letter_id: int):
    """Download a letter as PDF (applicant holding the tracking code)."""
    return pdf_response(_public_letter(letter_id))


@bp.get("/track/attachments/<int:attachment_id>")
def public_attachment(attachment_id: int):
    """Download an attachment (applicant holding the tracking code)."""
    item = db.session.get(LetterAttachment, attachment_id)
    if item is None:
        abort(404)
    _public_letter(item.letter_id)
    return file_response(item)

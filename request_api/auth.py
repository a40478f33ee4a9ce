"""Staff authentication: session login for pages, Bearer tokens for the API, per-agency access."""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import secrets

from flask import abort, current_app, g, redirect, request, session, url_for
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db
from .models import Staff, StaffAgency

logger = logging.getLogger(__name__)

PASSWORD_METHOD = "scrypt"
# A fixed hash checked when the username is unknown, so both paths cost the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method=PASSWORD_METHOD)


def hash_token(token: str) -> str:
    """Return the SHA-256 digest under which an API token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_password() -> str:
    """Return a new random password."""
    return secrets.token_urlsafe(12)


def new_token() -> str:
    """Return a new random API token."""
    return "gk_" + secrets.token_urlsafe(32)


def create_staff(username: str, role: str, agencies: list[str], email: str | None = None):
    """Create a staff member; return (staff, password, token) with the secrets shown only once."""
    password, token = new_password(), new_token()
    staff = Staff(
        username=username,
        password_hash=generate_password_hash(
            password, method=current_app.config.get("PASSWORD_HASH_METHOD", PASSWORD_METHOD)
        ),
        token_hash=hash_token(token),
        role=role,
        email=email,
    )
    staff.agency_links = [StaffAgency(agency_code=code) for code in sorted(set(agencies))]
    db.session.add(staff)
    db.session.commit()
    logger.info("staff member %s created with role %s", username, role)
    return staff, password, token


def authenticate(username: str, password: str) -> Staff | None:
    """Return the active staff member with these credentials, or None."""
    staff = db.session.scalars(select(Staff).where(Staff.username == username)).first()
    if staff is None or not staff.active:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return staff if check_password_hash(staff.password_hash, password) else None


def staff_from_token(header: str | None) -> Staff | None:
    """Return the staff member whose API token is in an Authorization: Bearer header."""
    if not header or not header.startswith("Bearer "):
        return None
    digest = hash_token(header[7:].strip())
    staff = db.session.scalars(select(Staff).where(Staff.token_hash == digest)).first()
    if staff is None or not staff.active or not hmac.compare_digest(staff.token_hash, digest):
        return None
    return staff


def current_staff() -> Staff | None:
    """Return the staff member of this request (API token first, then the login session)."""
    if "staff" not in g:
        staff = None
        if request.headers.get("Authorization"):
            staff = staff_from_token(request.headers.get("Authorization"))
        elif session.get("staff_id"):
            staff = db.session.get(Staff, session["staff_id"])
            if staff is not None and not staff.active:
                staff = None
        g.staff = staff
    return g.staff


def login_required(view):
    """Redirect anonymous visitors of staff pages to the login page."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if current_staff() is None:
            return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped


def can_access(staff: Staff, agency_code: str) -> bool:
    """Tell whether staff may see and act on the agency's applications."""
    return staff.role == "admin" or agency_code in staff.agency_codes


def visible_agencies(staff: Staff, all_codes: set[str]) -> set[str]:
    """Return the agency codes staff may see."""
    return set(all_codes) if staff.role == "admin" else set(staff.agency_codes)


def require_access(staff: Staff, agency_code: str) -> None:
    """Answer 404 when staff may not see the agency's applications (existence is not revealed)."""
    if not can_access(staff, agency_code):
        abort(404)

"""What the applicant sees of letters on the tracking page and in GET /api/v1/track/{code}."""

from __future__ import annotations

from flask import url_for
from sqlalchemy import select

from disclosure.letters import NoticeKind
from disclosure.replies import ReplyKind

from ..extensions import db
from ..models import Application
from ..services.applications import normalise_tracking_code
from .models import Letter


def letter_title(letter: Letter) -> str:
    """Return the letter's title without the agency name."""
    if letter.kind == "reply":
        return ReplyKind(letter.reply_kind).title
    return NoticeKind(letter.kind).title


def letter_dict(letter: Letter, code: str | None) -> dict:
    """Return one letter with download links that carry the tracking code (when given)."""
    view = {
        "number": letter.number,
        "title": letter_title(letter),
        "kind": letter.kind,
        "issued_on": letter.issued_on.isoformat(),
        "files": [
            {"name": f.filename, "size": f.size, "media_type": f.media_type, "id": f.id}
            for f in letter.attachments
        ],
    }
    if code:
        code = normalise_tracking_code(code)
        view["html_url"] = url_for("replies.public_letter", letter_id=letter.id, code=code)
        view["pdf_url"] = url_for("replies.public_letter_pdf", letter_id=letter.id, code=code)
        for item in view["files"]:
            item["url"] = url_for("replies.public_attachment", attachment_id=item["id"], code=code)
    return view


def public_letters(application: Application, code: str | None = None) -> list[dict]:
    """Return every letter sent to the applicant, oldest first."""
    stmt = select(Letter).where(Letter.application_id == application.id).order_by(Letter.id)
    return [letter_dict(letter, code) for letter in db.session.scalars(stmt)]

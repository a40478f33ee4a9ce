"""Helpers of the reply, report and statistics tests: submit, reply, read letters."""

from __future__ import annotations

import io
import zipfile

import time_machine
from request_samples import at, citizen

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20


def docx_bytes() -> bytes:
    """Return a minimal Word document (a ZIP with word/document.xml)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def submit(client, when, **overrides) -> dict:
    """Submit an application online at a Beijing time; return the receipt."""
    with time_machine.travel(when, tick=False):
        response = client.post("/api/v1/requests", json=citizen(**overrides))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def register(client, auth, user, received_on: str, when=None, **overrides) -> dict:
    """Register an application as staff with a given date of receipt (in-person channel)."""
    when = when or at(*map(int, received_on.split("-")))
    body = citizen(channel="in_person", received_on=received_on, **overrides)
    with time_machine.travel(when, tick=False):
        response = client.post("/api/v1/requests", json=body, headers=auth.headers(user))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def reply(client, auth, app_id, day: str, user="clerk", files=(), travel=True, **fields):
    """Post the reply form on day (YYYY-MM-DD) and return the response."""
    data = {"reply_kind": "provided", "outcome": "", "date": day, "action": "issue", **fields}
    if files:
        data["files"] = [(io.BytesIO(content), name) for name, content in files]

    def post():
        return client.post(
            f"/staff/requests/{app_id}/reply",
            data=data,
            headers=auth.headers(user),
            content_type="multipart/form-data",
        )

    if not travel:
        return post()
    with time_machine.travel(at(*map(int, day.split("-")), hour=15), tick=False):
        return post()


def event(client, auth, app_id, day: str, user="clerk", **body):
    """Record an event through the API on day."""
    with time_machine.travel(at(*map(int, day.split("-")), hour=15), tick=False):
        response = client.post(
            f"/api/v1/requests/{app_id}/events",
            json={"date": day, **body},
            headers=auth.headers(user),
        )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def letters_of(app, app_id):
    """Return the stored letters of an application as plain dicts."""
    from request_api.extensions import db
    from request_api.replies.services import letters_of as query

    with app.app_context():
        return [
            {
                "number": letter.number,
                "html": letter.html,
                "kind": letter.kind,
                "outcome": letter.outcome,
                "id": letter.id,
                "files": [(f.filename, f.media_type, f.id) for f in letter.attachments],
            }
            for letter in query(db.session, app_id)
        ]

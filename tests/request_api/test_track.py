"""Public tracking: the /track page, the ICS download and GET /api/v1/track/{code}."""

from __future__ import annotations

import time_machine
from request_samples import RESIDENT_ID, at, citizen


def _apply(client, **overrides):
    with time_machine.travel(at(2026, 2, 10), tick=False):
        return client.post("/api/v1/requests", json=citizen(**overrides)).get_json()


@time_machine.travel(at(2026, 2, 12), tick=False)
def test_track_page_shows_status_and_due_date(client):
    receipt = _apply(client)
    page = client.get("/track", query_string={"code": receipt["tracking_code"]}).get_data(
        as_text=True
    )
    assert "2026-000001" in page and "2026-03-16" in page and "办理中" in page
    assert "张三" not in page and RESIDENT_ID not in page and "13800138000" not in page


@time_machine.travel(at(2026, 2, 12), tick=False)
def test_tracking_code_is_case_and_space_insensitive(client):
    code = _apply(client)["tracking_code"]
    typed = " " + code.lower().replace("-", " ") + " "
    assert client.get("/track", query_string={"code": typed}).status_code == 200


@time_machine.travel(at(2026, 2, 12), tick=False)
def test_unknown_code_is_404_with_chinese_message(client):
    _apply(client)
    response = client.get("/track", query_string={"code": "AAAAA-BBBBB-CCCCC-DDDDD"})
    assert response.status_code == 404
    assert "未找到" in response.get_data(as_text=True)


def test_track_form_without_code(client):
    page = client.get("/track").get_data(as_text=True)
    assert 'name="code"' in page


@time_machine.travel(at(2026, 2, 12), tick=False)
def test_ics_download_has_the_due_date(client):
    code = _apply(client)["tracking_code"]
    response = client.get("/track/ics", query_string={"code": code})
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    body = response.get_data(as_text=True)
    assert "BEGIN:VCALENDAR" in body and "DTSTART;VALUE=DATE:20260316" in body
    assert "attachment" in response.headers["Content-Disposition"]


def test_ics_with_wrong_code_is_404(client):
    assert client.get("/track/ics", query_string={"code": "nope"}).status_code == 404


@time_machine.travel(at(2026, 2, 12), tick=False)
def test_api_track_returns_only_status_dates_and_reply(client):
    receipt = _apply(client)
    body = client.get(f"/api/v1/track/{receipt['tracking_code']}").get_json()
    assert {"receipt_no", "status", "received_on", "reply_due", "provisional", "reply"} <= set(body)
    assert not {"name", "id_number", "phone", "email", "address", "applicant"} & set(body)
    assert body["reply_due"] == "2026-03-16"
    assert body["reply"] is None
    assert "张三" not in str(body) and RESIDENT_ID not in str(body)


@time_machine.travel(at(2026, 2, 12), tick=False)
def test_a_code_never_reveals_another_application(client):
    first = _apply(client)
    second = _apply(client, name="李四")
    body = client.get(f"/api/v1/track/{second['tracking_code']}").get_json()
    assert body["receipt_no"] == second["receipt_no"] != first["receipt_no"]
    code = first["tracking_code"]
    altered = code[:-1] + ("Z" if code[-1] != "Z" else "Y")
    assert client.get("/api/v1/track/" + altered).status_code == 404


def test_api_track_unknown_is_404_json(client):
    response = client.get("/api/v1/track/nothing")
    assert response.status_code == 404
    assert response.is_json

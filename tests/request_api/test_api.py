"""The JSON API: submissions, field errors, staff reads, events and public tracking."""

from __future__ import annotations

import time_machine
from request_samples import at, citizen, organisation

RECEIPT_KEYS = {
    "id",
    "receipt_no",
    "tracking_code",
    "received_on",
    "reply_due",
    "provisional",
    "status",
}


def submit(client, data=None, **kwargs):
    return client.post("/api/v1/requests", json=data or citizen(), **kwargs)


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_public_submission_returns_receipt_fields(client):
    response = submit(client)
    assert response.status_code == 201
    body = response.get_json()
    assert RECEIPT_KEYS <= set(body)
    assert body["receipt_no"] == "2026-000001"
    assert body["received_on"] == "2026-02-10"
    assert body["reply_due"] == "2026-03-16"
    assert body["provisional"] is False
    assert body["status"] == "received"
    assert len(body["tracking_code"]) >= 20


@time_machine.travel(at(2026, 2, 14, 9), tick=False)
def test_online_submission_on_makeup_saturday_is_received_that_day(client):
    assert submit(client).get_json()["received_on"] == "2026-02-14"


@time_machine.travel(at(2026, 2, 15, 23, 30), tick=False)
def test_online_submission_in_spring_festival_is_received_next_working_day(client):
    assert submit(client).get_json()["received_on"] == "2026-02-24"


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_organisation_submission(client):
    assert submit(client, organisation()).status_code == 201


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_invalid_input_gives_field_errors_in_chinese_and_stores_nothing(client, app):
    response = submit(client, citizen(id_number="110105194912310021", phone="123", agency="nope"))
    assert response.status_code == 400
    fields = response.get_json()["fields"]
    assert set(fields) == {"id_number", "phone", "agency"}
    assert "身份证" in fields["id_number"]
    assert submit(client).get_json()["receipt_no"] == "2026-000001"


def test_malformed_json_is_400_json(client):
    response = client.post("/api/v1/requests", data="{bad", content_type="application/json")
    assert response.status_code == 400
    assert response.is_json
    assert "JSON" in response.get_json()["error"]


def test_wrong_types_are_field_errors(client):
    response = submit(client, citizen(name=["x"], description=12))
    assert response.status_code == 400
    assert set(response.get_json()["fields"]) >= {"name", "description"}


def test_public_cannot_choose_channel_or_date(client):
    response = submit(client, citizen(channel="in_person", received_on="2026-01-05"))
    assert response.status_code == 400
    assert set(response.get_json()["fields"]) == {"channel", "received_on"}


@time_machine.travel(at(2026, 3, 2), tick=False)
def test_staff_registers_registered_mail_with_date_signed_for(client, auth):
    auth.create("clerk", "clerk", ["czj"])
    body = submit(
        client,
        citizen(channel="registered_mail", received_on="2026-02-10"),
        headers=auth.headers("clerk"),
    ).get_json()
    assert body["received_on"] == "2026-02-10"
    assert body["reply_due"] == "2026-03-16"


@time_machine.travel(at(2026, 3, 2), tick=False)
def test_staff_mail_without_date_is_a_field_error(client, auth):
    auth.create("clerk", "clerk", ["czj"])
    response = submit(client, citizen(channel="mail"), headers=auth.headers("clerk"))
    assert response.status_code == 400
    assert "received_on" in response.get_json()["fields"]


@time_machine.travel(at(2026, 3, 2), tick=False)
def test_staff_invalid_date_is_a_field_error(client, auth):
    auth.create("clerk", "clerk", ["czj"])
    response = submit(
        client, citizen(channel="in_person", received_on="2026-02-30"), headers=auth.headers()
    )
    assert response.status_code == 400
    assert "received_on" in response.get_json()["fields"]


def test_bad_token_is_401(client):
    response = submit(client, headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
    assert response.is_json


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_get_request_needs_staff(client):
    created = submit(client).get_json()
    response = client.get(f"/api/v1/requests/{created['id']}")
    assert response.status_code == 401
    assert response.is_json


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_get_request_shows_explanation_and_events(client, auth):
    auth.create()
    created = submit(client).get_json()
    body = client.get(f"/api/v1/requests/{created['id']}", headers=auth.headers()).get_json()
    assert body["reply_due"] == "2026-03-16"
    assert body["provisional"] is False
    assert body["events"][0]["type"] == "received"
    assert body["explanation"]
    assert body["applicant"]["id_number"] == "11010519491231002X"


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_other_agencys_staff_cannot_read(client, auth):
    auth.create("other", "clerk", ["szf"])
    created = submit(client).get_json()
    response = client.get(f"/api/v1/requests/{created['id']}", headers=auth.headers("other"))
    assert response.status_code == 404


def test_unknown_request_is_404_json(client, auth):
    auth.create()
    response = client.get("/api/v1/requests/999", headers=auth.headers())
    assert response.status_code == 404
    assert response.is_json


def test_unknown_api_path_is_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.is_json


def test_openapi_document_describes_every_endpoint(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert {
        "/api/v1/requests",
        "/api/v1/requests/{id}",
        "/api/v1/requests/{id}/events",
        "/api/v1/track/{tracking_code}",
        "/api/v1/openapi.json",
    } <= set(doc["paths"])
    assert "czj" in doc["components"]["schemas"]["Application"]["properties"]["agency"]["enum"]


@time_machine.travel(at(2026, 3, 3), tick=False)
def test_explanation_lists_start_holidays_pauses_extension_and_days(client, auth):
    auth.create("head", "head", ["czj"])
    with time_machine.travel(at(2026, 2, 10), tick=False):
        app_id = submit(client).get_json()["id"]
    for event in (
        {"type": "consultation_sent", "date": "2026-02-24"},
        {"type": "consultation_answered", "date": "2026-02-27"},
        {"type": "extended", "date": "2026-03-02", "working_days": 5, "reason": "档案"},
    ):
        response = client.post(
            f"/api/v1/requests/{app_id}/events", json=event, headers=auth.headers("head")
        )
        assert response.status_code == 200
    body = client.get(f"/api/v1/requests/{app_id}", headers=auth.headers("head")).get_json()
    explanation = body["explanation"]
    assert explanation["start"] == "2026-02-10"
    assert explanation["original_due"] == "2026-03-19"  # 3/16 + 3 paused days
    assert explanation["reply_due"] == body["reply_due"] == "2026-03-26"
    assert explanation["extension"]["working_days"] == 5
    assert explanation["pauses"][0]["paused_days"] == ["2026-02-25", "2026-02-26", "2026-02-27"]
    spring_festival = {"date": "2026-02-17", "kind": "holiday", "label": "节假日", "name": "春节"}
    assert spring_festival in explanation["skipped_days"]
    assert (explanation["working_days_used"], explanation["working_days_left"]) == (8, 17)


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_api_ignores_the_staff_login_cookie(client, auth):
    auth.create()
    created = submit(client).get_json()
    auth.login()
    assert client.get(f"/api/v1/requests/{created['id']}").status_code == 401
    response = client.post(
        f"/api/v1/requests/{created['id']}/events", json={"type": "withdrawn", "date": "2026-02-10"}
    )
    assert response.status_code == 401


def test_unknown_year_is_provisional_until_its_arrangement_is_entered(
    client, auth, tmp_path, monkeypatch
):
    auth.create()
    with time_machine.travel(at(2026, 12, 30), tick=False):
        created = submit(client).get_json()
        # 2027 unknown: counted Monday to Friday, so 1 January counts; flagged provisional.
        assert (created["reply_due"], created["provisional"]) == ("2027-01-27", True)
        overrides = tmp_path / "holidays.yaml"
        overrides.write_text("2027:\n  holidays: [2027-01-01]\n  workdays: []\n", encoding="utf-8")
        monkeypatch.setenv("DISCLOSURE_HOLIDAYS", str(overrides))
        body = client.get(f"/api/v1/requests/{created['id']}", headers=auth.headers()).get_json()
    assert (body["reply_due"], body["provisional"]) == ("2027-01-28", False)

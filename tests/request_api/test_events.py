"""Recording events through the API: legal moves, field errors, refusals (409) and locking."""

from __future__ import annotations

import threading

import pytest
import time_machine
from request_samples import at, citizen


@pytest.fixture
def staff(auth):
    auth.create("clerk", "clerk", ["czj"])
    auth.create("head", "head", ["czj"])
    return auth


@pytest.fixture
def received(client):
    """An application received on 2026-02-10 (due 2026-03-16)."""
    with time_machine.travel(at(2026, 2, 10), tick=False):
        return client.post("/api/v1/requests", json=citizen()).get_json()


def post(client, staff, app_id, user="clerk", **event):
    return client.post(f"/api/v1/requests/{app_id}/events", json=event, headers=staff.headers(user))


def read(client, staff, app_id):
    return client.get(f"/api/v1/requests/{app_id}", headers=staff.headers("clerk")).get_json()


@time_machine.travel(at(2026, 3, 10), tick=False)
def test_extension_by_head_moves_due_date(client, staff, received):
    response = post(
        client,
        staff,
        received["id"],
        "head",
        type="extended",
        date="2026-03-10",
        working_days=20,
        reason="需要调取档案",
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["reply_due"] == "2026-04-14"
    assert body["events"][-1]["previous"]["reply_due"] == "2026-03-16"
    assert body["events"][-1]["new"]["reply_due"] == "2026-04-14"
    assert body["events"][-1]["actor"] == "head"


@time_machine.travel(at(2026, 3, 10), tick=False)
def test_clerk_cannot_approve_extension(client, staff, received):
    response = post(
        client,
        staff,
        received["id"],
        "clerk",
        type="extended",
        date="2026-03-10",
        working_days=20,
        reason="需要调取档案",
    )
    assert response.status_code == 403
    assert "负责人" in response.get_json()["error"]
    assert read(client, staff, received["id"])["reply_due"] == "2026-03-16"


@time_machine.travel(at(2026, 3, 10), tick=False)
def test_second_extension_is_409_and_nothing_changes(client, staff, received):
    ext = dict(type="extended", date="2026-03-10", working_days=10, reason="档案较多")
    assert post(client, staff, received["id"], "head", **ext).status_code == 200
    before = read(client, staff, received["id"])
    response = post(client, staff, received["id"], "head", **ext)
    assert response.status_code == 409
    assert "一次" in response.get_json()["error"]
    after = read(client, staff, received["id"])
    assert after["events"] == before["events"]
    assert after["version"] == before["version"]


@time_machine.travel(at(2026, 3, 18), tick=False)
def test_extension_after_due_date_is_409(client, staff, received):
    response = post(
        client,
        staff,
        received["id"],
        "head",
        type="extended",
        date="2026-03-17",
        working_days=5,
        reason="迟到的延期",
    )
    assert response.status_code == 409
    assert "届满" in response.get_json()["error"]


@time_machine.travel(at(2026, 3, 2), tick=False)
def test_payment_without_notice_is_409(client, staff, received):
    response = post(client, staff, received["id"], type="fee_paid", date="2026-03-02")
    assert response.status_code == 409
    assert "收费通知" in response.get_json()["error"]


@time_machine.travel(at(2026, 3, 2), tick=False)
def test_anything_after_reply_is_409(client, staff, received):
    assert (
        post(
            client, staff, received["id"], type="replied", date="2026-03-02", outcome="disclosed"
        ).status_code
        == 200
    )
    response = post(client, staff, received["id"], type="withdrawn", date="2026-03-02")
    assert response.status_code == 409
    assert "已答复" in response.get_json()["error"]


@time_machine.travel(at(2026, 3, 2), tick=False)
def test_fee_notice_pauses_and_payment_resumes(client, staff, received):
    body = post(
        client, staff, received["id"], type="fee_notice_sent", date="2026-02-24", amount="100"
    ).get_json()
    assert body["status"] == "awaiting_fee"
    assert body["reply_due"] is None
    body = post(client, staff, received["id"], type="fee_paid", date="2026-03-02").get_json()
    assert body["status"] == "received"
    # 2/25, 2/26, 2/27, 2/28 (make-up Saturday) and 3/2 do not count: due moves 5 working days.
    assert body["reply_due"] == "2026-03-23"


@time_machine.travel(at(2026, 3, 2), tick=False)
def test_withdrawal_closes_with_other_outcome(client, staff, received):
    body = post(client, staff, received["id"], type="withdrawn", date="2026-03-02").get_json()
    assert body["status"] == "withdrawn"
    assert body["outcome"] == "other"


@time_machine.travel(at(2026, 3, 2), tick=False)
@pytest.mark.parametrize(
    "event, field",
    [
        ({"type": "teleported", "date": "2026-03-02"}, "type"),
        ({"type": "replied", "date": "2026-02-30", "outcome": "disclosed"}, "date"),
        ({"type": "replied", "date": "2026-03-05", "outcome": "disclosed"}, "date"),
        ({"type": "replied", "date": "2026-01-05", "outcome": "disclosed"}, "date"),
        ({"type": "replied", "date": "2026-03-02", "outcome": "granted"}, "outcome"),
        (
            {"type": "extended", "date": "2026-03-02", "working_days": 21, "reason": "x"},
            "working_days",
        ),
        ({"type": "extended", "date": "2026-03-02", "working_days": 5}, "reason"),
        ({"type": "fee_notice_sent", "date": "2026-03-02", "amount": "-5"}, "amount"),
        ({"type": "fee_notice_sent", "date": "2026-03-02", "amount": "abc"}, "amount"),
        ({"type": "replied", "date": 20260302, "outcome": "disclosed"}, "date"),
    ],
)
def test_invalid_event_fields_are_400(client, staff, received, event, field):
    response = post(client, staff, received["id"], "head", **event)
    assert response.status_code == 400
    assert field in response.get_json()["fields"]
    assert len(read(client, staff, received["id"])["events"]) == 1


@time_machine.travel(at(2026, 3, 2), tick=False)
def test_stale_version_is_409(client, staff, received):
    version = read(client, staff, received["id"])["version"]
    assert (
        post(
            client,
            staff,
            received["id"],
            type="consultation_sent",
            date="2026-03-02",
            version=version,
        ).status_code
        == 200
    )
    response = post(
        client, staff, received["id"], type="withdrawn", date="2026-03-02", version=version
    )
    assert response.status_code == 409
    assert "他人" in response.get_json()["error"]


@time_machine.travel(at(2026, 3, 2), tick=False)
def test_events_need_staff(client, received):
    response = client.post(
        f"/api/v1/requests/{received['id']}/events",
        json={"type": "withdrawn", "date": "2026-03-02"},
    )
    assert response.status_code == 401


@time_machine.travel(at(2026, 3, 2), tick=False)
def test_other_agency_cannot_record_events(client, staff, received):
    staff.create("outsider", "head", ["szf"])
    response = post(client, staff, received["id"], "outsider", type="withdrawn", date="2026-03-02")
    assert response.status_code == 404


@time_machine.travel(at(2026, 3, 10), tick=False)
@pytest.mark.parametrize(
    "event",
    [
        {"type": "extended", "date": "2026-03-10", "working_days": 20, "reason": "并发"},
        {"type": "replied", "date": "2026-03-10", "outcome": "disclosed"},
    ],
    ids=["extend", "reply"],
)
def test_two_heads_acting_at_once_only_one_wins(app, staff, received, event):
    staff.create("head2", "head", ["czj"])
    results = []
    barrier = threading.Barrier(2)

    def extend(user):
        client = app.test_client()
        barrier.wait()
        response = client.post(
            f"/api/v1/requests/{received['id']}/events",
            json=event,
            headers=staff.headers(user),
        )
        results.append(response.status_code)

    threads = [threading.Thread(target=extend, args=(u,)) for u in ("head", "head2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200, 409]

"""The whole journey: apply → correction → consultation → extension → reply, with literal dates.

Dates are hand-counted on the 2026 arrangement (shared/domain.md section 3): holidays 2/15-2/23,
4/4-4/6, 5/1-5/5; make-up working days 2/14 and 2/28 (Saturdays).
"""

from __future__ import annotations

import time_machine
from request_samples import at, citizen


def _event(client, auth, app_id, user, **event):
    response = client.post(
        f"/api/v1/requests/{app_id}/events", json=event, headers=auth.headers(user)
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _track(client, code):
    return client.get(f"/api/v1/track/{code}").get_json()


def test_worked_example_received_feb_10_due_mar_16_extended_to_apr_14(client, auth):
    auth.create("head", "head", ["czj"])
    with time_machine.travel(at(2026, 2, 10), tick=False):
        receipt = client.post("/api/v1/requests", json=citizen()).get_json()
    assert receipt["reply_due"] == "2026-03-16"
    with time_machine.travel(at(2026, 3, 12), tick=False):
        body = _event(
            client,
            auth,
            receipt["id"],
            "head",
            type="extended",
            date="2026-03-12",
            working_days=20,
            reason="涉及多个年度的档案",
        )
    assert body["reply_due"] == "2026-04-14"


def test_full_journey_with_due_dates_the_law_gives(client, auth):
    auth.create("clerk", "clerk", ["czj"])
    auth.create("head", "head", ["czj"])
    # Received Tue 2026-02-10: due on the 20th working day, Mon 2026-03-16.
    with time_machine.travel(at(2026, 2, 10), tick=False):
        receipt = client.post("/api/v1/requests", json=citizen()).get_json()
    app_id, code = receipt["id"], receipt["tracking_code"]
    assert (receipt["received_on"], receipt["reply_due"]) == ("2026-02-10", "2026-03-16")

    # Correction notice on Thu 2/12 (within 7 working days): the clock stops.
    with time_machine.travel(at(2026, 2, 12), tick=False):
        body = _event(
            client,
            auth,
            app_id,
            "clerk",
            type="correction_requested",
            date="2026-02-12",
            note="请写明所需预算表的年度和部门",
        )
        assert (body["status"], body["reply_due"]) == ("awaiting_correction", None)
        assert _track(client, code)["status"] == "awaiting_correction"

    # Correction arrives Thu 2/26: 20 working days restart → 2/27, 2/28 (make-up Sat), ... 3/25.
    with time_machine.travel(at(2026, 2, 26), tick=False):
        body = _event(client, auth, app_id, "clerk", type="correction_received", date="2026-02-26")
    assert (body["status"], body["reply_due"]) == ("received", "2026-03-25")

    # Third-party consultation Mon 3/2 → answer Mon 3/9: 3/3-3/6 and 3/9 (5 days) do not count.
    with time_machine.travel(at(2026, 3, 2), tick=False):
        body = _event(client, auth, app_id, "clerk", type="consultation_sent", date="2026-03-02")
    assert (body["status"], body["reply_due"]) == ("consulting", None)
    with time_machine.travel(at(2026, 3, 9), tick=False):
        body = _event(
            client, auth, app_id, "clerk", type="consultation_answered", date="2026-03-09"
        )
    assert (body["status"], body["reply_due"]) == ("received", "2026-04-01")

    # Extension by 20 approved by the head on 3/20: 4/2, 4/3, (4/4-4/6 Qingming), 4/7 ... 4/30.
    with time_machine.travel(at(2026, 3, 20), tick=False):
        body = _event(
            client,
            auth,
            app_id,
            "head",
            type="extended",
            date="2026-03-20",
            working_days=20,
            reason="需要调取历年档案",
        )
    assert (body["status"], body["reply_due"]) == ("received", "2026-04-30")
    assert _track(client, code)["reply_due"] == "2026-04-30"

    # Reply on 4/28, on time.
    with time_machine.travel(at(2026, 4, 28), tick=False):
        body = _event(
            client,
            auth,
            app_id,
            "clerk",
            type="replied",
            date="2026-04-28",
            outcome="disclosed",
            reply_text="所申请信息已通过电子邮件提供。",
        )
        tracked = _track(client, code)
    assert body["status"] == "replied"
    assert tracked["status"] == "replied"
    assert tracked["reply"]["outcome"] == "disclosed"
    assert tracked["reply"]["text"] == "所申请信息已通过电子邮件提供。"
    types = [e["type"] for e in body["events"]]
    assert types == [
        "received",
        "correction_requested",
        "correction_received",
        "consultation_sent",
        "consultation_answered",
        "extended",
        "replied",
    ]
    assert [e["actor"] for e in body["events"][1:]] == ["clerk"] * 4 + ["head", "clerk"]

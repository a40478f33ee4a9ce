"""Appeals: staff record reconsideration and lawsuits against a request, and update results."""

from __future__ import annotations

import pytest
import time_machine
from letter_samples import submit
from request_samples import at


@pytest.fixture
def clerk(auth):
    auth.create("clerk", "clerk", ["czj"])
    return auth


def _post(client, auth, path, day="2026-06-01", user="clerk", **data):
    with time_machine.travel(at(*map(int, day.split("-"))), tick=False):
        return client.post(path, data=data, headers=auth.headers(user))


def _appeals(app):
    from request_api.appeals.models import Appeal
    from request_api.extensions import db

    with app.app_context():
        return [
            (
                a.kind,
                a.filed_on.isoformat(),
                a.result,
                a.decided_on.isoformat() if a.decided_on else None,
            )
            for a in db.session.query(Appeal).order_by(Appeal.id)
        ]


def test_record_then_decide_a_reconsideration(client, clerk, app):
    receipt = submit(client, at(2026, 3, 2))
    path = f"/staff/requests/{receipt['id']}/appeals"
    response = _post(
        client,
        clerk,
        path,
        kind="reconsideration",
        filed_on="2026-04-20",
        result="pending",
        body="云溪市人民政府",
    )
    assert response.status_code == 303
    assert _appeals(app) == [("reconsideration", "2026-04-20", "pending", None)]
    page = client.get(path, headers=clerk.headers()).get_data(as_text=True)
    assert "行政复议" in page and "尚未审结" in page and "云溪市人民政府" in page
    from request_api.appeals.models import Appeal
    from request_api.extensions import db

    with app.app_context():
        appeal_id = db.session.query(Appeal).one().id
    response = _post(
        client,
        clerk,
        f"/staff/appeals/{appeal_id}",
        kind="reconsideration",
        filed_on="2026-04-20",
        result="corrected",
        decided_on="2026-05-28",
    )
    assert response.status_code == 303
    assert _appeals(app) == [("reconsideration", "2026-04-20", "corrected", "2026-05-28")]


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"kind": "", "filed_on": "2026-04-20"}, "请选择案件类型"),
        ({"kind": "appeal", "filed_on": "2026-04-20"}, "请选择案件类型"),
        ({"kind": "direct_lawsuit", "filed_on": "2026-13-01"}, "日期无效"),
        ({"kind": "direct_lawsuit", "filed_on": "2026-02-01"}, "不能早于收到政府信息公开申请之日"),
        ({"kind": "direct_lawsuit", "filed_on": "2026-07-01"}, "不能晚于今天"),
        (
            {"kind": "direct_lawsuit", "filed_on": "2026-04-20", "result": "upheld"},
            "请填写审结日期",
        ),
        (
            {
                "kind": "direct_lawsuit",
                "filed_on": "2026-04-20",
                "result": "pending",
                "decided_on": "2026-05-01",
            },
            "尚未审结的案件不能填写审结日期",
        ),
        (
            {
                "kind": "lawsuit_after_reconsideration",
                "filed_on": "2026-04-20",
                "result": "upheld",
                "decided_on": "2026-04-01",
            },
            "审结日期应在申请复议或起诉日期之后",
        ),
        ({"kind": "direct_lawsuit", "filed_on": "2026-04-20", "result": "won"}, "请选择结果"),
    ],
)
def test_bad_appeal_input_is_refused_in_chinese(client, clerk, app, data, field_message):
    receipt = submit(client, at(2026, 3, 2))
    response = _post(client, clerk, f"/staff/requests/{receipt['id']}/appeals", **data)
    assert response.status_code == 400
    assert field_message in response.get_data(as_text=True)
    assert _appeals(app) == []


def test_other_agency_staff_cannot_see_or_record(client, clerk, auth, app):
    auth.create("szf-clerk", "clerk", ["szf"])
    receipt = submit(client, at(2026, 3, 2))
    path = f"/staff/requests/{receipt['id']}/appeals"
    assert client.get(path, headers=auth.headers("szf-clerk")).status_code == 404
    response = _post(
        client, auth, path, user="szf-clerk", kind="reconsideration", filed_on="2026-04-20"
    )
    assert response.status_code == 404
    assert _appeals(app) == []


def test_anonymous_visitor_is_sent_to_login(client):
    receipt = submit(client, at(2026, 3, 2))
    response = client.get(f"/staff/requests/{receipt['id']}/appeals")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]

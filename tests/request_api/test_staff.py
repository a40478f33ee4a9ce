"""Staff area: login, access control on every route, dashboard, events by form, assignment."""

from __future__ import annotations

import re

import pytest
import time_machine
from request_samples import at, citizen


def _apply(client, **overrides):
    with time_machine.travel(at(2026, 2, 10), tick=False):
        return client.post("/api/v1/requests", json=citizen(**overrides)).get_json()


STAFF_GETS = [
    "/staff/",
    "/staff/requests/{id}",
    "/staff/export.csv",
    "/staff/?format=csv",
    "/staff/register",
]
STAFF_POSTS = ["/staff/requests/{id}/events", "/staff/requests/{id}/assign", "/staff/register"]


@pytest.mark.parametrize("path", STAFF_GETS + STAFF_POSTS)
def test_anonymous_is_sent_to_login(client, path):
    app_id = _apply(client)["id"]
    url = path.format(id=app_id)
    response = client.post(url, data={}) if path in STAFF_POSTS else client.get(url)
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]


def test_login_with_wrong_password_fails_in_chinese(client, auth):
    auth.create()
    response = client.post("/staff/login", data={"username": "clerk", "password": "wrong"})
    assert response.status_code == 401
    assert "用户名或密码不正确" in response.get_data(as_text=True)


def test_login_unknown_user_fails(client):
    response = client.post("/staff/login", data={"username": "ghost", "password": "x"})
    assert response.status_code == 401


def test_login_then_dashboard_then_logout(client, auth):
    auth.create()
    response = auth.login()
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
    auth.logout()
    assert client.get("/staff/").status_code == 302


def test_login_never_redirects_off_site(client, auth):
    auth.create()
    response = client.post(
        "/staff/login?next=https://evil.example/staff",
        data={"username": "clerk", "password": auth.passwords["clerk"]},
    )
    assert response.headers["Location"] == "/staff/"


def test_passwords_are_stored_hashed(app, auth):
    from request_api.extensions import db
    from request_api.models import Staff

    token = auth.create()
    with app.app_context():
        staff = db.session.query(Staff).one()
        assert auth.passwords["clerk"] not in staff.password_hash
        assert staff.password_hash.startswith(("scrypt", "pbkdf2"))
        assert token not in (staff.token_hash or "")


@time_machine.travel(at(2026, 3, 10), tick=False)
def test_dashboard_colors_and_masks_nothing_but_shows_own_agency_only(client, auth):
    auth.create("clerk", "clerk", ["czj"])
    mine = _apply(client)
    theirs = _apply(client, agency="szf", name="其他机关的申请人")
    auth.login()
    page = client.get("/staff/").get_data(as_text=True)
    assert mine["receipt_no"] in page
    assert "其他机关的申请人" not in page
    assert 'class="due-yellow"' in page  # due 3/16, 4 working days left on 3/10
    assert client.get(f"/staff/requests/{theirs['id']}").status_code == 404
    assert client.get("/staff/?agency=szf").status_code == 404


@time_machine.travel(at(2026, 3, 17), tick=False)
def test_overdue_is_red_and_filter_by_window(client, auth):
    auth.create()
    _apply(client)
    auth.login()
    page = client.get("/staff/?due=overdue").get_data(as_text=True)
    assert 'class="due-red"' in page
    assert "2026-000001" in client.get("/staff/?due=overdue").get_data(as_text=True)
    assert "2026-000001" not in client.get("/staff/?due=soon").get_data(as_text=True)
    assert "2026-000001" not in client.get("/staff/?status=replied").get_data(as_text=True)


@time_machine.travel(at(2026, 2, 20), tick=False)
def test_green_when_far_from_due(client, auth):
    auth.create()
    _apply(client)
    auth.login()
    assert 'class="due-green"' in client.get("/staff/").get_data(as_text=True)


@time_machine.travel(at(2026, 2, 12), tick=False)
def test_admin_sees_every_agency(client, auth):
    auth.create("root", "admin", [])
    _apply(client, name="甲")
    _apply(client, agency="szf", name="乙")
    auth.login("root")
    page = client.get("/staff/").get_data(as_text=True)
    assert "甲" in page and "乙" in page


@time_machine.travel(at(2026, 2, 12), tick=False)
def test_request_page_shows_timeline_and_escapes_applicant_text(client, auth):
    auth.create()
    app_id = _apply(client, description="<img src=x onerror=alert(1)>")["id"]
    auth.login()
    page = client.get(f"/staff/requests/{app_id}").get_data(as_text=True)
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert "收到申请" in page and "2026-03-16" in page
    assert "春节" in page  # the explanation names the holidays skipped


@time_machine.travel(at(2026, 2, 12), tick=False)
def test_event_form_records_correction(client, auth):
    auth.create()
    app_id = _apply(client)["id"]
    auth.login()
    response = client.post(
        f"/staff/requests/{app_id}/events",
        data={"type": "correction_requested", "date": "2026-02-12", "note": "请说明年度"},
    )
    assert response.status_code == 303
    page = client.get(f"/staff/requests/{app_id}").get_data(as_text=True)
    assert "发出补正通知" in page and "待申请人补正" in page


@time_machine.travel(at(2026, 3, 10), tick=False)
def test_clerk_cannot_extend_through_the_form(client, auth):
    auth.create()
    app_id = _apply(client)["id"]
    auth.login()
    response = client.post(
        f"/staff/requests/{app_id}/events",
        data={"type": "extended", "date": "2026-03-10", "working_days": "20", "reason": "档案多"},
    )
    assert response.status_code == 403
    assert "负责人" in response.get_data(as_text=True)


@time_machine.travel(at(2026, 3, 10), tick=False)
def test_head_extends_through_the_form(client, auth):
    auth.create("head", "head", ["czj"])
    app_id = _apply(client)["id"]
    auth.login("head")
    response = client.post(
        f"/staff/requests/{app_id}/events",
        data={"type": "extended", "date": "2026-03-10", "working_days": "20", "reason": "档案多"},
    )
    assert response.status_code == 303
    assert "2026-04-14" in client.get(f"/staff/requests/{app_id}").get_data(as_text=True)


@time_machine.travel(at(2026, 3, 10), tick=False)
def test_illegal_move_through_the_form_is_409_with_message(client, auth):
    auth.create()
    app_id = _apply(client)["id"]
    auth.login()
    response = client.post(
        f"/staff/requests/{app_id}/events", data={"type": "fee_paid", "date": "2026-03-10"}
    )
    assert response.status_code == 409
    assert "没有待缴费的收费通知" in response.get_data(as_text=True)


@time_machine.travel(at(2026, 3, 10), tick=False)
def test_form_field_error_is_shown_beside_the_field(client, auth):
    auth.create()
    app_id = _apply(client)["id"]
    auth.login()
    response = client.post(
        f"/staff/requests/{app_id}/events",
        data={"type": "replied", "date": "2026-02-30", "outcome": "disclosed"},
    )
    assert response.status_code == 400
    assert 'id="date-error"' in response.get_data(as_text=True)


@time_machine.travel(at(2026, 2, 12), tick=False)
def test_assignment_to_a_clerk_is_logged(client, auth):
    auth.create("head", "head", ["czj"])
    auth.create("clerk", "clerk", ["czj"])
    auth.create("outsider", "clerk", ["szf"])
    app_id = _apply(client)["id"]
    auth.login("head")
    page = client.get(f"/staff/requests/{app_id}").get_data(as_text=True)
    clerk_id = re.search(r'<option value="(\d+)">clerk</option>', page).group(1)
    assert "outsider" not in page
    client.post(f"/staff/requests/{app_id}/assign", data={"assignee": clerk_id})
    detail = client.get(f"/api/v1/requests/{app_id}", headers=auth.headers("head")).get_json()
    assert detail["assignee"] == "clerk"
    assert detail["events"][-1]["type"] == "assigned"
    assert detail["events"][-1]["new"] == {"assignee": "clerk"}


def test_staff_forms_require_csrf(make_app):
    from service_support import AuthActions

    csrf_app = make_app(WTF_CSRF_ENABLED=True)
    client = csrf_app.test_client()
    auth = AuthActions(csrf_app, client)
    auth.create()
    response = auth.login()
    assert response.status_code == 400
    assert "页面已过期" in response.get_data(as_text=True) or "来源" in response.get_data(
        as_text=True
    )


def test_session_cookie_is_httponly(client, auth):
    auth.create()
    cookie = auth.login().headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@time_machine.travel(at(2026, 3, 2), tick=False)
def test_staff_registers_a_registered_letter_with_the_day_signed_for(client, auth):
    auth.create()
    auth.login()
    form = citizen(channel="registered_mail", received_on="2026-02-10")
    response = client.post("/staff/register", data=form)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2026-000001" in page and "2026-02-10" in page and "2026-03-16" in page


@time_machine.travel(at(2026, 3, 2), tick=False)
def test_staff_registration_needs_the_date_for_mail_and_keeps_input(client, auth):
    auth.create()
    auth.login()
    response = client.post("/staff/register", data=citizen(channel="mail", received_on=""))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="received_on-error"' in page and "确认日期" in page
    assert "2025年度市级部门预算公开" in page


@time_machine.travel(at(2026, 3, 2), tick=False)
def test_staff_cannot_register_for_another_agency(client, auth):
    auth.create()
    auth.login()
    response = client.post("/staff/register", data=citizen(agency="szf", channel="in_person"))
    assert response.status_code == 400
    assert 'id="agency-error"' in response.get_data(as_text=True)


@time_machine.travel(at(2026, 2, 12), tick=False)
def test_dashboard_filter_assigned_to_me(client, app, auth):
    from request_api.extensions import db
    from request_api.models import Application, Staff

    auth.create()
    first, _ = _apply(client, name="甲某"), _apply(client, name="乙某")
    with app.app_context():
        application = db.session.get(Application, first["id"])
        application.assignee = db.session.query(Staff).one()
        db.session.commit()
    auth.login()
    page = client.get("/staff/?mine=1").get_data(as_text=True)
    assert "甲某" in page and "乙某" not in page

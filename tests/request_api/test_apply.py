"""The public application form: CSRF, every field's validation, nothing typed lost, the receipt."""

from __future__ import annotations

import re

import pytest
import time_machine
from request_samples import RESIDENT_ID, USCC, at, citizen, organisation
from sqlalchemy import func, select


def _count(app):
    from request_api.extensions import db
    from request_api.models import Application

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Application))


def test_form_shows_every_art29_field_in_chinese(client):
    page = client.get("/apply").get_data(as_text=True)
    for name in (
        "applicant_kind",
        "name",
        "id_type",
        "id_number",
        "org_category",
        "org_uscc",
        "legal_rep",
        "contact_person",
        "phone",
        "email",
        "address",
        "postcode",
        "agency",
        "description",
        "doc_number",
        "medium",
        "delivery",
        "purpose",
    ):
        assert f'name="{name}"' in page
    assert "云溪市财政局" in page
    assert "商业企业" in page and "法律服务机构" in page
    assert 'class="site-header"' in page and 'href="#main"' in page and 'id="main"' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # no inline scripts (strict CSP)
    assert "style=" not in page and "<style" not in page


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_valid_citizen_application_shows_printable_receipt(client):
    response = client.post("/apply", data=citizen())
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2026-000001" in page
    assert "2026-02-10" in page and "2026-03-16" in page
    assert re.search(r"[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}", page)
    assert "暂定" not in page


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_valid_organisation_application_is_accepted(client, app):
    assert client.post("/apply", data=organisation()).status_code == 303
    assert _count(app) == 1


@time_machine.travel(at(2026, 12, 30), tick=False)
def test_receipt_warns_when_due_date_is_provisional(client, app):
    # 20 working days after 2026-12-30 reach January 2027, whose arrangement is not known yet.
    client.post("/apply", data=citizen())
    page = client.get("/apply/receipt").get_data(as_text=True)
    assert "暂行计算" in page, page[page.find("<main") : page.find("</main>")]


INVALID = [
    ("applicant_kind", "alien", "无效"),
    ("applicant_kind", "", "申请人类型"),
    ("name", "", "姓名"),
    ("name", "张" * 101, "100"),
    ("id_type", "", "证件类型"),
    ("id_type", "driving_licence", "无效"),
    ("id_number", "", "证件号码"),
    ("id_number", "110105194912310021", "身份证"),
    ("id_number", "110105194902300023", "身份证"),
    ("phone", "", "联系电话"),
    ("phone", "12345", "格式"),
    ("email", "not-an-email", "邮箱"),
    ("postcode", "2361", "6位"),
    ("agency", "", "受理机关"),
    ("agency", "nope", "不存在"),
    ("description", "", "描述"),
    ("description", "x\x00y", "控制字符"),
    ("medium", "", "载体"),
    ("medium", "stone", "无效"),
    ("delivery", "", "获取"),
    ("delivery", "pigeon", "无效"),
    ("purpose", "x" * 1001, "1000"),
]


@time_machine.travel(at(2026, 2, 10), tick=False)
@pytest.mark.parametrize("field, value, message", INVALID)
def test_each_invalid_field_gets_chinese_error_beside_it_and_keeps_input(
    client, app, field, value, message
):
    data = citizen(**{field: value})
    response = client.post("/apply", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    error = re.search(rf'<p class="field-error" id="{field}-error">([^<]*)</p>', page)
    assert error, page
    assert message in error.group(1)
    kept = {"phone": 'value="13800138000"', "name": 'value="张三"',
            "description": "2025年度市级部门预算公开"}  # fmt: skip
    assert all(text in page for name, text in kept.items() if name != field)  # nothing lost
    if field in {"name", "phone"} and value:
        assert f'value="{value}"' in page  # even the wrong value is kept for correction
    assert _count(app) == 0


ORG_INVALID = [
    ("org_category", "", "单位类别"),
    ("org_category", "bank", "无效"),
    ("org_uscc", "", "统一社会信用代码"),
    ("org_uscc", USCC[:-1] + "0", "统一社会信用代码"),
    ("legal_rep", "", "法定代表人"),
    ("contact_person", "", "联系人"),
]


@time_machine.travel(at(2026, 2, 10), tick=False)
@pytest.mark.parametrize("field, value, message", ORG_INVALID)
def test_organisation_fields_are_validated(client, app, field, value, message):
    response = client.post("/apply", data=organisation(**{field: value}))
    assert response.status_code == 400
    error = re.search(rf'id="{field}-error">([^<]*)<', response.get_data(as_text=True))
    assert error and message in error.group(1)
    assert _count(app) == 0


@time_machine.travel(at(2026, 2, 10), tick=False)
@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"delivery": "post", "address": ""}, "address"),
        ({"delivery": "post", "postcode": ""}, "postcode"),
        ({"delivery": "email", "email": ""}, "email"),
        ({"delivery": "email", "medium": "paper"}, "medium"),
    ],
)
def test_delivery_needs_its_contact_details(client, overrides, field):
    response = client.post("/apply", data=citizen(**overrides))
    assert response.status_code == 400
    assert f'id="{field}-error"' in response.get_data(as_text=True)


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_lower_case_x_in_resident_id_is_accepted(client, app):
    assert client.post("/apply", data=citizen(id_number=RESIDENT_ID.lower())).status_code == 303


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_applicant_text_is_escaped(client, app):
    data = citizen(description="<script>alert(1)</script>", phone="x")
    page = client.post("/apply", data=data).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


@pytest.fixture
def csrf_client(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    return app, app.test_client()


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_csrf_is_enforced_and_input_kept(csrf_client):
    app, client = csrf_client
    response = client.post("/apply", data=citizen())
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "页面已过期" in page
    assert "2025年度市级部门预算公开" in page
    assert _count(app) == 0


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_csrf_token_from_the_form_is_accepted(csrf_client):
    app, client = csrf_client
    page = client.get("/apply").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post("/apply", data=citizen(csrf_token=token)).status_code == 303
    assert _count(app) == 1


def test_receipt_page_without_submission_redirects_to_form(client):
    response = client.get("/apply/receipt")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/apply")


@time_machine.travel(at(2026, 2, 10), tick=False)
def test_honeypot_filled_is_refused_and_input_kept(client, app):
    response = client.post("/apply", data=citizen(website="http://spam.example"))
    assert response.status_code == 400
    assert "2025年度市级部门预算公开" in response.get_data(as_text=True)
    assert _count(app) == 0

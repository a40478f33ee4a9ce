"""Replies: each outcome group's letter, gap-free numbering, attachments, tracking, email."""

from __future__ import annotations

import email
import threading
from pathlib import Path

import pytest
import time_machine
from letter_samples import PDF, PNG, docx_bytes, event, letters_of, reply, submit
from request_samples import at

from disclosure.replies import ReplyKind, legal_basis, remedies


@pytest.fixture
def app_config(app_config, tmp_path):
    app_config.update(
        REPLY_EMAIL_LETTER_FORMAT="html",
        ATTACHMENTS_DIR=str(tmp_path / "files"),
        REPLY_ATTACHMENT_MAX_BYTES=4096,
    )
    return app_config


@pytest.fixture
def clerk(auth):
    auth.create("clerk", "clerk", ["czj"])
    return auth


# One reply per outcome group of table 三, with the fields its letter needs.
GROUPS = [
    ("provided", "disclosed", {}),
    ("partly_provided", "partly_disclosed", {"reason": "其中个人账户信息已作删除处理。"}),
    ("refused", "withheld_third_party", {"reason": "涉及第三方商业秘密，第三方不同意公开。"}),
    ("not_this_agency", "unavailable_not_held", {"right_agency": "云溪市住房和城乡建设局"}),
    ("repeated", "not_processed_repeated", {"previous_reply": "云财公复〔2026〕3号"}),
    ("closed_other", "other", {"facts": "申请人已通过其他途径获取。"}),
]


@pytest.mark.parametrize(("kind", "code", "fields"), GROUPS)
def test_each_outcome_group_gets_its_letter_with_basis_and_remedies(
    client, clerk, app, kind, code, fields
):
    receipt = submit(client, at(2026, 3, 2))
    response = reply(
        client, clerk, receipt["id"], "2026-03-20", reply_kind=kind, outcome=code, **fields
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    [letter] = letters_of(app, receipt["id"])
    assert letter["number"] == "云财公复〔2026〕1号"
    assert letter["outcome"] == code
    html = letter["html"]
    assert "云溪市财政局" in html and "2026年3月20日" in html and "张三：" in html
    if kind != "closed_other":  # a closing letter states the facts, not a decision's basis
        assert legal_basis(ReplyKind(kind), code).sentence in html
    assert remedies(code, "云溪市人民政府").text in html
    direct_lawsuit_barred = "不能直接向人民法院提起行政诉讼" in html
    assert direct_lawsuit_barred == (code in ("withheld_third_party", "partly_disclosed"))
    for value in fields.values():
        assert value in html
    staff_view = client.get(f"/api/v1/requests/{receipt['id']}", headers=clerk.headers()).get_json()
    assert staff_view["status"] == "replied" and staff_view["outcome"] == code
    assert staff_view["events"][-1]["data"]["outcome"] == code
    assert "云财公复〔2026〕1号" in staff_view["events"][-1]["data"]["note"]


def test_kind_and_outcome_that_do_not_fit_are_refused_in_chinese(client, clerk, app):
    receipt = submit(client, at(2026, 3, 2))
    response = reply(
        client,
        clerk,
        receipt["id"],
        "2026-03-20",
        reply_kind="provided",
        outcome="withheld_state_secret",
    )
    assert response.status_code == 400
    assert "不能与办理结果" in response.get_data(as_text=True)
    assert letters_of(app, receipt["id"]) == []


def test_not_this_agency_needs_the_right_agency(client, clerk):
    receipt = submit(client, at(2026, 3, 2))
    response = reply(client, clerk, receipt["id"], "2026-03-20", reply_kind="not_this_agency")
    assert response.status_code == 400
    assert "请填写负责公开该信息的行政机关" in response.get_data(as_text=True)


def test_refusal_without_reason_is_refused(client, clerk):
    receipt = submit(client, at(2026, 3, 2))
    response = reply(
        client,
        clerk,
        receipt["id"],
        "2026-03-20",
        reply_kind="refused",
        outcome="withheld_state_secret",
    )
    assert response.status_code == 400
    assert "请说明不予公开的具体理由" in response.get_data(as_text=True)


def test_numbers_have_no_gaps_across_refusals_and_restart_per_agency(client, clerk, app, auth):
    auth.create("szf-clerk", "clerk", ["szf"])
    ids = [submit(client, at(2026, 3, 2))["id"] for _ in range(3)]
    other = submit(client, at(2026, 3, 2), agency="szf")["id"]
    assert reply(client, clerk, ids[0], "2026-03-20").status_code == 303
    assert (
        reply(
            client,
            clerk,
            ids[1],
            "2026-03-20",
            reply_kind="refused",
            outcome="withheld_state_secret",
        ).status_code
        == 400
    )
    assert reply(client, clerk, ids[0], "2026-03-20").status_code == 409  # already replied
    assert reply(client, clerk, ids[1], "2026-03-20").status_code == 303
    assert reply(client, clerk, ids[2], "2026-03-23").status_code == 303
    assert reply(client, clerk, other, "2026-03-23", user="szf-clerk").status_code == 303
    numbers = [letters_of(app, i)[0]["number"] for i in ids]
    assert numbers == ["云财公复〔2026〕1号", "云财公复〔2026〕2号", "云财公复〔2026〕3号"]
    assert letters_of(app, other)[0]["number"] == "云政办公复〔2026〕1号"


def test_concurrent_replies_get_gap_free_numbers(client, clerk, app):
    ids = [submit(client, at(2026, 3, 2))["id"] for _ in range(8)]
    barrier = threading.Barrier(len(ids))
    statuses = []

    def send(app_id):
        own = app.test_client()
        barrier.wait()
        statuses.append(reply(own, clerk, app_id, "2026-03-20", travel=False).status_code)

    with time_machine.travel(at(2026, 3, 20, hour=15), tick=False):
        threads = [threading.Thread(target=send, args=(i,)) for i in ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert statuses == [303] * len(ids)
    numbers = sorted(int(letters_of(app, i)[0]["number"][10:-1]) for i in ids)
    assert numbers == list(range(1, len(ids) + 1))


def test_attachments_checked_by_content_and_served_to_staff_and_applicant(client, clerk, app):
    receipt = submit(client, at(2026, 3, 2))
    files = [("明细表.pdf", PDF), ("照片.png", PNG), ("说明.docx", docx_bytes())]
    assert reply(client, clerk, receipt["id"], "2026-03-20", files=files).status_code == 303
    [letter] = letters_of(app, receipt["id"])
    assert [f[:2] for f in letter["files"]] == [
        ("明细表.pdf", "application/pdf"),
        ("照片.png", "image/png"),
        ("说明.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ]
    assert "附件：" in letter["html"] and "明细表.pdf" in letter["html"]
    file_id = letter["files"][0][2]
    assert client.get(f"/staff/attachments/{file_id}", headers=clerk.headers()).data == PDF
    assert client.get(f"/track/attachments/{file_id}").status_code == 404
    code = receipt["tracking_code"]
    downloaded = client.get(f"/track/attachments/{file_id}?code={code}")
    assert downloaded.status_code == 200 and downloaded.data == PDF
    assert "attachment" in downloaded.headers["Content-Disposition"]


def test_other_agency_staff_cannot_download(client, clerk, app, auth):
    auth.create("szf-clerk", "clerk", ["szf"])
    receipt = submit(client, at(2026, 3, 2))
    reply(client, clerk, receipt["id"], "2026-03-20", files=[("a.pdf", PDF)])
    [letter] = letters_of(app, receipt["id"])
    headers = auth.headers("szf-clerk")
    assert (
        client.get(f"/staff/attachments/{letter['files'][0][2]}", headers=headers).status_code
        == 404
    )
    assert client.get(f"/staff/letters/{letter['id']}", headers=headers).status_code == 404


def test_another_applicants_code_does_not_open_a_letter(client, clerk, app):
    mine = submit(client, at(2026, 3, 2))
    theirs = submit(client, at(2026, 3, 2))
    reply(client, clerk, mine["id"], "2026-03-20")
    [letter] = letters_of(app, mine["id"])
    assert (
        client.get(f"/track/letters/{letter['id']}?code={theirs['tracking_code']}").status_code
        == 404
    )
    assert (
        client.get(f"/track/letters/{letter['id']}?code={mine['tracking_code']}").status_code == 200
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("明细表.pdf", b"this is plain text pretending to be a PDF", "不是允许的类型"),
        ("script.pdf", b"#!/bin/sh\necho hi\n", "不是允许的类型"),
        ("大文件.pdf", PDF + b"0" * 5000, "超过大小限制"),
        ("空.pdf", b"", "空文件"),
    ],
)
def test_uploads_refused_by_content_type_and_size(
    client, clerk, app, tmp_path, name, content, message
):
    receipt = submit(client, at(2026, 3, 2))
    response = reply(
        client, clerk, receipt["id"], "2026-03-20", files=[("好的.pdf", PDF), (name, content)]
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and name in page
    assert letters_of(app, receipt["id"]) == []
    state = client.get(f"/api/v1/requests/{receipt['id']}", headers=clerk.headers()).get_json()
    assert state["status"] == "received"
    stored = tmp_path / "files"
    assert not stored.exists() or list(stored.iterdir()) == []
    assert reply(client, clerk, receipt["id"], "2026-03-20").status_code == 303
    assert letters_of(app, receipt["id"])[0]["number"] == "云财公复〔2026〕1号"


def test_applicant_sees_letter_and_files_through_tracking(client, clerk, app):
    receipt = submit(client, at(2026, 3, 2))
    code = receipt["tracking_code"]
    assert client.get(f"/api/v1/track/{code}").get_json()["letters"] == []
    reply(client, clerk, receipt["id"], "2026-03-20", files=[("明细表.pdf", PDF)])
    view = client.get(f"/api/v1/track/{code}").get_json()
    [letter] = view["letters"]
    assert letter["number"] == "云财公复〔2026〕1号"
    assert letter["title"] == "政府信息公开申请答复书"
    assert view["reply"]["outcome"] == "disclosed"
    assert client.get(letter["html_url"]).status_code == 200
    assert client.get(letter["files"][0]["url"]).data == PDF
    page = client.get(f"/track?code={code}").get_data(as_text=True)
    assert "云财公复〔2026〕1号" in page and "明细表.pdf" in page and "下载PDF" in page


def test_letter_page_allows_its_inline_print_style_only(client, clerk, app):
    receipt = submit(client, at(2026, 3, 2))
    reply(client, clerk, receipt["id"], "2026-03-20")
    [letter] = letters_of(app, receipt["id"])
    response = client.get(f"/staff/letters/{letter['id']}", headers=clerk.headers())
    assert "style-src 'unsafe-inline'" in response.headers["Content-Security-Policy"]
    assert "script-src" not in response.headers["Content-Security-Policy"]


def test_pdf_download_is_a_pdf(client, clerk, app):
    receipt = submit(client, at(2026, 3, 2))
    reply(client, clerk, receipt["id"], "2026-03-20")
    [letter] = letters_of(app, receipt["id"])
    response = client.get(f"/track/letters/{letter['id']}/pdf?code={receipt['tracking_code']}")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_reply_email_carries_letter_and_attachments(client, clerk, app, app_config):
    receipt = submit(client, at(2026, 3, 2))
    reply(client, clerk, receipt["id"], "2026-03-20", files=[("明细表.pdf", PDF)])
    [path] = [p for p in Path(app_config["OUTBOX_DIR"]).iterdir() if p.name.endswith("replied.eml")]
    message = email.message_from_bytes(path.read_bytes())
    names = [part.get_filename() for part in message.walk() if part.get_filename()]
    assert names == ["云财公复〔2026〕1号.html", "明细表.pdf"]
    assert "答复" in str(email.header.make_header(email.header.decode_header(message["Subject"])))


def test_preview_shows_the_letter_without_number_or_record(client, clerk, app):
    receipt = submit(client, at(2026, 3, 2))
    response = reply(
        client,
        clerk,
        receipt["id"],
        "2026-03-20",
        action="preview",
        reply_kind="refused",
        outcome="withheld_process_info",
        reason="属于过程稿。",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "预览稿" in page and "（发出时编号）" in page
    assert "属于过程稿。" in page
    assert letters_of(app, receipt["id"]) == []


def test_reply_form_page_renders(client, clerk):
    receipt = submit(client, at(2026, 3, 2))
    with time_machine.travel(at(2026, 3, 5), tick=False):
        page = client.get(f"/staff/requests/{receipt['id']}/reply", headers=clerk.headers())
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "答复类型" in text and 'type="file"' in text
    request_page = client.get(f"/staff/requests/{receipt['id']}", headers=clerk.headers())
    assert "答复书（选择办理结果和答复类型" in request_page.get_data(as_text=True)


def test_withdrawal_closes_with_other_and_a_closing_letter(client, clerk, app):
    receipt = submit(client, at(2026, 3, 2))
    response = reply(client, clerk, receipt["id"], "2026-03-10", reply_kind="withdrawn")
    assert response.status_code == 303
    [letter] = letters_of(app, receipt["id"])
    assert "政府信息公开申请终止处理告知书" in letter["html"]
    state = client.get(f"/api/v1/requests/{receipt['id']}", headers=clerk.headers()).get_json()
    assert (state["status"], state["outcome"]) == ("withdrawn", "other")


def test_abandonment_after_correction_notice_closes_with_other_no_correction(client, clerk, app):
    receipt = submit(client, at(2026, 3, 2))
    with time_machine.travel(at(2026, 3, 4, hour=15), tick=False):
        response = client.post(
            f"/staff/requests/{receipt['id']}/notices/correction",
            headers=clerk.headers(),
            data={
                "items": "请写明文件名称\n请写明年份",
                "date": "2026-03-04",
                "correction_due": "2026-03-20",
                "action": "issue",
            },
        )
    assert response.status_code == 303, response.get_data(as_text=True)
    assert (
        reply(client, clerk, receipt["id"], "2026-03-24", reply_kind="fee_unpaid").status_code
        == 400
    )
    assert (
        reply(client, clerk, receipt["id"], "2026-03-24", reply_kind="no_correction").status_code
        == 303
    )
    numbers = [letter["number"] for letter in letters_of(app, receipt["id"])]
    assert numbers == ["云财公复〔2026〕1号", "云财公复〔2026〕2号"]
    state = client.get(f"/api/v1/requests/{receipt['id']}", headers=clerk.headers()).get_json()
    assert (state["status"], state["outcome"]) == ("abandoned", "other_no_correction")


def test_abandonment_through_events_api_uses_other_fee_unpaid(client, clerk):
    receipt = submit(client, at(2026, 3, 2))
    event(client, clerk, receipt["id"], "2026-03-04", type="fee_notice_sent", amount="100")
    body = event(client, clerk, receipt["id"], "2026-04-10", type="abandoned")
    assert (body["status"], body["outcome"]) == ("abandoned", "other_fee_unpaid")


def _notice(client, auth, app_id, kind, day, user="clerk", **data):
    with time_machine.travel(at(*map(int, day.split("-")), hour=15), tick=False):
        return client.post(
            f"/staff/requests/{app_id}/notices/{kind}",
            headers=auth.headers(user),
            data={"date": day, "action": "issue", **data},
        )


def test_fee_per_application_counts_the_applicants_month_cumulatively(client, clerk, app):
    ids = [submit(client, at(2026, 3, 2))["id"] for _ in range(11)]
    submit(client, at(2026, 2, 27))  # February: another month, not counted
    pay = {"method": "per_application", "payment_instructions": "到市财政局一楼窗口缴纳"}
    tenth = _notice(client, clerk, ids[9], "fee", "2026-03-04", **pay)
    assert tenth.status_code == 400 and "不需收费" in tenth.get_data(as_text=True)
    eleventh = _notice(client, clerk, ids[10], "fee", "2026-03-04", **pay)
    assert eleventh.status_code == 303, eleventh.get_data(as_text=True)
    [letter] = letters_of(app, ids[10])
    assert letter["number"] == "云财公复〔2026〕1号"
    assert "本申请为您本自然月内累计提出的第11件申请" in letter["html"]
    assert "应缴金额：人民币100元" in letter["html"]
    state = client.get(f"/api/v1/requests/{ids[10]}", headers=clerk.headers()).get_json()
    assert state["status"] == "awaiting_fee"
    assert state["events"][-1]["data"]["amount"] == "100"


def test_fee_per_page_and_one_method_only(client, clerk, app):
    receipt = submit(client, at(2026, 3, 2))
    pay = {"payment_instructions": "银行转账"}
    assert (
        _notice(client, clerk, receipt["id"], "fee", "2026-03-04", method="both", **pay).status_code
        == 400
    )
    assert (
        _notice(
            client, clerk, receipt["id"], "fee", "2026-03-04", method="per_page", pages="30", **pay
        ).status_code
        == 400
    )
    response = _notice(
        client, clerk, receipt["id"], "fee", "2026-03-04", method="per_page", pages="101", **pay
    )
    assert response.status_code == 303
    html = letters_of(app, receipt["id"])[0]["html"]
    assert "应缴金额：人民币720元" in html  # 70 x 10 + 1 x 20


def test_extension_notice_by_head_states_both_due_dates(client, auth, app):
    auth.create("clerk", "clerk", ["czj"])
    auth.create("head", "head", ["czj"])
    receipt = submit(client, at(2026, 2, 10))
    data = {"working_days": "20", "reason": "涉及多个年度的档案，需要逐卷检索"}
    refused = _notice(client, auth, receipt["id"], "extension", "2026-03-12", **data)
    assert refused.status_code == 403 and "负责人" in refused.get_data(as_text=True)
    assert letters_of(app, receipt["id"]) == []
    response = _notice(client, auth, receipt["id"], "extension", "2026-03-12", user="head", **data)
    assert response.status_code == 303
    html = letters_of(app, receipt["id"])[0]["html"]
    assert "（2026年3月16日前）" in html and "将于2026年4月14日前" in html
    assert letters_of(app, receipt["id"])[0]["number"] == "云财公复〔2026〕1号"


def test_correction_notice_lists_items_and_applicant_sees_it(client, clerk, app):
    receipt = submit(client, at(2026, 3, 2))
    missing = _notice(
        client, clerk, receipt["id"], "correction", "2026-03-04", correction_due="2026-03-20"
    )
    assert missing.status_code == 400 and "请逐行列明需要补正的事项" in missing.get_data(
        as_text=True
    )
    response = _notice(
        client,
        clerk,
        receipt["id"],
        "correction",
        "2026-03-04",
        items="请写明文件名称\n请写明年份",
        correction_due="2026-03-20",
    )
    assert response.status_code == 303
    view = client.get(f"/api/v1/track/{receipt['tracking_code']}").get_json()
    assert [letter["title"] for letter in view["letters"]] == ["政府信息公开申请补正告知书"]
    assert view["status"] == "awaiting_correction"


@pytest.mark.parametrize("kind", ["fee", "correction", "extension"])
def test_notice_form_pages_render(client, clerk, kind):
    receipt = submit(client, at(2026, 3, 2))
    with time_machine.travel(at(2026, 3, 3), tick=False):
        page = client.get(
            f"/staff/requests/{receipt['id']}/notices/{kind}", headers=clerk.headers()
        )
    assert page.status_code == 200 and "发出" in page.get_data(as_text=True)
    assert (
        client.get(
            f"/staff/requests/{receipt['id']}/notices/other", headers=clerk.headers()
        ).status_code
        == 404
    )


def test_bad_date_is_a_chinese_error_not_a_500(client, clerk):
    receipt = submit(client, at(2026, 3, 2))
    response = reply(client, clerk, receipt["id"], "2026-03-20", date="2026-02-30")
    assert response.status_code == 400
    assert "日期无效" in response.get_data(as_text=True)


def test_reply_email_attaches_the_letter_as_pdf_by_default(client, clerk, app, app_config):
    app.config["REPLY_EMAIL_LETTER_FORMAT"] = "pdf"
    receipt = submit(client, at(2026, 3, 2))
    reply(client, clerk, receipt["id"], "2026-03-20")
    [path] = [p for p in Path(app_config["OUTBOX_DIR"]).iterdir() if p.name.endswith("replied.eml")]
    message = email.message_from_bytes(path.read_bytes())
    [part] = [p for p in message.walk() if p.get_filename()]
    assert part.get_content_type() == "application/pdf"
    assert part.get_payload(decode=True).startswith(b"%PDF")


def test_attachments_larger_than_the_form_body_limit_fit(client, clerk, app):
    app.config.update(MAX_CONTENT_LENGTH=100_000, REPLY_ATTACHMENT_MAX_BYTES=200_000)
    receipt = submit(client, at(2026, 3, 2))
    big = PDF + b"0" * 150_000
    response = reply(client, clerk, receipt["id"], "2026-03-20", files=[("扫描件.pdf", big)])
    assert response.status_code == 303
    assert letters_of(app, receipt["id"])[0]["files"][0][0] == "扫描件.pdf"
    with time_machine.travel(at(2026, 3, 20), tick=False):
        other = client.post("/api/v1/requests", data=b"x" * 150_000, content_type="text/plain")
    assert other.status_code == 413  # the limit is raised for the reply form only


def test_missing_location_is_shown_beside_its_field(client, clerk):
    receipt = submit(client, at(2026, 3, 2))
    response = reply(client, clerk, receipt["id"], "2026-03-20", reply_kind="proactively_disclosed")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="location-error">请填写获取该信息的方式和途径' in page

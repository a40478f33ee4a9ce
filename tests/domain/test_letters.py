import shutil
import subprocess
from dataclasses import replace
from datetime import date

import jinja2
import pytest

from disclosure.fees import fee_per_page
from disclosure.letters import (
    LetterContext,
    LetterError,
    Letterhead,
    NoticeKind,
    format_letter_number,
    render_html,
    render_pdf,
)
from disclosure.letters.render import cn_date, paragraphs
from disclosure.replies import KIND_OUTCOMES, REFUSAL_OUTCOMES, ReplyKind

AGENCY = Letterhead(
    code="czj",
    name="云溪市财政局",
    reply_prefix="云财公复",
    reconsideration_body="云溪市人民政府",
    office="云溪市财政局政府信息公开工作办公室",
    address="云溪市溪城区淮河路216号",
    postcode="236100",
    phone="0558-3045120",
)

# Fields some reply kinds require (条例第三十六条第（一）（三）（六）（七）项、第三十七条).
REQUIRED = {
    ReplyKind.PROACTIVELY_DISCLOSED: {"location": "本局门户网站“财政资金”栏目"},
    ReplyKind.PARTLY_PROVIDED: {"reason": "其中银行账户信息属于商业秘密，已作删除处理。"},
    ReplyKind.REFUSED: {"reason": "该信息已依法定密。"},
    ReplyKind.REPEATED: {"previous_reply": "云财公复〔2026〕3号"},
    ReplyKind.SPECIAL_REGISTER: {"location": "云溪市不动产登记中心查询窗口"},
}

PAIRS = [(kind, code) for kind, codes in KIND_OUTCOMES.items() for code in codes]


def reply(kind=ReplyKind.PROVIDED, code="disclosed", **fields):
    values = {
        "agency": AGENCY,
        "letter_number": "云财公复〔2026〕12号",
        "issued_on": date(2026, 3, 20),
        "applicant_name": "张三",
        "received_on": date(2026, 3, 2),
        "receipt_number": "YX-2026-000123",
        "request_summary": "2025年度老旧小区改造资金拨付明细",
        "reply_kind": kind,
        "outcome": code,
        **REQUIRED.get(kind, {}),
    }
    return LetterContext(**(values | fields))


def notice(kind, **fields):
    return reply(reply_kind=None, outcome=None, notice=kind, **fields)


@pytest.mark.parametrize(("kind", "code"), PAIRS)
def test_each_letter_states_facts_basis_and_remedies(kind, code):
    html = render_html(reply(kind, code))
    assert '<html lang="zh-CN">' in html
    assert f"云溪市财政局</span><span>{kind.title}" in html
    assert "云财公复〔2026〕12号" in html
    assert "张三：" in html
    assert "本机关于2026年3月2日收到" in html and "YX-2026-000123" in html
    assert "2026年3月20日" in html
    if kind not in (ReplyKind.WITHDRAWN, ReplyKind.CLOSED_OTHER):
        assert reply(kind, code).basis.sentence in html
    assert reply(kind, code).remedies.text in html


@pytest.mark.parametrize(("kind", "code"), [p for p in PAIRS if p[1] in REFUSAL_OUTCOMES])
def test_refusal_letters_require_reconsideration_first(kind, code):
    html = render_html(reply(kind, code))
    assert "《中华人民共和国行政复议法》第二十三条第一款第（四）项" in html
    assert "应当先自收到本答复之日起六十日内向云溪市人民政府申请行政复议" in html
    assert "不能直接向人民法院提起行政诉讼" in html
    assert "六个月内" not in html


@pytest.mark.parametrize(
    ("kind", "code"), [p for p in PAIRS if p[1] not in REFUSAL_OUTCOMES | {"partly_disclosed"}]
)
def test_other_letters_offer_reconsideration_or_lawsuit(kind, code):
    html = render_html(reply(kind, code))
    assert "六十日内向云溪市人民政府申请行政复议" in html
    assert "也可以自收到本答复之日起六个月内依法向人民法院提起行政诉讼" in html
    assert "第二十三条第一款第（四）项" not in html


def test_partial_disclosure_letter_splits_remedies():
    html = render_html(reply(ReplyKind.PARTLY_PROVIDED, "partly_disclosed"))
    assert "对本答复中不予公开的部分不服的，依照《中华人民共和国行政复议法》" in html
    assert "对本答复其余部分不服的，您可以" in html
    assert "其中银行账户信息属于商业秘密" in html


def test_letters_name_where_and_who():
    html = render_html(reply(ReplyKind.PROACTIVELY_DISCLOSED))
    assert "本局门户网站“财政资金”栏目" in html
    html = render_html(
        reply(
            ReplyKind.NOT_THIS_AGENCY,
            "unavailable_not_held",
            right_agency="云溪市住房和城乡建设局",
            right_agency_contact="0558-3000000",
        )
    )
    assert "该信息由云溪市住房和城乡建设局负责公开（联系方式：0558-3000000）" in html
    assert "无法确定" in render_html(reply(ReplyKind.NOT_THIS_AGENCY, "unavailable_not_held"))


def test_applicant_text_is_escaped_everywhere():
    evil = '<script>alert("x")</script>&'
    html = render_html(
        reply(
            ReplyKind.REFUSED,
            "withheld_state_secret",
            applicant_name=evil,
            request_summary=evil,
            facts=evil,
            reason=evil,
            attachments=(evil,),
        )
    )
    assert "<script>" not in html
    assert html.count("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;") == 5


def test_staff_text_lines_become_paragraphs():
    assert str(paragraphs("第一行\n\n第二行<b>")) == "<p>第一行</p>\n<p>第二行&lt;b&gt;</p>"
    html = render_html(reply(facts="检索了档案。\n征求了第三方意见。"))
    assert "<p>检索了档案。</p>\n<p>征求了第三方意见。</p>" in html


def test_attachments_are_listed():
    html = render_html(reply(attachments=("明细.pdf", "文件.pdf")))
    assert "附件：1.明细.pdf" in html and "2.文件.pdf" in html
    assert "附件：明细.pdf" in render_html(reply(attachments=("明细.pdf",)))


def test_fee_notice_explains_the_bands():
    html = render_html(
        notice(NoticeKind.FEE, fee=fee_per_page(201), payment_instructions="银行转账。")
    )
    assert "政府信息公开信息处理费收费通知书" in html
    assert "第101—200页：每页20元，本档100页，计2000元。" in html
    assert "应缴金额：人民币2740元" in html
    assert "自收到本通知之日起20个工作日内缴纳" in html
    assert "视为放弃申请" in html and "不计入答复期限" in html
    assert "行政复议" not in html


def test_correction_notice_lists_items_and_deadline():
    html = render_html(
        notice(
            NoticeKind.CORRECTION,
            correction_items=("请写明文件名称或文号", "请写明所属年度"),
            correction_due=date(2026, 3, 31),
        )
    )
    assert "政府信息公开申请补正告知书" in html
    assert "第二十九条、第三十条" in html
    assert "<li>请写明文件名称或文号</li>" in html
    assert "请您于2026年3月31日前" in html
    assert "视为放弃申请" in html


def test_extension_notice_gives_the_new_date():
    html = render_html(
        notice(
            NoticeKind.EXTENSION,
            extension_reason="所申请信息数量较多，需要检索多年档案",
            original_due=date(2026, 3, 30),
            extended_due=date(2026, 4, 28),
        )
    )
    assert "政府信息公开申请延期答复告知书" in html
    assert "第三十三条第二款" in html
    assert "（2026年3月30日前）" in html and "将于2026年4月28日前向您作出答复" in html


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: reply(ReplyKind.PROACTIVELY_DISCLOSED, location=""), "获取该信息的方式和途径"),
        (lambda: reply(ReplyKind.REFUSED, "withheld_state_secret", reason=""), "具体理由"),
        (lambda: reply(ReplyKind.REFUSED, "disclosed"), "不能与办理结果"),
        (lambda: reply(issued_on=date(2026, 3, 1)), "不能早于"),
        (lambda: reply(applicant_name=" "), "申请人"),
        (lambda: reply(notice=NoticeKind.FEE), "答复书或告知书中的一种"),
        (lambda: notice(NoticeKind.FEE, fee=fee_per_page(30)), "应缴纳的信息处理费"),
        (lambda: notice(NoticeKind.CORRECTION), "补正的事项"),
        (lambda: notice(NoticeKind.EXTENSION), "延长后的答复期限"),
        (lambda: reply(agency=replace(AGENCY, reconsideration_body="")), "行政复议机关"),
    ],
)
def test_incomplete_letters_are_refused(make, message):
    with pytest.raises(LetterError, match=message):
        make()


@pytest.mark.parametrize(
    ("prefix", "year", "n", "expected"),
    [("云财公复", 2026, 12, "云财公复〔2026〕12号"), ("滁财公复", 2027, 1, "滁财公复〔2027〕1号")],
)
def test_letter_number(prefix, year, n, expected):
    assert format_letter_number(prefix, year, n) == expected


@pytest.mark.parametrize(
    ("prefix", "year", "n"), [("", 2026, 1), ("云财公复", 2026, 0), ("云 财", 2026, 1)]
)
def test_bad_letter_numbers(prefix, year, n):
    with pytest.raises(LetterError):
        format_letter_number(prefix, year, n)


def test_cn_date():
    assert cn_date(date(2026, 1, 5)) == "2026年1月5日"


def test_agency_templates_override_shipped_ones(tmp_path):
    (tmp_path / "czj" / "reply").mkdir(parents=True)
    (tmp_path / "czj" / "reply" / "provided.html").write_text(
        '{% extends "base.html" %}{% block decision %}<p>本局特制：{{ letter.applicant_name }}</p>'
        "{% endblock %}",
        encoding="utf-8",
    )
    html = render_html(reply(applicant_name="<王五>"), override_root=tmp_path)
    assert "本局特制：&lt;王五&gt;" in html
    assert "本局特制" not in render_html(reply(agency=replace(AGENCY, code="zjj")), tmp_path)


def test_per_outcome_template_wins_over_per_kind(tmp_path):
    (tmp_path / "czj" / "reply").mkdir(parents=True)
    name = "refused.withheld_state_secret.html"
    (tmp_path / "czj" / "reply" / name).write_text("<p>密级说明</p>", encoding="utf-8")
    ctx = reply(ReplyKind.REFUSED, "withheld_state_secret")
    assert render_html(ctx, tmp_path) == "<p>密级说明</p>"
    other = reply(ReplyKind.REFUSED, "withheld_third_party")
    assert "密级说明" not in render_html(other, tmp_path)


def test_agency_templates_are_sandboxed(tmp_path):
    (tmp_path / "czj" / "reply").mkdir(parents=True)
    (tmp_path / "czj" / "reply" / "provided.html").write_text(
        "{{ letter.__class__.__mro__ }}", encoding="utf-8"
    )
    with pytest.raises(jinja2.TemplateError):
        render_html(reply(), tmp_path)


def test_pdf_renders_with_text(tmp_path):
    pdf = render_pdf(reply(ReplyKind.REFUSED, "withheld_third_party", applicant_name="李<四>"))
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    if not shutil.which("pdftotext"):
        return
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    compact = "".join(text.split())
    assert "政府信息公开申请答复书" in compact
    assert "云财公复〔2026〕12号" in compact
    assert "李<四>：" in compact
    assert "第二十三条第一款第（四）项" in compact


def test_fee_notice_pdf_renders():
    ctx = notice(NoticeKind.FEE, fee=fee_per_page(120), payment_instructions="现场缴纳。")
    assert render_pdf(ctx).startswith(b"%PDF-")


def test_letterhead_from_an_agencies_entry():
    from disclosure.agencies import Agency

    entry = {"code": "czj", "name": "云溪市财政局", "reply_prefix": "云财公复", "phone": "1"}
    head = Letterhead.from_agency(entry, reconsideration_body="云溪市人民政府")
    assert (head.code, head.reply_prefix, head.reconsideration_body) == (
        "czj",
        "云财公复",
        "云溪市人民政府",
    )
    agency = Agency(
        "czj",
        "云溪市财政局",
        "X",
        "办公室",
        "地址",
        "时间",
        "电话",
        "邮箱",
        reply_prefix="云财公复",
    )
    assert Letterhead.from_agency(agency, "云溪市人民政府").office == "办公室"

"""Staff forms for replies and notices; every one carries a CSRF token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import MultipleFileField, SelectField, StringField, TextAreaField

from disclosure.outcomes import OUTCOMES
from disclosure.replies import ReplyKind

from ..apply.forms import choices
from ..reports.statistics import outcome_label
from .inputs import FEE_METHODS


class ReplyForm(FlaskForm):
    """Choose the outcome and the Art. 36 reply kind, fill the letter, attach files."""

    reply_kind = SelectField(
        "答复类型（条例第三十六条）",
        validate_choice=False,
        choices=choices({k.value: k.label for k in ReplyKind}, "（请选择）"),
    )
    outcome = SelectField(
        "办理结果（年报表三）",
        validate_choice=False,
        choices=choices(
            {o.code: outcome_label(o) for o in OUTCOMES},
            "（按答复类型自动确定或请选择）",
        ),
    )
    date = StringField("答复日期（YYYY-MM-DD）")
    facts = TextAreaField("办理经过（检索、征求意见等）")
    reason = TextAreaField("不予公开的具体理由或其他说明")
    location = TextAreaField("获取方式和途径（已主动公开、特别规定查询、出版物等）")
    right_agency = StringField("负责公开的行政机关（非本机关负责公开时填写）")
    right_agency_contact = StringField("该机关联系方式")
    previous_reply = StringField("此前已作出的答复（重复申请时填写文号）")
    note = TextAreaField("内部备注（不写入答复书）")
    files = MultipleFileField("附件（PDF、图片、办公文档）")


class FeeForm(FlaskForm):
    """Fee notice: one method only (信息处理费管理办法第三条)."""

    method = SelectField("计费方式", choices=choices(FEE_METHODS), validate_choice=False)
    pages = StringField("页数（按量计收时填写）")
    date = StringField("通知日期（YYYY-MM-DD）")
    payment_instructions = TextAreaField("缴费方式")
    reason = TextAreaField("其他说明")


class CorrectionForm(FlaskForm):
    """Correction notice (条例第三十条)."""

    items = TextAreaField("需要补正的事项（每行一项）")
    correction_due = StringField("补正期限（YYYY-MM-DD）")
    date = StringField("通知日期（YYYY-MM-DD）")
    reason = TextAreaField("其他说明")


class ExtensionForm(FlaskForm):
    """Extension notice (条例第三十三条), approved by the head of the office."""

    working_days = StringField("延长工作日数（1-20）")
    reason = TextAreaField("延期理由")
    date = StringField("通知日期（YYYY-MM-DD）")

"""Staff form for an appeal case; it carries a CSRF token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField

from disclosure.annual_report import AppealKind, AppealResult

from ..apply.forms import choices


class AppealForm(FlaskForm):
    """Kind, filed date, result and decided date of a case."""

    kind = SelectField(
        "案件类型",
        validate_choice=False,
        choices=choices({k.value: k.label for k in AppealKind}, "（请选择）"),
    )
    filed_on = StringField("申请复议或起诉日期（YYYY-MM-DD）")
    result = SelectField(
        "结果", validate_choice=False, choices=choices({r.value: r.label for r in AppealResult})
    )
    decided_on = StringField("审结日期（YYYY-MM-DD，尚未审结的不填）")
    body = StringField("复议机关或人民法院")
    note = TextAreaField("说明")

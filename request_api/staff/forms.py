"""Staff forms; every one carries a CSRF token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField, TextAreaField

from disclosure.outcomes import OUTCOMES

from ..apply.forms import ApplicationForm, choices
from ..choices import CHANNELS, EVENT_LABELS
from ..services.events import EVENT_TYPES


class LoginForm(FlaskForm):
    """Username and password."""

    username = StringField("用户名")
    password = PasswordField("密码")


class EventForm(FlaskForm):
    """Record one event; the service validates the fields that apply to its type."""

    type = SelectField(
        "事件", choices=choices({t: EVENT_LABELS[t] for t in EVENT_TYPES}), validate_choice=False
    )
    date = StringField("日期（YYYY-MM-DD）")
    working_days = StringField("延长工作日数（1-20）")
    reason = TextAreaField("延期理由")
    amount = StringField("收费金额（元）")
    outcome = SelectField(
        "办理结果",
        choices=choices({o.code: o.label for o in OUTCOMES}, "（作出答复时选择）"),
        validate_choice=False,
    )
    reply_text = TextAreaField("答复内容")
    note = TextAreaField("备注")
    version = HiddenField()

    def payload(self) -> dict:
        """Return the submitted values as the service expects them."""
        return {
            name: field.data
            for name, field in self._fields.items()
            if name not in {"csrf_token", "version"} and field.data not in (None, "")
        }


class AssignForm(FlaskForm):
    """Assign the application to a clerk."""

    assignee = SelectField("经办人", choices=[], validate_choice=False)


class RegisterForm(ApplicationForm):
    """An application received on paper, in person, by fax or email, registered by staff."""

    channel = SelectField("申请渠道", choices=choices(CHANNELS), validate_choice=False)
    received_on = StringField("收到申请日期（YYYY-MM-DD；网上申请可不填）")

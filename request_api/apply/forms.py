"""The public application form; it checks shape only, the service validates the contents."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from ..choices import APPLICANT_KINDS, DELIVERY, ID_TYPES, MEDIA, ORG_CATEGORIES


def choices(mapping: dict[str, str], blank: str | None = None) -> list[SelectChoice]:
    """Turn a code→label mapping into WTForms choices, optionally with a blank first entry."""
    items = [SelectChoice(code, label) for code, label in mapping.items()]
    return [SelectChoice("", blank), *items] if blank is not None else items


class ApplicationForm(FlaskForm):
    """Art. 29 contents of an application; labels in Chinese."""

    applicant_kind = RadioField(
        "申请人类型", choices=choices(APPLICANT_KINDS), validate_choice=False
    )
    name = StringField("姓名或单位名称")
    id_type = SelectField("证件类型", choices=choices(ID_TYPES, "请选择"), validate_choice=False)
    id_number = StringField("证件号码")
    org_category = SelectField(
        "单位类别", choices=choices(ORG_CATEGORIES, "请选择"), validate_choice=False
    )
    org_uscc = StringField("统一社会信用代码")
    legal_rep = StringField("法定代表人或负责人")
    contact_person = StringField("联系人")
    phone = StringField("联系电话")
    email = StringField("电子邮箱")
    address = StringField("通信地址")
    postcode = StringField("邮政编码")
    agency = SelectField("受理机关", choices=[], validate_choice=False)
    description = TextAreaField("所需信息的名称或内容描述")
    doc_number = StringField("文件名称、文号或其他特征描述（选填）")
    medium = RadioField("信息的载体形式", choices=choices(MEDIA), validate_choice=False)
    delivery = RadioField("获取信息的方式", choices=choices(DELIVERY), validate_choice=False)
    purpose = TextAreaField("用途（选填，法律不要求说明）")

    def set_agencies(self, agencies) -> None:
        """Offer the agencies of content/agencies.yaml."""
        self.agency.choices = choices({a.code: a.name for a in agencies}, "请选择受理机关")

    def values(self) -> dict[str, str]:
        """Return the submitted values, without the CSRF token."""
        return {name: field.data for name, field in self._fields.items() if name != "csrf_token"}

    def attach_errors(self, errors: dict[str, str]) -> None:
        """Show the service's field errors beside their fields."""
        for name, message in errors.items():
            if name in self._fields:
                self._fields[name].errors = [message]

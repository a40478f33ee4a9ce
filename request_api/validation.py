"""Validate application data from the form or the API: cleaned values, or Chinese field errors."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from email_validator import EmailNotValidError, validate_email

from disclosure.identity import is_mobile_number, is_valid_resident_id, is_valid_uscc

from .choices import APPLICANT_KINDS, DELIVERY, ID_TYPES, MEDIA, ORG_CATEGORIES

MAX_LENGTHS = {
    "name": 100,
    "id_number": 40,
    "org_uscc": 18,
    "legal_rep": 50,
    "contact_person": 50,
    "phone": 30,
    "email": 254,
    "address": 200,
    "postcode": 6,
    "description": 5000,
    "doc_number": 200,
    "purpose": 1000,
}
MULTILINE = {"description", "purpose", "address"}
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")
_POSTCODE = re.compile(r"\d{6}")
_OTHER_ID = re.compile(r"[0-9A-Za-z()（）-]{5,40}")

REQUIRED_MESSAGES = {
    "applicant_kind": "请选择申请人类型",
    "org_category": "请选择单位类别",
    "name": "请填写姓名",
    "id_type": "请选择证件类型",
    "id_number": "请填写证件号码",
    "org_uscc": "请填写统一社会信用代码",
    "legal_rep": "请填写法定代表人或负责人",
    "contact_person": "请填写联系人",
    "phone": "请填写联系电话",
    "agency": "请选择受理机关",
    "description": "请描述所需政府信息",
    "medium": "请选择信息的载体形式",
    "delivery": "请选择获取信息的方式",
    "address": "选择邮寄的，请填写通信地址",
    "postcode": "选择邮寄的，请填写邮政编码",
    "email": "选择电子邮件获取的，请填写电子邮箱",
}


class _Errors(dict):
    """Field errors; keeps the first message per field."""

    def add(self, field: str, message: str) -> None:
        """Record message for field unless it already has one."""
        self.setdefault(field, message)


def _text(raw: Mapping[str, Any], field: str, errors: _Errors) -> str:
    """Return the stripped string value of field, recording a type or length error."""
    value = raw.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.add(field, "格式不正确，应为文字")
        return ""
    value = unicodedata.normalize("NFC", value).strip()
    allowed = "\r\n\t" if field in MULTILINE else ""
    if any(
        unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co"} and ch not in allowed for ch in value
    ):
        errors.add(field, "含有不可见的控制字符，请删除后重新填写")
        return ""
    limit = MAX_LENGTHS.get(field, 50)
    if len(value) > limit:
        errors.add(field, f"不能超过{limit}个字")
    return value


def _choice(value: str, choices: Mapping[str, str], field: str, errors: _Errors) -> str:
    """Check that value is one of choices."""
    if value and value not in choices:
        errors.add(field, "所选项目无效，请重新选择")
    return value


def validate_application(raw: Mapping[str, Any], agency_codes: set[str]) -> tuple[dict, dict]:
    """Return (cleaned data, field errors) for an application's Art. 29 contents."""
    errors = _Errors()
    fields = (
        ["applicant_kind", "org_category", "name", "id_type", "id_number", "org_uscc"]
        + ["legal_rep", "contact_person", "phone", "email", "address", "postcode", "agency"]
        + ["description", "doc_number", "medium", "delivery", "purpose"]
    )
    data = {field: _text(raw, field, errors) for field in fields}
    _choice(data["applicant_kind"], APPLICANT_KINDS, "applicant_kind", errors)
    _choice(data["medium"], MEDIA, "medium", errors)
    _choice(data["delivery"], DELIVERY, "delivery", errors)
    if data["agency"] and data["agency"] not in agency_codes:
        errors.add("agency", "所选受理机关不存在，请重新选择")
    for field in _required_fields(data):
        if not data[field]:
            errors.add(field, REQUIRED_MESSAGES[field])
    _check_identity(data, errors)
    _check_contact(data, errors)
    if data["delivery"] == "email" and data["medium"] == "paper":
        errors.add("medium", "通过电子邮件获取的，载体形式应为电子")
    return _clean(data), dict(errors)


def _required_fields(data: dict) -> list[str]:
    """List the fields required for this applicant kind and delivery."""
    required = ["applicant_kind", "name", "phone", "agency", "description", "medium", "delivery"]
    if data["applicant_kind"] == "organisation":
        required += ["org_category", "org_uscc", "legal_rep", "contact_person"]
    else:
        required += ["id_type", "id_number"]
    if data["delivery"] == "post":
        required += ["address", "postcode"]
    if data["delivery"] == "email":
        required += ["email"]
    return required


def _check_identity(data: dict, errors: _Errors) -> None:
    """Verify identity documents: resident ID (GB 11643) and credit code (GB 32100) checksums."""
    if data["applicant_kind"] == "organisation":
        _choice(data["org_category"], ORG_CATEGORIES, "org_category", errors)
        if data["org_uscc"]:
            data["org_uscc"] = data["org_uscc"].upper()
            if not is_valid_uscc(data["org_uscc"]):
                errors.add("org_uscc", "统一社会信用代码不正确，请核对18位代码（含校验位）")
    _choice(data["id_type"], ID_TYPES, "id_type", errors)
    number = data["id_number"].upper()
    data["id_number"] = number
    if not number or "id_number" in errors:
        return
    if data["id_type"] == "resident_id":
        if not is_valid_resident_id(number):
            errors.add("id_number", "居民身份证号码不正确，请核对18位号码（含出生日期和校验位）")
    elif not _OTHER_ID.fullmatch(number):
        errors.add("id_number", "证件号码格式不正确")


def _check_contact(data: dict, errors: _Errors) -> None:
    """Check phone, email and postcode formats."""
    phone = data["phone"].replace(" ", "")
    data["phone"] = phone
    if phone and not (is_mobile_number(phone) or _LANDLINE.fullmatch(phone)):
        errors.add("phone", "联系电话格式不正确，请填写11位手机号码或带区号的固定电话")
    if data["email"] and "email" not in errors:
        try:
            result = validate_email(data["email"], check_deliverability=False)
            data["email"] = result.normalized
        except EmailNotValidError:
            errors.add("email", "电子邮箱格式不正确")
    if data["postcode"] and not _POSTCODE.fullmatch(data["postcode"]):
        errors.add("postcode", "邮政编码应为6位数字")


def _clean(data: dict) -> dict:
    """Drop fields that do not apply to the applicant kind and turn empty strings into None."""
    if data["applicant_kind"] == "organisation":
        category = data["org_category"]
    else:
        category = "natural_person"
        for field in ("org_uscc", "legal_rep", "contact_person"):
            data[field] = ""
    data["applicant_category"] = category
    data.pop("org_category")
    return {key: (value if value != "" else None) for key, value in data.items()}

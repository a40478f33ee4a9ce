"""Sample data shared by the request service tests."""

from __future__ import annotations

import datetime as dt

BEIJING = dt.timezone(dt.timedelta(hours=8))

# A valid resident ID (GB 11643 checksum) and unified social credit code (GB 32100 checksum).
RESIDENT_ID = "11010519491231002X"
USCC = "91350100M000100Y43"


def citizen(**overrides) -> dict:
    """Return a valid citizen application as form or JSON data."""
    data = {
        "applicant_kind": "citizen",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": "13800138000",
        "email": "zhangsan@example.com",
        "address": "云溪市溪城区人民路1号",
        "postcode": "236100",
        "agency": "czj",
        "description": "2025年度市级部门预算公开中“三公”经费的明细表",
        "doc_number": "",
        "medium": "electronic",
        "delivery": "email",
        "purpose": "",
    }
    data.update(overrides)
    return data


def organisation(**overrides) -> dict:
    """Return a valid organisation application."""
    data = citizen(
        applicant_kind="organisation",
        org_category="legal_service",
        name="云溪某某律师事务所",
        id_type="",
        id_number="",
        org_uscc=USCC,
        legal_rep="李四",
        contact_person="王五",
    )
    data.update(overrides)
    return data


def at(year, month, day, hour=10, minute=0) -> dt.datetime:
    """Return a Beijing time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=BEIJING)

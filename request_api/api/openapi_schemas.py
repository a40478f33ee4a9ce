"""Component schemas of the OpenAPI document: request bodies and responses of /api/v1."""

from __future__ import annotations

from disclosure.annual_report import TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS
from disclosure.outcomes import OUTCOME_CODES
from disclosure.workflow import Status

from ..choices import (
    APPLICANT_CATEGORIES,
    APPLICANT_KINDS,
    CHANNELS,
    DELIVERY,
    ID_TYPES,
    MEDIA,
    ORG_CATEGORIES,
)
from ..services.events import EVENT_TYPES

DATE = {"type": "string", "format": "date", "description": "日期，格式 YYYY-MM-DD（北京时间）"}
NULL_DATE = {"type": ["string", "null"], "format": "date"}
STATUSES = [str(s) for s in Status]
OUTCOME = {"type": "string", "enum": list(OUTCOME_CODES), "description": "年报表三的21种办理结果"}


def _str(description: str, **extra) -> dict:
    """Return a string schema."""
    return {"type": "string", "description": description, **extra}


def _obj(properties: dict, required: list[str] | None = None, **extra) -> dict:
    """Return an object schema."""
    schema = {"type": "object", "properties": properties, **extra}
    if required:
        schema["required"] = required
    return schema


def application_schema(agencies: list[str]) -> dict:
    """Return the schema of an application submission (条例第二十九条)."""
    props = {
        "applicant_kind": _str("申请人类型", enum=list(APPLICANT_KINDS)),
        "org_category": _str("单位类别（法人或其他组织必填）", enum=list(ORG_CATEGORIES)),
        "name": _str("姓名或单位名称", maxLength=100),
        "id_type": _str("证件类型（公民必填）", enum=list(ID_TYPES)),
        "id_number": _str("证件号码（居民身份证按GB 11643校验）", maxLength=40),
        "org_uscc": _str("统一社会信用代码（法人或其他组织必填，按GB 32100校验）",
                         pattern="^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$"),
        "legal_rep": _str("法定代表人或负责人（法人或其他组织必填）", maxLength=50),
        "contact_person": _str("联系人（法人或其他组织必填）", maxLength=50),
        "phone": _str("联系电话：11位手机号码或带区号的固定电话", maxLength=30),
        "email": _str("电子邮箱（获取方式为电子邮件时必填）", format="email", maxLength=254),
        "address": _str("通信地址（获取方式为邮寄时必填）", maxLength=200),
        "postcode": _str("邮政编码（获取方式为邮寄时必填）", pattern="^[0-9]{6}$"),
        "agency": _str("受理机关代码", enum=agencies),
        "description": _str("所需政府信息的名称、文号或其他特征性描述", maxLength=5000),
        "doc_number": _str("文号（选填）", maxLength=200),
        "medium": _str("载体形式；电子邮件获取时须为 electronic", enum=list(MEDIA)),
        "delivery": _str("获取方式", enum=list(DELIVERY)),
        "purpose": _str("用途（选填，不要求说明）", maxLength=1000),
        "channel": _str("申请渠道（仅工作人员；公众提交一律为 online）", enum=list(CHANNELS)),
        "received_on": {**DATE, "description": "收到申请日期（仅工作人员，条例第三十一条）"},
    }  # fmt: skip
    required = ["applicant_kind", "name", "phone", "agency", "description", "medium", "delivery"]
    return _obj(props, required, additionalProperties=True)


def event_schema() -> dict:
    """Return the schema of an event submission, with the fields each type needs."""
    props = {
        "type": _str("事件类型", enum=list(EVENT_TYPES)),
        "date": {**DATE, "description": "事件日期：不早于收到申请之日、不晚于今天"},
        "working_days": {"type": "integer", "minimum": 1, "maximum": 20,
                         "description": "延长的工作日数（type=extended 必填，条例第三十三条）"},
        "reason": _str("延长理由（type=extended 必填）", maxLength=5000),
        "amount": _str("收费金额（元，type=fee_notice_sent 必填）", pattern=r"^\d+(\.\d{1,2})?$"),
        "outcome": {**OUTCOME, "description": "办理结果（type=replied 必填）"},
        "reply_text": _str("答复内容（type=replied 选填）", maxLength=5000),
        "note": _str("备注", maxLength=5000),
        "version": {"type": "integer", "description": "乐观锁：期望的申请版本号（选填）"},
    }  # fmt: skip
    conditions = [
        {"if": {"properties": {"type": {"const": kind}}}, "then": {"required": fields}}
        for kind, fields in (("extended", ["working_days", "reason"]),
                             ("fee_notice_sent", ["amount"]), ("replied", ["outcome"]))
    ]  # fmt: skip
    return _obj(props, ["type", "date"], allOf=conditions)


RECEIPT = _obj(
    {
        "id": {"type": "integer"},
        "receipt_no": _str("申请编号（每个机关每年连续编号）", pattern=r"^\d{4}-\d{6}$"),
        "agency_code": _str("受理机关代码"),
        "tracking_code": _str("查询码（只显示一次，请妥善保存）"),
        "received_on": DATE,
        "reply_due": {**NULL_DATE, "description": "答复期限"},
        "provisional": {"type": "boolean", "description": "期限涉及尚未公布节假日安排的年份"},
        "status": {"type": "string", "enum": STATUSES},
        "channel": {"type": "string", "enum": list(CHANNELS)},
    },
    ["id", "receipt_no", "tracking_code", "received_on", "reply_due", "provisional", "status"],
)
ERROR = _obj(
    {
        "error": _str("中文错误说明"),
        "status": {"type": "integer"},
        "fields": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "逐字段的中文错误说明（400）",
        },
        "problems": {
            "type": "array",
            "items": {"type": "string"},
            "description": "年度报告数据问题（409）",
        },
        "retry_after": {"type": "integer", "description": "建议等待的秒数（429）"},
    },  # fmt: skip
    ["error", "status"],
)
EVENT = _obj(
    {
        "seq": {"type": "integer"},
        "type": _str("事件类型（含 received、assigned）"),
        "label": _str("事件名称"),
        "date": DATE,
        "recorded_at": {"type": ["string", "null"], "format": "date-time"},
        "actor": _str("操作人"),
        "data": {"type": "object"},
        "previous": {"type": "object", "description": "变更前的状态、期限、经办人"},
        "new": {"type": "object", "description": "变更后的状态、期限、经办人"},
    },
    ["seq", "type", "date", "actor"],
)
EXPLANATION = _obj(
    {
        "received_on": DATE,
        "start": DATE,
        "rule": {"type": "string"},
        "working_days_allowed": {"type": "integer"},
        "original_due": NULL_DATE,
        "extension": {"type": ["object", "null"]},
        "reply_due": NULL_DATE,
        "provisional": {"type": "boolean"},
        "unknown_years": {"type": "array"},
        "correction_due": NULL_DATE,
        "counted_days": {"type": "array", "items": DATE},
        "skipped_days": {"type": "array", "items": {"type": "object"}},
        "pauses": {"type": "array", "items": {"type": "object"}},
        "working_days_used": {"type": "integer"},
        "working_days_left": {"type": ["integer", "null"]},
    },  # fmt: skip
    description="答复期限的计算说明：起算日、计入的工作日、跳过的节假日、中止期间、延期、已用和剩余工作日",
)
REQUEST = _obj(
    {
        "id": {"type": "integer"},
        "receipt_no": {"type": "string"},
        "agency": {"type": "string"},
        "channel": {"type": "string", "enum": list(CHANNELS)},
        "received_on": DATE,
        "status": {"type": "string", "enum": STATUSES},
        "status_label": {"type": "string"},
        "reply_due": NULL_DATE,
        "provisional": {"type": "boolean"},
        "paused": {"type": "boolean"},
        "color": {"type": "string", "enum": ["red", "yellow", "green"]},
        "working_days_used": {"type": "integer"},
        "working_days_left": {"type": ["integer", "null"]},
        "version": {"type": "integer"},
        "assignee": {"type": ["string", "null"]},
        "applicant": _obj(
            {
                "applicant_kind": {"type": "string", "enum": list(APPLICANT_KINDS)},
                "applicant_category": {"type": "string", "enum": list(APPLICANT_CATEGORIES)},
            }
        ),
        "description": {"type": "string"},
        "outcome": {"type": ["string", "null"]},
        "closed_on": NULL_DATE,
        "explanation": {"$ref": "#/components/schemas/Explanation"},
        "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
    },  # fmt: skip
    ["id", "receipt_no", "status", "reply_due", "provisional", "explanation", "events"],
)
FILE = _obj(
    {"name": {"type": "string"}, "size": {"type": "integer"}, "media_type": {"type": "string"},
     "id": {"type": "integer"}, "url": _str("下载地址（带查询码）", format="uri-reference")},
    ["name", "size", "media_type", "id", "url"],
)  # fmt: skip
LETTER = _obj(
    {
        "number": _str("文号，如 云财公复〔2026〕12号"),
        "title": {"type": "string"},
        "kind": {"type": "string", "enum": ["reply", "fee", "correction", "extension"]},
        "issued_on": DATE,
        "html_url": {"type": "string", "format": "uri-reference"},
        "pdf_url": {"type": "string", "format": "uri-reference"},
        "files": {"type": "array", "items": {"$ref": "#/components/schemas/LetterFile"}},
    },  # fmt: skip
    ["number", "title", "kind", "issued_on", "html_url", "pdf_url", "files"],
)
TRACKING = _obj(
    {
        "receipt_no": {"type": "string"},
        "agency": {"type": "string"},
        "status": {"type": "string", "enum": STATUSES},
        "status_label": {"type": "string"},
        "received_on": DATE,
        "reply_due": NULL_DATE,
        "provisional": {"type": "boolean"},
        "paused": {"type": "boolean"},
        "events": {
            "type": "array",
            "items": _obj({"type": {"type": "string"}, "label": {"type": "string"}, "date": DATE}),
        },
        "reply": {
            "type": ["object", "null"],
            "properties": {
                "outcome": OUTCOME,
                "outcome_label": {"type": "string"},
                "replied_on": NULL_DATE,
                "text": {"type": "string"},
            },
        },
        "letters": {"type": "array", "items": {"$ref": "#/components/schemas/Letter"}},
    },  # fmt: skip
    ["receipt_no", "status", "received_on", "reply_due", "provisional", "reply", "letters"],
    description="申请人可见的办理情况：状态、日期和答复，不含申请人信息",
)
_ROW = _obj({"label": {"type": "string"}, "values": {"type": "array"}}, ["label", "values"])
ANNUAL_REPORT = _obj(
    {
        "year": {"type": "integer"},
        "agency": {"type": "string"},
        "table2": _obj(
            {
                "blocks": {
                    "type": "array",
                    "items": _obj(
                        {
                            "article": {"type": "string"},
                            "columns": {"type": "array"},
                            "rows": {"type": "array", "items": _ROW},
                        }
                    ),
                }
            },
            description="表二：values 中未填报的数字为 null，金额为字符串（万元）",
        ),
        "table3": _obj(
            {
                "columns": {
                    "type": "array",
                    "items": {"enum": list(TABLE3_COLUMNS)},
                    "minItems": 7,
                    "maxItems": 7,
                },
                "rows": {
                    "type": "array",
                    "minItems": 25,
                    "maxItems": 25,
                    "items": _obj(
                        {
                            "label": {"type": "string", "enum": list(TABLE3_ROWS)},
                            "values": {
                                "type": "array",
                                "items": {"type": "integer"},
                                "minItems": 7,
                                "maxItems": 7,
                            },
                        }
                    ),
                },
            }
        ),
        "table4": _obj(
            {
                "columns": {"type": "array", "items": {"enum": list(TABLE4_COLUMNS)}},
                "values": {
                    "type": "array",
                    "items": {"type": "integer"},
                    "minItems": 15,
                    "maxItems": 15,
                },
                "groups": {"type": "array", "items": {"type": "object"}},
            }
        ),
    },  # fmt: skip
    ["year", "agency", "table2", "table3", "table4"],
)
SEARCH_HIT = _obj(
    {
        "title": {"type": "string"},
        "url": _str("文档页面地址"),
        "index_no": _str("索引号"),
        "agency": _str("发布机构名称"),
        "agency_code": {"type": "string"},
        "category": _str("主题分类"),
        "key_area": _str("重点领域代码（没有时为空字符串）"),
        "doc_no": _str("发文字号"),
        "date": _str("发布日期"),
        "snippet": _str("摘要片段（HTML，检索词以 <mark> 标出）"),
    },  # fmt: skip
    ["title", "url", "index_no", "agency", "date", "snippet"],
)
_FACET = {
    "type": "array",
    "items": _obj(
        {"value": {"type": "string"}, "label": {"type": "string"}, "count": {"type": "integer"}}
    ),
}
SEARCH_RESULTS = _obj(
    {
        "total": {"type": "integer"},
        "page": {"type": "integer", "minimum": 1},
        "page_size": {"type": "integer"},
        "pages": {"type": "integer"},
        "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}},
        "facets": _obj({"area": _FACET, "agency": _FACET, "year": _FACET}),
    },  # fmt: skip
    ["total", "page", "results"],
)


def schemas(agencies: list[str]) -> dict:
    """Return every component schema."""
    return {
        "Application": application_schema(agencies), "EventInput": event_schema(),
        "Receipt": RECEIPT, "Error": ERROR, "Event": EVENT, "Explanation": EXPLANATION,
        "Request": REQUEST, "Letter": LETTER, "LetterFile": FILE, "Tracking": TRACKING,
        "AnnualReport": ANNUAL_REPORT, "SearchHit": SEARCH_HIT, "SearchResults": SEARCH_RESULTS,
    }  # fmt: skip

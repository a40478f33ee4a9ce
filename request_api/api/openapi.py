"""The OpenAPI 3.1 document of /api/v1."""

from __future__ import annotations

from disclosure.outcomes import OUTCOME_CODES

from ..choices import APPLICANT_KINDS, CHANNELS, DELIVERY, ID_TYPES, MEDIA, ORG_CATEGORIES
from ..services.events import EVENT_TYPES


def _str(description: str, **extra) -> dict:
    """Return a string schema."""
    return {"type": "string", "description": description, **extra}


def _application_schema(agencies: list[str]) -> dict:
    """Return the schema of an application submission (Art. 29 contents)."""
    props = {
        "applicant_kind": _str("申请人类型", enum=list(APPLICANT_KINDS)),
        "org_category": _str("单位类别（法人或其他组织）", enum=list(ORG_CATEGORIES)),
        "name": _str("姓名或单位名称", maxLength=100),
        "id_type": _str("证件类型（公民）", enum=list(ID_TYPES)),
        "id_number": _str("证件号码（居民身份证校验）", maxLength=40),
        "org_uscc": _str("统一社会信用代码（校验）", maxLength=18),
        "legal_rep": _str("法定代表人或负责人", maxLength=50),
        "contact_person": _str("联系人", maxLength=50),
        "phone": _str("联系电话", maxLength=30),
        "email": _str("电子邮箱", maxLength=254),
        "address": _str("通信地址", maxLength=200),
        "postcode": _str("邮政编码", pattern="^[0-9]{6}$"),
        "agency": _str("受理机关代码", enum=agencies),
        "description": _str("所需信息的描述", maxLength=5000),
        "doc_number": _str("文号等特征描述", maxLength=200),
        "medium": _str("载体形式", enum=list(MEDIA)),
        "delivery": _str("获取方式", enum=list(DELIVERY)),
        "purpose": _str("用途（选填）", maxLength=1000),
        "channel": _str("申请渠道（仅工作人员）", enum=list(CHANNELS)),
        "received_on": _str("收到申请日期（仅工作人员）", format="date"),
    }
    required = ["applicant_kind", "name", "phone", "agency", "description", "medium", "delivery"]
    return {"type": "object", "properties": props, "required": required}


def _event_schema() -> dict:
    """Return the schema of an event submission."""
    props = {
        "type": _str("事件类型", enum=list(EVENT_TYPES)),
        "date": _str("事件日期", format="date"),
        "working_days": {"type": "integer", "minimum": 1, "maximum": 20},
        "reason": _str("延期理由"),
        "amount": {
            "type": "string",
            "description": "收费金额（元）",
            "pattern": r"^\d+(\.\d{1,2})?$",
        },
        "outcome": _str("办理结果", enum=list(OUTCOME_CODES)),
        "reply_text": _str("答复内容"),
        "note": _str("备注"),
        "version": {"type": "integer", "description": "乐观锁版本号（可选）"},
    }
    return {"type": "object", "properties": props, "required": ["type", "date"]}


RECEIPT = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "receipt_no": {"type": "string", "pattern": r"^\d{4}-\d{6}$"},
        "tracking_code": {"type": "string"},
        "received_on": {"type": "string", "format": "date"},
        "reply_due": {"type": ["string", "null"], "format": "date"},
        "provisional": {"type": "boolean"},
        "status": {"type": "string"},
    },
    "required": ["id", "receipt_no", "tracking_code", "received_on", "reply_due", "provisional"],
}
ERROR = {
    "type": "object",
    "properties": {
        "error": {"type": "string"},
        "status": {"type": "integer"},
        "fields": {"type": "object", "additionalProperties": {"type": "string"}},
    },
    "required": ["error", "status"],
}


def _resp(description: str, schema: str = "Error") -> dict:
    """Return a JSON response object."""
    ref = {"$ref": f"#/components/schemas/{schema}"}
    return {"description": description, "content": {"application/json": {"schema": ref}}}


def _body(schema: str) -> dict:
    """Return a required JSON request body."""
    ref = {"$ref": f"#/components/schemas/{schema}"}
    return {"required": True, "content": {"application/json": {"schema": ref}}}


def openapi_document(agencies: list[str]) -> dict:
    """Return the OpenAPI document."""
    bearer = [{"bearerAuth": []}]
    id_param = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
    code_param = {
        "name": "tracking_code",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
    }
    paths = {
        "/api/v1/requests": {"post": {
            "summary": "提交政府信息公开申请", "security": [{}, *bearer],
            "requestBody": _body("Application"),
            "responses": {"201": _resp("已登记", "Receipt"), "400": _resp("输入有误"),
                          "401": _resp("令牌无效")}}},
        "/api/v1/requests/{id}": {"get": {
            "summary": "查看申请（工作人员）", "security": bearer, "parameters": [id_param],
            "responses": {"200": _resp("申请详情", "Request"), "401": _resp("未认证"),
                          "404": _resp("不存在")}}},
        "/api/v1/requests/{id}/events": {"post": {
            "summary": "记录办理事件（工作人员）", "security": bearer, "parameters": [id_param],
            "requestBody": _body("EventInput"),
            "responses": {"200": _resp("已记录", "Request"), "400": _resp("输入有误"),
                          "401": _resp("未认证"), "403": _resp("无权限"), "404": _resp("不存在"),
                          "409": _resp("与办理状态冲突")}}},
        "/api/v1/track/{tracking_code}": {"get": {
            "summary": "凭查询码查询办理进度", "parameters": [code_param],
            "responses": {"200": _resp("办理进度", "Tracking"), "404": _resp("未找到")}}},
        "/api/v1/openapi.json": {"get": {
            "summary": "本接口说明", "responses": {"200": {"description": "OpenAPI 文档"}}}},
    }  # fmt: skip
    return {
        "openapi": "3.1.0",
        "info": {"title": "政府信息公开申请接口", "version": "1.0.0"},
        "paths": paths,
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Application": _application_schema(agencies),
                "EventInput": _event_schema(),
                "Receipt": RECEIPT,
                "Error": ERROR,
                "Request": {"type": "object", "description": "申请详情、期限说明和办理记录"},
                "Tracking": {"type": "object", "description": "办理状态、日期和答复"},
            },
        },
    }

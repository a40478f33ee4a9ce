"""The OpenAPI 3.1 document of /api/v1: every endpoint, its parameters, bodies and errors."""

from __future__ import annotations

from .openapi_schemas import schemas

BEARER = [{"bearerAuth": []}]
JSON_OBJECT = {"application/json": {"schema": {"type": "object"}}}
ERRORS = {
    400: "输入有误（error 为中文说明，fields 为逐字段说明）",
    401: "需要工作人员身份认证（Authorization: Bearer 令牌），或令牌无效、已停用",
    403: "无权执行该操作（如经办人不能批准延期）",
    404: "不存在，或无权查看该机关的申请",
    409: "与当前办理状态冲突（如第二次延期、答复后再登记事项），或数据被他人同时修改",
    413: "请求体超过大小上限",
    429: "请求过于频繁（Retry-After 头给出等待秒数）",
    503: "检索服务暂不可用（索引尚未建立）",
}


def _resp(description: str, schema: str = "Error") -> dict:
    """Return a JSON response object."""
    ref = {"$ref": f"#/components/schemas/{schema}"}
    return {"description": description, "content": {"application/json": {"schema": ref}}}


def _errors(*codes: int) -> dict:
    """Return the error responses with these status codes."""
    return {str(code): _resp(ERRORS[code]) for code in codes}


def _body(schema: str) -> dict:
    """Return a required JSON request body."""
    ref = {"$ref": f"#/components/schemas/{schema}"}
    return {"required": True, "content": {"application/json": {"schema": ref}}}


def _param(name: str, where: str, schema: dict, description: str, required=False) -> dict:
    """Return a parameter object."""
    return {"name": name, "in": where, "required": required or where == "path",
            "schema": schema, "description": description}  # fmt: skip


ID = _param("id", "path", {"type": "integer", "minimum": 1}, "申请的内部编号")
CODE = _param(
    "tracking_code", "path", {"type": "string", "maxLength": 64}, "查询码（不区分大小写）"
)
YEAR = _param("year", "path", {"type": "integer", "minimum": 2008}, "年度（2008年至今年）")


def _requests_paths() -> dict:
    """Return the paths of applications and their events."""
    return {
        "/api/v1/requests": {"post": {
            "operationId": "createRequest", "summary": "提交政府信息公开申请",
            "description": "公众提交一律为网上申请（channel=online，收到日期按条例第三十一条"
                           "确定）；工作人员（Bearer 令牌）可指定 channel 和 received_on。",
            "security": [{}, *BEARER], "requestBody": _body("Application"),
            "responses": {"201": _resp("已登记，返回回执", "Receipt"),
                          **_errors(400, 401, 404, 413, 429)}}},
        "/api/v1/requests/{id}": {"get": {
            "operationId": "getRequest", "summary": "查看申请、期限说明和办理记录（工作人员）",
            "security": BEARER, "parameters": [ID],
            "responses": {"200": _resp("申请详情", "Request"), **_errors(401, 404, 429)}}},
        "/api/v1/requests/{id}/events": {"post": {
            "operationId": "recordEvent", "summary": "登记办理事项（工作人员）",
            "description": "非法操作返回409且不作任何改动；延期须由公开办负责人（head）登记。",
            "security": BEARER, "parameters": [ID], "requestBody": _body("EventInput"),
            "responses": {"200": _resp("已登记，返回更新后的申请", "Request"),
                          **_errors(400, 401, 403, 404, 409, 413, 429)}}},
    }  # fmt: skip


def _public_paths() -> dict:
    """Return the public paths: tracking, search and this document."""
    search_params = [
        _param("q", "query", {"type": "string", "minLength": 1}, "检索词（必填）", True),
        _param("area", "query", {"type": "string"}, "重点领域代码，如 fiscal"),
        _param("agency", "query", {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,31}$"},
               "发布机构代码"),
        _param("category", "query", {"type": "string"}, "信息类别（代码或中文名称）"),
        _param("year", "query", {"type": "string", "pattern": "^[0-9]{4}$"}, "发布年份"),
        _param("page", "query", {"type": "integer", "minimum": 1, "default": 1}, "页码"),
    ]  # fmt: skip
    return {
        "/api/v1/track/{tracking_code}": {"get": {
            "operationId": "track", "summary": "凭查询码查询办理进度（公开，限制频率）",
            "description": "返回状态、日期，答复后返回答复和告知书（letters）及下载地址。",
            "parameters": [CODE],
            "responses": {"200": _resp("办理进度", "Tracking"), **_errors(404, 429)}}},
        "/api/v1/search": {"get": {
            "operationId": "search", "summary": "检索政府信息公开目录（公开）",
            "parameters": search_params,
            "responses": {"200": _resp("一页检索结果（每页10条）及分面统计", "SearchResults"),
                          **_errors(400, 429, 503)}}},
        "/api/v1/openapi.json": {"get": {
            "operationId": "openapi", "summary": "本接口说明（OpenAPI 3.1）",
            "responses": {"200": {"description": "OpenAPI 文档", "content": JSON_OBJECT}}}},
    }  # fmt: skip


def _reports_paths(agencies: list[str]) -> dict:
    """Return the annual report path."""
    agency = _param("agency", "query", {"type": "string", "enum": agencies}, "机关代码", True)
    return {
        "/api/v1/reports/annual/{year}": {"get": {
            "operationId": "annualReport", "summary": "政府信息公开工作年度报告表格（工作人员）",
            "description": "表二、表三（25行×7列，官方顺序和名称）、表四（15列），"
                           "数据来自申请台账、政府信息公开目录和复议诉讼记录；只能查看本机关。",
            "security": BEARER, "parameters": [YEAR, agency],
            "responses": {"200": _resp("年度报告表格", "AnnualReport"),
                          **_errors(400, 401, 404, 409, 429)}}},
    }  # fmt: skip


def openapi_document(agencies: list[str]) -> dict:
    """Return the OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "政府信息公开申请接口",
            "version": "1.0.0",
            "description": "依申请公开的提交、办理、查询，年度报告和目录检索。错误均为中文 JSON。",
        },
        "paths": {**_requests_paths(), **_public_paths(), **_reports_paths(agencies)},
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas(agencies),
        },
    }

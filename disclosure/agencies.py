"""Load and validate the agencies registry (content/agencies.yaml) (Art. 12 contact details)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

logger = logging.getLogger(__name__)

_CODE = re.compile(r"[a-z][a-z0-9-]{0,31}")
_PREFIX = re.compile(r"[0-9A-Z]{6,18}")

REQUIRED = ("code", "name", "index_prefix", "office", "address", "office_hours", "phone", "email")
FIELD_LABELS = {
    "code": "机构代码",
    "name": "机构名称",
    "short_name": "简称",
    "index_prefix": "索引号前缀",
    "reply_prefix": "答复书编号前缀",
    "office": "政府信息公开工作机构",
    "address": "办公地址",
    "postcode": "邮政编码",
    "office_hours": "办公时间",
    "phone": "联系电话",
    "fax": "传真",
    "email": "电子邮箱",
    "web": "网址",
    "reconsideration_body": "行政复议机关",
}


@dataclass(frozen=True)
class Agency:
    """One publishing agency and its disclosure office (Art. 12 contents)."""

    code: str
    name: str
    index_prefix: str
    office: str
    address: str
    office_hours: str
    phone: str
    email: str
    short_name: str = ""
    reply_prefix: str = ""
    postcode: str = ""
    fax: str = ""
    web: str = ""
    reconsideration_body: str = ""  # named in reply letters (Reconsideration Law Art. 24)

    @property
    def label(self) -> str:
        """Return the short name when there is one, else the full name."""
        return self.short_name or self.name


class AgencyError(ValueError):
    """Raised when agencies.yaml cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _check_entry(entry: object, where: str) -> tuple[Agency | None, list[str]]:
    """Validate one YAML entry and build an Agency from it."""
    if not isinstance(entry, dict):
        return None, [f"{where}：每个机构应为“键: 值”形式的映射"]
    known = {f.name for f in fields(Agency)}
    problems = [f"{where}：未知字段“{key}”" for key in entry if key not in known]
    values = {k: "" if v is None else str(v).strip() for k, v in entry.items() if k in known}
    for key in REQUIRED:
        if not values.get(key):
            problems.append(f"{where}，字段 {key}（{FIELD_LABELS[key]}）：缺少必填字段")
    code, prefix = values.get("code", ""), values.get("index_prefix", "")
    if code and not _CODE.fullmatch(code):
        problems.append(f"{where}，字段 code：“{code}”应为小写英文字母、数字或连字符")
    if prefix and not _PREFIX.fullmatch(prefix):
        problems.append(
            f"{where}，字段 index_prefix：“{prefix}”应为组织机构代码或统一社会信用代码"
            "（6至18位大写字母或数字）"
        )
    if problems:
        return None, problems
    return Agency(**values), []


def parse_agencies(data: object, source: str = "agencies.yaml") -> tuple[Agency, ...]:
    """Validate parsed YAML data and return the agencies, raising AgencyError on problems."""
    if not isinstance(data, list) or not data:
        raise AgencyError([f"{source}：应为非空的机构列表"])
    agencies: list[Agency] = []
    problems: list[str] = []
    for number, entry in enumerate(data, start=1):
        agency, found = _check_entry(entry, f"{source} 第{number}个机构")
        problems.extend(found)
        if agency:
            agencies.append(agency)
    for attr, label in (("code", "机构代码"), ("index_prefix", "索引号前缀")):
        seen: set[str] = set()
        for agency in agencies:
            value = getattr(agency, attr)
            if value in seen:
                problems.append(f"{source}，字段 {attr}：{label}“{value}”重复")
            seen.add(value)
    if problems:
        raise AgencyError(problems)
    return tuple(agencies)


def load_agencies(path: str | Path, shown: str | None = None) -> tuple[Agency, ...]:
    """Read agencies.yaml and return its agencies, raising AgencyError on any problem."""
    path = Path(path)
    shown = shown or str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AgencyError([f"{shown}：找不到机构登记文件"]) from None
    except yaml.YAMLError as exc:
        raise AgencyError([f"{shown}：YAML 格式错误：{exc}"]) from None
    return parse_agencies(data, shown)


def by_code(agencies: tuple[Agency, ...]) -> dict[str, Agency]:
    """Return the agencies keyed by code."""
    return {agency.code: agency for agency in agencies}

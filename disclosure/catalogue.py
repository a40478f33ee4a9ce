"""Disclosure catalogue: document front matter schema, validation and index numbers (Art. 12).

Used by the site build (plugin), the fast content check, the scaffold and the annual report.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from disclosure.agencies import Agency, AgencyError, load_agencies
from disclosure.privacy import scan_text

logger = logging.getLogger(__name__)

DEFAULT_CATEGORIES: dict[str, str] = {
    "机构职能": "organisation",
    "政策文件": "policy",
    "规划计划": "plans",
    "财政资金": "finance",
    "行政许可": "licensing",
    "行政处罚": "penalties",
    "统计信息": "statistics",
    "人事信息": "personnel",
    "公告公示": "notices",
    "政府采购": "procurement",
    "重大建设项目": "projects",
    "应急管理": "emergencies",
    "监督检查": "inspections",
    "政府信息公开年报": "annual-reports",
}
# The eight key areas of 国办发〔2012〕26号, in their official order.
DEFAULT_KEY_AREAS: dict[str, str] = {
    "fiscal": "财政预决算和“三公”经费",
    "housing": "保障性住房",
    "food-safety": "食品安全",
    "environment": "环境保护",
    "tendering": "招投标",
    "work-safety": "生产安全事故",
    "land": "征地拆迁",
    "prices": "价格和收费",
}
VALIDITY_VALUES = ("有效", "失效", "废止")
ANNUAL_REPORT_CATEGORY = "政府信息公开年报"
#: Marks text a generated draft (the annual report) leaves for the editor to write.
DRAFT_MARKER = "【待编辑填写】"

FIELDS: dict[str, str] = {
    "title": "Title（名称）",
    "date": "Date（发布日期）",
    "created": "Created（成文日期）",
    "agency": "Agency（发布机构）",
    "category": "Category（公开目录分类）",
    "index_no": "Index_no（索引号）",
    "summary": "Summary（内容概述）",
    "key_area": "Key_area（重点领域）",
    "doc_no": "Doc_no（发文字号）",
    "validity": "Validity（有效性）",
    "repealed": "Repealed（废止/失效日期）",
    "topic": "Topic（主题分类）",
    "kind": "Kind（体裁）",
    "privacy_allow": "Privacy_allow（隐私检查豁免理由）",
    "modified": "Modified（更新日期）",
    "status": "Status（发布状态）",
}
STATUS_VALUES = ("published", "draft")
REQUIRED = ("title", "date", "created", "agency", "category", "index_no", "summary")

_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
_FENCE = re.compile(r"^(-{3}|\.{3})\s*$")
_META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
_INDEX_NO = re.compile(r"(?P<prefix>[0-9A-Z]+)/(?P<year>\d{4})-(?P<serial>\d{5})")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAY_TIME = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?")


@dataclass(frozen=True)
class Problem:
    """One problem found in the content; level is "error" or "warning"."""

    path: str
    field: str
    message: str
    level: str = "error"

    def __str__(self) -> str:
        kind = "错误" if self.level == "error" else "警告"
        where = (
            f"{self.path}，字段 {FIELDS.get(self.field, self.field)}" if self.field else self.path
        )
        return f"[{kind}] {where}：{self.message}"


@dataclass(frozen=True)
class Document:
    """A validated catalogue entry."""

    path: str
    title: str
    date: datetime
    created: date
    agency: str
    category: str
    index_no: str
    summary: str
    key_area: str = ""
    doc_no: str = ""
    validity: str = "有效"
    repealed: date | None = None
    topic: str = ""
    kind: str = ""
    privacy_allow: str = ""

    @property
    def slug(self) -> str:
        """Return the URL slug: the index number with "/" replaced by "-"."""
        return index_slug(self.index_no)


@dataclass
class Rules:
    """What a document is checked against: agencies, categories, key areas, calendar."""

    agencies: Mapping[str, Agency]
    categories: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_CATEGORIES))
    key_areas: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_KEY_AREAS))
    calendar: object | None = None
    _deadlines: dict = field(default_factory=dict, repr=False)

    def publication_deadline(self, created: date) -> object:
        """Return the 20th working day after created (Art. 26), cached per day."""
        if created not in self._deadlines:
            self._deadlines[created] = self.calendar.add_working_days(created, 20)
        return self._deadlines[created]


@dataclass
class Report:
    """The outcome of checking a content tree."""

    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    agencies: tuple[Agency, ...] = ()

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that fail the build."""
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Return the problems that are only reported."""
        return [p for p in self.problems if p.level == "warning"]


def index_slug(index_no: str) -> str:
    """Return the URL slug of an index number."""
    return index_no.replace("/", "-")


def format_index_no(prefix: str, year: int, serial: int) -> str:
    """Return the index number {prefix}/{YYYY}-{NNNNN}."""
    return f"{prefix}/{year:04d}-{serial:05d}"


def parse_index_no(value: str) -> tuple[str, int, int] | None:
    """Split an index number into (prefix, year, serial), or None when malformed."""
    match = _INDEX_NO.fullmatch(value)
    if not match:
        return None
    return match["prefix"], int(match["year"]), int(match["serial"])


def next_index_no(index_numbers: Iterable[str], agency: Agency, year: int) -> str:
    """Return the next free index number of an agency for a year (numbers are never reused)."""
    serials = [0]
    for value in index_numbers:
        parsed = parse_index_no(value.strip())
        if parsed and parsed[0] == agency.index_prefix and parsed[1] == year:
            serials.append(parsed[2])
    return format_index_no(agency.index_prefix, year, max(serials) + 1)


def used_index_numbers(documents: Path) -> list[str]:
    """Return every Index_no written in the documents, valid or not, so none is handed out twice."""
    found = []
    for path in documents.rglob("*.md"):
        meta, _ = parse_front_matter(path.read_text(encoding="utf-8", errors="replace"))
        if meta.get("index_no"):
            found.append(meta["index_no"])
    return found


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split Markdown into lower-cased metadata (as Python-Markdown's meta reads it) and body."""
    lines = text.lstrip("\ufeff").split("\n")
    if lines and _FENCE.match(lines[0]):
        lines = lines[1:]  # optional YAML-style "---" opening line
    meta: dict[str, str] = {}
    key = None
    number = 0
    for number, line in enumerate(lines):
        if not line.strip() or (number and _FENCE.match(line)):
            number += 1
            break
        match = _META.match(line)
        more = _META_MORE.match(line)
        if match:
            key = match["key"].lower()
            meta[key] = match["value"].strip()
        elif more and key:
            meta[key] = (meta[key] + "\n" + more["value"].strip()).strip()
        else:
            break
    else:
        number = len(lines)
    return meta, "\n".join(lines[number:])


def _parse_date(value: str, with_time: bool = False) -> datetime | None:
    """Parse YYYY-MM-DD (with_time: or YYYY-MM-DD HH:MM); return None when invalid."""
    if not (_DAY_TIME if with_time else _DAY).fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


class _Checker:
    """Collects the problems of one document."""

    def __init__(self, path: str, meta: dict[str, str], rules: Rules) -> None:
        self.path, self.meta, self.rules = path, meta, rules
        self.problems: list[Problem] = []

    def error(self, name: str, message: str) -> None:
        """Record an error on a field."""
        self.problems.append(Problem(self.path, name, message))

    def warn(self, name: str, message: str) -> None:
        """Record a warning on a field."""
        self.problems.append(Problem(self.path, name, message, "warning"))

    def fields(self) -> None:
        """Check presence of required fields and flag unknown ones."""
        for name in REQUIRED:
            if not self.meta.get(name, "").strip():
                self.error(name, "缺少必填字段")
        for name in self.meta:
            if name not in FIELDS:
                self.warn(name, f"未知字段“{name}”，是否拼写错误？（可用字段见 docs/editing.md）")

    def dates(self) -> tuple[datetime | None, date | None]:
        """Check Date, Created and Modified and return the parsed publish and creation dates."""
        published = created = None
        if self.meta.get("date"):
            published = _parse_date(self.meta["date"], with_time=True)
            if not published:
                self.error(
                    "date",
                    f"“{self.meta['date']}”不是有效日期，应写作 YYYY-MM-DD 或 YYYY-MM-DD HH:MM",
                )
        if self.meta.get("created"):
            parsed = _parse_date(self.meta["created"])
            created = parsed.date() if parsed else None
            if not created:
                self.error("created", f"“{self.meta['created']}”不是有效日期，应写作 YYYY-MM-DD")
        if self.meta.get("modified") and not _parse_date(self.meta["modified"], with_time=True):
            self.error("modified", f"“{self.meta['modified']}”不是有效日期，应写作 YYYY-MM-DD")
        if published and created and published.date() < created:
            self.error("date", f"发布日期 {published:%Y-%m-%d} 早于成文日期 {created}")
        return published, created

    def lookups(self) -> Agency | None:
        """Check agency, category, key area and validity against the configured lists."""
        agency = None
        code = self.meta.get("agency", "")
        if code:
            agency = self.rules.agencies.get(code)
            if not agency:
                self.error("agency", f"未知机构代码“{code}”，应为 agencies.yaml 中登记的 code")
            elif Path(self.path).parent.name != code:
                self.error("agency", f"文件应放在 documents/{code}/ 目录下")
        category = self.meta.get("category", "")
        if category and category not in self.rules.categories:
            self.error(
                "category", f"未知分类“{category}”，可选：{'、'.join(self.rules.categories)}"
            )
        area = self.meta.get("key_area", "")
        if area and area not in self.rules.key_areas:
            self.error("key_area", f"未知重点领域“{area}”，可选：{'、'.join(self.rules.key_areas)}")
        status = self.meta.get("status", "published")
        if status not in STATUS_VALUES:
            self.error("status", f"“{status}”无效，应为 published（发布）或 draft（草稿，不发布）")
        validity = self.meta.get("validity", "有效")
        if validity not in VALIDITY_VALUES:
            self.error("validity", f"“{validity}”无效，应为：{'、'.join(VALIDITY_VALUES)}")
        return agency

    def index_no(self, agency: Agency | None, created: date | None) -> None:
        """Check the index number's form, agency prefix and year (Art. 12)."""
        value = self.meta.get("index_no", "")
        if not value:
            return
        parsed = parse_index_no(value)
        example = agency.index_prefix if agency else "11341900003051047M"
        if not parsed or parsed[2] == 0:
            self.error(
                "index_no",
                f"“{value}”格式错误，应为“索引号前缀/年份-五位流水号”，如 {example}/2026-00001",
            )
            return
        prefix, year, _ = parsed
        if agency and prefix != agency.index_prefix:
            self.error(
                "index_no",
                f"前缀“{prefix}”与发布机构 {agency.code} 的索引号前缀“{agency.index_prefix}”不符",
            )
        if created and year != created.year:
            self.error("index_no", f"年份 {year} 应为成文日期的年份 {created.year}")

    def repeal(self, created: date | None, published: datetime | None) -> date | None:
        """Check the Repealed date against Validity."""
        validity = self.meta.get("validity", "有效")
        raw = self.meta.get("repealed", "")
        if not raw:
            if validity == "废止":
                self.error("repealed", "有效性为“废止”时须填写废止日期 Repealed")
            return None
        parsed = _parse_date(raw)
        repealed = parsed.date() if parsed else None
        if not repealed:
            self.error("repealed", f"“{raw}”不是有效日期，应写作 YYYY-MM-DD")
            return None
        if validity not in ("废止", "失效"):
            self.error("repealed", "填写了废止日期，但有效性 Validity 不是“废止”或“失效”")
        if created and repealed < created:
            self.error("repealed", f"废止日期 {repealed} 早于成文日期 {created}")
        return repealed

    def privacy(self, text: str) -> None:
        """Fail on personal numbers unless Privacy_allow gives a reason (Arts. 15-16)."""
        if "privacy_allow" in self.meta:
            if not self.meta["privacy_allow"].strip():
                self.error("privacy_allow", "须写明允许公开个人信息的理由")
            return
        for hit in scan_text(text):
            self.error(
                "",
                f"第{hit.line}行含有疑似{hit.label}（{hit.masked}），涉及个人隐私不得公开"
                "（《条例》第十五条）；确需公开请在 Privacy_allow 中写明理由",
            )

    def finished(self, text: str) -> None:
        """Fail on text an editor was asked to write and has not, unless Status is draft."""
        if self.meta.get("status") == "draft":
            return
        for number, line in enumerate(text.splitlines(), start=1):
            if DRAFT_MARKER in line:
                self.error("", f"第{number}行仍是待填写的“{DRAFT_MARKER}”内容，请补写后再发布")

    def timeliness(self, created: date | None, published: datetime | None) -> None:
        """Warn when published more than 20 working days after creation (Art. 26)."""
        if not (created and published and self.rules.calendar):
            return
        result = self.rules.publication_deadline(created)
        if published.date() > result.day:
            note = "（该年度节假日安排未知，按周一至周五估算）" if result.provisional else ""
            self.warn(
                "date",
                f"发布日期 {published:%Y-%m-%d} 晚于成文后第20个工作日 {result.day}{note}，"
                "不符合《条例》第二十六条的时限",
            )


def check_document(path: str, text: str, rules: Rules) -> tuple[Document | None, list[Problem]]:
    """Validate one document's Markdown and return it with its problems."""
    meta, _ = parse_front_matter(text)
    checker = _Checker(path, meta, rules)
    checker.fields()
    published, created = checker.dates()
    agency = checker.lookups()
    checker.index_no(agency, created)
    repealed = checker.repeal(created, published)
    checker.privacy(text)
    checker.finished(text)
    checker.timeliness(created, published)
    if any(p.level == "error" for p in checker.problems):
        return None, checker.problems
    doc = Document(
        path=path, title=meta["title"], date=published, created=created, agency=meta["agency"],
        category=meta["category"], index_no=meta["index_no"], summary=meta["summary"],
        key_area=meta.get("key_area", ""), doc_no=meta.get("doc_no", ""),
        validity=meta.get("validity", "有效"), repealed=repealed, topic=meta.get("topic", ""),
        kind=meta.get("kind", ""), privacy_allow=meta.get("privacy_allow", ""),
    )  # fmt: skip
    return doc, checker.problems


def check_unique(documents: Iterable[Document]) -> list[Problem]:
    """Report index numbers used by more than one document (an index number is never reused)."""
    first: dict[str, str] = {}
    problems = []
    for doc in sorted(documents, key=lambda d: d.path):
        if doc.index_no in first:
            message = (
                f"索引号“{doc.index_no}”与 {first[doc.index_no]} 重复，索引号全站唯一且不得重复使用"
            )
            problems.append(Problem(doc.path, "index_no", message))
        else:
            first[doc.index_no] = doc.path
    return problems


def default_calendar() -> object | None:
    """Return the shared working-day calendar, or None when it cannot be loaded."""
    try:
        from disclosure.calendar import load_calendar
    except ImportError:
        logger.warning("工作日日历模块不可用，跳过第二十六条时限检查")
        return None
    return load_calendar()


def check_tree(
    content: str | Path,
    categories: Mapping[str, str] | None = None,
    key_areas: Mapping[str, str] | None = None,
    documents_dir: str = "documents",
    agencies_file: str = "agencies.yaml",
) -> Report:
    """Check agencies.yaml and every document under content/documents; report all problems."""
    content = Path(content)
    report = Report()
    try:
        report.agencies = load_agencies(content / agencies_file, f"{content.name}/{agencies_file}")
    except AgencyError as exc:
        report.problems.extend(Problem("", "", problem) for problem in exc.problems)
    agencies = {a.code: a for a in report.agencies}
    rules = Rules(agencies, categories or DEFAULT_CATEGORIES, key_areas or DEFAULT_KEY_AREAS)
    rules.calendar = default_calendar()
    for path in sorted((content / documents_dir).rglob("*.md")):
        shown = f"{content.name}/{path.relative_to(content).as_posix()}"
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            report.problems.append(Problem(shown, "", "文件不是 UTF-8 编码"))
            continue
        doc, problems = check_document(shown, text, rules)
        report.problems.extend(problems)
        if doc:
            report.documents.append(doc)
    report.problems.extend(check_unique(report.documents))
    return report

"""Catalogue rules: one test per validation rule, index numbers, front matter parsing."""

from __future__ import annotations

from datetime import date

import pytest

from disclosure.agencies import parse_agencies
from disclosure.calendar import load_calendar
from disclosure.catalogue import (
    Document,
    Rules,
    check_document,
    check_unique,
    format_index_no,
    index_slug,
    next_index_no,
    parse_front_matter,
    parse_index_no,
)

CZJ = "11341900003051047M"
AGENCIES = parse_agencies(
    [
        {"code": "czj", "name": "云溪市财政局", "index_prefix": CZJ, "office": "办公室",
         "address": "淮河路216号", "office_hours": "工作日", "phone": "0558-3045120",
         "email": "gk@czj.yunxi.gov.cn"},
        {"code": "szf", "name": "云溪市人民政府办公室", "index_prefix": "11341900003051020X",
         "office": "政务公开科", "address": "南京路88号", "office_hours": "工作日",
         "phone": "0558-3021006", "email": "zwgk@szf.yunxi.gov.cn"},
    ]
)  # fmt: skip
RULES = Rules({a.code: a for a in AGENCIES}, calendar=load_calendar())
PATH = "content/documents/czj/doc.md"


def markdown(body: str = "正文。", **changes: str | None) -> str:
    fields = {
        "Title": "关于2026年市级预算公开的通知",
        "Date": "2026-03-10 09:30",
        "Created": "2026-03-05",
        "Agency": "czj",
        "Category": "财政资金",
        "Index_no": f"{CZJ}/2026-00001",
        "Summary": "公开2026年市级预算。",
    }
    fields.update(changes)
    head = "\n".join(f"{k}: {v}" for k, v in fields.items() if v is not None)
    return f"{head}\n\n{body}\n"


def problems(text: str, path: str = PATH, level: str = "error") -> list[tuple[str, str]]:
    _, found = check_document(path, text, RULES)
    return [(p.field, p.message) for p in found if p.level == level]


def fields_of(text: str, path: str = PATH) -> list[str]:
    return [field for field, _ in problems(text, path)]


def test_valid_document_passes_and_is_parsed():
    doc, found = check_document(PATH, markdown(Key_area="fiscal", Doc_no="云财〔2026〕12号"), RULES)
    assert found == []
    assert doc.index_no == f"{CZJ}/2026-00001"
    assert doc.created == date(2026, 3, 5)
    assert doc.date.strftime("%Y-%m-%d %H:%M") == "2026-03-10 09:30"
    assert (doc.key_area, doc.doc_no, doc.validity) == ("fiscal", "云财〔2026〕12号", "有效")
    assert doc.slug == f"{CZJ}-2026-00001"


@pytest.mark.parametrize(
    "key", ["Title", "Date", "Created", "Agency", "Category", "Index_no", "Summary"]
)
def test_missing_required_field_is_an_error(key):
    found = problems(markdown(**{key: None}))
    assert (key.lower(), "缺少必填字段") in found


def test_empty_required_field_is_an_error():
    assert ("summary", "缺少必填字段") in problems(markdown(Summary=""))


@pytest.mark.parametrize(
    "value", ["2026/03/10", "2026-3-10", "2026-02-30", "明天", "2026-03-10 9:30"]
)
def test_malformed_publish_date_is_an_error(value):
    assert fields_of(markdown(Date=value)) == ["date"]


@pytest.mark.parametrize("value", ["2026-03-05 10:00", "20260305", "2026-13-01"])
def test_malformed_creation_date_is_an_error(value):
    assert "created" in fields_of(markdown(Created=value))


def test_unknown_agency_is_an_error():
    assert fields_of(markdown(Agency="nobody")) == ["agency"]


def test_document_in_another_agency_folder_is_an_error():
    found = problems(markdown(), path="content/documents/szf/doc.md")
    assert found == [("agency", "文件应放在 documents/czj/ 目录下")]


def test_unknown_category_is_an_error():
    assert fields_of(markdown(Category="杂项")) == ["category"]


def test_unknown_key_area_is_an_error():
    assert fields_of(markdown(Key_area="财政")) == ["key_area"]


@pytest.mark.parametrize(
    "value",
    [f"{CZJ}-2026-00001", f"{CZJ}/2026-0001", f"{CZJ}/26-00001", f"{CZJ}/2026-00000",
     f"{CZJ.lower()}/2026-00001", " /2026-00001", "TBD"],
)  # fmt: skip
def test_index_number_of_the_wrong_form_is_an_error(value):
    assert fields_of(markdown(Index_no=value)) == ["index_no"]


def test_index_number_with_another_agency_prefix_is_an_error():
    found = problems(markdown(Index_no="11341900003051020X/2026-00001"))
    assert found[0][0] == "index_no" and "与发布机构 czj 的索引号前缀" in found[0][1]


def test_index_number_year_must_be_the_creation_year():
    found = problems(markdown(Index_no=f"{CZJ}/2025-00001"))
    assert found == [("index_no", "年份 2025 应为成文日期的年份 2026")]


def test_duplicated_index_number_is_an_error():
    a, _ = check_document("content/documents/czj/a.md", markdown(), RULES)
    b, _ = check_document("content/documents/czj/b.md", markdown(Title="另一篇"), RULES)
    found = check_unique([b, a])
    assert [(p.path, p.field) for p in found] == [("content/documents/czj/b.md", "index_no")]
    assert "content/documents/czj/a.md" in found[0].message


def test_publish_date_before_creation_date_is_an_error():
    found = problems(markdown(Date="2026-03-04"))
    assert found == [("date", "发布日期 2026-03-04 早于成文日期 2026-03-05")]


def test_publish_on_creation_day_is_fine():
    assert problems(markdown(Date="2026-03-05")) == []


@pytest.mark.parametrize("value", ["有效", "失效"])
def test_validity_values_are_accepted(value):
    assert problems(markdown(Validity=value)) == []


def test_unknown_validity_is_an_error():
    assert fields_of(markdown(Validity="作废")) == ["validity"]


def test_repealed_document_needs_a_repeal_date():
    assert fields_of(markdown(Validity="废止")) == ["repealed"]


def test_repealed_date_needs_validity_repealed_or_expired():
    assert fields_of(markdown(Repealed="2026-06-01")) == ["repealed"]


def test_repealed_date_must_be_a_date():
    assert fields_of(markdown(Validity="废止", Repealed="六月")) == ["repealed"]


def test_repealed_date_before_creation_is_an_error():
    assert fields_of(markdown(Validity="废止", Repealed="2026-01-01")) == ["repealed"]


def test_repealed_with_date_passes():
    doc, found = check_document(PATH, markdown(Validity="废止", Repealed="2026-06-01"), RULES)
    assert found == [] and doc.repealed == date(2026, 6, 1)


def test_expired_without_date_passes():
    assert problems(markdown(Validity="失效")) == []


def test_privacy_hit_is_an_error_naming_the_line():
    found = problems(markdown(body="联系人手机：13812345678"))
    assert len(found) == 1
    assert "第9行含有疑似手机号码（138****5678）" in found[0][1]


def test_privacy_hit_in_summary_is_an_error():
    assert len(problems(markdown(Summary="身份证号11010519491231002X"))) == 1


def test_privacy_allow_with_a_reason_lets_the_document_pass():
    text = markdown(body="手机：13812345678", Privacy_allow="当事人书面同意公开")
    assert problems(text) == []


def test_privacy_allow_without_a_reason_is_an_error():
    text = markdown(body="手机：13812345678", Privacy_allow="")
    assert fields_of(text) == ["privacy_allow"]


def test_unfinished_draft_text_is_an_error_naming_the_line():
    found = problems(markdown(body="## 一、总体情况\n\n【待编辑填写】（本年度总体情况。）"))
    assert len(found) == 1
    assert "第11行仍是待填写的“【待编辑填写】”内容" in found[0][1]


def test_unfinished_draft_text_may_stay_in_a_draft():
    assert problems(markdown(body="【待编辑填写】（总体情况）", Status="draft")) == []


@pytest.mark.parametrize(("value", "ok"), [("draft", True), ("published", True), ("hidden", False)])
def test_status_is_published_or_draft(value, ok):
    assert (fields_of(markdown(Status=value)) == []) is ok


def test_unknown_field_is_a_warning():
    warnings = problems(markdown(Keyarea="fiscal"), level="warning")
    assert [field for field, _ in warnings] == ["keyarea"]


def test_publication_within_20_working_days_has_no_warning():
    assert problems(markdown(Created="2026-03-02", Date="2026-03-27"), level="warning") == []


def test_publication_after_20_working_days_is_a_warning_not_an_error():
    text = markdown(Created="2026-03-02", Date="2026-04-15")
    assert problems(text) == []
    warnings = problems(text, level="warning")
    assert [field for field, _ in warnings] == ["date"]
    assert "第二十六条" in warnings[0][1] and "2026-03-30" in warnings[0][1]


def test_timeliness_counts_holidays():
    # 2026-09-21 + 20 working days crosses the National Day holiday (Oct 1-7 off).
    cal = load_calendar()
    deadline = cal.add_working_days(date(2026, 9, 21), 20).day
    text = markdown(Created="2026-09-21", Date=deadline.isoformat(), Index_no=f"{CZJ}/2026-00001")
    assert problems(text, level="warning") == []


def test_problem_message_names_file_field_and_problem():
    _, found = check_document(PATH, markdown(Category="杂项"), RULES)
    text = str(found[0])
    assert text.startswith(
        "[错误] content/documents/czj/doc.md，字段 Category（公开目录分类）：未知分类“杂项”"
    )


def test_front_matter_parsing_matches_python_markdown_meta():
    meta, body = parse_front_matter(
        "\ufeffTitle: 标题\nSummary: 第一行\n    第二行\nIndex_no: X/2026-00001\n"
        "\n正文\n\nKey: 不是元数据"
    )
    assert meta == {"title": "标题", "summary": "第一行\n第二行", "index_no": "X/2026-00001"}
    assert body.strip() == "正文\n\nKey: 不是元数据"


def test_front_matter_may_be_fenced_with_dashes():
    meta, body = parse_front_matter("---\nTitle: 标题\nAgency: czj\n---\n正文")
    assert meta == {"title": "标题", "agency": "czj"}
    assert body == "正文"


def test_index_number_helpers():
    assert format_index_no(CZJ, 2026, 12) == f"{CZJ}/2026-00012"
    assert parse_index_no(f"{CZJ}/2026-00012") == (CZJ, 2026, 12)
    assert parse_index_no("bad") is None
    assert index_slug(f"{CZJ}/2026-00012") == f"{CZJ}-2026-00012"


def test_next_index_number_takes_the_highest_plus_one_per_agency_and_year():
    used = [
        f"{CZJ}/2026-00001",
        f"{CZJ}/2026-00007",
        f"{CZJ}/2025-00031",
        "11341900003051020X/2026-00050",
    ]
    czj = AGENCIES[0]
    assert next_index_no(used, czj, 2026) == f"{CZJ}/2026-00008"
    assert next_index_no(used, czj, 2025) == f"{CZJ}/2025-00032"
    assert next_index_no(used, czj, 2027) == f"{CZJ}/2027-00001"
    assert next_index_no([], czj, 2026) == f"{CZJ}/2026-00001"


def test_document_is_frozen():
    doc, _ = check_document(PATH, markdown(), RULES)
    assert isinstance(doc, Document)
    with pytest.raises(AttributeError):
        doc.title = "改"

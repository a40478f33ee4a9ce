import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from disclosure.annual_report import (
    TABLE3_COLUMNS,
    TABLE3_ROWS,
    TABLE4_COLUMNS,
    AnnualData,
    AnnualDataError,
    AppealKind,
    AppealRecord,
    AppealResult,
    CatalogueRecord,
    LedgerError,
    LedgerRecord,
    ProcessingFees,
    build_report,
    build_table3,
    build_table4,
    check_table3,
    document_counts,
    load_annual_data,
    parse_annual_data,
    render_markdown,
    table3_problems,
)
from disclosure.annual_report.documents import annual_data_path
from disclosure.outcomes import OUTCOME_CODES

P, B, R, W, L, X = "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"
CYCLE = (P, B, R, W, L, X)


def d(text):
    return date.fromisoformat(text)


def ledger():
    """A two-year ledger for one agency, every outcome and applicant category."""
    records = [
        # Received in 2025 and open on 1 January 2026: carried into 2026.
        LedgerRecord(d("2025-11-10"), d("2026-01-05"), P, "disclosed", "A1"),
        LedgerRecord(d("2025-12-20"), d("2026-02-10"), B, "withheld_third_party", "A2"),
        LedgerRecord(d("2025-12-28"), d("2026-01-01"), R, "other", "A3-withdrawn"),
        LedgerRecord(d("2025-12-29"), None, P, None, "A4-open-two-years"),
        # Closed in 2025: no part of 2026.
        LedgerRecord(d("2025-06-01"), d("2025-06-20"), P, "disclosed", "B1"),
        LedgerRecord(d("2025-12-30"), d("2025-12-31"), L, "not_processed_repeated", "B2"),
        # Received in 2027: no part of 2026.
        LedgerRecord(d("2027-01-02"), None, X, None, "B3"),
        # Received in 2026 and open on 31 December: carried out of 2026.
        LedgerRecord(d("2026-12-15"), None, W, None, "C1"),
        LedgerRecord(d("2026-12-20"), d("2027-01-10"), L, "disclosed", "C2"),
        LedgerRecord(d("2026-12-31"), None, X, None, "C3"),
        # A second abandonment (no correction) by a natural person.
        LedgerRecord(d("2026-03-01"), d("2026-04-15"), P, "other_no_correction", "D1"),
    ]
    # One request per outcome, received and closed in 2026, categories in turn.
    for i, code in enumerate(OUTCOME_CODES):
        received = d("2026-02-01") + timedelta(days=i)
        records.append(
            LedgerRecord(received, received + timedelta(days=10), CYCLE[i % 6], code, f"N{i}")
        )
    return records


# Every cell of table 三 for 2026, worked out by hand from the ledger above.
EXPECTED_2026 = [
    [5, 4, 4, 4, 4, 4, 25],  # 一、本年新收
    [2, 1, 1, 0, 0, 0, 4],  # 二、上年结转 (A1-A4)
    [2, 0, 0, 0, 0, 0, 2],  # （一）予以公开 (N0, A1)
    [0, 1, 0, 0, 0, 0, 1],  # （二）部分公开
    [0, 0, 1, 0, 0, 0, 1],  # （三）1.国家秘密
    [0, 0, 0, 1, 0, 0, 1],  # 2.法律行政法规禁止
    [0, 0, 0, 0, 1, 0, 1],  # 3.三安全一稳定
    [0, 1, 0, 0, 0, 1, 2],  # 4.第三方合法权益 (N5, A2)
    [1, 0, 0, 0, 0, 0, 1],  # 5.内部事务
    [0, 1, 0, 0, 0, 0, 1],  # 6.过程性信息
    [0, 0, 1, 0, 0, 0, 1],  # 7.行政执法案卷
    [0, 0, 0, 1, 0, 0, 1],  # 8.行政查询事项
    [0, 0, 0, 0, 1, 0, 1],  # （四）1.不掌握
    [0, 0, 0, 0, 0, 1, 1],  # 2.另行制作
    [1, 0, 0, 0, 0, 0, 1],  # 3.补正后仍不明确
    [0, 1, 0, 0, 0, 0, 1],  # （五）1.信访举报投诉
    [0, 0, 1, 0, 0, 0, 1],  # 2.重复申请
    [0, 0, 0, 1, 0, 0, 1],  # 3.公开出版物
    [0, 0, 0, 0, 1, 0, 1],  # 4.大量反复申请
    [0, 0, 0, 0, 0, 1, 1],  # 5.确认或重新出具
    [2, 0, 0, 0, 0, 0, 2],  # （六）1.逾期不补正 (N18, D1)
    [0, 1, 0, 0, 0, 0, 1],  # 2.逾期未缴费
    [0, 0, 2, 0, 0, 0, 2],  # 3.其他 (N20, A3 withdrawn)
    [6, 5, 5, 3, 3, 3, 25],  # （七）总计
    [1, 0, 0, 1, 1, 1, 4],  # 四、结转下年度 (A4, C1, C2, C3)
]


def test_table3_has_the_official_rows_and_columns():
    assert len(TABLE3_ROWS) == 25
    assert TABLE3_ROWS[0] == "一、本年新收政府信息公开申请数量"
    assert TABLE3_ROWS[1] == "二、上年结转政府信息公开申请数量"
    assert TABLE3_ROWS[2] == "（一）予以公开"
    assert TABLE3_ROWS[4] == "1.属于国家秘密"
    assert TABLE3_ROWS[22] == "3.其他"
    assert TABLE3_ROWS[23:] == ("（七）总计", "四、结转下年度继续办理")
    assert TABLE3_COLUMNS == (P, B, R, W, L, X, "总计")


@pytest.mark.parametrize(("i", "label"), list(enumerate(TABLE3_ROWS)))
def test_every_cell_of_2026(i, label):
    assert list(build_table3(ledger(), 2026).row(label)) == EXPECTED_2026[i]


def test_2026_is_consistent():
    table = build_table3(ledger(), 2026)
    assert table3_problems(table) == []
    check_table3(table)


def test_carried_out_of_2025_is_carried_into_2026():
    t2025, t2026 = build_table3(ledger(), 2025), build_table3(ledger(), 2026)
    assert t2025.row("四、结转下年度继续办理") == t2026.row("二、上年结转政府信息公开申请数量")
    assert list(t2025.row("一、本年新收政府信息公开申请数量")) == [3, 1, 1, 0, 1, 0, 6]
    assert list(t2025.row("（七）总计")) == [1, 0, 0, 0, 1, 0, 2]
    assert table3_problems(t2025) == []


def test_2027_carries_in_what_2026_left_open():
    t2027 = build_table3(ledger(), 2027)
    assert list(t2027.row("二、上年结转政府信息公开申请数量")) == [1, 0, 0, 1, 1, 1, 4]
    assert list(t2027.row("（一）予以公开")) == [0, 0, 0, 0, 1, 0, 1]
    assert list(t2027.row("四、结转下年度继续办理")) == [1, 0, 0, 1, 0, 2, 4]


def test_cells_trace_back_to_requests():
    table = build_table3(ledger(), 2026)
    row = TABLE3_ROWS.index("（一）予以公开")
    assert table.sources[row][0] == ("A1", "N0")
    assert table.sources[TABLE3_ROWS.index("3.其他")][2] == ("A3-withdrawn", "N20")


def test_to_dict_is_the_api_shape():
    data = build_table3(ledger(), 2026).to_dict()
    assert data["columns"] == [P, B, R, W, L, X, "总计"]
    assert [r["label"] for r in data["rows"]] == list(TABLE3_ROWS)
    assert [r["values"] for r in data["rows"]] == EXPECTED_2026
    json.dumps(data)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (LedgerRecord(d("2026-01-05"), None, "个体户", None, "X"), "申请人类别"),
        (LedgerRecord(d("2026-01-05"), d("2026-01-09"), P, None, "X"), "同时填写"),
        (LedgerRecord(d("2026-01-05"), None, P, "disclosed", "X"), "同时填写"),
        (LedgerRecord(d("2026-01-05"), d("2026-01-04"), P, "disclosed", "X"), "早于"),
        (LedgerRecord(d("2026-01-05"), d("2026-01-09"), P, "granted", "X"), "未知的办理结果"),
    ],
)
def test_bad_ledger_records_are_named(record, message):
    with pytest.raises(LedgerError, match=message) as info:
        build_table3([*ledger(), record], 2026)
    assert info.value.problems[0].startswith("X：")


def test_consistency_check_catches_each_rule():
    table = build_table3(ledger(), 2026)
    values = [list(v) for v in table.values]
    values[0][0] += 1  # 一 no longer matches, and its 总计 no longer adds up
    values[2][1] += 1  # an outcome row no longer sums into （七）
    broken = replace(table, values=tuple(tuple(v) for v in values))
    problems = table3_problems(broken)
    assert "“自然人”列：第一项加第二项之和不等于第三项（七）加第四项之和" in problems
    assert "“商业企业”列：（七）总计不等于各办理结果之和" in problems
    assert "“一、本年新收政府信息公开申请数量”行：总计不等于各类申请人之和" in problems
    with pytest.raises(LedgerError):
        check_table3(broken)


def catalogue():
    return [
        CatalogueRecord("规章", d("2024-05-01"), "有效", None, "R1"),
        CatalogueRecord("规章", d("2026-03-01"), "有效", None, "R2"),
        CatalogueRecord("规章", d("2020-01-01"), "废止", d("2026-06-30"), "R3"),
        CatalogueRecord("行政规范性文件", d("2026-01-10"), "有效", None, "N1"),
        CatalogueRecord("行政规范性文件", d("2026-02-01"), "废止", d("2026-11-01"), "N2"),
        CatalogueRecord("行政规范性文件", d("2023-01-01"), "失效", d("2027-01-01"), "N3"),
        CatalogueRecord("行政规范性文件", d("2022-01-01"), "失效", None, "N4"),
        CatalogueRecord("规范性文件", d("2025-05-05"), "有效", None, "N5"),
        CatalogueRecord("行政规范性文件", d("2027-01-05"), "有效", None, "N6"),
        CatalogueRecord("通知", d("2026-04-01"), "有效", None, "X1"),
    ]


def test_table2_document_counts():
    counts = document_counts(catalogue(), 2026)
    assert (counts["规章"].made, counts["规章"].repealed, counts["规章"].in_force) == (1, 1, 2)
    docs = counts["行政规范性文件"]
    assert (docs.made, docs.repealed, docs.in_force) == (2, 1, 3)


def test_table2_counts_for_2027():
    docs = document_counts(catalogue(), 2027)["行政规范性文件"]
    assert (docs.made, docs.repealed, docs.in_force) == (1, 1, 3)


GOOD_YAML = """\
agency: czj
year: 2026
licensing: 1280
penalties: 46
coercive_measures: 0
fee_income_wan_yuan: 12.3456
"""


def test_annual_data_file_is_read(tmp_path):
    path = annual_data_path(tmp_path, "czj", 2026)
    assert path == tmp_path / "annual-data" / "czj" / "2026.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(GOOD_YAML, encoding="utf-8")
    assert load_annual_data(path, "czj", 2026) == AnnualData(1280, 46, 0, Decimal("12.3456"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"licensing": -1}, "licensing（第二十条第（五）项行政许可）必须是非负整数"),
        ({"penalties": "46"}, "penalties"),
        ({"coercive_measures": True}, "coercive_measures"),
        ({"fee_income_wan_yuan": "1.23456"}, "最多4位小数"),
        ({"fee_income_wan_yuan": "十万"}, "fee_income_wan_yuan"),
        ({"agency": "zjj"}, "agency 应为 czj"),
        ({"year": 2025}, "year 应为 2026"),
        ({"licencing": 3}, "未知的字段：licencing"),
    ],
)
def test_annual_data_errors_are_in_chinese(change, message):
    data = {"agency": "czj", "year": 2026, "licensing": 1, "penalties": 2}
    data |= {"coercive_measures": 0, "fee_income_wan_yuan": "0"} | change
    with pytest.raises(AnnualDataError, match=message.replace("（", ".").replace("）", ".")):
        parse_annual_data(data, "czj", 2026)


def test_missing_fields_are_all_listed():
    with pytest.raises(AnnualDataError) as info:
        parse_annual_data({"agency": "czj", "year": 2026}, "czj", 2026)
    assert len(info.value.problems) == 4


@pytest.mark.parametrize(("text", "message"), [("licensing: [", "YAML 格式错误"), ("- 1", "映射")])
def test_bad_annual_data_files(tmp_path, text, message):
    path = tmp_path / "2026.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnnualDataError, match=message):
        load_annual_data(path, "czj", 2026)
    with pytest.raises(AnnualDataError, match="找不到"):
        load_annual_data(tmp_path / "none.yaml", "czj", 2026)


def appeals():
    rec, direct, after = (
        AppealKind.RECONSIDERATION,
        AppealKind.DIRECT_LAWSUIT,
        AppealKind.LAWSUIT_AFTER_RECONSIDERATION,
    )
    return [
        AppealRecord(rec, d("2026-03-01"), AppealResult.UPHELD, d("2026-05-01")),
        AppealRecord(rec, d("2026-04-01"), AppealResult.CORRECTED, d("2026-06-01")),
        AppealRecord(
            rec, d("2026-11-01"), AppealResult.UPHELD, d("2027-01-15")
        ),  # pending at 31/12
        AppealRecord(rec, d("2025-11-01"), AppealResult.UPHELD, d("2026-01-10")),  # filed in 2025
        AppealRecord(direct, d("2026-02-01"), AppealResult.OTHER, d("2026-08-01")),
        AppealRecord(direct, d("2026-09-01")),
        AppealRecord(after, d("2026-07-01"), AppealResult.UPHELD, d("2026-12-31")),
        AppealRecord(after, d("2026-10-01"), AppealResult.CORRECTED),
    ]


def test_table4_counts_cases_filed_in_the_year():
    table = build_table4(appeals(), 2026)
    assert list(table.values) == [1, 1, 0, 1, 3, 0, 0, 1, 1, 2, 1, 1, 0, 0, 2]
    assert len(TABLE4_COLUMNS) == 15
    assert TABLE4_COLUMNS[0] == "行政复议：结果维持"
    assert TABLE4_COLUMNS[9] == "行政诉讼（未经复议直接起诉）：总计"


def test_table4_for_2025():
    assert list(build_table4(appeals(), 2025).values) == [0, 0, 0, 1, 1] + [0] * 10


DATA = AnnualData(1280, 46, 0, Decimal("12.3456"))


def report(data=DATA, fees=None):
    return build_report(
        agency="czj",
        agency_name="云溪市财政局",
        year=2026,
        ledger=ledger(),
        catalogue=catalogue(),
        appeals=appeals(),
        data=data,
        fees=fees,
    )


def test_report_to_dict():
    data = report().to_dict()
    assert (data["year"], data["agency"]) == (2026, "czj")
    assert [r["values"] for r in data["table3"]["rows"]] == EXPECTED_2026
    blocks = data["table2"]["blocks"]
    assert [b["article"] for b in blocks] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert blocks[0]["rows"] == [
        {"label": "规章", "values": [1, 1, 2]},
        {"label": "行政规范性文件", "values": [2, 1, 3]},
    ]
    assert blocks[2]["rows"][1] == {"label": "行政强制", "values": [0]}
    assert blocks[3]["rows"][0] == {"label": "行政事业性收费", "values": ["12.3456"]}
    assert data["table4"]["values"] == [1, 1, 0, 1, 3, 0, 0, 1, 1, 2, 1, 1, 0, 0, 2]
    json.dumps(data, ensure_ascii=False)


def test_report_without_data_file_leaves_figures_empty():
    blocks = report(data=None).to_dict()["table2"]["blocks"]
    assert blocks[1]["rows"][0]["values"] == [None]


def render(**kw):
    return render_markdown(
        report(**kw), index_no="11341900003051047M/2027-00003", created=d("2027-01-20")
    )


def test_markdown_front_matter_follows_the_document_contract():
    head = render().split("\n\n")[0].splitlines()
    assert head == [
        "Title: 云溪市财政局2026年政府信息公开工作年度报告",
        "Date: 2027-01-20 09:00",
        "Created: 2027-01-20",
        "Agency: czj",
        "Category: 政府信息公开年报",
        "Kind: 报告",
        "Index_no: 11341900003051047M/2027-00003",
        "Summary: 云溪市财政局2026年政府信息公开工作年度报告，"
        "包括主动公开、依申请公开、行政复议和行政诉讼等情况。",
        "Status: draft",
    ]


def test_unwritten_sections_carry_the_marker_the_catalogue_refuses_to_publish():
    from disclosure.catalogue import DRAFT_MARKER

    assert render().count(DRAFT_MARKER) == 4  # 总体情况, 问题, 收费 (no fee data), 其他事项


def test_markdown_has_the_six_sections_in_order():
    text = render()
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## 一、总体情况",
        "## 二、主动公开政府信息情况",
        "## 三、收到和处理政府信息公开申请情况",
        "## 四、政府信息公开行政复议、行政诉讼情况",
        "## 五、存在的主要问题及改进情况",
        "## 六、其他需要报告的事项",
    ]
    assert text.count("【待编辑填写】") == 4  # 一, 五, 六 (other matters) and 六 (fees unknown)


def test_markdown_reports_fees_charged():
    text = render(fees=ProcessingFees(notices=2, paid=1, amount_yuan=Decimal(300)))
    assert "发出收费通知2件，申请人缴费1件，共收取信息处理费300元。" in text
    assert "未收取信息处理费" in render(fees=ProcessingFees(0, 0, Decimal(0)))


def grid_widths(table):
    """Return the number of grid columns each row occupies, following rowspans."""
    carry, widths = [], []
    for tr in table.find_all("tr"):
        width = sum(1 for c in carry if c > 0)
        carry = [c - 1 for c in carry if c > 1]
        for cell in tr.find_all(["td", "th"]):
            span, down = int(cell.get("colspan", 1)), int(cell.get("rowspan", 1))
            width += span
            carry += [down - 1] * span if down > 1 else []
        widths.append(width)
    return widths


@pytest.mark.parametrize(
    ("css", "rows", "width"),
    [("annual-table-2", 14, 4), ("annual-table-3", 28, 10), ("annual-table-4", 4, 15)],
)
def test_markdown_tables_are_well_formed(css, rows, width):
    soup = BeautifulSoup(render(), "html.parser")
    table = soup.find("table", class_=css)
    assert grid_widths(table) == [width] * rows


def test_markdown_table3_cells_match_the_report():
    soup = BeautifulSoup(render(), "html.parser")
    body = soup.find("table", class_="annual-table-3").find_all("tr")[3:]
    assert [[int(td.text) for td in tr.find_all("td")] for tr in body] == EXPECTED_2026
    assert [tr.find_all("th")[-1].text for tr in body][:3] == list(TABLE3_ROWS[:3])


def test_markdown_checks_the_index_year_and_takes_the_publication_time():
    with pytest.raises(ValueError, match="年份"):
        render_markdown(report(), index_no="X/2026-00001", created=d("2027-01-20"))
    text = render_markdown(
        report(),
        index_no="X/2027-00001",
        created=d("2027-01-20"),
        published=datetime(2027, 1, 21, 10, 30),
    )
    assert "Date: 2027-01-21 10:30" in text


def test_markdown_survives_the_markdown_reader():
    markdown = pytest.importorskip("markdown")
    body = render().split("\n\n", 1)[1]
    html = markdown.markdown(body, extensions=["extra"])
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.find_all("table")) == 3
    assert len(soup.find("table", class_="annual-table-3").find_all("tr")) == 28

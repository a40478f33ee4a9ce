"""Annual report 2026 of czj from a 2025-2026 ledger: API cell by cell, CLI page for the site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import time_machine
from annual_ledger import build_ledger, record_appeals, write_catalogue
from request_samples import at

from disclosure.annual_report import TABLE3_ROWS

COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
ZERO = [0] * 7
# Every row of table 三 for czj in 2026, by hand from annual_ledger.py.
EXPECTED_TABLE3 = {
    "一、本年新收政府信息公开申请数量": [4, 2, 1, 1, 1, 1, 10],
    "二、上年结转政府信息公开申请数量": [1, 1, 0, 0, 1, 0, 3],
    "（一）予以公开": [1, 0, 0, 0, 1, 0, 2],
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [1, 0, 0, 0, 0, 0, 1],
    "1.属于国家秘密": [0, 0, 1, 0, 0, 0, 1],
    "2.其他法律行政法规禁止公开": ZERO,
    "3.危及“三安全一稳定”": ZERO,
    "4.保护第三方合法权益": ZERO,
    "5.属于三类内部事务信息": ZERO,
    "6.属于四类过程性信息": ZERO,
    "7.属于行政执法案卷": ZERO,
    "8.属于行政查询事项": ZERO,
    "1.本机关不掌握相关政府信息": [1, 0, 0, 0, 0, 0, 1],
    "2.没有现成信息需要另行制作": ZERO,
    "3.补正后申请内容仍不明确": ZERO,
    "1.信访举报投诉类申请": ZERO,
    "2.重复申请": [0, 1, 0, 0, 0, 0, 1],
    "3.要求提供公开出版物": ZERO,
    "4.无正当理由大量反复申请": ZERO,
    "5.要求行政机关确认或重新出具已获取信息": ZERO,
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": [0, 0, 0, 1, 0, 0, 1],
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": [
        0,
        0,
        0,
        0,
        0,
        1,
        1,
    ],
    "3.其他": [1, 1, 0, 0, 0, 0, 2],
    "（七）总计": [4, 2, 1, 1, 1, 1, 10],
    "四、结转下年度继续办理": [1, 1, 0, 0, 1, 0, 3],
}
EXPECTED_TABLE4 = [0, 1, 0, 1, 2, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1]


@pytest.fixture
def ledger(client, auth, app_config):
    auth.create("clerk", "clerk", ["czj"])
    write_catalogue(Path(app_config["CONTENT_DIR"]))
    ids = build_ledger(client, auth)
    record_appeals(client, auth, ids)
    return ids


def _report(client, headers, year=2026, agency="czj"):
    with time_machine.travel(at(2027, 1, 10), tick=False):
        return client.get(f"/api/v1/reports/annual/{year}?agency={agency}", headers=headers)


def test_annual_report_2026_every_cell(client, auth, ledger):
    response = _report(client, auth.headers("clerk"))
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert set(body) == {"year", "agency", "table2", "table3", "table4"}
    assert (body["year"], body["agency"]) == (2026, "czj")
    table3 = body["table3"]
    assert table3["columns"] == COLUMNS
    assert [row["label"] for row in table3["rows"]] == list(EXPECTED_TABLE3) == list(TABLE3_ROWS)
    for row in table3["rows"]:
        assert row["values"] == EXPECTED_TABLE3[row["label"]], row["label"]
    assert body["table4"]["values"] == EXPECTED_TABLE4
    blocks = body["table2"]["blocks"]
    assert blocks[0]["rows"] == [
        {"label": "规章", "values": [1, 0, 1]},
        {"label": "行政规范性文件", "values": [1, 1, 1]},
    ]
    assert [b["rows"][0]["values"] for b in blocks[1:]] == [[12], [3], ["0.5"]]
    assert blocks[2]["rows"][1] == {"label": "行政强制", "values": [1]}


def test_table3_consistency_rules_hold(client, auth, ledger):
    rows = {
        r["label"]: r["values"]
        for r in _report(client, auth.headers("clerk")).get_json()["table3"]["rows"]
    }
    outcome_rows = list(rows)[2:-2]
    for j in range(7):
        assert (
            rows["一、本年新收政府信息公开申请数量"][j]
            + rows["二、上年结转政府信息公开申请数量"][j]
            == rows["（七）总计"][j] + rows["四、结转下年度继续办理"][j]
        )
        assert rows["（七）总计"][j] == sum(rows[label][j] for label in outcome_rows)
    for values in rows.values():
        assert values[6] == sum(values[:6])


def test_annual_report_2025_counts_what_was_open_at_its_end(client, auth, ledger):
    rows = {
        r["label"]: r["values"]
        for r in _report(client, auth.headers("clerk"), 2025).get_json()["table3"]["rows"]
    }
    assert rows["一、本年新收政府信息公开申请数量"] == [2, 1, 0, 0, 1, 0, 4]
    assert rows["（一）予以公开"] == [1, 0, 0, 0, 0, 0, 1]
    assert rows["四、结转下年度继续办理"] == [1, 1, 0, 0, 1, 0, 3]


def test_api_refuses_without_auth_and_other_agencies(client, auth):
    auth.create("clerk", "clerk", ["czj"])
    auth.create("szf-clerk", "clerk", ["szf"])
    assert _report(client, {}).status_code == 401
    assert _report(client, auth.headers("szf-clerk")).status_code == 404
    missing = _report(client, auth.headers("clerk"), agency="")
    assert missing.status_code == 400 and "agency" in missing.get_json()["error"]
    assert _report(client, auth.headers("clerk"), agency="nope").status_code == 400
    future = _report(client, auth.headers("clerk"), year=2030)
    assert future.status_code == 400 and "年份" in future.get_json()["error"]


def test_api_accepts_a_staff_session(client, auth):
    auth.create("clerk", "clerk", ["czj"])
    with time_machine.travel(at(2027, 1, 10), tick=False):
        auth.login("clerk")
        response = client.get("/api/v1/reports/annual/2026?agency=czj")
    assert response.status_code == 200
    assert response.get_json()["table3"]["rows"][0]["values"] == ZERO


def test_bad_annual_data_file_is_a_clear_409(client, auth, app_config):
    auth.create("clerk", "clerk", ["czj"])
    folder = Path(app_config["CONTENT_DIR"]) / "annual-data" / "czj"
    folder.mkdir(parents=True)
    (folder / "2026.yaml").write_text("agency: czj\nyear: 2026\nlicensing: many\n", "utf-8")
    response = _report(client, auth.headers("clerk"))
    assert response.status_code == 409
    assert any("licensing" in p for p in response.get_json()["problems"])


def _cli(runner, *args):
    with time_machine.travel(at(2027, 1, 10), tick=False):
        return runner.invoke(args=["annual-report", *args])


def test_cli_writes_a_page_the_content_check_accepts(runner, ledger, app_config):
    from sitetools.check import run_check

    content = Path(app_config["CONTENT_DIR"])
    result = _cli(runner, "2026", "--agency", "czj")
    assert result.exit_code == 0, result.output
    page = content / "documents" / "czj" / "annual-report-2026.md"
    text = page.read_text(encoding="utf-8")
    assert "Title: 云溪市财政局2026年政府信息公开工作年度报告" in text
    assert "Category: 政府信息公开年报" in text and "Kind: 报告" in text
    assert "Index_no: 11341900003051047M/2027-00001" in text
    assert "Created: 2027-01-10" in text
    assert "<th>1.属于国家秘密</th><td>0</td><td>0</td><td>1</td>" in text
    assert '<th colspan="3">一、本年新收政府信息公开申请数量</th><td>4</td><td>2</td>' in text
    assert "发出收费通知2件，申请人缴费1件，共收取信息处理费200元" in text
    for heading in ("一、总体情况", "三、收到和处理政府信息公开申请情况", "六、其他需要报告的事项"):
        assert f"## {heading}" in text
    repo = Path(__file__).resolve().parents[2]
    assert "Status: draft" in text  # not published until the narrative is written
    assert run_check(str(repo / "pelicanconf.py"), content=str(content)) == 0
    edited = re.sub(r"【待编辑填写】（[^）]*）", "本年度无其他需要报告的事项。", text)
    page.write_text(edited.replace("Status: draft\n", ""), encoding="utf-8")
    assert run_check(str(repo / "pelicanconf.py"), content=str(content)) == 0
    page.write_text(text.replace("Status: draft\n", ""), encoding="utf-8")  # published unedited
    assert run_check(str(repo / "pelicanconf.py"), content=str(content)) == 1


def test_cli_keeps_the_index_number_when_forced_and_refuses_to_overwrite(
    runner, ledger, app_config
):
    assert _cli(runner, "2026", "--agency", "czj").exit_code == 0
    again = _cli(runner, "2026", "--agency", "czj")
    assert again.exit_code != 0 and "--force" in again.output
    forced = _cli(runner, "2026", "--agency", "czj", "--force")
    assert forced.exit_code == 0
    page = Path(app_config["CONTENT_DIR"]) / "documents" / "czj" / "annual-report-2026.md"
    assert "Index_no: 11341900003051047M/2027-00001" in page.read_text(encoding="utf-8")


def test_cli_unknown_agency(runner):
    result = _cli(runner, "2026", "--agency", "nope")
    assert result.exit_code != 0 and "未知的机关代码" in result.output

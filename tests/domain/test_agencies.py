"""The agencies registry: loading, required fields, uniqueness."""

from __future__ import annotations

import dataclasses

import pytest

from disclosure.agencies import AgencyError, by_code, load_agencies, parse_agencies

ENTRY = {
    "code": "czj",
    "name": "云溪市财政局",
    "short_name": "市财政局",
    "index_prefix": "11341900003051047M",
    "office": "云溪市财政局政府信息公开工作办公室",
    "address": "云溪市溪城区淮河路216号",
    "postcode": "236100",
    "office_hours": "工作日上午8:30—12:00",
    "phone": "0558-3045120",
    "fax": "0558-3045122",
    "email": "gk@czj.yunxi.gov.cn",
    "web": "https://czj.yunxi.gov.cn",
}


def test_loads_agencies_into_frozen_dataclasses(tmp_path):
    path = tmp_path / "agencies.yaml"
    path.write_text("- code: czj\n  name: 云溪市财政局\n  index_prefix: 11341900003051047M\n"
                    "  office: 办公室\n  address: 淮河路\n  office_hours: 工作日\n"
                    "  phone: 0558-3045120\n  email: gk@czj.yunxi.gov.cn\n  postcode: 236100\n",
                    encoding="utf-8")  # fmt: skip
    (agency,) = load_agencies(path)
    assert agency.code == "czj" and agency.postcode == "236100"
    assert agency.label == "云溪市财政局"
    with pytest.raises(dataclasses.FrozenInstanceError):
        agency.name = "改"


def test_short_name_is_the_label():
    (agency,) = parse_agencies([ENTRY])
    assert agency.label == "市财政局"
    assert by_code((agency,))["czj"] is agency


@pytest.mark.parametrize(
    "key", ["code", "name", "index_prefix", "office", "address", "phone", "email"]
)
def test_missing_required_field_is_reported(key):
    entry = {k: v for k, v in ENTRY.items() if k != key}
    with pytest.raises(AgencyError) as caught:
        parse_agencies([entry], "agencies.yaml")
    assert caught.value.problems == [
        f"agencies.yaml 第1个机构，字段 {key}（{_label(key)}）：缺少必填字段"
    ]


def _label(key):
    from disclosure.agencies import FIELD_LABELS

    return FIELD_LABELS[key]


def test_duplicate_code_and_prefix_are_reported():
    with pytest.raises(AgencyError) as caught:
        parse_agencies([ENTRY, dict(ENTRY)])
    assert len(caught.value.problems) == 2


@pytest.mark.parametrize(
    ("key", "value"), [("code", "CZJ"), ("code", "财政"), ("index_prefix", "abc")]
)
def test_malformed_code_or_prefix_is_reported(key, value):
    with pytest.raises(AgencyError):
        parse_agencies([{**ENTRY, key: value}])


def test_unknown_field_is_reported():
    with pytest.raises(AgencyError, match="未知字段“telephone”"):
        parse_agencies([{**ENTRY, "telephone": "1"}])


def test_missing_file_and_bad_yaml_are_reported(tmp_path):
    with pytest.raises(AgencyError, match="找不到机构登记文件"):
        load_agencies(tmp_path / "none.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- code: [", encoding="utf-8")
    with pytest.raises(AgencyError, match="YAML 格式错误"):
        load_agencies(bad)


def test_empty_registry_is_reported():
    with pytest.raises(AgencyError, match="非空的机构列表"):
        parse_agencies([])

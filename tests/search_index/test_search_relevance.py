"""Relevance set over the sample content: the real site is built into a temporary folder once.

Each query names the documents (by title) it must find in the top 10; title queries also name the
document that must come first.
"""

from pathlib import Path

import pytest

from search_index import build_index, iter_site_pages, parse_query, search

ROOT = Path(__file__).resolve().parents[2]

# (query, title that must be first or None, titles that must be in the top 10)
RELEVANCE = [
    ("城市供水管理办法", "云溪市城市供水管理办法", []),
    ("电动自行车", "云溪市电动自行车停放充电安全管理规定", []),
    ("防汛抗旱应急预案", "云溪市防汛抗旱应急预案（2026年修订）", []),
    ("部门预算", "云溪市财政局2026年部门预算", []),
    ("部门决算", "云溪市财政局2025年部门决算", []),
    ("政府债务限额", "云溪市2026年政府债务限额及余额情况", []),
    ("大气污染防治", "云溪市2026年大气污染防治工作方案", []),
    ("环境空气质量", "2026年10月云溪市环境空气质量状况", []),
    ("长江大桥", "云溪市长江大桥北岸接线道路工程施工招标公告", []),
    ("市长", "云溪市长江大桥北岸接线道路工程施工招标公告", []),
    ("老旧小区改造", "云溪市2026年城镇老旧小区改造计划", []),
    ("云财罚〔2026〕3号", "云溪市财政局行政处罚决定书（云财罚〔2026〕3号）", []),
    ("云环罚〔2026〕7号", "云溪市生态环境局行政处罚决定书（云环罚〔2026〕7号）", []),
    ("爆燃事故", "云溪市江北区云溪鑫泰新材料有限公司“8·16”较大爆燃事故调查报告", []),
    ("电梯伤人", "云溪市临江商业广场“10·3”电梯伤人事故调查报告", []),
    ("高处坠落", "云溪市溪城区“4·9”高处坠落事故调查报告", []),
    (
        "食品摊贩",
        "云溪市市场监督管理局关于印发《云溪市食品生产加工小作坊和食品摊贩管理办法》的通知",
        [],
    ),
    ("统计公报", "2025年云溪市国民经济和社会发展统计公报", []),
    ("十五个五年规划", "云溪市国民经济和社会发展第十五个五年规划纲要", []),
    ("重点项目投资计划", "云溪市2026年重点项目投资计划", []),
    ("李文涛", "云溪市人民政府关于李文涛等同志职务任免的通知", []),
    ("梅林苑", "梅林苑保障性租赁住房项目工程总承包（EPC）中标候选人公示", []),
    ("财政局政府信息公开指南", "云溪市财政局政府信息公开指南", []),
    ("经营主体", "2026年上半年云溪市经营主体发展情况", []),
    ("会计信息质量", "云溪市财政局关于2025年度会计信息质量检查结果的公告", []),
    ("征收土地预公告", "云溪市江北区人民政府征收土地预公告（2026年第4号）", []),
    ("居民生活用水", "云溪市人民政府办公室关于调整市区居民生活用水价格的通知", []),
    ("EPC", "梅林苑保障性租赁住房项目工程总承包（EPC）中标候选人公示", []),
    ("云政办〔2025〕31号", None, ["云溪市人民政府办公室关于调整市区居民生活用水价格的通知"]),
    ("11341900003051047M/2026-00002", None, ["云溪市财政局2026年部门预算"]),
    ("2026-00002", None, ["云溪市财政局2026年部门预算"]),
    ("PM2.5", None, ["2026年10月云溪市环境空气质量状况", "2025年云溪市生态环境状况公报"]),
    (
        "“三公”经费",
        None,
        [
            "云溪市2025年市级一般公共预算“三公”经费预算情况说明",
            "云溪市2025年度市级“三公”经费决算情况说明",
        ],
    ),
    ("征地补偿", None, ["江北区桃源镇2026年第4批次征地补偿安置方案公告"]),
    (
        "公共租赁住房",
        None,
        [
            "云溪市住房和城乡建设局关于印发《云溪市公共租赁住房管理办法》的通知",
            "云溪市2025年第二批公共租赁住房配租结果公示",
        ],
    ),
    ("依申请公开", None, ["依申请公开"]),
    (
        "食品安全监督抽检",
        None,
        [
            "云溪市市场监督管理局关于食品安全监督抽检信息的公告（2026年第9期）",
            "云溪市市场监督管理局关于印发《云溪市2026年食品安全监督抽检计划》的通知",
        ],
    ),
    (
        "集体土地 征收 补偿",
        None,
        ["云溪市人民政府关于印发《云溪市集体土地征收补偿安置办法》的通知"],
    ),
]


@pytest.fixture(scope="module")
def site_index(tmp_path_factory) -> Path:
    from sitetools.build import build_site

    tmp = tmp_path_factory.mktemp("relevance")
    status = build_site(str(ROOT / "pelicanconf.py"), str(tmp / "output"), str(ROOT / "content"))
    assert status == 0, "the sample site did not build"
    build_index(tmp / "index", iter_site_pages(tmp / "output"))
    return tmp / "index"


def test_relevance_set_is_large_enough():
    assert len(RELEVANCE) >= 30


@pytest.mark.parametrize(("q", "first", "top"), RELEVANCE, ids=[r[0] for r in RELEVANCE])
def test_expected_documents_rank_high(site_index, q, first, top):
    titles = [h.title for h in search(site_index, parse_query(q)).hits]
    if first is not None:
        assert titles and titles[0] == first, titles
    for title in top:
        assert title in titles, (title, titles)

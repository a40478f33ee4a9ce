"""Build tiny fixture sites from literal Markdown for the site tests."""

from __future__ import annotations

from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parents[2]

AGENCIES = """\
- code: czj
  name: 云溪市财政局
  short_name: 市财政局
  index_prefix: 11341900003051047M
  reply_prefix: 云财公复
  office: 云溪市财政局政府信息公开工作办公室
  address: 云溪市溪城区淮河路216号
  postcode: "236100"
  office_hours: 工作日上午8:30—12:00，下午14:30—17:30
  phone: 0558-3045120
  fax: 0558-3045122
  email: gk@czj.yunxi.gov.cn
  web: https://czj.yunxi.gov.cn
- code: sthjj
  name: 云溪市生态环境局
  short_name: 市生态环境局
  index_prefix: 11341900003051098X
  office: 云溪市生态环境局办公室
  address: 云溪市江北区滨江大道1号
  office_hours: 工作日上午8:30—12:00，下午14:30—17:30
  phone: 0558-3067231
  email: gk@sthjj.yunxi.gov.cn
- code: szf
  name: 云溪市人民政府办公室
  short_name: 市政府办公室
  index_prefix: 11341900003051020X
  office: 云溪市人民政府办公室政务公开科
  address: 云溪市溪城区南京路88号
  office_hours: 工作日上午8:30—12:00，下午14:30—17:30
  phone: 0558-3021006
  email: zwgk@szf.yunxi.gov.cn
"""

CZJ = "11341900003051047M"
STHJJ = "11341900003051098X"
SZF = "11341900003051020X"


def document(body: str = "正文第一段。\n\n正文第二段。", **fields: str) -> str:
    """Return Markdown with the given front matter (keys written as given)."""
    head = "\n".join(f"{key}: {value}" for key, value in fields.items())
    return f"{head}\n\n{body}\n"


def valid_fields(**changes: str) -> dict[str, str]:
    """Return the front matter of a valid document, with changes applied (None removes)."""
    fields = {
        "Title": "关于2026年市级预算公开的通知",
        "Date": "2026-03-10 09:30",
        "Created": "2026-03-05",
        "Agency": "czj",
        "Category": "财政资金",
        "Index_no": f"{CZJ}/2026-00001",
        "Summary": "公开2026年市级一般公共预算和政府性基金预算。",
    }
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


DOCUMENTS = {
    "czj/budget-2026.md": valid_fields(
        Key_area="fiscal", Doc_no="云财〔2026〕12号", Topic="财政、金融、审计\\财政", Kind="通知"
    ),
    "czj/final-2025.md": valid_fields(
        Title="2025年市级决算公开",
        Date="2025-08-20",
        Created="2025-08-10",
        Index_no=f"{CZJ}/2025-00007",
        Summary="公开2025年市级决算和“三公”经费 & 说明。",
        Key_area="fiscal",
        Kind="报告",
    ),
    "czj/fee-old.md": valid_fields(
        Title="行政事业性收费目录清单（2024年版）",
        Date="2025-01-08",
        Created="2025-01-03",
        Index_no=f"{CZJ}/2025-00001",
        Category="政策文件",
        Key_area="prices",
        Validity="废止",
        Repealed="2026-01-01",
        Summary="公布全市行政事业性收费目录清单。",
    ),
    "sthjj/air-2026-09.md": valid_fields(
        Title="2026年9月环境空气质量状况",
        Date="2026-10-12 10:00",
        Created="2026-10-09",
        Agency="sthjj",
        Category="统计信息",
        Index_no=f"{STHJJ}/2026-00003",
        Key_area="environment",
        Summary="9月优良天数比例90.3%，PM2.5平均浓度27微克/立方米。",
    ),
    "sthjj/penalty.md": valid_fields(
        Title="行政处罚决定书（云环罚〔2026〕19号）",
        Date="2026-09-02",
        Created="2026-08-26",
        Agency="sthjj",
        Category="行政处罚",
        Index_no=f"{STHJJ}/2026-00002",
        Summary="对一家企业超标排放作出罚款决定。",
        Privacy_allow="法定代表人联系电话经本人同意公开",
    ),
    "szf/report-2025.md": valid_fields(
        Title="云溪市人民政府2025年政府信息公开工作年度报告",
        Date="2026-03-20",
        Created="2026-03-16",
        Agency="szf",
        Category="政府信息公开年报",
        Index_no=f"{SZF}/2026-00004",
        Kind="报告",
        Summary="2025年度政府信息公开工作情况。",
    ),
}

# A withdrawn draft: validated and holding its index number, but not published.
DRAFT = {
    "czj/withdrawn.md": valid_fields(
        Title="已撤回的草稿", Index_no=f"{CZJ}/2026-00003", Status="draft", Summary="不应出现。"
    )
}

BODIES = {
    "sthjj/penalty.md": "当事人：云溪某化工有限公司，联系电话13812345678。\n\n罚款5.6万元。",
}

GUIDE = """Title: 云溪市财政局政府信息公开指南
Agency: czj
Date: 2026-01-05

## 一、公开范围

本机关主动公开的政府信息见[公开目录](/catalogue/agency/czj/)。
"""

PAGE = """Title: 关于本站
Slug: about

本站由云溪市人民政府办公室主办。
"""


def write_content(root: Path, documents: dict | None = None, bodies: dict | None = None) -> Path:
    """Write a content folder under root and return it."""
    content = root / "content"
    (content / "guides").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "agencies.yaml").write_text(AGENCIES, encoding="utf-8")
    (content / "guides" / "czj.md").write_text(GUIDE, encoding="utf-8")
    (content / "pages" / "about.md").write_text(PAGE, encoding="utf-8")
    bodies = BODIES if bodies is None else bodies
    for name, fields in ({**DOCUMENTS, **DRAFT} if documents is None else documents).items():
        path = content / "documents" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = document(bodies.get(name, "正文第一段。\n\n正文第二段。"), **fields)
        path.write_text(text, encoding="utf-8")
    return content


def build(content: Path, output: Path, **override) -> Path:
    """Run Pelican with the project settings on content and return the output folder."""
    settings = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "DISCLOSURE_CATALOGUE": {"per_page": 2},
        "CACHE_PATH": str(output.parent / "cache"),
        **override,
    }
    Pelican(settings=read_settings(str(ROOT / "pelicanconf.py"), override=settings)).run()
    return output

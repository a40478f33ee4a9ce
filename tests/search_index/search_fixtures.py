"""Literal document pages and Page records for the search index tests."""

from __future__ import annotations

from datetime import datetime

from search_index import Page


def doc_html(
    title: str,
    body_html: str,
    *,
    index_no: str = "11341900003051047M/2026-00001",
    agency_code: str = "czj",
    agency: str = "云溪市财政局",
    category: str = "政策文件",
    key_area: str = "",
    doc_no: str = "",
    pub_date: str = "2026-03-01 09:00",
) -> str:
    """Return a document page following the markup contract of docs/architecture.md."""
    metas = [
        ("ArticleTitle", title),
        ("PubDate", pub_date),
        ("ContentSource", agency),
        ("IndexNo", index_no),
        ("AgencyCode", agency_code),
        ("Category", category),
        ("KeyArea", key_area),
        ("DocNo", doc_no),
    ]
    head = "\n".join(f'<meta name="{n}" content="{v}">' for n, v in metas if v)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title} - 云溪市政府信息公开</title>
{head}</head>
<body><a class="skip-link" href="#main">跳到主要内容</a>
<header class="site-header"><div class="site-brand">云溪市政府信息公开</div>
<nav class="site-nav"><ul><li><a href="/">首页</a></li>
<li><a href="/catalogue/">公开目录</a></li></ul></nav>
<form class="site-search" action="/search" method="get" role="search"><input name="q"></form>
</header>
<main id="main"><nav class="breadcrumb">首页 › 公开目录</nav>
<h1>{title}</h1>
<table class="doc-meta"><tr><th>索引号</th><td>{index_no}</td></tr></table>
<div class="doc-body">{body_html}</div>
</main>
<footer class="site-footer"><p>主办单位：云溪市人民政府办公室</p></footer>
<script>var navigation = "导航脚本";</script>
</body></html>"""


def make_page(url: str, title: str, body: str, **fields: object) -> Page:
    """Return a Page with defaults for the fields a test does not care about."""
    fields.setdefault("pub_date", datetime(2026, 3, 1, 9, 0))
    fields.setdefault("agency_code", "czj")
    fields.setdefault("agency", "云溪市财政局")
    fields.setdefault("category", "政策文件")
    return Page(url=url, title=title, body=body, **fields)  # type: ignore[arg-type]

"""Feeds, open data and sitemap.xml of the fixture site."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import feedparser
import pytest
from sitefixture import CZJ, DOCUMENTS, STHJJ

INDEX_NUMBERS = sorted(fields["Index_no"] for fields in DOCUMENTS.values())


@pytest.mark.parametrize("name", ["all.atom.xml", "all.rss.xml"])
def test_site_feed_parses_with_stable_ids_and_china_dates(site, name):
    feed = feedparser.parse((site / "feeds" / name).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == len(DOCUMENTS)
    ids = {entry.id for entry in feed.entries}
    assert f"tag:www.yunxi.gov.cn,2026:doc/{CZJ}/2026-00001" in ids
    assert len(ids) == len(DOCUMENTS)


def test_atom_dates_carry_plus_0800(site):
    text = (site / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "<updated>2026-10-12T10:00:00+08:00</updated>" in text
    assert "<published>2026-03-10T09:30:00+08:00</published>" in text


def test_rss_dates_carry_plus_0800(site):
    text = (site / "feeds/all.rss.xml").read_text(encoding="utf-8")
    assert "<pubDate>Mon, 12 Oct 2026 10:00:00 +0800</pubDate>" in text


def test_feed_ids_do_not_change_between_builds(site, tmp_path):
    from sitefixture import build, write_content

    again = build(write_content(tmp_path), tmp_path / "output")
    first = feedparser.parse((site / "feeds/all.atom.xml").read_bytes())
    second = feedparser.parse((again / "feeds/all.atom.xml").read_bytes())
    assert [e.id for e in first.entries] == [e.id for e in second.entries]


@pytest.mark.parametrize(
    ("path", "count"),
    [
        ("feeds/area/fiscal.atom.xml", 2),
        ("feeds/area/fiscal.rss.xml", 2),
        ("feeds/area/housing.atom.xml", 0),
        ("feeds/agency/sthjj.atom.xml", 2),
        ("feeds/agency/czj.rss.xml", 3),
    ],
)
def test_area_and_agency_feeds(site, path, count):
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo
    assert len(feed.entries) == count


def test_feed_entry_links_to_the_document(site):
    feed = feedparser.parse((site / "feeds/agency/sthjj.atom.xml").read_bytes())
    links = {entry.link for entry in feed.entries}
    assert f"/doc/{STHJJ}-2026-00003/" in links


def test_csv_export_starts_with_bom_and_matches_documents(site):
    raw = (site / "data/catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert sorted(row["索引号"] for row in rows) == INDEX_NUMBERS
    row = next(r for r in rows if r["索引号"] == f"{CZJ}/2026-00001")
    assert row["名称"] == "关于2026年市级预算公开的通知"
    assert row["发布机构"] == "云溪市财政局"
    assert row["生成日期"] == "2026-03-05"
    assert row["发布日期"] == "2026-03-10 09:30"
    assert row["发文字号"] == "云财〔2026〕12号"
    assert row["内容概述"] == "公开2026年市级一般公共预算和政府性基金预算。"
    assert row["网址"] == f"/doc/{CZJ}-2026-00001/"


def test_json_export_matches_documents(site):
    data = json.loads((site / "data/catalogue.json").read_text(encoding="utf-8"))
    assert data["count"] == len(DOCUMENTS)
    assert sorted(d["index_no"] for d in data["documents"]) == INDEX_NUMBERS
    repealed = next(d for d in data["documents"] if d["index_no"] == f"{CZJ}/2025-00001")
    assert (repealed["validity"], repealed["repealed"]) == ("废止", "2026-01-01")
    assert repealed["summary"] == "公布全市行政事业性收费目录清单。"


def test_sitemap_xml_lists_every_document_with_absolute_urls(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    assert all(loc.startswith("https://www.yunxi.gov.cn/") for loc in locs)
    docs = [loc for loc in locs if "/doc/" in loc]
    assert len(docs) == len(set(docs)) == len(DOCUMENTS)
    assert "https://www.yunxi.gov.cn/guide/czj/" in locs


def test_production_settings_make_feed_and_export_links_absolute(tmp_path):
    from sitefixture import ROOT, build, write_content

    from sitetools.config import load_settings

    production = load_settings(ROOT / "publishconf.py")
    assert production["SITEURL"].startswith("https://")
    override = {key: production[key] for key in ("SITEURL", "FEED_DOMAIN")}
    site = build(write_content(tmp_path), tmp_path / "output", **override)
    feed = feedparser.parse((site / "feeds/all.atom.xml").read_bytes())
    assert all(entry.link.startswith(production["SITEURL"] + "/doc/") for entry in feed.entries)
    data = json.loads((site / "data/catalogue.json").read_text(encoding="utf-8"))
    assert all(d["url"].startswith(production["SITEURL"] + "/doc/") for d in data["documents"])


def test_large_sitemap_is_split_into_parts_under_an_index(tmp_path):
    from sitefixture import build, write_content

    site = build(write_content(tmp_path), tmp_path / "output", SITE_MAP={"max_urls": 10})
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.parse(site / "sitemap.xml").getroot()
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [loc.text.rsplit("/", 1)[1] for loc in index.findall("s:sitemap/s:loc", ns)]
    urls = [u for p in parts for u in ET.parse(site / p).getroot().findall("s:url/s:loc", ns)]
    assert len(parts) > 1 and len(parts) == -(-len(urls) // 10)
    assert len([u for u in urls if "/doc/" in u.text]) == len(DOCUMENTS)

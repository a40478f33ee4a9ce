"""Pelican settings for the 云溪市 government information disclosure site (development)."""

import os
import sys

# The plugins import the `disclosure` package from the project root, wherever pelican runs.
if os.path.dirname(os.path.abspath(__file__)) not in sys.path:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from disclosure import catalogue as _catalogue  # noqa: E402  (lower case: not a Pelican setting)

# --- Site identity (国办发〔2017〕47号 design rules: meta tags and footer) ---
SITENAME = "云溪市人民政府信息公开"
SITE_SHORTNAME = "云溪市政府信息公开"
SITE_DESCRIPTION = "云溪市人民政府及其部门依照《政府信息公开条例》主动公开政府信息的平台。"
SITE_KEYWORDS = "政府信息公开,公开指南,公开目录,依申请公开,政府信息公开年报,云溪市"
SITE_DOMAIN = "www.yunxi.gov.cn"
SITE_ID_CODE = "3419000001"  # 6-digit region code + 4 digits
SPONSOR = "云溪市人民政府办公室"
SPONSOR_CONTACT = "0558-3021006"
ICP_NO = "皖ICP备26000001号"
PSB_NO = "皖公网安备34190002000001号"
PSB_CODE = "34190002000001"
SITEURL = ""
RELATIVE_URLS = False

PATH = "content"
THEME = "theme"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-cn"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

# --- Content layout (docs/architecture.md) ---
ARTICLE_PATHS = ["documents"]
PAGE_PATHS = ["pages", "guides"]
STATIC_PATHS = ["images", "files"]
ARTICLE_URL = "doc/{slug}/"
ARTICLE_SAVE_AS = "doc/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
USE_FOLDER_AS_CATEGORY = False
SLUGIFY_SOURCE = "basename"

# --- Pelican's own listings and feeds are off: the plugins build O(N) catalogue pages ---
DIRECT_TEMPLATES = []
PAGINATED_TEMPLATES = {}
DEFAULT_PAGINATION = False
TAGS_SAVE_AS = ""
TAG_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
# One language: skip Pelican's translation matching, whose list scans are O(N^2) in 4.12
# (duplicate index numbers, hence duplicate slugs, are caught by the catalogue check).
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
ARTICLE_LANG_SAVE_AS = ""
PAGE_LANG_SAVE_AS = ""
FEED_ATOM = None
FEED_RSS = None
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

# --- Catalogue vocabulary (docs/architecture.md; name -> URL slug, slug -> name) ---
# The national categories and the eight key areas of 国办发〔2012〕26号 (disclosure/catalogue.py);
# a site may add categories here, e.g. DISCLOSURE_CATEGORIES["行政收费"] = "fees".
DISCLOSURE_CATEGORIES = dict(_catalogue.DEFAULT_CATEGORIES)
DISCLOSURE_KEY_AREAS = dict(_catalogue.DEFAULT_KEY_AREAS)

# --- Project plugins (one package each under plugins/) ---
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["disclosure_catalogue", "disclosure_feeds", "open_data", "site_map"]
DISCLOSURE_CATALOGUE = {"per_page": 20, "home_latest": 10, "area_latest": 10}
DISCLOSURE_FEEDS = {"max_items": 50}
OPEN_DATA = {"csv": "data/catalogue.csv", "json": "data/catalogue.json"}
SITE_MAP = {"xml": "sitemap.xml", "html": "sitemap/index.html"}

# Escape every value the templates print; document bodies are marked |safe where shown.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

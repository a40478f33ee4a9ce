"""Write sitemap.xml (split into parts above the protocol's 50,000 URLs) and /sitemap/."""

from __future__ import annotations

import logging
import os
from xml.sax.saxutils import escape

from pelican import signals
from pelican.generators import Generator

logger = logging.getLogger(__name__)

DEFAULTS = {"xml": "sitemap.xml", "html": "sitemap/index.html", "max_urls": 50000}
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def url_element(loc: str, lastmod: str = "") -> str:
    """Return one <url> element."""
    modified = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
    return f"<url><loc>{escape(loc)}</loc>{modified}</url>"


class SiteMapGenerator(Generator):
    """Writes the XML and HTML site maps."""

    def generate_context(self) -> None:
        """Nothing to collect: the catalogue plugin provides the entries."""

    def generate_output(self, writer) -> None:
        """Write both site maps."""
        catalogue = self.context.get("disclosure")
        if catalogue is None:
            logger.warning("未加载 disclosure_catalogue 插件，跳过网站地图生成")
            return
        conf = {**DEFAULTS, **self.settings.get("SITE_MAP", {})}
        self._write_xml(conf, list(self._urls(catalogue)))
        column = {
            "name": "网站地图",
            "description": "本网站栏目导航",
            "keywords": "网站地图",
            "type": "网站地图",
        }
        writer.write_file(
            conf["html"], self.get_template("sitemap"), self.context,
            page_title="网站地图", column=column,
        )  # fmt: skip

    def _urls(self, catalogue):
        """Yield (path, lastmod) for every page worth indexing."""
        latest = catalogue.latest_day.isoformat() if catalogue.latest_day else ""
        yield "", latest
        for listing in catalogue.listings.values():
            yield listing.facet.base, ""
        for slug in catalogue.key_areas:
            yield f"area/{slug}/", ""
        for path in ("guide/", "annual-reports/", "apply-guide/", "sitemap/"):
            yield path, ""
        for page in self.context.get("pages", []):
            yield page.url, page.date.strftime("%Y-%m-%d") if hasattr(page, "date") else ""
        for entry in catalogue.entries:
            yield entry.url, entry.pub_date

    def _write_xml(self, conf: dict, urls: list[tuple[str, str]]) -> None:
        """Write sitemap.xml, or a sitemap index with numbered parts when there are many URLs."""
        base = (self.settings.get("SITEURL") or f"https://{self.settings['SITE_DOMAIN']}").rstrip(
            "/"
        )
        lines = [url_element(f"{base}/{path}", lastmod) for path, lastmod in urls]
        size = conf["max_urls"]
        if len(lines) <= size:
            self._save(conf["xml"], f"<urlset {_NS}>\n" + "\n".join(lines) + "\n</urlset>\n")
            return
        stem = conf["xml"].removesuffix(".xml")
        parts = []
        for number, start in enumerate(range(0, len(lines), size), start=1):
            name = f"{stem}-{number}.xml"
            self._save(
                name, f"<urlset {_NS}>\n" + "\n".join(lines[start : start + size]) + "\n</urlset>\n"
            )
            parts.append(f"<sitemap><loc>{escape(base)}/{name}</loc></sitemap>")
        self._save(
            conf["xml"], f"<sitemapindex {_NS}>\n" + "\n".join(parts) + "\n</sitemapindex>\n"
        )

    def _save(self, name: str, body: str) -> None:
        """Write one XML file into the output."""
        path = os.path.join(self.output_path, name)
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(_HEAD + body)
        logger.info("Writing %s", path)


def get_generators(pelican_object) -> type[Generator]:
    """Return the site map generator."""
    return SiteMapGenerator


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.get_generators.connect(get_generators)

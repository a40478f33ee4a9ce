"""Write Atom and RSS feeds with stable tag: ids and +08:00 dates."""

from __future__ import annotations

import logging
import os

from feedgen.feed import FeedGenerator
from pelican import signals
from pelican.generators import Generator

logger = logging.getLogger(__name__)

DEFAULTS = {"max_items": 50, "path": "feeds", "tag_year": 2026}


def tag_uri(domain: str, year: int, specific: str) -> str:
    """Return a stable RFC 4151 tag: URI, e.g. tag:www.yunxi.gov.cn,2026:doc/X/2026-00001."""
    return f"tag:{domain},{year}:{specific}"


class FeedsGenerator(Generator):
    """Writes one Atom and one RSS feed per audience: all, each key area, each agency."""

    def generate_context(self) -> None:
        """Nothing to collect: the catalogue plugin provides the entries."""

    def generate_output(self, writer) -> None:
        """Write every feed."""
        catalogue = self.context.get("disclosure")
        if catalogue is None:
            logger.warning("未加载 disclosure_catalogue 插件，跳过订阅源生成")
            return
        conf = {**DEFAULTS, **self.settings.get("DISCLOSURE_FEEDS", {})}
        root = conf["path"]
        self._write(f"{root}/all", "最新信息", catalogue.entries, conf)
        for slug, name in catalogue.key_areas.items():
            entries = catalogue.listing("area", slug).entries
            self._write(f"{root}/area/{slug}", f"重点领域：{name}", entries, conf)
        for agency in catalogue.agencies:
            entries = catalogue.listing("agency", agency.code).entries
            self._write(f"{root}/agency/{agency.code}", agency.name, entries, conf)

    def _base(self) -> str:
        """Return the URL prefix for links: FEED_DOMAIN in production, else SITEURL."""
        return (self.settings.get("FEED_DOMAIN") or self.settings.get("SITEURL") or "").rstrip("/")

    def _feed(self, stem: str, title: str, entries: list, conf: dict) -> FeedGenerator:
        """Return a feed with its channel data filled in."""
        domain, base = self.settings["SITE_DOMAIN"], self._base()
        fg = FeedGenerator()
        fg.load_extension("dc", atom=False, rss=True)
        fg.id(tag_uri(domain, conf["tag_year"], stem))
        fg.title(f"{self.settings['SITENAME']}：{title}")
        fg.subtitle(f"{self.settings['SITENAME']}{title}订阅")
        fg.link(href=f"{base}/", rel="alternate")
        fg.language("zh-CN")
        fg.author({"name": self.settings.get("SPONSOR", self.settings["SITENAME"])})
        if entries:
            fg.updated(entries[0].doc.date)
        for entry in reversed(entries[: conf["max_items"]]):
            self._item(fg, entry, domain, base)
        return fg

    def _item(self, fg: FeedGenerator, entry, domain: str, base: str) -> None:
        """Add one catalogue entry to the feed."""
        doc = entry.doc
        fe = fg.add_entry()
        fe.id(tag_uri(domain, doc.created.year, f"doc/{doc.index_no}"))
        fe.guid(tag_uri(domain, doc.created.year, f"doc/{doc.index_no}"), permalink=False)
        fe.title(doc.title)
        fe.link(href=f"{base}/{entry.url}")
        fe.published(doc.date)
        fe.updated(doc.date)
        fe.author({"name": entry.agency.name})
        fe.summary(entry.summary_text)
        fe.category(term=doc.category)
        fe.dc.dc_identifier(doc.index_no)

    def _write(self, stem: str, title: str, entries: list, conf: dict) -> None:
        """Write the Atom and RSS versions of one feed."""
        fg = self._feed(stem, title, entries, conf)
        target = os.path.join(self.output_path, stem)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fg.atom_file(target + ".atom.xml", pretty=True)
        fg.rss_file(target + ".rss.xml", pretty=True)
        logger.info("Writing %s.{atom,rss}.xml", target)


def get_generators(pelican_object) -> type[Generator]:
    """Return the feeds generator."""
    return FeedsGenerator


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.get_generators.connect(get_generators)

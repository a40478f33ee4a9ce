"""Validate the documents and build the catalogue, key-area, guide and home pages."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import Generator

from disclosure.catalogue import DEFAULT_CATEGORIES, DEFAULT_KEY_AREAS, check_tree, index_slug

from .model import Entry, SiteCatalogue, plain_text
from .pages import write_pages

logger = logging.getLogger(__name__)

DEFAULTS = {
    "per_page": 20,
    "home_latest": 10,
    "area_latest": 10,
    "documents_dir": "documents",
    "guides_dir": "guides",
    "agencies_file": "agencies.yaml",
    "apply_guide_slug": "apply-guide",  # a page with this slug fills the application guide
}


class ContentError(Exception):
    """Raised when the content fails validation; the build stops before writing anything."""

    exitcode = 1


def plugin_settings(settings: dict) -> dict:
    """Return the plugin settings merged over the defaults."""
    return {**DEFAULTS, **settings.get("DISCLOSURE_CATALOGUE", {})}


def vocabulary(settings: dict) -> tuple[dict[str, str], dict[str, str]]:
    """Return the configured categories (name -> slug) and key areas (slug -> name)."""
    categories = dict(settings.get("DISCLOSURE_CATEGORIES") or DEFAULT_CATEGORIES)
    return categories, dict(settings.get("DISCLOSURE_KEY_AREAS") or DEFAULT_KEY_AREAS)


def set_locations(instance: object) -> None:
    """Give documents their index-number URL and guides their /guide/<code>/ URL."""
    conf = plugin_settings(instance.settings)
    relative = (instance.relative_source_path or "").replace("\\", "/")
    if isinstance(instance, Article) and instance.metadata.get("index_no"):
        instance.slug = index_slug(str(instance.metadata["index_no"]).strip())
    elif isinstance(instance, Page) and relative.startswith(conf["guides_dir"] + "/"):
        code = Path(relative).stem
        instance.guide_code = code
        instance.template = "guide"
        instance.override_url = f"guide/{code}/"
        instance.override_save_as = f"guide/{code}/index.html"
    elif isinstance(instance, Page) and instance.slug == conf["apply_guide_slug"]:
        instance.template = "apply_guide"


def drop_disabled_listings(generator) -> None:
    """Forget Pelican's tag/category/author groups whose pages are switched off.

    Pelican 4.12 builds each group's date list by scanning every article for every group
    (O(articles x group size)) even when *_SAVE_AS is empty; emptying the groups skips that.
    """
    settings = generator.settings
    if not settings.get("TAG_SAVE_AS"):
        generator.tags = {}
    if not settings.get("CATEGORY_SAVE_AS"):
        generator.categories = []
    if not settings.get("AUTHOR_SAVE_AS"):
        generator.authors = []


class CatalogueGenerator(Generator):
    """Checks every document, then writes the catalogue and the column pages.

    `python -m sitetools build` validates before running Pelican and hands its report over in
    the DISCLOSURE_VALIDATED_REPORT setting, so the content is not read twice.
    """

    def generate_context(self) -> None:
        """Validate the content and put the catalogue into the shared context."""
        conf = plugin_settings(self.settings)
        categories, key_areas = vocabulary(self.settings)
        report = self.settings.get("DISCLOSURE_VALIDATED_REPORT")
        if report is None:
            report = check_tree(
                self.path, categories, key_areas, conf["documents_dir"], conf["agencies_file"]
            )
            for problem in report.warnings:
                logger.warning("%s", problem)
        if report.errors:
            for problem in report.errors:
                logger.error("%s", problem)
            raise ContentError(f"内容检查发现 {len(report.errors)} 个错误，已停止构建")
        catalogue = SiteCatalogue(
            report.agencies, categories, key_areas, self._entries(report, key_areas, categories)
        )
        catalogue.guides = {
            p.guide_code: p for p in self.context.get("pages", []) if hasattr(p, "guide_code")
        }
        self.context["disclosure"] = catalogue
        self.context["DISCLOSURE_CATALOGUE"] = conf
        self.context["chrome"] = self._chrome()

    def _chrome(self) -> dict:
        """Render the site header (once per highlighted column) and footer once per build."""
        header = self.get_template("_header")
        columns = ("", "home", "guide", "catalogue", "areas", "apply", "reports")
        return {
            "header": {key: Markup(header.render(self.context, active=key)) for key in columns},
            "footer": Markup(self.get_template("_footer").render(self.context)),
        }

    def _entries(self, report, key_areas: dict, categories: dict) -> list[Entry]:
        """Join validated documents with the articles Pelican read."""
        base = Path(self.path).name
        articles = {f"{base}/{a.relative_source_path}": a for a in self.context["articles"]}
        agencies = {a.code: a for a in report.agencies}
        entries = []
        for doc in report.documents:
            article = articles.get(doc.path)
            if article is None:
                continue  # a draft or hidden document: validated but not published
            summary = article.summary
            doc = replace(doc, date=article.date)  # aware, in the site's TIMEZONE
            entry = Entry.build(
                doc, article.url, agencies[doc.agency], category_slug=categories[doc.category],
                key_area_name=key_areas.get(doc.key_area, ""), summary_html=summary,
                summary_text=plain_text(summary),
            )  # fmt: skip
            article.entry = entry
            entries.append(entry)
        return entries

    def generate_output(self, writer) -> None:
        """Write the home page, catalogue listings, key areas, guides and columns."""
        write_pages(self, writer)


def get_generators(pelican_object) -> type[Generator]:
    """Return the catalogue generator."""
    return CatalogueGenerator


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.content_object_init.connect(set_locations)
    signals.article_generator_finalized.connect(drop_disabled_listings)
    signals.get_generators.connect(get_generators)

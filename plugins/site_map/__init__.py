"""Site map: sitemap.xml for search engines and an HTML site map for people."""

from .sitemap import register

__all__ = ["register"]

"""Atom and RSS feeds with feedgen: site-wide, per key area and per agency."""

from .feeds import register

__all__ = ["register"]

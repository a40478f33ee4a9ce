"""Disclosure catalogue plugin: validation, catalogue listings, key areas, guides, home."""

from .catalogue import register

__all__ = ["register"]

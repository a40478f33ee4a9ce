"""Open data: the whole catalogue as CSV (UTF-8 with BOM) and JSON."""

from .exports import register

__all__ = ["register"]

"""Render letters to printable HTML (Jinja, agency overrides first) and to PDF (WeasyPrint)."""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from disclosure.fees import format_yuan
from disclosure.letters.context import LetterContext

logger = logging.getLogger(__name__)

SHIPPED_TEMPLATES = Path(__file__).parent / "templates"


def cn_date(day: date | None) -> str:
    """Format a date the way official letters do: 2026年3月2日."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


def paragraphs(text: str, css_class: str = "") -> Markup:
    """Escape plain text and turn each non-empty line into a paragraph."""
    attr = Markup(' class="{}"').format(css_class) if css_class else Markup("")
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return Markup("\n").join(Markup("<p{}>{}</p>").format(attr, escape(x)) for x in lines)


def yuan(amount: Decimal) -> str:
    """Format yuan for a letter."""
    return format_yuan(amount)


@lru_cache(maxsize=64)
def letter_environment(override_dir: str | None = None) -> SandboxedEnvironment:
    """Return a Jinja environment that looks in override_dir first, then the shipped templates.

    Agency templates are edited content, so they run sandboxed; every variable is autoescaped.
    """
    search = [override_dir] if override_dir else []
    env = SandboxedEnvironment(
        loader=FileSystemLoader([*search, str(SHIPPED_TEMPLATES)]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(cn_date=cn_date, paragraphs=paragraphs, yuan=yuan)
    return env


def agency_override_dir(root: Path | str | None, agency_code: str) -> str | None:
    """Return content/letters/<agency code> under root when it exists, else None."""
    if root is None:
        return None
    path = Path(root) / agency_code
    return str(path) if path.is_dir() else None


def render_html(ctx: LetterContext, override_root: Path | str | None = None) -> str:
    """Render a letter to a complete printable HTML page.

    Args:
        ctx: the letter's content.
        override_root: the folder holding one sub-folder of templates per agency code
            (content/letters); a template found there replaces the shipped one of the same name.
    """
    env = letter_environment(agency_override_dir(override_root, ctx.agency.code))
    template = env.select_template(ctx.template_names())
    logger.debug("rendering %s with %s", ctx.letter_number, template.name)
    return template.render(
        letter=ctx, agency=ctx.agency, basis=ctx.basis, remedies=ctx.remedies, fee=ctx.fee
    )


def html_to_pdf(html: str) -> bytes:
    """Convert a rendered letter to PDF bytes."""
    from weasyprint import HTML  # heavy; only the PDF path needs it

    return HTML(string=html, base_url=str(SHIPPED_TEMPLATES)).write_pdf()


def render_pdf(ctx: LetterContext, override_root: Path | str | None = None) -> bytes:
    """Render a letter straight to PDF bytes."""
    return html_to_pdf(render_html(ctx, override_root))

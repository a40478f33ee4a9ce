"""Reply letters and notices: context, numbering, HTML and PDF rendering."""

from disclosure.letters.context import (
    LetterContext,
    LetterError,
    Letterhead,
    NoticeKind,
    format_letter_number,
)
from disclosure.letters.render import (
    html_to_pdf,
    letter_environment,
    render_html,
    render_pdf,
)

__all__ = [
    "LetterContext",
    "LetterError",
    "Letterhead",
    "NoticeKind",
    "format_letter_number",
    "html_to_pdf",
    "letter_environment",
    "render_html",
    "render_pdf",
]

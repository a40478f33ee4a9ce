"""Escaped, highlighted text for result lists: matches wrapped in <mark>."""

import html
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

#: Characters shown in a snippet.
SNIPPET_CHARS = 120
_LEAD = 20
_WHITESPACE = re.compile(r"\s")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """Fold one character like analysis.normalize (whitespace becomes a space)."""
    return " " if ch.isspace() else unicodedata.normalize("NFKC", ch).lower()


@lru_cache(maxsize=512)
def _fold(text: str) -> tuple[str, list[int] | None]:
    """Return folded text and a map from folded to original offsets (None when identical)."""
    if unicodedata.is_normalized("NFKC", text):
        folded = text.lower()
    else:
        folded = unicodedata.normalize("NFKC", text).lower()
    if len(folded) == len(text):
        return _WHITESPACE.sub(" ", folded), None
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for c in _fold_char(ch):
            out.append(c)
            origin.append(i)
    return "".join(out), origin


def find_spans(text: str, terms: Sequence[str], limit: int = 200) -> list[tuple[int, int]]:
    """Return merged (start, end) offsets in text of every occurrence of the folded terms."""
    return _merge(_occurrences(text, terms, limit))


def _occurrences(text: str, terms: Sequence[str], limit: int) -> list[tuple[int, int]]:
    """Return sorted (start, end) offsets in text of the occurrences of the folded terms."""
    folded, origin = _fold(text)
    spans = []
    for term in terms:
        start = folded.find(term)
        while start >= 0 and len(spans) < limit:
            end = start + len(term)
            if origin is not None:
                spans.append((origin[start], origin[end - 1] + 1))
            else:
                spans.append((start, end))
            start = folded.find(term, start + 1)
    return sorted(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping or touching sorted spans."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark(
    text: str, spans: Sequence[tuple[int, int]], start: int = 0, end: int | None = None
) -> str:
    """Return text[start:end] HTML-escaped, with spans wrapped in <mark>."""
    end = len(text) if end is None else end
    out = []
    pos = start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    return "".join(out).replace("\n", " ")


def highlight(text: str, terms: Sequence[str]) -> str:
    """Return the whole of text escaped, every term occurrence marked."""
    return mark(text, find_spans(text, terms))


def snippet(text: str, terms: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """Return an escaped window of text around the densest group of matches, marked."""
    found = _occurrences(text, terms, 200)
    start = 0
    if found:
        best_i, best_n, j = 0, 0, 0
        for i, (s, _) in enumerate(found):
            while j < len(found) and found[j][0] < s + width - _LEAD:
                j += 1
            if j - i > best_n:
                best_i, best_n = i, j - i
        start = max(0, found[best_i][0] - _LEAD)
    spans = _merge(found)
    end = min(len(text), start + width)
    if end == len(text):
        start = max(0, end - width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + mark(text, spans, start, end) + suffix

"""Turn what a user typed into search terms; never raises a Whoosh syntax error.

Rules (documented for the search help text):
- Text is folded like the index (NFKC, lower case); control characters are removed.
- Every term matches the documents that contain it exactly (as a substring of the folded text).
- ``"..."`` (ASCII or full-width double quotes) is one term, spaces included; an unbalanced quote is
  ignored. Chinese quotes “” are ordinary characters.
- Outside quotes, whitespace separates terms; every term must occur (AND).
- Operator words ``AND``/``OR``/``NOT``, ``&&``, ``||``, wildcard and fuzzy characters ``* ? ~ ^``,
  leading ``+ - !``, field prefixes like ``title:`` and unbalanced ASCII brackets are dropped:
  everything else is literal text.
"""

import re
import unicodedata
from dataclasses import dataclass

from .analysis import normalize

#: Longest query accepted, in characters after trimming.
MAX_QUERY_CHARS = 100
#: Most terms used from one query.
MAX_TERMS = 10

_OPERATOR_WORDS = frozenset({"AND", "OR", "NOT", "&&", "||", "!"})
_WILDCARDS = str.maketrans("", "", "*?~^")
_FIELD_PREFIX = re.compile(r"^[a-z_]+:(?=.)")
_BRACKETS = ("()", "[]", "{}")


class QueryError(ValueError):
    """The query cannot be searched; the message is for the user, in Chinese."""


@dataclass(frozen=True)
class ParsedQuery:
    """Normalised terms to find (all of them) and the operator tokens that were dropped."""

    terms: tuple[str, ...]
    dropped: tuple[str, ...] = ()


def _clean_control(text: str) -> str:
    """Replace control and format characters by spaces."""
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)


def _unquoted_terms(chunk: str, dropped: list[str]) -> list[str]:
    """Split an unquoted chunk into literal terms, dropping operator syntax."""
    terms = []
    for word in chunk.split():
        if word in _OPERATOR_WORDS:
            dropped.append(word)
            continue
        term = _FIELD_PREFIX.sub("", word.lower()).translate(_WILDCARDS).lstrip("+-!")
        for pair in _BRACKETS:
            if term.count(pair[0]) != term.count(pair[1]):
                term = term.replace(pair[0], "").replace(pair[1], "")
        if term.strip():
            terms.append(term)
        elif word:
            dropped.append(word)
    return terms


def _dedupe(terms: list[str]) -> tuple[str, ...]:
    """Drop repeated terms and terms contained in another term (AND makes them redundant)."""
    unique = list(dict.fromkeys(terms))
    kept = [t for t in unique if not any(t != o and t in o for o in unique)]
    return tuple(kept[:MAX_TERMS])


def parse_query(raw: str) -> ParsedQuery:
    """Parse user input into terms; QueryError with a Chinese message when it cannot be used."""
    text = _clean_control(raw).strip()
    if "\ufffd" in text:
        raise QueryError("检索词包含无法识别的字符，请检查输入法或网址编码（应为 UTF-8）。")
    if not text:
        raise QueryError("请输入检索词。")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"检索词过长：最多 {MAX_QUERY_CHARS} 个字符，当前 {len(text)} 个。")
    text = unicodedata.normalize("NFKC", text)
    pieces = text.split('"')
    if len(pieces) % 2 == 0:  # unbalanced: the last quote is ignored
        pieces[-2:] = [pieces[-2] + " " + pieces[-1]]
    terms: list[str] = []
    dropped: list[str] = []
    for i, piece in enumerate(pieces):
        if i % 2:
            phrase = normalize(piece)
            if phrase:
                terms.append(phrase)
        else:
            terms.extend(_unquoted_terms(piece, dropped))
    if not terms:
        raise QueryError("检索词只包含检索运算符或通配符，请输入要查找的文字。")
    return ParsedQuery(terms=_dedupe(terms), dropped=tuple(dropped))

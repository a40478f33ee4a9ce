"""Chinese analysis: normalised text cut into overlapping character bigrams and unigrams.

Every character of the normalised text (CJK, Latin, digit, punctuation, single spaces) is one
position.
Bigrams at sequential positions make any substring of two or more characters a phrase of bigrams, so
a term that straddles word boundaries (市长 inside 云溪市长江大桥) is found; unigrams answer
one-character queries. Latin and digit runs go through the same scheme (lowercased, NFKC-folded), so
parts of index numbers and document numbers are found too. Unigrams are a Whoosh field; bigram
positions are numpy files beside each Whoosh segment (positions.py).
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

from ._whoosh import Frequency, Token, Tokenizer, pack_uint

_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold text for matching: NFKC, lower case, whitespace runs collapsed to one space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


def bigrams(text: str) -> list[str]:
    """Return the overlapping character bigrams of already normalised text, in order."""
    return [text[i : i + 2] for i in range(len(text) - 1)]


def unigrams(text: str) -> set[str]:
    """Return the distinct non-space characters of already normalised text."""
    return set(text) - {" "}


class UnigramTokenizer(Tokenizer):
    """Whoosh tokenizer yielding every non-space character of the normalised text."""

    def __call__(  # noqa: D102
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for i, ch in enumerate(normalize(value)):
            if ch == " ":
                continue
            token.text = ch
            token.boost = 1.0
            if positions:
                token.pos = start_pos + i
            if chars:
                token.startchar = start_char + i
                token.endchar = start_char + i + 1
            yield token


class UnigramFrequency(Frequency):
    """Frequency format that counts characters itself: the same postings as UnigramTokenizer."""

    def word_values(  # noqa: D102
        self, value: str, analyzer: object, **kwargs: object
    ) -> Iterator[tuple[str, int, float, bytes]]:
        counts = Counter(normalize(value))
        counts.pop(" ", None)
        boost = self.field_boost
        for word, freq in counts.items():
            yield word, freq, freq * boost, pack_uint(freq)

"""Chinese analysis: normalised text cut into overlapping character bigrams and unigrams.

Every character of the normalised text (CJK, Latin, digit, punctuation, single spaces) is one
position.
Bigrams at sequential positions make any substring of two or more characters a phrase of bigrams, so
a term that straddles word boundaries (市长 inside 云溪市长江大桥) is found; unigrams answer
one-character queries. Latin and digit runs go through the same scheme (lowercased, NFKC-folded), so
parts of index numbers and document numbers are found too.
"""

import re
import sys
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator

from ._whoosh import Frequency, Positions, Token, Tokenizer, pack_uint

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


class _CharTokenizer(Tokenizer):
    """Whoosh tokenizer over normalised text; subclasses say which pieces it yields, and where."""

    def pieces(self, text: str) -> Iterator[tuple[int, str]]:
        """Yield (character offset, piece) pairs of already normalised text."""
        raise NotImplementedError

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
        for i, piece in self.pieces(normalize(value)):
            token.text = piece
            token.boost = 1.0
            if positions:
                token.pos = start_pos + i
            if chars:
                token.startchar = start_char + i
                token.endchar = start_char + i + len(piece)
            yield token


class BigramTokenizer(_CharTokenizer):
    """Whoosh tokenizer yielding overlapping bigrams with sequential positions."""

    def pieces(self, text: str) -> Iterator[tuple[int, str]]:
        """Yield every overlapping bigram with its offset."""
        return enumerate(bigrams(text))


class UnigramTokenizer(_CharTokenizer):
    """Whoosh tokenizer yielding every non-space character (no positions needed)."""

    def pieces(self, text: str) -> Iterator[tuple[int, str]]:
        """Yield every non-space character with its offset."""
        return ((i, ch) for i, ch in enumerate(text) if ch != " ")


def encode_positions(positions: list[int]) -> bytes:
    """Encode positions as a uint count then little-endian uint32 values (decoded in C)."""
    values = array("I", positions)
    if sys.byteorder == "big":
        values.byteswap()
    return pack_uint(len(positions)) + values.tobytes()


def decode_positions(value: bytes) -> array:
    """Decode what encode_positions wrote."""
    values = array("I")
    values.frombytes(value[4:])
    if sys.byteorder == "big":
        values.byteswap()
    return values


class BigramPositions(Positions):
    """Positions format that cuts bigrams itself (the postings of BigramTokenizer, faster).

    Values are a uint count then raw uint32 positions rather than Whoosh's pickled deltas, so a
    phrase check decodes them in C.
    """

    def encode(self, poslist: list[int]) -> bytes:  # noqa: D102
        return encode_positions(poslist)

    def decode_positions(self, valuestring: bytes) -> list[int]:  # noqa: D102
        return list(decode_positions(valuestring))

    def word_values(  # noqa: D102
        self, value: str, analyzer: object, **kwargs: object
    ) -> Iterator[tuple[str, int, float, bytes]]:
        text = normalize(value)
        poses: defaultdict[str, list[int]] = defaultdict(list)
        for i in range(len(text) - 1):
            poses[text[i : i + 2]].append(i)
        boost = self.field_boost
        for word, poslist in poses.items():
            yield word, len(poslist), len(poslist) * boost, self.encode(poslist)


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

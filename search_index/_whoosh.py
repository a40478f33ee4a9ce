"""The only import point of Whoosh 2.7.4, with its known compile-time warnings filtered.

Whoosh 2.7.4 has regex literals with invalid escape sequences (DeprecationWarning, SyntaxWarning
on 3.12+) and an ``is`` comparison with a literal (SyntaxWarning). They are emitted when its
modules are compiled without cached bytecode; under ``-W error`` they would become SyntaxErrors,
so they are ignored here, narrowly, while Whoosh is imported. (pytest's ``ignore::SyntaxWarning:
whoosh.*`` does not catch them: compile-time warnings carry the file path, not the module name.)
"""

import pickle
import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=r"invalid escape sequence", category=SyntaxWarning)
    warnings.filterwarnings(
        "ignore", message=r"invalid escape sequence", category=DeprecationWarning
    )
    warnings.filterwarnings("ignore", message=r'"is" with a literal', category=SyntaxWarning)
    import whoosh.codec.whoosh3  # patched below (Whoosh itself imports it lazily)
    from whoosh import index, sorting
    from whoosh.analysis import StandardAnalyzer, Token, Tokenizer
    from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
    from whoosh.formats import Frequency
    from whoosh.index import EmptyIndexError, Index
    from whoosh.qparser import QueryParser
    from whoosh.query import And, Every, Not, Or, Phrase, Query, Term
    from whoosh.searching import Searcher
    from whoosh.system import pack_uint
    from whoosh.writing import IndexWriter


def _dumps(obj: object, protocol: int = 2) -> bytes:
    """Pickle like Whoosh's codec, but with protocol 4: bytes values load without a call each."""
    return pickle.dumps(obj, 4)


# Whoosh 2.7.4 pickles postings blocks with protocol 2, which stores every bytes value (one per
# posting: the positions) as a call to codecs.encode; protocol 4 loads about 7 times faster and is
# smaller. Only writing changes: loads() reads either protocol.
whoosh.codec.whoosh3.dumps = _dumps

__all__ = [
    "ID",
    "NUMERIC",
    "STORED",
    "StandardAnalyzer",
    "TEXT",
    "And",
    "EmptyIndexError",
    "Every",
    "Frequency",
    "Index",
    "IndexWriter",
    "Not",
    "Or",
    "Phrase",
    "Query",
    "QueryParser",
    "Schema",
    "Searcher",
    "Term",
    "Token",
    "Tokenizer",
    "index",
    "pack_uint",
    "sorting",
]

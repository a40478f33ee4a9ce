"""The only import point of Whoosh 2.7.4, with its known compile-time warnings filtered.

Whoosh 2.7.4 has regex literals with invalid escape sequences (DeprecationWarning, SyntaxWarning
on 3.12+) and an ``is`` comparison with a literal (SyntaxWarning). They are emitted when its
modules are compiled without cached bytecode; under ``-W error`` they would become SyntaxErrors,
so they are ignored here, narrowly, while Whoosh is imported. (pytest's ``ignore::SyntaxWarning:
whoosh.*`` does not catch them: compile-time warnings carry the file path, not the module name.)
"""

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=r"invalid escape sequence", category=SyntaxWarning)
    warnings.filterwarnings(
        "ignore", message=r"invalid escape sequence", category=DeprecationWarning
    )
    warnings.filterwarnings("ignore", message=r'"is" with a literal', category=SyntaxWarning)
    import whoosh.codec.whoosh3  # noqa: F401  (imported lazily by Whoosh when an index is opened)
    from whoosh import index, sorting
    from whoosh.analysis import StandardAnalyzer, Token, Tokenizer
    from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
    from whoosh.formats import Frequency, Positions
    from whoosh.index import EmptyIndexError, Index
    from whoosh.qparser import QueryParser
    from whoosh.query import And, Every, Not, Or, Phrase, Query, Term
    from whoosh.searching import Searcher
    from whoosh.system import pack_uint
    from whoosh.writing import IndexWriter

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
    "Positions",
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

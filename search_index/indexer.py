"""Incremental indexing of Page records, keyed by url and content hash."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import positions
from ._whoosh import Index
from .extract import Page
from .writer import (
    building_dir,
    create_index,
    index_exists,
    open_index,
    open_writer,
    replace_index,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildStats:
    """What one build did to the index."""

    added: int
    updated: int
    deleted: int
    unchanged: int

    @property
    def changed(self) -> bool:
        """Tell whether the build wrote anything."""
        return bool(self.added or self.updated or self.deleted)


def page_fields(page: Page) -> dict[str, object]:
    """Return the Whoosh document of a page (stored, column and unigram fields)."""
    date = page.pub_date
    fields: dict[str, object] = {
        "url": page.url,
        "content_hash": page.content_hash(),
        "title": page.title,
        "body": page.body,
        "index_no": page.index_no,
        "agency": page.agency,
        "doc_no": page.doc_no,
        "date": date.strftime("%Y-%m-%d") if date else "",
        "agency_code": page.agency_code,
        "category": page.category,
        "key_area": page.key_area,
        "year": page.year,
        "sortdate": int(date.strftime("%Y%m%d%H%M")) if date else 0,
    }
    # The unigram fields index the same text as the bigram positions (positions.py) hold.
    fields["title1"] = positions.field_text(fields, "title")
    fields["text1"] = positions.field_text(fields, "text")
    return fields


def _indexed_hashes(ix: Index) -> dict[str, str]:
    """Return url -> content hash of every document in the index."""
    with ix.searcher() as searcher:
        return {f["url"]: f.get("content_hash", "") for f in searcher.all_stored_fields()}


def build_index(index_dir: Path, pages: Iterable[Page], procs: int = 1) -> BuildStats:
    """Bring the index in index_dir up to date with pages: add, re-index changed, delete gone.

    Without a usable index (none yet, or another schema version) a new one is built aside and
    then replaces the folder, so searches use the old index meanwhile.
    """
    target = index_dir
    fresh = not index_exists(index_dir)
    if fresh:
        index_dir = building_dir(target)
    ix = create_index(index_dir) if fresh else open_index(index_dir)
    known = {} if fresh else _indexed_hashes(ix)
    current: dict[str, Page] = {}
    for page in pages:
        if page.url in current:
            logger.warning("duplicate url %s: keeping the first page", page.url)
            continue
        current[page.url] = page
    changed = [p for url, p in current.items() if known.get(url) != p.content_hash()]
    gone = sorted(set(known) - set(current))
    stats = BuildStats(
        added=sum(1 for p in changed if p.url not in known),
        updated=sum(1 for p in changed if p.url in known),
        deleted=len(gone),
        unchanged=len(current) - len(changed),
    )
    if stats.changed:
        with open_writer(ix, procs=procs if fresh else 1) as w:
            for url in gone:
                w.delete_by_term("url", url)
            for page in changed:
                if page.url in known:
                    w.update_document(**page_fields(page))
                else:
                    w.add_document(**page_fields(page))
    positions.write_missing(index_dir, ix)  # also after a crash between commit and writing them
    if fresh:
        replace_index(index_dir, target)
    logger.info(
        "search index %s: %d added, %d updated, %d deleted, %d unchanged",
        target,
        stats.added,
        stats.updated,
        stats.deleted,
        stats.unchanged,
    )
    return stats

"""The one module that creates, opens and writes Whoosh indexes."""

import json
import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ._whoosh import EmptyIndexError, Index, IndexWriter, index
from .schema import SCHEMA_VERSION, build_schema

logger = logging.getLogger(__name__)

_VERSION_FILE = "search-index-version.json"


class IndexMissingError(LookupError):
    """No usable search index in the given directory."""


def index_exists(index_dir: Path) -> bool:
    """Tell whether index_dir holds an index of the current schema version."""
    try:
        version = json.loads((index_dir / _VERSION_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return version.get("schema") == SCHEMA_VERSION and index.exists_in(str(index_dir))


def create_index(index_dir: Path) -> Index:
    """Create an empty index in index_dir, replacing whatever was there."""
    if index_dir.exists():
        shutil.rmtree(index_dir)
    index_dir.mkdir(parents=True)
    ix = index.create_in(str(index_dir), build_schema())
    (index_dir / _VERSION_FILE).write_text(json.dumps({"schema": SCHEMA_VERSION}), encoding="utf-8")
    logger.info("created search index in %s", index_dir)
    return ix


def open_index(index_dir: Path) -> Index:
    """Open the index in index_dir for reading or writing; IndexMissingError if there is none."""
    if not index_exists(index_dir):
        raise IndexMissingError(str(index_dir))
    try:
        return index.open_dir(str(index_dir))
    except (EmptyIndexError, OSError) as exc:
        raise IndexMissingError(str(index_dir)) from exc


def building_dir(index_dir: Path) -> Path:
    """Return the folder where a new index is built before it replaces index_dir."""
    return index_dir.with_name(index_dir.name + ".new")


def replace_index(built: Path, index_dir: Path) -> None:
    """Put the index built aside in place of index_dir; searches keep the old one until then."""
    old = index_dir.with_name(index_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if index_dir.exists():
        index_dir.rename(old)
    built.rename(index_dir)
    shutil.rmtree(old, ignore_errors=True)
    logger.info("replaced search index %s", index_dir)


def folder_id(index_dir: Path) -> tuple[int, int] | None:
    """Return what identifies the index folder itself (a replaced folder has another)."""
    try:
        found = index_dir.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


@contextmanager
def open_writer(ix: Index, procs: int = 1, limitmb: int = 256) -> Iterator[IndexWriter]:
    """Yield a writer of ix; commit on success, cancel on error (or when told via .cancel())."""
    kwargs = {"procs": procs, "multisegment": True} if procs > 1 else {}
    w = ix.writer(limitmb=limitmb, **kwargs)
    try:
        yield w
    except BaseException:
        w.cancel()
        raise
    w.commit()

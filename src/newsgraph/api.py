"""The Python API: the same jobs as the command line, as plain functions.

    import newsgraph
    for article in newsgraph.extract(["pages/"]):
        print(article.headline, article.published)
    summary = newsgraph.ingest_files(["pages/"], db="news.db")
    with newsgraph.open_store("news.db") as store:
        hits = store.search("ammunition")
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from newsgraph.engine import IngestSummary, run_ingest
from newsgraph.ingest.pipeline import ExtractOptions, extract_paths
from newsgraph.records import Article, Failure
from newsgraph.store import open_store


def extract(
    paths: Iterable[str | os.PathLike], *, workers: int = 1, failures: list[Failure] | None = None
) -> Iterator[Article]:
    """Yield clean articles from files, folders or globs; inputs that fail are appended to `failures`."""
    for item in extract_paths(paths, ExtractOptions(workers=workers)):
        if item.article is not None:
            yield item.article
        elif item.failure is not None and failures is not None:
            failures.append(item.failure)


def ingest_files(
    paths: Iterable[str | os.PathLike], *, db: str | os.PathLike = "newsgraph.db", workers: int = 1, batch_size: int = 64
) -> IngestSummary:
    """Extract and store every document under `paths`; idempotent and resumable.

    (Named `ingest_files` because `newsgraph.ingest` is the ingest stage's package.)
    """
    with open_store(db) as store:
        return run_ingest(paths, store, options=ExtractOptions(workers=workers, chunk_size=batch_size))


__all__ = ["Article", "Failure", "IngestSummary", "extract", "ingest_files", "open_store"]

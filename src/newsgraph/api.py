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

from newsgraph.engine import IngestSummary, analyzed, run_ingest
from newsgraph.ingest.pipeline import ExtractOptions, extract_paths
from newsgraph.nlp.analyze import Analyzer
from newsgraph.nlp.model import DEFAULT_MODEL
from newsgraph.records import Article, Failure
from newsgraph.store import open_store


def extract(
    paths: Iterable[str | os.PathLike],
    *,
    workers: int = 1,
    failures: list[Failure] | None = None,
    analysis: bool = True,
    model: str = DEFAULT_MODEL,
) -> Iterator[Article]:
    """Yield articles from files, folders or globs; inputs that fail are appended to `failures`.

    With `analysis` (the default) each article carries its entities, quotes, dates and
    amounts from the spaCy pipeline `model`; without it, clean text and metadata only.
    """
    items = extract_paths(paths, ExtractOptions(workers=workers))
    for item in analyzed(items, Analyzer(model=model)) if analysis else items:
        if item.article is not None:
            yield item.article
        elif item.failure is not None and failures is not None:
            failures.append(item.failure)


def ingest_files(
    paths: Iterable[str | os.PathLike],
    *,
    db: str | os.PathLike = "newsgraph.db",
    workers: int = 1,
    batch_size: int = 64,
    analysis: bool = True,
    model: str = DEFAULT_MODEL,
) -> IngestSummary:
    """Extract and store every document under `paths`; idempotent and resumable.

    (Named `ingest_files` because `newsgraph.ingest` is the ingest stage's package.)
    """
    with open_store(db) as store:
        analyzer = Analyzer(model=model) if analysis else None
        return run_ingest(paths, store, options=ExtractOptions(workers=workers, chunk_size=batch_size), analyzer=analyzer)


__all__ = ["Article", "Failure", "IngestSummary", "extract", "ingest_files", "open_store"]

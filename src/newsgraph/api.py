"""The Python API: the same jobs as the command line, as plain functions.

    import newsgraph
    for article in newsgraph.extract(["pages/"]):
        print(article.headline, article.published)
    summary = newsgraph.ingest_files(["pages/"], db="news.db")
    with newsgraph.open_store("news.db") as store:
        hits = store.search(newsgraph.SearchQuery(text="ammunition"))
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence

from newsgraph.engine import EngineOptions, IngestSummary, run_extract, run_ingest
from newsgraph.nlp.analyze import Analyzer
from newsgraph.nlp.model import DEFAULT_MODEL
from newsgraph.records import Article, Failure
from newsgraph.store import EntityFilter, EventFilter, QuoteFilter, SearchQuery, SpeakerFilter, open_store


def extract(
    paths: Iterable[str | os.PathLike],
    *,
    workers: int = 1,
    failures: list[Failure] | None = None,
    analysis: bool = True,
    model: str = DEFAULT_MODEL,
    only: Sequence[str] | None = None,
) -> Iterator[Article]:
    """Yield articles from files, folders or globs; inputs that fail are appended to `failures`.

    With `analysis` (the default) each article carries its entities, quotes, dates,
    amounts and events from the spaCy pipeline `model` (`only` picks analysis steps by
    name); without it, clean text and metadata only.
    """
    analyzer = Analyzer(model=model, only=only) if analysis else None
    for item in run_extract(paths, options=EngineOptions(workers=workers), analyzer=analyzer):
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
    only: Sequence[str] | None = None,
) -> IngestSummary:
    """Extract and store every document under `paths`; idempotent and resumable.

    (Named `ingest_files` because `newsgraph.ingest` is the ingest stage's package.)
    """
    analyzer = Analyzer(model=model, only=only) if analysis else None
    with open_store(db) as store:
        return run_ingest(paths, store, options=EngineOptions(workers=workers, chunk_size=batch_size), analyzer=analyzer)


__all__ = [
    "Article",
    "EntityFilter",
    "EventFilter",
    "Failure",
    "IngestSummary",
    "QuoteFilter",
    "SearchQuery",
    "SpeakerFilter",
    "extract",
    "ingest_files",
    "open_store",
]

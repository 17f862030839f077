"""Run the pipeline over many documents and commit the results to a store.

Each chunk of documents is written in one transaction together with the
(source, fingerprint) pairs it covers, so a process killed at any moment
leaves only whole chunks behind, and the next run skips exactly what was
committed and does the rest.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from newsgraph.ingest.pipeline import ExtractOptions, Extracted, extract_paths
from newsgraph.nlp.analyze import Analyzer
from newsgraph.records import Article, Failure
from newsgraph.store import BatchResult, SQLiteStore


@dataclass(slots=True)
class IngestSummary:
    """Counts for one ingest run, as shown at its end."""

    documents: int = 0
    new: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed: int = 0
    skipped: int = 0  # committed by an earlier run with the same content
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    @property
    def articles_per_second(self) -> float:
        return (self.new + self.duplicates) / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "new": self.new,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "failed": self.failed,
            "skipped": self.skipped,
            "seconds": round(self.seconds, 3),
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
        }


# Called after each document with (document, summary so far).
ProgressCallback = Callable[[Extracted, IngestSummary], None]

# The end summary lists at most this many failures; all of them are in the store's errors table.
MAX_LISTED_FAILURES = 1000


def run_ingest(
    paths: Iterable[str | os.PathLike],
    store: SQLiteStore,
    *,
    options: ExtractOptions | None = None,
    stdin: BinaryIO | None = None,
    on_document: ProgressCallback | None = None,
    analyzer: Analyzer | None = None,
) -> IngestSummary:
    """Extract every document under `paths`, analyse it (unless `analyzer` is None) and store it."""
    options = options or ExtractOptions()
    summary = IngestSummary()
    started = time.perf_counter()
    batch: list[Extracted] = []

    def skip_committed(docs) -> set[str]:
        return store.seen([(d.source, d.fingerprint) for d in docs])

    items = extract_paths(paths, options, stdin=stdin, skip=skip_committed)
    for item in analyzed(items, analyzer) if analyzer is not None else items:
        summary.documents += 1
        if item.skipped:
            summary.skipped += 1
        else:
            batch.append(item)
        if len(batch) >= options.chunk_size:
            _commit(store, batch, summary)
            batch = []
        summary.seconds = time.perf_counter() - started
        if on_document is not None:
            on_document(item, summary)
    if batch:
        _commit(store, batch, summary)
    summary.seconds = time.perf_counter() - started
    return summary


def analyzed(items: Iterable[Extracted], analyzer: Analyzer) -> Iterator[Extracted]:
    """The same items in the same order, their articles run through the analysis stage in batches."""
    pending: list[Extracted] = []
    articles = 0
    for item in items:
        pending.append(item)
        articles += item.article is not None
        if articles >= analyzer.batch_size:
            yield from _analyze_pending(pending, analyzer)
            pending, articles = [], 0
    yield from _analyze_pending(pending, analyzer)


def _analyze_pending(pending: list[Extracted], analyzer: Analyzer) -> list[Extracted]:
    # analyze_many fills the articles in place; consuming it is what runs it.
    for _ in analyzer.analyze_many(item.article for item in pending if item.article is not None):
        pass
    return pending


def _commit(store: SQLiteStore, batch: list[Extracted], summary: IngestSummary) -> None:
    articles: list[Article] = [item.article for item in batch if item.article is not None]
    failures: list[Failure] = [item.failure for item in batch if item.failure is not None]
    # A document read but unusable (binary, empty, no article) gives the same result
    # next time, so it is marked done too; an input that could not be read at all
    # (no fingerprint) is tried again on the next run.
    processed = [(item.source, item.fingerprint) for item in batch if item.fingerprint]
    sites = {item.source: item.site for item in batch if item.article is not None and item.site}
    result: BatchResult = store.write_batch(articles, failures, processed, sites=sites)
    summary.new += result.new
    summary.duplicates += result.duplicates
    summary.near_duplicates += result.near_duplicates
    summary.failed += result.failed  # the batch's failures plus articles the store refused
    summary.skipped += result.unchanged  # changed bytes, same article from the same source
    room = MAX_LISTED_FAILURES - len(summary.failures)
    if room > 0:
        summary.failures.extend(failures[:room])

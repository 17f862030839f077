"""Run the pipeline over many documents: extract them, or ingest them into a store.

Two passes (`engine.passes`), so that a record never depends on what else is in
the run or in which order documents arrive: every input is read first and what
it teaches about its site's page template counted (in the store; `extract` uses a
scratch store); then each document is cleaned with its whole site's template and
analysed. Both passes run on an executor (`engine.executors`): in this process,
in local worker processes (`--workers N`), or on Ray. Exactly one writer, this
process, commits (`engine.commits`): one transaction per batch together with the
fingerprints of the inputs it covers, so a process killed at any moment leaves
only whole batches behind, and the next run skips exactly what was committed.

Stored articles whose site's template has changed since they were cleaned are
re-derived (cleaned and analysed again). Nothing one document does ends the run:
it becomes a failure, an analysis error or a warning with a one-line reason.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from newsgraph.engine.commits import commit, rederive_sites
from newsgraph.engine.executors import SerialExecutor, make_executor
from newsgraph.engine.passes import TimeLimits, chunks, derive_all, derive_jobs, read_all
from newsgraph.engine.spool import Spool
from newsgraph.engine.summary import Extracted, IngestSummary
from newsgraph.engine.templates import TemplateBook
from newsgraph.ingest.sources import iter_documents
from newsgraph.nlp.analyze import Analyzer
from newsgraph.store import Store, open_store

__all__ = ["EngineOptions", "Extracted", "IngestSummary", "run_extract", "run_ingest"]

# Called after each document of the second pass with (document, summary so far).
ProgressCallback = Callable[[Extracted, IngestSummary], None]
# Called after each document read in the first pass with (source, documents read so far).
ReadCallback = Callable[[str, int], None]
# Called once the first pass is done, with the number of documents the second will go through.
PhaseCallback = Callable[[int], None]
# Called as each document of the second pass comes back from the executor, before it is written.
DerivedCallback = Callable[[Extracted], None]


@dataclass(slots=True)
class EngineOptions:
    """Settings for one run."""

    chunk_size: int = 64  # documents per committed transaction
    workers: int = 1  # worker processes (local) or actors (ray)
    engine: str = "serial"  # "serial" (this process), "local" (worker processes) or "ray"
    ray_address: str | None = None  # an existing Ray cluster; None starts a local runtime
    learn_templates: bool = True
    spool_directory: str | None = None
    limits: TimeLimits = field(default_factory=TimeLimits)


def run_extract(
    paths: Iterable[str | os.PathLike],
    *,
    options: EngineOptions | None = None,
    analyzer: Analyzer | None = None,
    stdin: BinaryIO | None = None,
    on_read: ReadCallback | None = None,
    on_derive: PhaseCallback | None = None,
) -> Iterator[Extracted]:
    """Every document under `paths`, extracted (and analysed), in input order; nothing stored.

    Template evidence is gathered over the whole run in a scratch database first.
    """
    options = options or EngineOptions()
    documents = iter_documents([os.fspath(p) for p in paths], stdin=stdin)
    executor = make_executor(options.engine, options.workers, analyzer, ray_address=options.ray_address)
    try:
        with tempfile.TemporaryDirectory(prefix="newsgraph-extract-", dir=options.spool_directory) as scratch:
            with open_store(os.path.join(scratch, "evidence.db")) as evidence, Spool(scratch) as spool:
                read_all(documents, evidence, spool, executor, chunk_size=options.chunk_size,
                         learn_templates=options.learn_templates, skip=False, limits=options.limits,
                         on_read=on_read, book=None)
                if on_derive is not None:
                    on_derive(spool.count)
                book = TemplateBook(evidence) if options.learn_templates else None
                yield from derive_all(derive_jobs(spool, book), executor, options.limits)
    finally:
        executor.close()


def run_ingest(
    paths: Iterable[str | os.PathLike],
    store: Store,
    *,
    options: EngineOptions | None = None,
    stdin: BinaryIO | None = None,
    on_document: ProgressCallback | None = None,
    on_read: ReadCallback | None = None,
    on_derive: PhaseCallback | None = None,
    on_derived: DerivedCallback | None = None,
    analyzer: Analyzer | None = None,
) -> IngestSummary:
    """Extract every document under `paths`, analyse it (unless `analyzer` is None) and store it.

    `on_derived` is called as each document comes back from the workers, `on_document`
    once its batch is committed."""
    options = options or EngineOptions()
    summary = IngestSummary()
    started = time.perf_counter()
    documents = iter_documents([os.fspath(p) for p in paths], stdin=stdin)
    executor = make_executor(options.engine, options.workers, analyzer, ray_address=options.ray_address)
    try:
        with Spool(options.spool_directory) as spool:
            book = TemplateBook(store) if options.learn_templates else None
            grown = read_all(documents, store, spool, executor, chunk_size=options.chunk_size,
                             learn_templates=options.learn_templates, skip=True, limits=options.limits,
                             on_read=on_read, book=book)
            if on_derive is not None:
                on_derive(spool.count)
            if book is not None and grown:
                rederive_sites(store, grown, book, executor, options.limits, summary, chunk_size=options.chunk_size)
            extracted = derive_all(derive_jobs(spool, book), executor, options.limits)
            if on_derived is not None:
                extracted = _tapped(extracted, on_derived)
            # Catching up with another writer's evidence runs here, in this process: the run's
            # executor is busy with the documents after the batch being written.
            in_process: list[SerialExecutor] = []

            def catch_up() -> SerialExecutor:
                if not in_process:
                    in_process.append(executor if isinstance(executor, SerialExecutor) else SerialExecutor(analyzer))
                return in_process[0]

            for batch in chunks(extracted, options.chunk_size):
                commit(store, batch, book, catch_up, options.limits, summary)
                for item in batch:
                    summary.documents += 1
                    summary.skipped += item.skipped
                    summary.seconds = time.perf_counter() - started
                    if on_document is not None:
                        on_document(item, summary)
    finally:
        executor.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _tapped(items: Iterator[Extracted], callback: DerivedCallback) -> Iterator[Extracted]:
    for item in items:
        callback(item)
        yield item

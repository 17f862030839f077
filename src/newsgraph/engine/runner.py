"""Run the pipeline over many documents: extract them, or ingest them into a store.

Two passes, so that a record never depends on what else is in the run or in
which order documents arrive:

1. Read: every input is read, decoded and (HTML) extracted once, by the
   executor (in worker processes with `workers` > 1); what each document
   teaches about its site's page template is counted, once per distinct
   document, in the store (`extract` uses a scratch store); the prepared
   documents wait in a spool on disk.
2. Derive: each prepared document is cleaned with the evidence of its whole
   site, analysed, and (for `ingest`) committed in batches: one transaction per
   batch together with the fingerprints of the inputs it covers, so a process
   killed at any moment leaves only whole batches behind, and the next run
   skips exactly what was committed and does the rest.

Stored articles whose site evidence has grown since they were cleaned are
re-derived (cleaned and analysed again) when that changes which of their
lines are template. Nothing one document does ends the batch: it becomes a
failure, an analysis error or a warning with a one-line reason.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import BinaryIO

from newsgraph.engine.executors import make_executor
from newsgraph.engine.spool import Spool
from newsgraph.engine.templates import TemplateBook, derive, stale_articles, with_article
from newsgraph.ingest.document import RawDocument
from newsgraph.evidence import SiteObservation
from newsgraph.ingest.pipeline import Prepared, observe, prepare, source_file
from newsgraph.ingest.sources import iter_documents
from newsgraph.messages import one_line
from newsgraph.nlp.analyze import Analyzer
from newsgraph.records import Article, Failure
from newsgraph.store import ArticleEntry, EvidenceChanged, Store, WriteBatch, open_store

__all__ = ["EngineOptions", "Extracted", "IngestSummary", "run_extract", "run_ingest"]

# Observations sent to the store per transaction while reading.
_EVIDENCE_BATCH = 2000


@dataclass(slots=True)
class EngineOptions:
    """Settings for one run."""

    chunk_size: int = 64  # documents per analysis batch and per committed transaction
    workers: int = 1  # processes that read, decode and extract; 1 = in this process
    learn_templates: bool = True
    spool_directory: str | None = None


@dataclass(slots=True)
class Extracted:
    """What became of one input document: an article, a failure, or skipped as already done."""

    source: str
    fingerprint: str
    article: Article | None = None
    failure: Failure | None = None
    skipped: bool = False
    site: str | None = None
    warnings: tuple[str, ...] = ()
    entry: ArticleEntry | None = field(default=None, repr=False)
    prepared: Prepared | None = field(default=None, repr=False)

    @property
    def file(self) -> str:
        """The input file this document came from (the source without its "#N" record suffix)."""
        return source_file(self.source)


@dataclass(slots=True)
class IngestSummary:
    """Counts for one run, as shown at its end."""

    documents: int = 0
    new: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed: int = 0
    skipped: int = 0  # committed by an earlier run with the same content
    rederived: int = 0  # stored earlier, cleaned again because their site's evidence changed
    analysis_failed: int = 0  # articles stored with an analysis step that failed on them
    warnings: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    problems: list[Failure] = field(default_factory=list)  # analysis failures and warnings

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
            "rederived": self.rederived,
            "analysis_failed": self.analysis_failed,
            "warnings": self.warnings,
            "seconds": round(self.seconds, 3),
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
            "problems": [{"source": f.source, "reason": f.reason} for f in self.problems],
        }


# Called after each document of the second pass with (document, summary so far).
ProgressCallback = Callable[[Extracted, IngestSummary], None]
# Called after each document read in the first pass with (source, documents read so far).
ReadCallback = Callable[[str, int], None]
# Called once the first pass is done, with the number of documents the second will go through.
PhaseCallback = Callable[[int], None]

# The end summary lists at most this many failures and problems; all are in the store's errors table.
MAX_LISTED = 1000


def _reason(what: str, error: BaseException) -> str:
    text = one_line(f"{what}: {type(error).__name__}: {error}")
    return text if len(text) <= 200 else text[:199] + "…"


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass(slots=True)
class _Read:
    """One input document after the first pass, as the spool holds it."""

    source: str
    fingerprint: str
    prepared: Prepared | None = None
    failure: Failure | None = None
    skipped: bool = False
    observation: SiteObservation | None = None


def _prepare_read(item: _Read | RawDocument) -> _Read:
    """Runs in a worker: a raw document decoded and extracted, and what it teaches about its
    site's template (other items pass through)."""
    if isinstance(item, _Read):
        return item
    try:
        outcome = prepare(item)
        if isinstance(outcome, Failure):
            return _Read(item.source, item.fingerprint, failure=outcome)
        return _Read(item.source, item.fingerprint, prepared=outcome, observation=observe(outcome))
    except Exception as error:  # whatever one document does, the run goes on
        return _Read(item.source, item.fingerprint, failure=Failure(item.source, _reason("reading failed", error)))


def _to_read(chunk: list, store: Store | None, skip: bool) -> Iterator[_Read | RawDocument]:
    raws = [d for d in chunk if isinstance(d, RawDocument)]
    done = store.seen([(d.source, d.fingerprint) for d in raws]) if (skip and store is not None and raws) else set()
    for item in chunk:
        if isinstance(item, Failure):
            yield _Read(item.source, "", failure=item)
        elif item.source in done:
            yield _Read(item.source, item.fingerprint, skipped=True)
        else:
            yield item


def _read_all(documents: Iterable[RawDocument | Failure], store: Store, spool: Spool, options: EngineOptions,
              *, skip: bool, on_read: ReadCallback | None, book: TemplateBook | None = None) -> dict[str, frozenset[int]]:
    """The first pass: every document read into the spool, its evidence into the store.

    Returns the sites whose evidence grew, each with the template it had before (read
    from `book` before the evidence grew), so that only a changed template sends the
    site's stored articles back to be judged again.
    """
    pending = (item for chunk in _chunks(documents, options.chunk_size) for item in _to_read(chunk, store, skip))
    observations: list[SiteObservation] = []
    before: dict[str, frozenset[int]] = {}
    grown: set[str] = set()

    def add() -> None:
        for site in {observation.site for observation in observations} - before.keys():
            before[site] = book.template_keys(site) if book is not None else frozenset()
        grown.update(store.add_evidence(observations))
        observations.clear()

    executor = make_executor(options.workers)
    try:
        for read in executor.map(_prepare_read, pending):
            spool.append(read)
            if read.observation is not None and options.learn_templates:
                observations.append(read.observation)
            if len(observations) >= _EVIDENCE_BATCH:
                add()
            if on_read is not None:
                on_read(read.source, spool.count)
    finally:
        executor.close()
    if observations:
        add()
    return {site: before[site] for site in grown}


def _derive_all(spool: Spool, book: TemplateBook | None) -> Iterator[Extracted]:
    for read in spool:
        if read.prepared is None:
            yield Extracted(read.source, read.fingerprint, failure=read.failure, skipped=read.skipped)
            continue
        yield _extracted(read.source, read.fingerprint, read.prepared, book, read.observation)


def _extracted(source: str, fingerprint: str, prepared: Prepared, book: TemplateBook | None,
               observation: SiteObservation | None = None) -> Extracted:
    try:
        derived = derive(prepared, book, observation=observation)
    except Exception as error:  # whatever one document does, the run goes on
        failure = Failure(source, _reason("cleaning failed", error))
        return Extracted(source, fingerprint, failure=failure, warnings=prepared.warnings, prepared=prepared)
    if isinstance(derived.result, Failure):
        return Extracted(source, fingerprint, failure=derived.result, warnings=prepared.warnings, prepared=prepared)
    entry = derived.result
    return Extracted(source, fingerprint, article=entry.article, site=entry.site, warnings=prepared.warnings,
                     entry=entry, prepared=prepared)


def _analyse(items: list[Extracted], analyzer: Analyzer | None) -> None:
    """Fill the batch's articles' analysis lists (in place on the batch items)."""
    if analyzer is None:
        return
    with_articles = [item for item in items if item.entry is not None]
    for item, article in zip(with_articles, analyzer.analyze_many(item.entry.article for item in with_articles)):
        item.entry = with_article(item.entry, article)
        item.article = article


def _batches(items: Iterable[Extracted], size: int, analyzer: Analyzer | None) -> Iterator[list[Extracted]]:
    for chunk in _chunks(items, size):
        _analyse(chunk, analyzer)
        yield chunk


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
    with tempfile.TemporaryDirectory(prefix="newsgraph-extract-", dir=options.spool_directory) as scratch:
        with open_store(os.path.join(scratch, "evidence.db")) as evidence, Spool(scratch) as spool:
            _read_all(documents, evidence, spool, options, skip=False, on_read=on_read)
            if on_derive is not None:
                on_derive(spool.count)
            book = TemplateBook(evidence) if options.learn_templates else None
            for batch in _batches(_derive_all(spool, book), options.chunk_size, analyzer):
                yield from batch


def run_ingest(
    paths: Iterable[str | os.PathLike],
    store: Store,
    *,
    options: EngineOptions | None = None,
    stdin: BinaryIO | None = None,
    on_document: ProgressCallback | None = None,
    on_read: ReadCallback | None = None,
    on_derive: PhaseCallback | None = None,
    analyzer: Analyzer | None = None,
) -> IngestSummary:
    """Extract every document under `paths`, analyse it (unless `analyzer` is None) and store it."""
    options = options or EngineOptions()
    summary = IngestSummary()
    started = time.perf_counter()
    documents = iter_documents([os.fspath(p) for p in paths], stdin=stdin)
    with Spool(options.spool_directory) as spool:
        book = TemplateBook(store) if options.learn_templates else None
        grown = _read_all(documents, store, spool, options, skip=True, on_read=on_read, book=book)
        if on_derive is not None:
            on_derive(spool.count)
        if book is not None and grown:
            rederive_sites(store, grown, book, analyzer, options, summary)
        for batch in _batches(_derive_all(spool, book), options.chunk_size, analyzer):
            _commit(store, batch, book, analyzer, options, summary)
            for item in batch:
                summary.documents += 1
                summary.skipped += item.skipped
                summary.seconds = time.perf_counter() - started
                if on_document is not None:
                    on_document(item, summary)
    summary.seconds = time.perf_counter() - started
    return summary


def _commit(store: Store, batch: list[Extracted], book: TemplateBook | None, analyzer: Analyzer | None,
            options: EngineOptions, summary: IngestSummary) -> None:
    """Write one batch; if another writer extended the evidence meanwhile, catch up and retry."""
    while True:
        entries = [item.entry for item in batch if item.entry is not None]
        versions = book.versions({entry.site for entry in entries}) if book is not None else None
        failures = [item.failure for item in batch if item.failure is not None]
        # A document read but unusable (binary, empty, no article) gives the same result
        # next time, so it is marked done too; an input that could not be read at all
        # (no fingerprint) is tried again on the next run.
        processed = [(item.source, item.fingerprint) for item in batch if item.fingerprint and not item.skipped]
        warnings = [Failure(item.source, warning) for item in batch for warning in item.warnings]
        try:
            result = store.write_batch(WriteBatch(entries, failures, processed, warnings, versions))
            break
        except EvidenceChanged as changed:
            assert book is not None
            before = {site: book.template_keys(site) for site in changed.sites}
            rederive_sites(store, before, book, analyzer, options, summary)
            redo = [item for item in batch if item.prepared is not None and item.prepared.site in changed.sites]
            for item in redo:
                fresh = _extracted(item.source, item.fingerprint, item.prepared, book)
                item.article, item.failure, item.entry = fresh.article, fresh.failure, fresh.entry
            _analyse(redo, analyzer)
    _count(summary, result, batch, failures, warnings, entries)


def _count(summary, result, batch, failures, warnings, entries) -> None:
    summary.new += result.new
    summary.duplicates += result.duplicates
    summary.near_duplicates += result.near_duplicates
    summary.failed += result.failed  # the batch's failures plus articles the store refused
    summary.skipped += result.unchanged  # changed bytes, same article from the same source
    summary.warnings += len(warnings)
    room = MAX_LISTED - len(summary.failures)
    if room > 0:
        summary.failures.extend(failures[:room])
    for entry in entries:
        if (problem := entry.article.analysis_problem()) is not None:
            summary.analysis_failed += 1
            if len(summary.problems) < MAX_LISTED:
                summary.problems.append(Failure(entry.article.source, problem))
    for warning in warnings:
        if len(summary.problems) < MAX_LISTED:
            summary.problems.append(warning)


def rederive_sites(store: Store, sites: dict[str, frozenset[int]], book: TemplateBook, analyzer: Analyzer | None,
                   options: EngineOptions, summary: IngestSummary) -> None:
    """Clean again (and analyse again) every stored article of these sites whose template
    judgement the current evidence changes; written in batches, each as one transaction.

    `sites` maps each site to the template it had before its evidence grew: where the
    template is the same, no stored article's judgement can have changed.
    """
    for site in sorted(sites):
        template: frozenset[int] | None = sites[site]
        while True:
            book.refresh([site])
            if template is not None and book.template_keys(site) == template:
                break
            stale = list(stale_articles(store, site, book))
            try:
                for chunk in _chunks(stale, options.chunk_size):
                    _rederive_chunk(store, site, chunk, book, analyzer, summary)
                break
            except EvidenceChanged:
                template = None  # another writer grew the evidence meanwhile: judge every article again
                continue


def _rederive_chunk(store: Store, site: str, ids: list[str], book: TemplateBook, analyzer: Analyzer | None,
                    summary: IngestSummary) -> None:
    items: list[Extracted] = []
    removals: list[str] = []
    failures: list[Failure] = []
    for article_id in ids:
        blob = store.prepared(article_id)
        if blob is None:
            continue  # re-derived or replaced by another writer meanwhile
        prepared = Prepared.from_bytes(blob)
        derived = derive(prepared, book, replaces=article_id)
        if isinstance(derived.result, Failure):
            removals.append(article_id)
            failures.append(derived.result)
        else:
            items.append(Extracted(prepared.source, "", article=derived.result.article, entry=derived.result,
                                   prepared=prepared))
    _analyse(items, analyzer)
    entries = [item.entry for item in items if item.entry is not None]
    result = store.write_batch(WriteBatch(entries, failures, removals=removals,
                                          evidence_versions={site: book.version(site)}))
    summary.rederived += result.rederived + len(removals)

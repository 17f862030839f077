"""The two passes of a run, over an executor.

1. `read_all`: every input read, decoded and (HTML) extracted once, by the
   executor's workers; what each document teaches about its site's page template
   is counted in the store, once per distinct document; the documents wait in
   a spool on disk.
2. `derive_all`: each document is cleaned with its whole site's template and
   analysed, by the executor's workers, and comes back as an `Extracted`, in
   input order.

A document that kills or overruns its worker comes back as a failure with a
one-line reason; the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from newsgraph.engine.executors import Executor, Lost
from newsgraph.engine.spool import Spool
from newsgraph.engine.tasks import DeriveJob, Derived, Read, derive_document, read_document
from newsgraph.engine.templates import TemplateBook
from newsgraph.engine.summary import Extracted
from newsgraph.evidence import SiteObservation
from newsgraph.ingest.document import RawDocument
from newsgraph.records import Failure
from newsgraph.store import Store

__all__ = ["TimeLimits", "chunks", "derive_all", "derive_jobs", "read_all"]

# Observations sent to the store per transaction while reading.
_EVIDENCE_BATCH = 2000

# Called after each document read in the first pass with (source, documents read so far).
ReadCallback = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class TimeLimits:
    """How long one document may take in a worker: a base, and more per megabyte of it."""

    base_seconds: float = 120.0
    seconds_per_megabyte: float = 150.0

    def seconds(self, characters: int) -> float:
        return self.base_seconds + self.seconds_per_megabyte * characters / 1_000_000

    def for_raw(self, item: object) -> float | None:
        data = getattr(item, "data", None)
        return self.seconds(len(data)) if data is not None else None

    def for_job(self, job: DeriveJob) -> float:
        return self.seconds(len(job.prepared.text))


def chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _to_read(chunk: list, store: Store, skip: bool) -> Iterator[Read | RawDocument]:
    raws = [d for d in chunk if isinstance(d, RawDocument)]
    done = store.seen([(d.source, d.fingerprint) for d in raws]) if (skip and raws) else set()
    for item in chunk:
        if isinstance(item, Failure):
            yield Read(item.source, "", failure=item)
        elif item.source in done:
            yield Read(item.source, item.fingerprint, skipped=True)
        else:
            yield item


def read_all(documents: Iterable[RawDocument | Failure], store: Store, spool: Spool, executor: Executor, *,
             chunk_size: int, learn_templates: bool, skip: bool, limits: TimeLimits,
             on_read: ReadCallback | None, book: TemplateBook | None) -> dict[str, frozenset[int]]:
    """The first pass. Returns the sites whose evidence grew, each with the template it
    had before (read from `book`), so that only a changed template sends the site's
    stored articles back to be judged again."""
    pending = (item for chunk in chunks(documents, chunk_size) for item in _to_read(chunk, store, skip))
    observations: list[SiteObservation] = []
    before: dict[str, frozenset[int]] = {}
    grown: set[str] = set()

    def add() -> None:
        for site in {observation.site for observation in observations} - before.keys():
            before[site] = book.template_keys(site) if book is not None else frozenset()
        grown.update(store.add_evidence(observations))
        observations.clear()

    for item, read in executor.map(read_document, pending, limits.for_raw):
        if isinstance(read, Lost):
            read = Read(item.source, item.fingerprint, failure=Failure(item.source, read.reason))
        spool.append(read)
        if read.observation is not None and learn_templates:
            observations.append(read.observation)
        if len(observations) >= _EVIDENCE_BATCH:
            add()
        if on_read is not None:
            on_read(read.source, spool.count)
    if observations:
        add()
    return {site: before[site] for site in grown}


def derive_jobs(reads: Iterable[Read], book: TemplateBook | None) -> Iterator[Read | DeriveJob]:
    """Each read document with its site's template (as it stands now), ready to derive."""
    for read in reads:
        if read.prepared is None:
            yield read
            continue
        site = read.prepared.site
        templates = book.judged(site) if book is not None else None
        version = book.version(site) if (book is not None and site) else 0
        yield DeriveJob(read.source, read.fingerprint, read.prepared, read.observation, templates, version)


def _as_extracted(item: Read | DeriveJob, derived: Derived | Lost | None) -> Extracted:
    if isinstance(item, Read):
        return Extracted(item.source, item.fingerprint, failure=item.failure, skipped=item.skipped)
    warnings = item.prepared.warnings
    if isinstance(derived, Lost):
        return Extracted(item.source, item.fingerprint, failure=Failure(item.source, derived.reason),
                         warnings=warnings, prepared=item.prepared)
    if derived.failure is not None:
        return Extracted(item.source, item.fingerprint, failure=derived.failure, warnings=warnings,
                         prepared=item.prepared)
    entry = derived.entry
    return Extracted(item.source, item.fingerprint, article=entry.article, site=entry.site, warnings=warnings,
                     entry=entry, prepared=item.prepared, version=item.version)


def _derive_or_pass(item: Read | DeriveJob) -> Derived | None:
    return derive_document(item) if isinstance(item, DeriveJob) else None


def _limit(limits: TimeLimits) -> Callable[[object], float | None]:
    def limit(item: object) -> float | None:
        return limits.for_job(item) if isinstance(item, DeriveJob) else None

    return limit


def derive_all(items: Iterable[Read | DeriveJob], executor: Executor, limits: TimeLimits) -> Iterator[Extracted]:
    """The second pass: every document cleaned and analysed, in input order."""
    for item, derived in executor.map(_derive_or_pass, items, _limit(limits)):
        yield _as_extracted(item, derived)

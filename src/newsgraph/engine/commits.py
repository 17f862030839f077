"""The single writer: batches into the store, and articles re-derived when their site's template changes.

One transaction per batch, together with the fingerprints of the inputs it
covers. A batch cleaned with template evidence another writer has extended since
is refused by the store (`EvidenceChanged`): the writer then judges the site's
stored articles again, cleans the batch's documents of that site again, and
writes. Re-derivation runs through the same executor as everything else.
"""

from __future__ import annotations

from collections.abc import Callable

from newsgraph.engine.executors import Executor, Lost
from newsgraph.engine.passes import TimeLimits, chunks
from newsgraph.engine.summary import Extracted, IngestSummary
from newsgraph.engine.tasks import DeriveJob, derive_document
from newsgraph.engine.templates import TemplateBook, stale_articles
from newsgraph.ingest.pipeline import Prepared
from newsgraph.records import Failure
from newsgraph.store import EvidenceChanged, Store, WriteBatch

__all__ = ["commit", "rederive_sites"]


def _versions(batch: list[Extracted]) -> dict[str, int]:
    """Per site, the oldest template evidence version any of the batch's articles was cleaned with."""
    versions: dict[str, int] = {}
    for item in batch:
        if item.entry is not None and item.site:
            versions[item.site] = min(versions.get(item.site, item.version), item.version)
    return versions


def commit(store: Store, batch: list[Extracted], book: TemplateBook | None, executor: Callable[[], Executor],
           limits: TimeLimits, summary: IngestSummary) -> None:
    """Write one batch; if another writer extended the evidence meanwhile, catch up and retry.

    `executor` gives the executor for that catching up, made only when needed: the run's
    own is busy with the documents after this batch.
    """
    while True:
        entries = [item.entry for item in batch if item.entry is not None]
        failures = [item.failure for item in batch if item.failure is not None]
        # A document read but unusable (binary, empty, no article) gives the same result
        # next time, so it is marked done too; an input that could not be read at all
        # (no fingerprint) is tried again on the next run.
        processed = [(item.source, item.fingerprint) for item in batch if item.fingerprint and not item.skipped]
        warnings = [Failure(item.source, warning) for item in batch for warning in item.warnings]
        versions = _versions(batch) if book is not None else None
        try:
            result = store.write_batch(WriteBatch(entries, failures, processed, warnings, versions))
            break
        except EvidenceChanged as changed:
            assert book is not None
            before = {site: book.template_keys(site) for site in changed.sites}
            rederive_sites(store, before, book, executor(), limits, summary)
            _clean_again([item for item in batch if item.prepared is not None and item.prepared.site in changed.sites],
                         book, executor(), limits)
    summary.add_batch(result, failures, warnings, entries)


def _clean_again(items: list[Extracted], book: TemplateBook, executor: Executor, limits: TimeLimits) -> None:
    """The batch's documents of sites whose evidence changed, cleaned and analysed with it now."""
    jobs = [DeriveJob(item.source, item.fingerprint, item.prepared, None, book.judged(item.prepared.site),
                      book.version(item.prepared.site)) for item in items]
    for item, (job, derived) in zip(items, executor.map(derive_document, jobs, limits.for_job)):
        item.article = item.failure = item.entry = None
        if isinstance(derived, Lost):
            item.failure = Failure(item.source, derived.reason)
        elif derived.failure is not None:
            item.failure = derived.failure
        else:
            item.entry, item.article, item.version = derived.entry, derived.entry.article, job.version


def rederive_sites(store: Store, sites: dict[str, frozenset[int]], book: TemplateBook, executor: Executor,
                   limits: TimeLimits, summary: IngestSummary, *, chunk_size: int = 64) -> None:
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
                for ids in chunks(stale, chunk_size):
                    _rederive_chunk(store, site, ids, book, executor, limits, summary)
                break
            except EvidenceChanged:
                template = None  # another writer grew the evidence meanwhile: judge every article again


def _rederive_chunk(store: Store, site: str, ids: list[str], book: TemplateBook, executor: Executor,
                    limits: TimeLimits, summary: IngestSummary) -> None:
    jobs = []
    for article_id in ids:
        blob = store.prepared(article_id)
        if blob is not None:  # else re-derived or replaced by another writer meanwhile
            prepared = Prepared.from_bytes(blob)
            jobs.append(DeriveJob(prepared.source, "", prepared, None, book.judged(site), book.version(site),
                                  replaces=article_id))
    entries, removals, failures, warnings = [], [], [], []
    for job, derived in executor.map(derive_document, jobs, limits.for_job):
        if isinstance(derived, Lost):  # kept as it is; its judgement still differs, so the next run tries again
            warnings.append(Failure(job.source, f"could not be cleaned again: {derived.reason}"))
        elif derived.entry is not None:
            entries.append(derived.entry)
        else:  # nothing is left of it with the new template: the stored article goes
            removals.append(job.replaces)
            failures.append(derived.failure)
    result = store.write_batch(WriteBatch(entries, failures, (), warnings, {site: book.version(site)}, removals))
    summary.rederived += result.rederived + len(removals)

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
from newsgraph.engine.executors import POOL_MIN_FILES, choose
from newsgraph.engine.importer import IMPORT_BATCH, ImportSummary
from newsgraph.engine.importer import import_records as _import_into
from newsgraph.nlp.analyze import Analyzer
from newsgraph.nlp.model import DEFAULT_MODEL
from newsgraph.records import Article, Failure
from newsgraph.store import EntityFilter, EventFilter, QuoteFilter, SearchQuery, SpeakerFilter, StoreError, open_store
from newsgraph.store.export import EXPORT_KINDS, export
from newsgraph.store.identity_listings import SpeakerIdentityRow, SpeakerProfile, StatementFilter, StatementRow


def extract(
    paths: Iterable[str | os.PathLike],
    *,
    workers: int | str = 1,
    engine: str | None = None,
    ray_address: str | None = None,
    failures: list[Failure] | None = None,
    analysis: bool = True,
    model: str = DEFAULT_MODEL,
    only: Sequence[str] | None = None,
) -> Iterator[Article]:
    """Yield articles from files, folders or globs; inputs that fail are appended to `failures`.

    With `analysis` (the default) each article carries its entities, quotes, dates,
    amounts and events from the spaCy pipeline `model` (`only` picks analysis steps by
    name); without it, clean text and metadata only. `workers` > 1 (or "auto") runs on
    that many local worker processes; `engine="ray"` on Ray (a local runtime with
    `workers` CPUs, or the cluster at `ray_address`). Records come in input order.
    Scripts that use worker processes need the `if __name__ == "__main__":` guard.
    """
    analyzer = Analyzer(model=model, only=only) if analysis else None
    options = _options(engine, workers, ray_address=ray_address)
    for item in run_extract(paths, options=options, analyzer=analyzer):
        if item.article is not None:
            yield item.article
        elif item.failure is not None and failures is not None:
            failures.append(item.failure)


def ingest_files(
    paths: Iterable[str | os.PathLike],
    *,
    db: str | os.PathLike = "newsgraph.db",
    workers: int | str = 1,
    engine: str | None = None,
    ray_address: str | None = None,
    batch_size: int = 64,
    analysis: bool = True,
    model: str = DEFAULT_MODEL,
    only: Sequence[str] | None = None,
) -> IngestSummary:
    """Extract and store every document under `paths`; idempotent and resumable.

    `workers` and `engine` as for `extract`. (Named `ingest_files` because
    `newsgraph.ingest` is the ingest stage's package.)
    """
    analyzer = Analyzer(model=model, only=only) if analysis else None
    options = _options(engine, workers, ray_address=ray_address, chunk_size=batch_size)
    with open_store(db) as store:
        return run_ingest(paths, store, options=options, analyzer=analyzer)


def import_records(path: str | os.PathLike, *, db: str | os.PathLike = "newsgraph.db",
                   batch_size: int = IMPORT_BATCH) -> ImportSummary:
    """Load record-contract JSON Lines (as `extract` or `export_records` write them) into the store
    at `db` without analysing them again; idempotent and resumable, as `newsgraph import`. Lines
    that are not records are counted in `failed` and listed in `failures`."""
    with open_store(db) as store:
        return _import_into(path, store, batch_size=batch_size)


def export_records(what: str = "articles", *, db: str | os.PathLike = "newsgraph.db", format: str = "jsonl",
                   output: str | os.PathLike | None = None, **filters: object) -> int:
    """Write the store's articles, quotes, speakers, events or entities as jsonl, csv or parquet to
    `output` (standard output when None), as `newsgraph export`; `filters` are the keyword
    arguments of that kind's filter (`since=`, `speaker=`, ...). Returns the rows written."""
    if what not in EXPORT_KINDS:
        raise StoreError(f"cannot export {what!r}: choose one of {', '.join(EXPORT_KINDS)}")
    chosen = EXPORT_KINDS[what].filter_type(**filters)
    with open_store(db, readonly=True) as store:
        return export(store, what, format, output, chosen)


def _options(engine: str | None, workers: int | str, **settings) -> EngineOptions:
    """workers=1 runs in this process; more (or "auto") on local worker processes; engine names one."""
    if engine is None:
        engine = "ray" if settings.get("ray_address") else "serial" if workers == 1 else "local"
    chosen, count = choose(engine, None if workers == "auto" else workers, files=POOL_MIN_FILES)
    return EngineOptions(engine=chosen, workers=count, **settings)


def speakers(db: str, name: str | None = None, limit: int = 50) -> list[SpeakerIdentityRow]:
    """Speaker identities across the corpus, most quoted first (`newsgraph speakers --json`)."""
    with open_store(db, readonly=True) as store:
        return store.speaker_identities(name=name, limit=limit)


def statements(db: str, speaker: str | None = None, about: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 50) -> list[StatementRow]:
    """Statements across outlets, most reported first (`newsgraph statements --json`)."""
    with open_store(db, readonly=True) as store:
        return store.statements(StatementFilter(speaker=speaker, about=about, since=since, until=until, limit=limit))


def speaker(db: str, speaker_id: str) -> SpeakerProfile | None:
    """One speaker identity with its roles, statements and whom it talks about (`newsgraph speaker ID`)."""
    with open_store(db, readonly=True) as store:
        return store.speaker(speaker_id)


__all__ = [
    "Article",
    "EntityFilter",
    "EventFilter",
    "Failure",
    "IngestSummary",
    "QuoteFilter",
    "SearchQuery",
    "SpeakerFilter",
    "StatementFilter",
    "export_records",
    "extract",
    "import_records",
    "ingest_files",
    "open_store",
    "speaker",
    "speakers",
    "statements",
]

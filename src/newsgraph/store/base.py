"""The Store protocol: what the engine, the command line, the APIs and the web pages need.

A backend (SQLite now, PostgreSQL later) implements this and nothing above it
names a backend: `open_store(url)` picks one from the URL.

Writes come in batches, each one transaction: the batch's articles (with their
annotation lists, dedup keys and the prepared document they were derived from),
its failures and warnings, and the (source, fingerprint) pairs of the inputs it
covers. So a process killed at any moment leaves whole batches only, and a
re-run skips exactly what was committed. The store enforces one article per
normalised body, whatever the number of concurrent writers.

Site template evidence (see `ingest.furniture`) is kept here too, counted once
per distinct document, so that every writer cleans with everything the store
has seen; a batch cleaned with evidence that another writer has since extended
is refused with `EvidenceChanged`, to be cleaned again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from newsgraph.evidence import SiteEvidence, SiteObservation
from newsgraph.records import Article, Failure
from newsgraph.store.rows import (
    BatchResult,
    EntityFilter,
    EntitySummary,
    ErrorEntry,
    EventFilter,
    EventHit,
    QuoteFilter,
    QuoteHit,
    SearchHit,
    SearchQuery,
    SpeakerFilter,
    SpeakerSummary,
    StoredArticle,
    StoreStats,
)

if TYPE_CHECKING:
    from newsgraph.store.identity_listings import SpeakerIdentityRow, SpeakerProfile, StatementFilter, StatementRow
    from newsgraph.store.article_stream import ArticleFilter

__all__ = ["ArticleEntry", "Derivation", "Store", "WriteBatch"]


@dataclass(frozen=True, slots=True)
class Derivation:
    """How an article was derived, kept so it can be derived again when evidence changes."""

    prepared: bytes  # ingest.pipeline.Prepared.to_bytes()
    line_keys: bytes  # the document's template line keys, signed 64-bit big-endian, sorted
    judgement: str  # furniture.SiteTemplates.judgement of those keys when it was cleaned


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """One article to store, with what the store keeps beside it."""

    article: Article
    site: str | None = None
    derivation: Derivation | None = None
    replaces: str | None = None  # the id of a stored article this one is the re-derivation of


@dataclass(frozen=True, slots=True)
class WriteBatch:
    """Everything one transaction writes."""

    articles: Sequence[ArticleEntry] = ()
    failures: Sequence[Failure] = ()  # inputs that gave no article
    processed: Sequence[tuple[str, str]] = ()  # (source, fingerprint) of the inputs the batch covers
    warnings: Sequence[Failure] = ()  # (source, message) worth knowing about, articles stored
    # The template evidence version each site's articles were cleaned with.
    evidence_versions: Mapping[str, int] | None = None
    removals: Sequence[str] = ()  # ids of stored articles that re-derivation left without text


@dataclass(frozen=True, slots=True)
class StoredDerivation:
    """A stored article's derivation, as the re-derivation check reads it."""

    article_id: str
    source: str
    line_keys: bytes
    judgement: str


@runtime_checkable
class Store(Protocol):
    """A newsgraph database. Use as a context manager, or call `close`."""

    location: str  # what it was opened as (a path or a URL without its password)
    readonly: bool

    def close(self) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc_info: object) -> None: ...

    # -- writing
    def seen(self, items: Sequence[tuple[str, str]]) -> set[str]:
        """Sources already processed with that same fingerprint, from (source, fingerprint) pairs."""
    def write_batch(self, batch: WriteBatch) -> BatchResult:
        """Write one batch in one transaction (see `BatchResult`); raises EvidenceChanged, StoreError."""

    # -- site template evidence
    def add_evidence(self, observations: Sequence[SiteObservation]) -> dict[str, int]:
        """Count documents not counted before; the sites whose evidence grew, with their new versions."""
    def evidence(self, site: str, least_count: int) -> SiteEvidence:
        """A site's document count, version, and the lines seen in at least `least_count` documents."""
    def derivations(self, site: str) -> Iterator[StoredDerivation]:
        """The stored articles of `site` that were derived with template evidence."""
    def prepared(self, article_id: str) -> bytes | None:
        """The prepared document a stored article was derived from."""

    # -- reading
    def search(self, query: SearchQuery) -> list[SearchHit]: ...
    def resolve_id(self, article_id: str) -> str | None:
        """The stored id for an id or a unique prefix of at least 6 characters."""
    def get_article(self, article_id: str) -> StoredArticle | None: ...
    def iter_articles(self, filters: ArticleFilter | None = None) -> Iterator[Article]:
        """Every stored article (the record contract), oldest stored first, in constant memory."""
    def cluster(self, article_id: str) -> list[str]: ...
    def quotes(self, filters: QuoteFilter) -> list[QuoteHit]: ...
    def speakers(self, filters: SpeakerFilter) -> list[SpeakerSummary]: ...
    # -- speaker identities and statements across the corpus (`store.identity_listings`)
    def speaker_identities(self, name: str | None = None, limit: int = 50) -> list[SpeakerIdentityRow]:
        """Identities most quoted first; `name` is part of any name form, accents aside."""
    def speaker(self, speaker_id: str) -> SpeakerProfile | None:
        """One identity with its roles over time, its statements and whom it talks about most."""
    def statements(self, filters: StatementFilter | None = None) -> list[StatementRow]:
        """Statements across outlets, most reported first."""
    def speaker_quotes(self, speaker_id: str, limit: int = 50, offset: int = 0) -> list[QuoteHit]:
        """An identity's quotations, newest first."""
    def speaker_dates(self, speaker_id: str) -> dict[str, int]:
        """How many of an identity's quotations were said on each date ('' for undated), all of them."""
    def quote_identities(self, keys: list[tuple[str, int]]) -> dict[tuple[str, int], tuple[str | None, str | None]]:
        """(speaker id, statement id) of quotations given as (article id, position)."""
    def entities(self, filters: EntityFilter) -> list[EntitySummary]: ...
    def events(self, filters: EventFilter) -> list[EventHit]: ...
    def errors(self, limit: int = 50) -> list[ErrorEntry]: ...
    def stats(self) -> StoreStats: ...

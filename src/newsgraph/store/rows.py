"""What the store's queries take (filters) and give back (rows), as typed records.

The command line, the Python API and the HTTP API build these filters and
print or serve these rows; every backend answers with the same types. Rows
turn into the JSON the command line's `--json` prints with `to_dict`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsgraph.records import Article, EventParty, to_dict
from newsgraph.store.errors import QueryError

__all__ = [
    "EVENT_TYPES",
    "QUOTE_KINDS",
    "Appearance",
    "BatchResult",
    "EntityFilter",
    "EntitySummary",
    "ErrorEntry",
    "EventFilter",
    "EventHit",
    "QuoteFilter",
    "QuoteHit",
    "QuotedSpeaker",
    "SearchHit",
    "SearchQuery",
    "SpeakerFilter",
    "SpeakerSummary",
    "StoreStats",
    "StoredArticle",
    "as_filter",
]

QUOTE_KINDS = ("direct", "partial", "indirect", "mixed", "headline")
EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# Default markers around matched terms in search snippets.
SNIPPET_START = "["
SNIPPET_END = "]"

_FILTER = dataclass(frozen=True, slots=True, kw_only=True)


def _check_page(limit: int, offset: int = 0) -> None:
    if not isinstance(limit, int) or limit < 1 or not isinstance(offset, int) or offset < 0:
        raise QueryError(f"limit must be at least 1 and offset at least 0, got limit={limit}, offset={offset}")


# --- filters -------------------------------------------------------------------------

@_FILTER
class SearchQuery:
    """Full-text search over headline and text; `source` is part of a source or a whole site."""

    text: str
    since: str | None = None
    until: str | None = None
    source: str | None = None
    limit: int = 20
    offset: int = 0
    after: str | None = None  # a page cursor (`store.keyset.next_cursor` of the page before)
    highlight: tuple[str, str] = (SNIPPET_START, SNIPPET_END)

    def __post_init__(self) -> None:
        _check_page(self.limit, self.offset)


@_FILTER
class QuoteFilter:
    """Quotations: by speaker (any part of the name or mention), words said, entity named, kind, date said."""

    speaker: str | None = None
    about: str | None = None
    about_entity: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 50
    offset: int = 0
    after: str | None = None  # a page cursor (`store.keyset.next_cursor` of the page before)

    def __post_init__(self) -> None:
        _check_page(self.limit, self.offset)
        if self.kind is not None and self.kind not in QUOTE_KINDS:
            raise QueryError(f"kind must be one of {', '.join(QUOTE_KINDS)}, got {self.kind!r}"[:200])


@_FILTER
class SpeakerFilter:
    name: str | None = None
    limit: int = 50
    after: str | None = None  # a page cursor (`store.keyset.next_cursor` of the page before)

    def __post_init__(self) -> None:
        _check_page(self.limit)


@_FILTER
class EntityFilter:
    name: str | None = None
    label: str | None = None
    country: str | None = None
    limit: int = 50
    after: str | None = None  # a page cursor (`store.keyset.next_cursor` of the page before)

    def __post_init__(self) -> None:
        _check_page(self.limit)


@_FILTER
class EventFilter:
    """Events: actor/recipient as ISO3 country or part of a name, PLOVER type, date."""

    type: str | None = None
    actor: str | None = None
    recipient: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 50
    after: str | None = None  # a page cursor (`store.keyset.next_cursor` of the page before)

    def __post_init__(self) -> None:
        _check_page(self.limit)
        if self.type is not None and self.type.upper() not in EVENT_TYPES:
            raise QueryError(f"type must be one of the PLOVER types {', '.join(EVENT_TYPES)}, got {self.type!r}"[:300])


def as_filter(kind: type, given: Any, keywords: dict[str, Any]) -> Any:
    """A filter of `kind` from a filter, from keyword arguments, or (searches) from the text alone.

    The protocol's methods take filters; people at a Python prompt write
    `store.quotes(speaker="Doe")` or `store.search("ferry")`, and get the same.
    """
    if given is None:
        return kind(**keywords)
    if isinstance(given, kind) and not keywords:
        return given
    if isinstance(given, str) and kind is SearchQuery:
        return SearchQuery(text=given, **keywords)
    raise QueryError(f"expected a {kind.__name__} or keyword arguments, got {type(given).__name__}")


# --- rows ------------------------------------------------------------------------------

class _Row:
    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


_ROW = dataclass(frozen=True, slots=True, kw_only=True)


@_ROW
class SearchHit(_Row):
    id: str
    headline: str | None
    published: str | None
    source: str
    url: str | None
    snippet: str  # matched terms wrapped in the query's `highlight` markers
    score: float  # higher is better


@_ROW
class Appearance(_Row):
    """A place an article appeared: its own source, or a source of an exact duplicate."""

    source: str
    url: str | None
    kind: str  # "original" or "duplicate"
    seen_at: str


@_ROW
class StoredArticle(_Row):
    """A stored article: the record contract plus what the store knows about it."""

    article: Article
    cluster_id: str
    cluster_size: int
    sources: tuple[Appearance, ...]
    site: str | None
    ingested_at: str

    def to_dict(self) -> dict[str, Any]:
        """The contract's fields, then cluster_id, cluster_size, sources, site, ingested_at."""
        record = self.article.to_dict()
        record.update(
            cluster_id=self.cluster_id,
            cluster_size=self.cluster_size,
            sources=[appearance.to_dict() for appearance in self.sources],
            site=self.site,
            ingested_at=self.ingested_at,
        )
        return record


@_ROW
class QuotedSpeaker(_Row):
    text: str | None
    name: str | None
    role: str | None
    affiliation: str | None


@_ROW
class QuoteHit(_Row):
    article_id: str
    position: int
    text: str
    field: str
    kind: str
    cue: str | None
    speaker: QuotedSpeaker
    date: str | None  # when it was said, as the article states
    when: str | None  # that date, else the article's publication date
    headline: str | None
    published: str | None
    source: str
    url: str | None
    speaker_id: str | None = None  # the speaker identity across the corpus (`newsgraph speakers`)
    statement_id: str | None = None  # the statement across outlets (`newsgraph statements`)


@_ROW
class SpeakerSummary(_Row):
    name: str
    quotes: int
    articles: int
    roles: tuple[str, ...]
    affiliations: tuple[str, ...]
    first: str | None
    last: str | None


@_ROW
class EntitySummary(_Row):
    name: str
    label: str | None
    country: str | None
    mentions: int
    articles: int


@_ROW
class EventHit(_Row):
    article_id: str
    position: int
    type: str
    mode: str | None
    actor: EventParty
    recipient: EventParty
    date: str | None
    when: str | None
    text: str
    amount: int | None
    quote: int | None
    headline: str | None
    source: str


@_ROW
class ErrorEntry(_Row):
    source: str
    reason: str
    at: str
    kind: str = "error"  # "error" (no article), "analysis" (stored, analysis incomplete), "warning"


@_ROW
class StoreStats(_Row):
    articles: int
    clusters: int
    near_duplicate_articles: int
    clusters_with_near_duplicates: int
    duplicates_seen: int
    errors: int
    warnings: int
    analysis_errors: int
    processed_inputs: int
    sources: int
    sites: int
    languages: dict[str, int]
    published_first: str | None
    published_last: str | None
    schema_version: int
    db_bytes: int
    path: str


@dataclass(slots=True)
class BatchResult:
    """What one `write_batch` did.

    `new` counts articles stored now (near duplicates and re-derived ones
    included); `near_duplicates` those of them that joined an existing cluster;
    `duplicates` exact copies of a stored body from a source not seen before
    (recorded as a further source, not stored again); `unchanged` articles this
    store already had from the same source (a re-run); `rederived` stored
    articles written again because their site's template evidence changed;
    `failed` the batch's failures plus articles the store refused. `ids` has one
    entry per input article, in order: the id it is stored under, or the stored
    article it duplicates (None for a refused one). `renamed` lists (given id,
    stored id) where the given id already belonged to another body.
    """

    new: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed: int = 0
    unchanged: int = 0
    rederived: int = 0
    ids: list[str | None] | None = None
    renamed: list[tuple[str, str]] | None = None

    def __post_init__(self) -> None:
        self.ids = [] if self.ids is None else self.ids
        self.renamed = [] if self.renamed is None else self.renamed

"""store stage: articles with their analysis, full-text search, duplicates and template evidence.

Everything above the store (engine, command line, APIs, web pages) uses the
`Store` protocol and `open_store(url)`; the SQLite backend lives in `sqlite/`.

    from newsgraph.store import QuoteFilter, SearchQuery, open_store
    with open_store("news.db") as store:
        hits = store.search(SearchQuery(text='"security agreement" sanctions', since="2024-03"))
        said = store.quotes(QuoteFilter(speaker="Doe", limit=10))
"""

from newsgraph.store.base import ArticleEntry, Derivation, Store, StoredDerivation, WriteBatch
from newsgraph.store.errors import EvidenceChanged, QueryError, QueryTimeout, StoreError
from newsgraph.store.rows import (
    EVENT_TYPES,
    QUOTE_KINDS,
    SNIPPET_END,
    SNIPPET_START,
    Appearance,
    BatchResult,
    EntityFilter,
    EntitySummary,
    ErrorEntry,
    EventFilter,
    EventHit,
    QuoteFilter,
    QuoteHit,
    QuotedSpeaker,
    SearchHit,
    SearchQuery,
    SpeakerFilter,
    SpeakerSummary,
    StoredArticle,
    StoreStats,
)
from newsgraph.store.urls import open_store

__all__ = [
    "EVENT_TYPES",
    "QUOTE_KINDS",
    "SNIPPET_END",
    "SNIPPET_START",
    "Appearance",
    "ArticleEntry",
    "BatchResult",
    "Derivation",
    "EntityFilter",
    "EntitySummary",
    "ErrorEntry",
    "EventFilter",
    "EventHit",
    "EvidenceChanged",
    "QueryError",
    "QueryTimeout",
    "QuoteFilter",
    "QuoteHit",
    "QuotedSpeaker",
    "SearchHit",
    "SearchQuery",
    "SpeakerFilter",
    "SpeakerSummary",
    "Store",
    "StoreError",
    "StoreStats",
    "StoredArticle",
    "StoredDerivation",
    "WriteBatch",
    "open_store",
]

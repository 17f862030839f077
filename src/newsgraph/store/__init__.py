"""store stage: articles in SQLite (PostgreSQL later) with full-text search and duplicate clustering.

    from newsgraph.store import open_store
    with open_store("news.db") as store:
        result = store.write_batch(articles, failures, processed)
        hits = store.search('"security agreement" sanctions', since="2024-03")
"""

from newsgraph.store.schema import MIGRATIONS, SCHEMA_VERSION, Migration, QueryError, StoreError
from newsgraph.store.sqlite import SNIPPET_END, SNIPPET_START, BatchResult, SearchHit, SQLiteStore, open_store

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SNIPPET_END",
    "SNIPPET_START",
    "BatchResult",
    "Migration",
    "QueryError",
    "SQLiteStore",
    "SearchHit",
    "StoreError",
    "open_store",
]

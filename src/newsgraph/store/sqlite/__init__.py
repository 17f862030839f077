"""The SQLite backend: the default, embedded store (one file, WAL, FTS5)."""

from newsgraph.store.sqlite.store import SQLiteStore

__all__ = ["SQLiteStore"]

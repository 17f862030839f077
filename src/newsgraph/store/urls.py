"""`open_store(url)`: the backend a database URL names.

A plain path, "sqlite:///relative/path", "sqlite:////absolute/path" and
":memory:" open SQLite; "postgresql://user:password@host:port/dbname" (also
"postgres://" and "postgresql+psycopg://") opens PostgreSQL, through psycopg 3
(the optional extra `newsgraph[postgresql]`).
"""

from __future__ import annotations

import os
import re

from newsgraph.messages import clip
from newsgraph.store.base import Store
from newsgraph.store.errors import StoreError

__all__ = ["POSTGRES_SCHEMES", "open_store", "sqlite_path"]

POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
_POSTGRES_LIKE = re.compile(r"(?:postgres|postgresql|postgresql\+psycopg):", re.IGNORECASE)


def sqlite_path(db: str | os.PathLike[str]) -> str | None:
    """The SQLite file (or ":memory:") a path or URL names, or None for another backend's URL."""
    target = os.fspath(db)
    if not isinstance(target, str):
        raise StoreError(f"a database path must be text, got {clip(target)}")
    scheme, separator, rest = target.partition("://")
    if not separator and _POSTGRES_LIKE.match(target):
        # "postgres:/db" or "postgresql:db" is a mistyped URL, not a file to create.
        raise StoreError(f"malformed database URL {clip(target)}: expected postgresql://user:password@host:port/dbname")
    if separator and "/" not in scheme and "\\" not in scheme:
        scheme = scheme.lower()
        if scheme in POSTGRES_SCHEMES:
            return None
        if scheme != "sqlite":
            raise StoreError(f"unsupported database URL {clip(target)}: use a file path, sqlite:///path or postgresql://")
        # sqlite:///x is the relative path x and sqlite:////x the absolute /x;
        # sqlite:// alone is an in-memory database (SQLAlchemy's conventions).
        target = rest[1:] if rest.startswith("/") else rest
        target = target.split("?", 1)[0] or ":memory:"
    if not target:
        raise StoreError("no database path given")
    return target


def open_store(db: str | os.PathLike[str] = "newsgraph.db", *, readonly: bool = False,
               query_timeout_s: float | None = None, pool: int = 0) -> Store:
    """Open (creating and migrating if needed) the store named by a path or URL.

    With `query_timeout_s`, a read transaction running longer is cut off with QueryTimeout
    (the web server opens its stores so: every request has a time limit). With `pool=N`, a
    PostgreSQL store serves the threads of a process (a web server) with up to N connections
    (psycopg_pool), each transaction on one of its own; a SQLite store ignores it (its one
    connection serves threads a transaction at a time; open several stores for more).
    """
    path = sqlite_path(db)
    if path is None:
        try:
            from newsgraph.store.postgresql import PostgreSQLStore
        except ImportError as exc:
            raise StoreError(
                f"a PostgreSQL database needs psycopg 3: pip install 'newsgraph[postgresql]' ({exc})"
            ) from exc
        return PostgreSQLStore(os.fspath(db), readonly=readonly, query_timeout_s=query_timeout_s, pool=pool)
    from newsgraph.store.sqlite import SQLiteStore

    return SQLiteStore(path, readonly=readonly, query_timeout_s=query_timeout_s)

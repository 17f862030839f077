"""One SQLite connection: opening it the way newsgraph needs, and transactions on it.

WAL journal (readers keep working while an ingest writes), foreign keys on,
a busy timeout so that a writer waits for another one's commit, and on top of
that a retry of the whole transaction start for a writer that waited longer
than the timeout: several `ingest` processes into one file never fail with
"database is locked".
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsgraph.store.errors import QueryTimeout, StoreError

__all__ = ["BUSY_TIMEOUT_MS", "Connection", "connect"]

# Waiting this long for another writer's lock covers a large batch being committed.
BUSY_TIMEOUT_MS = 30_000
# After that, starting a write transaction is retried for this long in all.
WRITE_RETRY_SECONDS = 600.0
# A writer's page cache (KiB; SQLite's default is 2 MiB). The write path updates many B-trees at
# once (articles, their lists, search indexes, identity rows); once they outgrow the cache each
# batch re-reads their pages, and the cost per article grows with the store.
WRITER_CACHE_KIB = 131_072
# With a query time limit, SQLite calls back every this many virtual machine steps to check it.
PROGRESS_STEPS = 1_000


def connect(path: str, *, readonly: bool) -> sqlite3.Connection:
    """An autocommit connection (transactions are explicit) to the file at `path`."""
    memory = path == ":memory:"
    if readonly and not memory and not Path(path).exists():
        raise StoreError(f"no newsgraph database at {path}")
    try:
        if readonly and not memory:
            target = Path(path).resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(target, uri=True, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
        # Fails here, not on first use, for a file that is not a database.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open {path} as a newsgraph database: {exc}") from exc
    return conn


class Connection:
    """A connection shared by the threads of one process (FastAPI, thread pools);
    a lock keeps each transaction's statements together."""

    def __init__(self, path: str, *, readonly: bool, query_timeout_s: float | None = None) -> None:
        self.path = path
        self.readonly = readonly
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = connect(path, readonly=readonly)
        self._timeout = query_timeout_s
        self._deadline: float | None = None  # of the read transaction running now
        if query_timeout_s is not None:
            self._conn.set_progress_handler(self._past_deadline, PROGRESS_STEPS)

    def _past_deadline(self) -> int:
        """SQLite's progress callback: non-zero interrupts the statement running now."""
        return int(self._deadline is not None and time.monotonic() > self._deadline)

    @property
    def raw(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"the store {self.path} is closed")
        return self._conn

    @contextmanager
    def transaction(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        """One transaction: committed when the block ends, rolled back if it raises.

        IMMEDIATE takes the write lock up front, so a writer waits (busy timeout,
        then retries) instead of failing when it later upgrades from a read.
        """
        with self._lock:
            conn = self.raw
            if conn.in_transaction:
                raise StoreError("the store is already inside a transaction")
            self._begin(conn, "BEGIN IMMEDIATE" if write else "BEGIN")
            # Only reads are limited: cutting a write batch off would just redo it.
            if self._timeout is not None and not write:
                self._deadline = time.monotonic() + self._timeout
            try:
                yield conn
            except BaseException as exc:
                cut_off = self._deadline is not None and time.monotonic() > self._deadline
                self._deadline = None
                conn.execute("ROLLBACK")
                if cut_off and isinstance(exc, sqlite3.OperationalError) and "interrupt" in str(exc):
                    raise QueryTimeout(f"the query ran longer than {self._timeout:g} s and was stopped") from exc
                raise
            else:
                self._deadline = None
                conn.execute("COMMIT")

    def _begin(self, conn: sqlite3.Connection, statement: str) -> None:
        deadline = time.monotonic() + WRITE_RETRY_SECONDS
        delay = 0.05
        while True:
            try:
                conn.execute(statement)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise StoreError(f"{self.path} stayed locked by another writer for too long: {exc}") from exc
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 2.0)

    def close(self, *, optimise: bool) -> None:
        with self._lock:
            if self._conn is None:
                return
            if optimise:
                try:
                    self._conn.execute("PRAGMA optimize")
                except sqlite3.Error:
                    pass  # only a planner hint; closing must not fail over it
            self._conn.close()
            self._conn = None

"""Read-only stores for the web process: a small pool, each opened with a query time limit.

A store's connection serves one transaction at a time, so a few of them let
requests run side by side (SQLite readers do not block each other in WAL mode;
PostgreSQL is MVCC). Every one is opened read-only: SQLite through a `mode=ro`
URI, PostgreSQL with read-only transactions. Writes go through `ingest_upload`
on a separate writable store of its own.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from newsgraph.store import Store, open_store

__all__ = ["StorePool"]

POOL_SIZE = 4


class StorePool:
    """Up to `size` read-only stores on one database, opened when first needed."""

    def __init__(self, db: str, *, query_timeout_s: float, size: int = POOL_SIZE) -> None:
        self.db = db
        self.query_timeout_s = query_timeout_s
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._opened = 0
        self._size = size
        self._lock = threading.Lock()
        self._all: list[Store] = []

    def check(self) -> None:
        """Open one store now, so that a missing or unreadable database fails at start-up."""
        with self.borrow():
            pass

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        store = self._take()
        try:
            yield store
        finally:
            self._idle.put(store)

    def _take(self) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._opened < self._size:
                self._opened += 1
                try:
                    store = open_store(self.db, readonly=True, query_timeout_s=self.query_timeout_s)
                except BaseException:
                    self._opened -= 1
                    raise
                self._all.append(store)
                return store
        return self._idle.get()

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()
            self._opened = 0
            self._idle = queue.LifoQueue()

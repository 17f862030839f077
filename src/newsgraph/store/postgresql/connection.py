"""One PostgreSQL connection (psycopg 3): opening it from a URL, and transactions on it.

The connection is in autocommit mode and every unit of work is an explicit
transaction. Write transactions first take one transaction-scoped advisory lock,
so writers of one database run one at a time, as they do on SQLite: a batch's
duplicate check, id choice, cluster choice and template-evidence check all see
the state they commit into. Readers never wait for it (MVCC), and the database
itself still enforces one article per body with a unique index.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

from newsgraph.messages import clip
from newsgraph.store.errors import QueryTimeout, StoreError

__all__ = ["WRITE_LOCK", "Connection", "PooledConnection", "libpq_url", "redacted"]

# The advisory lock key every newsgraph writer takes (an arbitrary constant: "newsgraph" in hex-ish).
WRITE_LOCK = 0x6E657773
# A connection attempt to an unreachable server gives up after this many seconds.
CONNECT_TIMEOUT_S = 5
_EXPECTED = "expected postgresql://user:password@host:port/dbname"


def libpq_url(url: str) -> str:
    """The URL libpq understands: SQLAlchemy's "postgresql+psycopg://" spelled "postgresql://".

    A URL that names no database, or whose port is not a number, is refused here with one
    line, before libpq would fall back on its defaults (the user's name as the database,
    a socket in /var/run) or answer with a message that shows the password."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        raise StoreError(f"malformed database URL {clip(redacted(url))}: {_EXPECTED}")
    target = "postgresql://" + rest
    try:
        parts = urlsplit(target)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number from 0 to 65535
    except ValueError as exc:
        raise StoreError(f"malformed database URL {clip(redacted(url))}: {exc}; {_EXPECTED}") from exc
    if not parts.path.strip("/") and "dbname=" not in parts.query:
        raise StoreError(f"malformed database URL {clip(redacted(url))}: no database name; {_EXPECTED}")
    return target


def redacted(url: str) -> str:
    """The URL without its password, for messages and `Store.location`."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        netloc = parts.netloc.rsplit("@", 1)
        user = netloc[0].split(":", 1)[0]
        return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))
    except ValueError:
        return "postgresql://(malformed URL)"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


class Connection:
    """A connection shared by the threads of one process; a lock keeps each transaction's statements together."""

    def __init__(self, url: str, *, readonly: bool, query_timeout_s: float | None = None) -> None:
        import psycopg

        self._timeout = query_timeout_s
        self.location = redacted(url)
        self.readonly = readonly
        self._lock = threading.RLock()
        try:
            self._conn: psycopg.Connection | None = psycopg.connect(
                libpq_url(url), autocommit=True, connect_timeout=CONNECT_TIMEOUT_S, application_name="newsgraph"
            )
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {self.location}: {_first_line(exc)}") from exc
        except ValueError as exc:  # libpq refuses a malformed URL before connecting
            raise StoreError(f"malformed database URL {self.location}: {_first_line(exc)}") from exc
        if readonly:
            self._conn.read_only = True
        if query_timeout_s is not None:
            # The server cuts off any statement running longer (milliseconds, at least 1).
            self._conn.execute("SELECT set_config('statement_timeout', %s, false)",
                               (str(max(1, round(query_timeout_s * 1000))),))

    @property
    def raw(self):
        if self._conn is None:
            raise StoreError(f"the store {self.location} is closed")
        return self._conn

    @contextmanager
    def transaction(self, *, write: bool) -> Iterator:
        """One transaction: committed when the block ends, rolled back if it raises."""
        import psycopg

        with self._lock:
            conn = self.raw
            if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                raise StoreError("the store is already inside a transaction")
            with _transaction(conn, write=write, location=self.location, timeout=self._timeout):
                yield conn

    def close(self) -> None:
        with self._lock:
            if self._conn is None:
                return
            self._conn.close()
            self._conn = None


@contextmanager
def _transaction(conn, *, write: bool, location: str, timeout: float | None) -> Iterator[None]:
    """A transaction on `conn` (the writers' lock first for a write), its failures as StoreError."""
    import psycopg

    try:
        with conn.transaction():
            if write:
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            yield
    except psycopg.errors.QueryCanceled as exc:
        if timeout is None:
            raise StoreError(f"the query was cancelled: {_first_line(exc)}") from exc
        raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped") from exc
    except psycopg.OperationalError as exc:
        raise StoreError(f"lost the connection to {location}: {_first_line(exc)}") from exc


class PooledConnection:
    """Several connections to one database for the threads of one process (a web server): each
    transaction borrows one from a psycopg_pool.ConnectionPool, so transactions run side by side
    where `Connection` runs them one at a time. Made by `open_store(url, pool=N)`."""

    # A transaction waits this long for a free connection before it fails.
    WAIT_S = 30.0

    def __init__(self, url: str, *, readonly: bool, size: int, query_timeout_s: float | None = None) -> None:
        from psycopg_pool import ConnectionPool, PoolTimeout

        self.location = redacted(url)
        self.readonly = readonly
        self._timeout = query_timeout_s

        def configure(conn) -> None:
            # Each connection the pool makes: read-only and time-limited as a single one would be.
            if readonly:
                conn.read_only = True
            if query_timeout_s is not None:
                conn.execute("SELECT set_config('statement_timeout', %s, false)",
                             (str(max(1, round(query_timeout_s * 1000))),))

        self._pool = ConnectionPool(
            libpq_url(url), min_size=1, max_size=size, open=False, timeout=self.WAIT_S, configure=configure,
            kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S, "application_name": "newsgraph"},
        )
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S + 1)
        except PoolTimeout as exc:
            self._pool.close()
            raise StoreError(f"cannot connect to {self.location}: no connection within {CONNECT_TIMEOUT_S} s") from exc

    @property
    def raw(self):
        raise StoreError("a pooled store has no single connection; use transaction()")

    @contextmanager
    def transaction(self, *, write: bool) -> Iterator:
        """One transaction on a connection borrowed for it: committed when the block ends, rolled back if it raises."""
        from psycopg_pool import PoolTimeout

        try:
            with self._pool.connection() as conn:
                with _transaction(conn, write=write, location=self.location, timeout=self._timeout):
                    yield conn
        except PoolTimeout as exc:
            raise StoreError(f"no free connection to {self.location} within {self.WAIT_S:g} s") from exc

    def close(self) -> None:
        self._pool.close()

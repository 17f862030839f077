"""Numbered forward migrations for the SQLite backend: recorded, each atomic, newer refused.

Each migration runs in its own transaction together with the row that records
it in the `migrations` table, so a database is always at a whole version: a
migration that fails leaves no trace and the error names it. `PRAGMA
user_version` mirrors the count of applied migrations for a quick look from the
sqlite3 shell. A database that records migrations this code does not know was
written by a newer newsgraph and is refused rather than misread.

Migrations are either SQL text (run statement by statement inside the
transaction; `executescript` would commit on its own) or a Python function
taking the connection, for steps that need code (computing signatures).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from newsgraph.store.errors import StoreError

__all__ = ["Migration", "applied_migrations", "check_known", "migrate", "quote_identifier", "split_statements"]


def quote_identifier(name: str) -> str:
    """The one way a table or column name enters SQL text: double-quoted, quotes doubled."""
    if not name or "\x00" in name:
        raise ValueError(f"not a usable SQL identifier: {name!r}")
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    apply: str | Callable[[sqlite3.Connection], None]


def split_statements(sql: str) -> list[str]:
    """Split SQL text into complete statements (trigger bodies keep their inner semicolons)."""
    statements: list[str] = []
    buffer = ""
    for piece in sql.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if _LEADING_COMMENTS.sub("", buffer).strip(" \t\r\n;"):
                statements.append(buffer.strip())
            buffer = ""
    if _LEADING_COMMENTS.sub("", buffer).strip(" \t\r\n;"):
        raise ValueError(f"incomplete SQL statement at the end of a migration: {buffer.strip()[:80]!r}")
    return statements


# Comments before a statement (a statement of nothing but comments is skipped).
_LEADING_COMMENTS = re.compile(r"^(?:\s*(?:--[^\n]*(?:\n|$)|/\*.*?\*/))*", re.DOTALL)


_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    applied_at TEXT NOT NULL
)
"""


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in the database, in the order applied."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
    ).fetchone()
    if exists is None:
        return []
    return [name for (name,) in conn.execute("SELECT name FROM migrations ORDER BY version")]


def check_known(applied: Sequence[str], migrations: Sequence[Migration]) -> None:
    """Refuse a database that records migrations this code does not have."""
    known = [migration.name for migration in migrations]
    applied = list(applied)
    if applied[: len(known)] != known[: len(applied)]:
        raise StoreError(
            f"the database records migrations {applied} that do not match this newsgraph's "
            f"{known[: len(applied)]}; it was not made by a compatible version"
        )
    if len(applied) > len(known):
        raise StoreError(
            f"database schema version {len(applied)} is newer than this newsgraph ({len(known)}); upgrade newsgraph"
        )


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration]) -> list[str]:
    """Apply the migrations the database lacks, each in its own transaction.

    The connection must be in autocommit mode (isolation_level=None), because
    the transactions here are explicit. Returns the names applied now; raises
    StoreError (after rolling that migration back) if one fails, and for a
    database newer than `migrations`.
    """
    if conn.isolation_level is not None:
        raise ValueError("migrate() needs a connection opened with isolation_level=None")
    conn.execute(_MIGRATIONS_TABLE)
    applied = applied_migrations(conn)
    check_known(applied, migrations)
    done: list[str] = []
    for version, migration in enumerate(migrations, start=1):
        if version <= len(applied):
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while this one waited for the lock.
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (migration.name,)).fetchone():
                conn.execute("ROLLBACK")
                continue
            if isinstance(migration.apply, str):
                for statement in split_statements(migration.apply):
                    conn.execute(statement)
            else:
                migration.apply(conn)
            conn.execute(
                "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, migration.name, _now()),
            )
            # PRAGMA takes no parameters; the version is an int we computed.
            conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
        except Exception as exc:
            # Any failure, whatever its class, must leave the database at the previous version.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"migration {migration.name} failed and was rolled back: {exc}") from exc
        done.append(migration.name)
    return done


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")

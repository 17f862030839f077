"""Numbered forward migrations for the PostgreSQL backend: recorded, each atomic, newer refused.

As on SQLite (`store.sqlite.migrations`): each migration runs in its own
transaction together with the row recording it, so a database is always at a
whole version; one this code does not know (a newer newsgraph made it) is
refused. PostgreSQL runs DDL inside transactions, so a failed migration leaves
nothing. Concurrent openers wait on an advisory lock and find the work done.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from newsgraph.store.errors import StoreError
from newsgraph.store.sqlite.migrations import check_known

__all__ = ["Migration", "applied_migrations", "check_known", "migrate"]

# Taken around each migration, so two processes opening a new database do not both build it.
MIGRATION_LOCK = 0x6E6D6967


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    apply: str | Callable[[object], None]  # SQL text (statements separated by ";\n"), or a function of the connection


_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS newsgraph_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    applied_at TEXT NOT NULL
)
"""


def applied_migrations(conn) -> list[str]:
    """Names of the migrations recorded in the database, in the order applied."""
    exists = conn.execute("SELECT to_regclass('newsgraph_migrations')").fetchone()[0]
    if exists is None:
        return []
    return [name for (name,) in conn.execute("SELECT name FROM newsgraph_migrations ORDER BY version")]


def statements(sql: str) -> list[str]:
    """The statements of a migration's SQL: separated by a semicolon at the end of a line."""
    return [part.strip() for part in sql.split(";\n") if part.strip() and not _only_comments(part)]


def _only_comments(part: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in part.splitlines())


def migrate(conn, migrations: Sequence[Migration]) -> list[str]:
    """Apply the migrations the database lacks, each in its own transaction; the names applied now."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute(_MIGRATIONS_TABLE)
    check_known(applied_migrations(conn), migrations)
    done: list[str] = []
    for version, migration in enumerate(migrations, start=1):
        try:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                # Another process may have migrated while this one waited for the lock.
                if conn.execute("SELECT 1 FROM newsgraph_migrations WHERE version = %s", (version,)).fetchone():
                    continue
                if isinstance(migration.apply, str):
                    for statement in statements(migration.apply):
                        conn.execute(statement)
                else:
                    migration.apply(conn)
                conn.execute(
                    "INSERT INTO newsgraph_migrations (version, name, applied_at) VALUES (%s, %s, %s)",
                    (version, migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
                )
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"migration {migration.name} failed and was rolled back: {exc}") from exc
        done.append(migration.name)
    return done

"""The store's schema as a list of named forward migrations.

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

from newsgraph.ingest import dedup


class StoreError(Exception):
    """The store cannot do what was asked; the message says why and what to do."""


class QueryError(StoreError):
    """A search or lookup the caller phrased in a way the store cannot run."""


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


# Scalar contract fields live in columns; `byline` and the annotation lists get
# a child table each, keyed to the article and deleted with it.
_CORE = """
CREATE TABLE articles (
    -- An explicit integer key: FTS5 external content refers to rows by rowid,
    -- and VACUUM may renumber an implicit rowid.
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    url TEXT,
    headline TEXT,
    published TEXT,
    language TEXT NOT NULL,
    reading_minutes INTEGER,
    text TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    site TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_body_hash ON articles (body_hash);
CREATE INDEX articles_cluster ON articles (cluster_id);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_site ON articles (site);
CREATE INDEX articles_source ON articles (source);

-- Every place an article appeared: its own source and each exact duplicate.
CREATE TABLE article_sources (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    url TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('original', 'duplicate')),
    seen_at TEXT NOT NULL,
    PRIMARY KEY (article_id, source)
) WITHOUT ROWID;
CREATE INDEX article_sources_source ON article_sources (source);

-- Inputs already handled with this exact content, so a re-run skips them.
CREATE TABLE processed (
    source TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (source, fingerprint)
) WITHOUT ROWID;

CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    UNIQUE (source, reason)
);
CREATE INDEX errors_at ON errors (at);
"""

_ANNOTATIONS = """
CREATE TABLE bylines (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX bylines_name ON bylines (name);

-- Offsets are Python string indices into `text` (or the field a row names).
-- `extra` keeps keys a later stage adds that have no column yet (JSON object),
-- so a record reads back exactly as it was written.
CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    text TEXT,
    label TEXT,
    name TEXT,
    country TEXT,
    extra TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX entities_name ON entities (name);

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    text TEXT,
    field TEXT,
    kind TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_text TEXT,
    speaker_name TEXT,
    speaker_role TEXT,
    speaker_affiliation TEXT,
    date TEXT,
    extra TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes (speaker_name);
CREATE INDEX quotes_date ON quotes (date);

CREATE TABLE dates (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    text TEXT,
    type TEXT,
    value TEXT,
    extra TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX dates_value ON dates (value);

CREATE TABLE amounts (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    text TEXT,
    value REAL,
    unit TEXT,
    approximate INTEGER,
    extra TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    type TEXT,
    mode TEXT,
    actor_text TEXT,
    actor_name TEXT,
    actor_country TEXT,
    recipient_text TEXT,
    recipient_name TEXT,
    recipient_country TEXT,
    date TEXT,
    amount INTEGER,   -- index into this article's amounts, or NULL
    quote INTEGER,    -- index into this article's quotes, or NULL
    "start" INTEGER,
    "end" INTEGER,
    text TEXT,
    extra TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX events_type ON events (type);
CREATE INDEX events_actor ON events (actor_name);
CREATE INDEX events_date ON events (date);
"""

# External-content FTS5 over articles: snippet() and highlight() need the column
# text, which a contentless table cannot give back, and a plain FTS table would
# store every body a second time. The triggers keep the index in step inside the
# writer's own transaction. Headline and text are separate columns so bm25 can
# weight the headline higher. porter stems English ("sanctions" finds
# "sanction"); unicode61 with remove_diacritics 2 folds accents so "Zelenskyy"
# queries need not match the page's exact diacritics.
_FULL_TEXT = """
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    headline,
    text,
    content = 'articles',
    content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, headline, text) VALUES (new.seq, new.headline, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, headline, text)
    VALUES ('delete', old.seq, old.headline, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, headline, text)
    VALUES ('delete', old.seq, old.headline, old.text);
    INSERT INTO articles_fts (rowid, headline, text) VALUES (new.seq, new.headline, new.text);
END;
-- Articles stored before this migration become searchable too.
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
"""

_NEAR_DUPLICATE_TABLES = """
-- Parameters the stored signatures were made with; later writers must match.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE minhash_signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature BLOB NOT NULL   -- little-endian uint32 MinHash values
) WITHOUT ROWID;

-- One row per (LSH band key, article): candidates for a new article are the
-- articles sharing any of its band keys, found through the primary key index.
CREATE TABLE minhash_bands (
    band TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (band, article_id)
) WITHOUT ROWID;
CREATE INDEX minhash_bands_article ON minhash_bands (article_id);
"""


def _add_near_duplicate_index(conn: sqlite3.Connection) -> None:
    """Create the LSH tables and sign every article already stored."""
    for statement in split_statements(_NEAR_DUPLICATE_TABLES):
        conn.execute(statement)
    conn.executemany(
        "INSERT INTO settings (key, value) VALUES (?, ?)",
        [
            ("minhash_num_perm", str(dedup.DEFAULT_NUM_PERM)),
            ("minhash_bands", str(dedup.DEFAULT_BANDS)),
            ("near_duplicate_threshold", str(dedup.NEAR_DUPLICATE_THRESHOLD)),
        ],
    )
    rows = conn.execute("SELECT id, text FROM articles ORDER BY seq")
    for article_id, text in rows.fetchall():
        signature = dedup.minhash_signature(text, num_perm=dedup.DEFAULT_NUM_PERM)
        bands = dedup.lsh_bands(signature, bands=dedup.DEFAULT_BANDS)
        if not bands:
            continue
        conn.execute(
            "INSERT INTO minhash_signatures (article_id, signature) VALUES (?, ?)",
            (article_id, dedup.signature_to_bytes(signature)),
        )
        conn.executemany(
            "INSERT INTO minhash_bands (band, article_id) VALUES (?, ?)",
            [(band, article_id) for band in bands],
        )


# Quotes are searched by what was said and by who said it. A standalone FTS5
# table (not external content: quotes has no integer rowid) keyed back to the
# quote by (article_id, position), kept in step by triggers.
_QUOTE_SEARCH = """
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text,
    speaker,
    article_id UNINDEXED,
    position UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (text, speaker, article_id, position)
    VALUES (new.text, trim(coalesce(new.speaker_name, '') || ' ' || coalesce(new.speaker_text, '')), new.article_id, new.position);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    DELETE FROM quotes_fts WHERE article_id = old.article_id AND position = old.position;
END;
INSERT INTO quotes_fts (text, speaker, article_id, position)
    SELECT text, trim(coalesce(speaker_name, '') || ' ' || coalesce(speaker_text, '')), article_id, position FROM quotes;
CREATE INDEX quotes_kind ON quotes (kind);
-- The MinHash scheme, so that a later change of hashing is detected rather than mixed in.
INSERT OR IGNORE INTO settings (key, value) VALUES ('minhash_scheme', 'crc32-words-multiply-shift-mersenne61-v1');
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_articles_sources_processed_errors", _CORE),
    Migration("0002_bylines_and_annotation_lists", _ANNOTATIONS),
    Migration("0003_full_text_search", _FULL_TEXT),
    Migration("0004_near_duplicate_index", _add_near_duplicate_index),
    Migration("0005_quote_search", _QUOTE_SEARCH),
)

SCHEMA_VERSION = len(MIGRATIONS)

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


def check_known(applied: Sequence[str], migrations: Sequence[Migration] = MIGRATIONS) -> None:
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
            f"the database is at schema version {len(applied)} ({applied[-1]}), newer than this "
            f"newsgraph knows (version {len(known)}); upgrade newsgraph to open it"
        )


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
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

"""Schema migrations: recorded, forward-only, each atomic, and newer databases refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsgraph.records import Article
from newsgraph.store import MIGRATIONS, SCHEMA_VERSION, Migration, StoreError, open_store
from newsgraph.store.schema import applied_migrations, migrate, split_statements

STORY = (
    "The ferry between Seaville and Northport will run again from June, the port authority said, "
    "after three years in which the crossing was closed over a dispute about docking fees. "
    "Harbour director Ilse Brandt said families on both sides had asked for the line every winter."
)

CONTRACT_TABLES = {
    "articles", "article_sources", "bylines", "entities", "quotes", "dates", "amounts", "events",
    "errors", "processed", "minhash_signatures", "minhash_bands", "articles_fts", "migrations", "settings",
}


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def tables(conn: sqlite3.Connection) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_new_database_gets_every_migration_in_order(tmp_path: Path):
    path = tmp_path / "news.db"
    open_store(path).close()
    with raw(path) as conn:
        assert applied_migrations(conn) == [migration.name for migration in MIGRATIONS]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert CONTRACT_TABLES <= tables(conn)
        versions = [version for (version,) in conn.execute("SELECT version FROM migrations ORDER BY version")]
        assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_migrating_an_up_to_date_database_does_nothing(tmp_path: Path):
    path = tmp_path / "news.db"
    open_store(path).close()
    with raw(path) as conn:
        assert migrate(conn) == []


def test_an_older_database_is_migrated_forward_and_its_articles_indexed(tmp_path: Path):
    path = tmp_path / "old.db"
    conn = raw(path)
    assert migrate(conn, MIGRATIONS[:2]) == [MIGRATIONS[0].name, MIGRATIONS[1].name]
    # An article written by the older version, before search and signatures existed.
    conn.execute(
        "INSERT INTO articles (id, source, language, text, body_hash, cluster_id, ingested_at) "
        "VALUES ('old-1', 'old.txt', 'en', ?, 'h', 'old-1', '2024-01-01T00:00:00+00:00')",
        (STORY,),
    )
    conn.close()

    with open_store(path) as store:
        assert store.stats()["schema_version"] == SCHEMA_VERSION
        assert [hit.id for hit in store.search("ferry")] == ["old-1"]  # FTS rebuilt over old rows
        # The function migration signed the old article, so a new copy clusters with it.
        edited = STORY + " (Reporting by the Coastal Wire desk.)"
        result = store.write_batch([Article(id="new-1", source="new.txt", text=edited, language="en")], [], [])
        assert result.near_duplicates == 1
        assert store.get_article("new-1")["cluster_id"] == "old-1"


def test_a_failing_function_migration_is_rolled_back(tmp_path: Path):
    def half_done(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x INTEGER)")
        conn.execute("INSERT INTO articles (id, source, language, text, body_hash, cluster_id, ingested_at) "
                     "VALUES ('ghost', 's', 'en', 't', 'h', 'ghost', 'now')")
        raise RuntimeError("ran out of disk")

    conn = raw(tmp_path / "news.db")
    broken = [MIGRATIONS[0], Migration("0002_half_done", half_done)]
    with pytest.raises(StoreError, match="migration 0002_half_done failed and was rolled back: ran out of disk"):
        migrate(conn, broken)
    assert "half_done" not in tables(conn)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert applied_migrations(conn) == [MIGRATIONS[0].name]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not conn.in_transaction
    # Fixed, the migration runs on the same database.
    assert migrate(conn, [MIGRATIONS[0], Migration("0002_half_done", "CREATE TABLE half_done (x INTEGER)")]) == [
        "0002_half_done"
    ]


def test_a_failing_sql_migration_keeps_none_of_its_statements(tmp_path: Path):
    conn = raw(tmp_path / "news.db")
    sql = "CREATE TABLE first_part (x INTEGER); CREATE INDEX broken ON no_such_table (x);"
    with pytest.raises(StoreError, match="0002_bad_sql failed.*no_such_table"):
        migrate(conn, [MIGRATIONS[0], Migration("0002_bad_sql", sql)])
    assert "first_part" not in tables(conn)
    assert applied_migrations(conn) == [MIGRATIONS[0].name]


def test_a_newer_database_is_refused(tmp_path: Path):
    path = tmp_path / "news.db"
    open_store(path).close()
    with raw(path) as conn:
        conn.execute(
            "INSERT INTO migrations (version, name, applied_at) VALUES (?, '0099_from_the_future', 'later')",
            (SCHEMA_VERSION + 1,),
        )
    for readonly in (False, True):
        with pytest.raises(StoreError, match=f"schema version {SCHEMA_VERSION + 1}.*newer than this newsgraph.*upgrade"):
            open_store(path, readonly=readonly)


def test_a_database_with_unknown_history_is_refused(tmp_path: Path):
    conn = raw(tmp_path / "news.db")
    migrate(conn, [Migration("0001_someone_elses", "CREATE TABLE t (x)")])
    with pytest.raises(StoreError, match="do not match"):
        migrate(conn)


def test_readonly_does_not_migrate_an_older_database(tmp_path: Path):
    path = tmp_path / "old.db"
    with raw(path) as conn:
        migrate(conn, MIGRATIONS[:1])
    with pytest.raises(StoreError, match="schema version 1.*open it once without read-only"):
        open_store(path, readonly=True)
    with raw(path) as conn:
        assert len(applied_migrations(conn)) == 1


def test_migrate_needs_an_autocommit_connection(tmp_path: Path):
    with pytest.raises(ValueError, match="isolation_level=None"):
        migrate(sqlite3.connect(tmp_path / "news.db"))


def test_split_statements_keeps_trigger_bodies_whole():
    sql = """
    CREATE TABLE a (x);
    CREATE TRIGGER t AFTER INSERT ON a BEGIN
        INSERT INTO a VALUES (1); INSERT INTO a VALUES ('it''s; fine');
    END;
    -- trailing comment
    """
    statements = split_statements(sql)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")
    with pytest.raises(ValueError, match="incomplete"):
        split_statements("CREATE TABLE a (x); CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1;")

"""Schema migrations: recorded, forward-only, each atomic, newer databases refused, older data carried forward."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from newsgraph.records import Amount, Article
from newsgraph.store import ArticleEntry, QuoteFilter, SearchQuery, StoreError, WriteBatch, open_store
from newsgraph.store.sqlite.migrations import Migration, applied_migrations, migrate, split_statements
from newsgraph.store.sqlite.schema import MIGRATIONS, SCHEMA_VERSION

STORY = (
    "The ferry between Seaville and Northport will run again from June, the port authority said, "
    "after three years in which the crossing was closed over a dispute about docking fees. "
    "Harbour director Ilse Brandt said families on both sides had asked for the line every winter."
)

CONTRACT_TABLES = {
    "articles", "article_sources", "bylines", "entities", "quotes", "dates", "amounts", "events",
    "analysis_errors", "errors", "processed", "minhash_signatures", "minhash_bands", "articles_fts", "quotes_fts",
    "migrations", "settings", "template_sites", "template_documents", "template_lines", "article_derivations",
}


def raw(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def tables(conn: sqlite3.Connection) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def old_database(path: Path, version: int) -> sqlite3.Connection:
    """A database as a newsgraph at schema `version` left it."""
    conn = raw(path)
    assert migrate(conn, MIGRATIONS[:version]) == [migration.name for migration in MIGRATIONS[:version]]
    return conn


def insert_old_article(conn: sqlite3.Connection, article_id: str, source: str, text: str, *, at: str,
                       url: str | None = None) -> None:
    """An article row and its own source, as the versions before 0006 wrote them."""
    conn.execute(
        "INSERT INTO articles (id, source, url, language, text, body_hash, cluster_id, ingested_at) "
        "VALUES (?, ?, ?, 'en', ?, ?, ?, ?)",
        (article_id, source, url, text, f"old-hash-{article_id}", article_id, at),
    )
    conn.execute(
        "INSERT INTO article_sources (article_id, source, url, kind, seen_at) VALUES (?, ?, ?, 'original', ?)",
        (article_id, source, url, at),
    )


def write(store, *articles: Article):
    return store.write_batch(WriteBatch(articles=[ArticleEntry(item) for item in articles]))


def test_a_new_database_gets_every_migration_in_order(tmp_path: Path):
    path = tmp_path / "news.db"
    open_store(path).close()
    with raw(path) as conn:
        assert applied_migrations(conn) == [migration.name for migration in MIGRATIONS]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
        assert CONTRACT_TABLES <= tables(conn)
        versions = [version for (version,) in conn.execute("SELECT version FROM migrations ORDER BY version")]
        assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_migrating_an_up_to_date_database_does_nothing(tmp_path: Path):
    path = tmp_path / "news.db"
    open_store(path).close()
    with raw(path) as conn:
        assert migrate(conn, MIGRATIONS) == []


def test_an_older_database_is_migrated_forward_and_its_articles_indexed(tmp_path: Path):
    path = tmp_path / "old.db"
    conn = old_database(path, 2)
    # An article written by the older version, before search and signatures existed.
    conn.execute(
        "INSERT INTO articles (id, source, language, text, body_hash, cluster_id, ingested_at) "
        "VALUES ('old-1', 'old.txt', 'en', ?, 'h', 'old-1', '2024-01-01T00:00:00+00:00')",
        (STORY,),
    )
    conn.close()

    with open_store(path) as store:
        assert store.stats().schema_version == SCHEMA_VERSION
        assert [hit.id for hit in store.search(SearchQuery(text="ferry"))] == ["old-1"]  # FTS rebuilt over old rows
        # The function migration signed the old article, so a new copy clusters with it.
        edited = STORY + " (Reporting by the Coastal Wire desk.)"
        result = write(store, Article(id="new-1", source="new.txt", text=edited, language="en"))
        assert result.near_duplicates == 1
        assert store.get_article("new-1").cluster_id == "old-1"
        # 0006 gave the old row its real body hash: an exact copy is recognised as one.
        copy = write(store, Article(id="copy-1", source="zz/copy.txt", text=STORY.replace(", ", ",\n"), language="en"))
        assert (copy.new, copy.duplicates, copy.ids) == (0, 1, ["old-1"])


def test_one_article_per_body_folds_the_copies_an_older_database_holds(tmp_path: Path):
    path = tmp_path / "old.db"
    conn = old_database(path, 5)
    insert_old_article(conn, "a1", "a/ferry.txt", STORY, at="2024-01-01T00:00:00+00:00", url="https://a.example/f")
    # The same body typed differently, stored again by a version that compared raw hashes.
    insert_old_article(conn, "b1", "b/ferry.txt", STORY.replace(". ", ".\n"), at="2024-01-02T00:00:00+00:00",
                       url="https://b.example/f")
    insert_old_article(conn, "c1", "c/other.txt", "The lighthouse on the north mole gets a new lamp in May.",
                       at="2024-01-03T00:00:00+00:00")
    for article_id in ("a1", "b1"):
        conn.execute(
            "INSERT INTO quotes (article_id, position, \"start\", \"end\", text, field, kind, speaker_text, speaker_name) "
            "VALUES (?, 0, 0, 60, 'the ferry will run again from June', 'text', 'indirect', 'the port authority', NULL)",
            (article_id,),
        )
    conn.close()

    with open_store(path) as store:
        stats = store.stats()
        assert (stats.articles, stats.duplicates_seen) == (2, 1)
        kept = store.get_article("a1")
        assert store.get_article("b1") is None
        assert [(place.source, place.url, place.kind) for place in kept.sources] == [
            ("a/ferry.txt", "https://a.example/f", "original"),
            ("b/ferry.txt", "https://b.example/f", "duplicate"),
        ]
        assert kept.article.text == STORY
        # The folded copy left nothing behind: not its quotes, nor its search entries.
        assert [quote.article_id for quote in store.quotes(QuoteFilter(about="ferry"))] == ["a1"]
        assert [hit.id for hit in store.search(SearchQuery(text="ferry"))] == ["a1"]
        # And the database now refuses a second row with that body, whoever writes it.
        conn = raw(path)
        try:
            body_hash = conn.execute("SELECT body_hash FROM articles WHERE id = 'a1'").fetchone()[0]
            with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
                conn.execute(
                    "INSERT INTO articles (id, source, language, text, body_hash, cluster_id, ingested_at, has_body) "
                    "VALUES ('x', 'x.txt', 'en', 'x', ?, 'x', 'now', 1)",
                    (body_hash,),
                )
        finally:
            conn.close()


def test_folding_keeps_the_copy_whose_source_sorts_first_as_a_new_database_would(tmp_path: Path):
    # The store keeps, among exact copies, the one whose source sorts first, whatever the
    # arrival order; a migrated database must hold what ingesting its inputs anew would.
    path = tmp_path / "old.db"
    conn = old_database(path, 5)
    insert_old_article(conn, "z1", "z/ferry.txt", STORY, at="2024-01-01T00:00:00+00:00")  # older, sorts last
    insert_old_article(conn, "m1", "m/ferry.txt", STORY, at="2024-01-02T00:00:00+00:00")
    conn.close()

    with open_store(path) as store:
        assert store.stats().articles == 1
        kept = store.get_article("m1")
        assert kept is not None and store.get_article("z1") is None
        assert [(place.source, place.kind) for place in kept.sources] == [
            ("m/ferry.txt", "original"), ("z/ferry.txt", "duplicate")
        ]
    with open_store(tmp_path / "fresh.db") as fresh:
        write(fresh, Article(id="z1", source="z/ferry.txt", text=STORY), Article(id="m1", source="m/ferry.txt", text=STORY))
        assert fresh.get_article("m1") is not None and fresh.get_article("z1") is None


def test_amount_ranges_and_kinds_move_from_extra_to_their_columns(tmp_path: Path):
    path = tmp_path / "old.db"
    conn = old_database(path, 6)
    body = "The port will spend EUR2-3m on 40 new moorings, about 5 km of quay."
    conn.execute(
        "INSERT INTO articles (id, source, language, text, body_hash, cluster_id, ingested_at) "
        "VALUES ('m1', 'm.txt', 'en', ?, 'h-m1', 'm1', '2024-02-01T00:00:00+00:00')",
        (body,),
    )
    rows = [
        (0, 20, 28, "EUR2-3m", 2e6, "EUR", 0, json.dumps({"value_max": 3e6, "kind": "money"})),
        (1, 32, 34, "40", 40.0, "mooring", 0, json.dumps({"kind": "quantity", "currency_guess": True})),
        (2, 48, 52, "5 km", 5.0, "km", 1, None),
    ]
    conn.executemany(
        "INSERT INTO amounts (article_id, position, \"start\", \"end\", text, value, unit, approximate, extra) "
        "VALUES ('m1', ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.close()

    with open_store(path) as store:
        amounts = store.get_article("m1").article.amounts
    assert amounts == (
        Amount(start=20, end=28, text="EUR2-3m", value=2e6, unit="EUR", approximate=False, value_max=3e6, kind="money"),
        Amount(start=32, end=34, text="40", value=40.0, unit="mooring", approximate=False, value_max=None,
               kind="quantity"),
        Amount(start=48, end=52, text="5 km", value=5.0, unit="km", approximate=True, value_max=None, kind="quantity"),
    )
    with raw(path) as conn:
        columns = conn.execute(
            "SELECT position, value_max, kind, extra FROM amounts WHERE article_id = 'm1' ORDER BY position"
        ).fetchall()
    # What moved to a column left `extra`; a key with no column stays there.
    assert columns == [(0, 3e6, "money", None), (1, None, "quantity", '{"currency_guess":true}'), (2, None, None, None)]


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
        migrate(conn, MIGRATIONS)


def test_readonly_does_not_migrate_an_older_database(tmp_path: Path):
    path = tmp_path / "old.db"
    with raw(path) as conn:
        migrate(conn, MIGRATIONS[:1])
    with pytest.raises(StoreError, match="schema version 1.*newsgraph migrate --db"):
        open_store(path, readonly=True)
    with raw(path) as conn:
        assert len(applied_migrations(conn)) == 1


def test_migrate_needs_an_autocommit_connection(tmp_path: Path):
    with pytest.raises(ValueError, match="isolation_level=None"):
        migrate(sqlite3.connect(tmp_path / "news.db"), MIGRATIONS)


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


def test_newsgraph_migrate_brings_an_older_database_up_to_date(tmp_path: Path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    path = tmp_path / "old.db"
    old_database(path, 3).close()
    runner = CliRunner()
    refused = runner.invoke(app, ["stats", "--db", str(path)])
    assert refused.exit_code != 0 and "newsgraph migrate --db" in " ".join(refused.output.split())
    done = runner.invoke(app, ["migrate", "--db", str(path)])
    assert done.exit_code == 0 and f"schema version {SCHEMA_VERSION}" in " ".join(done.output.split())
    assert runner.invoke(app, ["stats", "--db", str(path)]).exit_code == 0
    missing = runner.invoke(app, ["migrate", "--db", str(tmp_path / "typo.db")])
    assert missing.exit_code != 0 and not (tmp_path / "typo.db").exists()

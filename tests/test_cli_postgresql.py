"""Every command with `--db postgresql://...` against the session's throwaway server answers as it
does on SQLite for the same input, and bad database URLs, a wrong password, an unreachable server
and a database of a newer schema are each one line and exit status 1 with nothing written.

Where the backends legitimately differ the outputs are normalised, and only there: search ranks
with bm25 on SQLite and ts_rank on PostgreSQL (so hits are compared as a set, without score and
snippet); stats' path, file size and schema version are each backend's own; times of day.
"""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from conftest import HTML_PAGE, JSONL_RECORDS, TEXT_SCRAPE
from test_export_import import made_article
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.store import StoreError, WriteBatch, open_store
from newsgraph.store.sqlite.schema import SCHEMA_VERSION as SQLITE_VERSION


def cli(*args):
    return CliRunner().invoke(app, [str(arg) for arg in args])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Raw inputs for ingest (one of them unusable, for `errors`) and analysed records for import."""
    root = tmp_path_factory.mktemp("cli-corpus")
    (root / "raw").mkdir()
    (root / "raw" / "ferry.txt").write_text(TEXT_SCRAPE, encoding="utf-8")
    (root / "raw" / "farmers.html").write_text(HTML_PAGE, encoding="utf-8")
    (root / "raw" / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in JSONL_RECORDS), encoding="utf-8")
    (root / "raw" / "empty.txt").write_text("", encoding="utf-8")
    records = [made_article(n, random.Random(n)).to_dict() for n in range(24)]
    (root / "analysed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def databases(corpus, postgres_server, tmp_path_factory):
    """The same inputs ingested and imported into a SQLite file and a PostgreSQL database."""
    url = postgres_server.create_database()
    found = {"sqlite": str(tmp_path_factory.mktemp("cli-sqlite") / "news.db"), "postgresql": url, "outputs": {}}
    for backend in ("sqlite", "postgresql"):
        db = found[backend]
        ingested = cli("ingest", corpus / "raw", "--db", db, "--no-analysis", "--engine", "serial", "--json")
        imported = cli("import", corpus / "analysed.jsonl", "--db", db)
        found["outputs"][backend] = {"ingest": ingested, "import": imported}
    yield found
    postgres_server.drop_database(url)


def _without(value, *keys):
    if isinstance(value, list):
        return [_without(item, *keys) for item in value]
    if isinstance(value, dict):
        return {k: _without(v, *keys) for k, v in value.items() if k not in keys}
    return value


def test_ingest_and_import_give_the_same_summaries(databases):
    sqlite_run, postgres_run = databases["outputs"]["sqlite"], databases["outputs"]["postgresql"]
    for run in (sqlite_run, postgres_run):
        assert run["ingest"].exit_code == 0, run["ingest"].output
        assert run["import"].exit_code == 0, run["import"].output
    summaries = [json.loads(run["ingest"].stdout) for run in (sqlite_run, postgres_run)]
    assert _without(summaries[0], "seconds") == _without(summaries[1], "seconds")
    assert summaries[0]["new"] == 4 and summaries[0]["failed"] == 1
    lines = [run["import"].output.strip().splitlines()[-1].split(" (")[0] for run in (sqlite_run, postgres_run)]
    assert lines[0] == lines[1] == "24 records read: 24 new, 0 duplicates, 0 already stored, 0 failed"


# Each listing command with --json, its options, and the keys that are each backend's own.
COMMANDS = [
    (("quotes", "--limit", "50"), ()),
    (("quotes", "--speaker", "Esser", "--since", "2024-03"), ()),
    (("quotes", "--about", "ferry OR harbour"), ()),
    (("speakers",), ()),
    (("events", "--type", "AGREE"), ()),
    (("entities", "--label", "GPE"), ()),
    (("errors",), ("at",)),
    (("show", "made-00003"), ("ingested_at", "seen_at")),
    (("show", "wire-001"), ("ingested_at", "seen_at")),
    (("stats",), ("path", "db_bytes", "schema_version")),
]


@pytest.mark.parametrize(("args", "own"), COMMANDS, ids=[" ".join(args) for args, _ in COMMANDS])
def test_each_command_answers_as_on_sqlite(databases, args, own):
    answers = []
    for backend in ("sqlite", "postgresql"):
        done = cli(*args, "--db", databases[backend], "--json")
        assert done.exit_code == 0, done.output
        answers.append(_without(json.loads(done.stdout), *own))
    assert answers[0] == answers[1]
    assert answers[0], "the command found nothing to compare"


def test_search_finds_the_same_articles(databases):
    found = []
    for backend in ("sqlite", "postgresql"):
        done = cli("search", "ferry OR harbour OR library", "--db", databases[backend], "--json", "--limit", "50")
        assert done.exit_code == 0, done.output
        hits = _without(json.loads(done.stdout), "score", "snippet")
        found.append(sorted(hits, key=lambda hit: hit["id"]))
    assert found[0] == found[1] and len(found[0]) >= 3


@pytest.mark.parametrize("args", [("quotes",), ("events",), ("entities",), ("errors",), ("stats",)])
def test_the_tables_are_the_same_and_never_show_the_password(databases, postgres_server, args):
    shown = {backend: cli(*args, "--db", databases[backend]) for backend in ("sqlite", "postgresql")}
    assert shown["postgresql"].exit_code == 0, shown["postgresql"].output
    assert postgres_server.password not in shown["postgresql"].output
    if args != ("stats",):  # stats shows the database's size and name, each backend's own
        assert shown["sqlite"].output == shown["postgresql"].output


def test_export_answers_as_on_sqlite(databases, tmp_path):
    for what in ("articles", "quotes", "entities"):
        outputs = [cli("export", "--what", what, "--db", databases[backend]) for backend in ("sqlite", "postgresql")]
        assert outputs[0].exit_code == outputs[1].exit_code == 0
        assert outputs[0].stdout == outputs[1].stdout and outputs[0].stdout


# --- bad input to the new surfaces ------------------------------------------------------------

def one_line_error(done) -> str:
    lines = done.output.strip().splitlines()
    assert done.exit_code == 1, done.output
    assert len(lines) == 1 and lines[0].startswith("error: "), done.output
    return lines[0]


@pytest.mark.parametrize(("url", "expected"), [
    ("postgresql://", "error: malformed database URL 'postgresql://': no database name; expected postgresql://"),
    ("postgres:/news", "error: malformed database URL 'postgres:/news': expected postgresql://"),
    ("mysql://db.example/news", "error: unsupported database URL 'mysql://db.example/news': use a file path"),
    ("postgresql://news:s3cret@db.example:port/news", "error: malformed database URL 'postgresql://news:***@"),
])
@pytest.mark.parametrize("command", ["ingest", "stats", "import", "export"])
def test_a_malformed_url_is_one_line_and_nothing_is_made(url, expected, command, corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = {"ingest": ("ingest", corpus / "raw" / "ferry.txt", "--no-analysis", "--engine", "serial"),
            "import": ("import", corpus / "analysed.jsonl"), "stats": ("stats",), "export": ("export",)}[command]
    line = one_line_error(cli(*args, "--db", url))
    assert line.startswith(expected)
    assert "s3cret" not in line
    assert list(tmp_path.iterdir()) == []  # no file made of a URL


@pytest.mark.parametrize("command", ["ingest", "stats", "import"])
def test_a_wrong_password_is_one_line_without_the_password(postgres_server, corpus, command):
    url = postgres_server.url("newsgraph_tests", password="not-the-password")
    args = {"ingest": ("ingest", corpus / "raw" / "ferry.txt", "--no-analysis", "--engine", "serial"),
            "import": ("import", corpus / "analysed.jsonl"), "stats": ("stats",)}[command]
    line = one_line_error(cli(*args, "--db", url))
    assert line.startswith("error: cannot connect to postgresql://newsgraph:***@/newsgraph_tests")
    assert "password authentication failed" in line and "not-the-password" not in line


def test_an_unreachable_server_fails_fast():
    started = time.monotonic()
    line = one_line_error(cli("stats", "--db", "postgresql://news:s3cret@127.0.0.1:1/news"))
    assert time.monotonic() - started < 15  # the CLI's own start-up included, on a loaded machine
    assert line.startswith("error: cannot connect to postgresql://news:***@127.0.0.1:1/news: ")
    assert "s3cret" not in line


def _claim_a_newer_schema(db: str) -> int:
    """Record one migration more than this newsgraph has (as a newer newsgraph would); the version now."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            version = conn.execute("SELECT count(*) FROM newsgraph_migrations").fetchone()[0] + 1
            conn.execute("INSERT INTO newsgraph_migrations VALUES (%s, '9999_from_the_future', 'later')", (version,))
        return version
    with sqlite3.connect(db) as conn:
        version = conn.execute("SELECT count(*) FROM migrations").fetchone()[0] + 1
        conn.execute("INSERT INTO migrations VALUES (?, '9999_from_the_future', 'later')", (version,))
        conn.execute(f"PRAGMA user_version = {version}")
    return version


def _articles(db: str) -> int:
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_a_database_of_a_newer_schema_is_refused_and_left_alone(new_database, corpus, store_backend):
    db = str(new_database())
    open_store(db).close()
    version = _claim_a_newer_schema(db)
    ours = version - 1
    if store_backend == "sqlite":
        assert ours == SQLITE_VERSION
    expected = f"error: database schema version {version} is newer than this newsgraph ({ours}); upgrade newsgraph"
    for args in (("stats",), ("quotes",), ("export",), ("import", corpus / "analysed.jsonl"),
                 ("ingest", corpus / "raw", "--no-analysis", "--engine", "serial")):
        assert one_line_error(cli(*args, "--db", db)) == expected
    assert _articles(db) == 0


def test_ingest_summary_and_show_never_show_the_password(databases, postgres_server, corpus):
    again = cli("ingest", corpus / "raw", "--db", databases["postgresql"], "--no-analysis", "--engine", "serial")
    assert again.exit_code == 0, again.output
    assert "already ingested (skipped)" in again.output and postgres_server.password not in again.output
    missing = one_line_error(cli("show", "no-such-article", "--db", databases["postgresql"]))
    assert missing.startswith("error: no article with id") and postgres_server.password not in missing


# --- a pooled store (for a web server's threads) -----------------------------------------------

def test_a_pooled_store_runs_transactions_side_by_side(databases):
    url = databases["postgresql"]
    with open_store(url, readonly=True) as single:
        walk = single.iter_articles()
        next(walk)  # an export's walk holds the one connection's transaction open
        with pytest.raises(StoreError, match="already inside a transaction"):
            single.stats()
        walk.close()
    with open_store(url, readonly=True, pool=3) as pooled:
        walk = pooled.iter_articles()
        first = next(walk)
        assert pooled.stats().articles == 28  # on another of the pool's connections
        assert [first.id, *(article.id for article in walk)] == [a.id for a in pooled.iter_articles()]
        answers: list[int] = []
        threads = [threading.Thread(target=lambda: answers.append(len(pooled.quotes(limit=100)))) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert answers == [24] * 6
        with pytest.raises(StoreError, match="open read-only"):
            pooled.write_batch(WriteBatch())


def test_a_pooled_store_reports_a_wrong_password_as_one_line(postgres_server):
    with pytest.raises(StoreError) as raised:
        open_store(postgres_server.url("newsgraph_tests", password="not-the-password"), pool=2)
    assert "password authentication failed" in str(raised.value) and "not-the-password" not in str(raised.value)

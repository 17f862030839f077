"""Killing a real ingest process mid-run loses nothing committed, and a re-run completes the rest."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import count_articles, engine_flags, write_generated_corpus

from newsgraph.store import open_store

ARTICLES = 1500


def ingest_command(corpus: Path, db: Path, mode: str = "local") -> list[str]:
    # Without the spaCy analysis: what is tested is the commit protocol, and it keeps the test quick.
    return [sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus), "--db", str(db), "--batch-size", "8", "--json",
            "--no-analysis", *engine_flags(mode)]


def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path: Path, engine_mode: str):
    corpus = tmp_path / "corpus"
    write_generated_corpus(corpus, ARTICLES)
    db = tmp_path / "news.db"

    process = subprocess.Popen(ingest_command(corpus, db, engine_mode), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    committed = 0
    while time.monotonic() < deadline and process.poll() is None:
        committed = count_articles(db)
        if committed >= 40:
            break
        time.sleep(0.02)
    assert process.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    # A reader works while the ingest is writing.
    with open_store(db, readonly=True) as reader:
        assert reader.search("council", limit=5)
    assert process.poll() is None, "ingest finished before it could be killed; make the corpus larger"

    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    after_kill = count_articles(db)
    assert 40 <= after_kill < ARTICLES

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # Every committed article is whole: its full-text row is there too.
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == after_kill

    rerun = subprocess.run(ingest_command(corpus, db, engine_mode), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["skipped"] >= after_kill
    assert summary["new"] == ARTICLES - after_kill
    assert summary["duplicates"] == 0

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == ARTICLES
        assert conn.execute("SELECT count(DISTINCT body_hash) FROM articles").fetchone()[0] == ARTICLES
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == ARTICLES

    third = json.loads(subprocess.run(ingest_command(corpus, db), capture_output=True, text=True, timeout=300).stdout)
    assert third["new"] == 0 and third["skipped"] == ARTICLES

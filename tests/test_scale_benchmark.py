"""benchmarks/scale.py on a small SQLite store: it loads, times every query, and ends with its summary line."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"scale backend=sqlite articles=50 quotes=(\d+) load_per_s=(\d+\.\d) p95_ms_max=(\d+\.\d)")
QUERIES = ("quotes_by_speaker", "quotes_by_words", "quotes_by_speaker_and_dates", "search_word", "search_phrase",
           "search_or", "speakers", "article", "stats")


def test_scale_benchmark_loads_measures_and_ends_with_its_summary(tmp_path):
    db = tmp_path / "scale.db"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "scale.py"), "--articles", "50", "--db", str(db),
         "--parameters", "4", "--repeats", "1"],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    summary = SUMMARY.fullmatch(lines[-1])
    assert summary, lines[-1]
    for name in QUERIES:
        assert any(line.startswith(f"query {name}: p50_ms=") for line in lines), name
    assert any(line.startswith("load all: 50 articles") for line in lines)
    with sqlite3.connect(db) as conn:
        stored_articles, stored_quotes = conn.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes)").fetchone()
    assert stored_articles == 50
    # About ten quotations per article, and the summary counts what was stored.
    assert int(summary.group(1)) == stored_quotes and 7 * 50 <= stored_quotes <= 13 * 50
    assert float(summary.group(2)) > 0


def test_scale_benchmark_measures_a_load_stopped_early_as_what_it_holds(tmp_path):
    """--skip-load on a store holding fewer articles than --articles asks (a load stopped early):
    the articles timed are the stored ones and the summary counts those."""
    db = tmp_path / "scale.db"
    command = [sys.executable, str(ROOT / "benchmarks" / "scale.py"), "--db", str(db), "--parameters", "3",
               "--repeats", "1"]
    loaded = subprocess.run([*command, "--articles", "20"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    measured = subprocess.run([*command, "--articles", "60", "--skip-load", "--only", "article,stats"],
                              capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert measured.returncode == 0, measured.stderr[-2000:]
    lines = measured.stdout.strip().splitlines()
    assert "load skipped: 20 articles stored" in lines
    assert re.fullmatch(r"scale backend=sqlite articles=20 quotes=\d+ load_per_s=0\.0 p95_ms_max=\d+\.\d", lines[-1])
    timed = [line for line in lines if line.startswith("query ")]
    assert [line.split(":")[0] for line in timed] == ["query article", "query stats"]
    assert all(re.search(r" cpu_p50_ms=\d+\.\d cpu_p95_ms=\d+\.\d$", line) for line in timed)

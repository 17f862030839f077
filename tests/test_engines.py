"""Every engine (serial, local worker processes, Ray) gives the same records, and
none lets one document crash, hang or stop a run.

Ray runs as a local runtime started here (2 CPUs, no dashboard); the Ray tests
skip, saying why, only where the `ray` package cannot be imported.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SHARED_DATA, count_articles, marked_processes, write_site_scrapes

from newsgraph.engine import EngineOptions, run_extract, run_ingest
from newsgraph.engine.passes import TimeLimits
from newsgraph.nlp.analyze import Analyzer
from newsgraph.records import Article
from newsgraph.store import open_store

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "corpus"


def _extracted(paths, engine: str, workers: int, analyzer: Analyzer | None) -> list[dict]:
    options = EngineOptions(engine=engine, workers=workers)
    records = [item.article.to_dict() for item in run_extract(paths, options=options, analyzer=analyzer)
               if item.article is not None]
    return sorted(records, key=lambda r: (r["id"], r["source"]))


@pytest.fixture(scope="module")
def serial_records() -> list[dict]:
    return _extracted([SAMPLES], "serial", 1, Analyzer())


@pytest.mark.parametrize("engine", [("local", 2), ("ray", 2)], indirect=True, ids=lambda e: e[0])
def test_every_engine_extracts_the_same_analysed_records(engine, serial_records):
    name, workers = engine
    records = _extracted([SAMPLES], name, workers, Analyzer())
    assert len(records) == len(serial_records) > 30
    assert sum(len(r["quotes"]) for r in records) > 20  # analysed, not just cleaned
    for got, expected in zip(records, serial_records):
        assert json.dumps(got, sort_keys=True) == json.dumps(expected, sort_keys=True), got["source"]


POLNEAR_DEV = SHARED_DATA / "polnear" / "dev" / "text"


@pytest.mark.slow
@pytest.mark.skipif(not POLNEAR_DEV.is_dir(), reason=f"PolNeAR dev is not at {POLNEAR_DEV}")
def test_every_engine_gives_the_same_records_on_polnear_dev(ray_runtime):
    serial = _extracted([POLNEAR_DEV], "serial", 1, Analyzer())
    assert len(serial) == 84
    for name in ("local", "ray"):
        records = _extracted([POLNEAR_DEV], name, 2, Analyzer())
        assert [json.dumps(r, sort_keys=True) for r in records] == [json.dumps(r, sort_keys=True) for r in serial], name


@pytest.mark.parametrize("engine", [("local", 2), ("ray", 2)], indirect=True, ids=lambda e: e[0])
def test_extract_writes_records_in_input_order_on_every_engine(engine, tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    names = [f"{n:03d}.txt" for n in range(40)]
    for n, name in enumerate(names):
        (folder / name).write_text(f"Council vote number {n}\n\nThe council voted {n} times on Monday about "
                                   f"the harbour and its {n} berths, members said.\n", encoding="utf-8")
    options = EngineOptions(engine=engine[0], workers=engine[1])
    sources = [Path(item.source).name for item in run_extract([folder], options=options)]
    assert sources == names


@dataclass
class FaultyAnalyzer(Analyzer):
    """The real analysis, except that a text saying CRASH kills its process and one
    saying HANG never returns: what a bug in a C extension or a runaway regex does."""

    def analyze(self, article: Article) -> Article:
        if "CRASH" in article.text:
            os._exit(3)
        if "HANG" in article.text:
            time.sleep(3600)
        return super().analyze(article)


def _faulty_corpus(folder: Path) -> None:
    folder.mkdir()
    for n in range(6):
        (folder / f"good-{n}.txt").write_text(
            f"Harbour plan number {n} approved\n\nThe council approved harbour plan {n} on Tuesday, "
            f"and \u201cthe work starts in May,\u201d said the mayor, Ana Lind.\n", encoding="utf-8")
    (folder / "crash.txt").write_text("Parser CRASH report\n\nThis text makes the worker CRASH at once.\n",
                                      encoding="utf-8")
    (folder / "hang.txt").write_text("Parser HANG report\n\nThis text makes the worker HANG for an hour.\n",
                                     encoding="utf-8")


@pytest.mark.parametrize("engine", [("local", 2), ("ray", 2)], indirect=True, ids=lambda e: e[0])
def test_a_document_that_crashes_or_hangs_its_worker_is_its_own_failure(engine, tmp_path: Path):
    folder = tmp_path / "in"
    _faulty_corpus(folder)
    options = EngineOptions(engine=engine[0], workers=engine[1], limits=TimeLimits(base_seconds=20))
    started = time.monotonic()
    with open_store(tmp_path / "news.db") as store:
        summary = run_ingest([folder], store, options=options, analyzer=FaultyAnalyzer(only=["entities"]))
    assert time.monotonic() - started < 300
    assert (summary.new, summary.failed) == (6, 2)
    reasons = {Path(f.source).name: f.reason for f in summary.failures}
    assert "died while handling it" in reasons["crash.txt"]
    assert "time limit of 20 s" in reasons["hang.txt"]
    with open_store(tmp_path / "news.db", readonly=True) as store:
        assert {Path(e.source).name for e in store.errors()} == {"crash.txt", "hang.txt"}
        assert store.stats().articles == 6


def cli(*args: object, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsgraph.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=600, **kwargs)


def test_ctrl_c_stops_cleanly_and_the_same_command_finishes_the_run(engine_mode: str, tmp_path: Path):
    engine = engine_mode
    root = tmp_path / "corpus"
    write_site_scrapes(root, 300)
    db = tmp_path / "news.db"
    marker = f"NEWSGRAPH_TEST_RUN={uuid.uuid4().hex}"
    env = dict(os.environ, **dict([marker.split("=")]))
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(root), "--db", str(db), "--no-analysis",
               "--batch-size", "4", "--engine", engine, "--workers", "2"]
    # Ctrl-C as a terminal sends it: a runner started in the background (`.ci/run &` from a script)
    # passes SIGINT on ignored, and a child that inherits that never sees it.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if count_articles(db) >= 8:
            break
        time.sleep(0.02)
    assert process.poll() is None, "ingest finished before Ctrl-C"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in stderr
    assert "stopped by Ctrl-C" in stderr and "run the same command again" in stderr
    time.sleep(0.5)
    assert marked_processes(marker) == [], "a worker outlived the stopped run"
    assert cli("ingest", root, "--db", db, "--no-analysis").returncode == 0
    clean = tmp_path / "clean.db"
    assert cli("ingest", root, "--db", clean, "--no-analysis", "--engine", "serial").returncode == 0
    assert _all_articles(db) == _all_articles(clean)


def _all_articles(db: Path) -> list[tuple]:
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT id, headline, text FROM articles ORDER BY id").fetchall()
    return rows


def test_a_ray_cluster_that_cannot_be_reached_is_one_line(tmp_path: Path):
    pytest.importorskip("ray", reason="the ray package is not installed (pip install 'newsgraph[ray]')")
    folder = tmp_path / "in"
    _faulty_corpus(folder)
    result = cli("ingest", folder, "--db", tmp_path / "news.db", "--engine", "ray", "--ray-address", "127.0.0.1:1")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["error: cannot reach the Ray cluster at 127.0.0.1:1: Connection refused"]


def test_progress_moves_as_documents_come_back_not_per_committed_batch(tmp_path: Path):
    folder = tmp_path / "in"
    _faulty_corpus(folder)
    (folder / "crash.txt").unlink()
    (folder / "hang.txt").unlink()
    seen: list[str] = []
    with open_store(tmp_path / "news.db") as store:
        run_ingest([folder], store, options=EngineOptions(chunk_size=4),
                   on_derived=lambda item: seen.append("back"), on_document=lambda item, s: seen.append("written"))
    # Six documents in batches of four: each batch comes back whole before it is written.
    assert seen == ["back"] * 4 + ["written"] * 4 + ["back"] * 2 + ["written"] * 2

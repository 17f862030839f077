"""Nothing crashes a batch, nothing is lost, the same input gives the same records.

One test (or more) per finding of the reliability review; the decoding and JSON
Lines findings are tested with their readers (test_decoding, test_sources).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import (count_articles, descendants, engine_flags, marked_processes, start_times, still_running,
                      write_site_scrapes)

import newsgraph
from newsgraph.engine import EngineOptions, run_ingest
from newsgraph.nlp.analyze import Analyzer
from newsgraph.nlp.model import load_nlp
from newsgraph.nlp.registry import Step
from newsgraph.nlp.steps import STEPS
from newsgraph.store import EvidenceChanged, open_store

STORY = (
    "Ferry talks resume between the islands\n\n"
    "Officials from the two island councils met on Thursday to discuss restarting the winter ferry, "
    "which stopped running after the operator went bankrupt last spring.\n\n"
    "\u201cBoth sides want the boat back before the first storms,\u201d said council member Rita Sand.\n"
)


def cli(*args: object, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsgraph.cli", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=600, **kwargs)


def stored_records(db: Path) -> list[dict]:
    """Every stored article as its contract record plus the places it appeared, sorted by id."""
    with open_store(db, readonly=True) as store, sqlite3.connect(db) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]
        records = []
        for article_id in ids:
            stored = store.get_article(article_id)
            record = stored.article.to_dict()
            record["appeared"] = sorted(place.source for place in stored.sources)
            records.append(record)
    return records


def relative(records: list[dict], root: Path) -> list[dict]:
    """Records with the corpus root cut from every source, so two copies of a corpus compare."""
    prefix = str(root) + os.sep
    out = []
    for record in records:
        record = dict(record, source=record["source"].replace(prefix, ""))
        record["appeared"] = sorted(s.replace(prefix, "") for s in record["appeared"])
        out.append(record)
    return sorted(out, key=lambda r: r["id"])


# --- finding 1: a long document aborts the whole batch ------------------------------------

def test_a_text_longer_than_the_model_takes_is_stored_with_the_rest(tmp_path: Path, monkeypatch):
    # spaCy refuses texts over nlp.max_length (E088); a lower limit stands in for a 2 MB file.
    monkeypatch.setattr(load_nlp(), "max_length", 5_000)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    paragraph = "The council met again on Tuesday to discuss the budget, the harbour and the ferry.\n\n"
    (folder / "long.txt").write_text("Council budget marathon\n\n" + paragraph * 400, encoding="utf-8")
    summary = newsgraph.ingest_files([folder], db=tmp_path / "news.db")
    assert (summary.new, summary.failed, summary.analysis_failed) == (2, 0, 0)
    with open_store(tmp_path / "news.db", readonly=True) as store:
        long_article = next(store.get_article(h.id) for h in store.search("marathon"))
        assert len(long_article.article.text) > 5 * 5_000
        assert len(long_article.article.dates) >= 400  # every "Tuesday", offsets into the whole text
        for date in long_article.article.dates:
            assert long_article.article.text[date.start:date.end] == date.text


# --- finding 2: the same files under two folder paths store duplicates --------------------

def test_concurrent_ingests_of_the_same_files_in_two_folders_store_each_article_once(tmp_path: Path, engine_mode: str):
    first = tmp_path / "copy-one"
    write_site_scrapes(first, 30)
    second = tmp_path / "copy-two"
    shutil.copytree(first, second)
    db = tmp_path / "news.db"
    open_store(db).close()  # created once, so both start on a migrated schema
    runs = [subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "ingest", str(folder), "--db", str(db),
                              "--no-analysis", "--batch-size", "4", "--json", *engine_flags(engine_mode)],
                             stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
            for folder in (first, second)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 60
        assert conn.execute("SELECT count(DISTINCT body_hash) FROM articles").fetchone()[0] == 60
        places = conn.execute("SELECT article_id, count(*) FROM article_sources GROUP BY article_id").fetchall()
    assert {count for _, count in places} == {2}  # each article appeared once in each copy
    # The stored records are those one ingest of one copy gives.
    alone = tmp_path / "alone.db"
    assert cli("ingest", first, "--db", alone, "--no-analysis").returncode == 0
    together = [dict(r, appeared=[]) for r in relative(stored_records(db), tmp_path)]
    single = [dict(r, appeared=[]) for r in relative(stored_records(alone), tmp_path)]
    assert together == single


# --- finding 3: records depend on what else is in the run ---------------------------------

def _ingest(paths, db: Path, **options) -> None:
    with open_store(db) as store:
        run_ingest(paths, store, options=EngineOptions(**options))


@pytest.fixture(scope="module")
def site_corpus(tmp_path_factory) -> tuple[Path, list[Path], list[dict]]:
    root = tmp_path_factory.mktemp("sites")
    paths = write_site_scrapes(root, 9)
    # An exact copy under another name: which of the two is stored must not depend on order.
    shutil.copy(paths[3], paths[3].with_name("zz-copy.txt"))
    paths.append(paths[3].with_name("zz-copy.txt"))
    whole = root.parent / f"{root.name}-whole.db"
    _ingest([root], whole)
    return root, paths, relative(stored_records(whole), root)


@pytest.mark.parametrize("seed", range(4))
def test_split_shuffled_and_rebatched_runs_store_the_same_records(site_corpus, tmp_path: Path, seed: int):
    root, paths, whole = site_corpus
    rng = random.Random(seed)
    order = paths[:]
    rng.shuffle(order)
    cut = rng.randrange(1, len(order))
    db = tmp_path / "split.db"
    _ingest(order[:cut], db, chunk_size=rng.choice([1, 3, 64]))
    _ingest(order[cut:], db, chunk_size=rng.choice([2, 5, 64]))
    assert relative(stored_records(db), root) == whole


def test_a_page_ingested_alone_is_rederived_when_its_site_arrives(site_corpus, tmp_path: Path):
    root, paths, whole = site_corpus
    db = tmp_path / "lone.db"
    _ingest([paths[0]], db)
    alone = relative(stored_records(db), root)
    assert "Tidewater Ledger" in alone[0]["text"]  # no evidence yet: the slogan reads as text
    _ingest([root], db)
    assert relative(stored_records(db), root) == whole
    assert all("Tidewater Ledger" not in record["text"] for record in whole)


def test_worker_processes_store_the_same_records(site_corpus, tmp_path: Path):
    root, _, whole = site_corpus
    db = tmp_path / "workers.db"
    _ingest([root], db, workers=2)
    assert relative(stored_records(db), root) == whole


def test_extract_gives_the_records_ingest_stores_in_any_order(site_corpus, tmp_path: Path):
    root, paths, whole = site_corpus
    shuffled = paths[:]
    random.Random(3).shuffle(shuffled)
    prefix = str(root) + os.sep
    extracted = {a.source.replace(prefix, ""): dict(a.to_dict(), source=a.source.replace(prefix, ""))
                 for a in newsgraph.extract(shuffled, analysis=False)}
    assert len(extracted) == len(paths)  # extract keeps exact copies: it stores nothing to compare with
    for record in whole:
        assert extracted[record["source"]] == {k: v for k, v in record.items() if k != "appeared"}


def test_killed_and_resumed_ingest_stores_what_one_clean_run_stores(tmp_path: Path):
    root = tmp_path / "corpus"
    write_site_scrapes(root, 150)
    clean = tmp_path / "clean.db"
    assert cli("ingest", root, "--db", clean, "--no-analysis", "--workers", "1").returncode == 0
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(root), "--db", str(db), "--no-analysis",
               "--batch-size", "4", "--workers", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and count_articles(db) < 20:
        time.sleep(0.02)
    assert process.poll() is None, "ingest finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert cli("ingest", root, "--db", db, "--no-analysis", "--workers", "1").returncode == 0
    assert relative(stored_records(db), root) == relative(stored_records(clean), root)


# --- finding 6: an exception inside the analysis of one article is hidden -----------------

def test_an_analysis_failure_is_counted_stored_and_marked(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "b.txt").write_text(STORY.replace("Rita Sand", "Ole Berg").replace("Thursday", "Friday"), encoding="utf-8")

    def broken(article, doc):
        if "Ole Berg" in article.text:
            raise IndexError("list index out of range")
        return STEPS[3].run(article, doc)

    steps = tuple(Step(s.name, s.assigns, broken, s.needs) if s.name == "quotes" else s for s in STEPS)
    db = tmp_path / "news.db"
    with open_store(db) as store:
        summary = run_ingest([folder], store, analyzer=Analyzer(steps=steps))
    assert (summary.new, summary.failed, summary.analysis_failed) == (2, 0, 1)
    assert any("quotes failed: IndexError: list index out of range" in p.reason for p in summary.problems)
    with open_store(db, readonly=True) as store:
        errors = [e for e in store.errors() if e.kind == "analysis"]
        assert {Path(e.source).name for e in errors} == {"b.txt"}
        marked = next(store.get_article(h.id) for h in store.search('"Ole Berg"')).article
        # The failing step, then those that read its list and so could not run.
        assert [e.step for e in marked.analysis_errors] == ["quotes", "quote_dates", "events"]
        assert marked.quotes == () and marked.entities  # the steps that did not fail still ran
        whole = next(store.get_article(h.id) for h in store.search('"Rita Sand"')).article
        assert whole.analysis_errors == () and whole.quotes
    result = cli("ingest", folder, "--db", tmp_path / "cli.db", "--strict")
    assert result.returncode == 0  # the real extractors do not fail on these texts


# --- finding 7: orphaned worker processes -------------------------------------------------

@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to find the processes")
@pytest.mark.parametrize("mode", ["local", "ray"])
def test_a_killed_ingest_leaves_no_worker_processes(tmp_path: Path, mode: str):
    if mode == "ray":
        pytest.importorskip("ray", reason="the ray package is not installed (pip install 'newsgraph[ray]')")
    root = tmp_path / "corpus"
    write_site_scrapes(root, 400)
    db = tmp_path / "news.db"
    marker = f"NEWSGRAPH_TEST_RUN={uuid.uuid4().hex}"
    env = dict(os.environ, **dict([marker.split("=")]))
    process = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "ingest", str(root), "--db", str(db),
                                "--no-analysis", "--batch-size", "4", *engine_flags(mode)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and not count_articles(db):
        time.sleep(0.05)  # until the workers (or Ray's actors) are at work
    assert process.poll() is None, "the ingest ended before it could be killed"
    assert len(marked_processes(marker)) >= 3, "the workers never started"
    # Ray's agents rename themselves over the start of their environment, which may hide the
    # marker: what the ingest started is also known by descent.
    family = start_times(descendants(process.pid))
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)

    def left_running() -> list[int]:
        return sorted(set(marked_processes(marker)) | set(still_running(family)))

    # Within a minute: on a loaded 2-core machine (the whole suite beside it) Ray's daemons take
    # longer to notice, and the watcher's sweeps over /proc longer to run.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and left_running():
        time.sleep(0.2)
    left = left_running()
    assert left == [], [_command_line(pid) for pid in left]


def _command_line(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:200]
    except OSError:
        return f"{pid} (gone)"


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to find the processes")
def test_a_finished_run_with_workers_leaves_no_process(tmp_path: Path, site_corpus):
    root, _, _ = site_corpus
    marker = f"NEWSGRAPH_TEST_RUN={uuid.uuid4().hex}"
    env = dict(os.environ, **dict([marker.split("=")]))
    result = cli("extract", root, "--no-analysis", "--workers", "2", "-o", tmp_path / "out.jsonl", env=env)
    assert result.returncode == 0, result.stderr
    time.sleep(0.5)
    assert marked_processes(marker) == []


# --- finding 8: contract, messages, what `show` and the README say ------------------------

def test_error_messages_quote_at_most_a_readable_part_of_the_input(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    db = tmp_path / "news.db"
    assert cli("ingest", folder, "--db", db, "--no-analysis").returncode == 0
    long_query = "(" + "x" * 10_000
    result = cli("search", long_query, "--db", db)
    assert result.returncode == 1
    assert len(result.stderr) < 400 and "10,001 characters" in result.stderr
    result = cli("quotes", "--db", db, "--since", "y" * 10_000)
    assert result.returncode == 1 and len(result.stderr) < 400
    result = cli("show", "z" * 10_000, "--db", db)
    assert result.returncode == 1 and len(result.stderr) < 400


def test_show_lists_the_events_of_an_article(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "aid.txt").write_text(
        "France sends aid\n\nFrance has provided military aid worth EUR3.8 billion to Ukraine, "
        "Foreign Minister Jane Doe said on Friday.\n", encoding="utf-8")
    db = tmp_path / "news.db"
    assert cli("ingest", folder, "--db", db).returncode == 0
    with open_store(db, readonly=True) as store:
        article_id = store.search("aid")[0].id
    shown = cli("show", article_id, "--db", db)
    assert shown.returncode == 0
    assert "events:" in shown.stdout and "AID" in shown.stdout and "Ukraine" in shown.stdout
    as_json = json.loads(cli("show", article_id, "--db", db, "--json").stdout)
    assert as_json["events"][0]["type"] == "AID"


def test_the_readme_no_longer_says_events_stay_empty():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "`events` stays empty" not in readme
    assert "newsgraph events" in readme


def test_an_exception_anywhere_in_one_documents_reading_or_cleaning_is_its_failure(tmp_path: Path, monkeypatch):
    from newsgraph.engine import tasks

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(STORY.replace("Rita Sand", f"Rita {name.upper()}"), encoding="utf-8")
    real_prepare, real_derive = tasks.prepare, tasks.derive

    def prepare(raw):
        if raw.source.endswith("a.txt"):
            raise MemoryError("the reader ran out of room")
        return real_prepare(raw)

    def derive(prepared, book, **kwargs):
        if prepared.source.endswith("b.txt"):
            raise UnicodeEncodeError("utf-8", "x", 0, 1, "surrogates not allowed")
        return real_derive(prepared, book, **kwargs)

    monkeypatch.setattr(tasks, "prepare", prepare)
    monkeypatch.setattr(tasks, "derive", derive)
    with open_store(tmp_path / "news.db") as store:
        summary = run_ingest([folder], store)
    assert (summary.new, summary.failed) == (1, 2)
    reasons = sorted(f.reason for f in summary.failures)
    assert reasons[0].startswith("cleaning failed: UnicodeEncodeError")
    assert reasons[1] == "reading failed: MemoryError: the reader ran out of room"


def test_evidence_another_writer_adds_meanwhile_is_caught_up_with(site_corpus, tmp_path: Path):
    from newsgraph.ingest.pipeline import observe, prepare
    from newsgraph.ingest.sources import iter_documents

    root, paths, whole = site_corpus
    mine, theirs = paths[::2], paths[1::2]
    db = tmp_path / "race.db"
    with open_store(db) as store:
        real_write = store.write_batch
        calls, refused = [], []

        def write_batch(batch):
            if not calls:  # the other writer's documents arrive between our reading and our first commit
                store.add_evidence([observe(prepare(raw)) for raw in iter_documents([str(p) for p in theirs])])
            calls.append(batch)
            try:
                return real_write(batch)
            except EvidenceChanged:
                refused.append(batch)
                raise

        store.write_batch = write_batch
        summary = run_ingest(mine, store, options=EngineOptions(chunk_size=4))
        del store.write_batch
        assert summary.failed == 0 and len(refused) == 2  # once per site: refused, cleaned again, written
    _ingest(theirs, db)
    assert relative(stored_records(db), root) == whole

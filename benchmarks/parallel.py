"""Parallel speed-up of `newsgraph ingest` with analysis: one process, 2 local
workers and Ray with 2 CPUs, in one run, as medians; peak memory of every process;
and the single writer's own commit rate.

    python benchmarks/parallel.py [--runs 3] [--limit N] [--workers 2]

Input: the PolNeAR train texts (840 articles; ../shared/data/polnear/train/text).
Each run ingests them, with the whole analysis, into a fresh SQLite file in a
separate process: `--engine serial` (everything in one process), `--engine local
--workers 2` and `--engine ray --workers 2` (a local Ray runtime started by the
run, its start-up included). The modes take turns within each round, so that
the machine's noise falls on all of them, and medians over the rounds are
reported with the speed-ups over one process. Targets on a 2-core machine:
2 workers >= 1.8x, Ray >= 1.6x.

The writer's rate: the analysed articles of one run are read back and written
again into a fresh store by this process alone, in batches of 64 (one
transaction each, with full-text indexing, entities, quotes, events and
near-duplicate signatures): records committed per second when analysis is done.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from processes import Measured, run_measured  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TEXTS = DATA / "polnear" / "train" / "text"


def modes(workers: int) -> dict[str, list[str]]:
    return {
        "1 process": ["--engine", "serial"],
        f"{workers} local workers": ["--engine", "local", "--workers", str(workers)],
        f"ray, {workers} CPUs": ["--engine", "ray", "--workers", str(workers)],
    }


def ingest(folder: Path, db: Path, flags: list[str]) -> Measured:
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(folder), "--db", str(db), "--json", *flags]
    return run_measured(command)


def writer_rate(analysed_db: Path, scratch: Path, batch_size: int = 64) -> tuple[float, int]:
    """Records per second one process commits, their analysis already done."""
    from newsgraph.store import ArticleEntry, WriteBatch, open_store

    with sqlite3.connect(f"file:{analysed_db}?mode=ro", uri=True) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]
    with open_store(analysed_db, readonly=True) as store:
        articles = [store.get_article(article_id).article for article_id in ids]
    target = scratch / "writer.db"
    with open_store(target) as store:
        started = time.perf_counter()
        for start in range(0, len(articles), batch_size):
            entries = [ArticleEntry(article) for article in articles[start:start + batch_size]]
            store.write_batch(WriteBatch(articles=entries))
        seconds = time.perf_counter() - started
    return len(articles) / seconds, len(articles)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="rounds; medians are reported (default 3)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not TEXTS.is_dir():
        print(f"skipped: the benchmark data is not at {TEXTS}")
        return 0
    if not Path("/proc/self/status").exists():
        print("skipped: peak memory is read from /proc (Linux only)")
        return 0
    texts = sorted(TEXTS.glob("*.txt"))[: args.limit]
    print(f"{len(texts)} PolNeAR train texts, with analysis; {os.cpu_count()} cores; {args.runs} rounds")
    times: dict[str, list[float]] = {name: [] for name in modes(args.workers)}
    last: dict[str, Measured] = {}
    with tempfile.TemporaryDirectory(prefix="newsgraph-parallel-") as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        for text in texts:
            os.symlink(text, folder / text.name)
        analysed = Path(tmp) / "analysed.db"
        for round_number in range(args.runs):
            for name, flags in modes(args.workers).items():
                db = Path(tmp) / f"run-{round_number}-{len(times[name])}.db"
                measured = ingest(folder, db, flags)
                summary = json.loads(measured.stdout)
                assert summary["failed"] == 0 and summary["new"] + summary["duplicates"] == len(texts), summary
                times[name].append(measured.seconds)
                last[name] = measured
                print(f"  round {round_number + 1} {name:>16}: {measured.seconds:7.1f} s  ({measured.cpu_line()})",
                      flush=True)
                if name == "1 process" and not analysed.exists():
                    shutil.copy(db, analysed)
                for leftover in Path(tmp).glob(f"{db.name}*"):
                    leftover.unlink()
        base = statistics.median(times["1 process"])
        print(f"\n{'mode':>16}  {'median s':>8}  {'articles/s':>10}  {'speed-up':>8}  peak RSS (last round)")
        for name, seconds in times.items():
            middle = statistics.median(seconds)
            print(f"{name:>16}  {middle:8.1f}  {len(texts) / middle:10.2f}  {base / middle:7.2f}x  "
                  f"{last[name].memory_line()}")
        rate, count = writer_rate(analysed, Path(tmp))
        print(f"\nthe single writer alone: {rate:.0f} analysed records committed per second ({count} records)")
        print(f"one process: {len(texts) / base:.2f} articles/s per core")
    return 0


if __name__ == "__main__":
    sys.exit(main())

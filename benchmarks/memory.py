"""Peak memory of `newsgraph ingest` with analysis as the number of input files grows
tenfold: it must stay flat, in the parent and in every worker.

    python benchmarks/memory.py [--sizes 500 5000] [--engine local --workers 2]

Each size is a fresh folder of generated plain-text articles (distinct random
words, one site) ingested, with the whole analysis, into a fresh SQLite file by
a separate process; the peak resident memory of that process and of each of its
workers is read from /proc (benchmarks/processes.py).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from processes import Measured, run_measured  # noqa: E402

WORDS = (
    "council harbour minister budget river farmers union station bridge school hospital court "
    "election border treaty market winter summer village mayor police report museum festival "
    "railway airport energy grain export import talks crisis reform loan bank workers strike"
).split()


def write_corpus(folder: Path, count: int) -> None:
    rng = random.Random(count)
    folder.mkdir(parents=True)
    for n in range(count):
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + "." for _ in range(4)]
        (folder / f"a{n:06d}.txt").write_text(f"Headline number {n}\n\n" + "\n\n".join(paragraphs) + "\n")


def ingest(folder: Path, db: Path, engine: str, workers: int) -> Measured:
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(folder), "--db", str(db), "--json",
               "--engine", engine, "--workers", str(workers)]
    return run_measured(command)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--engine", default="local", choices=["serial", "local", "ray"])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not Path("/proc/self/status").exists():
        print("skipped: peak memory is read from /proc (Linux only)")
        return 0
    print(f"ingest with analysis, --engine {args.engine} --workers {args.workers}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(args.sizes):
            folder = Path(tmp) / f"corpus-{size}"
            write_corpus(folder, size)
            measured = ingest(folder, Path(tmp) / f"{size}.db", args.engine, args.workers)
            print(f"{size:7d} files: {size / measured.seconds:6.1f} articles/s; peak RSS {measured.memory_line()}",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

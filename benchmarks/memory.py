"""Peak memory of `newsgraph ingest` as the number of input files grows: it must stay flat.

    python benchmarks/memory.py [--sizes 1000 5000]

Each size is a fresh folder of generated plain-text articles (distinct random
words, one site) ingested into a fresh SQLite file by a separate process, whose
peak resident memory is read from the operating system.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


# A wrapper process runs one ingest and reports the peak of that child alone.
_MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_rss_of_ingest(folder: Path, db: Path) -> tuple[float, float]:
    started = time.perf_counter()
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(folder), "--db", str(db), "--json", "--workers", "1"]
    output = subprocess.run([sys.executable, "-c", _MEASURE, *command], check=True, capture_output=True, text=True)
    return int(output.stdout.split()[-1]) / 1024, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(args.sizes):
            folder = Path(tmp) / f"corpus-{size}"
            write_corpus(folder, size)
            peak, seconds = peak_rss_of_ingest(folder, Path(tmp) / f"{size}.db")
            print(f"{size:7d} files: peak RSS {peak:6.0f} MB, {size / seconds:6.1f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Ingestion throughput and peak memory, as ratios against bare trafilatura in the same process.

    python benchmarks/ingest.py [--repeat 3] [--limit N]

Baseline: read each NAEB page (gzip), decode it as UTF-8 and run trafilatura.extract
with its defaults. Measured: `newsgraph ingest` of the same pages into a fresh SQLite
file (reading, decoding, extraction with metadata, cleaning, language id, dedup,
near-duplicate signatures, FTS indexing, commits), and of the PolNeAR plain texts.
Each run alternates baseline and newsgraph and the medians are reported, because
these machines are noisy. Target: the store and cleaning add <= 20% over trafilatura.
"""

from __future__ import annotations

import argparse
import gzip
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

from newsgraph.engine import EngineOptions, run_ingest
from newsgraph.ingest.decoding import decode_bytes
from newsgraph.ingest.document import ReadError
from newsgraph.ingest.html import extract_html
from newsgraph.store import open_store

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def bare_trafilatura(pages: list[Path]) -> tuple[float, int]:
    started = time.perf_counter()
    extracted = 0
    for page in pages:
        html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
        if trafilatura.extract(html):
            extracted += 1
    return time.perf_counter() - started, extracted


def newsgraph_extract_html(pages: list[Path]) -> tuple[float, int]:
    """Our HTML extraction alone (decode + extract_html): what ingest adds beyond it is cleaning and storing."""
    started = time.perf_counter()
    extracted = 0
    for page in pages:
        try:
            extract_html(decode_bytes(gzip.decompress(page.read_bytes())))
            extracted += 1
        except ReadError:
            pass
    return time.perf_counter() - started, extracted


def newsgraph_ingest(paths: list[Path]) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        with open_store(Path(folder) / "bench.db") as store:
            started = time.perf_counter()
            summary = run_ingest([str(p) for p in paths], store, options=EngineOptions())
            return time.perf_counter() - started, summary.new + summary.duplicates


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; medians are reported")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pages/texts")
    args = parser.parse_args()

    pages = sorted((DATA / "naeb" / "html").glob("*.html.gz"))
    texts = sorted((DATA / "polnear" / "train" / "text").glob("*.txt"))
    if not pages or not texts:
        print(f"skipped: the benchmark data is not at {DATA} (naeb/html, polnear/train/text)")
        return 0
    if args.limit:
        pages, texts = pages[: args.limit], texts[: args.limit]

    # One warm-up of each so imports and caches do not count against either side.
    bare_trafilatura(pages[:5])
    newsgraph_ingest(pages[:5])

    base_times, extract_times, html_times, text_times = [], [], [], []
    for _ in range(args.repeat):
        seconds, base_count = bare_trafilatura(pages)
        base_times.append(seconds)
        seconds, _ = newsgraph_extract_html(pages)
        extract_times.append(seconds)
        seconds, html_count = newsgraph_ingest(pages)
        html_times.append(seconds)
        seconds, text_count = newsgraph_ingest(texts)
        text_times.append(seconds)

    base, extract, html, text = (statistics.median(t) for t in (base_times, extract_times, html_times, text_times))
    print(f"pages: {len(pages)} NAEB HTML pages, {len(texts)} PolNeAR texts; median of {args.repeat} runs")
    print(f"bare trafilatura.extract     {len(pages) / base:8.1f} pages/s    ({base_count} with text)")
    print(f"newsgraph extract_html alone {len(pages) / extract:8.1f} pages/s")
    print(f"newsgraph ingest, HTML       {len(pages) / html:8.1f} articles/s ({html_count} stored)")
    print(f"newsgraph ingest, plain text {len(texts) / text:8.1f} articles/s ({text_count} stored)")
    overhead = html / base - 1
    print(f"HTML ingest time / bare trafilatura time = {html / base:.3f}  (overhead {overhead:+.1%}; target <= +20%)")
    print(f"HTML ingest time / extract_html alone = {html / extract:.3f}  (what cleaning, language id, dedup and the store add)")
    print(f"peak RSS {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

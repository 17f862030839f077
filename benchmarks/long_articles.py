"""Very long articles: analysed whole, in time that grows linearly and memory that does not grow.

    python benchmarks/long_articles.py [--sizes 0.5 2 10]

Each size (in MB of text) is one article of ordinary news paragraphs (PolNeAR dev
texts repeated where ../shared/data is present, else a generated story), analysed
in a fresh process by the full analysis stage; the process reports its seconds,
what it found, and its peak resident memory. Linear cost means seconds per MB stays
about the same; bounded memory means the peak stays about the same.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev" / "text"

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from newsgraph.nlp.analyze import Analyzer
from newsgraph.records import Article
size = int(float(sys.argv[1]) * 1_000_000)
folder = Path(sys.argv[2])
texts = [p.read_text(encoding="utf-8").split("\n\n", 1)[-1] for p in sorted(folder.glob("*.txt"))] if folder.is_dir() else []
if not texts:
    texts = ['"We need the ferry back," harbour director Ilse Brandt said on Tuesday, adding that repairs '
             'would cost about EUR3 million and that France had promised aid.']
body, n = [], 0
while sum(map(len, body)) < size:
    body.append(texts[n % len(texts)]); n += 1
text = "\n\n".join(body)[:size]
analyzer = Analyzer()
analyzer.analyze(Article(id="warm", source="warm", text=texts[0][:2000], language="en"))
started = time.perf_counter()
result = analyzer.analyze(Article(id="long", source="long", text=text, published="2016-10-15", language="en"))
seconds = time.perf_counter() - started
print(json.dumps({"chars": len(text), "seconds": seconds, "quotes": len(result.quotes), "dates": len(result.dates),
                  "events": len(result.events), "errors": len(result.analysis_errors),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 2, 10], help="article sizes in MB")
    args = parser.parse_args()
    print(f"{'MB':>5} {'seconds':>8} {'s/MB':>6} {'quotes':>7} {'dates':>7} {'events':>7} {'errors':>6} {'peak RSS':>9}")
    for size in args.sizes:
        run = subprocess.run([sys.executable, "-c", _CHILD, str(size), str(DATA)], capture_output=True, text=True,
                             check=True)
        row = json.loads(run.stdout.splitlines()[-1])
        megabytes = row["chars"] / 1_000_000
        print(f"{megabytes:5.1f} {row['seconds']:8.1f} {row['seconds'] / megabytes:6.1f} {row['quotes']:7d} "
              f"{row['dates']:7d} {row['events']:7d} {row['errors']:6d} {row['peak_mb']:7.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the analysis stage adds over bare spaCy parsing, per extractor, as ratios.

    python benchmarks/analysis.py [--repeat 3] [--split dev]

Baseline: `nlp.pipe` of the PolNeAR texts with the project pipeline. Measured in the
same process on those parses: every registered analysis step (entities, TIMEX3 dates,
amounts, quotations, their dates, PLOVER events), in the analyzer's order, each as a
share of the parse time; medians of `--repeat` runs because these machines are noisy.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from newsgraph.nlp.model import load_nlp
from newsgraph.nlp.registry import plan
from newsgraph.nlp.steps import STEPS
from newsgraph.records import Article, replace

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
# PolNeAR's metadata has dates; the value only anchors relative expressions here.
PUBLISHED = "2016-10-15"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / args.split / "text").glob("*.txt"))]
    if not texts:
        print(f"skipped: PolNeAR texts not found at {DATA}")
        return 0
    nlp = load_nlp()
    list(nlp.pipe(texts[:3]))  # warm-up
    timings: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        started = time.perf_counter()
        docs = list(nlp.pipe(texts))
        timings.setdefault("spaCy nlp.pipe (baseline)", []).append(time.perf_counter() - started)
        # Every registered step, in the analyzer's order, each timed over all the parses.
        articles = [Article(id=str(n), source="bench", text=t, published=PUBLISHED, language="en")
                    for n, t in enumerate(texts)]
        for step in plan(STEPS):
            started = time.perf_counter()
            articles = [replace(a, **{step.assigns: tuple(step.run(a, d))}) for a, d in zip(articles, docs)]
            timings.setdefault(step.name, []).append(time.perf_counter() - started)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    base = medians.pop("spaCy nlp.pipe (baseline)")
    words = sum(len(t.split()) for t in texts)
    print(f"PolNeAR {args.split}: {len(texts)} texts, {words} words; medians of {args.repeat} runs")
    print(f"spaCy nlp.pipe (baseline)  {base:7.2f} s  ({words / base:,.0f} words/s)")
    for name, seconds in medians.items():
        print(f"{name:26s} {seconds:7.2f} s  {seconds / base:+7.1%} of the parse")
    total = sum(medians.values())
    print(f"analysis stage in all      {total:7.2f} s  {total / base:+7.1%} over bare nlp.pipe")
    return 0


if __name__ == "__main__":
    sys.exit(main())

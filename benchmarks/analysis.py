"""What the analysis stage adds over bare spaCy parsing, per extractor, as ratios.

    python benchmarks/analysis.py [--repeat 3] [--split dev]

Baseline: `nlp.pipe` of the PolNeAR texts with the project pipeline. Measured in the
same process on those parses: entities, TIMEX3 dates (reusing the parse for tense),
amounts, quotations and PLOVER events, each as a share of the parse time; medians of
`--repeat` runs because these machines are noisy.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from newsgraph.nlp.amounts import find_amounts
from newsgraph.nlp.entities import normalise_entities
from newsgraph.nlp.events import code_events
from newsgraph.nlp.model import load_nlp
from newsgraph.nlp.quotes import find_quotes
from newsgraph.nlp.timex import find_dates

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
        results: dict[str, list] = {}
        steps = [
            ("entities", lambda t, d: normalise_entities(d)),
            ("dates", lambda t, d: find_dates(t, published=PUBLISHED, doc=d)),
            ("amounts", lambda t, d: find_amounts(t)),
            ("quotes", lambda t, d: find_quotes(d)),
        ]
        for name, step in steps:
            started = time.perf_counter()
            results[name] = [step(t, d) for t, d in zip(texts, docs)]
            timings.setdefault(name, []).append(time.perf_counter() - started)
        started = time.perf_counter()
        for n, doc in enumerate(docs):
            code_events(doc, entities=results["entities"][n], quotes=results["quotes"][n],
                        dates=results["dates"][n], amounts=results["amounts"][n])
        timings.setdefault("events", []).append(time.perf_counter() - started)
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

"""Time quotation extraction adds over bare spaCy parsing, on the PolNeAR dev articles.

    .venv/bin/python benchmarks/quotes.py [--runs 3] [--split dev]

In one process, on the same article bodies (title line dropped, as in
eval/polnear_quotes.py): the bare pipeline time is `list(nlp.pipe(bodies))`; the
quote time is `find_quotes(doc, headline=title)` over the parsed docs. Each is the
median of `--runs` runs; the figure reported is quote time / bare time (issue 3
target: at most 15% extra). The model is loaded and warmed up before timing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(_REPO / "eval"))
from _common import shared_data_dir  # noqa: E402
from polnear_quotes import split_title  # noqa: E402

TARGET_EXTRA = 0.15


def load_articles(split_dir: Path) -> list[tuple[str, str]]:
    """(title, body) of every article text in the split, by file name."""
    articles = []
    for path in sorted((split_dir / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        title, body_start = split_title(text)  # as the quote evaluation reads them
        articles.append((title, text[body_start:]))
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--data", type=Path, default=None, help="the polnear folder (default ../shared/data/polnear)")
    args = parser.parse_args(argv)
    split_dir = (args.data or shared_data_dir() / "polnear") / args.split
    if not (split_dir / "text").is_dir():
        print(f"PolNeAR {args.split} texts not found at {split_dir}", file=sys.stderr)
        return 2

    from newsgraph.nlp.model import load_nlp
    from newsgraph.nlp.quotes import find_quotes

    nlp = load_nlp()
    articles = load_articles(split_dir)
    bodies = [body for _, body in articles]
    titles = [title for title, _ in articles]
    list(nlp.pipe(bodies[:4]))  # warm-up: lazy initialisation stays out of the timings

    parse_times, quote_times = [], []
    quote_count = 0
    for _ in range(args.runs):
        started = time.perf_counter()
        docs = list(nlp.pipe(bodies, batch_size=16))
        parse_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        quote_count = sum(len(find_quotes(doc, headline=title)) for doc, title in zip(docs, titles))
        quote_times.append(time.perf_counter() - started)
    parse, quotes = statistics.median(parse_times), statistics.median(quote_times)
    words = sum(len(body.split()) for body in bodies)
    print(f"PolNeAR {args.split}: {len(articles)} articles, {words} words, {quote_count} quotes; median of {args.runs} runs")
    print(f"spaCy nlp.pipe        {parse:7.2f} s")
    print(f"find_quotes           {quotes:7.2f} s")
    print(f"extra over spaCy      {quotes / parse:7.1%}  (target <= {TARGET_EXTRA:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

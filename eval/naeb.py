"""NAEB: HTML extraction measured on 421 real news pages with gold body, title and date.

Runs what `newsgraph extract` runs on a saved page (decode_bytes, then
extract_html) and, as a reference, trafilatura.extract with its defaults.

    .venv/bin/python eval/naeb.py [--limit N] [--verbose] [--check] [--workers 2]

Scores: body token F1 (bag of lower-cased word tokens; per-page mean and micro),
title exact match (after whitespace/quote normalisation), date accuracy (gold
YYYY-MM-DD against the date part of `published`). `--check` exits 1 when one of
ours is below target.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import bag_overlap, f1, normalise_title, shared_data_dir, word_tokens  # noqa: E402

TARGETS = {"body_f1": 0.90, "title_exact": 0.85, "date_accuracy": 0.85}


@dataclass(slots=True)
class PageScore:
    id: str
    common: int = 0
    predicted: int = 0
    gold: int = 0
    body_f1: float = 0.0
    title_ok: bool = False
    date_ok: bool | None = None  # None: the page has no gold date
    title: str | None = None
    published: str | None = None
    error: str | None = None


def score_page(item: dict, html_dir: Path, reference: bool) -> PageScore:
    from newsgraph.ingest.decoding import decode_bytes
    from newsgraph.ingest.document import ReadError
    from newsgraph.ingest.html import extract_html

    score = PageScore(id=str(item["id"]))
    try:
        raw = gzip.decompress((html_dir / f"{item['html_file']}.html.gz").read_bytes())
    except (OSError, EOFError) as err:
        score.error = f"cannot read page: {err}"
        return score
    text = title = published = None
    try:
        html = decode_bytes(raw)
        if reference:
            import trafilatura

            body = trafilatura.extract(html, output_format="json", with_metadata=True)
            if body:
                parsed = json.loads(body)
                text, title, published = parsed.get("text"), parsed.get("title"), parsed.get("date")
        else:
            page = extract_html(html)
            text, title, published = page.text, page.headline, page.published
    except ReadError as err:
        score.error = str(err)
    score.title, score.published = title, published
    score.common, score.predicted, score.gold = bag_overlap(word_tokens(text), word_tokens(item.get("text")))
    score.body_f1 = f1(score.common, score.predicted, score.gold)
    score.title_ok = normalise_title(title) == normalise_title(item.get("title"))
    gold_date = str(item.get("date") or "")
    if len(gold_date) == 10:
        score.date_ok = (published or "")[:10] == gold_date
    return score


def summarise(scores: list[PageScore]) -> dict[str, float]:
    dated = [s for s in scores if s.date_ok is not None]
    common = sum(s.common for s in scores)
    return {
        "pages": len(scores),
        "body_f1": sum(s.body_f1 for s in scores) / len(scores),
        "body_f1_micro": f1(common, sum(s.predicted for s in scores), sum(s.gold for s in scores)),
        "title_exact": sum(s.title_ok for s in scores) / len(scores),
        "date_accuracy": sum(bool(s.date_ok) for s in dated) / len(dated) if dated else 0.0,
        "dated_pages": len(dated),
        "errors": sum(1 for s in scores if s.error),
    }


def run(items: list[dict], html_dir: Path, *, reference: bool, workers: int) -> list[PageScore]:
    if workers <= 1:
        return [score_page(item, html_dir, reference) for item in items]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(score_page, items, [html_dir] * len(items), [reference] * len(items), chunksize=4))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=shared_data_dir() / "naeb", help="the naeb folder")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--verbose", action="store_true", help="list the pages each metric fails on")
    parser.add_argument("--check", action="store_true", help="exit 1 when a metric is below its target")
    parser.add_argument("--no-reference", action="store_true", help="skip the trafilatura-defaults reference run")
    args = parser.parse_args(argv)

    gold_file = args.data / "news_articles.json"
    if not gold_file.is_file():
        print(f"NAEB data not found at {args.data} (expected news_articles.json and html/)", file=sys.stderr)
        return 2
    items = json.loads(gold_file.read_text(encoding="utf-8"))[: args.limit]
    html_dir = args.data / "html"

    runs = [("newsgraph", False)] + ([] if args.no_reference else [("trafilatura.extract defaults", True)])
    ours: dict[str, float] = {}
    for label, reference in runs:
        started = time.perf_counter()
        scores = run(items, html_dir, reference=reference, workers=args.workers)
        elapsed = time.perf_counter() - started
        summary = summarise(scores)
        print(
            f"{label:30s} pages={summary['pages']} body_f1={summary['body_f1']:.3f} "
            f"(micro {summary['body_f1_micro']:.3f}) title_exact={summary['title_exact']:.3f} "
            f"date_accuracy={summary['date_accuracy']:.3f} (of {summary['dated_pages']}) "
            f"errors={summary['errors']} time={elapsed:.1f}s"
        )
        if not reference:
            ours = summary
            if args.verbose:
                gold_by_id = {str(item["id"]): item for item in items}
                for s in scores:
                    gold = gold_by_id[s.id]
                    if s.error:
                        print(f"  id {s.id}: error: {s.error}")
                    if s.body_f1 < 0.8:
                        print(f"  id {s.id}: body_f1 {s.body_f1:.2f} (predicted {s.predicted} tokens, gold {s.gold})")
                    if not s.title_ok:
                        print(f"  id {s.id}: title {s.title!r} != gold {gold.get('title')!r}")
                    if s.date_ok is False:
                        print(f"  id {s.id}: date {s.published!r} != gold {gold.get('date')!r}")

    failing = [name for name, target in TARGETS.items() if ours.get(name, 0.0) < target]
    if failing:
        print("below target: " + ", ".join(f"{name} {ours[name]:.3f} < {TARGETS[name]}" for name in failing))
    if args.check and failing:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What storing speaker identities and statements costs at ingest (issue 13).

1. With the analysis: `python benchmarks/identities.py ratio --runs 3 --limit 40` ingests PolNeAR
   train texts (read in place from ../shared/data) with the whole analysis into a fresh SQLite
   store, one process (`--engine serial`), and times the identity step of every write
   (`store.identities.update_identities`, wrapped here with a timer) inside the same run. The
   cost is that time over the rest of the ingest (CPU seconds of this process, and wall time),
   medians over the runs.
2. Growth: `python benchmarks/identities.py scale --quotes 1000 10000 100000` writes synthetic
   articles (no analysis: made-up people with name variants, Zipf-distributed popularity, some
   statements repeated by other outlets) into a fresh store in batches of 64 articles and reports
   the identity step's time per quote at each size: near-linear growth keeps it flat. The made-up
   people number one per 20 quotations, so a larger load's batches touch more speaker blocks
   (about 50 per batch at 1k quotes, 175 at 10k, 275 at 100k) and more identities: its time per
   quote also holds that. `tenths` gives the time per quote in each tenth of one load (the same
   mix of blocks per batch, a store ten times fuller at the end than after the first tenth).
3. A migration that wipes and rebuilds every identity (SQLite `0013_link_names`):
   `python benchmarks/identities.py rebuild --articles 10000` writes that many synthetic articles
   (as `scale`, 8 quotations each) into a store under /tmp (kept, and reused by a later run), copies
   it, takes the migration back on the copy (its column dropped, its record removed) and times
   opening the copy, which applies the migration again.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))

from newsgraph.records import Article, Entity, Quote, Speaker  # noqa: E402
from newsgraph.store import ArticleEntry, WriteBatch, open_store  # noqa: E402
from newsgraph.store.sqlite import writes  # noqa: E402


class Timed:
    """Wraps the write path's identity step and adds up its wall and CPU time."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0
        self.calls = 0
        self.cpu_by_call: list[float] = []
        self._inner = writes.update_identities

    def __call__(self, *args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return self._inner(*args, **kwargs)
        finally:
            self.wall += time.perf_counter() - wall
            self.cpu += time.process_time() - cpu
            self.cpu_by_call.append(time.process_time() - cpu)
            self.calls += 1

    def __enter__(self) -> Timed:
        writes.update_identities = self
        return self

    def __exit__(self, *exc: object) -> None:
        writes.update_identities = self._inner


def ratio(runs: int, limit: int, split: str) -> dict:
    import newsgraph
    from polnear_identities import records

    chosen = records(split, limit)
    results = []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            jsonl = Path(folder) / "in.jsonl"
            jsonl.write_text("".join(json.dumps(r) + "\n" for r in chosen), encoding="utf-8")
            with Timed() as timed:
                wall, cpu = time.perf_counter(), time.process_time()
                newsgraph.ingest_files([str(jsonl)], db=str(Path(folder) / "r.db"), workers=1, engine="serial")
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        results.append({"run": run + 1, "ingest_wall_s": round(wall, 2), "ingest_cpu_s": round(cpu, 2),
                        "identities_wall_s": round(timed.wall, 3), "identities_cpu_s": round(timed.cpu, 3),
                        "cost_cpu": round(timed.cpu / (cpu - timed.cpu), 4),
                        "cost_wall": round(timed.wall / (wall - timed.wall), 4)})
        print(json.dumps(results[-1]), file=sys.stderr)
    return {"articles": len(chosen), "runs": results,
            "median_cost_cpu": statistics.median(r["cost_cpu"] for r in results),
            "median_cost_wall": statistics.median(r["cost_wall"] for r in results)}


_FIRST = "Anna Boris Carla Dmitri Elena Farid Greta Hamid Ines Jonas Kira Luca Mara Nils Olga Pavel Rosa Sven Tara Ugo".split()
_SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"]
# A vocabulary of 4,000 made-up words, a few common ones far more frequent (as in news text).
_WORDS = sorted({"".join(random.Random(n).choice(_SYLLABLES) for _ in range(1 + n % 3)) for n in range(4000)})
_WORD_CUMULATIVE = list(accumulate(1.0 / (rank + 1) for rank in range(len(_WORDS))))


def _people(count: int, rng: random.Random) -> list[tuple[str, str]]:
    people, seen = [], set()
    while len(people) < count:
        last = "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4))).title()
        first = rng.choice(_FIRST)
        if (first, last) not in seen:
            seen.add((first, last))
            people.append((first, last))
    return people


def synthetic(quotes: int, per_article: int = 8, seed: int = 13) -> list[Article]:
    """Articles of `per_article` quotations each by made-up people (one per 20 quotations, popularity
    Zipf-like), written in name variants; one quotation in five repeats an earlier statement."""
    rng = random.Random(seed)
    people = _people(max(5, quotes // 20), rng)
    # Cumulative weights once: `choices` with plain weights sums them again at every call,
    # which at a million quotations (50,000 people) costs more than the load it feeds.
    popularity = list(accumulate(1.0 / (rank + 1) for rank in range(len(people))))
    said: dict[int, list[str]] = {}  # what each person said so far
    articles = []
    for number in range(quotes // per_article):
        parts, spans = [], []
        entities = []
        offset = 0
        for _ in range(per_article):
            who = rng.choices(range(len(people)), cum_weights=popularity)[0]
            first, last = people[who]
            name = rng.choice([f"{first} {last}", f"Mr. {last}", last, f"{first} J. {last}", f"Sen. {first} {last}"])
            text = (rng.choice(said.get(who) or [""]) if said and rng.random() < 0.2 else "") or \
                " ".join(rng.choices(_WORDS, cum_weights=_WORD_CUMULATIVE, k=rng.randint(8, 20)))
            said.setdefault(who, []).append(text)
            sentence = f'"{text}," {name} said. '
            entities.append(Entity(start=offset + len(text) + 4, end=offset + len(text) + 4 + len(name), text=name,
                                   label="PERSON", name=name, country=None))
            spans.append((offset + 1, text, name))
            parts.append(sentence)
            offset += len(sentence)
        body = "".join(parts)
        day = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}"
        articles.append(Article(
            id=f"s{number:07d}", source=f"s{number}.txt", url=f"https://outlet{number % 7}.example/{number}",
            headline=None, published=day, language="en", reading_minutes=None, byline=(), text=body,
            entities=tuple(entities),
            quotes=tuple(Quote(start=s, end=s + len(t), text=t, field="text", kind="direct", cue=None,
                               speaker=Speaker(start=0, end=len(n), text=n, name=n, role=None, affiliation=None),
                               date=None) for s, t, n in spans),
            dates=(), amounts=(), events=(), analysis_errors=()))
    return articles


def scale(sizes: list[int], batch: int = 64, where: Path | None = None) -> list[dict]:
    found = []
    for size in sizes:
        articles = synthetic(size)
        with tempfile.TemporaryDirectory(dir=where) as folder, open_store(str(Path(folder) / "s.db")) as store, \
                Timed() as timed:
            start = time.perf_counter()
            for first in range(0, len(articles), batch):
                store.write_batch(WriteBatch([ArticleEntry(a) for a in articles[first:first + batch]]))
            total = time.perf_counter() - start
            speakers = len(store.speaker_identities(limit=10**7))
        row = {"quotes": size, "articles": len(articles), "write_s": round(total, 2), "identities_s": round(timed.wall, 2),
               "identities_ms_per_quote": round(1000 * timed.wall / size, 3), "identities_cpu_s": round(timed.cpu, 2),
               "identities_cpu_ms_per_quote": round(1000 * timed.cpu / size, 3), "identities": speakers,
               "tenths_cpu_ms_per_quote": _tenths(timed.cpu_by_call, [
                   sum(len(a.quotes) for a in articles[first:first + batch]) for first in range(0, len(articles), batch)])}
        print(json.dumps(row), file=sys.stderr)
        found.append(row)
    return found


def _tenths(cpu_by_call: list[float], quotes_by_call: list[int]) -> list[float]:
    """CPU ms per quote of the identity step in each tenth of a load (by its batches, one call each)."""
    calls = len(cpu_by_call)
    if calls < 10 or calls != len(quotes_by_call):
        return []
    tenths = [range(tenth * calls // 10, (tenth + 1) * calls // 10) for tenth in range(10)]
    return [round(1000 * sum(cpu_by_call[i] for i in part) / sum(quotes_by_call[i] for i in part), 3)
            for part in tenths]


REBUILD_MIGRATION = "0013_link_names"


def rebuild(articles: int, folder: Path, batch: int = 64) -> dict:
    from newsgraph.store.sqlite.schema import MIGRATIONS

    names = [m.name for m in MIGRATIONS]
    version = names.index(REBUILD_MIGRATION)  # the migrations applied before it
    folder.mkdir(parents=True, exist_ok=True)
    made = folder / f"identities_rebuild_{articles}.db"
    if not made.exists():
        partial = made.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        synthetic_articles = synthetic(articles * 8)
        with open_store(str(partial)) as store:
            for first in range(0, len(synthetic_articles), batch):
                store.write_batch(WriteBatch([ArticleEntry(a) for a in synthetic_articles[first:first + batch]]))
        partial.rename(made)
    copy = folder / f"identities_rebuild_{articles}_copy.db"
    shutil.copyfile(made, copy)
    conn = sqlite3.connect(copy)
    with conn:
        conn.execute("ALTER TABLE quote_links DROP COLUMN name")
        if "tally" in {row[1] for row in conn.execute("PRAGMA table_info(speakers)")}:
            conn.execute("ALTER TABLE speakers DROP COLUMN tally")  # migration 0013 adds it back
        if "when_key" in {row[1] for row in conn.execute("PRAGMA table_info(events)")}:
            _take_back_precomputed(conn)  # migration 0015, after the one taken back, makes them again
        conn.execute("DELETE FROM migrations WHERE version > ?", (version,))
        conn.execute(f"PRAGMA user_version = {int(version)}")
    quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    conn.close()
    wall, cpu = time.perf_counter(), time.process_time()
    with open_store(str(copy)) as store:
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        speakers = len(store.speaker_identities(limit=10**7))
    conn = sqlite3.connect(copy)
    links = conn.execute("SELECT count(*) FROM quote_links WHERE name IS NOT NULL").fetchone()[0]
    conn.close()
    copy.unlink()
    return {"articles": articles, "quotes": quotes, "migrations_applied": names[version:],
            "migrate_wall_s": round(wall, 1), "migrate_cpu_s": round(cpu, 1),
            "ms_per_article_wall": round(1000 * wall / articles, 2), "links_named": links, "identities": speakers}


def _take_back_precomputed(conn: sqlite3.Connection) -> None:
    from newsgraph.store.sqlite.schema_precomputed import ADDED_COLUMNS, created_objects

    for kind, name in reversed(created_objects()):
        conn.execute(f"DROP {kind} IF EXISTS {name}")
    for table, column in ADDED_COLUMNS:
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    one = sub.add_parser("ratio")
    one.add_argument("--runs", type=int, default=3)
    one.add_argument("--limit", type=int, default=40)
    one.add_argument("--split", default="train")
    two = sub.add_parser("scale")
    two.add_argument("--quotes", type=int, nargs="+", default=[1000, 10000, 100000])
    three = sub.add_parser("rebuild")
    three.add_argument("--articles", type=int, default=10000)
    three.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    if args.what == "ratio":
        result = ratio(args.runs, args.limit, args.split)
    elif args.what == "scale":
        result = scale(args.quotes)
    else:
        result = rebuild(args.articles, args.folder)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()

"""The store at scale: load N synthetic analysed articles, then time the queries people run.

    python benchmarks/scale.py --articles 100000 --db scale.db [--quotes-per-article 10]
    python benchmarks/scale.py --articles 100000 --db postgresql://user:pass@host/db --skip-load

Records follow the record contract and look like analysed news: the words and
the way they follow one another come from the sample corpus (samples/corpus,
read at run time; nothing of it is copied here), headline, paragraphs and
quoted sentences are made of them; speakers, outlets, organisations and places
are Zipf-distributed populations (a few are everywhere, most are rare), dates
are spread over twelve years, and each article has about `--quotes-per-article`
quotations with resolved speakers, named entities, dates, amounts and events.
Records are made one at a time (constant memory) and written through the
store's batch write path, the one ingest and import use.

Then each query is timed with many different parameters drawn from the same
populations (not one query answered from a cache): each parameter is run
`--repeats` times and its median kept; p50 and p95 are over those medians.
The last line is

    scale backend=B articles=N quotes=Q load_per_s=R p95_ms_max=M

`--skip-load` measures a database an earlier run loaded with the same
`--articles`, `--quotes-per-article` and `--seed` (the populations, and so the
parameters, are drawn again from the seed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import statistics
import sys
import time
from bisect import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from newsgraph.records import Amount, Article, Entity, Event, EventParty, Quote, Span, Speaker, Timex
from newsgraph.store import (
    ArticleEntry,
    QuoteFilter,
    SearchQuery,
    SpeakerFilter,
    WriteBatch,
    open_store,
)

CORPUS = Path(__file__).resolve().parent.parent / "samples" / "corpus"
FIRST_DAY = date(2014, 1, 1)
DAYS = 12 * 365
BATCH = 1000
EVENT_TYPES = ("CONSULT", "AGREE", "SUPPORT", "ACCUSE", "REQUEST", "AID", "PROTEST", "THREATEN", "SANCTION")
COUNTRIES = ("UKR", "POL", "DEU", "FRA", "NOR", "EST", "LVA", "LTU", "ROU", "MDA", "RUS", "USA", "GBR", "SWE",
             "FIN", "DNK", "ITA", "ESP", "NLD", "BEL", "CZE", "SVK", "HUN", "AUT", "CHE", "TUR", "GEO", "ARM")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


# --- what the sample corpus gives: words, how they follow, name parts ------------------------

@dataclass
class Vocabulary:
    followers: dict[str, list[str]]  # word -> the words seen after it (with repeats: their frequency)
    starts: list[str]  # words that open a sentence
    words: list[str]  # lower-case words, most frequent first
    tokens: list[str]  # every word as it ran, so a draw from it follows the words' frequencies
    name_parts: list[str]  # capitalised words inside sentences: the stuff names are made of
    sentence_words: list[int]  # sentence lengths seen


def read_vocabulary(corpus: Path = CORPUS) -> Vocabulary:
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in sorted((corpus / "text").rglob("*.txt"))]
    feed = corpus / "feed.jsonl"
    if feed.exists():
        for line in feed.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts.extend(str(record.get(key) or "") for key in ("headline", "text"))
    followers: dict[str, list[str]] = defaultdict(list)
    starts: list[str] = []
    counts: Counter[str] = Counter()
    names: Counter[str] = Counter()
    lengths: list[int] = []
    tokens: list[str] = []
    for text in texts:
        for sentence in _SENTENCE_END.split(text.replace("\n", " ")):
            found = _WORD.findall(sentence)
            if len(found) < 4:
                continue
            lengths.append(len(found))
            lowered = [token.lower() for token in found]
            starts.append(lowered[0])
            counts.update(lowered)
            tokens.extend(lowered)
            names.update(token for token in found[1:] if token[0].isupper() and len(token) > 3 and token.isalpha())
            for before, after in zip(lowered, lowered[1:], strict=False):
                followers[before].append(after)
    if not counts:
        raise SystemExit(f"no text found under {corpus}")
    return Vocabulary(followers=dict(followers), starts=starts, words=[w for w, _ in counts.most_common()],
                      tokens=tokens, name_parts=sorted(names), sentence_words=lengths)


class Zipf:
    """Draws indices 0..size-1 with probability proportional to 1/(rank+1)^s."""

    def __init__(self, size: int, s: float = 1.0) -> None:
        self.cumulative = list(accumulate(1.0 / (rank + 1) ** s for rank in range(size)))

    def draw(self, rng: random.Random) -> int:
        return bisect(self.cumulative, rng.random() * self.cumulative[-1])


# --- populations --------------------------------------------------------------------------

@dataclass(frozen=True)
class Person:
    first: str
    last: str
    role: str
    country: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Populations:
    people: list[Person]
    people_zipf: Zipf
    outlets: list[str]
    outlet_zipf: Zipf
    organisations: list[tuple[str, str]]  # (name, country)
    organisation_zipf: Zipf
    places: list[tuple[str, str]]
    place_zipf: Zipf
    words: list[str]
    word_zipf: Zipf


def _surname(rng: random.Random, parts: list[str]) -> str:
    """A surname spliced from two name parts of the corpus: many distinct surnames from few parts."""
    head, tail = rng.choice(parts), rng.choice(parts)
    return (head[: max(2, len(head) // 2)] + tail[len(tail) // 2 :].lower()).capitalize()


def make_populations(vocabulary: Vocabulary, articles: int, seed: int) -> Populations:
    rng = random.Random(seed)
    parts = vocabulary.name_parts
    roles = [word.capitalize() for word in vocabulary.words[50:400] if len(word) > 5][:60]
    people: list[Person] = []
    seen: set[str] = set()
    while len(people) < max(50, articles // 4):
        person = Person(rng.choice(parts), _surname(rng, parts), f"{rng.choice(roles)} Minister", rng.choice(COUNTRIES))
        if person.name not in seen:
            seen.add(person.name)
            people.append(person)
    outlets = sorted({f"{_surname(rng, parts).lower()}-{rng.choice(parts).lower()}.example" for _ in range(200)})
    organisations = [(f"{_surname(rng, parts)} {rng.choice(('Bank', 'Union', 'Council', 'Fund', 'Institute'))}",
                      rng.choice(COUNTRIES)) for _ in range(max(20, articles // 20))]
    places = [(_surname(rng, parts), rng.choice(COUNTRIES)) for _ in range(400)]
    words = [word for word in vocabulary.words if len(word) > 3]
    return Populations(people, Zipf(len(people)), outlets, Zipf(len(outlets), 1.1), organisations,
                       Zipf(len(organisations)), places, Zipf(len(places)), words, Zipf(len(words), 0.9))


# --- records ------------------------------------------------------------------------------

def _sentence(rng: random.Random, vocabulary: Vocabulary, length: int | None = None) -> str:
    """Words following one another as they do in the corpus (a word's next word is drawn from those seen after it)."""
    length = length or rng.choice(vocabulary.sentence_words)
    word = rng.choice(vocabulary.starts)
    words = [word]
    while len(words) < length:
        after = vocabulary.followers.get(word)
        # Half the time any word of the corpus, by its frequency: a small corpus followed word by
        # word would repeat its own three-word runs far more often than a year of news does.
        word = rng.choice(after) if after and rng.random() < 0.5 else rng.choice(vocabulary.tokens)
        words.append(word)
    return " ".join(words).capitalize()


class _Text:
    """Text being written with the spans of what was put in it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def value(self) -> str:
        return "".join(self.parts)


def article_id(seed: int, number: int) -> str:
    return hashlib.sha256(f"scale-{seed}-{number}".encode()).hexdigest()[:16]


def published_day(seed: int, number: int) -> date:
    return FIRST_DAY + timedelta(days=random.Random(f"{seed}/{number}").randrange(DAYS))


def make_article(number: int, seed: int, vocabulary: Vocabulary, people: Populations, quotes_per_article: int) -> tuple[Article, str]:
    """Article `number` of the synthetic corpus and its site."""
    rng = random.Random(seed * 1_000_003 + number)
    site = people.outlets[people.outlet_zipf.draw(rng)]
    day = published_day(seed, number)
    text = _Text()
    entities: list[Entity] = []
    quotes: list[Quote] = []
    dates: list[Timex] = []
    amounts: list[Amount] = []
    events: list[Event] = []

    def mention(name: str, label: str, country: str | None) -> None:
        start, end = text.add(name)
        entities.append(Entity(start=start, end=end, text=name, label=label, name=name, country=country))

    place, place_country = people.places[people.place_zipf.draw(rng)]
    mention(place.upper(), "GPE", place_country)
    text.add(f", {MONTHS[day.month - 1]} {day.day} – ")
    text.add(_sentence(rng, vocabulary) + ".\n\n")
    count = max(0, quotes_per_article + rng.randint(-3, 3))
    for position in range(count):
        person = people.people[people.people_zipf.draw(rng)]
        said = _sentence(rng, vocabulary)
        direct = rng.random() < 0.7
        if direct:
            text.add('"')
            start, end = text.add(said)
            text.add('," ')
            speaker_start, speaker_end = text.add(person.name)
            entities.append(Entity(start=speaker_start, end=speaker_end, text=person.name, label="PERSON",
                                   name=person.name, country=person.country))
            cue_start, cue_end = text.add(" said")
        else:
            speaker_start, speaker_end = text.add(person.name)
            entities.append(Entity(start=speaker_start, end=speaker_end, text=person.name, label="PERSON",
                                   name=person.name, country=person.country))
            cue_start, cue_end = text.add(" said")
            text.add(" that ")
            start, end = text.add(said[0].lower() + said[1:])
        when = None
        if rng.random() < 0.3:
            text.add(" on ")
            stated = day - timedelta(days=rng.randrange(3))
            timex_start, timex_end = text.add(f"{MONTHS[stated.month - 1]} {stated.day}")
            when = stated.isoformat()
            dates.append(Timex(start=timex_start, end=timex_end, text=text.parts[-1], type="DATE", value=when))
        text.add(".\n\n")
        quotes.append(Quote(
            start=start, end=end, text=text.value()[start:end], kind="direct" if direct else "indirect",
            cue=Span(start=cue_start, end=cue_end, text="said"),
            speaker=Speaker(start=speaker_start, end=speaker_end, text=person.name, name=person.name,
                            role=person.role, affiliation=person.country),
            date=when,
        ))
        if rng.random() < 0.25:
            sentence_start = text.length
            organisation, country = people.organisations[people.organisation_zipf.draw(rng)]
            text.add(_sentence(rng, vocabulary, 8) + " ")
            mention(organisation, "ORG", country)
            text.add(" will give ")
            millions = rng.randint(1, 900)
            amount_start, amount_end = text.add(f"€{millions} million")
            amounts.append(Amount(start=amount_start, end=amount_end, text=f"€{millions} million",
                                  value=millions * 1e6, unit="EUR", kind="money"))
            text.add(" to ")
            mention(place, "GPE", place_country)
            sentence_end = text.add(".")[1]
            text.add("\n\n")
            events.append(Event(
                type=rng.choice(EVENT_TYPES), actor=EventParty(text=organisation, name=organisation, country=country),
                recipient=EventParty(text=place, name=place, country=place_country), date=day.isoformat(),
                amount=len(amounts) - 1, quote=position, start=sentence_start, end=sentence_end,
                text=text.value()[sentence_start:sentence_end],
            ))
    text.add(_sentence(rng, vocabulary) + ".")
    return Article(
        id=article_id(seed, number), source=f"scale/{site}/{number:07d}.txt",
        url=f"https://{site}/{day.year}/{day.month:02d}/{number}", headline=_sentence(rng, vocabulary, rng.randint(6, 11)),
        published=day.isoformat(), language="en", byline=(people.people[rng.randrange(len(people.people))].name,),
        text=text.value(), entities=tuple(entities), quotes=tuple(quotes), dates=tuple(dates),
        amounts=tuple(amounts), events=tuple(events),
    ), site


def generate(articles: int, seed: int, vocabulary: Vocabulary, people: Populations,
             quotes_per_article: int, first: int = 0) -> Iterator[tuple[Article, str]]:
    for number in range(first, articles):
        yield make_article(number, seed, vocabulary, people, quotes_per_article)


# --- loading ------------------------------------------------------------------------------

def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load(url: str, records: Iterator[tuple[Article, str]], total: int, batch_size: int = BATCH) -> dict[str, float]:
    """Write the records in batches; the rate and peak memory at 1/4, 1/2 and all of them."""
    marks = {max(1, total // 4): "1/4", max(1, total // 2): "1/2", total: "all"}
    done = quotes = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    batch: list[ArticleEntry] = []
    figures: dict[str, float] = {}
    with open_store(url) as store:
        def flush() -> None:
            store.write_batch(WriteBatch(articles=batch))
            batch.clear()

        for article, site in records:
            batch.append(ArticleEntry(article, site=site))
            quotes += len(article.quotes)
            done += 1
            if len(batch) >= batch_size or done in marks:
                flush()
            if done in marks:
                elapsed = time.perf_counter() - started
                print(f"load {marks[done]}: {done} articles, {quotes} quotes, {elapsed:.0f} s, "
                      f"{done / elapsed:.1f} articles/s, CPU {time.process_time() - cpu_started:.0f} s, "
                      f"peak RSS {peak_rss_mb():.0f} MB", flush=True)
                figures[f"rss_{marks[done]}"] = peak_rss_mb()
        if batch:
            flush()
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    figures.update(seconds=elapsed, per_s=done / elapsed, quotes=quotes, cpu_per_article_ms=1000 * cpu / max(1, done))
    return figures


def database_bytes(url: str) -> int:
    if url.startswith(("postgresql://", "postgres://")):
        import psycopg

        with psycopg.connect(url) as conn:
            return int(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])
    return sum(os.path.getsize(url + suffix) for suffix in ("", "-wal") if os.path.exists(url + suffix))


# --- measuring ----------------------------------------------------------------------------

def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(name: str, run: Callable[[object], object], parameters: list[object], repeats: int,
            budget_s: float) -> tuple[float, float, int]:
    """p50 and p95 (ms) over the parameters of each one's median time of `repeats` runs.

    Also this process's CPU time of the same runs: on a shared machine the wall time includes
    the waits for a core, the CPU time does not (it is the query's whole cost on SQLite, which
    runs in this process; on PostgreSQL the server's work is not in it)."""
    medians: list[float] = []
    cpu_medians: list[float] = []
    spent = time.perf_counter()
    for parameter in parameters:
        times = []
        cpu_times = []
        for _ in range(repeats):
            start, cpu_start = time.perf_counter(), time.process_time()
            run(parameter)
            times.append((time.perf_counter() - start) * 1000)
            cpu_times.append((time.process_time() - cpu_start) * 1000)
        medians.append(statistics.median(times))
        cpu_medians.append(statistics.median(cpu_times))
        if time.perf_counter() - spent > budget_s and len(medians) >= 5:
            break
    p50, p95 = _percentile(medians, 0.5), _percentile(medians, 0.95)
    print(f"query {name}: p50_ms={p50:.1f} p95_ms={p95:.1f} max_ms={max(medians):.1f} parameters={len(medians)} "
          f"cpu_p50_ms={_percentile(cpu_medians, 0.5):.1f} cpu_p95_ms={_percentile(cpu_medians, 0.95):.1f}",
          flush=True)
    return p50, p95, len(medians)


def query_plan(seed: int, articles: int, people: Populations, vocabulary: Vocabulary,
               count: int) -> dict[str, tuple[Callable, list[object]]]:
    """Each timed query and its parameters, drawn from the populations the records were drawn from."""
    rng = random.Random(seed + 17)

    def person() -> Person:
        return people.people[people.people_zipf.draw(rng)]

    def word() -> str:
        return people.words[people.word_zipf.draw(rng)]

    def phrase() -> str:
        while True:
            first = word()
            after = [w for w in vocabulary.followers.get(first, ()) if len(w) > 2]
            if after:
                return f'"{first} {rng.choice(after)}"'

    def window() -> tuple[str, str]:
        start = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 365))
        return start.isoformat(), (start + timedelta(days=rng.randint(30, 365))).isoformat()

    speaker_names = [person().name for _ in range(count)]
    # A speaker's surname (how people type it) or whole name.
    typed = [name if rng.random() < 0.5 else name.split()[-1] for name in speaker_names]
    ranges = [(person().name, *window()) for _ in range(count)]
    return {
        "quotes_by_speaker": (lambda s: lambda name: s.quotes(QuoteFilter(speaker=name, limit=50)), typed),
        "quotes_by_words": (lambda s: lambda w: s.quotes(QuoteFilter(about=w, limit=50)), [word() for _ in range(count)]),
        "quotes_by_speaker_and_dates": (
            lambda s: lambda r: s.quotes(QuoteFilter(speaker=r[0], since=r[1], until=r[2], limit=50)), ranges),
        "search_word": (lambda s: lambda w: s.search(SearchQuery(text=w, limit=20)), [word() for _ in range(count)]),
        "search_phrase": (lambda s: lambda p: s.search(SearchQuery(text=p, limit=20)), [phrase() for _ in range(count)]),
        "search_or": (lambda s: lambda p: s.search(SearchQuery(text=p, limit=20)),
                      [f"{word()} OR {word()}" for _ in range(count)]),
        "speakers": (lambda s: lambda n: s.speakers(SpeakerFilter(name=n, limit=50)),
                     [None, *(person().last for _ in range(count - 1))]),
        "article": (lambda s: lambda i: s.get_article(i),
                    [article_id(seed, rng.randrange(articles)) for _ in range(count)]),
        "stats": (lambda s: lambda _: s.stats(), [None] * count),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--db", required=True, help="a SQLite file path or a postgresql:// URL (made empty first unless --skip-load)")
    parser.add_argument("--quotes-per-article", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=BATCH, help="articles per write transaction")
    parser.add_argument("--parameters", type=int, default=40, help="different parameter values per query")
    parser.add_argument("--repeats", type=int, default=3, help="runs per parameter value (the median is kept)")
    parser.add_argument("--budget-s", type=float, default=60.0, help="time per query beyond which fewer parameters are run")
    parser.add_argument("--skip-load", action="store_true", help="measure a database loaded before with these settings")
    parser.add_argument("--only", help="comma-separated query names to time (default: all)")
    parser.add_argument("--resume", action="store_true",
                        help="go on loading a database an earlier run with these settings stopped early "
                             "(each article is drawn from its own number, so the rest are the same records)")
    options = parser.parse_args(argv)
    backend = "postgresql" if options.db.startswith(("postgresql://", "postgres://")) else "sqlite"
    vocabulary = read_vocabulary()
    people = make_populations(vocabulary, options.articles, options.seed)
    print(f"scale: {options.articles} articles into {backend}; vocabulary {len(vocabulary.words)} words, "
          f"{len(people.people)} speakers, {len(people.outlets)} outlets, {len(people.organisations)} organisations",
          flush=True)
    stored = options.articles
    if options.skip_load:
        with open_store(options.db) as store:  # writable once: a newer schema's migrations are applied
            stats = store.stats()
        quotes = None
        load_figures = {"per_s": 0.0}
        # A load stopped early holds the first articles of the run: articles are drawn from those.
        stored = min(stored, stats.articles)
        print(f"load skipped: {stats.articles} articles stored", flush=True)
    else:
        first = 0
        if options.resume:
            with open_store(options.db) as store:
                first = store.stats().articles
            print(f"load resumed after {first} articles stored", flush=True)
        elif backend == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(options.db + suffix).unlink(missing_ok=True)
        else:
            with open_store(options.db) as store:
                if store.stats().articles:
                    print(f"scale: {store.location} is not empty; give an empty database", file=sys.stderr)
                    return 2
        load_figures = load(options.db, generate(options.articles, options.seed, vocabulary, people,
                                                  options.quotes_per_article, first),
                            options.articles - first, options.batch)
        # A resumed load counts what it added: the store's own count is the whole.
        quotes = _count_quotes(options.db) if options.resume else int(load_figures["quotes"])
        print(f"load: {load_figures['seconds']:.0f} s, {load_figures['per_s']:.1f} articles/s, peak RSS "
              f"{load_figures['rss_1/4']:.0f} / {load_figures['rss_1/2']:.0f} / {load_figures['rss_all']:.0f} MB "
              f"at 1/4 / 1/2 / all; this process's CPU {load_figures['cpu_per_article_ms']:.0f} ms per article", flush=True)
    if backend == "postgresql" and not options.skip_load:
        # Fresh planner statistics, as autovacuum would gather soon after a bulk load.
        import psycopg

        with psycopg.connect(options.db, autocommit=True) as conn:
            conn.execute("ANALYZE")
    size = database_bytes(options.db)
    print(f"database: {size / 1e6:.0f} MB", flush=True)
    worst = 0.0
    wanted = set(options.only.split(",")) if options.only else None
    with open_store(options.db, readonly=True) as store:
        if quotes is None:
            quotes = _count_quotes(options.db)
        for name, (bind, parameters) in query_plan(options.seed, max(1, stored), people, vocabulary,
                                                   options.parameters).items():
            if wanted is not None and name not in wanted:
                continue
            _, p95, _ = measure(name, bind(store), parameters, options.repeats, options.budget_s)
            worst = max(worst, p95)
    print(f"scale backend={backend} articles={stored} quotes={quotes} "
          f"load_per_s={load_figures['per_s']:.1f} p95_ms_max={worst:.1f}", flush=True)
    return 0


def _count_quotes(url: str) -> int:
    """Quotes stored, for a database loaded by an earlier run."""
    if url.startswith(("postgresql://", "postgres://")):
        import psycopg

        with psycopg.connect(url) as conn:
            return int(conn.execute("SELECT count(*) FROM quotes").fetchone()[0])
    import sqlite3

    with sqlite3.connect(f"file:{url}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT count(*) FROM quotes").fetchone()[0])


if __name__ == "__main__":
    sys.exit(main())

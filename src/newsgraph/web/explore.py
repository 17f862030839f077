"""What the pages and the API ask of the store beyond one listing: speaker identities by id,
a speaker's statements by month, who talks about whom, events by month.

Built only on the `Store` protocol, so it answers the same on every backend.
A quote's speaker identity comes from the store when it keeps one per quote
(`speaker_id` on the row); otherwise from the speakers listing, by the resolved
name: every name form of an identity points at it, and where two identities
share a form (a bare surname) the one quoted more wins.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from newsgraph.records import Entity
from newsgraph.store import EventFilter, EventHit, QuoteFilter, QuoteHit, SpeakerFilter, Store
from newsgraph.store.keyset import cursor_of
from newsgraph.web.stores import StorePool

__all__ = ["Explorer", "Network", "SpeakerIndex", "month_of", "quote_speaker_id"]

# Listings the pages summarise are read up to this many rows.
MAX_ROWS = 5000
# Articles read whole to find what statements name (network, a speaker's subjects).
MAX_ARTICLES = 300
# What a story can be about, for a statement that names nothing itself.
SUBJECT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})
# Speaker identities read per query when the index is built.
INDEX_PAGE = 2000
# Summaries are kept this long (seconds) and dropped when an upload is ingested.
CACHE_SECONDS = 30.0

T = TypeVar("T")


def month_of(when: str | None) -> str | None:
    """YYYY-MM of an ISO date (a week's Monday for 2024-W14), or None for a date without a
    month (a year, a season, a TIMEX3 set)."""
    if not when or len(when) < 7 or when[4] != "-" or not when[:4].isdigit():
        return None
    if when[5:7].isdigit():
        return when[:7]
    week = when[6:8]
    if when[5] == "W" and week.isdigit() and (len(when) == 8 or not when[8:9].isdigit()):
        try:
            return date.fromisocalendar(int(when[:4]), int(week), 1).isoformat()[:7]
        except ValueError:
            return None
    return None


@dataclass(frozen=True, slots=True)
class SpeakerIndex:
    """The speakers listing, and each name form's identity."""

    speakers: tuple[Any, ...]  # SpeakerSummary rows with id and aliases, most quoted first
    by_id: dict[str, Any]
    by_name: dict[str, str]

    @classmethod
    def build(cls, rows: Iterable[Any]) -> SpeakerIndex:
        speakers = tuple(rows)
        by_name: dict[str, str] = {}
        for row in speakers:  # most quoted first, so a shared name form stays with the first
            for form in (row.name, *getattr(row, "aliases", ())):
                by_name.setdefault(form, row.id)
        return cls(speakers, {row.id: row for row in speakers}, by_name)


def quote_speaker_id(hit: Any, index: SpeakerIndex) -> str | None:
    """The speaker identity of a quote (a QuoteHit, or a record Quote)."""
    stored = getattr(hit, "speaker_id", None)
    if stored:
        return stored
    speaker = hit.speaker
    name = getattr(speaker, "name", None) if speaker is not None else None
    return index.by_name.get(name) if name else None


@dataclass(frozen=True, slots=True)
class Network:
    """Speakers and the entities their statements name, with how often."""

    speakers: list[tuple[str, str, int]]  # (id, name, statements)
    entities: list[tuple[str, str | None, int]]  # (name, label, mentions)
    # (speaker id, entity name, statements about it, of which name it themselves)
    edges: list[tuple[str, str, int, int]]
    statements: int


class Explorer:
    """Summaries over a store pool, cached for a short while."""

    def __init__(self, pool: StorePool) -> None:
        self.pool = pool
        self._cache: dict[tuple, tuple[float, Any]] = {}
        self._building: dict[tuple, threading.Lock] = {}
        self._lock = threading.Lock()

    def forget(self) -> None:
        with self._lock:
            self._cache.clear()

    def _fresh(self, key: tuple) -> tuple[bool, Any]:
        with self._lock:
            hit = self._cache.get(key)
        if hit is None:
            return False, None
        return time.monotonic() - hit[0] < CACHE_SECONDS, hit

    def cached(self, key: tuple, make: Callable[[], T]) -> T:
        """A page's own summary, kept as the explorer's are (for `CACHE_SECONDS`, dropped on upload)."""
        return self._cached(("page", *key), make)

    def _cached(self, key: tuple, make: Callable[[], T]) -> T:
        """`make()`'s value, made once per key at a time: while one request makes it again, the
        others get the value it replaces (if there is one) instead of all making it at once."""
        fresh, hit = self._fresh(key)
        if fresh:
            return hit[1]
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        if not building.acquire(blocking=hit is None):
            return hit[1]
        try:
            fresh, again = self._fresh(key)
            if fresh:
                return again[1]
            made_at = time.monotonic()
            value = make()
            with self._lock:
                if len(self._cache) > 256:
                    self._cache.clear()
                self._cache[key] = (made_at, value)
            return value
        finally:
            building.release()
            with self._lock:
                self._building.pop(key, None)

    def index(self) -> SpeakerIndex:
        def make() -> SpeakerIndex:
            # Read a page at a time: each page is its own query, well inside the time limit
            # however many identities a large corpus has.
            rows: list[Any] = []
            after: str | None = None
            while True:
                with self.pool.borrow() as store:
                    page = store.speakers(SpeakerFilter(limit=INDEX_PAGE, after=after))
                rows += page
                if len(page) < INDEX_PAGE:
                    return SpeakerIndex.build(rows)
                after = cursor_of(page[-1])
        return self._cached(("speakers",), make)

    # -- one speaker

    def speaker_quotes(self, speaker_id: str) -> list[QuoteHit]:
        """Every statement of an identity, newest first."""
        def make() -> list[QuoteHit]:
            # The stored identity's own quotations (through its index), not a match on name forms:
            # a name form two identities share stays with the identity the corpus gave it.
            with self.pool.borrow() as store:
                return store.speaker_quotes(speaker_id, limit=MAX_ROWS)
        return self._cached(("speaker", speaker_id), make)

    def speaker_dates(self, speaker_id: str) -> dict[str, int]:
        """How many of an identity's statements were said on each date: all of them, counted by
        the store off the identity's index (a timeline of the newest few thousand would cut off
        the past of anyone quoted often)."""
        def make() -> dict[str, int]:
            with self.pool.borrow() as store:
                return store.speaker_dates(speaker_id)
        return self._cached(("speaker dates", speaker_id), make)

    def talks_about(self, speaker_id: str, *, exclude: Iterable[str] = ()) -> list[tuple[str, int]]:
        """Entities the identity's statements are about, most often first (each statement once,
        as the store keeps them: what it names and whom its pronouns stand for), itself aside."""
        def make() -> list[tuple[str, int]]:
            with self.pool.borrow() as store:
                profile = store.speaker(speaker_id)
            excluded = set(exclude)
            return [(topic.name, topic.statements) for topic in (profile.talks_about if profile else ())
                    if topic.name not in excluded]
        return self._cached(("talks about", speaker_id, tuple(sorted(set(exclude)))), make)

    # -- corpus summaries

    def network(self, since: str | None, until: str | None, *, speakers: int = 14, entities: int = 20) -> Network:
        """Who speaks about whom. A statement is about the entities it names; one that names
        none ("We have waited long enough") is about what its story is about: the entities
        the article names most (up to two, the speaker aside). Both count, the first drawn solid."""
        def make() -> Network:
            index = self.index()
            with self.pool.borrow() as store:
                quotes = store.quotes(QuoteFilter(since=since, until=until, limit=MAX_ROWS))
                links: Counter[tuple[str, str]] = Counter()
                named_links: Counter[tuple[str, str]] = Counter()
                labels: dict[str, str | None] = {}
                statements = 0
                for quote, named, story in _quotes_with_entities(store, quotes):
                    speaker_id = quote_speaker_id(quote, index)
                    if speaker_id is None:
                        continue
                    forms = {index.by_id[speaker_id].name, *getattr(index.by_id[speaker_id], "aliases", ())}
                    names = {entity.name for entity in named if entity.name not in forms}
                    named_links.update((speaker_id, name) for name in names)
                    if not names:
                        counts = Counter(e.name for e in story if e.name not in forms and e.label in SUBJECT_LABELS
                                         and not any(e.name in form or form in e.name for form in forms))
                        names = {name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2]}
                    statements += bool(names)
                    for entity in story:
                        labels.setdefault(entity.name, entity.label)
                    links.update((speaker_id, name) for name in names)
            by_speaker: Counter[str] = Counter()
            by_entity: Counter[str] = Counter()
            for (speaker_id, name), count in links.items():
                by_speaker[speaker_id] += count
                by_entity[name] += count
            kept_speakers = [sid for sid, _ in sorted(by_speaker.items(), key=lambda kv: (-kv[1], kv[0]))[:speakers]]
            kept_entities = [n for n, _ in sorted(by_entity.items(), key=lambda kv: (-kv[1], kv[0]))[:entities]]
            wanted_s, wanted_e = set(kept_speakers), set(kept_entities)
            edges = sorted(((s, e, c, named_links[(s, e)]) for (s, e), c in links.items() if s in wanted_s and e in wanted_e),
                           key=lambda edge: (-edge[2], edge[0], edge[1]))
            return Network(
                speakers=[(sid, index.by_id[sid].name, by_speaker[sid]) for sid in kept_speakers],
                entities=[(name, labels.get(name), by_entity[name]) for name in kept_entities],
                edges=edges, statements=statements,
            )
        return self._cached(("network", since, until), make)

    def events_by_month(self, filters: EventFilter) -> tuple[list[str], dict[str, Counter[str]], int]:
        """Months in order, the count of each event type per month, and how many events were read."""
        def make():
            with self.pool.borrow() as store:
                rows: list[EventHit] = store.events(filters)
            per_month: dict[str, Counter[str]] = defaultdict(Counter)
            for row in rows:
                month = month_of(row.when)
                if month is not None:
                    per_month[month][row.type] += 1
            return fill_months(sorted(per_month)), dict(per_month), len(rows)
        return self._cached(("events", filters), make)


def week_of(when: str | None) -> str | None:
    """The ISO week (2024-W03) of a day (2024-01-16, any time after it) or a week, else None."""
    if not when or len(when) < 8 or not when[:4].isdigit() or when[4] != "-":
        return None
    if when[5] == "W" and when[6:8].isdigit():
        return when[:8]
    try:
        year, week, _ = date.fromisoformat(when[:10]).isocalendar()
    except ValueError:
        return None
    return f"{year:04d}-W{week:02d}"


def fill_weeks(weeks: list[str]) -> list[str]:
    """Every ISO week from the first to the last of `weeks` (sorted 2024-W03 forms), gaps included."""
    if not weeks:
        return []
    day = date.fromisocalendar(int(weeks[0][:4]), int(weeks[0][6:8]), 1)
    last = date.fromisocalendar(int(weeks[-1][:4]), int(weeks[-1][6:8]), 1)
    filled = []
    while day <= last and len(filled) < 600:
        year, week, _ = day.isocalendar()
        filled.append(f"{year:04d}-W{week:02d}")
        day += timedelta(days=7)
    return filled


def fill_months(months: list[str]) -> list[str]:
    """Every month from the first to the last of `months` (sorted YYYY-MM), gaps included."""
    if not months:
        return []
    year, month = int(months[0][:4]), int(months[0][5:7])
    last = (int(months[-1][:4]), int(months[-1][5:7]))
    filled = []
    while (year, month) <= last and len(filled) < 600:
        filled.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return filled


def _quotes_with_entities(store: Store, quotes: Iterable[QuoteHit]):
    """(quote, entities inside its text, the article's entities) for quotes on the article text,
    reading each article once."""
    by_article: dict[str, list[QuoteHit]] = defaultdict(list)
    for quote in quotes:
        if quote.field == "text" and (quote.article_id in by_article or len(by_article) < MAX_ARTICLES):
            by_article[quote.article_id].append(quote)
    for article_id, article_quotes in by_article.items():
        stored = store.get_article(article_id)
        if stored is None:
            continue
        record = stored.article
        for quote in article_quotes:
            if not 0 <= quote.position < len(record.quotes):
                continue
            span = record.quotes[quote.position]
            inside: list[Entity] = [e for e in record.entities if e.start >= span.start and e.end <= span.end]
            yield quote, inside, record.entities

"""A speaker block's summary kept batch by batch is the one all the block's rows give."""

from __future__ import annotations

import random
import sqlite3

from newsgraph.records import Article, Entity, Quote, Speaker
from newsgraph.store import ArticleEntry, WriteBatch, open_store
from newsgraph.store.block_summaries import aggregate, read_stored
from newsgraph.store.identities import Sql

# Name forms of two namesakes of two countries, a relative and bare surnames, with and without roles.
MENTIONS = [
    ("Ana Ruiz", "Chilean economist", None), ("Ana Ruiz", "Spanish Foreign Minister", None),
    ("Ana Ruiz", None, "Chile"), ("Ana M. Ruiz", "economist", None), ("Mr. Ruiz", None, None), ("Ruiz", None, None),
    ("Carlos Ruiz", "Senator", None), ("Sen. Carlos Ruiz", None, None), ("Ruiz", "senator", None),
    ("Irene Vale", "French Foreign Minister", None), ("Vale", None, None), ("Irene Vale", None, None),
]


def _articles(count: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    found = []
    for number in range(count):
        parts, quotes, entities, offset = [], [], [], 0
        for _ in range(rng.randint(1, 4)):
            name, role, affiliation = rng.choice(MENTIONS)
            text = " ".join(rng.choice("we will build the bridges on time and books show a surplus".split())
                            for _ in range(rng.randint(4, 12)))
            sentence = f'"{text}," {name} said. '
            quotes.append(Quote(start=offset + 1, end=offset + 1 + len(text), text=text, field="text", kind="direct",
                                cue=None, speaker=Speaker(start=0, end=len(name), text=name, name=name, role=role,
                                                          affiliation=affiliation), date=None))
            if rng.random() < 0.6:
                at = offset + len(text) + 4
                entities.append(Entity(start=at, end=at + len(name), text=name,
                                       label=rng.choice(["PERSON", "PERSON", "ORG"]), name=name, country=None))
            parts.append(sentence)
            offset += len(sentence)
        found.append(Article(
            id=f"b{number:04d}", source=f"b{number}.txt", url=f"https://outlet{number % 3}.example/{number}",
            headline=None, published=f"2024-{1 + number % 12:02d}-01", language="en", reading_minutes=None,
            byline=(), text="".join(parts), entities=tuple(entities), quotes=tuple(quotes), dates=(), amounts=(),
            events=(), analysis_errors=()))
    return found


def _kept_and_counted(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        sql = Sql(conn)
        pairs = []
        for block, value in conn.execute("SELECT block, fingerprint FROM block_state ORDER BY block").fetchall():
            digest, kept = read_stored(value)
            assert kept is not None and digest == kept.fingerprint()
            pairs.append((block, kept, aggregate(sql, block)))
        return pairs
    finally:
        conn.close()


def test_a_summary_kept_batch_by_batch_is_the_one_all_rows_give(tmp_path):
    articles = _articles(90)
    path = tmp_path / "kept.db"
    with open_store(path) as store:
        for first in range(0, 60, 4):
            store.write_batch(WriteBatch([ArticleEntry(a) for a in articles[first:first + 4]]))
        store.write_batch(WriteBatch(removals=[articles[5].id, articles[17].id]))
    midway = _kept_and_counted(path)
    with open_store(path) as store:
        for first in range(60, 90, 3):
            store.write_batch(WriteBatch([ArticleEntry(a) for a in articles[first:first + 3]]))
        store.write_batch(WriteBatch([ArticleEntry(articles[5])]))
    pairs = _kept_and_counted(path)
    assert {block for block, _, _ in pairs} >= {"ruiz", "vale"}
    for block, kept, counted in midway + pairs:
        assert kept == counted, block
    ruiz = next(kept for block, kept, _ in pairs if block == "ruiz")
    # The summary holds every kind of fact: counts, role heads, countries by article, known persons.
    assert ruiz.heads and ruiz.known and ruiz.articles
    assert sum(n for by_country in ruiz.countries.values() for n in by_country.values()) >= 4

"""Speaker identities and statements stored at ingest (`store.identities`), on both backends."""

from __future__ import annotations

import dataclasses
import importlib.util
import random
import sqlite3
from pathlib import Path

import pytest

from newsgraph.records import Article, Entity, Quote, Speaker
from newsgraph.store import ArticleEntry, WriteBatch, open_store
from newsgraph.store.identities import Sql
from newsgraph.store.identity_listings import StatementFilter
from newsgraph.store.identity_rows import write_identities

ROOT = Path(__file__).resolve().parent.parent

BRIDGES = "We will build the bridges this country was promised, and we will build them on time."
SURPLUS = "I left a surplus, not a debt, and the books will show it."


def quote(text: str, body: str, name: str | None, *, role: str | None = None, date: str | None = None,
          kind: str = "direct") -> Quote:
    start = body.index(text)
    speaker = Speaker(start=0, end=len(name), text=name, name=name, role=role, affiliation=None) if name else None
    return Quote(start=start, end=start + len(text), text=text, field="text", kind=kind, cue=None, speaker=speaker,
                 date=date)


def article(article_id: str, outlet: str, published: str, body: str, quotes: list[tuple], people=()) -> Article:
    entities = []
    for name in people:
        at = body.index(name)
        entities.append(Entity(start=at, end=at + len(name), text=name, label="PERSON", name=name, country=None))
    return Article(
        id=article_id, source=f"{outlet}/{article_id}.txt", url=f"https://{outlet}/{article_id}", headline=None,
        published=published, language="en", reading_minutes=None, byline=(), text=body,
        entities=tuple(entities), quotes=tuple(quote(text, body, name, **extra) for text, name, extra in quotes),
        dates=(), amounts=(), events=(), analysis_errors=(),
    )


def corpus() -> list[Article]:
    b1 = f'President Marcus Hale spoke in Ohio. "{BRIDGES}" Hale said.'
    b2 = (f'Marcus J. Hale toured Ohio and met Irene Vale. He said the bridges this country was promised '
          f'would come. "{BRIDGES}" he added.')
    b3 = f'Mr. Hale said the plan was "the bridges this country was promised, and we will build them on time".'
    b4 = f'Former Gov. Walter Brandt answered critics. "{SURPLUS}" Brandt said about Ohio.'
    b5 = f'Marcus Hale Jr. runs the family firm. "My father\'s work is his, and mine is mine," Hale Jr. said.'
    b6 = f'The Justice Department said on Monday it would review the case of Walter Brandt.'
    return [
        article("a1", "one.example", "2023-02-03", b1,
                [(BRIDGES, "Marcus Hale", {"role": "President"})], people=["Marcus Hale"]),
        article("a2", "two.example", "2023-02-04", b2,
                [("the bridges this country was promised would come", "Marcus J. Hale", {"kind": "indirect"}),
                 (BRIDGES, "Marcus J. Hale", {})], people=["Marcus J. Hale", "Irene Vale"]),
        article("a3", "three.example", "2023-02-06", b3,
                [("the bridges this country was promised, and we will build them on time", "Mr. Hale",
                  {"kind": "partial", "date": "1999-11"})]),
        article("a4", "one.example", "2024-05-01", b4,
                [(SURPLUS, "Walter Brandt", {"role": "Former Gov."})], people=["Walter Brandt"]),
        article("a5", "two.example", "2024-06-01", b5,
                [("My father's work is his, and mine is mine,", "Marcus Hale Jr.", {})], people=["Marcus Hale Jr."]),
        article("a6", "three.example", "2024-07-01", b6,
                [("it would review the case of Walter Brandt", "the Justice Department", {"kind": "indirect"})],
                people=["Walter Brandt"]),
    ]


def snapshot(store) -> dict:
    """Every stored identity fact, without what depends on arrival order (row ids, sequence numbers)."""
    speakers = [row.to_dict() for row in store.speaker_identities(limit=1000)]
    statements = [row.to_dict() for row in store.statements(StatementFilter(limit=1000))]
    links = store.quote_identities([(a.id, i) for a in corpus() for i in range(len(a.quotes))])
    return {"speakers": sorted(speakers, key=lambda r: r["id"]), "statements": sorted(statements, key=lambda r: r["id"]),
            "links": links}


def write(path, batches: list[list[Article]]) -> dict:
    with open_store(path) as store:
        for batch in batches:
            store.write_batch(WriteBatch([ArticleEntry(a) for a in batch]))
        return snapshot(store)


def test_every_quote_gets_a_speaker_and_a_statement(new_database):
    facts = write(new_database(), [corpus()])
    assert all(speaker and statement for speaker, statement in facts["links"].values())
    by_name = {row["name"]: row for row in facts["speakers"]}
    assert set(by_name) == {"Marcus J. Hale", "Walter Brandt", "Marcus Hale Jr.", "Justice Department"}
    hale = by_name["Marcus J. Hale"]
    assert (hale["quotes"], hale["statements"], hale["articles"], hale["outlets"]) == (4, 2, 3, 3)
    assert hale["aliases"] == ["Marcus Hale", "Marcus J. Hale", "Mr. Hale"]
    # A year inside what was said is never when it was said.
    assert (hale["first"], hale["last"]) == ("2023-02-03", "2023-02-06")
    assert hale["roles"] == [{"role": "President", "affiliation": None, "country": None,
                              "first": "2023-02-03", "last": "2023-02-03"}]
    assert by_name["Walter Brandt"]["roles"][0]["role"] == "Former Governor"
    assert by_name["Justice Department"]["kind"] == "organisation"
    assert by_name["Marcus Hale Jr."]["id"] != hale["id"]


def test_the_same_words_in_several_outlets_are_one_statement(new_database):
    facts = write(new_database(), [corpus()])
    links = facts["links"]
    # The direct quotation in two outlets and the partial one inside it in a third: one statement.
    assert links[("a1", 0)][1] == links[("a2", 1)][1] == links[("a3", 0)][1]
    assert links[("a2", 0)][1] != links[("a1", 0)][1]  # a different statement of the same speaker
    top = facts["statements"]
    bridges = next(s for s in top if s["id"] == links[("a1", 0)][1])
    assert (bridges["articles"], bridges["outlets"], bridges["quotes"], bridges["first_seen"]) == (3, 3, 3, "2023-02-03")
    assert bridges["text"] == BRIDGES and bridges["speaker"] == "Marcus J. Hale"


def test_records_do_not_depend_on_batch_order_or_grouping(new_database):
    articles = corpus()
    expected = write(new_database("one"), [articles])
    shuffled = articles[:]
    random.Random(7).shuffle(shuffled)
    assert write(new_database("single"), [[a] for a in reversed(articles)]) == expected
    assert write(new_database("pairs"), [shuffled[:2], shuffled[2:4], shuffled[4:]]) == expected


def test_re_ingesting_adds_nothing(new_database):
    path = new_database()
    first = write(path, [corpus()])
    assert write(path, [corpus(), corpus()[:3]]) == first


def test_a_removed_article_leaves_its_statement_and_speaker_counts_right(new_database):
    path = new_database()
    write(path, [corpus()])
    with open_store(path) as store:
        store.write_batch(WriteBatch(removals=["a2"]))
        after = snapshot(store)
    fresh = write(new_database("fresh"), [[a for a in corpus() if a.id != "a2"]])
    assert {k: v for k, v in after.items() if k != "links"} == {k: v for k, v in fresh.items() if k != "links"}
    hale = next(r for r in after["speakers"] if "Mr. Hale" in r["aliases"])
    assert (hale["quotes"], hale["statements"]) == (2, 1)


def test_listings_and_one_speaker(new_database):
    path = new_database()
    write(path, [corpus()])
    with open_store(path) as store:
        assert [r.name for r in store.speaker_identities(name="MARCUS J")] == ["Marcus J. Hale"]
        hale = store.speaker_identities(name="hale", limit=1)[0]
        assert [s.text for s in store.statements(speaker="Mr. Hale")][0] == BRIDGES
        assert [s.speaker for s in store.statements(about="walter")] == ["Justice Department"]
        assert store.statements(since="2024-01-01", until="2024-06") and all(
            s.first_seen >= "2024" for s in store.statements(since="2024-01-01"))
        profile = store.speaker(hale.id)
        assert profile.speaker.name == "Marcus J. Hale" and len(profile.statements) == 2
        department = store.speaker("Justice Department")
        assert [(t.name, t.statements) for t in department.talks_about] == [("Walter Brandt", 1)]
        quotes = store.speaker_quotes(hale.id)
        assert [(q.article_id, q.position) for q in quotes] == [("a3", 0), ("a2", 0), ("a2", 1), ("a1", 0)]
        # every quotation of the identity counted by the date it was said, as its quotes list them
        assert store.speaker_dates(hale.id) == {"2023-02-03": 1, "2023-02-04": 2, "2023-02-06": 1}
        assert sum(store.speaker_dates(hale.id).values()) == hale.quotes == len(quotes)
        assert store.speaker_dates("no-such-identity") == {}
        assert store.speaker("no such id") is None


def test_a_pronoun_in_a_statement_is_about_the_person_the_article_named():
    from newsgraph.resolve.statements import about_entities
    body = 'Irene Vale left the party. "She will regret it, and so will Ohio," Marcus Hale said.'
    start = body.index("She")
    end = body.index(',"') + 1
    ents = [Entity(start=0, end=10, text="Irene Vale", label="PERSON", name="Irene Vale", country=None),
            Entity(start=body.index("Ohio"), end=body.index("Ohio") + 4, text="Ohio", label="GPE", name="Ohio",
                   country="USA")]
    assert about_entities(start, end, body[start:end], ents, "Marcus Hale") == ["Ohio", "Irene Vale"]


@pytest.mark.parametrize("a, b, same", [
    (BRIDGES, BRIDGES.upper(), True),
    (BRIDGES, "the bridges this country was promised", True),
    (BRIDGES, "We will build the bridges this country was promised", True),
    (BRIDGES, SURPLUS, False),
    ("no comment", "No comment", True),
    ("we will", "we will build the bridges", False),
    # One word written differently in eleven (a wire story and its copy edited), not in seven.
    ("that roads and bridges would come first in a second term",
     "that roads and bridges would come first in his second term", True),
    ("we will win this election in November", "we will lose this election in November", False),
    ("roads and bridges would come first in a second term", "schools and hospitals would come first in a new term",
     False),
])
def test_when_two_quotations_are_one_statement(a, b, same):
    from newsgraph.resolve.statements import is_same_statement, shingle_keys, statement_tokens
    ka, kb = set(shingle_keys("hale", statement_tokens(a))), set(shingle_keys("hale", statement_tokens(b)))
    assert is_same_statement(len(ka & kb), len(ka), len(kb)) is same


def test_a_nameless_description_is_the_one_person_or_body_its_article_names():
    from newsgraph.resolve.appositions import described_speaker
    hale = [("Marcus J. Hale", None), ("Marcus J. Hale", "president")]
    assert described_speaker("the president", hale, []) == "Marcus J. Hale"
    assert described_speaker("The President", [("Hale", None), *hale], []) == "Marcus J. Hale"
    # Two persons named, or the one named quoted with another office: no choice is made.
    assert described_speaker("the president", [*hale, ("Irene Vale", None)], []) is None
    assert described_speaker("the president", [("Irene Vale", "senator")], []) is None
    # Not a bare definite office or body word.
    assert described_speaker("a president", hale, []) is None
    assert described_speaker("the voters", hale, []) is None
    assert described_speaker("the ministry", [], ["French Foreign Ministry"]) == "French Foreign Ministry"
    assert described_speaker("the ministry", [], ["Foreign Ministry", "Defence Ministry"]) is None
    # One organisation written two ways is still one.
    assert described_speaker("the ministry", [], ["The French Foreign Ministry", "French Foreign Ministry",
                                                  "French Foreign Ministry"]) == "French Foreign Ministry"


def test_a_nameless_president_is_stored_as_the_person_its_article_names(new_database):
    body = f'Marcus Hale toured Ohio. "{BRIDGES}" the president said.'
    start = body.index(BRIDGES)
    said_by = Speaker(start=body.index("the president"), end=body.index("the president") + 13, text="the president",
                      name=None, role="president", affiliation=None)
    nameless = Quote(start=start, end=start + len(BRIDGES), text=BRIDGES, field="text", kind="direct", cue=None,
                     speaker=said_by, date=None)
    two = dataclasses.replace(article("a7", "four.example", "2023-02-05", body, [], people=["Marcus Hale"]),
                              quotes=(nameless,))
    with open_store(new_database()) as store:
        store.write_batch(WriteBatch([ArticleEntry(a) for a in (corpus()[0], two)]))
        found = store.quote_identities([("a1", 0), ("a7", 0)])
        assert found[("a7", 0)][0] == found[("a1", 0)][0]  # the same speaker
        assert found[("a7", 0)][1] == found[("a1", 0)][1]  # and the same statement
        hale = store.speaker(found[("a1", 0)][0])
        assert any("the president" in why for why in hale.speaker.why)


def test_a_bare_surname_goes_to_the_full_name_most_articles_give(new_database):
    # `Paul Moss` is named five times in one profile, `Irene Moss` once in each of four articles:
    # by mentions neither holds 0.8 of the surname, by articles Irene does (4 of 5).
    articles = [article(f"m{n}", "one.example", f"2024-01-0{n + 1}", f'Irene Moss spoke on day {n}. "We are ready."',
                        [("We are ready.", "Irene Moss", {})] if n == 0 else [], people=["Irene Moss"]) for n in range(4)]
    profile = "Paul Moss. " * 5
    articles.append(dataclasses.replace(
        article("m4", "two.example", "2024-01-06", profile, []),
        entities=tuple(Entity(start=11 * i, end=11 * i + 9, text="Paul Moss", label="PERSON", name="Paul Moss",
                              country=None) for i in range(5))))
    bare = 'The ferry will run again, Moss said.'
    articles.append(article("m5", "three.example", "2024-01-07", bare, [("The ferry will run again", "Moss", {})]))
    with open_store(new_database()) as store:
        store.write_batch(WriteBatch([ArticleEntry(a) for a in articles]))
        found = store.quote_identities([("m0", 0), ("m5", 0)])
        assert found[("m5", 0)][0] == found[("m0", 0)][0]
        moss = store.speaker(found[("m5", 0)][0]).speaker
        assert moss.name == "Irene Moss" and moss.aliases == ("Irene Moss", "Moss")
        assert any("4 of 5 articles" in why for why in moss.why)


def _speaker_rows(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM speakers ORDER BY id").fetchall()
    finally:
        conn.close()


def test_rows_added_to_batch_by_batch_are_those_counted_from_every_quotation(tmp_path):
    """An identity row kept up to date from each batch's new quotations (and counted again where
    one lost or changed some) is the row all its quotations give, column by column."""
    spec = importlib.util.spec_from_file_location("identities_benchmark", ROOT / "benchmarks" / "identities.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    articles = bench.synthetic(960, per_article=6, seed=5)  # name variants, bare surnames, repeated statements
    path = tmp_path / "batched.db"
    with open_store(path) as store:
        for first in range(0, len(articles), 7):
            store.write_batch(WriteBatch([ArticleEntry(a) for a in articles[first:first + 7]]))
        store.write_batch(WriteBatch(removals=[articles[3].id, articles[50].id]))
        store.write_batch(WriteBatch([ArticleEntry(articles[3])]))
    batched = _speaker_rows(path)
    assert len(batched) > 20 and all(row[-1] for row in batched)  # every row has its tally
    conn = sqlite3.connect(path)
    with conn:
        ids = conn.execute("SELECT id, block FROM speakers").fetchall()
        write_identities(Sql(conn), dict(ids), {})
    conn.close()
    assert _speaker_rows(path) == batched


def test_a_quotation_that_joins_two_statements_of_its_speaker_leaves_one(new_database):
    """Two statements of one speaker, stored apart, become one when a later article quotes both in
    one quotation: the speaker's row counts one statement (no recount of all its quotations)."""
    first, second = "The harbour wall will be finished by the spring.", "We have found the money for the ferry."
    both = f"{first} {second}"
    batches = [
        [article("m1", "one.example", "2024-03-01", f'"{first}" said Ines Varga.', [(first, "Ines Varga", {})],
                 people=["Ines Varga"])],
        [article("m2", "two.example", "2024-03-02", f'"{second}" said Ines Varga.', [(second, "Ines Varga", {})],
                 people=["Ines Varga"])],
        [article("m3", "three.example", "2024-03-03", f'"{both}" Ines Varga said.', [(both, "Ines Varga", {})],
                 people=["Ines Varga"])],
    ]
    url = new_database()
    for number, batch in enumerate(batches):
        with open_store(url) as store:
            store.write_batch(WriteBatch([ArticleEntry(item) for item in batch]))
            (speaker,) = store.speaker_identities(limit=10)
        assert (speaker.quotes, speaker.statements) == ((1, 1), (2, 2), (3, 1))[number]

"""Stored quotations are listed and searched: `store.quotes`, `store.speakers` and their commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.records import Article, Entity, Event, EventParty, Quote, Speaker
from newsgraph.store import (
    ArticleEntry,
    EntityFilter,
    EventFilter,
    QueryError,
    QuoteFilter,
    SpeakerFilter,
    WriteBatch,
    open_store,
)


def quote(text: str, body: str, *, name: str | None, mention: str, role: str | None = None,
          kind: str = "direct", date: str | None = None) -> Quote:
    start = body.index(text)
    return Quote(
        start=start, end=start + len(text), text=text, field="text", kind=kind, cue=None, date=date,
        speaker=Speaker(start=0, end=len(mention), text=mention, name=name, role=role, affiliation=None),
    )


def span(body: str, text: str) -> dict:
    start = body.index(text)
    return {"start": start, "end": start + len(text), "text": text}


def write(store, *articles: Article) -> None:
    store.write_batch(WriteBatch(articles=[ArticleEntry(item) for item in articles]))


PIER = "\"The pier will reopen before summer,\" said harbour master Ilse Brandt. She added that repairs were on budget."
BRIDGE = "\"We need the bridge more than the pier,\" said Mayor Tomas Reiter on Monday."
FERRY = "A source said the ferry company was close to bankruptcy."


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "q.db") as store:
        write(
            store,
            Article(id="pier", source="a.txt", text=PIER, published="2024-05-10", quotes=(
                quote("The pier will reopen before summer", PIER, name="Ilse Brandt", mention="harbour master Ilse Brandt", role="harbour master"),
                quote("that repairs were on budget", PIER, name="Ilse Brandt", mention="She", kind="indirect"),
            )),
            Article(id="bridge", source="b.txt", text=BRIDGE, published="2024-05-16", quotes=(
                quote("We need the bridge more than the pier", BRIDGE, name="Tomas Reiter", mention="Mayor Tomas Reiter",
                      role="Mayor", date="2024-05-13"),
            )),
            Article(id="ferry", source="c.txt", text=FERRY, published="2024-04-01", quotes=(
                quote("the ferry company was close to bankruptcy", FERRY, name=None, mention="A source", kind="indirect"),
            )),
        )
        yield store


def test_quotes_newest_first_by_when_said(store):
    listed = store.quotes(QuoteFilter())
    assert [q.article_id for q in listed] == ["bridge", "pier", "pier", "ferry"]
    assert [q.position for q in listed] == [0, 0, 1, 0]
    first = listed[0]
    assert (first.when, first.date, first.published) == ("2024-05-13", "2024-05-13", "2024-05-16")  # said on Monday, published on Thursday
    assert (first.speaker.name, first.speaker.text, first.speaker.role) == ("Tomas Reiter", "Mayor Tomas Reiter", "Mayor")
    assert listed[1].when == "2024-05-10" and listed[1].date is None  # no date stated: the article's


def test_filters(store):
    assert [q.text for q in store.quotes(QuoteFilter(speaker="brandt", kind="indirect"))] == ["that repairs were on budget"]
    assert {q.article_id for q in store.quotes(QuoteFilter(about="pier"))} == {"pier", "bridge"}
    assert [q.article_id for q in store.quotes(QuoteFilter(about="pier", until="2024-05-12"))] == ["pier"]
    assert [q.speaker.text for q in store.quotes(QuoteFilter(speaker="source"))] == ["A source"]
    assert store.quotes(QuoteFilter(since="2024-06")) == []
    assert [q.article_id for q in store.quotes(QuoteFilter(limit=2, offset=1))] == ["pier", "pier"]


def test_bad_filters_are_query_errors(store):
    with pytest.raises(QueryError, match="kind must be one of"):
        store.quotes(QuoteFilter(kind="rumour"))
    with pytest.raises(QueryError, match="since must be an ISO 8601 date"):
        store.quotes(QuoteFilter(since="last week"))
    with pytest.raises(QueryError, match="limit must be at least 1"):
        QuoteFilter(limit=0)


def test_speakers_count_resolved_names_only(store):
    rows = store.speakers(SpeakerFilter())
    assert [(r.name, r.quotes, r.articles) for r in rows] == [("Ilse Brandt", 2, 1), ("Tomas Reiter", 1, 1)]
    assert rows[0].roles == ("harbour master",)
    assert (rows[0].first, rows[0].last) == ("2024-05-10", "2024-05-10")
    assert [r.name for r in store.speakers(SpeakerFilter(name="reiter"))] == ["Tomas Reiter"]


def test_commands(store, tmp_path: Path):
    runner = CliRunner()
    db = str(tmp_path / "q.db")
    listed = runner.invoke(app, ["quotes", "--db", db, "--speaker", "Reiter", "--json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    assert [q["text"] for q in rows] == ["We need the bridge more than the pier"]
    assert rows[0]["speaker"]["name"] == "Tomas Reiter" and rows[0]["when"] == "2024-05-13"
    table = runner.invoke(app, ["speakers", "--db", db])
    assert table.exit_code == 0 and "Ilse Brandt" in table.stdout
    bad = runner.invoke(app, ["quotes", "--db", db, "--kind", "rumour"])
    assert bad.exit_code == 1 and "kind must be one of" in bad.output


def test_entities_and_quotes_about_an_entity(tmp_path: Path):
    body = "\"Ukraine needs shells now,\" said Foreign Minister Jane Doe. Doe met officials in Kyiv."
    doe_again = body.index("Doe met")
    entities = (
        Entity(**span(body, "Ukraine"), label="GPE", name="Ukraine", country="UKR"),
        Entity(**span(body, "Jane Doe"), label="PERSON", name="Jane Doe", country="UKR"),
        Entity(start=doe_again, end=doe_again + 3, text="Doe", label="PERSON", name="Jane Doe", country=None),
        Entity(**span(body, "Kyiv"), label="GPE", name="Kyiv", country="UKR"),
    )
    said = quote("Ukraine needs shells now", body, name="Jane Doe", mention="Foreign Minister Jane Doe")
    with open_store(tmp_path / "e.db") as store:
        write(store, Article(id="e1", source="e.txt", text=body, published="2024-03-08", entities=entities, quotes=(said,)))
        people = store.entities(EntityFilter(label="person"))
        assert [(p.name, p.country, p.mentions, p.articles) for p in people] == [("Jane Doe", "UKR", 2, 1)]
        assert {e.name for e in store.entities(EntityFilter(country="ukr"))} == {"Ukraine", "Jane Doe", "Kyiv"}
        assert [e.name for e in store.entities(EntityFilter(name="kyi"))] == ["Kyiv"]
        assert len(store.quotes(QuoteFilter(about_entity="Ukraine"))) == 1
        assert len(store.quotes(QuoteFilter(about_entity="UKR"))) == 1
        assert store.quotes(QuoteFilter(about_entity="Kyiv")) == []  # named in the article, not in what was said


def test_events_listing(tmp_path: Path):
    body = "France delivered howitzers to Ukraine on Monday. Russia accused Moldova of provocations."
    events = (
        Event(type="AID", mode="military", actor=EventParty(text="France", name="France", country="FRA"),
              recipient=EventParty(text="Ukraine", name="Ukraine", country="UKR"), date="2024-03-04",
              amount=None, quote=None, start=0, end=49, text=body[:49]),
        Event(type="ACCUSE", mode=None, actor=EventParty(text="Russia", name="Russia", country="RUS"),
              recipient=EventParty(text="Moldova", name="Moldova", country="MDA"), date=None,
              amount=None, quote=None, start=50, end=len(body), text=body[50:]),
    )
    with open_store(tmp_path / "ev.db") as store:
        write(store, Article(id="ev", source="ev.txt", text=body, published="2024-03-06", events=events))
        listed = store.events(EventFilter())
        assert [e.type for e in listed] == ["ACCUSE", "AID"]  # 03-06 (article) before 03-04 (stated)
        assert listed[1].actor == events[0].actor and listed[1].when == "2024-03-04"
        assert listed[0].when == "2024-03-06" and listed[0].date is None
        assert [e.type for e in store.events(EventFilter(actor="fra"))] == ["AID"]
        assert [e.type for e in store.events(EventFilter(actor="russ"))] == ["ACCUSE"]
        assert [e.type for e in store.events(EventFilter(recipient="MDA", type="accuse"))] == ["ACCUSE"]
        assert [e.type for e in store.events(EventFilter(until="2024-03-05"))] == ["AID"]
        with pytest.raises(QueryError, match="PLOVER types"):
            EventFilter(type="HUG")

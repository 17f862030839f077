"""Stored quotations are listed and searched: `store.quotes`, `store.speakers` and their commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.records import Article
from newsgraph.store import QueryError, open_store


def quote(text: str, body: str, *, name: str | None, mention: str, role: str | None = None,
          kind: str = "direct", date: str | None = None) -> dict:
    start = body.index(text)
    return {
        "start": start, "end": start + len(text), "text": text, "field": "text", "kind": kind,
        "cue": None, "date": date,
        "speaker": {"start": 0, "end": len(mention), "text": mention, "name": name, "role": role, "affiliation": None},
    }


PIER = "\"The pier will reopen before summer,\" said harbour master Ilse Brandt. She added that repairs were on budget."
BRIDGE = "\"We need the bridge more than the pier,\" said Mayor Tomas Reiter on Monday."
FERRY = "A source said the ferry company was close to bankruptcy."


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "q.db") as store:
        store.write_batch([
            Article(id="pier", source="a.txt", text=PIER, published="2024-05-10", quotes=[
                quote("The pier will reopen before summer", PIER, name="Ilse Brandt", mention="harbour master Ilse Brandt", role="harbour master"),
                quote("that repairs were on budget", PIER, name="Ilse Brandt", mention="She", kind="indirect"),
            ]),
            Article(id="bridge", source="b.txt", text=BRIDGE, published="2024-05-16", quotes=[
                quote("We need the bridge more than the pier", BRIDGE, name="Tomas Reiter", mention="Mayor Tomas Reiter",
                      role="Mayor", date="2024-05-13"),
            ]),
            Article(id="ferry", source="c.txt", text=FERRY, published="2024-04-01", quotes=[
                quote("the ferry company was close to bankruptcy", FERRY, name=None, mention="A source", kind="indirect"),
            ]),
        ])
        yield store


def test_quotes_newest_first_by_when_said(store):
    assert [q["article_id"] for q in store.quotes()] == ["bridge", "pier", "pier", "ferry"]
    assert store.quotes()[0]["when"] == "2024-05-13"  # said on Monday, published on Thursday


def test_filters(store):
    assert [q["text"] for q in store.quotes(speaker="brandt", kind="indirect")] == ["that repairs were on budget"]
    assert {q["article_id"] for q in store.quotes(about="pier")} == {"pier", "bridge"}
    assert [q["article_id"] for q in store.quotes(about="pier", until="2024-05-12")] == ["pier"]
    assert [q["speaker"]["text"] for q in store.quotes(speaker="source")] == ["A source"]
    assert store.quotes(since="2024-06") == []


def test_bad_filters_are_query_errors(store):
    with pytest.raises(QueryError, match="kind must be one of"):
        store.quotes(kind="rumour")
    with pytest.raises(QueryError, match="since must be an ISO 8601 date"):
        store.quotes(since="last week")


def test_speakers_count_resolved_names_only(store):
    rows = store.speakers()
    assert [(r["name"], r["quotes"], r["articles"]) for r in rows] == [("Ilse Brandt", 2, 1), ("Tomas Reiter", 1, 1)]
    assert rows[0]["roles"] == ["harbour master"]


def test_commands(store, tmp_path: Path):
    runner = CliRunner()
    db = str(tmp_path / "q.db")
    listed = json.loads(runner.invoke(app, ["quotes", "--db", db, "--speaker", "Reiter", "--json"]).stdout)
    assert [q["text"] for q in listed] == ["We need the bridge more than the pier"]
    table = runner.invoke(app, ["speakers", "--db", db])
    assert table.exit_code == 0 and "Ilse Brandt" in table.stdout
    bad = runner.invoke(app, ["quotes", "--db", db, "--kind", "rumour"])
    assert bad.exit_code == 1 and "kind must be one of" in bad.output


def test_entities_and_quotes_about_an_entity(tmp_path: Path):
    body = "\"Ukraine needs shells now,\" said Foreign Minister Jane Doe. Doe met officials in Kyiv."
    entities = [
        {"start": body.index("Ukraine"), "end": body.index("Ukraine") + 7, "text": "Ukraine", "label": "GPE", "name": "Ukraine", "country": "UKR"},
        {"start": body.index("Jane Doe"), "end": body.index("Jane Doe") + 8, "text": "Jane Doe", "label": "PERSON", "name": "Jane Doe", "country": "UKR"},
        {"start": body.index("Doe met"), "end": body.index("Doe met") + 3, "text": "Doe", "label": "PERSON", "name": "Jane Doe", "country": None},
        {"start": body.index("Kyiv"), "end": body.index("Kyiv") + 4, "text": "Kyiv", "label": "GPE", "name": "Kyiv", "country": "UKR"},
    ]
    said = quote("Ukraine needs shells now", body, name="Jane Doe", mention="Foreign Minister Jane Doe")
    with open_store(tmp_path / "e.db") as store:
        store.write_batch([Article(id="e1", source="e.txt", text=body, published="2024-03-08", entities=entities, quotes=[said])])
        people = store.entities(label="person")
        assert [(p["name"], p["country"], p["mentions"]) for p in people] == [("Jane Doe", "UKR", 2)]
        assert {e["name"] for e in store.entities(country="ukr")} == {"Ukraine", "Jane Doe", "Kyiv"}
        assert len(store.quotes(about_entity="Ukraine")) == 1
        assert len(store.quotes(about_entity="UKR")) == 1
        assert store.quotes(about_entity="Kyiv") == []  # named in the article, not in what was said


def test_events_listing(tmp_path: Path):
    body = "France delivered howitzers to Ukraine on Monday. Russia accused Moldova of provocations."
    events = [
        {"type": "AID", "mode": "military", "actor": {"text": "France", "name": "France", "country": "FRA"},
         "recipient": {"text": "Ukraine", "name": "Ukraine", "country": "UKR"}, "date": "2024-03-04",
         "amount": None, "quote": None, "start": 0, "end": 49, "text": body[:49]},
        {"type": "ACCUSE", "mode": None, "actor": {"text": "Russia", "name": "Russia", "country": "RUS"},
         "recipient": {"text": "Moldova", "name": "Moldova", "country": "MDA"}, "date": None,
         "amount": None, "quote": None, "start": 50, "end": len(body), "text": body[50:]},
    ]
    with open_store(tmp_path / "ev.db") as store:
        store.write_batch([Article(id="ev", source="ev.txt", text=body, published="2024-03-06", events=events)])
        assert [e["type"] for e in store.events()] == ["ACCUSE", "AID"]  # 03-06 (article) before 03-04 (stated)
        assert [e["type"] for e in store.events(actor="fra")] == ["AID"]
        assert [e["type"] for e in store.events(recipient="MDA", type="accuse")] == ["ACCUSE"]
        assert [e["type"] for e in store.events(until="2024-03-05")] == ["AID"]
        with pytest.raises(QueryError, match="PLOVER types"):
            store.events(type="HUG")

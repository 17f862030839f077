"""The command line end to end on a small fictional corpus (Typer's CliRunner, real SQLite file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.records import CONTRACT_FIELDS

runner = CliRunner()


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


@pytest.fixture
def ingested(small_corpus: Path, tmp_path: Path) -> Path:
    db = tmp_path / "news.db"
    result = invoke("ingest", small_corpus, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    return db


def test_help_explains_every_command():
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("extract", "ingest", "search", "show", "stats", "errors"):
        assert command in result.output


def test_extract_writes_contract_records(small_corpus: Path, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    result = invoke("extract", small_corpus, "-o", out, "--no-analysis")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 4
    for record in records:
        assert list(record) == list(CONTRACT_FIELDS)
        for empty_list in ("entities", "quotes", "dates", "amounts", "events"):
            assert record[empty_list] == []
    by_id = {r["id"]: r for r in records}
    assert by_id["wire-001"]["headline"] == "Rail workers announce two-day strike"
    assert by_id["wire-001"]["source"].endswith("feed.jsonl#1")
    scrape = next(r for r in records if r["source"].endswith("ferry.txt"))
    assert scrape["headline"] == "Harbour city signs ferry deal with northern neighbour"
    assert scrape["published"] == "2024-05-14T09:45:00"
    assert scrape["reading_minutes"] == 2
    assert "AD" not in scrape["text"].split("\n\n")
    assert "Share on Facebook" not in scrape["text"]
    assert scrape["text"].count("Harbour city signs ferry deal") == 0
    assert scrape["language"] == "en"
    page = next(r for r in records if r["source"].endswith("farmers.html"))
    assert page["headline"] == "Valley farmers protest water cuts"
    assert page["published"].startswith("2024-04-02")
    assert "Our fields cannot wait" in page["text"]
    assert "All rights reserved" not in page["text"]


def test_extract_analyses_by_default(small_corpus: Path, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    assert invoke("extract", small_corpus / "scrapes", "-o", out).exit_code == 0
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    text = record["text"]
    quote = next(q for q in record["quotes"] if q["text"].startswith("We have waited"))
    assert quote["speaker"]["name"] == "Ilse Brandt"
    assert quote["kind"] == "direct"
    tuesday = next(d for d in record["dates"] if d["text"] == "Tuesday")
    assert tuesday["value"] == "2024-05-14"  # published on a Tuesday: that same day
    fare = next(a for a in record["amounts"] if a["unit"] == "EUR")
    assert (fare["value"], fare["approximate"]) == (40.0, True)
    assert any(e["name"] == "Ilse Brandt" and e["label"] == "PERSON" for e in record["entities"])
    for span in record["quotes"] + record["dates"] + record["amounts"] + record["entities"]:
        if span.get("field", "text") == "text":
            assert text[span["start"]:span["end"]] == span["text"]


def test_unknown_model_is_one_clear_error(small_corpus: Path):
    result = invoke("extract", small_corpus, "--model", "xx_no_such_pipeline")
    assert result.exit_code == 1
    assert "xx_no_such_pipeline" in result.output and "Traceback" not in result.output


def test_extract_reads_stdin():
    result = invoke("extract", "-", input="Ferry talks resume\n\nThe two ports resumed talks on Monday about a ferry line.\n")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["source"] == "-"
    assert "resumed talks" in record["text"]


def test_extract_of_only_bad_input_fails(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = invoke("extract", empty)
    assert result.exit_code == 1
    assert "empty" in result.output


def test_ingest_then_query(ingested: Path):
    stats = json.loads(invoke("stats", "--db", ingested, "--json").stdout)
    assert stats["articles"] == 4

    hits = json.loads(invoke("search", "ferry", "--db", ingested, "--json").stdout)
    assert hits and hits[0]["headline"].startswith("Harbour city signs ferry deal")
    assert "ferry" in hits[0]["snippet"].lower()

    shown = invoke("show", hits[0]["id"], "--db", ingested)
    assert shown.exit_code == 0
    assert "Ilse Brandt" in shown.stdout

    record = json.loads(invoke("show", hits[0]["id"], "--db", ingested, "--json").stdout)
    assert record["id"] == hits[0]["id"]
    assert record["published"] == "2024-05-14T09:45:00"


def test_reingest_adds_nothing(ingested: Path, small_corpus: Path):
    result = invoke("ingest", small_corpus, "--db", ingested, "--json")
    summary = json.loads(result.stdout)
    assert summary["new"] == 0
    assert summary["skipped"] == 4
    stats = json.loads(invoke("stats", "--db", ingested, "--json").stdout)
    assert stats["articles"] == 4


def test_search_filters_by_date(ingested: Path):
    hits = json.loads(invoke("search", "library OR ferry", "--db", ingested, "--since", "2024-04-01", "--json").stdout)
    assert [h["headline"] for h in hits] == ["Harbour city signs ferry deal with northern neighbour"]


def test_malformed_query_is_one_clear_line(ingested: Path):
    result = invoke("search", 'ferry AND (', "--db", ingested)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "query" in result.output.lower()


def test_query_commands_on_missing_database(tmp_path: Path):
    result = invoke("search", "ferry", "--db", tmp_path / "nothing.db")
    assert result.exit_code == 1
    assert "no database" in result.output
    assert not (tmp_path / "nothing.db").exists()


def test_show_unknown_id(ingested: Path):
    result = invoke("show", "doesnotexist", "--db", ingested)
    assert result.exit_code == 1
    assert "no article" in result.output


def test_bad_files_are_recorded_and_batch_goes_on(small_corpus: Path, tmp_path: Path):
    (small_corpus / "scrapes" / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (small_corpus / "scrapes" / "blank.txt").write_bytes(b"")
    db = tmp_path / "bad.db"
    summary = json.loads(invoke("ingest", small_corpus, "--db", db, "--json").stdout)
    assert summary["new"] == 4
    assert summary["failed"] == 2
    errors = json.loads(invoke("errors", "--db", db, "--json").stdout)
    reasons = {Path(e["source"]).name: e["reason"] for e in errors}
    assert "binary" in reasons["picture.txt"].lower()
    assert "empty" in reasons["blank.txt"].lower()


def test_search_output_treats_stored_text_as_text(tmp_path: Path):
    feed = tmp_path / "feed.jsonl"
    record = {"id": "m1", "headline": "Markup [bold]in[/] headline", "text": "The ferry [/] sailed at [red]dawn on Monday with forty passengers aboard."}
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = tmp_path / "m.db"
    assert invoke("ingest", feed, "--db", db).exit_code == 0
    result = invoke("search", "ferry", "--db", db)
    assert result.exit_code == 0, result.output
    assert "[/]" in result.stdout and "[red]dawn" in result.stdout

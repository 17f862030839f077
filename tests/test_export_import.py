"""`newsgraph export` and `newsgraph import` on both backends: the round trip between SQLite and
PostgreSQL reproduces the records, Parquet has the declared typed schema, CSV a header and a row
per record, an export streams in constant memory, and a bad line in an import is that line's
failure alone."""

from __future__ import annotations

import csv
import io
import json
import random
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.engine.importer import import_records
from newsgraph.records import Amount, Article, Entity, Event, EventParty, Quote, Span, Speaker, Timex
from newsgraph.store import ArticleEntry, WriteBatch, open_store
from newsgraph.store.article_stream import ArticleFilter
from newsgraph.store.export import arrow_schema, export

WORDS = ("harbour", "council", "ferry", "budget", "river", "school", "grain", "storm", "bridge", "vote",
         "market", "winter", "museum", "railway", "border", "treaty", "village", "court", "tax", "forest")
SPEAKERS = (("Ilse Brandt", "harbour director"), ("Karl Esser", "union leader"), ("Dora Lenz", None))


def made_article(n: int, rng: random.Random) -> Article:
    """An analysed record with every list filled: distinct bodies, so none is a duplicate of another."""
    said = " ".join(rng.choice(WORDS) for _ in range(8))
    opening = f"Report {n}: " + " ".join(rng.choice(WORDS) for _ in range(30)) + "."
    quote_text = f'"{said}," said {SPEAKERS[n % 3][0]}.'
    text = f"{opening}\n\n{quote_text} The deal is worth EUR{n + 1} million to Northport."
    q_start = len(opening) + 3
    q_end = q_start + len(said) + 1
    name, role = SPEAKERS[n % 3]
    who = text.index(name)
    money = text.index("EUR")
    place = text.index("Northport")
    return Article(
        id=f"made-{n:05d}", source=f"made.jsonl#{n + 1}", url=f"https://news{n % 4}.example/story/{n}",
        headline=f"Story {n} about the {rng.choice(WORDS)}", published=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
        language="en", reading_minutes=n % 5 or None, byline=("Marta Olenko",) if n % 2 else (),
        text=text,
        entities=(Entity(start=who, end=who + len(name), text=name, label="PERSON", name=name),
                  Entity(start=place, end=place + 9, text="Northport", label="GPE", name="Northport", country="NPT")),
        quotes=(Quote(start=q_start, end=q_end, text=said + ",", kind="direct",
                      cue=Span(start=who - 5, end=who - 1, text="said"),
                      speaker=Speaker(start=who, end=who + len(name), text=name, name=name, role=role),
                      date=f"2024-{1 + n % 12:02d}-01" if n % 3 == 0 else None),),
        dates=(Timex(start=0, end=6, text="Report", type="DATE", value="2024"),) if n % 4 == 0 else (),
        amounts=(Amount(start=money, end=money + len(f"EUR{n + 1} million"), text=f"EUR{n + 1} million",
                        value=(n + 1) * 1e6, unit="EUR", approximate=n % 2 == 0, kind="money"),),
        events=(Event(type="AGREE", actor=EventParty(text=name, name=name), recipient=EventParty(country="NPT"),
                      amount=0, quote=0, start=0, end=len(opening), text=opening),) if n % 2 == 0 else (),
    )


def fill(db, count: int, *, seed: int = 3, batch: int = 200) -> list[Article]:
    rng = random.Random(seed)
    records = [made_article(n, rng) for n in range(count)]
    with open_store(db) as store:
        for start in range(0, count, batch):
            result = store.write_batch(WriteBatch([ArticleEntry(a) for a in records[start:start + batch]]))
            assert result.new == len(records[start:start + batch])
    return records


def cli(*args: str):
    return CliRunner().invoke(app, [str(arg) for arg in args])


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Path:
    return tmp_path / "laptop.db"


@pytest.mark.parametrize("direction", ["sqlite->postgresql", "postgresql->sqlite"])
def test_export_then_import_into_the_other_backend_reproduces_the_records(direction, sqlite_db, postgres_url,
                                                                          tmp_path):
    source, target = (sqlite_db, postgres_url) if direction.startswith("sqlite") else (postgres_url, sqlite_db)
    records = fill(source, 40)
    exported = tmp_path / "out.jsonl"
    done = cli("export", "--what", "articles", "--format", "jsonl", "-o", exported, "--db", source)
    assert done.exit_code == 0, done.output
    assert jsonl(exported) == [record.to_dict() for record in records]  # the contract, exactly as written
    loaded = cli("import", exported, "--db", target)
    assert loaded.exit_code == 0, loaded.output
    assert "40 new" in loaded.output
    again = tmp_path / "again.jsonl"
    assert cli("export", "-o", again, "--db", target).exit_code == 0
    assert again.read_bytes() == exported.read_bytes()
    # Importing the same file again adds nothing.
    rerun = cli("import", exported, "--db", target)
    assert rerun.exit_code == 0 and "0 new" in rerun.output and "40 already stored" in rerun.output
    with open_store(target, readonly=True) as store:
        assert store.stats().articles == 40
        assert [q.text for q in store.quotes(speaker="Brandt", limit=100)] == \
               [q.text for q in open_store(source, readonly=True).quotes(speaker="Brandt", limit=100)]


def test_what_extract_writes_imports_as_it_is(sqlite_db, small_corpus, tmp_path):
    extracted = tmp_path / "extracted.jsonl"
    done = cli("extract", small_corpus, "--no-analysis", "--engine", "serial", "-o", extracted)
    assert done.exit_code == 0, done.output
    assert cli("import", extracted, "--db", sqlite_db).exit_code == 0
    exported = tmp_path / "exported.jsonl"
    assert cli("export", "-o", exported, "--db", sqlite_db).exit_code == 0
    by_id = {record["id"]: record for record in jsonl(exported)}
    assert {record["id"]: record for record in jsonl(extracted)} == by_id


def test_parquet_reads_back_with_the_declared_schema(sqlite_db, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    records = fill(sqlite_db, 25)
    target = tmp_path / "articles.parquet"
    assert cli("export", "--format", "parquet", "-o", target, "--db", sqlite_db).exit_code == 0
    table = pq.read_table(target)
    assert table.schema.equals(arrow_schema(Article))
    assert table.num_rows == 25
    schema = table.schema
    assert schema.field("id").type == pa.string() and not schema.field("id").nullable
    assert schema.field("reading_minutes").type == pa.int64() and schema.field("reading_minutes").nullable
    assert schema.field("byline").type == pa.list_(pa.string())
    amount = schema.field("amounts").type.value_type
    assert amount.field("value").type == pa.float64() and amount.field("approximate").type == pa.bool_()
    speaker = schema.field("quotes").type.value_type.field("speaker")
    assert speaker.nullable and speaker.type.field("name").type == pa.string()
    assert table.column("amounts").to_pylist()[3][0]["value"] == records[3].amounts[0].value
    quotes = tmp_path / "quotes.parquet"
    assert cli("export", "--what", "quotes", "-f", "parquet", "-o", quotes, "--db", sqlite_db).exit_code == 0
    quote_table = pq.read_table(quotes)
    assert quote_table.num_rows == 25
    assert quote_table.schema.field("position").type == pa.int64()
    assert quote_table.schema.field("speaker").type.field("role").type == pa.string()


def test_csv_has_a_header_and_a_row_per_record(sqlite_db, tmp_path):
    fill(sqlite_db, 30)
    done = cli("export", "--what", "quotes", "--format", "csv", "--db", sqlite_db)
    assert done.exit_code == 0, done.output
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0][:4] == ["article_id", "position", "text", "field"]
    assert len(rows) == 31
    speaker = json.loads(rows[1][rows[0].index("speaker")])  # nested fields as JSON text
    assert set(speaker) == {"text", "name", "role", "affiliation"}
    events = cli("export", "--what", "events", "--format", "csv", "--type", "AGREE", "--db", sqlite_db)
    assert len(list(csv.reader(io.StringIO(events.stdout)))) == 1 + 15


def test_listing_filters_apply_and_a_filter_of_another_kind_is_refused(sqlite_db):
    fill(sqlite_db, 30)
    done = cli("export", "--what", "quotes", "--speaker", "Esser", "--db", sqlite_db)
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == 10 and {row["speaker"]["name"] for row in rows} == {"Karl Esser"}
    articles = cli("export", "--what", "articles", "--since", "2024-12", "--db", sqlite_db)
    assert {json.loads(line)["published"][:7] for line in articles.stdout.splitlines()} == {"2024-12"}
    refused = cli("export", "--what", "articles", "--speaker", "Esser", "--db", sqlite_db)
    assert refused.exit_code == 1
    assert refused.output.strip().splitlines() == [
        "error: --speaker does not filter articles; its filters are: --since, --until, --source"]


def test_an_export_streams_in_constant_memory(sqlite_db, tmp_path):
    fill(sqlite_db, 3000, batch=500)
    peaks, written = {}, {}
    with open_store(sqlite_db, readonly=True) as store:
        # January's articles (one in twelve), then all of them: ten times the rows.
        for label, filters in (("january", ArticleFilter(until="2024-01-31")), ("all", None)):
            tracemalloc.start()
            written[label] = export(store, "articles", "jsonl", tmp_path / f"{label}.jsonl", filters)
            peaks[label] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    assert (written["january"], written["all"]) == (250, 3000)
    # Twelve times the records, not twelve times the memory: one chunk of articles is held at a time.
    assert peaks["all"] < 1.5 * peaks["january"] + (256 << 10), peaks
    assert (tmp_path / "all.jsonl").stat().st_size > 2 * peaks["all"], peaks  # less held than written


def test_a_malformed_line_is_reported_and_skipped_and_the_rest_is_loaded(new_database, tmp_path):
    db = new_database()
    good = [made_article(n, random.Random(n)).to_dict() for n in range(4)]
    lines = [json.dumps(good[0]), '{"id": "broken", "text": ', json.dumps(good[1]), "[1, 2]",
             json.dumps({**good[2], "colour": "red"}), json.dumps(good[3]), ""]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = cli("import", path, "--db", db)
    assert done.exit_code == 1
    shown = done.output.strip().splitlines()
    assert f"skipped {path}#2: line 2: invalid JSON: Expecting value at column 26" in shown
    assert f"skipped {path}#4: line 4: expected a JSON object (a record), got an array" in shown
    assert any(line.startswith(f"skipped {path}#5: line 5: not a newsgraph record: ") and "colour" in line
               for line in shown)
    assert shown[-1].startswith("6 records read: 3 new, 0 duplicates, 0 already stored, 3 failed")
    with open_store(db, readonly=True) as store:
        assert store.stats().articles == 3
        assert {error.source for error in store.errors()} == {f"{path}#2", f"{path}#4", f"{path}#5"}
        assert store.get_article("broken") is None


def test_an_interrupted_import_resumes_and_adds_nothing_twice(new_database, tmp_path):
    db = new_database()
    records = [made_article(n, random.Random(n)) for n in range(50)]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in records), encoding="utf-8")

    def stop_after_two(summary):
        if summary.lines >= 20:
            raise KeyboardInterrupt  # as Ctrl-C (or a kill) between two batches

    with open_store(db) as store, pytest.raises(KeyboardInterrupt):
        import_records(path, store, batch_size=10, on_batch=stop_after_two)
    with open_store(db) as store:
        assert store.stats().articles == 20
        summary = import_records(path, store, batch_size=10)
        assert (summary.skipped, summary.new, summary.failed) == (20, 30, 0)
        assert store.stats().articles == 50
        assert [a.id for a in store.iter_articles()] == [r.id for r in records]


def test_import_of_a_missing_file_or_a_damaged_gzip_is_one_line(sqlite_db, tmp_path):
    missing = cli("import", tmp_path / "nowhere.jsonl", "--db", sqlite_db)
    assert missing.exit_code == 1 and len(missing.output.strip().splitlines()) == 1
    damaged = tmp_path / "records.jsonl.gz"
    damaged.write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    done = cli("import", damaged, "--db", sqlite_db)
    assert done.exit_code == 1
    assert done.output.strip().splitlines()[-1].startswith("error: cannot read")


def test_the_python_api_exports_and_imports(sqlite_db, postgres_url, tmp_path):
    import newsgraph

    records = fill(sqlite_db, 12)
    target = tmp_path / "records.jsonl"
    assert newsgraph.export_records("articles", db=sqlite_db, output=target) == 12
    assert newsgraph.export_records("quotes", db=sqlite_db, output=tmp_path / "q.csv", format="csv",
                                    speaker="Brandt") == 4
    summary = newsgraph.import_records(target, db=postgres_url)
    assert (summary.new, summary.failed) == (12, 0)
    assert newsgraph.import_records(target, db=postgres_url).skipped == 12
    with newsgraph.open_store(postgres_url, readonly=True) as store:
        assert [article.to_dict() for article in store.iter_articles()] == [r.to_dict() for r in records]

"""`newsgraph schema`: a valid JSON Schema that every record `extract` writes conforms to."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import newsgraph
from newsgraph.cli import app
from newsgraph.contract import json_schema
from newsgraph.records import CONTRACT_FIELDS, Article

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "corpus"


@pytest.fixture(scope="module")
def schema() -> dict:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    return json.loads(result.output)


def test_the_schema_is_draft_2020_12_and_valid(schema: dict):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == json_schema()
    assert list(schema["properties"]) == list(CONTRACT_FIELDS)
    assert schema["additionalProperties"] is False
    assert all(definition["additionalProperties"] is False for definition in schema["$defs"].values())


@pytest.fixture(scope="module")
def sample_records() -> list[dict]:
    return [article.to_dict() for article in newsgraph.extract([SAMPLES])]


def test_every_record_of_the_sample_corpus_conforms(schema: dict, sample_records: list[dict]):
    validator = jsonschema.Draft202012Validator(schema)
    assert len(sample_records) >= 30
    assert sum(len(r["quotes"]) + len(r["events"]) + len(r["amounts"]) for r in sample_records) > 100
    for record in sample_records:
        errors = sorted(validator.iter_errors(json.loads(json.dumps(record))), key=str)
        assert not errors, (record["source"], errors[0].message)


@pytest.mark.parametrize("where", ["top", "quote", "speaker", "event party", "amount"])
def test_a_key_the_schema_does_not_define_is_refused(schema: dict, sample_records: list[dict], where: str):
    record = json.loads(json.dumps(next(r for r in sample_records if r["events"] and r["quotes"] and r["amounts"])))
    target = {
        "top": record,
        "quote": record["quotes"][0],
        "speaker": next(q["speaker"] for q in record["quotes"] if q["speaker"]),
        "event party": next(e["actor"] for e in record["events"] if e["actor"]),
        "amount": record["amounts"][0],
    }[where]
    target["surprise"] = 1
    assert not jsonschema.Draft202012Validator(schema).is_valid(record)


def test_a_record_round_trips_through_json(sample_records: list[dict]):
    for record in sample_records:
        assert Article.from_dict(json.loads(json.dumps(record))).to_dict() == record

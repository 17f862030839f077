"""A seeded fuzz run over the sample corpus: mutated inputs never crash a run.

Every sample file is mutated in several ways (truncation, byte flips, NULs, huge
lines, deep nesting, odd encodings, damaged compression) and the mutants are
extracted (cleaning only) and ingested (with the analysis) by the real command line: no crash,
no traceback, every failure a one-line reason, the store whole.
"""

from __future__ import annotations

import gzip
import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "corpus"
MUTANTS_PER_FILE = 2
SEED = 20261207


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(0, max(1, len(data)))]


def _flip(data: bytes, rng: random.Random) -> bytes:
    mutable = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        if mutable:
            mutable[rng.randrange(len(mutable))] = rng.randrange(256)
    return bytes(mutable)


def _nuls(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(0, len(data) + 1)
    return data[:at] + b"\x00" * rng.randint(1, 64) + data[at:]


def _huge_line(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(0, len(data) + 1)
    # One enormous token, or a long line of words (the analysis reads every one of them).
    line = b"x" * rng.randint(200_000, 2_000_000) if rng.random() < 0.5 else b"word " * rng.randint(2_000, 8_000)
    return data[:at] + line + data[at:]


def _nesting(data: bytes, rng: random.Random) -> bytes:
    depth = rng.randint(2_000, 20_000)
    return rng.choice([b"<div>" * depth + data + b"</div>" * depth, b"[" * depth + data, b"{\"a\":" * depth + data])


def _encoding(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    codec = rng.choice(["utf-16", "utf-16-be", "cp1252", "koi8-r", "latin-1", "utf-32"])
    return text.encode(codec, "replace")


def _compression(data: bytes, rng: random.Random) -> bytes:
    packed = gzip.compress(data)
    return _flip(packed, rng) if rng.random() < 0.5 else packed[: rng.randrange(1, len(packed))]


def _escapes(data: bytes, rng: random.Random) -> bytes:
    # Unpaired surrogate escapes: json.loads accepts them, no encoder does.
    at = rng.randrange(0, len(data) + 1)
    return data[:at] + rng.choice([b"\\ud800", b"\\udfff x \\ud83d", b"\\u0000"]) + data[at:]


MUTATIONS = (_truncate, _flip, _nuls, _huge_line, _nesting, _encoding, _compression, _escapes)


def make_mutants(folder: Path, seed: int = SEED) -> int:
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    count = 0
    for path in sorted(p for p in SAMPLES.rglob("*") if p.is_file()):
        data = path.read_bytes()
        raw = gzip.decompress(data) if path.suffix == ".gz" else data
        for n in range(MUTANTS_PER_FILE):
            mutated = raw
            for mutation in rng.sample(MUTATIONS, rng.randint(1, 3)):
                mutated = mutation(mutated, rng)
            name = path.name.removesuffix(".gz")
            if path.suffix == ".gz" or rng.random() < 0.1:
                name += ".gz"
                if not mutated[:2] == b"\x1f\x8b":
                    mutated = gzip.compress(mutated)
            (folder / f"{n}-{name}").write_bytes(mutated)
            count += 1
    return count


def run(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsgraph.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=1800)


@pytest.mark.slow
def test_mutated_inputs_never_crash_a_run(tmp_path: Path):
    mutants = tmp_path / "mutants"
    files = make_mutants(mutants)
    assert files >= 2 * 20

    extracted = run("extract", mutants, "-o", tmp_path / "out.jsonl", "--workers", "2", "--no-analysis")
    assert "Traceback" not in extracted.stderr, extracted.stderr[-3000:]
    assert extracted.returncode in (0, 1)
    for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)

    db = tmp_path / "fuzz.db"
    ingested = run("ingest", mutants, "--db", db, "--json")
    assert "Traceback" not in ingested.stderr, ingested.stderr[-3000:]
    assert ingested.returncode in (0, 1)
    summary = json.loads(ingested.stdout)
    assert summary["new"] + summary["duplicates"] + summary["failed"] >= files * 0.5
    for failure in summary["failures"] + summary["problems"]:
        assert "\n" not in failure["reason"] and len(failure["reason"]) <= 400, failure
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == articles
    again = run("ingest", mutants, "--db", db, "--json")
    assert "Traceback" not in again.stderr
    assert json.loads(again.stdout)["new"] == 0

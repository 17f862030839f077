"""One ingest over every kind of bad input next to good articles: the good ones are stored,
each bad one is recorded with its reason, and the store stays whole."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import newsgraph

GOOD_STORY = (
    "Ferry talks resume between the islands\n\n"
    "Officials from the two island councils met on Thursday to discuss restarting the winter ferry, "
    "which stopped running after the operator went bankrupt last spring.\n\n"
    "\"Both sides want the boat back before the first storms,\" said council member Rita Sand.\n"
)


def build_bad_batch(root: Path) -> dict[str, str]:
    """Write good and bad inputs; return {file name: a word its failure reason must contain}."""
    root.mkdir()
    (root / "good.txt").write_text(GOOD_STORY, encoding="utf-8")
    (root / "ukrainian.txt").write_bytes(
        "Рада ухвалила бюджет\n\nДепутати у четвер ухвалили бюджет міста на наступний рік після довгих суперечок.\n".encode("cp1251")
    )
    # Valid UTF-8 (curly quotes, an accented name) with one stray byte in it.
    damaged = GOOD_STORY.replace('"', "\u201c", 1).replace("Rita Sand", "Zo\u00eb Sand").encode("utf-8")
    (root / "damaged-utf8.txt").write_bytes(damaged.replace(b"Thursday", b"Thurs\xffday"))
    (root / "empty.txt").write_bytes(b"")
    (root / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (root / "nav-only.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav><footer>Contact</footer></body></html>", encoding="utf-8"
    )
    (root / "cut.txt.gz").write_bytes(gzip.compress(GOOD_STORY.encode() * 50)[:-40])
    lines = [json.dumps({"id": "j1", "text": "The bridge reopened on Monday after repairs to its deck and railings."}),
             '{"id": "j2", "text": "unterminated',
             json.dumps({"id": "j3", "text": "The museum extended its opening hours for the summer season this year."})]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open(root / "huge.txt", "wb") as huge:
        line = b"The council met again to discuss the budget and the harbour.\n"
        huge.write(line * (50_000_000 // len(line) + 1))
    (root / "dangling.txt").symlink_to(root / "missing-target.txt")
    return {
        "empty.txt": "empty",
        "photo.txt": "binary",
        "nav-only.html": "no article",
        "cut.txt.gz": "gzip",
        "feed.jsonl#2": "json",
        "huge.txt": "limit",
        "dangling.txt": "link",
    }


def test_bad_inputs_never_stop_the_batch_or_corrupt_the_store(tmp_path: Path, engine: tuple[str, int]):
    expected_failures = build_bad_batch(tmp_path / "batch")
    db = tmp_path / "bad.db"
    engine_name, workers = engine
    summary = newsgraph.ingest_files([tmp_path / "batch"], db=db, engine=engine_name, workers=workers)

    assert summary.new == 5  # good.txt, ukrainian.txt, damaged-utf8.txt, feed.jsonl#1 and #3
    assert summary.failed == len(expected_failures)
    with newsgraph.open_store(db) as store:
        reasons = {Path(e.source).name: e.reason.lower() for e in store.errors(limit=100) if e.kind == "error"}
        for name, word in expected_failures.items():
            assert word in reasons[name], (name, reasons.get(name))
        texts = [store.get_article(hit.id).article.text for hit in store.search("бюджет")]
        assert texts and "ухвалили бюджет" in texts[0]
        # One invalid byte is replaced, not a reason to re-guess the whole file as a legacy encoding.
        copies = [store.get_article(hit.id).article for hit in store.search("ferry winter")]
        assert len(copies) == 2
        damaged_text = next(c.text for c in copies if c.source.endswith("damaged-utf8.txt"))
        assert "Zo\u00eb Sand" in damaged_text and "Thurs\ufffdday" in damaged_text
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    again = newsgraph.ingest_files([tmp_path / "batch"], db=db, engine=engine_name, workers=workers)
    assert again.new == 0

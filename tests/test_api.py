"""The Python API mirrors the command line."""

from __future__ import annotations

from pathlib import Path

import newsgraph


def test_extract_yields_articles_and_collects_failures(small_corpus: Path):
    (small_corpus / "empty.txt").write_bytes(b"")
    failures: list[newsgraph.Failure] = []
    articles = list(newsgraph.extract([small_corpus], failures=failures))
    assert len(articles) == 4
    assert all(isinstance(a, newsgraph.Article) for a in articles)
    assert [Path(f.source).name for f in failures] == ["empty.txt"]


def test_ingest_and_query(small_corpus: Path, tmp_path: Path):
    db = tmp_path / "api.db"
    summary = newsgraph.ingest_files([small_corpus], db=db)
    assert (summary.new, summary.duplicates, summary.failed) == (4, 0, 0)
    again = newsgraph.ingest_files([small_corpus], db=db)
    assert (again.new, again.skipped) == (0, 4)
    with newsgraph.open_store(db) as store:
        hits = store.search("tractors")
        assert [h.headline for h in hits] == ["Valley farmers protest water cuts"]
        assert store.get_article(hits[0].id).article.text.startswith("Several hundred farmers")


def test_worker_processes_give_the_same_records(small_corpus: Path):
    serial = [a.to_dict() for a in newsgraph.extract([small_corpus])]
    pooled = [a.to_dict() for a in newsgraph.extract([small_corpus], workers=2)]
    assert pooled == serial

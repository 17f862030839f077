import gzip
import io
import json

from newsgraph.ingest.document import RawDocument
from newsgraph.ingest.sources import iter_documents
from newsgraph.records import Failure


def documents(*paths, **kwargs):
    return list(iter_documents([str(p) for p in paths], **kwargs))


def test_directory_is_walked_sorted_recursively_skipping_hidden(tmp_path):
    (tmp_path / "b-site").mkdir()
    (tmp_path / "a-site" / "deeper").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b-site" / "one.txt").write_text("Second site story.")
    (tmp_path / "a-site" / "z.txt").write_text("Story z.")
    (tmp_path / "a-site" / "deeper" / "y.txt").write_text("Story y.")
    (tmp_path / "a-site" / ".draft.txt").write_text("hidden")
    (tmp_path / ".cache" / "x.txt").write_text("hidden")
    found = documents(tmp_path)
    # A directory's own files come before its subdirectories, each group sorted.
    assert [d.source.removeprefix(str(tmp_path)) for d in found] == [
        "/a-site/z.txt", "/a-site/deeper/y.txt", "/b-site/one.txt"
    ]
    assert all(isinstance(d, RawDocument) and d.format == "text" for d in found)
    assert found[-1].site == "b-site"
    assert found[-1].data == b"Second site story."


def test_html_gets_canonical_url_and_host_as_site(tmp_path):
    page = b'<html><head><link rel="canonical" href="https://www.daily.example/a/1"></head><body><p>x</p></body></html>'
    (tmp_path / "page.HTM").write_bytes(page)
    (tmp_path / "page2.html.gz").write_bytes(gzip.compress(page))
    first, second = documents(tmp_path / "page.HTM", tmp_path / "page2.html.gz")
    assert (first.format, first.url, first.site) == ("html", "https://www.daily.example/a/1", "daily.example")
    assert second.format == "html" and second.data == page


def test_extension_that_lies_is_sniffed(tmp_path):
    (tmp_path / "looks.txt").write_bytes(b"<!DOCTYPE html><html><body><p>Body</p></body></html>")
    (tmp_path / "noext").write_bytes(b'{"text": "from a JSON line"}\n')
    page, record = documents(tmp_path / "looks.txt", tmp_path / "noext")
    assert page.format == "html"
    assert record.data == "from a JSON line" and record.source.endswith("noext#1")


def test_jsonl_fields_map_to_metadata(tmp_path):
    lines = [
        {"id": 42, "text": "Body text.", "title": "A title", "date": "2024-03-09", "source": "Daily", "url": "https://d.example/x"},
        {"html": "<p>Markup body</p>", "headline": "H", "published": "2024-03-10T10:00:00"},
    ]
    path = tmp_path / "dump.ndjson"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    first, second = documents(path)
    assert first.source == f"{path}#1" and first.format == "text" and first.data == "Body text."
    assert first.meta == {"id": "42", "headline": "A title", "published": "2024-03-09", "url": "https://d.example/x", "source": "Daily"}
    assert first.site == "Daily" and first.url == "https://d.example/x"
    assert second.format == "html" and second.meta["headline"] == "H" and second.meta["published"].startswith("2024-03-10")


def test_json_array_file_gives_one_record_per_item(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"text": "one"}, {"text": "two"}, {"title": "no body"}]))
    results = documents(path)
    assert [r.source for r in results] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert isinstance(results[2], Failure) and "no \"text\" or \"html\"" in results[2].reason


def test_stdin_is_sniffed(tmp_path):
    jsonl = documents("-", stdin=io.BytesIO(b'  {"text": "a"}\n{"text": "b"}\n'))
    assert [d.source for d in jsonl] == ["-#1", "-#2"]
    html = documents("-", stdin=io.BytesIO(b"<html><body><p>x</p></body></html>"))
    assert html[0].format == "html" and html[0].source == "-"
    text = documents("-", stdin=io.BytesIO(gzip.compress(b"plain words")))
    assert text[0].format == "text" and text[0].data == b"plain words"


def test_globs_expand_sorted_and_report_no_match(tmp_path):
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text(f"story {name}")
    results = documents(tmp_path / "*.txt", tmp_path / "nothing-*.txt")
    assert [r.source for r in results[:2]] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert results[2] == Failure(str(tmp_path / "nothing-*.txt"), "no files match this pattern")


def test_missing_path_is_a_failure_and_iteration_goes_on(tmp_path):
    (tmp_path / "ok.txt").write_text("fine")
    results = documents(tmp_path / "missing.txt", tmp_path / "ok.txt")
    assert results[0] == Failure(str(tmp_path / "missing.txt"), "no such file or directory")
    assert isinstance(results[1], RawDocument)


def test_size_limit_is_configurable(tmp_path):
    (tmp_path / "small.txt").write_bytes(b"x" * 2_000_000)
    (failure,) = documents(tmp_path / "small.txt", max_document_bytes=1_000_000)
    assert failure.reason == "file is 2 MB; the limit for one document is 1 MB"


def test_reader_streams_lazily(tmp_path):
    for index in range(3):
        (tmp_path / f"{index}.txt").write_text(f"story {index}")
    stream = iter_documents([str(tmp_path)])
    assert next(stream).source.endswith("0.txt")  # produced before the rest is read

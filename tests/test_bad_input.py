"""Each kind of bad input gives a clear per-input Failure or a correct result, and never stops the batch."""

import gzip
import json
import io
import os
import resource
import time

import pytest
from fastwarc.warc import WarcRecord, WarcRecordType

from newsgraph.ingest.decoding import decode, decode_bytes
from newsgraph.ingest.document import RawDocument, ReadError
from newsgraph.ingest.html import NoArticleError, extract_html
from newsgraph.ingest.sources import iter_documents
from newsgraph.records import Failure

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def read_all(*paths):
    return list(iter_documents([str(p) for p in paths]))


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "good.txt").write_text("A real story.")
    results = read_all(tmp_path)
    assert results[0] == Failure(str(tmp_path / "blank.txt"), "empty file")
    assert results[1] == Failure(str(tmp_path / "empty.txt"), "empty file")
    assert isinstance(results[2], RawDocument)


def test_png_renamed_to_txt(tmp_path):
    (tmp_path / "photo.txt").write_bytes(PNG_HEADER + b"\x00" * 64)
    assert read_all(tmp_path / "photo.txt") == [Failure(str(tmp_path / "photo.txt"), "binary file (PNG image), not text")]


@pytest.mark.parametrize(
    "text,encoding,words",
    [
        ("Президент підписав закон про бюджет на наступний рік.", "cp1251", ["Президент", "підписав", "наступний"]),
        ("Президент подписал закон о бюджете на следующий год.", "cp1251", ["подписал", "бюджете", "следующий"]),
        ("Le président a signé la loi de finances à l’Élysée.", "cp1252", ["président", "signé", "l’Élysée"]),
        ("Der Präsident unterzeichnete das Gesetz über den Haushalt.", "latin-1", ["Präsident", "über"]),
    ],
)
def test_legacy_encoded_files_decode_correctly(tmp_path, text, encoding, words):
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode(encoding))
    (document,) = read_all(path)
    decoded = decode_bytes(document.data)
    for word in words:
        assert word in decoded.split() or word + "." in decoded.split()
    assert decoded == text


def test_invalid_utf8_bytes_are_replaced_not_reguessed(tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes("Заява міністра — «ми готові».".encode("utf-8") + b"\xc3\x28 end")
    (document,) = read_all(path)
    decoded = decode_bytes(document.data)
    assert decoded.startswith("Заява міністра — «ми готові».")
    assert "\ufffd" in decoded and decoded.endswith("( end")


def test_fifty_megabyte_text_file_fails_fast_in_bounded_memory(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        line = b"The minister said the alliance cannot wait any longer.\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    (failure,) = read_all(path)
    assert failure.reason == "file is 52.4 MB; the limit for one document is 20 MB"
    assert time.perf_counter() - started < 2
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 20 * 1024  # the file was not read into memory


def test_html_with_no_article():
    with pytest.raises(NoArticleError, match="no article text found in HTML"):
        extract_html("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>")


def test_truncated_gzip_text_and_jsonl(tmp_path):
    story = gzip.compress(b" ".join(b"word%d" % i for i in range(5000)))
    (tmp_path / "story.txt.gz").write_bytes(story[: len(story) // 2])
    lines = b"".join(b'{"id": "%d", "text": "Story number %d has a body."}\n' % (i, i) for i in range(400))
    (tmp_path / "dump.jsonl.gz").write_bytes(gzip.compress(lines)[:-100])
    *records, jsonl_failure, text_failure = read_all(tmp_path / "dump.jsonl.gz", tmp_path / "story.txt.gz")
    assert len(records) > 10 and all(isinstance(r, RawDocument) for r in records)
    assert [r.meta["id"] for r in records] == [str(i) for i in range(len(records))]
    assert jsonl_failure == Failure(str(tmp_path / "dump.jsonl.gz"), f"truncated gzip stream after line {len(records)}")
    assert text_failure.reason == "truncated gzip stream; the document is incomplete"


def _warc_record(uri: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK") -> bytes:
    record = WarcRecord()
    record.init_headers(record_type=WarcRecordType.response)
    record.headers["WARC-Target-URI"] = uri
    record.headers["WARC-Date"] = "2024-03-09T13:12:00Z"
    record.headers["Content-Type"] = "application/http; msgtype=response"
    record.set_bytes_content(f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n".encode() + body)
    out = io.BytesIO()
    record.write(out)
    return out.getvalue()


def _warc_records() -> list[bytes]:
    pages = [_warc_record(f"https://www.news.example/{i}", b"<html><body><p>Story %d</p></body></html>" % i) for i in range(4)]
    pages.insert(1, _warc_record("https://www.news.example/logo.png", PNG_HEADER, content_type="image/png"))
    pages.insert(2, _warc_record("https://www.news.example/gone", b"<html>gone</html>", status="404 Not Found"))
    return pages


def test_warc_keeps_html_2xx_responses_only(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(gzip.compress(record) for record in _warc_records()))
    results = read_all(path)
    assert [r.source for r in results] == [f"{path}#{n}" for n in range(1, 5)]
    assert [r.url for r in results] == [f"https://www.news.example/{i}" for i in range(4)]
    assert results[0].site == "news.example" and results[0].meta["warc_date"] == "2024-03-09T13:12:00Z"
    assert results[3].data == b"<html><body><p>Story 3</p></body></html>"


def test_truncated_warc_gz_yields_records_before_the_damage(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(gzip.compress(record) for record in _warc_records())[:-30])
    *records, failure = read_all(path, tmp_path / "missing.warc")
    assert [r.source for r in records[:3]] == [f"{path}#{n}" for n in range(1, 4)]
    assert records[3] == Failure(str(path), "truncated gzip stream after record 3")
    assert failure.reason == "no such file or directory"


def test_truncated_plain_warc(tmp_path):
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(_warc_records())[:-20])
    *records, failure = read_all(path)
    assert len(records) == 3 and all(isinstance(r, RawDocument) for r in records)
    assert failure.source == str(path) and failure.reason.startswith("truncated WARC file after record 3")


def test_malformed_jsonl_line_among_good_ones(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text('{"text": "first"}\n{"text": "second",,}\n\n{"text": "third"}\n{"url": "https://x.example"}\n')
    results = read_all(path)
    assert results[0].data == "first"
    assert results[1].source == f"{path}#2"
    assert results[1].reason.startswith("line 2: invalid JSON: ")
    assert results[2].data == "third" and results[2].source == f"{path}#4"
    assert results[3] == Failure(f"{path}#5", 'line 5: no "text" or "html" field with content')


def test_directory_with_unreadable_entries(tmp_path):
    (tmp_path / "a-good.txt").write_text("Readable story.")
    os.symlink(tmp_path / "gone.txt", tmp_path / "b-dangling.txt")
    os.mkfifo(tmp_path / "c-pipe.txt")  # reading it would block forever
    locked = tmp_path / "d-locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    (tmp_path / "e-good.txt").write_text("Another story.")
    results = read_all(tmp_path)
    assert isinstance(results[0], RawDocument) and isinstance(results[-1], RawDocument)
    assert results[1] == Failure(str(tmp_path / "b-dangling.txt"), "broken symbolic link")
    assert results[2] == Failure(str(tmp_path / "c-pipe.txt"), "not a regular file (named pipe); skipped")
    if os.geteuid() == 0:
        # root reads a mode-000 file anyway; the entries above still prove the batch goes on
        assert isinstance(results[3], RawDocument)
    else:
        assert results[3] == Failure(str(locked), "permission denied")


def test_decode_errors_are_read_errors():
    with pytest.raises(ReadError):
        decode_bytes(PNG_HEADER)


# ---- JSON Lines: one bad line or field costs only itself ------------------------------------

GOOD_LINE = b'{"id": "a1", "text": "A good story.", "published": "2024-03-09T10:00:00+02:00"}'
BAD_LINES = [
    (b'{"text": "NUL \x00 inside"}', "line 2: invalid JSON: control character U+0000 at column 15"),
    (b'{"text": "bell \x07\x08\x01\x02\x03 and more"}', "line 3: invalid JSON: control character U+0007 at column 16"),
    (b'{"text": "unclosed', "line 4: invalid JSON: Unterminated string starting at column 10"),
    (b'["an", "array"]', "line 5: expected a JSON object, got an array"),
    (b'{"text": 5}', 'line 6: "text" is a number, expected a string'),
    (b'{"id": ' + b"9" * 5000 + b', "text": "x"}', "line 7: invalid JSON: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits"),
    (b"[" * 100_000, "line 8: invalid JSON: nested too deeply"),
]


@pytest.mark.parametrize("name", ["dump.jsonl", "dump.ndjson", "dump.jsonl.gz", "no-extension"])
def test_binary_bytes_and_bad_values_in_jsonl_fail_only_their_line(tmp_path, name):
    wrong_types = b'{"id": {}, "text": "Kept without its bad fields.", "headline": ["x"], "url": 7, "byline": ["A", 3]}'
    content = b"\n".join([GOOD_LINE, *(line for line, _ in BAD_LINES), wrong_types, GOOD_LINE]) + b"\n"
    path = tmp_path / name
    path.write_bytes(gzip.compress(content) if name.endswith(".gz") else content)
    results = read_all(path)
    assert results[0] == RawDocument(
        f"{path}#1", "text", "A good story.", site=tmp_path.name, meta={"id": "a1", "published": "2024-03-09T10:00:00+02:00"}
    )
    assert results[1 : 1 + len(BAD_LINES)] == [Failure(f"{path}#{n}", reason) for n, (_, reason) in enumerate(BAD_LINES, 2)]
    kept, last = results[1 + len(BAD_LINES) :]
    assert (kept.source, kept.data, kept.meta) == (f"{path}#9", "Kept without its bad fields.", {"byline": ["A"]})
    assert kept.warnings == (
        '"id" is an object, expected a string or an integer; dropped',
        '"headline" is an array, expected a string; dropped',
        '"url" is a number, expected a string; dropped',
        '"byline": 1 of its 2 items not a string; left out',
    )
    assert last.source == f"{path}#10" and last.warnings == ()


def test_a_wrong_type_in_the_unused_body_field_is_a_warning(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_bytes(b'{"html": "<p>Body</p>", "text": {"p": 1}}\n{"html": false, "text": "Plain body"}\n')
    first, second = read_all(path)
    assert (first.format, first.warnings) == ("html", ('"text" is an object, expected a string; ignored',))
    assert (second.format, second.warnings) == ("text", ('"html" is a boolean, expected a string; ignored',))


def test_a_file_of_binary_data_named_jsonl_is_still_refused_whole(tmp_path):
    noise = bytes((i * 167 + 13) % 256 for i in range(40_000))  # every byte value, NULs and newlines among them
    (tmp_path / "noise.jsonl").write_bytes(noise)
    (tmp_path / "noise.ndjson.gz").write_bytes(gzip.compress(noise))
    (tmp_path / "photo.jsonl").write_bytes(PNG_HEADER + b"\n" + GOOD_LINE + b"\n")
    assert read_all(tmp_path / "noise.jsonl", tmp_path / "noise.ndjson.gz", tmp_path / "photo.jsonl") == [
        Failure(str(tmp_path / "noise.jsonl"), "binary file (contains NUL bytes), not text"),
        Failure(str(tmp_path / "noise.ndjson.gz"), "binary file (contains NUL bytes), not text"),
        Failure(str(tmp_path / "photo.jsonl"), "binary file (PNG image), not text"),
    ]


@pytest.mark.parametrize(
    "value,published",
    [
        # ISO 8601 at any precision, with Z or an offset: passed through as written.
        ("2024", "2024"), ("2024-03", "2024-03"), ("2024-03-09", "2024-03-09"), ("2024-03-09T10", "2024-03-09T10"),
        ("2024-03-09T10:00", "2024-03-09T10:00"), ("2024-03-09T10:00:00.250Z", "2024-03-09T10:00:00.250Z"),
        ("2024-03-09T10:00:00+02:00", "2024-03-09T10:00:00+02:00"), ("2024-03-09T10:00-0500", "2024-03-09T10:00-0500"),
        ("20240309T100000Z", "20240309T100000Z"),
        # E-mail dates and a space for the "T" are converted.
        ("Mon, 11 Mar 2024 07:00:00 +0000", "2024-03-11T07:00:00+00:00"), ("11 Mar 2024 07:00 EST", "2024-03-11T07:00-05:00"),
        ("2024-03-09 10:00:00", "2024-03-09T10:00:00"),
        # Anything else is left out.
        ("not-a-date", None), ("2024-02-30", None), ("2024-03-09T25:00", None), ("09/03/2024", None), ("1710140400", None),
    ],
)
def test_jsonl_published_is_iso8601_or_left_out(tmp_path, value, published):
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"text": "Body.", "date": value}) + "\n")
    (document,) = read_all(path)
    assert document.meta.get("published") == published
    if published is None:
        assert document.warnings == (f'"date" {value!r} is not an ISO 8601 or RFC 2822 date; dropped',)
    else:
        assert document.warnings == ()


def test_messages_that_quote_input_are_clipped(tmp_path):
    huge = "x" * 10_000
    lines = [
        json.dumps({"text": "Body.", "published": huge}),
        json.dumps({"text": "Body.", "headline": [huge] * 100, "byline": {"name": huge}}),
        json.dumps({"text": [huge]}),
        '{"text": "unterminated ' + huge,
        '{"text": "' + huge + '", "bad": \x01}',
        "9" * 10_000,
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n")
    dated, typed, *failures = read_all(path)
    messages = [*dated.warnings, *typed.warnings, *(failure.reason for failure in failures)]
    assert len(messages) == 7 and all(len(message) < 160 for message in messages), messages
    assert dated.warnings == (f'"published" \'{"x" * 79}… (10,000 characters) is not an ISO 8601 or RFC 2822 date; dropped',)
    decoded = decode("Body".encode("ascii") + b"\xe9", declared=huge)
    assert len(decoded.warnings[0]) < 160 and "(10,000 characters)" in decoded.warnings[0]


def test_an_unpaired_surrogate_escape_is_replaced_not_a_crash(tmp_path):
    # json.loads turns "\ud800" into a lone surrogate, which no encoder, database or writer takes.
    path = tmp_path / "dump.jsonl"
    path.write_text('{"id": "s1", "headline": "Talks \\udc00", "text": "The council met on Tuesday \\ud800 to talk."}\n'
                    '{"id": "s2", "text": "The bridge reopened on Monday after repairs to its deck."}\n')
    first, second = read_all(path)
    assert first.data == "The council met on Tuesday \ufffd to talk."
    assert first.meta["headline"] == "Talks \ufffd"
    assert first.warnings == ("2 unpaired surrogate escapes replaced",)
    assert second.warnings == ()

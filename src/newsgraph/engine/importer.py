"""`newsgraph import`: record-contract JSON Lines into a store, without analysing anything again.

What `extract` writes (and `export --what articles` writes) goes into any store
(a laptop's SQLite file, a shared PostgreSQL): the path from one to the other,
and from a Ray run's output into a store. As with ingest, each batch of lines is
one transaction together with the (FILE#N, sha256 of the line) fingerprints it
covers, so a killed import resumes where it stopped and a re-run adds nothing
twice; and a line that is not a record (not JSON, not an object, a field of the
wrong type or unknown to the contract) is that line's failure, with a one-line
reason as ingest gives for a bad JSONL line, recorded in the store's errors
table; the rest of its batch is stored.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from newsgraph.ingest.json_records import NotJSON, parse_json
from newsgraph.records import Article, Failure, RecordError
from newsgraph.store import ArticleEntry, Store, WriteBatch

__all__ = ["IMPORT_BATCH", "ImportFailed", "ImportSummary", "count_lines", "import_records"]

# Lines per committed transaction.
IMPORT_BATCH = 200
# A longer line is refused without being read into memory whole (a record of a 20 MB text with its analysis fits).
MAX_LINE_BYTES = 256 << 20
# How reading a file (or decompressing it) fails.
_UNREADABLE = (OSError, EOFError, zlib.error)
_JSON_KINDS = {list: "an array", str: "a string", bool: "a boolean", int: "a number", float: "a number",
               type(None): "null"}


class ImportFailed(Exception):
    """The input could not be read to its end (a damaged .gz, a read error); the message is one line."""


@dataclass(slots=True)
class ImportSummary:
    """Counts for one import, as shown at its end."""

    lines: int = 0  # non-blank lines read
    line_number: int = 0  # of the last line read, blank ones counted (the progress through the file)
    new: int = 0
    duplicates: int = 0  # a body already stored from another source: recorded as a further source
    near_duplicates: int = 0
    unchanged: int = 0  # the store had this article from this source already
    skipped: int = 0  # lines committed by an earlier run of the same import
    failed: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    @property
    def records_per_second(self) -> float:
        return self.lines / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {
            "lines": self.lines, "new": self.new, "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates, "unchanged": self.unchanged, "skipped": self.skipped,
            "failed": self.failed, "seconds": round(self.seconds, 3),
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
        }


@dataclass(frozen=True, slots=True)
class _Line:
    source: str  # FILE#N
    number: int
    fingerprint: str
    data: bytes | None  # None for a line too long to read


def _open(path: str, stdin: BinaryIO | None) -> BinaryIO:
    if path == "-":
        return stdin if stdin is not None else sys.stdin.buffer
    if path.endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def count_lines(path: str) -> int | None:
    """Lines in the file (None for standard input), for a progress bar with a real ETA."""
    if path == "-":
        return None
    lines = 0
    try:
        with _open(path, None) as stream:
            while block := stream.read(1 << 20):
                lines += block.count(b"\n")
    except _UNREADABLE as err:
        raise ImportFailed(f"cannot read {path}: {getattr(err, 'strerror', None) or err}") from err
    return lines


def _lines(stream: BinaryIO, path: str) -> Iterator[_Line]:
    number = 0
    while line := stream.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            digest = hashlib.sha256(line)
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                digest.update(rest)
            yield _Line(f"{path}#{number}", number, digest.hexdigest(), None)
            continue
        data = line.rstrip(b"\r\n")
        if number == 1:
            data = data.removeprefix(b"\xef\xbb\xbf")
        if data.strip():
            yield _Line(f"{path}#{number}", number, hashlib.sha256(data).hexdigest(), data)


def _record(line: _Line) -> Article | Failure:
    """The article on one line, or that line's failure (the wording of ingest's for a bad JSONL line)."""
    where = f"line {line.number}"
    if line.data is None:
        return Failure(line.source, f"{where} exceeds {MAX_LINE_BYTES >> 20} MB, the limit for one record")
    try:
        item = parse_json(line.data.decode("utf-8", "surrogatepass"))
    except UnicodeDecodeError as err:
        return Failure(line.source, f"{where}: invalid JSON: not UTF-8 (byte 0x{line.data[err.start]:02X} "
                                    f"at column {err.start + 1})")
    except NotJSON as err:
        return Failure(line.source, f"{where}: invalid JSON: {err}")
    if not isinstance(item, dict):
        return Failure(line.source, f"{where}: expected a JSON object (a record), got {_JSON_KINDS.get(type(item), 'a value')}")
    try:
        return Article.from_dict(item)
    except RecordError as err:
        return Failure(line.source, f"{where}: not a newsgraph record: {err}")


def _chunks(lines: Iterator[_Line], size: int) -> Iterator[list[_Line]]:
    chunk: list[_Line] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _write(store: Store, chunk: list[_Line], summary: ImportSummary) -> None:
    done = store.seen([(line.source, line.fingerprint) for line in chunk])
    todo = [line for line in chunk if line.source not in done]
    summary.skipped += len(chunk) - len(todo)
    articles: list[tuple[_Line, Article]] = []
    failures: list[Failure] = []
    for line in todo:
        record = _record(line)
        if isinstance(record, Failure):
            failures.append(record)
        else:
            articles.append((line, record))
    result = store.write_batch(WriteBatch(
        articles=[ArticleEntry(article) for _, article in articles], failures=failures,
        processed=[(line.source, line.fingerprint) for line in todo],
    ))
    # The store refuses (and records) an article whose values it cannot hold; say which line it was.
    for (line, article), stored_id in zip(articles, result.ids or [], strict=False):
        if stored_id is None:
            failures.append(Failure(line.source, f"line {line.number}: the store refused record {article.id!r} "
                                                 "(newsgraph errors says why)"))
    summary.new += result.new
    summary.duplicates += result.duplicates
    summary.near_duplicates += result.near_duplicates
    summary.unchanged += result.unchanged
    summary.failed += len(failures)
    summary.failures.extend(failures[: max(0, 1000 - len(summary.failures))])


def import_records(path: str | os.PathLike[str], store: Store, *, batch_size: int = IMPORT_BATCH,
                   stdin: BinaryIO | None = None,
                   on_batch: Callable[[ImportSummary], None] | None = None) -> ImportSummary:
    """Load the record-contract JSON Lines at `path` ("-" for standard input, .gz read as it goes)
    into `store`, a transaction per `batch_size` lines; `on_batch` is told the counts after each."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    name = os.fspath(path)
    summary = ImportSummary()
    started = time.perf_counter()
    stream = _open(name, stdin)
    try:
        for chunk in _chunks(_lines(stream, name), batch_size):
            _write(store, chunk, summary)
            summary.lines += len(chunk)
            summary.line_number = chunk[-1].number
            summary.seconds = time.perf_counter() - started
            if on_batch is not None:
                on_batch(summary)
    except _UNREADABLE as err:
        raise ImportFailed(f"cannot read {name}: {err}; every batch committed so far is kept") from err
    finally:
        if stream is not stdin and name != "-":
            stream.close()
    summary.seconds = time.perf_counter() - started
    return summary

"""Readers: paths, directories, globs and stdin to a stream of RawDocument or Failure.

Everything streams. Directories are walked one level at a time, JSON Lines
and WARC files record by record, gzip is decompressed as it is read, and no
document is read past the per-document size limit, so memory depends on the
largest document allowed, never on how many files or records there are.
Bad input never raises: it becomes a `Failure` with a one-line reason and the
iteration goes on with the next input.
"""

from __future__ import annotations

import glob
import gzip
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecordType

from newsgraph.ingest.decoding import file_type, sniff_binary
from newsgraph.ingest.document import RawDocument, site_of
from newsgraph.ingest.json_records import NotJSON, looks_binary, parse_json, record_from_json_line, record_from_object
from newsgraph.messages import clip
from newsgraph.records import Failure

# The most bytes of text or HTML one document may have; larger inputs are
# refused with a reason instead of being read (bounded memory per document).
MAX_DOCUMENT_BYTES = 20_000_000
# A JSON file (not JSON Lines) has to be parsed whole; above this it is refused.
MAX_JSON_FILE_BYTES = 200_000_000
SNIFF_BYTES = 8192
# A JSON Lines file is refused as binary only when none of its first lines is a
# record and most of them are binary data; otherwise each bad line fails alone.
BINARY_VERDICT_LINES = 16

_HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
_TEXT_EXTENSIONS = {".txt", ".text"}
_JSONL_EXTENSIONS = {".jsonl", ".ndjson", ".jsonlines"}
_GLOB_CHARACTERS = re.compile(r"[*?\[]")
_MARKUP_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<\?xml[^>]*>\s*<(!doctype\s+)?html)", re.IGNORECASE)
_MARKUP_ANYWHERE = re.compile(rb"<(p|div|article|section|span|h1|h2|br|title|meta)\b[^>]*>", re.IGNORECASE)
_CANONICAL_URL = re.compile(
    rb"""<link\b[^>]*\brel\s*=\s*["']?canonical["']?[^>]*\bhref\s*=\s*["']([^"'>\s]+)"""
    rb"""|<link\b[^>]*\bhref\s*=\s*["']([^"'>\s]+)["'][^>]*\brel\s*=\s*["']?canonical"""
    rb"""|<meta\b[^>]*\bproperty\s*=\s*["']og:url["'][^>]*\bcontent\s*=\s*["']([^"'>\s]+)"""
    rb"""|<meta\b[^>]*\bcontent\s*=\s*["']([^"'>\s]+)["'][^>]*\bproperty\s*=\s*["']og:url""",
    re.IGNORECASE,
)
_FILE_TYPES = (
    (stat.S_ISFIFO, "named pipe"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


def iter_documents(
    paths: Iterable[str],
    *,
    stdin: BinaryIO | None = None,
    max_document_bytes: int = MAX_DOCUMENT_BYTES,
) -> Iterator[RawDocument | Failure]:
    """Expand paths (files, directories recursively in sorted order, shell globs, "-" for stdin) and yield one RawDocument
    per document, or a Failure(source, reason) for an input that cannot be read; never raises for bad data."""
    reader = _Reader(max_document_bytes)
    for given in paths:
        if given == "-":
            yield from reader.read_stream(stdin if stdin is not None else sys.stdin.buffer, "-", site=None)
            continue
        if os.path.lexists(given):
            yield from reader.read_path(given, named=True)
            continue
        if _GLOB_CHARACTERS.search(given):
            matches = sorted(glob.iglob(given, recursive=True))
            if not matches:
                yield Failure(given, "no files match this pattern")
            for match in matches:
                yield from reader.read_path(match, named=True)
            continue
        yield Failure(given, "no such file or directory")


def count_files(paths: Iterable[str]) -> int:
    """How many input files `iter_documents` will open, found without reading any: the progress bar's total.

    Follows the same rules as the reader (folders recursively, hidden entries skipped,
    globs expanded, "-" is one input); a path that does not exist counts as one failed input.
    """
    total = 0
    for given in paths:
        if given == "-" or not os.path.isdir(given):
            matches = [] if os.path.lexists(given) or not _GLOB_CHARACTERS.search(given) else glob.glob(given, recursive=True)
            total += sum(count_files([m]) for m in matches) if matches else 1
            continue
        for _directory, subdirs, files in os.walk(given):
            subdirs[:] = [name for name in subdirs if not name.startswith(".")]
            total += sum(1 for name in files if not name.startswith("."))
    return total


class _Reader:
    def __init__(self, max_document_bytes: int) -> None:
        self.limit = max_document_bytes

    # ---- paths -----------------------------------------------------------

    def read_path(self, path: str, *, named: bool) -> Iterator[RawDocument | Failure]:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            yield Failure(path, "broken symbolic link" if os.path.islink(path) else "no such file or directory")
            return
        except OSError as err:
            yield Failure(path, f"cannot read: {_os_reason(err)}")
            return
        if stat.S_ISDIR(info.st_mode):
            yield from self._walk(path)
            return
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _FILE_TYPES if test(info.st_mode)), "special file")
            if named and stat.S_ISFIFO(info.st_mode):
                # A pipe the user named (process substitution): read it like stdin.
                try:
                    with open(path, "rb") as stream:
                        yield from self.read_stream(stream, path, site=None)
                except OSError as err:
                    yield Failure(path, f"cannot read: {_os_reason(err)}")
                return
            # Reading a pipe or device found in a directory could block forever.
            yield Failure(path, f"not a regular file ({kind}); skipped")
            return
        yield from self._read_file(path, info.st_size)

    def _walk(self, top: str) -> Iterator[RawDocument | Failure]:
        def on_error(err: OSError) -> None:
            errors.append(err)

        errors: list[OSError] = []
        for directory, subdirs, files in os.walk(top, onerror=on_error):
            while errors:
                err = errors.pop(0)
                yield Failure(err.filename or directory, f"cannot list directory: {_os_reason(err)}")
            # Sorted in place so the walk itself descends in order; hidden entries are skipped.
            subdirs[:] = sorted(name for name in subdirs if not name.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield from self.read_path(os.path.join(directory, name), named=False)
        while errors:
            err = errors.pop(0)
            yield Failure(err.filename or top, f"cannot list directory: {_os_reason(err)}")

    def _read_file(self, path: str, size: int) -> Iterator[RawDocument | Failure]:
        try:
            with open(path, "rb") as raw:
                head = raw.read(4)
                raw.seek(0)
                compressed = head.startswith(b"\x1f\x8b")
                stream: BinaryIO = _SafeGzip(raw) if compressed else raw  # type: ignore[assignment]
                kind = _kind_from_name(path, compressed)
                yield from self._dispatch(stream, path, kind, size=None if compressed else size, site=_folder(path))
        except PermissionError:
            yield Failure(path, "permission denied")
        except IsADirectoryError:
            yield Failure(path, "is a directory")
        except OSError as err:
            yield Failure(path, f"cannot read: {_os_reason(err)}")

    # ---- streams -----------------------------------------------------------

    def read_stream(self, stream: BinaryIO, source: str, site: str | None) -> Iterator[RawDocument | Failure]:
        peeked = _Peekable(stream)
        try:
            if peeked.peek(2).startswith(b"\x1f\x8b"):
                peeked = _Peekable(_SafeGzip(peeked))  # type: ignore[arg-type]
            yield from self._dispatch(peeked, source, None, size=None, site=site)  # type: ignore[arg-type]
        except OSError as err:
            yield Failure(source, f"cannot read: {_os_reason(err)}")

    def _dispatch(
        self, stream: BinaryIO, source: str, kind: str | None, *, size: int | None, site: str | None
    ) -> Iterator[RawDocument | Failure]:
        peekable = stream if isinstance(stream, _Peekable) else _Peekable(stream)
        head = peekable.peek(SNIFF_BYTES)
        sniffed = _kind_from_content(head)
        if kind == "arc":
            yield Failure(source, "ARC (pre-WARC) archives are not supported; convert to WARC first")
            return
        if sniffed == "binary" and kind in ("jsonl", None) and file_type(head) is None:
            if kind == "jsonl" or _has_json_object_line(head):
                # NULs in JSON Lines are bad lines: _read_jsonl judges them one
                # by one, and the whole file only if most lines are binary.
                sniffed = "jsonl"
        if sniffed in ("warc", "binary") or kind is None or (kind == "text" and sniffed == "html"):
            kind = sniffed
        if kind == "binary":
            yield Failure(source, f"binary file ({sniff_binary(head)}), not text")
        elif kind == "warc":
            yield from self._read_warc(peekable, source)
        elif kind == "jsonl":
            yield from self._read_jsonl(peekable, source, site)
        elif kind == "json":
            yield from self._read_json(peekable, source, size, site)
        else:
            yield from self._read_single(peekable, source, kind, size, site)

    def _read_single(
        self, stream: _Peekable, source: str, kind: str, size: int | None, site: str | None
    ) -> Iterator[RawDocument | Failure]:
        if size is not None and size > self.limit:
            yield Failure(source, _too_big(f"file is {_megabytes(size)}", self.limit))
            return
        data = stream.read(self.limit + 1)
        if stream.damage:
            yield Failure(source, f"{stream.damage}; the document is incomplete")
            return
        if len(data) > self.limit:
            yield Failure(source, f"content exceeds {_megabytes(self.limit)}, the limit for one document")
            return
        if not data.strip():
            yield Failure(source, "empty file")
            return
        if kind == "html":
            url = _canonical_url(data)
            yield RawDocument(source, "html", data, url=url, site=site_of(url) or site)
        else:
            yield RawDocument(source, "text", data, site=site)

    def _read_jsonl(self, stream: _Peekable, path: str, site: str | None) -> Iterator[RawDocument | Failure]:
        """One RawDocument or Failure per line; one Failure for the whole file only if it is binary data.

        The first lines' failures are held back until a record shows the file is
        JSON Lines, or BINARY_VERDICT_LINES lines (or the end) come without one:
        then, if most of them are binary data, the file is refused whole.
        """
        results = self._jsonl_lines(stream, path, site)
        held: list[RawDocument | Failure] = []
        lines = binary_lines = nul_lines = 0
        for result, line_kind in results:
            held.append(result)
            if isinstance(result, RawDocument):
                break
            if line_kind != "file":
                lines += 1
                binary_lines += line_kind in ("binary", "nul")
                nul_lines += line_kind == "nul"
            if lines >= BINARY_VERDICT_LINES:
                break
        found_record = bool(held) and isinstance(held[-1], RawDocument)
        if not found_record and binary_lines * 2 > lines:
            what = "contains NUL bytes" if nul_lines else "control bytes in most lines"
            yield Failure(path, f"binary file ({what}), not text")
            return
        yield from held
        for result, _ in results:
            yield result

    def _jsonl_lines(
        self, stream: _Peekable, path: str, site: str | None
    ) -> Iterator[tuple[RawDocument | Failure, str]]:
        """Each line's result and what the line was: "json", "binary", "nul" (binary with NULs), "file" (no line)."""
        number = 0
        while True:
            line = stream.readline(self.limit + 1)
            if stream.damage and not line.endswith(b"\n"):
                # The partial line before the damage is not a record.
                yield Failure(path, f"{stream.damage} after line {number}"), "file"
                return
            if not line:
                return
            number += 1
            source = f"{path}#{number}"
            if len(line) > self.limit and not line.endswith(b"\n"):
                while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                reason = f"line {number} exceeds {_megabytes(self.limit)}, the limit for one document"
                yield Failure(source, reason), _line_kind(line[:SNIFF_BYTES])
                continue
            if not line.strip():
                continue
            result = record_from_json_line(line, number, source, site)
            yield result, "json" if isinstance(result, RawDocument) else _line_kind(line)

    def _read_json(
        self, stream: _Peekable, path: str, size: int | None, site: str | None
    ) -> Iterator[RawDocument | Failure]:
        if size is not None and size > MAX_JSON_FILE_BYTES:
            yield Failure(path, f"JSON file is {_megabytes(size)}; above {_megabytes(MAX_JSON_FILE_BYTES)} use JSON Lines")
            return
        data = stream.read(MAX_JSON_FILE_BYTES + 1)
        if stream.damage:
            yield Failure(path, f"{stream.damage}; the JSON file is incomplete")
            return
        if len(data) > MAX_JSON_FILE_BYTES:
            yield Failure(path, f"JSON content is above {_megabytes(MAX_JSON_FILE_BYTES)}; use JSON Lines")
            return
        try:
            parsed = parse_json(data)
        except NotJSON as err:
            yield Failure(path, f"invalid JSON: {err}")
            return
        del data
        items = parsed if isinstance(parsed, list) else [parsed]
        for number, item in enumerate(items, start=1):
            source = f"{path}#{number}" if isinstance(parsed, list) else path
            yield record_from_object(item, source, site, where=f"item {number}")

    def _read_warc(self, stream: _Peekable, path: str) -> Iterator[RawDocument | Failure]:
        yielded = 0
        records = ArchiveIterator(
            stream,
            record_types=WarcRecordType.response,
            parse_http=True,
            auto_decode="all",
            stream_detect=False,  # gzip is already undone by _SafeGzip, which reports truncation
            fsspec_args=False,
        )
        try:
            for record in records:
                http = record.http_headers
                if http is None or not 200 <= (http.status_code or 0) < 300:
                    continue
                content_type = (record.http_content_type or "").lower()
                if "html" not in content_type:
                    continue
                yielded += 1
                source = f"{path}#{yielded}"
                if record.content_length > self.limit:
                    yield Failure(source, _too_big(f"record is {_megabytes(record.content_length)}", self.limit))
                    continue
                body = record.reader.read()
                if len(body) < record.content_length:
                    if stream.damage:
                        yield Failure(path, f"{stream.damage} after record {yielded - 1}")
                    else:
                        yield Failure(path, f"truncated WARC file after record {yielded - 1} (the next has {len(body)} of {record.content_length} bytes)")
                    return
                url = record.headers.get("WARC-Target-URI") or None
                meta: dict[str, Any] = {}
                if record.headers.get("WARC-Date"):
                    meta["warc_date"] = record.headers.get("WARC-Date")
                if record.http_charset:
                    meta["charset"] = record.http_charset
                if not body.strip():
                    yield Failure(source, "empty HTTP response body")
                    continue
                yield RawDocument(source, "html", body, url=url, site=site_of(url), meta=meta)
        except (OSError, ValueError) as err:
            yield Failure(path, f"damaged WARC file after record {yielded}: {clip(str(err))}")
            return
        except BaseException as err:
            # fastwarc reports some malformed input as a Rust panic, which
            # Python sees as a BaseException subclass; that is bad data too.
            if type(err).__name__ != "PanicException":
                raise
            first_line = (str(err).splitlines() or [""])[0]
            yield Failure(path, f"damaged WARC file after record {yielded}: {clip(first_line)}")
            return
        if stream.damage:
            yield Failure(path, f"{stream.damage} after record {yielded}")


# ---- sniffing -------------------------------------------------------------------


def _kind_from_name(path: str, compressed: bool) -> str | None:
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    elif name.endswith(".gzip") or name.endswith(".tgz"):
        name = name.rsplit(".", 1)[0]
    ext = os.path.splitext(name)[1]
    if ext == ".warc":
        return "warc"
    if ext == ".arc":
        return "arc"
    if ext in _JSONL_EXTENSIONS:
        return "jsonl"
    if ext == ".json":
        return "json"
    if ext in _HTML_EXTENSIONS:
        return "html"
    if ext in _TEXT_EXTENSIONS:
        return "text"
    return None


def _kind_from_content(head: bytes) -> str:
    stripped = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if stripped.startswith(b"WARC/"):
        return "warc"  # before the binary test: archived images put NULs in the head
    if sniff_binary(head[:64]) is not None or (b"\x00" in head and sniff_binary(head) is not None):
        return "binary"
    if stripped.startswith(b"{"):
        first_line = stripped.split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first_line), dict):
                return "jsonl"
        except (ValueError, RecursionError):  # not JSON, or JSON Python cannot hold
            pass
        return "jsonl" if len(first_line) >= SNIFF_BYTES - 16 else "text"
    if _MARKUP_START.match(stripped) or len(_MARKUP_ANYWHERE.findall(head)) >= 3:
        return "html"
    return "text"


def _has_json_object_line(head: bytes) -> bool:
    """Whether one of the complete lines in `head` is a JSON object: JSON Lines with some bad lines."""
    for line in head.split(b"\n")[:-1]:
        if line.lstrip().startswith(b"{"):
            try:
                if isinstance(json.loads(line), dict):
                    return True
            except (ValueError, RecursionError):
                continue
    return False


def _line_kind(line: bytes) -> str:
    if b"\x00" in line:
        return "nul"
    return "binary" if looks_binary(line) else "json"


def _canonical_url(data: bytes) -> str | None:
    match = _CANONICAL_URL.search(data[:65536])
    if not match:
        return None
    url = next(group for group in match.groups() if group).decode("utf-8", "replace").replace("&amp;", "&")
    return url if url.startswith(("http://", "https://")) else None


def _folder(path: str) -> str | None:
    return Path(os.path.abspath(path)).parent.name or None


def _os_reason(err: OSError) -> str:
    """The OS's words for an error; without them Python's message, which may quote the path, clipped."""
    return err.strerror or clip(str(err))


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB".replace(".0 MB", " MB")


def _too_big(what: str, limit: int) -> str:
    return f"{what}; the limit for one document is {_megabytes(limit)}"


# ---- streams ----------------------------------------------------------------------


class _SafeGzip:
    """gzip decompression that turns a truncated or corrupt stream into end of data plus a note.

    fastwarc and line readers see a clean end; the caller reads `damage` to
    report what happened instead of losing the records before it.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._gzip = gzip.GzipFile(fileobj=raw, mode="rb")
        self.damage: str | None = None

    def read(self, size: int = -1) -> bytes:
        if self.damage:
            return b""
        try:
            return self._gzip.read1(size)
        except EOFError:
            self.damage = "truncated gzip stream"
        except (gzip.BadGzipFile, zlib.error) as err:
            self.damage = f"corrupt gzip stream ({clip(str(err))})"
        return b""


class _Peekable:
    """A byte stream with look-ahead and bounded line reads, over a file, stdin or _SafeGzip."""

    def __init__(self, stream: BinaryIO | _SafeGzip) -> None:
        self._stream = stream
        self._buffer = b""
        self._eof = False
        self._position = 0  # bytes handed out so far; fastwarc asks for it

    @property
    def damage(self) -> str | None:
        return getattr(self._stream, "damage", None)

    def _fill(self, size: int) -> None:
        while len(self._buffer) < size and not self._eof:
            chunk = self._stream.read(max(size - len(self._buffer), 65536))
            if not chunk:
                self._eof = True
            self._buffer += chunk

    def tell(self) -> int:
        return self._position

    def peek(self, size: int) -> bytes:
        self._fill(size)
        return self._buffer[:size]

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            parts = [self._buffer]
            self._buffer = b""
            while chunk := self._stream.read(1 << 20):
                parts.append(chunk)
            self._eof = True
            data = b"".join(parts)
        else:
            self._fill(size)
            data, self._buffer = self._buffer[:size], self._buffer[size:]
        self._position += len(data)
        return data

    def readline(self, limit: int) -> bytes:
        """One line including its newline, or at most `limit` bytes of it."""
        while True:
            newline = self._buffer.find(b"\n", 0, limit)
            if newline >= 0:
                line, self._buffer = self._buffer[: newline + 1], self._buffer[newline + 1 :]
                self._position += len(line)
                return line
            if len(self._buffer) >= limit or self._eof:
                line, self._buffer = self._buffer[:limit], self._buffer[limit:]
                self._position += len(line)
                return line
            chunk = self._stream.read(65536)
            if not chunk:
                self._eof = True
            self._buffer += chunk

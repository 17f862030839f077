"""(Re)build samples/corpus/crawl.warc.gz from the pages under samples/warc_src/.

The archive imitates a small crawl of two sites: a warcinfo record, then for
each fetch a request record and its response. Besides the five HTML article
pages it holds a robots.txt and a PNG logo, which readers must skip.

Every value that would normally vary between runs (WARC-Date, WARC-Record-ID,
HTTP Date, gzip timestamps) is fixed, so rebuilding gives byte-identical
output; tests/test_samples.py checks that the committed archive is current.

    .venv/bin/python samples/build_warc.py           # rewrite the archive
    .venv/bin/python samples/build_warc.py --check   # exit 1 if it is stale
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import re
import struct
import sys
import uuid
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

from fastwarc.warc import WarcRecord, WarcRecordType

SAMPLES = Path(__file__).resolve().parent
SOURCE_DIR = SAMPLES / "warc_src"
ARCHIVE = SAMPLES / "corpus" / "crawl.warc.gz"

USER_AGENT = "Mozilla/5.0 (compatible; newsgraph-sample-crawler/0.1; +https://newsgraph.example/bot)"


@dataclass(frozen=True)
class Fetch:
    """One HTTP exchange in the crawl: either a page from warc_src or a generated body."""

    fetched: str  # UTC, ISO 8601 with Z
    page: str | None = None  # path under warc_src; its <link rel="canonical"> gives the URL
    url: str | None = None  # for non-page fetches
    content_type: str = "text/html; charset=utf-8"


# Crawl order and times. The crawl ran after the last article was published.
CRAWL = [
    Fetch("2024-06-30T02:14:07Z", url="https://www.alpinemonitor.example/robots.txt",
          content_type="text/plain; charset=utf-8"),
    Fetch("2024-06-30T02:14:09Z", page="alpine-monitor/2024-01-31-frozen-russian-assets.html"),
    Fetch("2024-06-30T02:14:10Z", url="https://www.alpinemonitor.example/images/am-logo.png",
          content_type="image/png"),
    Fetch("2024-06-30T02:14:14Z", page="alpine-monitor/2024-03-05-washington-warns-donau-kreditbank.html"),
    Fetch("2024-06-30T02:14:19Z", page="alpine-monitor/2024-05-29-donors-pledge-demining-ukraine.html"),
    Fetch("2024-06-30T02:15:02Z", page="bosporus-daily/2024-02-22-exporters-iraq-road-route-red-sea.html"),
    Fetch("2024-06-30T02:15:06Z", page="bosporus-daily/2024-06-26-istanbul-march-soaring-rents.html"),
]

ROBOTS_TXT = b"""User-agent: *
Disallow: /en/search
Disallow: /de/suche
Disallow: /api/

Sitemap: https://www.alpinemonitor.example/sitemap-news.xml
"""

_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


class SourcePageError(Exception):
    """A page under warc_src lacks what the archive needs (its canonical URL)."""


def _png_logo() -> bytes:
    """A 16x16 single-colour PNG, generated so the repository holds no binary image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    row = b"\x00" + bytes((0x1F, 0x4E, 0x79)) * 16  # filter byte, then RGB pixels
    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(row * 16, 9)) + chunk(b"IEND", b""))


def _record_id(kind: str, url: str, when: str) -> bytes:
    """A stable WARC-Record-ID (without the <urn:...> wrapper, as fastwarc expects)."""
    return f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{kind} {url} {when}')}".encode()


def _http_date(when: str) -> str:
    moment = datetime.strptime(when, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return format_datetime(moment, usegmt=True)


def _record(kind: WarcRecordType, record_id: bytes, headers: dict[str, str], block: bytes,
            payload: bytes | None = None) -> bytes:
    record = WarcRecord()
    record.init_headers(kind, record_id)
    for name, value in headers.items():
        record.headers[name] = value
    record.set_bytes_content(block)
    out = io.BytesIO()
    digest = hashlib.sha1(payload).digest() if payload is not None else None
    record.write(out, checksum_data=True, payload_digest=digest)
    # One gzip member per record, as crawlers write them; mtime=0 keeps bytes stable.
    return gzip.compress(out.getvalue(), compresslevel=9, mtime=0)


def _body_and_url(fetch: Fetch, source_dir: Path) -> tuple[bytes, str]:
    if fetch.page is not None:
        body = (source_dir / fetch.page).read_bytes()
        match = _CANONICAL.search(body.decode("utf-8"))
        if match is None:
            raise SourcePageError(f"{fetch.page}: no <link rel=\"canonical\"> to take the URL from")
        return body, match.group(1)
    assert fetch.url is not None
    if fetch.url.endswith("robots.txt"):
        return ROBOTS_TXT, fetch.url
    return _png_logo(), fetch.url


def build_warc(source_dir: Path = SOURCE_DIR) -> bytes:
    """Return the gzipped WARC bytes for the CRAWL list read from source_dir."""
    first = CRAWL[0].fetched
    info = (b"software: newsgraph samples/build_warc.py (fastwarc)\r\n"
            b"format: WARC File Format 1.1\r\n"
            b"conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
            b"description: Fictional sample crawl written for the newsgraph project\r\n"
            b"robots: obey\r\n")
    parts = [_record(WarcRecordType.warcinfo, _record_id("warcinfo", "crawl.warc.gz", first),
                     {"WARC-Date": first, "WARC-Filename": "crawl.warc.gz",
                      "Content-Type": "application/warc-fields"}, info)]
    for fetch in CRAWL:
        body, url = _body_and_url(fetch, source_dir)
        parts_of_url = urlsplit(url)
        request = (f"GET {parts_of_url.path or '/'} HTTP/1.1\r\n"
                   f"Host: {parts_of_url.netloc}\r\n"
                   f"User-Agent: {USER_AGENT}\r\n"
                   "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
                   "Accept-Language: en\r\n"
                   "Connection: close\r\n\r\n").encode()
        response_id = _record_id("response", url, fetch.fetched)
        response = (f"HTTP/1.1 200 OK\r\n"
                    f"Date: {_http_date(fetch.fetched)}\r\n"
                    "Server: nginx\r\n"
                    f"Content-Type: {fetch.content_type}\r\n"
                    f"Content-Length: {len(body)}\r\n"
                    "Cache-Control: max-age=300\r\n"
                    "Connection: close\r\n\r\n").encode() + body
        parts.append(_record(WarcRecordType.request, _record_id("request", url, fetch.fetched),
                             {"WARC-Date": fetch.fetched, "WARC-Target-URI": url,
                              "WARC-Concurrent-To": f"<urn:{response_id.decode()}>",
                              "Content-Type": "application/http; msgtype=request"}, request, payload=b""))
        parts.append(_record(WarcRecordType.response, response_id,
                             {"WARC-Date": fetch.fetched, "WARC-Target-URI": url,
                              "WARC-IP-Address": "192.0.2.10",
                              "Content-Type": "application/http; msgtype=response",
                              "WARC-Identified-Payload-Type": fetch.content_type.split(";")[0]},
                             response, payload=body))
    return b"".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether the archive is up to date")
    args = parser.parse_args(argv)
    data = build_warc()
    if args.check:
        current = ARCHIVE.read_bytes() if ARCHIVE.exists() else b""
        if current != data:
            print(f"{ARCHIVE} is stale: run python samples/build_warc.py", file=sys.stderr)
            return 1
        print(f"{ARCHIVE} is up to date")
        return 0
    ARCHIVE.write_bytes(data)
    print(f"wrote {ARCHIVE} ({len(data)} bytes, {len(CRAWL)} fetches)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

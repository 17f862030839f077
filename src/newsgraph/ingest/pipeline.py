"""From raw inputs to clean `Article` records: the ingest stage end to end.

Documents stream through in chunks. Per chunk, each document is decoded and
(for HTML) run through trafilatura, optionally in worker processes; then the
lines of every document are shown to the per-site template learner before any
of them is cleaned, so the furniture of a site is recognised from the first
chunk on. Memory is bounded by the chunk size and the learner's caps, never by
the number of inputs.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import BinaryIO

from newsgraph.ingest.decoding import decode_bytes
from newsgraph.ingest.dedup import body_hash
from newsgraph.ingest.document import RawDocument, ReadError
from newsgraph.ingest.furniture import SiteTemplates
from newsgraph.ingest.html import HtmlExtract, extract_html
from newsgraph.ingest.language import detect_language
from newsgraph.ingest.sources import iter_documents
from newsgraph.ingest.textclean import clean_text
from newsgraph.records import Article, Failure

# Adult news readers manage about 230 words a minute; used when a page states no reading time.
WORDS_PER_MINUTE = 230


@dataclass(slots=True)
class ExtractOptions:
    """Settings for one extraction run, passed through every step."""

    chunk_size: int = 64
    workers: int = 1  # worker processes for decoding and HTML extraction; 1 = in process
    learn_templates: bool = True


@dataclass(slots=True)
class Extracted:
    """What became of one input document: an article, a failure, or skipped as already done."""

    source: str
    fingerprint: str
    article: Article | None = None
    failure: Failure | None = None
    skipped: bool = False
    site: str | None = None  # the publisher the article came from (URL host, JSONL source, folder)

    @property
    def file(self) -> str:
        """The input file this document came from (the source without its "#N" record suffix)."""
        return source_file(self.source)


def source_file(source: str) -> str:
    head, sep, tail = source.rpartition("#")
    return head if sep and tail.isdigit() else source


@dataclass(slots=True)
class _Prepared:
    """A decoded document, ready for template learning and cleaning."""

    raw: RawDocument
    text: str
    html: HtmlExtract | None = None
    lines: list[str] = field(default_factory=list)


def _prepare(raw: RawDocument) -> _Prepared | Failure:
    """Decode one document and extract an HTML page's main text; runs in a worker process."""
    try:
        # A WARC record's HTTP header may state the charset; it outranks guessing.
        data = raw.data if isinstance(raw.data, str) else decode_bytes(raw.data, declared=raw.meta.get("charset"))
        if raw.format == "html":
            page = extract_html(data, url=raw.url)
            return _Prepared(raw, page.text, page, [p for p in page.text.split("\n\n") if p.strip()])
        return _Prepared(raw, data, None, [line for line in data.splitlines() if line.strip()])
    except ReadError as err:
        return Failure(raw.source, str(err))
    except Exception as err:  # a library choking on odd input must not end the batch
        return Failure(raw.source, f"extraction failed: {type(err).__name__}: {err}")


def _site(raw: RawDocument, page: HtmlExtract | None) -> str | None:
    return raw.meta.get("source") or raw.site or (page.site if page else None)


def _finish(prep: _Prepared, templates: SiteTemplates | None) -> Article | Failure:
    raw, page = prep.raw, prep.html
    meta = raw.meta
    site = _site(raw, page)
    if page is not None:
        paragraphs = [p for p in prep.lines if not (templates and templates.is_template(site, p))]
        text = "\n\n".join(paragraphs)
        headline, published, byline, stated_minutes = page.headline, page.published, page.byline, None
    else:
        cleaned = clean_text(prep.text, templates=templates, site=site, headline_hint=meta.get("headline"))
        text, headline, published = cleaned.text, cleaned.headline, cleaned.published
        byline, stated_minutes = cleaned.byline, cleaned.reading_minutes
    if not text.strip():
        return Failure(raw.source, "no article text left after removing page furniture")
    words = len(text.split())
    return Article(
        id=str(meta.get("id") or body_hash(text)[:16]),
        source=raw.source,
        url=meta.get("url") or raw.url or (page.url if page else None),
        headline=meta.get("headline") or headline,
        published=meta.get("published") or published,
        language=detect_language(text),
        reading_minutes=stated_minutes or max(1, math.ceil(words / WORDS_PER_MINUTE)),
        byline=list(meta.get("byline") or byline or []),
        text=text,
    )


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_documents(
    documents: Iterable[RawDocument | Failure],
    options: ExtractOptions | None = None,
    *,
    skip: Callable[[list[RawDocument]], set[str]] | None = None,
) -> Iterator[Extracted]:
    """Turn raw documents into articles, one `Extracted` per document, in input order.

    `skip` receives each chunk and returns the sources to pass over (the store
    uses it to skip documents a previous run already committed).
    """
    options = options or ExtractOptions()
    templates = SiteTemplates() if options.learn_templates else None
    pool = _pool(options.workers)
    try:
        for chunk in _chunks(documents, options.chunk_size):
            yield from _extract_chunk(chunk, templates, pool, skip)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _pool(workers: int) -> ProcessPoolExecutor | None:
    if workers <= 1:
        return None
    # forkserver avoids forking a parent that may hold SQLite handles or threads.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method))


def _extract_chunk(chunk, templates, pool, skip) -> Iterator[Extracted]:
    docs = [d for d in chunk if isinstance(d, RawDocument)]
    skipped = skip(docs) if (skip and docs) else set()
    todo = [d for d in docs if d.source not in skipped]
    prepared = list(pool.map(_prepare, todo, chunksize=4)) if pool else [_prepare(d) for d in todo]
    by_source = {d.source: p for d, p in zip(todo, prepared)}
    if templates is not None:
        for prep in prepared:
            if isinstance(prep, _Prepared):
                templates.observe(_site(prep.raw, prep.html), prep.lines)
    for item in chunk:
        if isinstance(item, Failure):
            yield Extracted(item.source, "", failure=item)
            continue
        fingerprint = item.fingerprint
        if item.source in skipped:
            yield Extracted(item.source, fingerprint, skipped=True)
            continue
        prep = by_source[item.source]
        result = prep if isinstance(prep, Failure) else _finish_safely(prep, templates)
        if isinstance(result, Failure):
            yield Extracted(item.source, fingerprint, failure=result)
        else:
            yield Extracted(item.source, fingerprint, article=result, site=_site(prep.raw, prep.html))


def _finish_safely(prep: _Prepared, templates: SiteTemplates | None) -> Article | Failure:
    try:
        return _finish(prep, templates)
    except Exception as err:  # one odd document must not end the batch
        return Failure(prep.raw.source, f"cleaning failed: {type(err).__name__}: {err}")


def extract_paths(
    paths: Iterable[str | os.PathLike],
    options: ExtractOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
    skip: Callable[[list[RawDocument]], set[str]] | None = None,
) -> Iterator[Extracted]:
    """Read files, folders, globs or "-" (stdin) and extract every document in them."""
    documents = iter_documents([os.fspath(p) for p in paths], stdin=stdin)
    return extract_documents(documents, options, skip=skip)


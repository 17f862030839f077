"""From raw documents to clean `Article` records: the ingest stage as pure functions.

    prepare(raw)                -> Prepared | Failure   decode; HTML main text and metadata
    observe(prepared)           -> SiteObservation      what it teaches about its site's template
    finish(prepared, templates) -> Article | Failure    clean with the site's template; metadata

The engine runs these over many documents (in worker processes or not), gathers
the observations of a whole run before it finishes any document, and keeps a
`Prepared` (as bytes) with each stored article so that the article can be
finished again when its site's template evidence changes.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict, dataclass, field
from typing import Any

from newsgraph.ingest.decoding import decode
from newsgraph.ingest.dedup import body_hash
from newsgraph.ingest.document import RawDocument, ReadError
from newsgraph.ingest.furniture import SiteObservation, SiteTemplates, observe_document
from newsgraph.ingest.html import HtmlExtract, extract_html
from newsgraph.ingest.language import detect_language
from newsgraph.ingest.textclean import clean_text
from newsgraph.messages import one_line
from newsgraph.records import Article, Failure

__all__ = ["Prepared", "finish", "observe", "prepare", "source_file"]

_MAX_REASON = 200


@dataclass(slots=True)
class Prepared:
    """A decoded document (an HTML page's extracted main text and metadata), ready to be cleaned.

    Everything `finish` needs and nothing else: no raw bytes, so it is small to
    keep beside a stored article and to pass between processes.
    """

    source: str
    format: str  # "text" or "html"
    text: str  # the decoded text (plain text), or the page's main text (HTML)
    url: str | None = None
    site: str | None = None  # the publisher: JSONL "source", URL host, folder, or the page's own
    meta: dict[str, Any] = field(default_factory=dict)
    html: HtmlExtract | None = None
    warnings: tuple[str, ...] = ()

    @property
    def lines(self) -> list[str]:
        """The units template evidence is counted over: paragraphs of a page, lines of a text."""
        if self.html is not None:
            return [p for p in self.text.split("\n\n") if p.strip()]
        return [line for line in self.text.splitlines() if line.strip()]

    def to_bytes(self) -> bytes:
        data = asdict(self)
        data["warnings"] = list(self.warnings)
        # Level 1: most of the size saving for a fraction of the time; these are written far more than read.
        return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)

    @classmethod
    def from_bytes(cls, blob: bytes) -> Prepared:
        data = json.loads(zlib.decompress(blob).decode("utf-8"))
        html = HtmlExtract(**data.pop("html")) if data.get("html") else None
        data.pop("html", None)
        return cls(**{**data, "warnings": tuple(data.get("warnings", ()))}, html=html)


def source_file(source: str) -> str:
    """The input file a source names (without its "#N" record suffix)."""
    head, sep, tail = source.rpartition("#")
    return head if sep and tail.isdigit() else source


def prepare(raw: RawDocument) -> Prepared | Failure:
    """Decode one document and extract an HTML page's main text; never raises."""
    try:
        warnings = tuple(raw.warnings)
        if isinstance(raw.data, str):
            text = raw.data
        else:
            # A WARC record's HTTP header may state the charset; it outranks guessing.
            decoded = decode(raw.data, declared=raw.meta.get("charset"))
            text, warnings = decoded.text, warnings + tuple(decoded.warnings)
        page = extract_html(text, url=raw.url) if raw.format == "html" else None
        site = raw.meta.get("source") or raw.site or (page.site if page else None)
        return Prepared(
            source=raw.source,
            format=raw.format,
            text=page.text if page else text,
            url=raw.url,
            site=site,
            meta=dict(raw.meta),
            html=page,
            warnings=warnings,
        )
    except ReadError as err:
        return Failure(raw.source, str(err))
    except Exception as err:  # a library choking on odd input must not end the batch
        return Failure(raw.source, _reason("extraction failed", err))


def observe(prepared: Prepared) -> SiteObservation | None:
    """What the document teaches about its site's page template (None without a site)."""
    return observe_document(prepared.site, prepared.lines)


def finish(prepared: Prepared, templates: SiteTemplates | None = None) -> Article | Failure:
    """Clean the document with its site's template evidence into an Article; never raises."""
    try:
        return _finish(prepared, templates)
    except Exception as err:  # one odd document must not end the batch
        return Failure(prepared.source, _reason("cleaning failed", err))


def _finish(prepared: Prepared, templates: SiteTemplates | None) -> Article | Failure:
    meta, page, site = prepared.meta, prepared.html, prepared.site
    if page is not None:
        paragraphs = [p for p in prepared.lines if not (templates and templates.is_template(site, p))]
        text = "\n\n".join(paragraphs)
        headline, published, byline, stated_minutes = page.headline, page.published, page.byline, None
    else:
        cleaned = clean_text(prepared.text, templates=templates, site=site, headline_hint=meta.get("headline"))
        text, headline, published = cleaned.text, cleaned.headline, cleaned.published
        byline, stated_minutes = cleaned.byline, cleaned.reading_minutes
    if not text.strip():
        return Failure(prepared.source, "no article text left after removing page furniture")
    return Article(
        id=str(meta.get("id") or body_hash(text)[:16]),
        source=prepared.source,
        url=meta.get("url") or prepared.url or (page.url if page else None),
        headline=meta.get("headline") or headline,
        published=meta.get("published") or published,
        language=detect_language(text),
        reading_minutes=stated_minutes,
        byline=tuple(meta.get("byline") or byline or ()),
        text=text,
    )


def _reason(what: str, err: BaseException) -> str:
    text = one_line(f"{what}: {type(err).__name__}: {err}")
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 1] + "…"

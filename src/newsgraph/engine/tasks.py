"""The work done per document, as pure functions an executor can run anywhere.

    read_document(raw)   -> Read      decode, extract HTML, observe the site's template lines
    derive_document(job) -> Derived   clean with the site's template, analyse: the record

Both take and return plain picklable data, so the same call gives the same result
in this process, in a worker process or on a Ray actor. The analysis stage (an
`Analyzer`, or None for none) is handed to every executor and set up once per
process by `start_worker`; its spaCy model is loaded there, once.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.engine.templates import derive
from newsgraph.evidence import SiteObservation
from newsgraph.ingest.document import RawDocument
from newsgraph.ingest.furniture import JudgedTemplates
from newsgraph.ingest.pipeline import Prepared, observe, prepare
from newsgraph.messages import one_line
from newsgraph.nlp.analyze import Analyzer
from newsgraph.records import Article, Failure
from newsgraph.store import ArticleEntry

__all__ = ["DeriveJob", "Derived", "Read", "derive_document", "read_document", "start_worker"]

_MAX_REASON = 200


@dataclass(slots=True)
class Read:
    """One input document after the first pass."""

    source: str
    fingerprint: str
    prepared: Prepared | None = None
    failure: Failure | None = None
    skipped: bool = False
    observation: SiteObservation | None = None


@dataclass(frozen=True, slots=True)
class DeriveJob:
    """One prepared document with its site's template, to be cleaned and analysed."""

    source: str
    fingerprint: str
    prepared: Prepared
    observation: SiteObservation | None
    templates: JudgedTemplates | None
    version: int = 0  # of the site's evidence the template comes from
    replaces: str | None = None  # the stored article this one re-derives


@dataclass(slots=True)
class Derived:
    """What became of a derive job: an entry to store (analysed), or a failure."""

    entry: ArticleEntry | None = None
    failure: Failure | None = None


# The analysis stage of this process, set once by start_worker.
_analyzer: Analyzer | None = None


def start_worker(analyzer: Analyzer | None) -> None:
    """Set up the analysis stage of a run in this process (its spaCy model loaded now)."""
    global _analyzer
    _analyzer = analyzer
    if analyzer is not None:
        analyzer.nlp  # noqa: B018 - loads the model now, not on the first document


def _reason(what: str, error: BaseException) -> str:
    text = one_line(f"{what}: {type(error).__name__}: {error}")
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 1] + "…"


def read_document(item: Read | RawDocument) -> Read:
    """A raw document decoded and extracted, and what it teaches about its site's
    template (items already decided, skipped or failed, pass through)."""
    if isinstance(item, Read):
        return item
    try:
        outcome = prepare(item)
        if isinstance(outcome, Failure):
            return Read(item.source, item.fingerprint, failure=outcome)
        return Read(item.source, item.fingerprint, prepared=outcome, observation=observe(outcome))
    except Exception as error:  # whatever one document does, the run goes on
        return Read(item.source, item.fingerprint, failure=Failure(item.source, _reason("reading failed", error)))


def derive_document(job: DeriveJob) -> Derived:
    """Clean a document with its site's template and analyse it."""
    try:
        result = derive(job.prepared, job.templates, replaces=job.replaces, observation=job.observation).result
    except Exception as error:  # whatever one document does, the run goes on
        return Derived(failure=Failure(job.source, _reason("cleaning failed", error)))
    if isinstance(result, Failure):
        return Derived(failure=result)
    if _analyzer is not None:
        result = ArticleEntry(_analyzer.analyze(result.article), site=result.site, derivation=result.derivation,
                              replaces=result.replaces)
    return Derived(entry=result)


def analysed(article: Article) -> Article:
    """`article` through this process's analysis stage (unchanged without one)."""
    return _analyzer.analyze(article) if _analyzer is not None else article

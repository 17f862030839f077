"""What a run reports: one `Extracted` per input document, and the counts at its end."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.ingest.pipeline import Prepared, source_file
from newsgraph.records import Article, Failure
from newsgraph.store import ArticleEntry, BatchResult

__all__ = ["MAX_LISTED", "Extracted", "IngestSummary"]

# The end summary lists at most this many failures and problems; all are in the store's errors table.
MAX_LISTED = 1000


@dataclass(slots=True)
class Extracted:
    """What became of one input document: an article, a failure, or skipped as already done."""

    source: str
    fingerprint: str
    article: Article | None = None
    failure: Failure | None = None
    skipped: bool = False
    site: str | None = None
    warnings: tuple[str, ...] = ()
    entry: ArticleEntry | None = field(default=None, repr=False)
    prepared: Prepared | None = field(default=None, repr=False)
    version: int = 0  # of the site's template evidence it was cleaned with

    @property
    def file(self) -> str:
        """The input file this document came from (the source without its "#N" record suffix)."""
        return source_file(self.source)


@dataclass(slots=True)
class IngestSummary:
    """Counts for one run, as shown at its end."""

    documents: int = 0
    new: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed: int = 0
    skipped: int = 0  # committed by an earlier run with the same content
    rederived: int = 0  # stored earlier, cleaned again because their site's template changed
    analysis_failed: int = 0  # articles stored with an analysis step that failed on them
    warnings: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    problems: list[Failure] = field(default_factory=list)  # analysis failures and warnings

    @property
    def articles_per_second(self) -> float:
        return (self.new + self.duplicates) / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "new": self.new,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "failed": self.failed,
            "skipped": self.skipped,
            "rederived": self.rederived,
            "analysis_failed": self.analysis_failed,
            "warnings": self.warnings,
            "seconds": round(self.seconds, 3),
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
            "problems": [{"source": f.source, "reason": f.reason} for f in self.problems],
        }

    def add_batch(self, result: BatchResult, failures: list[Failure], warnings: list[Failure],
                  entries: list[ArticleEntry]) -> None:
        """Count what one committed batch did."""
        self.new += result.new
        self.duplicates += result.duplicates
        self.near_duplicates += result.near_duplicates
        self.failed += result.failed  # the batch's failures plus articles the store refused
        self.skipped += result.unchanged  # changed bytes, same article from the same source
        self.warnings += len(warnings)
        room = MAX_LISTED - len(self.failures)
        if room > 0:
            self.failures.extend(failures[:room])
        for entry in entries:
            if (problem := entry.article.analysis_problem()) is not None:
                self.analysis_failed += 1
                if len(self.problems) < MAX_LISTED:
                    self.problems.append(Failure(entry.article.source, problem))
        for warning in warnings:
            if len(self.problems) < MAX_LISTED:
                self.problems.append(warning)

"""The analysis stage: one spaCy parse per article, then the registered extractors.

Fills the record contract's lists on clean articles from the ingest stage. The
spaCy pipeline is loaded once per process and articles are parsed in batches
with `nlp.pipe`, so the parse (the expensive part) runs at spaCy's own speed.
The extractors and their order come from `nlp.steps` (see `nlp.registry`).

Nothing that goes wrong with one article ends the batch: a parse that fails is
retried alone; an extractor that raises leaves its list (and the lists of the
steps that read it) empty, and the article says so in `analysis_errors`. Texts
longer than a window are analysed window by window (`nlp.windows`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.messages import one_line
from newsgraph.nlp.model import DEFAULT_MODEL, load_nlp
from newsgraph.nlp.registry import Step, plan
from newsgraph.nlp.steps import STEPS
from newsgraph.nlp.windows import WINDOW_CHARS, shift, split_windows
from newsgraph.records import AnalysisError, Article

logger = logging.getLogger(__name__)

__all__ = ["ANALYSIS_FIELDS", "Analyzer"]

# The Article lists the analysis stage fills.
ANALYSIS_FIELDS = ("entities", "quotes", "dates", "amounts", "events")
_MAX_REASON = 200


@dataclass(slots=True)
class Analyzer:
    """Runs the analysis stage over articles; holds the loaded pipeline.

    `only` selects steps by name (and what they need); `steps` replaces the
    registered ones (tests inject failing steps this way).
    """

    model: str = DEFAULT_MODEL
    batch_size: int = 16
    only: Sequence[str] | None = None
    steps: Sequence[Step] = STEPS
    window_chars: int = WINDOW_CHARS
    _plan: list[Step] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self._plan = plan(self.steps, self.only)

    @property
    def nlp(self) -> Language:
        return load_nlp(self.model)

    @property
    def step_names(self) -> list[str]:
        return [step.name for step in self._plan]

    def analyze(self, article: Article) -> Article:
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Each article with its lists filled, in input order."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self._analyze_batch(batch)
                batch = []
        if batch:
            yield from self._analyze_batch(batch)

    @property
    def window(self) -> int:
        """The longest text parsed at once: the window size, within the pipeline's own limit."""
        return max(2, min(self.window_chars, self.nlp.max_length))

    def _analyze_batch(self, batch: list[Article]) -> Iterator[Article]:
        window = self.window
        short = [a for a in batch if len(a.text) <= window]
        docs = iter(self._parse_all([a.text for a in short]))
        for article in batch:
            if len(article.text) <= window:
                doc = next(docs)
                yield self._fill(article, doc)
            else:
                yield self._analyze_windows(article)

    def _parse_all(self, texts: list[str]) -> list[Doc | BaseException]:
        try:
            return list(self.nlp.pipe(texts))
        except Exception:  # find the text that broke the batch; the others still parse
            return [self._parse_one(text) for text in texts]

    def _parse_one(self, text: str) -> Doc | BaseException:
        try:
            return self.nlp(text)
        except Exception as error:
            return error

    def _fill(self, article: Article, doc: Doc | BaseException) -> Article:
        """Run the planned steps over one parsed text; a failing step is recorded, never raised."""
        cleared = {name: () for name in ANALYSIS_FIELDS}
        if isinstance(doc, BaseException):
            errors = (AnalysisError(step="parse", reason=_reason(doc)),)
            return replace(article, **cleared, analysis_errors=errors)
        current = replace(article, **cleared, analysis_errors=())
        failed: dict[str, str] = {}  # field -> the step that failed to fill or refine it
        errors: list[AnalysisError] = []
        for step in self._plan:
            missing = [name for name in step.needs if name in failed]
            if missing:
                reason = f"not run: needs {', '.join(missing)}, which failed"
                errors.append(AnalysisError(step=step.name, reason=reason))
                failed.setdefault(step.assigns, step.name)
                continue
            try:
                records = tuple(step.run(current, doc))
            except Exception as error:  # one odd text must not end the batch
                logger.debug("analysis step %s failed on %s", step.name, article.source, exc_info=True)
                errors.append(AnalysisError(step=step.name, reason=_reason(error)))
                failed[step.assigns] = step.name
                current = replace(current, **{step.assigns: ()})
                continue
            current = replace(current, **{step.assigns: records})
        return replace(current, analysis_errors=tuple(errors)) if errors else current

    def _analyze_windows(self, article: Article) -> Article:
        """A long text, window by window: each window is analysed as its own text,
        its records shifted into the whole text's offsets."""
        lists: dict[str, list] = {name: [] for name in ANALYSIS_FIELDS}
        errors: dict[tuple[str, str], AnalysisError] = {}
        for index, (start, end) in enumerate(split_windows(article.text, self.window)):
            part = replace(article, text=article.text[start:end], headline=article.headline if index == 0 else None)
            done = self._fill(part, self._parse_one(part.text))
            offsets = {"amount": len(lists["amounts"]), "quote": len(lists["quotes"])}
            for name in ANALYSIS_FIELDS:
                for record in getattr(done, name):
                    record = shift(record, start)
                    if name == "events":
                        record = replace(record, **{
                            key: getattr(record, key) + offsets[key]
                            for key in offsets if getattr(record, key) is not None
                        })
                    lists[name].append(record)
            for error in done.analysis_errors:
                errors.setdefault((error.step, error.reason), error)
        return replace(article, **{name: tuple(records) for name, records in lists.items()},
                       analysis_errors=tuple(errors.values()))


def _reason(error: BaseException) -> str:
    text = one_line(f"{type(error).__name__}: {error}")
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 1] + "…"

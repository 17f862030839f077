"""The analysis stage: one spaCy parse per article, then the project's own extractors.

Fills the record contract's lists on clean articles from the ingest stage:
entities, quotes, dates (TIMEX3, against `published`), amounts, and PLOVER
events that link to them. The spaCy
pipeline is loaded once per process and articles are parsed in batches with
`nlp.pipe`, so the parse (the expensive part) runs at spaCy's own speed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.nlp.amounts import find_amounts
from newsgraph.nlp.entities import normalise_entities
from newsgraph.nlp.events import code_events
from newsgraph.nlp.model import DEFAULT_MODEL, load_nlp
from newsgraph.nlp.quotes import find_quotes
from newsgraph.nlp.timex import find_dates
from newsgraph.records import Article

logger = logging.getLogger(__name__)

# Types of temporal expression that can say when something was said.
_POINT_TYPES = {"DATE", "TIME"}


@dataclass(slots=True)
class Analyzer:
    """Runs the analysis stage over articles; holds the loaded pipeline."""

    model: str = DEFAULT_MODEL
    batch_size: int = 16

    @property
    def nlp(self) -> Language:
        return load_nlp(self.model)

    def analyze(self, article: Article) -> Article:
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Fill each article's lists in place and yield it, in input order."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self._analyze_batch(batch)
                batch = []
        if batch:
            yield from self._analyze_batch(batch)

    def _analyze_batch(self, batch: list[Article]) -> Iterator[Article]:
        for article, doc in zip(batch, self.nlp.pipe(a.text for a in batch)):
            try:
                fill_article(article, doc)
            except Exception:  # an extractor tripping on one odd text must not end the batch
                logger.exception("analysis failed for %s; stored without its analysis lists", article.source)
                article.entities, article.quotes, article.dates, article.amounts, article.events = [], [], [], [], []
            yield article


def fill_article(article: Article, doc: Doc) -> Article:
    """The extractors over one parsed article; `doc` is the parse of `article.text`."""
    article.entities = normalise_entities(doc, published=article.published)
    article.dates = find_dates(article.text, published=article.published, doc=doc)
    article.amounts = find_amounts(article.text, language=article.language or "en")
    article.quotes = find_quotes(doc, headline=article.headline)
    date_quotes(article.quotes, article.dates, doc)
    article.events = code_events(
        doc, entities=article.entities, quotes=article.quotes, dates=article.dates, amounts=article.amounts
    )
    return article


def date_quotes(quotes: list[dict], dates: list[dict], doc: Doc) -> None:
    """Give a quote the date that its cue verb states (`said ... on Friday`).

    The date must be a point in time (DATE or TIME with a resolved value) that hangs
    off the cue in the parse, at most two steps up ("Friday" <- "on" <- "said"),
    and lies outside the quoted content, where it would be part of what was said
    ("since February 24, 2022, we have ...") rather than when it was said.
    """
    points = [d for d in dates if d["type"] in _POINT_TYPES and _resolved(d["value"])]
    if not points:
        return
    for quote in quotes:
        cue = quote.get("cue")
        if quote.get("field") != "text" or quote.get("date") or not cue:
            continue
        cue_span = doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
        if cue_span is None:
            continue
        cue_tokens = {token.i for token in cue_span}
        for date in points:
            if quote["start"] <= date["start"] < quote["end"]:
                continue
            span = doc.char_span(date["start"], date["end"], alignment_mode="expand")
            if span is not None and _hangs_off(span.root, cue_tokens):
                quote["date"] = date["value"]
                break


def _hangs_off(token, targets: set[int], steps: int = 2) -> bool:
    for _ in range(steps):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i in targets:
            return True
    return False


def _resolved(value: str | None) -> bool:
    return bool(value) and value[0].isdigit() and "X" not in value

"""The registered analysis steps: one line each (see `registry` for what the fields mean).

To add an extractor: write its module with a function `(article, doc) -> tuple of
records`, then add one `Step(...)` line below. The analyzer orders the steps from
their `needs` and `assigns`; `--only` selects among them by name.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.nlp.amounts import find_amounts
from newsgraph.nlp.entities import normalise_entities
from newsgraph.nlp.events import code_events
from newsgraph.nlp.quote_dates import date_quotes
from newsgraph.nlp.quotes import find_quotes
from newsgraph.nlp.registry import Step
from newsgraph.nlp.timex import find_dates
from newsgraph.records import Article


def entities(article: Article, doc: Doc) -> tuple:
    return tuple(normalise_entities(doc, published=article.published))


def dates(article: Article, doc: Doc) -> tuple:
    return tuple(find_dates(article.text, published=article.published, doc=doc))


def amounts(article: Article, doc: Doc) -> tuple:
    return tuple(find_amounts(article.text, language=article.language or "en"))


def quotes(article: Article, doc: Doc) -> tuple:
    return tuple(find_quotes(doc, headline=article.headline))


def quote_dates(article: Article, doc: Doc) -> tuple:
    return date_quotes(article.quotes, article.dates, doc)


def events(article: Article, doc: Doc) -> tuple:
    return tuple(code_events(doc, entities=article.entities, quotes=article.quotes, dates=article.dates,
                             amounts=article.amounts))


STEPS: tuple[Step, ...] = (
    Step("entities", assigns="entities", run=entities),
    Step("dates", assigns="dates", run=dates),
    Step("amounts", assigns="amounts", run=amounts),
    Step("quotes", assigns="quotes", run=quotes),
    Step("quote_dates", assigns="quotes", needs=("quotes", "dates"), run=quote_dates),
    Step("events", assigns="events", needs=("entities", "quotes", "dates", "amounts"), run=events),
)

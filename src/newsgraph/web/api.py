"""The JSON API under /api: thin routes that build the store's filters and page its rows.

Every list endpoint takes `limit` (1..500) and `cursor` and answers
`{"items": [...], "next": cursor-or-null}`; filters mirror the command line's.
Cursors are the store's keyset cursors (`store.keyset`): the next page starts
strictly after the last row given, so a walk sees every row once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request

from newsgraph.records import to_dict
from newsgraph.store import EntityFilter, EventFilter, QuoteFilter, SearchQuery, SpeakerFilter, StoredArticle
from newsgraph.store.keyset import cursor_of
from newsgraph.web import models
from newsgraph.web.explore import Explorer, month_of

__all__ = ["Page", "paged", "router"]

ERRORS = {
    400: {"model": models.ErrorModel, "description": "a parameter the store cannot use (one line)"},
    404: {"model": models.ErrorModel, "description": "no such article or speaker"},
    422: {"model": models.ErrorModel, "description": "a parameter of the wrong type or size (one line)"},
    503: {"model": models.ErrorModel, "description": "the query ran past the time limit, or the database is unavailable"},
}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)

MAX_LIMIT = 500
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"items per page, 1..{MAX_LIMIT}")]
Cursor = Annotated[str | None, Query(max_length=200, description="the `next` of the previous page")]
Text = Annotated[str | None, Query(max_length=1000)]
Since = Annotated[str | None, Query(max_length=40, description="inclusive ISO date of any precision (2024, 2024-03, 2024-03-08)")]
Until = Annotated[str | None, Query(max_length=40, description="inclusive ISO date of any precision")]
ArticleId = Annotated[str, Path(min_length=1, max_length=200, description="an article id, or a unique prefix of 6+ characters")]

Page = dict[str, Any]


def paged(cursor: str | None, limit: int, fetch: Callable[[str | None, int], list[Any]]) -> Page:
    """One page: `fetch(after, count)` is asked for one row more than `limit`, to know if more follow."""
    rows = fetch(cursor or None, limit + 1)
    return {"items": [to_dict(row) for row in rows[:limit]],
            "next": cursor_of(rows[limit - 1]) if len(rows) > limit else None}


def explorer(request: Request) -> Explorer:
    return request.app.state.explorer


@router.get("/search", response_model=models.page_of(models.SearchHitModel), summary="Search articles")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=1000, description="words, \"phrases\", OR, NOT, prefix*, -word")],
           since: Since = None, until: Until = None, source: Text = None, limit: Limit = 20, cursor: Cursor = None) -> Page:
    """Articles matching the full-text query, best first, with a snippet (matches in [brackets])."""
    def fetch(after: str | None, count: int):
        with request.app.state.pool.borrow() as store:
            return store.search(SearchQuery(text=q, since=since, until=until, source=source, limit=count, after=after))
    return paged(cursor, limit, fetch)


@router.get("/articles/{article_id:path}", response_model=models.ArticleModel, summary="One article")
def article(request: Request, article_id: ArticleId) -> dict[str, Any]:
    """The full record (the contract), with its cluster and every place it appeared."""
    stored, cluster = load_article(request, article_id)
    return {**stored.to_dict(), "cluster": cluster}


def load_article(request: Request, article_id: str) -> tuple[StoredArticle, list[str]]:
    with request.app.state.pool.borrow() as store:
        stored = store.get_article(article_id)
        if stored is None:
            raise HTTPException(404, f"no article {article_id!r}"[:200])
        return stored, store.cluster(stored.article.id)


def quote_filter(speaker, about, about_entity, kind, since, until, limit: int = 50, after: str | None = None) -> QuoteFilter:
    return QuoteFilter(speaker=speaker, about=about, about_entity=about_entity, kind=kind, since=since, until=until,
                       limit=limit, after=after)


@router.get("/quotes", response_model=models.page_of(models.QuoteModel), summary="Quotations")
def quotes(request: Request, speaker: Text = None, about: Text = None, about_entity: Text = None,
           kind: Annotated[str | None, Query(max_length=20, description="direct, partial, indirect, mixed or headline")] = None,
           since: Since = None, until: Until = None, limit: Limit = 50, cursor: Cursor = None) -> Page:
    """Quotations newest first (by when said), by speaker, words said, entity named, kind and date."""
    def fetch(after: str | None, count: int):
        with request.app.state.pool.borrow() as store:
            return store.quotes(quote_filter(speaker, about, about_entity, kind, since, until, count, after))
    return paged(cursor, limit, fetch)


@router.get("/speakers", response_model=models.page_of(models.SpeakerModel), summary="Speakers")
def speakers(request: Request, name: Text = None, limit: Limit = 50, cursor: Cursor = None) -> Page:
    """Speaker identities across the corpus, most quoted first; `name` matches any name form."""
    def fetch(after: str | None, count: int):
        with request.app.state.pool.borrow() as store:
            return store.speakers(SpeakerFilter(name=name, limit=count, after=after))
    return paged(cursor, limit, fetch)


@router.get("/speakers/{speaker_id}", response_model=models.SpeakerDetailModel, summary="One speaker")
def speaker(request: Request, speaker_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    """A speaker identity with its statements counted by month and who it talks about most."""
    return speaker_detail(explorer(request), speaker_id)


def speaker_detail(found: Explorer, speaker_id: str) -> dict[str, Any]:
    row = found.index().by_id.get(speaker_id)
    if row is None:
        raise HTTPException(404, f"no speaker {speaker_id!r}"[:200])
    months: Counter[str] = Counter()
    for when, count in found.speaker_dates(speaker_id).items():
        if (month := month_of(when)) is not None:
            months[month] += count
    about = found.talks_about(speaker_id, exclude=(row.name, *row.aliases))
    return {"speaker": to_dict(row), "quotes_by_month": dict(sorted(months.items())), "talks_about": about}


@router.get("/events", response_model=models.page_of(models.EventModel), summary="Political events")
def events(request: Request, type: Annotated[str | None, Query(max_length=20, description="a PLOVER type")] = None,
           actor: Text = None, recipient: Text = None, since: Since = None, until: Until = None,
           limit: Limit = 50, cursor: Cursor = None) -> Page:
    """Coded events newest first; actor/recipient an ISO3 country or part of a name."""
    def fetch(after: str | None, count: int):
        with request.app.state.pool.borrow() as store:
            return store.events(EventFilter(type=type, actor=actor, recipient=recipient, since=since, until=until,
                                            limit=count, after=after))
    return paged(cursor, limit, fetch)


@router.get("/entities", response_model=models.page_of(models.EntityModel), summary="Entities")
def entities(request: Request, name: Text = None, label: Annotated[str | None, Query(max_length=20)] = None,
             country: Annotated[str | None, Query(max_length=3, description="ISO 3166 alpha-3")] = None,
             limit: Limit = 50, cursor: Cursor = None) -> Page:
    """Entities by canonical name, most mentioned first."""
    def fetch(after: str | None, count: int):
        with request.app.state.pool.borrow() as store:
            return store.entities(EntityFilter(name=name, label=label, country=country, limit=count, after=after))
    return paged(cursor, limit, fetch)


@router.get("/stats", response_model=models.StatsModel, summary="Corpus counts")
def stats(request: Request) -> dict[str, Any]:
    """Articles, clusters, duplicates, errors, sources, languages and the date range held."""
    with request.app.state.pool.borrow() as store:
        return store.stats().to_dict()

"""The explorer pages: quotations (with CSV and JSON downloads of the current filter),
events (a chart and a table), the speaker-entity network, entities."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated
from urllib.parse import quote as url_quote

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import StreamingResponse

from newsgraph.records import to_dict
from newsgraph.store.keyset import cursor_of
from newsgraph.store import EVENT_TYPES, QUOTE_KINDS, EntityFilter, EventFilter, QuoteFilter
from newsgraph.store.search_syntax import date_lower_bound, date_upper_bound
from newsgraph.web.api import Cursor, Since, Text, Until, quote_filter
from newsgraph.web.charts import network_chart, stacked_bar_chart
from newsgraph.web.explore import quote_speaker_id
from newsgraph.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
# A download holds at most this many rows (read 500 at a time).
MAX_DOWNLOAD = 50_000
DOWNLOAD_BATCH = 500
Kind = Annotated[str | None, Query(max_length=20)]
CSV_COLUMNS = ("article_id", "position", "when", "date", "speaker_name", "speaker_role", "speaker_affiliation",
               "speaker_text", "kind", "cue", "text", "headline", "published", "source", "url")


def _blank_none(value: str | None) -> str | None:
    """Form fields left empty arrive as "": they filter nothing."""
    return value if value not in ("", None) else None


@router.get("/quotes")
def quotes_page(request: Request, speaker: Text = None, about: Text = None, about_entity: Text = None, kind: Kind = None,
                since: Since = None, until: Until = None, cursor: Cursor = None):
    filters = dict(speaker=_blank_none(speaker), about=_blank_none(about), about_entity=_blank_none(about_entity),
                   kind=_blank_none(kind), since=_blank_none(since), until=_blank_none(until))
    with request.app.state.pool.borrow() as store:
        rows = store.quotes(quote_filter(**filters, limit=PAGE_SIZE + 1, after=_blank_none(cursor)))
    next_cursor = cursor_of(rows[PAGE_SIZE - 1]) if len(rows) > PAGE_SIZE else None
    index = request.app.state.explorer.index()
    return render(request, "quotes.html", {
        "rows": [(hit, quote_speaker_id(hit, index)) for hit in rows[:PAGE_SIZE]], "filters": filters,
        "kinds": QUOTE_KINDS, "next_cursor": next_cursor, "title": "statements",
    })


def _spreadsheet_safe(value) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ would otherwise start a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _download_filters(speaker, about, about_entity, kind, since, until) -> dict:
    filters = dict(speaker=_blank_none(speaker), about=_blank_none(about), about_entity=_blank_none(about_entity),
                   kind=_blank_none(kind), since=_blank_none(since), until=_blank_none(until))
    quote_filter(**filters, limit=1)  # a bad filter is a 400 now, not halfway through the download
    return filters


@router.get("/quotes.csv")
def quotes_csv(request: Request, speaker: Text = None, about: Text = None, about_entity: Text = None, kind: Kind = None,
               since: Since = None, until: Until = None):
    filters = _download_filters(speaker, about, about_entity, kind, since, until)
    first = list(_first_batch(request, filters))

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for hit in _chain(first, request, filters):
            writer.writerow([_spreadsheet_safe(v) for v in (
                hit.article_id, hit.position, hit.when, hit.date, hit.speaker.name, hit.speaker.role,
                hit.speaker.affiliation, hit.speaker.text, hit.kind, hit.cue, hit.text, hit.headline, hit.published,
                hit.source, hit.url)])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()
    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="quotes.csv"'})


@router.get("/quotes.json")
def quotes_json(request: Request, speaker: Text = None, about: Text = None, about_entity: Text = None, kind: Kind = None,
                since: Since = None, until: Until = None):
    filters = _download_filters(speaker, about, about_entity, kind, since, until)
    first = list(_first_batch(request, filters))

    def chunks() -> Iterator[str]:
        yield "["
        for number, hit in enumerate(_chain(first, request, filters)):
            yield ("," if number else "") + json.dumps(to_dict(hit), ensure_ascii=False)
        yield "]\n"
    return StreamingResponse(chunks(), media_type="application/json",
                             headers={"Content-Disposition": 'attachment; filename="quotes.json"'})


def _first_batch(request: Request, filters: dict):
    """The first rows, read before the response starts, so that a failing query is a clean error."""
    with request.app.state.pool.borrow() as store:
        return store.quotes(quote_filter(**filters, limit=DOWNLOAD_BATCH))


def _chain(first: list, request: Request, filters: dict) -> Iterator:
    yield from first
    if len(first) < DOWNLOAD_BATCH:
        return
    last = first[-1]
    for _ in range(DOWNLOAD_BATCH, MAX_DOWNLOAD, DOWNLOAD_BATCH):
        with request.app.state.pool.borrow() as store:
            rows = store.quotes(quote_filter(**filters, limit=DOWNLOAD_BATCH, after=cursor_of(last)))
        yield from rows
        if len(rows) < DOWNLOAD_BATCH:
            return
        last = rows[-1]


@router.get("/events")
def events_page(request: Request, type: Kind = None, actor: Text = None, recipient: Text = None,
                since: Since = None, until: Until = None, cursor: Cursor = None):
    filters = dict(type=_blank_none(type), actor=_blank_none(actor), recipient=_blank_none(recipient),
                   since=_blank_none(since), until=_blank_none(until))
    months, per_month, read = request.app.state.explorer.events_by_month(EventFilter(**filters, limit=5000))
    chart = stacked_bar_chart(months, per_month, EVENT_TYPES, css_class="events",
                              label="political events by type per month", y_title="events", x_title="month")
    with request.app.state.pool.borrow() as store:
        rows = store.events(EventFilter(**filters, limit=PAGE_SIZE + 1, after=_blank_none(cursor)))
    next_cursor = cursor_of(rows[PAGE_SIZE - 1]) if len(rows) > PAGE_SIZE else None
    return render(request, "events.html", {"chart": chart, "rows": rows[:PAGE_SIZE], "filters": filters,
                                           "types": EVENT_TYPES, "next_cursor": next_cursor, "read": read,
                                           "title": "events"})


@router.get("/network")
def network_page(request: Request, since: Since = None, until: Until = None):
    since, until = _blank_none(since), _blank_none(until)
    if since is not None:
        date_lower_bound(since, "since")  # a bad date is a 400 here, as on every listing
    if until is not None:
        date_upper_bound(until, "until")
    found = request.app.state.explorer.network(since, until)
    chart = network_chart(found.speakers, found.entities, found.edges,
                          label="speakers linked to the entities their statements name",
                          speaker_href=lambda sid: f"/speakers/{url_quote(sid, safe='')}",
                          entity_href=lambda name: f"/entities/{url_quote(name, safe='')}")
    names = {sid: name for sid, name, _ in found.speakers}
    return render(request, "network.html", {"chart": chart, "network": found, "names": names, "since": since,
                                            "until": until, "title": "who speaks about whom"})


@router.get("/entities")
def entities_page(request: Request, name: Text = None, label: Kind = None,
                  country: Annotated[str | None, Query(max_length=3)] = None, cursor: Cursor = None):
    filters = dict(name=_blank_none(name), label=_blank_none(label), country=_blank_none(country))
    with request.app.state.pool.borrow() as store:
        rows = store.entities(EntityFilter(**filters, limit=PAGE_SIZE + 1, after=_blank_none(cursor)))
    next_cursor = cursor_of(rows[PAGE_SIZE - 1]) if len(rows) > PAGE_SIZE else None
    return render(request, "entities.html", {"rows": rows[:PAGE_SIZE], "filters": filters, "next_cursor": next_cursor,
                                             "title": "entities"})


@router.get("/entities/{name:path}")
def entity_page(request: Request, name: Annotated[str, Path(min_length=1, max_length=300)]):
    with request.app.state.pool.borrow() as store:
        matches = [row for row in store.entities(EntityFilter(name=name, limit=200)) if row.name == name]
        said = store.quotes(QuoteFilter(about_entity=name, limit=PAGE_SIZE))
    if not matches:
        raise HTTPException(404, f"no entity named {name!r}"[:200])
    index = request.app.state.explorer.index()
    return render(request, "entity.html", {"name": name, "rows": matches,
                                           "quotes": [(hit, quote_speaker_id(hit, index)) for hit in said],
                                           "title": name})

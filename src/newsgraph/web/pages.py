"""Server-rendered pages: home, search, article, speakers. The explorers (quotes, events,
network, entities) are in `pages_explore`. Usable without JavaScript.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from markupsafe import Markup, escape

from newsgraph.records import Article, Quote
from newsgraph.store import QuoteFilter, SearchQuery
from newsgraph.web import pages_explore
from newsgraph.web.api import ArticleId, Cursor, Since, Text, Until, load_article, speaker_detail
from newsgraph.web.charts import bar_chart
from newsgraph.store.keyset import cursor_of
from newsgraph.web.cursor import decode_cursor, encode_cursor
from newsgraph.web.explore import SpeakerIndex, fill_months, fill_weeks, month_of, quote_speaker_id, week_of
from newsgraph.web.highlight import Mark, render_marked
from newsgraph.web.templating import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
router.include_router(pages_explore.router)

SPEAKER_COLOURS = 8
PAGE_SIZE = 20
_MARK_START, _MARK_END = "\x02", "\x03"


def snippet_html(snippet: str) -> Markup:
    """A search snippet escaped, with the matched terms (between control markers) in <mark>."""
    escaped = str(escape(snippet.replace("\x01", "")))
    opened = 0
    out = []
    for ch in escaped:
        if ch == _MARK_START and not opened:
            out.append('<mark class="match">')
            opened = 1
        elif ch == _MARK_END and opened:
            out.append("</mark>")
            opened = 0
        elif ch not in (_MARK_START, _MARK_END):
            out.append(ch)
    return Markup("".join(out) + ("</mark>" if opened else ""))


@router.get("/")
def home(request: Request):
    found = request.app.state.explorer
    with request.app.state.pool.borrow() as store:
        stats = store.stats()
        latest = store.quotes(QuoteFilter(limit=10))
    index = found.index()
    top, period = found.cached(("top speakers", stats.published_last), lambda: _top_speakers(request, stats, index))
    return render(request, "home.html", {
        "stats": stats, "month": period, "top_speakers": top,
        "latest": [(hit, quote_speaker_id(hit, index)) for hit in latest], "title": "newsgraph",
    })


@router.get("/search")
def search(request: Request, q: Annotated[str, Query(max_length=1000)] = "", since: Since = None, until: Until = None,
           source: Text = None, cursor: Cursor = None):
    hits, facets_month, facets_source, next_cursor = [], [], [], None
    if q.strip():
        with request.app.state.pool.borrow() as store:
            hits = store.search(SearchQuery(text=q, since=since, until=until, source=source, limit=PAGE_SIZE + 1,
                                            after=cursor or None, highlight=(_MARK_START, _MARK_END)))
            # Facets over the first 200 results: enough to narrow by month or source.
            wider = store.search(SearchQuery(text=q, since=since, until=until, source=source, limit=200))
        if len(hits) > PAGE_SIZE:
            hits, next_cursor = hits[:PAGE_SIZE], cursor_of(hits[PAGE_SIZE - 1])
        facets_month = sorted(Counter(m for h in wider if (m := month_of(h.published))).items(), reverse=True)[:12]
        facets_source = Counter(_site_of(h.source, h.url) for h in wider).most_common(10)
    return render(request, "search.html", {
        "q": q, "since": since, "until": until, "source": source,
        "hits": [(hit, snippet_html(hit.snippet)) for hit in hits], "next_cursor": next_cursor,
        "facets_month": facets_month, "facets_source": facets_source, "title": f"search: {q}" if q else "search",
    })


def _top_speakers(request: Request, stats, index: SpeakerIndex) -> tuple[list[tuple[Any, int]], str | None]:
    """The most quoted identities "this month": the corpus's latest month of publication (a
    quote's own date can be a bare year or a slip into the future); a quiet month widens to
    the three before it."""
    month = month_of(stats.published_last)
    top: list[tuple[Any, int]] = []
    period = month
    if month is not None:
        for since in (month, _months_before(month, 2)):
            with request.app.state.pool.borrow() as store:
                said = store.quotes(QuoteFilter(since=since, until=month, limit=5000))
            counts = Counter(sid for hit in said if (sid := quote_speaker_id(hit, index)) in index.by_id)
            top = [(index.by_id[sid], count) for sid, count in counts.most_common(8)]
            period = month if since == month else f"{since} – {month}"
            if len(top) >= 3:
                break
    return top, period


def _months_before(month: str, count: int) -> str:
    """The YYYY-MM `count` months before `month`."""
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 - count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _site_of(source: str, url: str | None) -> str:
    """The host of an article's URL, else the folder its source file is in."""
    if url and "://" in url:
        host = url.split("://", 1)[1].split("/", 1)[0].split("@")[-1]
        if host:
            return host
    folder, _, _ = source.rpartition("/")
    return folder.rsplit("/", 1)[-1] or source


# -- article

def _quote_info(number: int, quote: Quote, published: str | None) -> Markup:
    speaker = quote.speaker
    parts = [speaker.name or speaker.text if speaker else "unknown speaker"]
    if speaker and speaker.role:
        parts.append(speaker.role)
    if speaker and speaker.affiliation:
        parts.append(speaker.affiliation)
    line = ", ".join(parts)
    details = []
    if quote.cue:
        details.append(f"cue: {quote.cue.text}")
    details.append(f"when: {quote.date or published or 'date not stated'}" + ("" if quote.date else " (published)"))
    details.append(quote.kind)
    return Markup('<span class="quote-info" id="qi-{n}" role="tooltip"><strong>{who}</strong> · {rest}</span>').format(
        n=number, who=line, rest=" · ".join(details))


def article_marks(article: Article, index: SpeakerIndex, field: str, colours: dict[str, int]) -> list[Mark]:
    """Every annotation of one field of the article as a Mark (the headline has quotations only)."""
    marks: list[Mark] = []
    for number, quote in enumerate(article.quotes):
        if quote.field != field:
            continue
        speaker_id = quote_speaker_id(quote, index) or ""
        key = speaker_id or (quote.speaker.name if quote.speaker and quote.speaker.name else "?")
        colour = colours.setdefault(key, len(colours) % SPEAKER_COLOURS)
        marks.append(Mark(
            quote.start, quote.end, "mark", rank=0, continued=f"quote-cont sp-{colour}",
            attributes={"class": f"quote sp-{colour}", "data-speaker-id": speaker_id, "tabindex": "0",
                        "aria-describedby": f"qi-{number}", "id": f"q-{number}"},
            after=_quote_info(number, quote, article.published),
        ))
    if field != "text":
        return marks
    for number, event in enumerate(article.events):
        marks.append(Mark(event.start, event.end, "span", rank=1, continued="event",
                          attributes={"class": "event", "data-event-type": event.type, "id": f"ev-{number}",
                                      "title": f"event {event.type}"}))
    for entity in article.entities:
        title = f"{entity.label}: {entity.name}" + (f" ({entity.country})" if entity.country else "")
        marks.append(Mark(entity.start, entity.end, "a", rank=2, continued=f"entity ent-{entity.label}",
                          attributes={"class": f"entity ent-{entity.label}", "title": title,
                                      "href": f"/entities/{_path_part(entity.name)}"}))
    for timex in article.dates:
        marks.append(Mark(timex.start, timex.end, "span", rank=2, continued="timex",
                          attributes={"class": "timex", "title": f"{timex.type} {timex.value}"},
                          after=Markup('<small class="resolved">{}</small>').format(timex.value)))
    for amount in article.amounts:
        value = f"{amount.value:g}" + (f"–{amount.value_max:g}" if amount.value_max is not None else "")
        shown = f"{'~' if amount.approximate else ''}{value} {amount.unit}"
        marks.append(Mark(amount.start, amount.end, "span", rank=2, continued="amount",
                          attributes={"class": "amount", "title": f"{amount.kind}: {shown}"},
                          after=Markup('<small class="resolved">{}</small>').format(shown)))
    return marks


def _path_part(name: str) -> str:
    from urllib.parse import quote
    return quote(name, safe="")


@router.get("/articles/{article_id:path}")
def article_page(request: Request, article_id: ArticleId):
    stored, cluster = load_article(request, article_id)
    article = stored.article
    index = request.app.state.explorer.index()
    colours: dict[str, int] = {}
    headline = render_marked(article.headline or "", article_marks(article, index, "headline", colours))
    body = render_marked(article.text, article_marks(article, index, "text", colours))
    others = []
    with request.app.state.pool.borrow() as store:
        for other_id in [i for i in cluster if i != article.id][:20]:
            other = store.get_article(other_id)
            if other is not None:
                others.append(other)
    statements = [(number, quote, quote_speaker_id(quote, index), colours.get(quote_speaker_id(quote, index) or
                   (quote.speaker.name if quote.speaker and quote.speaker.name else "?"), 0))
                  for number, quote in enumerate(article.quotes)]
    return render(request, "article.html", {
        "stored": stored, "article": article, "headline_html": headline, "body_html": body,
        "statements": statements, "near_duplicates": others,
        "duplicates": [s for s in stored.sources if s.kind != "original"],
        "title": article.headline or article.id,
    })


# -- speakers

@router.get("/speakers")
def speakers_page(request: Request, name: Text = None, cursor: Cursor = None):
    index = request.app.state.explorer.index()
    offset = decode_cursor("speakers-page", cursor)
    wanted = (name or "").casefold()
    rows = [row for row in index.speakers
            if not wanted or any(wanted in form.casefold() for form in (row.name, *getattr(row, "aliases", ())))]
    page = rows[offset: offset + 50]
    next_cursor = encode_cursor("speakers-page", offset + 50) if len(rows) > offset + 50 else None
    return render(request, "speakers.html", {"rows": page, "name": name, "next_cursor": next_cursor,
                                             "total": len(rows), "title": "speakers"})


@router.get("/speakers/{speaker_id}")
def speaker_page(request: Request, speaker_id: Annotated[str, Path(max_length=100)], q: Text = None,
                 since: Since = None, until: Until = None, cursor: Cursor = None):
    found = request.app.state.explorer
    detail = speaker_detail(found, speaker_id)
    row = found.index().by_id[speaker_id]
    months = fill_months(sorted(detail["quotes_by_month"]))
    dates = found.speaker_dates(speaker_id)
    per_week: Counter[str] = Counter()
    for when, count in dates.items():
        if (week := week_of(when)) is not None:
            per_week[week] += count
    weeks = fill_weeks(sorted(per_week))
    if len(months) <= 3 and 1 < len(weeks) <= 16:  # a few months: weeks show more
        series, period = [(w, per_week.get(w, 0)) for w in weeks], "week"
    else:
        series, period = [(m, detail["quotes_by_month"].get(m, 0)) for m in months], "month"
    chart = bar_chart(series, css_class="timeline", label=f"statements by {row.name} per {period}",
                      y_title="statements", x_title=f"{period} said")
    words = (q or "").casefold().split()
    offset = decode_cursor("speaker-page", cursor)
    total = sum(dates.values())
    if words or since or until:
        # Filtered among the newest statements the explorer keeps (the quotes page filters them all).
        low, high = since or "", (until or "") + "\uffff"
        kept = [hit for hit in found.speaker_quotes(speaker_id)
                if all(word in hit.text.casefold() for word in words)
                and (not since or (hit.when or "") >= low) and (not until or (hit.when or "") <= high)]
        matching, page = len(kept), kept[offset: offset + PAGE_SIZE + 1]
    else:
        # A page of them in the store's order, read off the identity's index.
        with request.app.state.pool.borrow() as store:
            page = store.speaker_quotes(speaker_id, limit=PAGE_SIZE + 1, offset=offset)
        matching = total
    next_cursor = encode_cursor("speaker-page", offset + PAGE_SIZE) if len(page) > PAGE_SIZE else None
    page = page[:PAGE_SIZE]
    return render(request, "speaker.html", {
        "row": row, "chart": chart, "quotes": page, "total": total, "matching": matching,
        "talks_about": detail["talks_about"], "q": q, "since": since, "until": until, "next_cursor": next_cursor,
        "title": row.name,
    })

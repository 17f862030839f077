"""The web app through its real ASGI interface, on a real SQLite database ingested from short
fictional articles (and a few checks on the throwaway PostgreSQL server): every endpoint and page
answers with the right content, pagination walks every item once, bad parameters are one-line
4xx, reads leave the file alone, uploads need the token, payloads render as text."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import newsgraph
from newsgraph.records import Article, Quote, Speaker
from newsgraph.store import ArticleEntry, QueryTimeout, WriteBatch, open_store
from newsgraph.web import create_app
from newsgraph.web.highlight import Mark, render_marked

TOKEN = "test-token-Lk93"
SCRIPT_HEADLINE = "<script>alert('pwned')</script> Council budget vote"

ARTICLES = [
    {"id": "alda-ferry-pact", "url": "https://tidewater.example/2024/01/ferry-pact", "published": "2024-01-10T08:00:00Z",
     "headline": "Port Alda and Brightwater sign ferry pact",
     "text": "Port Alda and Brightwater signed a ferry agreement on Tuesday after two years of talks.\n\n"
             "\"This crossing will bring Brightwater closer to Port Alda,\" transport minister Lena Vogt said.\n\n"
             "The ferries will cost 12 million euros, officials said."},
    {"id": "alda-dock-strike", "url": "https://tidewater.example/2024/02/dock-strike", "published": "2024-02-14T09:30:00Z",
     "headline": "Dock workers strike in Port Alda",
     "text": "Dock workers in Port Alda stopped work on Monday over pay.\n\n"
             "\"We will not unload a single ship until Port Alda pays us,\" union leader Omar Haddad said.\n\n"
             "\"The talks with Brightwater go on,\" Lena Vogt told reporters on Tuesday."},
    {"id": "alda-fees-row", "url": "https://coastpost.example/news/fees-row", "published": "2024-03-05T07:15:00Z",
     "headline": "Brightwater accuses Port Alda of raising harbour fees",
     "text": "Brightwater accused Port Alda on Monday of doubling harbour fees for its fishing fleet.\n\n"
             "\"Port Alda broke its word,\" Brightwater mayor Ines Carvalho said.\n\n"
             "\"The fees pay for the new quay,\" Lena Vogt replied on Tuesday."},
    {"id": "budget-vote", "url": "javascript:alert('url')", "published": "2024-03-20",
     "headline": SCRIPT_HEADLINE,
     "text": "The council of Port Alda voted on the budget on Wednesday. <b>bold</b> claims were made.\n\n"
             "\"The budget is balanced,\" treasurer Piet Mulder<script>alert('name')</script> said."},
    # The first article again, from another outlet: an exact duplicate.
    {"id": "alda-ferry-pact-copy", "url": "https://harbourdaily.example/ferry-pact", "published": "2024-01-10T08:00:00Z",
     "headline": "Port Alda and Brightwater sign ferry pact",
     "text": "Port Alda and Brightwater signed a ferry agreement on Tuesday after two years of talks.\n\n"
             "\"This crossing will bring Brightwater closer to Port Alda,\" transport minister Lena Vogt said.\n\n"
             "The ferries will cost 12 million euros, officials said."},
]
UPLOAD = {"id": "alda-museum", "published": "2024-04-02", "headline": "Port Alda opens a harbour museum",
          "text": "Port Alda opened a harbour museum on the old quay on Monday.\n\n"
                  "\"Every crane here has a story,\" Lena Vogt said."}


def _write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "feed.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return folder


def _checksum(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def web_db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("web-api")
    db = root / "web.db"
    summary = newsgraph.ingest_files([_write_corpus(root / "corpus")], db=db)
    assert (summary.new, summary.duplicates, summary.failed) == (4, 1, 0), summary.as_dict()
    return db


@pytest.fixture(scope="module")
def client(web_db):
    app = create_app(str(web_db))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _speaker_id(client: TestClient, name: str) -> str:
    items = client.get("/api/speakers", params={"name": name}).json()["items"]
    assert items, f"no speaker {name}"
    return items[0]["id"]


# --- the API ---------------------------------------------------------------------------------

def test_api_endpoints_answer_with_their_content(client):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 4 and stats["duplicates_seen"] == 1

    hits = client.get("/api/search", params={"q": "ferry agreement"}).json()
    assert [hit["id"] for hit in hits["items"]] == ["alda-ferry-pact"] and hits["next"] is None
    assert "[" in hits["items"][0]["snippet"]

    record = client.get("/api/articles/alda-ferry-pact").json()
    assert record["headline"] == "Port Alda and Brightwater sign ferry pact"
    assert {place["kind"] for place in record["sources"]} == {"original", "duplicate"}
    assert record["cluster"] == ["alda-ferry-pact"]
    assert any(q["speaker"]["name"] == "Lena Vogt" for q in record["quotes"])

    vogt = client.get("/api/quotes", params={"speaker": "Vogt"}).json()["items"]
    assert len(vogt) == 3 and all(q["speaker"]["name"] == "Lena Vogt" for q in vogt)
    assert [q["when"][:7] for q in vogt] == sorted((q["when"][:7] for q in vogt), reverse=True)
    about = client.get("/api/quotes", params={"about": "unload"}).json()["items"]
    assert [q["speaker"]["name"] for q in about] == ["Omar Haddad"]

    detail = client.get(f"/api/speakers/{_speaker_id(client, 'Vogt')}").json()
    assert detail["speaker"]["name"] == "Lena Vogt"
    assert detail["quotes_by_month"] == {"2024-01": 1, "2024-02": 1, "2024-03": 1}
    assert "Port Alda" in dict(detail["talks_about"]) or "Brightwater" in dict(detail["talks_about"])

    entities = client.get("/api/entities", params={"name": "Brightwater"}).json()["items"]
    assert entities and entities[0]["name"] == "Brightwater" and entities[0]["mentions"] >= 2

    events = client.get("/api/events").json()
    assert isinstance(events["items"], list) and "next" in events
    for event in events["items"]:
        assert event["article_id"] in {a["id"] for a in ARTICLES}


@pytest.mark.parametrize("path, key", [
    ("/api/quotes", lambda q: (q["article_id"], q["position"])),
    ("/api/speakers", lambda s: s["id"]),
    ("/api/entities", lambda e: (e["name"], e["label"])),
    ("/api/events", lambda e: (e["article_id"], e["position"])),
    ("/api/search", lambda h: h["id"]),
])
def test_pagination_walks_every_item_exactly_once(client, path, key):
    query = {"q": "Alda"} if path == "/api/search" else {}
    whole = client.get(path, params={**query, "limit": 500}).json()
    assert whole["next"] is None
    walked, cursor, pages = [], None, 0
    while True:
        params = {**query, "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get(path, params=params).json()
        walked += page["items"]
        pages += 1
        cursor = page["next"]
        if cursor is None:
            break
        assert pages < 100
    assert [key(item) for item in walked] == [key(item) for item in whole["items"]]
    assert len(set(map(key, walked))) == len(walked)
    if path != "/api/events":  # the event extractor may find few in these texts
        assert len(walked) >= 3


@pytest.mark.parametrize("path", [
    "/api/quotes?limit=0", "/api/quotes?limit=501", "/api/quotes?limit=abc", "/api/quotes?kind=shouted",
    "/api/quotes?since=March", "/api/quotes?cursor=not-a-cursor", "/api/events?type=DANCE",
    "/api/search?q=NEAR(ferry", "/api/search", "/api/speakers?cursor=" + "A" * 150,
    "/api/quotes?about=%00", "/api/entities?country=ABCD", "/api/search?q=" + "x" * 5000,
])
def test_bad_parameters_give_a_one_line_4xx(client, path):
    response = client.get(path)
    assert response.status_code in (400, 422), (path, response.status_code, response.text)
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail and "\n" not in detail


def test_missing_things_are_404_and_security_headers_are_on_every_answer(client):
    for path in ("/api/articles/no-such-article", "/api/speakers/0000000000000000", "/articles/nothing-here",
                 "/speakers/nobody", "/entities/Nowhere%20Land"):
        response = client.get(path)
        assert response.status_code == 404, path
    for path in ("/", "/api/stats", "/api/quotes?limit=0", "/static/style.css", "/no/such/page"):
        response = client.get(path)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
        assert response.headers["x-content-type-options"] == "nosniff", path


def test_openapi_and_docs_list_every_endpoint_offline(client):
    document = client.get("/openapi.json").json()
    wanted = ["/api/search", "/api/articles/{article_id}", "/api/quotes", "/api/speakers", "/api/speakers/{speaker_id}",
              "/api/events", "/api/entities", "/api/stats", "/api/ingest"]
    assert set(wanted) <= set(document["paths"])
    quote_schema = document["components"]["schemas"]["QuoteHit"]["properties"]
    assert {"article_id", "speaker", "when", "kind"} <= set(quote_schema)
    docs = client.get("/docs").text
    for path in wanted:
        assert path in docs, path
    assert "cdn" not in docs.lower() and "swagger" not in docs.lower()


# --- the pages -------------------------------------------------------------------------------

def test_article_page_highlights_every_quotation_with_its_speaker(client):
    page = client.get("/articles/alda-fees-row").text
    marks = re.findall(r'<mark class="quote sp-(\d)" data-speaker-id="([^"]*)" tabindex="0" aria-describedby="(qi-\d+)"', page)
    assert len(marks) >= 3  # the headline's, Ines Carvalho's and Lena Vogt's at least
    named = {speaker_id: colour for colour, speaker_id, _ in marks if speaker_id}
    assert len(named) >= 2 and len(set(named.values())) == len(named), "one colour per speaker"
    for _, speaker_id, tooltip in marks:
        assert f'id="{tooltip}" role="tooltip"' in page
    for speaker_id in named:
        assert f'<a class="speaker-link" href="/speakers/{speaker_id}">' in page
    assert "Ines Carvalho" in page and "cue: said" in page
    assert 'class="entity ent-' in page and 'class="timex"' in page
    duplicate = client.get("/articles/alda-ferry-pact").text
    assert "Appeared also in" in duplicate and "harbourdaily.example" in duplicate
    assert 'class="amount"' in duplicate and "EUR" in duplicate


def test_pages_answer_with_their_content(client):
    vogt = _speaker_id(client, "Vogt")
    home = client.get("/").text
    assert "Most quoted" in home and "Lena Vogt" in home and 'class="quote-row"' in home
    search = client.get("/search", params={"q": "harbour fees"}).text
    assert '<a class="result-link" href="/articles/alda-fees-row">' in search and '<mark class="match">' in search
    speaker = client.get(f"/speakers/{vogt}").text
    assert '<svg class="chart timeline" role="img" aria-label="' in speaker
    # Three months of statements: drawn per week, the weeks between included.
    assert 'aria-label="statements by Lena Vogt per week"' in speaker
    weeks = re.findall(r"<text[^>]*>(2024-W\d\d)</text>", speaker)
    assert weeks[0] == "2024-W02" and weeks[-1] == "2024-W10"
    assert '<a class="speaker-quotes" href="/quotes?speaker=Lena+Vogt">' in speaker
    filtered = client.get(f"/speakers/{vogt}", params={"q": "quay"}).text
    assert "new quay" in filtered and "Brightwater closer" not in filtered
    quotes = client.get("/quotes", params={"speaker": "Vogt"}).text
    assert quotes.count('<tr class="quote-row">') == 3
    assert 'class="download-csv" href="/quotes.csv?speaker=Vogt"' in quotes and 'class="download-json"' in quotes
    events = client.get("/events").text
    assert '<svg class="chart events"' in events
    network = client.get("/network").text
    assert '<svg class="chart network"' in network and "Lena Vogt" in network
    assert '<svg class="chart network"' in client.get("/network", params={"since": "2024-03", "until": "2024-03"}).text
    assert client.get("/network", params={"since": "March"}).status_code == 400
    for path in ("/speakers", "/entities", "/entities/Brightwater", "/static/app.js"):
        assert client.get(path).status_code == 200, path


def test_the_speaker_index_reads_every_identity_page_by_page(web_db, monkeypatch):
    from newsgraph.web import explore

    monkeypatch.setattr(explore, "INDEX_PAGE", 2)
    with TestClient(create_app(str(web_db))) as small_pages:
        listed = small_pages.get("/api/speakers", params={"limit": 500}).json()["items"]
        index = small_pages.app.state.explorer.index()
        assert [row.id for row in index.speakers] == [row["id"] for row in listed] and len(listed) >= 3
        page = small_pages.get("/speakers").text
        assert page.count('<tr class="speaker-row">') == len(listed)


def test_downloads_hold_the_current_filter(client):
    csv_text = client.get("/quotes.csv", params={"speaker": "Vogt"}).text
    rows = csv_text.strip().splitlines()
    assert rows[0].startswith("article_id,position,when") and len(rows) == 4
    assert "Omar Haddad" not in csv_text and "new quay" in csv_text
    data = client.get("/quotes.json", params={"speaker": "Haddad"}).json()
    assert [row["speaker"]["name"] for row in data] == ["Omar Haddad"]
    assert client.get("/quotes.csv", params={"kind": "shouted"}).status_code == 400


def test_script_payloads_render_as_text(client):
    article = client.get("/articles/budget-vote").text
    assert "<script>alert" not in article
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in article
    assert "&lt;b&gt;bold&lt;/b&gt;" in article
    assert 'href="javascript:' not in article.lower()
    search = client.get("/search", params={"q": "budget"}).text
    assert "<script>alert" not in search and "&lt;script&gt;" in search
    reflected = client.get("/search", params={"q": "\"><script>alert(1)</script>"}).text
    assert "<script>alert(1)" not in reflected


def test_highlighting_nests_overlapping_spans_and_escapes_each_piece():
    text = "Ann said <b>Rome & Oslo</b> agree. Then more."
    marks = [Mark(0, 34, "span", {"class": "event"}, rank=1, continued="event"),
             Mark(9, 40, "mark", {"class": "quote", "id": "q"}, rank=0, continued="quote-cont"),
             Mark(12, 16, "a", {"href": "/e?x=1&y=\""}, rank=2)]
    html = str(render_marked(text, marks))
    assert html == ('<span class="event">Ann said </span><mark class="quote" id="q"><span class="event">&lt;b&gt;'
                    '<a href="/e?x=1&amp;y=&#34;">Rome</a> &amp; Oslo&lt;/b&gt; agree.</span> Then </mark>more.')
    opened = re.findall(r"<(/?)(span|mark|a)\b", html)
    stack = []
    for closing, tag in opened:
        if closing:
            assert stack.pop() == tag
        else:
            stack.append(tag)
    assert stack == []


# --- read-only, time limits, uploads --------------------------------------------------------

def test_reads_leave_the_database_file_unchanged(web_db, client):
    before = _checksum(web_db)
    for path in ("/", "/api/stats", "/api/search?q=Alda", "/articles/alda-ferry-pact", "/quotes", "/events",
                 "/network", "/api/speakers", "/quotes.csv"):
        assert client.get(path).status_code == 200
    assert _checksum(web_db) == before
    assert client.post("/api/ingest", files={"files": ("a.jsonl", b"{}\n")}).status_code == 403
    assert _checksum(web_db) == before


def test_a_query_past_the_time_limit_is_cut_off(web_db):
    with open_store(web_db, readonly=True, query_timeout_s=1.0) as store:
        with pytest.raises(QueryTimeout):
            with store._db.transaction(write=False) as conn:  # a query that would never end
                conn.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n").fetchone()
        assert store.stats().articles == 4  # the store goes on answering



def test_the_app_answers_503_when_a_query_is_cut_off(tmp_path):
    """600 stored quotations: sorting them takes SQLite more steps than a zero time limit allows."""
    db = tmp_path / "many.db"
    with open_store(db) as store:
        store.write_batch(WriteBatch(articles=[ArticleEntry(article=_many_quotes(n)) for n in range(60)]))
    app = create_app(str(db), query_timeout_s=0.0)
    with TestClient(app, raise_server_exceptions=False) as impatient:
        for path in ("/api/quotes", "/quotes"):
            response = impatient.get(path)
            assert response.status_code == 503, response.text
            assert "ran longer than" in (response.json()["detail"] if path.startswith("/api") else response.text)
    with TestClient(create_app(str(db)), raise_server_exceptions=False) as patient:
        assert len(patient.get("/api/quotes", params={"limit": 500}).json()["items"]) == 500


def _many_quotes(number: int) -> Article:
    paragraphs, quotes = [], []
    for k in range(10):
        said = f"Pier {number * 10 + k} needs repairs"
        start = sum(len(p) + 2 for p in paragraphs) + 1
        paragraphs.append(f'"{said}," said Inspector{k}.')
        quotes.append(Quote(start=start, end=start + len(said), text=said,
                            speaker=Speaker(start=0, end=1, text="x", name=f"Inspector{k}")))
    return Article(id=f"pier-{number}", source=f"piers/{number}.txt", text="\n\n".join(paragraphs),
                   published=f"2023-{1 + number % 12:02d}-01", quotes=tuple(quotes))


def test_upload_needs_the_token_and_adds_nothing_twice(tmp_path, web_db):
    db = tmp_path / "upload.db"
    db.write_bytes(web_db.read_bytes())
    app = create_app(str(db), token=TOKEN)
    files = {"files": ("museum.jsonl", json.dumps(UPLOAD) + "\n", "application/x-ndjson")}
    with TestClient(app, raise_server_exceptions=False) as uploader:
        before = _checksum(db)
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"}):
            refused = uploader.post("/api/ingest", files=files, headers=headers)
            assert refused.status_code == 401, (headers, refused.text)
        assert _checksum(db) == before
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        accepted = uploader.post("/api/ingest", files=files, headers=bearer)
        assert accepted.status_code == 200, accepted.text
        assert (accepted.json()["new"], accepted.json()["failed"]) == (1, 0)
        assert uploader.get("/api/articles/alda-museum").json()["headline"] == UPLOAD["headline"]
        again = uploader.post("/api/ingest", files=files, headers=bearer).json()
        assert again["new"] == 0 and again["skipped"] + again["duplicates"] == 1
        bad = uploader.post("/api/ingest", headers=bearer,
                            files=[("files", ("empty.txt", b"", "text/plain")), ("files", ("broken.jsonl", b"{not json\n", "text/plain"))])
        assert bad.status_code == 200
        assert {failure["source"].split("#")[0] for failure in bad.json()["failures"]} == {"empty.txt", "broken.jsonl"}
        assert uploader.get("/api/stats").json()["articles"] == 5
        assert uploader.post("/api/ingest", headers=bearer, content=b"x").status_code == 400


# --- PostgreSQL ------------------------------------------------------------------------------

def test_the_app_answers_the_same_on_postgresql(postgres_url, web_db):
    # The same input files as the SQLite database's, so that sources are the same too.
    summary = newsgraph.ingest_files([web_db.parent / "corpus"], db=postgres_url)
    assert summary.new == 4
    app = create_app(postgres_url)
    with TestClient(app, raise_server_exceptions=False) as pg, TestClient(create_app(str(web_db))) as lite:
        for path in ("/api/quotes?speaker=Vogt", "/api/speakers?name=Vogt", "/api/entities?name=Brightwater"):
            assert pg.get(path).json()["items"] == lite.get(path).json()["items"], path
        assert [h["id"] for h in pg.get("/api/search?q=ferry+agreement").json()["items"]] == ["alda-ferry-pact"]
        page = pg.get("/articles/alda-fees-row").text
        assert page.count('<mark class="quote sp-') == lite.get("/articles/alda-fees-row").text.count('<mark class="quote sp-') >= 3
        assert pg.get("/api/quotes?since=March").status_code == 400
    # A limit well above what stats() takes on a loaded 2-core machine, well below the sleep.
    with open_store(postgres_url, readonly=True, query_timeout_s=1.0) as store:
        with pytest.raises(QueryTimeout):
            with store._db.transaction(write=False) as conn:
                conn.execute("SELECT pg_sleep(5)")
        assert store.stats().articles == 4

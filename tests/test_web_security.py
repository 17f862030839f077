"""The web server's defences, tested over HTTP against `newsgraph serve` started for real:
SQL and full-text metacharacters in every parameter of every endpoint and page give results or
a 400/422, never a 500 and never a changed database; the database is opened read-only; uploads
need the token; security headers on every response; the server binds 127.0.0.1 and leaves no
process behind."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from web_fixtures import (  # noqa: F401 - fixtures
    WEB_TOKEN,
    LiveServer,
    copy_database,
    database_fingerprint,
    live_server,
    template_database,
    web_db,
)

# Each endpoint's query parameters (the list; test_every_api_parameter_is_covered keeps it
# in step with /openapi.json). Pages take the same filters as their API endpoint.
API = {
    "/api/search": ["q", "since", "until", "source", "limit", "cursor"],
    "/api/articles/{article_id}": [],
    "/api/quotes": ["speaker", "about", "about_entity", "kind", "since", "until", "limit", "cursor"],
    "/api/speakers": ["name", "limit", "cursor"],
    "/api/speakers/{speaker_id}": [],
    "/api/events": ["type", "actor", "recipient", "since", "until", "limit", "cursor"],
    "/api/entities": ["name", "label", "country", "limit", "cursor"],
    "/api/stats": [],
}
PAGES = {
    "/": ["q"],
    "/search": ["q", "since", "until", "source", "cursor", "page"],
    "/articles/{article_id}": [],
    "/speakers/{speaker_id}": ["q", "about", "since", "until", "cursor"],
    "/quotes": ["speaker", "about", "about_entity", "kind", "since", "until", "cursor", "format"],
    "/events": ["type", "actor", "recipient", "since", "until", "cursor"],
    "/network": ["since", "until"],
    "/docs": [],
}
REQUIRED = {"/api/search": {"q": "ferry"}, "/search": {"q": "ferry"}}
PAYLOADS = [
    "'", '"', "''", "NEAR(", "NEAR(ferry harbour", "NEAR(ferry, 2)", "*", "ferry*", "*ferry", "--", "-ferry",
    "; DROP TABLE articles; --", "' OR 1=1 --", "\" OR \"\"=\"", "ferry) OR (1", "((ferry", "ferry))", ")",
    "headline:ferry", "{headline text}:ferry", "^ferry", "ferry AND", "OR", "NOT NOT", "%", "_", "\\",
    "\x00", "ferry\x00; DROP TABLE articles", "x" * 10_240, "ferry " * 1_700, "2024-13-45", "-1", "99999999999999999999",
    "＜script＞", "\u202eferry", "ferry\u200b", "🚢",
]
ALLOWED = {200, 400, 404, 422}


def substituted(path: str, ids: dict[str, str], payload: str | None = None) -> str:
    for name, value in ids.items():
        path = path.replace("{" + name + "}", quote(payload if payload is not None else value, safe=""))
    return path


@pytest.fixture(scope="module")
def ids(live_server) -> dict[str, str]:
    """Real ids to put in the paths while the query parameters carry the payloads."""
    speakers = httpx.get(live_server.url + "/api/speakers", params={"name": "Brandt"}).json()["items"]
    return {"article_id": "seaville-ferry-deal", "speaker_id": speakers[0]["id"]}


def file_state(db: Path) -> tuple[int, int]:
    stat = db.stat()
    return stat.st_size, stat.st_mtime_ns


def check_answer(response: httpx.Response, what: str) -> None:
    assert response.status_code in ALLOWED, f"{what}: HTTP {response.status_code} {response.text[:300]}"
    if response.url.path.startswith("/api/"):
        body = response.json()
        if response.status_code >= 400:
            detail = body.get("detail")
            assert isinstance(detail, str) and detail and "\n" not in detail, f"{what}: detail {detail!r}"
        elif "items" in body:
            assert isinstance(body["items"], list) and "next" in body, what


@pytest.mark.parametrize("endpoint", sorted({**API, **PAGES}.items()), ids=lambda item: item[0])
def test_metacharacters_in_every_parameter(live_server, web_db, ids, endpoint):
    path, parameters = endpoint
    before = database_fingerprint(web_db)
    state = file_state(web_db)
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        for payload in PAYLOADS:
            if "{" in path:  # the payload in the path itself
                response = client.get(substituted(path, ids, payload))
                check_answer(response, f"{path} <- {payload[:40]!r}")
            for name in parameters:
                params = {**REQUIRED.get(path, {}), name: payload}
                response = client.get(substituted(path, ids), params=params)
                check_answer(response, f"{path}?{name}={payload[:40]!r}")
                assert file_state(web_db) == state, f"{path}?{name}={payload[:40]!r} changed the database file"
    assert database_fingerprint(web_db) == before


def test_every_api_parameter_is_covered(live_server):
    """Every GET operation of the OpenAPI document and each of its query parameters is in API."""
    document = httpx.get(live_server.url + "/openapi.json").json()
    covered = {re.sub(r"\{[^}]*\}", "{}", path): names for path, names in API.items()}
    for path, operations in document["paths"].items():
        if "get" not in operations:
            continue
        route = re.sub(r"\{[^}]*\}", "{}", path)
        assert route in covered, f"{path} is not in the injection test"
        query = {p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"}
        assert query <= set(covered[route]), f"{path}: {sorted(query - set(covered[route]))} not in the injection test"


def test_search_with_metacharacters_still_finds(live_server):
    """Quotes and operators are read as the search syntax or as words, not refused wholesale."""
    for query in ('"ferry line"', "ferr*", "ferry OR lighthouse", "ferry NOT tickets", "Northport's council"):
        response = httpx.get(live_server.url + "/api/search", params={"q": query})
        assert response.status_code == 200, (query, response.text)
        assert response.json()["items"], f"{query!r} found nothing"


def test_security_headers_on_every_response(live_server, ids):
    paths = ["/", "/search?q=ferry", "/articles/seaville-ferry-deal", substituted("/speakers/{speaker_id}", ids),
             "/quotes", "/events", "/network", "/docs", "/openapi.json", "/api/stats", "/api/search?q=ferry",
             "/api/search", "/api/quotes?limit=0", "/articles/no-such-article", "/api/articles/no-such-article",
             "/no/such/page"]
    paths += sorted(set(re.findall(r'(?:src|href)="(/static/[^"]+)"', httpx.get(live_server.url + "/").text)))
    for path in paths:
        response = httpx.get(live_server.url + path)
        assert response.status_code < 500, path
        policy = response.headers.get("content-security-policy", "")
        directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.split()}
        script = directives.get("script-src", directives.get("default-src"))
        assert script and "'unsafe-inline'" not in script and "*" not in script, f"{path}: CSP {policy!r}"
        assert directives.get("object-src") == ["'none'"] and directives.get("frame-ancestors") == ["'none'"], path
        assert response.headers.get("x-content-type-options") == "nosniff", path


def test_web_process_opens_the_database_read_only(live_server, web_db):
    """The server's open file descriptors on the database file are read-only ones."""
    for path in ("/api/stats", "/api/search?q=ferry", "/quotes", "/articles/seaville-ferry-deal"):
        assert httpx.get(live_server.url + path).status_code == 200
    target = web_db.resolve()
    modes = []
    for pid in group_pids(live_server.process.pid):
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if Path(os.readlink(fd)) == target:
                    flags = int(Path(f"/proc/{pid}/fdinfo/{fd.name}").read_text().split("flags:")[1].split()[0], 8)
                    modes.append(flags & os.O_ACCMODE)
            except (OSError, IndexError):
                continue
    assert modes, "the server holds no open descriptor on the database"
    assert set(modes) == {os.O_RDONLY}, f"descriptor access modes {modes}"


def test_store_of_the_app_refuses_writes(web_db):
    """A write through the app's own store is refused, and the file is unchanged."""
    from newsgraph.records import Failure
    from newsgraph.store.base import WriteBatch
    from newsgraph.web import create_app

    before = database_fingerprint(web_db)
    app = create_app(str(web_db))
    with app.state.pool.borrow() as store:
        with pytest.raises(Exception) as refused:
            store.write_batch(WriteBatch(failures=[Failure(source="web-test", reason="must not be stored")]))
    app.state.pool.close()
    assert "read" in str(refused.value).lower(), refused.value
    assert database_fingerprint(web_db) == before


def test_server_binds_loopback_by_default(live_server):
    addresses = listening_addresses(live_server.process.pid)
    assert addresses, "no listening socket found for the server"
    assert all(address == "127.0.0.1" for address, _ in addresses), addresses
    assert {port for _, port in addresses} == {live_server.port}


UPLOAD = {"id": "web-upload-1", "url": "https://coastwire.example/2024/07/upload", "published": "2024-07-01",
          "headline": "Seaville opens a ferry museum",
          "text": "Seaville opened a small ferry museum on the quay on Monday.\n\n"
                  "\"Every boat has a story,\" harbour director Ilse Brandt said."}


def test_ingest_needs_the_token(tmp_path_factory):
    db = copy_database(template_database(tmp_path_factory), tmp_path_factory.mktemp("ingest-db"))
    server = LiveServer(db, tmp_path_factory.mktemp("ingest-log"), token=WEB_TOKEN).start()
    try:
        files = {"files": ("upload.jsonl", json.dumps(UPLOAD) + "\n", "application/x-ndjson")}
        before = database_fingerprint(db)
        refusals = [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": f"Basic {WEB_TOKEN}"},
                    {"Authorization": WEB_TOKEN}, {"Authorization": "Bearer"}, {"X-Token": WEB_TOKEN}]
        for headers in refusals:
            response = httpx.post(server.url + "/api/ingest", files=files, headers=headers, timeout=60)
            assert response.status_code == 401, (headers, response.status_code, response.text)
            assert isinstance(response.json()["detail"], str)
        refused = httpx.post(server.url + f"/api/ingest?token={WEB_TOKEN}", files=files, timeout=60)
        assert refused.status_code == 401
        assert database_fingerprint(db) == before

        accepted = httpx.post(server.url + "/api/ingest", files=files, timeout=120,
                              headers={"Authorization": f"Bearer {WEB_TOKEN}"})
        assert accepted.status_code == 200, accepted.text
        assert accepted.json()["new"] == 1, accepted.json()
        stored = httpx.get(server.url + "/api/articles/web-upload-1")
        assert stored.status_code == 200 and stored.json()["headline"] == UPLOAD["headline"]
        counts = database_fingerprint(db)[0]
        assert counts["articles"] == before[0]["articles"] + 1

        again = httpx.post(server.url + "/api/ingest", files=files, timeout=120,
                           headers={"Authorization": f"Bearer {WEB_TOKEN}"})
        assert again.status_code == 200 and again.json()["new"] == 0, again.text
        assert database_fingerprint(db)[0]["articles"] == counts["articles"]
    finally:
        server.stop()
    assert not server.group_alive(), "a process of the server is left"
    with pytest.raises(httpx.TransportError):
        httpx.get(server.url + "/api/stats", timeout=2)


def test_server_without_token_refuses_uploads(web_db):
    """Started without a token, the app is read-only: every upload is refused, whatever it carries."""
    import anyio

    from newsgraph.web import create_app

    before = database_fingerprint(web_db)
    files = {"files": ("upload.jsonl", json.dumps(UPLOAD) + "\n", "application/x-ndjson")}

    async def uploads() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=create_app(str(web_db)))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return [await client.post("/api/ingest", files=files, headers=headers)
                    for headers in ({}, {"Authorization": f"Bearer {WEB_TOKEN}"}, {"Authorization": "Bearer"})]

    for response in anyio.run(uploads):
        assert response.status_code in (401, 403, 405), (response.request.headers, response.status_code)
        assert isinstance(response.json()["detail"], str)
    assert database_fingerprint(web_db) == before


def test_a_query_past_the_time_limit_is_cut_off(web_db):
    """With a limit no query can meet, the answers are 503 with a one-line reason, never a 500."""
    import anyio

    from newsgraph.web import create_app

    paths = ["/api/quotes", "/api/events", "/api/entities", "/api/search?q=ferry", "/api/speakers", "/quotes", "/network"]

    async def answers(app) -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as client:
            return [await client.get(path) for path in paths]

    normal = anyio.run(answers, create_app(str(web_db)))
    assert [r.status_code for r in normal] == [200] * len(paths)
    hurried = anyio.run(answers, create_app(str(web_db), query_timeout_s=1e-6))
    assert {r.status_code for r in hurried} <= {200, 503}, [(r.url.path, r.status_code) for r in hurried]
    cut = [r for r in hurried if r.status_code == 503]
    assert len(cut) >= 3, [(r.url.path, r.status_code) for r in hurried]
    for response in cut:
        if response.url.path.startswith("/api/"):
            detail = response.json()["detail"]
            assert isinstance(detail, str) and "\n" not in detail and detail, detail


def test_load_benchmark_runs_without_errors(live_server):
    """benchmarks/web_load.py, briefly, against this module's server: every request answers 200."""
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "benchmarks" / "web_load.py"
    done = subprocess.run([sys.executable, str(script), "--url", live_server.url, "--requests", "75",
                           "--concurrency", "4", "--json"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (done.stdout + done.stderr)[-1500:]
    result = json.loads(done.stdout)
    assert result["requests"] == 75 and result["errors"] == 0 and len(result["by_kind"]) == 15, result
    refused = subprocess.run([sys.executable, str(script), "--url", "http://192.0.2.1:8080"], capture_output=True,
                             text=True, timeout=60)
    assert refused.returncode == 2 and "127.0.0.1" in refused.stderr


# --- /proc readers ---------------------------------------------------------------------------

def group_pids(leader: int) -> list[int]:
    """The server process and every process in its group."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == leader:
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def listening_addresses(leader: int) -> list[tuple[str, int]]:
    """(address, port) of every TCP socket the server's processes listen on."""
    inodes = set()
    for pid in group_pids(leader):
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                link = os.readlink(fd)
            except OSError:
                continue
            if link.startswith("socket:["):
                inodes.add(link[8:-1])
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                address, port = fields[1].split(":")
                found.append((decode_address(address, width), int(port, 16)))
    return found


def decode_address(hex_address: str, width: int) -> str:
    raw = bytes.fromhex(hex_address)
    if width == 8:
        return ".".join(str(b) for b in reversed(raw))
    words = [raw[i:i + 4][::-1] for i in range(0, 16, 4)]
    joined = b"".join(words)
    if joined[:12] == b"\x00" * 10 + b"\xff\xff":
        return ".".join(str(b) for b in joined[12:])
    return ":".join(joined[i:i + 2].hex() for i in range(0, 16, 2))

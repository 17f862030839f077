"""The application factory: `create_app(db, token=None, query_timeout_s=5.0)`.

It wires the read-only store pool, the JSON API (`api`), the upload endpoint
(`ingest_upload`), the pages (`pages`), static files, security headers on every
response and one-line errors: a caller's mistake is 400/422, a query cut off by
the time limit 503, a missing thing 404; never a traceback.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph import __version__
from newsgraph.messages import clip
from newsgraph.store import QueryError, QueryTimeout, StoreError
from newsgraph.web import api, docs_page, ingest_upload, pages
from newsgraph.web.explore import Explorer
from newsgraph.web.stores import StorePool
from newsgraph.web.templating import render

__all__ = ["CONTENT_SECURITY_POLICY", "create_app"]

HERE = Path(__file__).resolve().parent
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
# Any query parameter longer than this is refused before it reaches the store.
MAX_PARAMETER_CHARS = 2000


def create_app(db: str, token: str | None = None, query_timeout_s: float = 5.0) -> FastAPI:
    """A FastAPI app serving `db` read-only; `token` enables `POST /api/ingest` for Bearer holders."""
    pool = StorePool(db, query_timeout_s=query_timeout_s)
    pool.check()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        pool.close()

    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description="Who said what, about whom, when: articles, quotations, speakers, entities and "
        "political events from a newsgraph database (read-only; uploads need the server's token).",
        docs_url=None,  # /docs is our own page: Swagger UI would load from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.explorer = Explorer(pool)
    app.state.token = token or None
    app.state.db = db

    @app.middleware("http")
    async def guard(request: Request, call_next):
        problem = _parameter_problem(request)
        response = (_error(request, 400, problem) if problem else await call_next(request))
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        return _error(request, 422, _validation_line(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(QueryTimeout)
    async def timeout(request: Request, exc: QueryTimeout):
        return _error(request, 503, f"{exc}; narrow the filter or try again")

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError):
        return _error(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        return _error(request, 503, str(exc))

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError):
        return _error(request, 400, f"bad parameter: {exc}")

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(ingest_upload.router)
    app.include_router(docs_page.router)
    app.include_router(pages.router)
    return app


def _parameter_problem(request: Request) -> str | None:
    """Query parameters no filter can use: NUL characters, or longer than any filter needs."""
    if "\x00" in request.url.path or "%00" in request.url.path:
        return "the path contains a NUL character"
    for name, value in request.query_params.multi_items():
        if "\x00" in value or "\x00" in name:
            return f"parameter {clip(name)} contains a NUL character"
        if len(value) > MAX_PARAMETER_CHARS:
            return f"parameter {clip(name)} is {len(value)} characters long, at most {MAX_PARAMETER_CHARS} are accepted"
    return None


def _validation_line(exc: RequestValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "invalid request"
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body"))
    message = str(first.get("msg", "invalid"))
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return " ".join(f"{where}: {message}{more}".split())[:300]


def _error(request: Request, status: int, message: str, headers: dict | None = None) -> Response:
    """One line of JSON for the API, a small page for a browser."""
    line = " ".join(str(message).split())[:500] or "error"
    if _wants_json(request):
        return JSONResponse({"detail": line}, status_code=status, headers=headers)
    return render(request, "error.html", {"status": status, "message": line}, status_code=status, headers=headers)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path in ("/openapi.json",) or path.startswith("/static/")

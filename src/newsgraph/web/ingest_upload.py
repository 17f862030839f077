"""`POST /api/ingest`: upload files (or JSON Lines) to ingest, for holders of the server's token.

The web process reads through read-only stores; this endpoint alone writes,
through a writable store of its own opened for the upload and the same
`engine.run_ingest` path as `newsgraph ingest`. Without a token configured the
server is read-only and refuses (403); a missing or wrong token is 401, checked
before the body is read. Each upload is streamed to disk, under a folder named
by its content, so that sending the same file again is recognised as already
processed and adds nothing twice.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from newsgraph.store import open_store
from newsgraph.web import models

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["ingest"])

MAX_FILES = 200
CHUNK_BYTES = 1 << 20
UPLOAD_ROOT = Path(tempfile.gettempdir()) / "newsgraph-uploads"
_ONE_AT_A_TIME = threading.Lock()  # one writer per server; the store serialises writers anyway

_REQUEST_BODY = {
    "required": True,
    "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["files"],
        "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"},
                                 "description": ".txt, .html, .warc(.gz), .jsonl (JSON Lines records) or .gz of each"}},
    }}},
}


def _authorised(request: Request) -> None:
    expected = request.app.state.token
    if expected is None:
        raise HTTPException(403, "this server is read-only: start it with --token (or $NEWSGRAPH_TOKEN) to accept uploads")
    given = request.headers.get("authorization", "")
    scheme, _, credentials = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(credentials.strip().encode(), expected.encode()):
        raise HTTPException(401, "uploads need the header Authorization: Bearer TOKEN with the server's token",
                            headers={"WWW-Authenticate": "Bearer"})


def _safe_name(name: str | None, number: int) -> str:
    """The uploaded file's own name, reduced to characters safe in a path (its extension kept)."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._")[:120]
    return cleaned or f"upload-{number}"


@router.post("/ingest", response_model=models.IngestModel, summary="Upload files to ingest",
             openapi_extra={"requestBody": _REQUEST_BODY},
             responses={400: {"model": models.ErrorModel, "description": "not a multipart upload of files"},
                        401: {"model": models.ErrorModel, "description": "no or wrong Bearer token"},
                        403: {"model": models.ErrorModel, "description": "the server has no token: read-only"},
                        503: {"model": models.ErrorModel, "description": "the database is unavailable"}})
async def ingest(request: Request) -> dict[str, Any]:
    """Extract, analyse and store the uploaded files, as `newsgraph ingest` does; per-file failures in `failures`."""
    _authorised(request)
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        raise HTTPException(400, "send the files as multipart/form-data, in fields named files")
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=MAX_FILES)
    except HTTPException:
        raise
    except Exception as exc:  # starlette's multipart parser: a malformed body is the caller's mistake
        raise HTTPException(400, f"could not read the upload: {exc}"[:300]) from None
    uploads = [item for item in form.getlist("files") if isinstance(item, UploadFile)]
    if not uploads:
        await form.close()
        raise HTTPException(400, "no files in the upload: send them in fields named files")
    UPLOAD_ROOT.mkdir(parents=True, exist_ok=True)
    spool = Path(tempfile.mkdtemp(prefix="spool-", dir=UPLOAD_ROOT))
    try:
        placed: dict[str, str] = {}  # path ingested -> name as uploaded
        for number, upload in enumerate(uploads, 1):
            name = _safe_name(upload.filename, number)
            digest = hashlib.sha256()
            partial = spool / f"part-{number}"
            with partial.open("wb") as sink:
                while chunk := await upload.read(CHUNK_BYTES):
                    digest.update(chunk)
                    sink.write(chunk)
            # Named by content: the same file sent again is the same source with the same fingerprint.
            folder = UPLOAD_ROOT / digest.hexdigest()[:24]
            folder.mkdir(exist_ok=True)
            target = folder / name
            partial.replace(target)
            placed[str(target)] = upload.filename or name
        await form.close()
        summary = await run_in_threadpool(_ingest, request.app.state.db, sorted(placed))
    finally:
        shutil.rmtree(spool, ignore_errors=True)
        for path in locals().get("placed", {}):
            shutil.rmtree(Path(path).parent, ignore_errors=True)
    request.app.state.explorer.forget()
    result = summary.as_dict()
    for key in ("failures", "problems"):
        result[key] = [{"source": _shown(entry["source"], placed), "reason": entry["reason"]} for entry in result[key]]
    return result


def _shown(source: str, placed: dict[str, str]) -> str:
    """A failure's source as the client named the file (a record suffix '#N' kept)."""
    path, mark, record = source.partition("#")
    name = placed.get(path)
    return f"{name}{mark}{record}" if name is not None else Path(path).name + mark + record


def _ingest(db: str, paths: list[str]):
    # Imported here: the analysis stage loads spaCy, which a read-only server never needs.
    from newsgraph.engine import EngineOptions, run_ingest
    from newsgraph.nlp.analyze import Analyzer

    with _ONE_AT_A_TIME, open_store(db) as store:
        return run_ingest(paths, store, options=EngineOptions(engine="serial", workers=1), analyzer=Analyzer())

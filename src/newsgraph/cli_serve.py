"""`newsgraph serve`: the HTTP API and the web pages over a database, with uvicorn.

Registered on the `newsgraph` Typer app by cli.py (`register(app)`), which imports
this module, so cli.py's own names are imported from it only when the command
runs. The database is read through read-only stores; with a token (--token or
$NEWSGRAPH_TOKEN) `POST /api/ingest` accepts uploads from holders of it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from newsgraph.cli_output import err

__all__ = ["register", "serve_command"]

# As in cli.py (see the module docstring for why it is not imported from there).
DEFAULT_DB = os.environ.get("NEWSGRAPH_DB", "newsgraph.db")
DbOption = Annotated[str, typer.Option("--db", help="Database: a SQLite file path (default ./newsgraph.db, or "
                                       "$NEWSGRAPH_DB) or a postgresql:// URL.", show_default=False)]


def serve_command(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; other machines reach it only if you say so.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8080,
    token: Annotated[
        Optional[str],
        typer.Option("--token", envvar="NEWSGRAPH_TOKEN", show_envvar=True,
                     help="Accept uploads at POST /api/ingest from requests with 'Authorization: Bearer TOKEN'; "
                     "without one the server is read-only."),
    ] = None,
    query_timeout: Annotated[float, typer.Option("--query-timeout", min=0.05, help="Seconds any one database query may run.")] = 5.0,
) -> None:
    """Serve the web pages (search, articles with their quotations highlighted, speakers, statements,
    events, network) and the JSON API (/api/..., documented at /docs) over the database, read-only."""
    import uvicorn

    from newsgraph.cli import UserError, user_errors
    from newsgraph.web import create_app

    with user_errors():
        if "://" not in db and not Path(db).exists():
            raise UserError(f"no database at {db}; create one with: newsgraph ingest PATH... --db {db}")
        application = create_app(db, token=token or None, query_timeout_s=query_timeout)
    shown = f"[{host}]" if ":" in host else host
    err.print(f"newsgraph serving {db} at http://{shown}:{port}/ "
              f"({'uploads accepted with the token' if token else 'read-only'}); Ctrl-C stops it")
    uvicorn.run(application, host=host, port=port, log_level=os.environ.get("NEWSGRAPH_LOG_LEVEL", "warning"),
                proxy_headers=False, server_header=False)


def register(app: typer.Typer) -> None:
    """Add `serve` to the command line."""
    app.command("serve")(serve_command)

"""`newsgraph speakers`, `newsgraph statements` and `newsgraph speaker ID`: who said what across the corpus.

Thin commands over the store's stored identities and statements (`store.identity_listings`);
errors are one line and exit status 1.
"""

from __future__ import annotations

import os
from typing import Annotated, Optional

import typer
from rich.markup import escape

from newsgraph.cli_output import listing, out

__all__ = ["register", "speaker_command", "speakers_command", "statements_command"]

# As in cli.py, which imports this module (so its names are imported from it only when a command runs).
DEFAULT_DB = os.environ.get("NEWSGRAPH_DB", "newsgraph.db")
DbOption = Annotated[str, typer.Option("--db", help="Database: a SQLite file path (default ./newsgraph.db, or "
                                       "$NEWSGRAPH_DB) or a postgresql:// URL.", show_default=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _day(value: str | None) -> str:
    return escape((value or "")[:10])


def _spell(spell) -> str:
    where = f", {spell.affiliation}" if spell.affiliation else ""
    years = f" ({spell.first[:4]}–{spell.last[:4]})" if spell.first and spell.last and spell.first[:4] != spell.last[:4] \
        else (f" ({spell.first[:4]})" if spell.first else "")
    return f"{spell.role}{where}{years}"


def speakers_command(
    db: DbOption = DEFAULT_DB,
    name: Annotated[Optional[str], typer.Option(help="Only speakers with a name form containing this text "
                                                     "(accents and case aside).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many speakers.")] = 30,
    as_json: JsonOption = False,
) -> None:
    """Speaker identities across the corpus, most quoted first, with their roles over time."""
    from newsgraph.cli import _open_existing, user_errors

    with user_errors(), _open_existing(db) as store:
        rows = store.speaker_identities(name=name, limit=limit)
    if as_json:
        out.print_json(data=[row.to_dict() for row in rows])
        return
    table = listing("speakers", "name", "quotes:r", "articles:r", "roles", "first", "last")
    for row in rows:
        table.add_row(escape(row.name), str(row.quotes), str(row.articles),
                      escape("; ".join(_spell(s) for s in row.roles)), _day(row.first), _day(row.last))
    out.print(table)


def statements_command(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[Optional[str], typer.Option(help="A speaker id, or text of any of its name forms.")] = None,
    about: Annotated[Optional[str], typer.Option(help="Only statements mentioning an entity whose name contains this.")] = None,
    since: Annotated[Optional[str], typer.Option(help="First reported on or after this date.")] = None,
    until: Annotated[Optional[str], typer.Option(help="First reported on or before this date.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 20,
    as_json: JsonOption = False,
) -> None:
    """Statements across outlets, most reported first: the same words in several articles are one."""
    from newsgraph.cli import _open_existing, user_errors
    from newsgraph.store.identity_listings import StatementFilter

    with user_errors(), _open_existing(db) as store:
        rows = store.statements(StatementFilter(speaker=speaker, about=about, since=since, until=until, limit=limit))
    if as_json:
        out.print_json(data=[_statement_json(row) for row in rows])
        return
    for row in rows:
        out.print(f"[bold]{escape(row.speaker or '(no speaker)')}[/] [dim]{_day(row.first_seen)} · "
                  f"{row.articles} articles, {row.outlets} outlets · {escape(row.id)}[/]")
        out.print(f"   {escape(row.text)}", soft_wrap=not out.is_terminal)
        if row.about:
            out.print(f"   [magenta]about: {escape(', '.join(row.about))}[/]")


def _statement_json(row) -> dict:
    """The interface's fields, in its order, then the count of quotations."""
    return {"id": row.id, "text": row.text, "speaker_id": row.speaker_id, "speaker": row.speaker, "kind": row.kind,
            "first_seen": row.first_seen, "articles": row.articles, "outlets": row.outlets,
            "about": list(row.about), "quotes": row.quotes}


def speaker_command(
    speaker_id: Annotated[str, typer.Argument(metavar="ID", help="A speaker id (newsgraph speakers --json), "
                                              "or a name form only one speaker has.")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """One speaker: its name forms, roles over time, statements and whom it talks about most."""
    from newsgraph.cli import UserError, _open_existing, user_errors

    with user_errors(), _open_existing(db) as store:
        profile = store.speaker(speaker_id)
        if profile is None:
            raise UserError(f"no speaker {speaker_id[:80]!r}; list them with: newsgraph speakers --name TEXT")
    if as_json:
        data = profile.to_dict()
        data["statements"] = [_statement_json(row) for row in profile.statements]
        out.print_json(data=data)
        return
    who = profile.speaker
    out.print(f"[bold]{escape(who.name)}[/] [dim]{escape(who.id)} · {who.kind} · {who.quotes} quotes, "
              f"{who.statements} statements, {who.articles} articles, {who.outlets} outlets · "
              f"{_day(who.first)} – {_day(who.last)}[/]")
    out.print(f"also written: {escape(', '.join(a for a in who.aliases if a != who.name) or '-')}")
    for spell in who.roles:
        out.print(f"  role: {escape(_spell(spell))}")
    if profile.talks_about:
        out.print("talks about: " + escape(", ".join(f"{t.name} ({t.statements})" for t in profile.talks_about)))
    for row in profile.statements:
        out.print(f"  [dim]{_day(row.first_seen)} · {row.articles} articles · {row.outlets} outlets[/] "
                  f"{escape(row.text)}", soft_wrap=not out.is_terminal)


def register(app: typer.Typer) -> None:
    app.command("speakers")(speakers_command)
    app.command("statements")(statements_command)
    app.command("speaker")(speaker_command)

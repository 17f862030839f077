"""The house rules, checked on the source: imports flow one way, modules stay small,
and the README's contract table is the one the record types generate."""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path

import pytest

from newsgraph.contract import contract_table

SRC = Path(__file__).resolve().parents[1] / "src" / "newsgraph"
README = Path(__file__).resolve().parents[1] / "README.md"

# The pipeline's order: a stage may import its own package and earlier ones, never a later one.
# Foundation modules (the record contract, word tables, messages) are below every stage.
STAGES = {"ingest": 1, "nlp": 2, "resolve": 3, "store": 4, "engine": 5, "web": 6}
FOUNDATION = {"records", "contract", "lexicon", "messages", "evidence"}
FACES = {"cli", "cli_output", "cli_export", "cli_serve", "cli_speakers", "api", "__init__", "__main__"}
MAX_CODE_LINES = 600


def _rank(module: str) -> int:
    first = module.split(".")[0]
    if first in FOUNDATION:
        return 0
    if first in STAGES:
        return STAGES[first]
    if first in FACES:
        return 10
    raise AssertionError(f"newsgraph.{module} belongs to no stage; add it to test_architecture")


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        found.append((".".join(parts), path))
    return found


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return [name.removeprefix("newsgraph.") for name in names if name.startswith("newsgraph.")]


@pytest.mark.parametrize("module, path", _modules(), ids=[m for m, _ in _modules()])
def test_no_stage_imports_a_later_one(module: str, path: Path):
    own = _rank(module)
    for imported in _imports(path):
        if own == 10:
            continue  # the faces sit on top of everything
        assert _rank(imported) <= own, f"newsgraph.{module} (stage {own}) imports newsgraph.{imported}"


def test_the_store_never_imports_the_ingest_stage():
    for module, path in _modules():
        if module.startswith("store"):
            assert not [m for m in _imports(path) if m.startswith("ingest")], module


def code_lines(source: str) -> int:
    """Lines holding code: not blank, not only a comment, not part of a docstring."""
    tree = ast.parse(source)
    docstring_lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                docstring_lines.update(range(first.lineno, first.end_lineno + 1))
    lines: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
                          tokenize.ENDMARKER):
            continue
        lines.update(range(token.start[0], token.end[0] + 1))
    return len(lines - docstring_lines)


@pytest.mark.parametrize("module, path", _modules(), ids=[m for m, _ in _modules()])
def test_no_module_has_more_than_600_lines_of_code(module: str, path: Path):
    if path.stem.endswith("_lexicon"):
        pytest.skip("word tables are data")
    assert code_lines(path.read_text(encoding="utf-8")) <= MAX_CODE_LINES


def test_code_lines_leave_out_comments_and_docstrings():
    source = '"""Module doc\nmore."""\n\n# comment\ndef f():\n    """Doc."""\n    return 1  # trailing\n'
    assert code_lines(source) == 2


def test_the_readme_contract_table_is_the_generated_one():
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- contract-table:start -->\n", "\n<!-- contract-table:end -->"
    assert start in text and end in text
    table = text.split(start, 1)[1].split(end, 1)[0]
    assert table == contract_table(), (
        "README contract table is stale: replace it with the output of "
        "python -c 'from newsgraph.contract import contract_table; print(contract_table())'"
    )

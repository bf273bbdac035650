"""The project's Python files parsed once per test process, for the tests that read the code itself
(layers, private names, inline messages)."""
import ast
import functools
from pathlib import Path

from tests.helpers.paths import ROOT


@functools.cache
def python_files(folder: str) -> tuple[Path, ...]:
    """Every .py file under ROOT/folder, sorted."""
    return tuple(sorted((ROOT / folder).rglob("*.py")))


@functools.cache
def parsed(path: Path) -> ast.Module:
    """The syntax tree of one file (shared: do not change it)."""
    return ast.parse(path.read_text(encoding="utf-8"))


@functools.cache
def nodes(path: Path) -> tuple[ast.AST, ...]:
    """Every node of the file's tree, in ast.walk's order."""
    return tuple(ast.walk(parsed(path)))

"""Private stays private: no module of ntmlib, no test and no benchmark imports a `_`-name (one
that is not a dunder) from an ntmlib module; a name used by another module is public and has a
docstring."""
import ast
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT
from tests.helpers.sources import nodes, python_files

FOLDERS = ("ntmlib", "tests", "benchmarks")


def private_imports(source: str | Path, path: str = "<planted>") -> list[str]:
    """'path:line: name' of every `_`-name imported from an ntmlib module in `source` (a file or its
    text; relative imports count: inside ntmlib they name its modules)."""
    found = []
    for node in nodes(source) if isinstance(source, Path) else ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level == 0 and not (node.module or "").split(".")[0] == "ntmlib":
            continue
        found += [f"{path}:{node.lineno}: {a.name}" for a in node.names
                  if a.name.startswith("_") and not (a.name.startswith("__") and a.name.endswith("__"))]
    return found


def test_no_private_name_is_imported_from_another_module():
    assert all(python_files(folder) for folder in FOLDERS), "the scan must read the project's files"
    found = []
    for folder in FOLDERS:
        for path in python_files(folder):
            found += private_imports(path, str(path.relative_to(ROOT)))
    assert found == []


@pytest.mark.parametrize("planted,names", [
    ("from .workbook_style import FONT, _clean\n", ["_clean"]),
    ("from ntmlib.base.values import parse_full as p, _ILLEGAL\n", ["_ILLEGAL"]),
    ("from ..dataset import _private_module\n", ["_private_module"]),
    ("def f():\n    from ntmlib.scoring.engine import _hidden\n", ["_hidden"]),
    ("from ntmlib import __version__\nfrom pandas import _libs\nfrom .x import public\n", []),
])
def test_the_scan_sees_a_planted_private_import(planted, names):
    assert [f.rsplit(": ", 1)[1] for f in private_imports(planted)] == names

"""The layers of ntmlib (pyproject.toml, [tool.importlinter]; docs/architecture.md): a subpackage
imports only from the layers below it, no subpackages or modules import each other in a loop, and
no module hides a package import inside a function (except heavy optional ones, with a comment)."""
import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT
from tests.helpers.sources import nodes, python_files

LINT = Path(sys.executable).parent / "lint-imports"


def lint(cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)} if pythonpath else None
    return subprocess.run([str(LINT), "--config", str(cwd / "pyproject.toml"), "--no-cache"], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_layers_and_no_loops_are_kept():
    res = lint(ROOT)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "ntmlib layers KEPT" in res.stdout
    assert "no import loops between the subpackages of ntmlib, nor between the modules of \none KEPT" in res.stdout
    assert "Contracts: 2 kept, 0 broken." in res.stdout


@pytest.mark.slow
@pytest.mark.parametrize("module,planted,broken", [
    ("text/formats.py", "from .. import cli  # noqa\n", "ntmlib layers BROKEN"),  # an import upwards
    ("scoring/engine.py", "from ..analysis import whatif  # noqa\n", "ntmlib layers BROKEN"),  # the old loop
    ("office/score_workbook.py", "from ..jupyter import report  # noqa\n", "ntmlib layers BROKEN"),  # a sibling layer
    ("dataset/resolve.py", "from . import loading  # noqa\n", "no import loops"),  # a loop inside a layer
])
def test_an_upward_import_breaks_the_contract(tmp_path, module, planted, broken):
    copy = tmp_path / "ntmlib"
    shutil.copytree(ROOT / "ntmlib", copy, ignore=shutil.ignore_patterns("__pycache__", "sets", "templates"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    path = copy / module
    path.write_text(planted + path.read_text(encoding="utf-8"), encoding="utf-8")
    res = lint(tmp_path, pythonpath=tmp_path)
    assert res.returncode != 0 and broken in res.stdout, res.stdout + res.stderr


def layer_list() -> list[list[str]]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r'layers = \[(.*?)\]', text, re.S).group(1)
    rows = re.findall(r'"([^"]+)"', block)
    return [[m.strip().removeprefix("ntmlib.") for m in re.split("[:|]", row)] for row in rows]


def test_every_module_has_a_layer():
    named = {m for row in layer_list() for m in row}
    top = ROOT / "ntmlib"
    modules = ({p.stem for p in top.glob("*.py") if p.stem != "__init__"}
               | {p.parent.name for p in top.glob("*/__init__.py")})
    assert modules - named == set(), "subpackages or modules without a layer in pyproject.toml"
    assert named - modules == set(), "layers naming subpackages or modules that do not exist"


def test_no_package_import_inside_a_function():
    """A function-local import of an ntmlib module would hide a layer violation from a reader
    (only heavy third-party packages are imported inside the functions that need them)."""
    local = []
    for path in python_files("ntmlib"):
        for node in nodes(path):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                local += [f"{path.name}:{i.lineno}" for i in ast.walk(node) if (
                    isinstance(i, ast.ImportFrom) and (i.level > 0 or (i.module or "").startswith("ntmlib"))
                    or isinstance(i, ast.Import) and any(a.name.startswith("ntmlib") for a in i.names))]
    assert local == []

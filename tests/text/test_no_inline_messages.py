"""Error messages users read come from the catalogue (ntmlib.text.errors), so that `--lang en`
words them in English: no Vietnamese text is written inline in the errors ntmlib raises."""
import ast
from pathlib import Path

import ntmlib

from tests.helpers.sources import nodes, python_files

PACKAGE = Path(ntmlib.__file__).parent
ERRORS = {"Problem", "DataError", "ParameterError", "OutputError", "FrameworkError", "NotebookError"}
VIETNAMESE = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")


def inline_vietnamese(tree: ast.AST | Path) -> list[int]:
    """Lines where an error is built with Vietnamese text written in the call itself (in a tree, or
    in a file of the package)."""
    lines = []
    for node in nodes(tree) if isinstance(tree, Path) else ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in ERRORS:
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                texts = [c.value for c in ast.walk(arg) if isinstance(c, ast.Constant) and isinstance(c.value, str)]
                if any(VIETNAMESE & set(t.lower()) for t in texts):
                    lines.append(node.lineno)
    return lines


def test_the_scan_finds_an_inline_message():
    planted = ast.parse('raise DataError(Problem("x.csv", f"không có xã {ref}"))')
    assert inline_vietnamese(planted) == [1, 1]


def test_no_error_is_written_inline():
    found = {str(p.relative_to(PACKAGE)): inline_vietnamese(p) for p in python_files("ntmlib")}
    assert {f: lines for f, lines in found.items() if lines} == {}

"""Running a report notebook with papermill and exporting it to one self-contained HTML file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import nbformat

from .outputs import write_bytes_atomic

NOTEBOOK_DIR = Path(os.environ.get("NTM_NOTEBOOKS", Path(__file__).resolve().parent.parent / "notebooks"))
TEMPLATE_DIR = Path(__file__).parent / "templates"
NOTEBOOKS = {"commune": "commune_report.ipynb", "district": "district_bulletin.ipynb"}


def notebook_path(kind: str) -> Path:
    """The template notebook of a report kind ('commune' or 'district')."""
    return NOTEBOOK_DIR / NOTEBOOKS[kind]


_exporter = None


def html_exporter():
    """An HTMLExporter without code cells or prompts, using the self-contained report template."""
    global _exporter
    if _exporter is None:
        from nbconvert import HTMLExporter

        _exporter = HTMLExporter(template_name="ntm_report", extra_template_basedirs=[str(TEMPLATE_DIR)],
                                 exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    return _exporter


def to_html(nb: nbformat.NotebookNode, title: str = "") -> str:
    """The executed notebook as one HTML page: no code, figures embedded, no network scripts."""
    resources = {"metadata": {"name": title or "Báo cáo nông thôn mới"}}
    body, _ = html_exporter().from_notebook_node(nb, resources=resources)
    return body


def write_html(nb: nbformat.NotebookNode, path: Path, title: str = "") -> None:
    """Export `nb` to `path` atomically."""
    write_bytes_atomic(Path(path), to_html(nb, title).encode("utf-8"))


def write_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write an executed notebook atomically."""
    write_bytes_atomic(Path(path), nbformat.writes(nb).encode("utf-8"))


def execute(kind: str, parameters: dict, kernel_name: str = "python3") -> nbformat.NotebookNode:
    """Run a report notebook with papermill and return the executed notebook.

    Raises papermill's PapermillExecutionError when a cell fails (the message of a bad
    parameter is the first line of its evalue).
    """
    import papermill as pm

    src = notebook_path(kind)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / src.name
        pm.execute_notebook(str(src), str(out), parameters=parameters, kernel_name=kernel_name,
                            cwd=str(src.parent), progress_bar=False, log_output=False)
        return nbformat.read(out, as_version=4)

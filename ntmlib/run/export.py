"""An executed report notebook written to disk: as one self-contained HTML page without code,
or as the notebook itself, each written atomically."""
from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat

from ..base.outputs import write_bytes_atomic
from ..present.blocks import print_css
from ..text import EXPORT_LABELS, label

TEMPLATE_DIR = Path(__file__).parent / "templates"

_exporter = None


def html_exporter():
    """An HTMLExporter without code cells or prompts, using the self-contained report template
    (made once per process: its template is compiled once and serves every report)."""
    global _exporter
    if _exporter is None:
        from nbconvert import HTMLExporter  # deferred: nbconvert is heavy and only exports need it
        from nbconvert.exporters.templateexporter import TemplateExporter

        class ReportExporter(HTMLExporter):
            """HTMLExporter without its last pass, which parses the page it has just written with
            BeautifulSoup to add alt text to images without any (the report template writes each
            figure's own) and a tab stop on every output, then writes the page again: a third of
            the export of a commune report, half of a district report's."""

            def from_notebook_node(self, nb, resources=None, **kw):
                langinfo = nb.metadata.get("language_info", {})
                self.register_filter("highlight_code", self.filters.get("highlight_code") or _highlight(self, langinfo))
                resources = self._init_resources(resources)
                self.register_filter("filter_data_type", _data_types(self, resources))
                return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

        # optimistic_validation: the notebook is checked against its schema once, after the
        # preprocessors, not after each of the dozen (most of them disabled): a third of an export
        _exporter = ReportExporter(template_name="ntm_report", extra_template_basedirs=[str(TEMPLATE_DIR)],
                                   exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                                   optimistic_validation=True)
    return _exporter


def _highlight(exporter, langinfo: dict):
    from nbconvert.filters.highlight import Highlight2HTML

    return Highlight2HTML(pygments_lexer=langinfo.get("pygments_lexer", langinfo.get("name")), parent=exporter)


def _data_types(exporter, resources: dict):
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    return WidgetsDataTypeFilter(notebook_metadata=exporter._nb_metadata, parent=exporter, resources=resources)


def report_lang(nb: nbformat.NotebookNode) -> str:
    """The language a report notebook was run in (its papermill parameter `lang`; 'vi' by default)."""
    return nb.metadata.get("papermill", {}).get("parameters", {}).get("lang") or "vi"


def to_html(nb: nbformat.NotebookNode, title: str = "", index_href: str = "") -> str:
    """The executed notebook as one HTML page: no code, figures embedded, no network scripts,
    `<html lang>` the report's language, and a link back to the index at `index_href` when given."""
    lang = report_lang(nb)
    resources = {"metadata": {"name": title or label(EXPORT_LABELS, "title", lang)},
                 "ntm_index_href": index_href, "ntm_index_label": label(EXPORT_LABELS, "index", lang)}
    exporter = html_exporter()
    exporter.language_code = lang
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    body = _CHAR_REF.sub(_character, body)
    return body.replace("</head>", f"<style>{print_css(running_head(body), lang)}</style>\n</head>", 1)


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def running_head(page: str) -> str:
    """What the printed pages of a report repeat at the top: its unit and year, the part of its
    first heading after the dash ('Xã Nhân Bình, năm 2023'), or the whole heading."""
    m = _H1.search(page)
    if not m:
        return ""
    text = html.unescape(_TAG.sub("", m.group(1))).replace("¶", "").strip()
    return text.rpartition(" — ")[2].strip() or text


# nbconvert's Markdown renderer writes every letter outside ASCII as a numeric reference
# ('B&#225;o c&#225;o'); the page is UTF-8, so each is written as the letter itself (as nbconvert's
# BeautifulSoup pass did): a page as readable in its source and as searchable as in a browser.
_CHAR_REF = re.compile(r"&#(?:(\d+)|[xX]([0-9a-fA-F]+));")
_KEEP = frozenset('<>&"\'')


def _character(m: re.Match) -> str:
    n = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
    if n < 0x20 or n > 0x10FFFF or 0x7F <= n <= 0x9F or 0xD800 <= n <= 0xDFFF or chr(n) in _KEEP:
        return m.group(0)
    return chr(n)


def write_html(nb: nbformat.NotebookNode, path: Path, title: str = "", index_href: str = "") -> None:
    """Export `nb` to `path` atomically."""
    write_bytes_atomic(Path(path), to_html(nb, title, index_href).encode("utf-8"))


def write_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write an executed notebook atomically."""
    write_bytes_atomic(Path(path), nbformat.writes(nb).encode("utf-8"))

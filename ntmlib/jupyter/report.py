"""Inside a report notebook: set the kernel up (one clear line for bad data or parameters, crisp
deterministic figures) and show headings, tables, figures and Markdown. The notebooks call
these and ntmlib.present.views; they hold no logic of their own."""
from __future__ import annotations

import html
import io
import re

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from IPython import get_ipython
from IPython.display import HTML, Markdown, display

from ..errors import NtmError, Problem
from ..present.blocks import cards_table_html
from ..present.plots import describe, save
from ..present.province_report import province_report
from ..present.views import commune_report, district_report
from ..text import CLI_WORDS, HEADINGS, LANGS, label

__all__ = ["commune_report", "district_report", "province_report", "notebook_setup", "heading", "show",
           "show_figure", "show_html", "show_markdown", "show_reorganisation", "Table"]


class Table:
    """A table shown without its index: HTML in the notebook (rows as labelled cards on a phone),
    aligned text for comparisons."""

    def __init__(self, df: pd.DataFrame, empty: str = ""):
        self.df = df
        self.empty = empty

    def _repr_html_(self) -> str:
        if self.df.empty and self.empty:
            return f"<p><em>{html.escape(self.empty)}</em></p>"
        return cards_table_html(self.df)  # labelled cards on a phone

    def __repr__(self) -> str:
        if self.df.empty and self.empty:
            return self.empty
        return self.df.to_string(index=False)


def heading(key: str, lang: str = "vi", level: int = 2, **fmt):
    """A Markdown heading from HEADINGS, displayed in the notebook."""

    safe = {k: html.escape(str(v), quote=False) for k, v in fmt.items()}  # names come from data files
    display(Markdown("#" * level + " " + label(HEADINGS, key, lang).format(**safe)))


def show(df: pd.DataFrame, lang: str = "vi"):
    """Display a table without its index ('Không có.' when empty)."""

    display(Table(df, label(HEADINGS, "none", lang)))


def notebook_setup(lang: str | None = None) -> None:
    """Prepare a report kernel: errors from bad data or parameters show as one clear message
    (the cell still fails, so papermill stops), figures render crisp and deterministic, their
    SVG text kept as text. The message is in `lang`, by default in the notebook's own `lang`
    parameter (Vietnamese without one): the error shown and the error text the runner reads
    (ntmlib.run.runner, `ntm report`) are both in the report's language."""
    matplotlib.rcParams.update({"figure.dpi": 110, "savefig.dpi": 110, "font.family": "DejaVu Sans",
                                "svg.hashsalt": "ntmlib",
                                # SVG text as text, not as outlines: selectable, read by screen readers,
                                # and half the time of saving a chart full of labels
                                "svg.fonttype": "none"})
    ip = get_ipython()
    if ip is None:
        return

    def _clear(shell, etype, evalue, tb, tb_offset=None):
        say = lang or shell.user_ns.get("lang", "vi")
        say = say if say in LANGS else "vi"
        texts = [p.text(say) if isinstance(p, Problem) else str(p) for p in getattr(evalue, "problems", [evalue])]
        lines = [label(CLI_WORDS, "error", say, message=t) for t in texts]  # one line per problem
        # publish the error output: the message, no stack; its text (the error's value) in the same language
        shell._showtraceback(etype, "\n".join(texts), lines)
        return lines

    ip.set_custom_exc((NtmError,), _clear)


# Chart text is SVG text (notebook_setup): where the chart's font is not installed (DejaVu Sans on
# an office's Windows PC), the browser draws it in its sans-serif font, narrower, not in a serif one.
_SVG_FONT = re.compile(r"(font-family: '[^';\"]+')(?=[;\"])")


def show_figure(fig, lang: str = "vi") -> None:
    """Display a matplotlib figure once, as SVG (sharp at any zoom, and quicker to write than a
    PNG: docs/reports.md) with a text alternative, its title and subtitle (ntmlib.present.plots.describe),
    and release it (no second copy from the inline backend)."""

    buf = io.BytesIO()
    save(fig, buf, format="svg")
    alt = describe(fig, lang)
    svg = _SVG_FONT.sub(r"\1, sans-serif", buf.getvalue().decode("utf-8"))
    display({"image/svg+xml": svg, "text/plain": alt}, raw=True, metadata={"image/svg+xml": {"alt": alt}})
    plt.close(fig)


def show_html(markup: str) -> None:
    """Display trusted HTML built by this module (badges)."""

    display(HTML(markup))


def show_reorganisation(r, lang: str = "vi") -> None:
    """The reorganisation part of a commune report: for a commune formed by it, how it was formed
    and its predecessors' history (table, figure, counts per tier); for an old commune, the note
    of the commune it belongs to now (nothing when the crosswalk has none)."""

    if not r.is_new:
        note = r.successor_note()
        if note:
            display(Markdown(f"*{html.escape(note, quote=False)}*"))
        return
    heading("formed", lang)
    display(Markdown(html.escape(r.formation_text(), quote=False)))
    heading("history", lang)
    show(r.history(), lang)
    show_figure(r.figure(), lang)
    heading("regroup", lang)
    show(r.regrouped(), lang)


def show_markdown(text: str) -> None:
    """Display Markdown written by ntmlib (the bulletin); any HTML in it, e.g. from a commune
    name in the data, is shown as text."""

    display(Markdown(html.escape(text, quote=False)))

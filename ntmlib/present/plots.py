"""Figures for the reports, one function per chart, each returning a matplotlib Figure.

Figures are built without pyplot (nothing is registered with it, so nothing needs closing
and a notebook shows each figure once), on the Agg canvas, in DejaVu Sans, with every text
NFC-normalised. Labels are Vietnamese (lang="vi", the default) or English (lang="en").
Results are coloured met (green), not met (red) and no data (grey), with a symbol as well
as a colour where space allows. `save` writes a figure reproducibly: same figure, same bytes.
"""
from __future__ import annotations

import functools
import inspect
import io
import os
import textwrap
import unicodedata
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as _MplFigure
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from ..analysis import aggregate, reorg, roadmap, trends
from ..analysis.verdicts import scored_rows
from ..base.languages import check_lang
from ..errors import ParameterError, Problem
from ..scoring.scorecard import Scorecard
from ..text import (
    EXPORT_LABELS,
    HISTORY_FIGURE_LABELS,
    PLOT_LABELS,
    TierWord,
    error_text,
    label,
    localized,
    range_text,
    short_counts,
    tier_name,
    tier_order,
    tier_rank,
)
from .grids import COLOURS

FONT = "DejaVu Sans"
# The colours of the results are those of the HTML grids (COLOURS, from ntmlib.present.grids); in a
# figure, no data is hatched with white lines and a missing threshold (no_threshold) dotted.
HATCH = {"met": None, "not_met": None, "no_data": "///", "no_threshold": ".."}
NEUTRAL = "#607d8b"
# A chart is WIDTH inches wide and its smallest text 10.5 points: on a phone 390 px wide the page shows
# it about 360 px wide, its text at 8.5 px or more (at 10 inches and 9 points it was 4.5 px).
WIDTH = 6.2
_RC = {"font.family": FONT, "font.size": 11, "axes.titlesize": 11, "axes.labelsize": 11,
       "xtick.labelsize": 10.5, "ytick.labelsize": 10.5, "legend.fontsize": 10.5, "legend.title_fontsize": 10.5,
       "figure.titlesize": 13, "figure.titleweight": "bold", "axes.spines.top": False,
       "axes.spines.right": False, "svg.hashsalt": "ntmlib"}

class Figure(_MplFigure):
    """A matplotlib Figure that Jupyter shows as PNG even when pyplot was never imported."""

    def _repr_png_(self) -> bytes:
        buf = io.BytesIO()
        save(self, buf, format="png")
        return buf.getvalue()


def save(fig: _MplFigure, target, format: str | None = None, dpi: float | None = None, **kwargs) -> None:
    """Save `fig` reproducibly (no software or date metadata, fixed SVG ids): saving the same
    figure twice gives the same bytes. `format` defaults to the file's suffix, then PNG."""
    suffix = Path(target).suffix[1:] if isinstance(target, (str, os.PathLike)) else ""
    fmt = (format or suffix or "png").lower()
    meta = {"png": {"Software": None}, "svg": {"Creator": None, "Date": None},
            "pdf": {"Creator": None, "Producer": None, "CreationDate": None}}.get(fmt)
    with mpl.rc_context({"svg.hashsalt": "ntmlib"}):
        fig.savefig(target, format=fmt, dpi=dpi or "figure", metadata=meta, **kwargs)


# --------------------------------------------------------------------------- helpers


def describe(fig, lang: str = "vi") -> str:
    """A text alternative for a figure, for screen readers and for when it does not load:
    'Biểu đồ: ' and its title and subtitle."""
    parts = [fig.get_suptitle()] + [ax.get_title(loc="left") for ax in fig.axes[:1]]
    text = ". ".join(" ".join(p.split()) for p in parts if p and p.strip())  # a wrapped title on one line
    return f"{label(EXPORT_LABELS, 'chart', lang)}: {text}" if text else label(EXPORT_LABELS, "chart", lang)


def _nfc(text) -> str:
    return unicodedata.normalize("NFC", str(text))


def _say(lang: str, key: str, **fmt) -> str:
    """The label `key` of PLOT_LABELS in `lang`, filled in and NFC-normalised."""
    return _nfc(label(PLOT_LABELS, key, lang, **fmt))


def _tier(tier: str, lang: str) -> dict:
    """Format fields for a tier: {tier} as in a sentence, {Tier} at the start of one."""
    name = tier_name(tier, lang)
    return {"tier": name, "Tier": name[:1].upper() + name[1:]}


def _styled(build):
    """Build the figure in the house style, once its language is known to be one of LANGS;
    NFC-normalise every text it ends up with."""
    signature = inspect.signature(build)

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        given = signature.bind_partial(*args, **kwargs).arguments
        check_lang(given.get("lang", "vi"))
        with mpl.rc_context(_RC):
            fig = build(*args, **kwargs)
            for t in fig.findobj(Text):
                t.set_text(_nfc(t.get_text()))
            fig.draw_without_rendering()  # settle the constrained layout: every save then gives the same bytes
            fig.set_layout_engine("none")  # and keep it: saving does not lay the figure out again
        return fig
    return wrapper


def _new(width: float, height: float, title: str, subtitle: str = ""):
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    fig.suptitle(_wrap(title, int(width * 8.2), 3), x=0.01, ha="left")  # wrapped to the chart's width
    if subtitle:
        ax.set_title(_wrap(subtitle, int(width * 6.6), 5), loc="left", color="#424242")  # over the bars only
    ax.tick_params(labelfontfamily=FONT)  # tick labels are made at draw time, outside the style
    return fig, ax


def _bare(ax) -> None:
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)


def _wrap(text: str, width: int, lines: int = 3) -> str:
    out = textwrap.wrap(text, width)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return "\n".join(out)


def _hbars(ax, labels: list[str], values: list[float], notes: list[str], colour: str, room: float = 1.35) -> None:
    """Horizontal bars, first on top, each annotated at its end (`room`: the x axis's end, as a
    multiple of the longest bar, leaves space for the notes); x axis in whole numbers."""
    pos = np.arange(len(values))
    ax.barh(pos, values, color=colour, height=0.62)
    ax.set_yticks(pos, labels=[_nfc(x) for x in labels])
    ax.set_ylim(len(values) - 0.5, -0.5)
    top = max(values, default=0)
    ax.set_xlim(0, max(top * room, top + 2.5, 1))
    for p, v, note in zip(pos, values, notes):
        ax.text(v + ax.get_xlim()[1] * 0.01, p, note, va="center", fontsize=10.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", color="#e0e0e0", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)


# --------------------------------------------------------------------------- figures


@_styled
def criteria_distribution(card: Scorecard, year: int, set_id: str, lang: str = "vi") -> Figure:
    """Bars: how many communes meet each number of criteria of one set ("17/19"), from the
    lowest number reached to all; the bar of communes meeting all criteria is green. Communes
    without any value in the set are not drawn at 0: the subtitle says how many they are."""
    s, y, rows = scored_rows(card, year, set_id)
    total = s.criteria_total
    dist = aggregate.criteria_distribution(card)
    dist = dist[(dist["year"] == y) & (dist["set"] == set_id)]
    none = int(dist.loc[dist["criteria_met"].isna(), "communes"].sum())
    dist = dist[dist["criteria_met"].notna()]
    counts = dict(zip(dist["criteria_met"].astype(int), dist["communes"].astype(int)))
    levels = list(range(min(counts, default=0), total + 1))
    heights = [counts.get(k, 0) for k in levels]
    sub = _say(lang, "dist_sub", n=len(rows) - none, full=counts.get(total, 0), total=total)
    sub += _say(lang, "dist_no_data", k=none) if none else ""
    fig, ax = _new(WIDTH, 4.2, _say(lang, "dist_title", year=y, **_tier(s.tier, lang)), sub)
    bars = ax.bar(range(len(levels)), heights, width=0.7,
                  color=[COLOURS["met"] if k == total else NEUTRAL for k in levels])
    ax.bar_label(bars, labels=[str(h) if h else "" for h in heights], padding=3, fontsize=10.5)
    ax.set_xticks(range(len(levels)), labels=[f"{k}/{total}" for k in levels])
    ax.set_xlabel(_say(lang, "criteria_met"))
    ax.set_ylabel(_say(lang, "communes"))
    ax.set_ylim(0, max(max(heights) * 1.15 + 0.5, 1))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return fig


@_styled
def failed_groups(card: Scorecard, year: int, set_id: str, communes: list[str] | None = None,
                  lang: str = "vi") -> Figure:
    """Horizontal bars: indicators not met per criteria group of one set, summed over the
    communes (all, or the ids in `communes`), most failed on top."""
    s, y, rows = scored_rows(card, year, set_id)
    ids = None if communes is None else [str(c) for c in communes]
    unknown = sorted(set(ids or ()) - set(rows["commune_id"]))
    if unknown:
        raise ParameterError(Problem(error_text("commune_asked"), error_text(
            "no_commune_codes", communes=", ".join(map(repr, unknown)), year=y)))
    fg = aggregate.failed_groups(card, y, set_id, ids).set_index("group")
    used = [g for g in s.groups if any(c.group == g for c in s.criteria)]
    data = sorted(((g, int(fg["failed"].get(g, 0)), int(fg["communes"].get(g, 0))) for g in used),
                  key=lambda t: -t[1])
    name = lambda g: localized(s.groups[g]["name"], s.groups[g].get("name_en"), lang)  # noqa: E731
    n = len(rows) if ids is None else len(ids)
    fig, ax = _new(WIDTH, 2.2 + 0.55 * len(data), _say(lang, "groups_title", year=y, **_tier(s.tier, lang)),
                   _say(lang, "groups_sub", n=n))
    _hbars(ax, [_wrap(f"{g}. {name(g)}", 24) for g, _, _ in data], [f for _, f, _ in data],
           [_say(lang, "failed_note", failed=f, communes=k) if f else "0" for _, f, k in data], COLOURS["not_met"])
    ax.set_xlabel(_say(lang, "failed_axis"))
    if not any(f for _, f, _ in data):
        ax.text(0.5, 0.5, _say(lang, "none_failed"), transform=ax.transAxes, ha="center", va="center", fontsize=11)
    return fig


@_styled
def readiness(card: Scorecard, tier: str = "nang-cao", year: int | None = None, lang: str = "vi",
              set_id: str | None = None) -> Figure:
    """Horizontal bars: criteria still missing for each commune not yet recognised at `tier`,
    closest first, labelled "criteria met/total · indicators met/total". `year` defaults to
    the latest scored; `set_id` is needed only when several sets of that tier were scored."""
    aggregate.require_tier(tier, aggregate.card_tiers(card))
    y = card.years[-1] if year is None else card.require_year(year)
    c = card.communes
    ids = sorted(set(c.loc[(c["year"] == y) & (c["tier"] == tier), "set"]))
    if set_id is not None:
        scored_rows(card, y, set_id)
        if set_id not in ids:
            raise ParameterError(Problem(error_text("criteria_set_asked"),
                                         error_text("set_not_tier", set=set_id, tier=TierWord(tier))))
        ids = [set_id]
    if not ids:
        raise ParameterError(Problem(error_text("tier_asked"),
                                     error_text("no_tier_set_scored", tier=TierWord(tier), year=y)))
    if len(ids) > 1:
        raise ParameterError(Problem(error_text("criteria_set_asked"), error_text(
            "many_tier_sets", tier=TierWord(tier), year=y, sets=", ".join(ids))))
    s = card.sets[ids[0]]
    r = aggregate.readiness(card, tier, y)
    r = r[r["set"] == s.id].reset_index(drop=True)
    fields = _tier(tier, lang)
    fig, ax = _new(WIDTH, 2.2 + 0.42 * max(len(r), 2), _say(lang, "ready_title", year=y, **fields),
                   _say(lang, "ready_sub", **fields))
    notes = [n + (_say(lang, "all_met") if m == 0 else "") for n, m in zip(short_counts(r), r["criteria_missing"])]
    missing = (r["criteria_missing"] + r["prerequisite_criteria_missing"]).astype(int)  # what the rank counts
    _hbars(ax, [f"{k + 1}. {n}" for k, n in enumerate(r["commune"])], missing.tolist(), notes, COLOURS["not_met"])
    ax.set_xlabel(_say(lang, "ready_axis"))
    if r.empty:
        ax.text(0.5, 0.5, _say(lang, "no_candidates", **fields), transform=ax.transAxes, ha="center", va="center",
                fontsize=11)
    return fig


# --------------------------------------------------------------------------- roadmap and trends

TREND_COLOURS = {"improving": COLOURS["met"], "stagnant": "#cfd8dc", "worsening": COLOURS["not_met"],
                 "no_data": "#eeeeee"}


@_styled
def roadmap_totals(card: Scorecard, year: int, target: str = "nang-cao", lang: str = "vi", top: int = 15,
                   table: pd.DataFrame | None = None) -> Figure:
    """Horizontal bars: for the indicators most communes still miss on the way to `target`
    (the target set and its prerequisite), how many communes must improve each, labelled with
    the range of the gaps ("1,3–8,1 điểm %") or "chưa đạt" for yes/no indicators. `table`: the
    ntmlib.analysis.roadmap result when already computed."""

    y = card.require_year(year)
    rm = roadmap.roadmap(card, y, target) if table is None else table
    totals = roadmap.district_totals(rm, lang)
    totals = totals[totals["communes"] > 0].head(top)
    fields = _tier(target, lang)
    n = rm["commune_id"].nunique()
    fig, ax = _new(WIDTH, 2.2 + 0.62 * max(len(totals), 2), _say(lang, "roadmap_title", year=y, **fields),
                   _say(lang, "roadmap_sub", n=n, **fields))
    labels = [_wrap(f"{r.indicator} ({tier_name(r.tier, lang)}) · {localized(r.name, r.name_en, lang)}",
                    30, 3) for r in totals.itertuples()]
    notes = []
    for r in totals.itertuples():
        if r.rule in (">=", "<="):
            unit = _say(lang, "points") if r.unit == "%" else r.unit
            notes.append(f"{r.communes} · {range_text(r.gap_min, r.gap_max, lang)} {unit}".rstrip())
        else:
            notes.append(f"{r.communes} · {_say(lang, 'roadmap_yes')}")
    _hbars(ax, labels, totals["communes"].astype(int).tolist(), notes, COLOURS["not_met"], room=2.1)
    ax.set_xlabel(_say(lang, "roadmap_axis"))
    if totals.empty:
        ax.text(0.5, 0.5, _say(lang, "no_candidates", **fields), transform=ax.transAxes, ha="center",
                va="center", fontsize=11)
    return fig


@_styled
def trend_summary(card: Scorecard, set_id: str, lang: str = "vi", top: int = 15,
                  table: pd.DataFrame | None = None) -> Figure:
    """Stacked horizontal bars, one per indicator of a set: communes improving, stagnant,
    worsening or without two years of data, for the `top` indicators that moved most.
    `table`: the ntmlib.analysis.trends result for `card` when already computed."""

    s = card.sets[card.require_set(set_id)]
    years = card.years
    tr = trends.trends(card) if table is None else table
    tr = tr[tr["set"] == set_id]
    table = trends.summary(tr).head(top)
    fig, ax = _new(WIDTH, 2.6 + 0.62 * max(len(table), 2),
                   _say(lang, "trend_title", y0=years[0], y1=years[-1], **_tier(s.tier, lang)),
                   _say(lang, "trend_sub", n=len(table)))
    names = {i.code: localized(i.name, i.name_en, lang) for i in s.indicators}
    pos = np.arange(len(table))
    left = np.zeros(len(table))
    for key in ("improving", "stagnant", "worsening", "no_data"):
        values = table[key].to_numpy(dtype=float)
        bars = ax.barh(pos, values, left=left, height=0.62, color=TREND_COLOURS[key], label=_say(lang, key),
                       hatch=HATCH["no_data"] if key == "no_data" else None, edgecolor="white")
        ax.bar_label(bars, labels=[str(int(v)) if v else "" for v in values], label_type="center", fontsize=10.5,
                     color="white" if key == "worsening" else "#1b1b1b")
        left += values
    ax.set_yticks(pos, labels=[_nfc(_wrap(f"{c} · {names[c]}", 30, 3)) for c in table["indicator"]])
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(_say(lang, "trend_axis"))
    ax.tick_params(axis="y", length=0)
    if len(years) < 2:
        ax.text(0.5, 0.5, _say(lang, "no_trend"), transform=ax.transAxes, ha="center", va="center", fontsize=11)
    fig.legend(loc="outside lower center", ncols=2, frameon=False)
    return fig


TIER_COLOURS = {"kieu-mau": "#1b5e20", "nang-cao": "#43a047", "ntm": "#a5d6a7", "": "#c62828", None: "#e0e0e0"}


TIER_INK = {"kieu-mau": "white", "nang-cao": "white", "ntm": "#1b1b1b", "": "white", None: "#424242"}
# a tier the tables above do not name (hiện đại, or one a province declares): by its rank
RANK_COLOURS = {1: ("#a5d6a7", "#1b1b1b"), 2: ("#6a1b9a", "white"), 3: ("#1b5e20", "white"),
                4: ("#004d40", "white")}


def tier_colour(tier) -> tuple[str, str]:
    """(fill, ink) of a cell for a tier reached ('' none, None not assessed): its own, else its rank's."""
    if tier in TIER_COLOURS:
        return TIER_COLOURS[tier], TIER_INK[tier]
    return RANK_COLOURS[min(max(tier_rank(tier), 1), max(RANK_COLOURS))]


def history_figure(card: Scorecard, new_commune, years=None, lang: str = "vi"):
    """A grid: one row per predecessor, one column per year; each cell coloured by the tier
    reached by the scoring, with the NTM and nâng cao counts met ('18/19 · 55/57')."""

    check_lang(lang)
    row = reorg.unit(card.dataset, new_commune)
    h = reorg.history(card, row["key"], years, lang)
    labels = HISTORY_FIGURE_LABELS[lang]
    tiers = [t for t in ("ntm", "nang-cao") if t in h.columns]

    @_styled
    def build():
        names = list(dict.fromkeys(h["commune"]))
        yrs = list(dict.fromkeys(h["year"]))
        fig, ax = _new(2.2 + 2.6 * len(yrs), 1.6 + 0.95 * len(names), labels["title"].format(name=row["new_commune"]),
                       labels["sub"])
        for r in h.itertuples():
            x, y = yrs.index(r.year), len(names) - 1 - names.index(r.commune)
            state = (r.tier_reached if pd.notna(r.tier_reached) else "") if r.assessed else None
            fill, ink = tier_colour(state)
            ax.add_patch(Rectangle((x + 0.03, y + 0.06), 0.94, 0.88, facecolor=fill, edgecolor="white"))
            if r.assessed:
                lines = [tier_name(r.tier_reached, lang) if pd.notna(r.tier_reached) else labels["none"]]
                lines += [f"{tier_name(t, lang)}: {h.at[r.Index, t]}" for t in tiers]
                if pd.notna(r.tier_recognised):
                    lines.append(labels["recognised"].format(tier=tier_name(r.tier_recognised, lang)))
            else:
                lines = [labels["not_assessed"]]
            ax.text(x + 0.5, y + 0.5, "\n".join(lines), ha="center", va="center", fontsize=8.5,
                    color=ink, linespacing=1.3)
        ax.set_xlim(0, len(yrs))
        ax.set_ylim(0, len(names))
        ax.set_xticks([i + 0.5 for i in range(len(yrs))], labels=[str(y) for y in yrs])
        ax.xaxis.tick_top()
        ax.set_yticks([len(names) - 0.5 - i for i in range(len(names))], labels=names)
        _bare(ax)
        shown = set(h["tier_reached"].dropna().astype(str)) - {"kieu-mau", "nang-cao", "ntm"}
        handles = [Patch(facecolor=tier_colour(t)[0], label=tier_name(t, lang))
                   for t in sorted({"kieu-mau", "nang-cao", "ntm", *shown}, key=tier_order, reverse=True)]
        handles += [Patch(facecolor=TIER_COLOURS[""], label=labels["none"]),
                    Patch(facecolor=TIER_COLOURS[None], label=labels["not_assessed"])]
        fig.legend(handles=handles, loc="outside lower center", ncols=5, frameon=False)
        return fig

    return build()

"""Maps of communes, offline (matplotlib, no map tiles): one marker per commune at its official
coordinates, coloured and shaped by its state (ntmlib.text.states: the tier reached, recognised
or not, recognised but not maintained, not reached, undecided, no data), labelled with its short name, inside the
area's outline approximated by the convex hull of the units' bounding boxes.

Coordinates come from communes.csv (`lat`, `lon` columns) when it has them, else from the
official list by code (ntmlib.dataset.units); a commune with neither is named under the map.

A map is a small SVG (text as text). The district's map is drawn once per district, year and
language (`area_map_svg`, an lru_cache); a commune's "position in the district" map is that SVG
with one more ring and label written into it, no drawing: well under a millisecond per commune
report (docs/official-units.md measures it).
"""
from __future__ import annotations

import functools
import hashlib
import html
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patheffects import withStroke

from ..analysis import reorg
from ..analysis.verdicts import headline_states
from ..base.outputs import write_text_atomic
from ..dataset import units
from ..dataset.model import has_district
from ..errors import DataError
from ..scoring.scorecard import Scorecard
from ..text import (
    MAP_LABELS,
    STATES,
    TIERS,
    date_text,
    label,
    state_text,
    tier_name,
    tier_order,
    tier_rank,
    vi_sort_key,
)
from ..text.states import STATE_MARKERS, tier_marker
from ..version import __version__

FONT = "DejaVu Sans"


def map_marks(tiers=TIERS) -> dict:
    """mark -> (colour, marker, filled): a tier reached and recognised ('ntm'), reached by the
    results only ('ntm/reached', hollow), highest tier first, then the other states; told apart by
    shape as well as colour. `tiers`: those of the ladder drawn (a tier no table names is drawn in
    the colour and shape of its rank)."""
    out = {}
    tiers = sorted(tiers, key=tier_order, reverse=True)
    for tier in tiers:
        out[tier] = (*tier_marker(tier), True)
    for tier in tiers:
        out[f"{tier}/reached"] = (*tier_marker(tier), False)
    for state in (*STATES, "not_assessed"):
        if state in STATE_MARKERS:
            out[state] = (*STATE_MARKERS[state], True)
    return out


STYLE = map_marks()
HIGHLIGHT = "#ef8f00"
_TYPES = re.compile(r"^(xã|phường|thị trấn)\s+", re.IGNORECASE)


def short_name(name: str) -> str:
    """'Thị trấn Vĩnh Trụ' -> 'Vĩnh Trụ': the label of a marker."""
    return _TYPES.sub("", str(name).strip())


def points(card: Scorecard, year: int, commune_ids=None) -> pd.DataFrame:
    """One row per commune of communes.csv that existed in `year` (of `commune_ids` when given): commune_id, commune,
    label (short name), lat, lon (NaN when unknown), south, west, north, east (its bounding box,
    NaN when unknown), tier (the highest tier reached in `year`, '' for none, 'not_assessed'),
    state and state_tier (verdicts.headline_states: the commune's state and the tier it is at;
    'not_assessed' and '' for a commune not scored), mark (the marker: the tier when maintained,
    'tier/reached' when reached by the results only, else the state), criteria_met and
    criteria_total of the NTM set (NaN when not scored), source ('communes.csv',
    'vietnamadminunits' or '')."""
    ds = card.dataset
    c = ds.communes[ds.existing([year])]  # the units of that year (a reorganisation's dates, crosswalk.csv)
    if commune_ids is not None:
        c = c[c["commune_id"].isin(list(commune_ids))]
    out = pd.DataFrame({"commune_id": c["commune_id"].to_numpy(), "commune": c["commune"].to_numpy()})
    out["label"] = out["commune"].map(short_name)
    for col in ("lat", "lon", "south", "west", "north", "east"):
        out[col] = pd.to_numeric(c[col], errors="coerce").to_numpy() if col in c.columns else np.nan
    out["source"] = np.where(out["lat"].notna() & out["lon"].notna(), ds.file_name("communes"), "")
    try:
        official = units.coordinates(out["commune_id"])
    except DataError:  # the official list is not installed: communes.csv's coordinates only
        official = pd.DataFrame(columns=["lat", "lon", "south", "west", "north", "east"])
    have = out["source"] != ""
    for col in official.columns:
        value = out["commune_id"].map(official[col])
        out[col] = out[col].where(have if col in ("lat", "lon") else out[col].notna(), value)
    out.loc[~have & out["lat"].notna(), "source"] = units.SOURCE
    r = card.communes[card.communes["year"] == year]
    # '' for an assessed commune that reaches no tier (NA in the scores); communes not scored: not_assessed
    reached = r.drop_duplicates("commune_id").set_index("commune_id")["tier_reached"].astype(object).fillna("")
    ntm = r[r["tier"] == "ntm"].drop_duplicates("commune_id").set_index("commune_id")
    out["tier"] = out["commune_id"].map(reached).fillna("not_assessed")
    head = headline_states(card, year).set_index("commune_id") if len(r) else pd.DataFrame(columns=["tier", "state"])
    out["state"] = out["commune_id"].map(head["state"]).fillna("not_assessed")
    out["state_tier"] = out["commune_id"].map(head["tier"]).fillna("")
    out["mark"] = [t if s == "maintained" else f"{t}/reached" if s == "reached" else s
                   for s, t in zip(out["state"], out["state_tier"])]
    out["criteria_met"] = out["commune_id"].map(ntm["criteria_met"])
    out["criteria_total"] = out["commune_id"].map(ntm["criteria_total"])
    return out


def _hull(p: pd.DataFrame) -> np.ndarray | None:
    """The convex hull (lon, lat ring) of the units' bounding boxes, or of their points when no box is known."""
    try:
        from shapely.geometry import MultiPoint  # installed with vietnamadminunits (ntmlib[units])
    except ImportError:
        return None
    boxes = p.dropna(subset=["south", "west", "north", "east"])
    corners = [(w, s) for w, s in zip(boxes["west"], boxes["south"])] + \
              [(e, s) for e, s in zip(boxes["east"], boxes["south"])] + \
              [(e, n) for e, n in zip(boxes["east"], boxes["north"])] + \
              [(w, n) for w, n in zip(boxes["west"], boxes["north"])]
    if not corners:
        at = p.dropna(subset=["lon", "lat"])
        corners = list(zip(at["lon"], at["lat"]))
    if len(corners) < 3:
        return None
    hull = MultiPoint(corners).convex_hull
    return np.asarray(hull.exterior.coords) if hull.geom_type == "Polygon" else None


# where a label goes beside its marker, in points, tried in this order until it overlaps no other label
_SPOTS = (((4, 3), "left", "bottom"), ((4, -3), "left", "top"), ((-4, 3), "right", "bottom"),
          ((-4, -3), "right", "top"))


NUMBER_SIZE = 15  # the numbers a phone shows in place of the names (points; a name is 8)


def numbering(labels) -> list[int]:
    """1, 2, … in the Vietnamese alphabetical order of `labels` (ties in their order): the numbers
    a map shows on a phone, and its key under the map."""
    labels = list(labels)
    out = [0] * len(labels)
    for n, k in enumerate(sorted(range(len(labels)), key=lambda k: (vi_sort_key(labels[k]), k)), 1):
        out[k] = n
    return out


def _labels(fig, ax, placed: pd.DataFrame, avoid=()) -> None:
    """Write each commune's short name beside its marker: to the upper right, else the first of the
    other corners where it overlaps no name written before it nor the texts `avoid` (the upper
    right when none is free). Its number (numbering) is written the same way, larger, for a
    phone: the page's style shows the names or the numbers (_figure)."""
    ax.apply_aspect()
    renderer = fig.canvas.get_renderer()
    names = list(placed["label"])
    partial = any(not n for n in names)  # a crowded map names some communes only: no numbers then
    numbers = ["" if partial else str(n) for n in numbering(names)]
    for texts, size, kind in ((placed["label"], 8, "ntm-name"), (numbers, NUMBER_SIZE, "ntm-no")):
        taken = [a.get_window_extent(renderer) for a in avoid]
        style = {"fontsize": size, "color": "#212121", "zorder": 4, "gid": kind}
        if kind == "ntm-no":
            # on a light box rather than a stroke: a stroke would write the number as outlines, not text
            style.update(fontweight="bold", bbox={"boxstyle": "square,pad=0.05", "fc": "white", "ec": "none",
                                                  "alpha": 0.7})
        for lab, lon, lat in zip(texts, placed["lon"], placed["lat"]):
            if not lab:  # a commune the map does not name
                continue
            for k, (offset, ha, va) in enumerate(_SPOTS):
                t = ax.annotate(lab, (lon, lat), xytext=offset, textcoords="offset points", ha=ha, va=va, **style)
                box = t.get_window_extent(renderer).expanded(1.02, 1.05)
                if not any(box.overlaps(b) for b in taken) or k == len(_SPOTS) - 1:
                    if k == len(_SPOTS) - 1 and any(box.overlaps(b) for b in taken):
                        t.remove()
                        t = ax.annotate(lab, (lon, lat), xytext=_SPOTS[0][0], textcoords="offset points",
                                        ha="left", va="bottom", **style)
                        box = t.get_window_extent(renderer)
                    taken.append(box)
                    break
                t.remove()


@dataclass(frozen=True)
class MapSvg:
    """A drawn map: its SVG text and the affine from (lon, lat) to SVG user units."""

    svg: str
    scale: tuple[float, float]
    offset: tuple[float, float]

    def position(self, lon: float, lat: float) -> tuple[float, float]:
        """Where (lon, lat) is in the SVG's coordinates."""
        return lon * self.scale[0] + self.offset[0], lat * self.scale[1] + self.offset[1]


@functools.lru_cache(maxsize=64)
def _draw(title: str, rows: tuple, groups: tuple, lang: str, labels: bool = True) -> MapSvg:
    """Draw a map once: rows are (label, lon, lat, mark, south, west, north, east); groups are
    (name, ((lon, lat), ...)) outlines drawn dashed; the communes' names written when `labels`.
    Cached on its contents."""
    p = pd.DataFrame(list(rows), columns=["label", "lon", "lat", "mark", "south", "west", "north", "east"])
    placed = p.dropna(subset=["lon", "lat"])
    with mpl.rc_context({"font.family": FONT, "font.size": 9, "svg.fonttype": "none", "svg.hashsalt": "ntmlib"}):
        fig = Figure(figsize=(5.6, 5.4))
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.02, 0.17, 0.96, 0.76))
        ax.set_axis_off()
        fig.text(0.02, 0.97, title, ha="left", va="top", fontsize=11, fontweight="bold", gid="ntm-title")
        ring = _hull(p)
        if ring is not None:
            ax.fill(ring[:, 0], ring[:, 1], facecolor="#f5f5f0", edgecolor="#757575", linewidth=1.0, zorder=0)
        names = []  # the groups' names: the communes' names keep off them
        for name, outline in groups:
            o = np.asarray(outline)
            ax.plot(o[:, 0], o[:, 1], color="#5d4037", linewidth=0.9, linestyle="--", zorder=1)
            names.append(ax.text(o[:, 0].mean(), o[:, 1].max(), name, ha="center", va="bottom", fontsize=8.5,
                                 style="italic", fontweight="bold", color="#5d4037", zorder=1))
        handles = []
        drawn = {m.partition("/")[0] for m in placed["mark"]} - set(STYLE)
        for mark, (colour, marker, filled) in (map_marks((*TIERS, *drawn)) if drawn else STYLE).items():
            t = placed[placed["mark"] == mark]
            if t.empty:
                continue
            face, edge = (colour, "white") if filled else ("white", colour)
            ax.scatter(t["lon"], t["lat"], s=130 if marker == "*" else 46, c=face, marker=marker,
                       edgecolors=edge, linewidths=0.8 if filled else 1.6, zorder=3)
            handles.append(Line2D([], [], linestyle="", marker=marker, markersize=11 if marker == "*" else 6.5,
                                  markerfacecolor=face, markeredgecolor=edge, markeredgewidth=1 if filled else 1.6,
                                  label=f"{mark_name(mark, lang)} ({len(t)})"))
        mid = float(placed["lat"].mean()) if len(placed) else 16.0
        ax.set_aspect(1 / np.cos(np.radians(mid)), adjustable="datalim")
        ax.margins(0.08)
        if labels:
            _labels(fig, ax, placed, names)
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.0), ncol=2, frameon=False,
                   fontsize=8.5, title=label(MAP_LABELS, "legend", lang), title_fontsize=8.5,
                   alignment="left").set_gid("ntm-legend")
        missing = p[p["lon"].isna() | p["lat"].isna()]
        if len(missing):
            fig.text(0.98, 0.01, label(MAP_LABELS, "no_coordinates", lang, names=", ".join(missing["label"])),
                     ha="right", va="bottom", fontsize=7.5, color="#b71c1c", wrap=True, gid="ntm-legend")
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Creator": None, "Date": None})
    # (lon, lat) -> display pixels -> SVG points (72 per inch, y down)
    k = 72 / fig.dpi
    height = fig.bbox.height
    (x0, y0), (x1, y1) = ax.transData.transform([(0.0, 0.0), (1.0, 1.0)])
    scale = ((x1 - x0) * k, -(y1 - y0) * k)
    offset = (x0 * k, (height - y0) * k)
    return MapSvg(_inline(buf.getvalue(), _crop(fig, ax)), scale, offset)


def mark_name(mark: str, lang: str) -> str:
    """A legend entry: 'NTM kiểu mẫu: đạt, đã công nhận', 'Đã công nhận nhưng chưa duy trì'."""
    tier, _, reached = mark.partition("/")
    if tier_rank(tier):
        return label(MAP_LABELS, "tier", lang, tier=tier_name(tier, lang),
                     state=state_text("reached" if reached else "maintained", lang, short=True).lower())
    return label(MAP_LABELS, "not_assessed", lang) if mark == "not_assessed" else state_text(mark, lang)


def _crop(fig, ax) -> tuple[float, float]:
    """The bands above and below the map's axes (the title; the legend), as percentages of the
    figure's width: what a phone's page cuts off, the key under the map saying the same."""
    w, h = fig.get_size_inches()
    box = ax.get_position()
    return round((1 - box.y1) * h / w * 100 - 0.5, 2), round(box.y0 * h / w * 100 - 0.5, 2)


_GID = re.compile(r'<g id="(ntm-(?:name|no|legend|title))(?:_\d+)?">')


def _inline(svg: str, crop: tuple[float, float] = (0, 0)) -> str:
    """The SVG for an HTML page: no XML prolog, scaled to the width of the page; the names, numbers,
    title and legend as classes the page's style shows or hides, and the bands a phone cuts off
    (_crop) as style properties."""
    svg = _GID.sub(r'<g class="\1">', svg[svg.index("<svg"):])
    return re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"',
                  rf'<svg \1style="width:100%;max-width:640px;height:auto;--ntm-top:-{crop[0]}%;'
                  rf'--ntm-bottom:-{crop[1]}%"', svg, count=1)


def area_map_svg(card: Scorecard, year: int, commune_ids, title: str, lang: str = "vi",
                 groups: tuple = (), labels: bool = True) -> MapSvg:
    """The map of the communes `commune_ids` in `year` (drawn once for the same contents)."""
    p = points(card, year, commune_ids)
    rows = tuple((r.label, _num(r.lon), _num(r.lat), r.mark, _num(r.south), _num(r.west), _num(r.north),
                  _num(r.east)) for r in p.itertuples())
    return _draw(title, rows, tuple(groups), lang, labels)


def _num(x) -> float:
    return float(x) if pd.notna(x) else float("nan")


def highlighted(m: MapSvg, lon: float, lat: float, title: str | None = None, old_title: str | None = None) -> str:
    """The map's SVG with a ring at (lon, lat) and, when given, `title` in place of `old_title`: no
    drawing, a few hundred bytes changed."""
    svg = m.svg
    if title and old_title:
        svg = svg.replace(f">{html.escape(old_title, quote=False)}<", f">{html.escape(title, quote=False)}<", 1)
    if not (np.isfinite(lon) and np.isfinite(lat)):
        return svg
    x, y = m.position(lon, lat)
    mark = (f'<g id="ntm-highlight"><circle cx="{x:.2f}" cy="{y:.2f}" r="12" fill="{HIGHLIGHT}" fill-opacity="0.18" '
            f'stroke="{HIGHLIGHT}" stroke-width="3.5"/></g>')
    return svg.replace("</svg>", mark + "</svg>", 1)


def group_outlines(card: Scorecard, groups: dict) -> tuple:
    """(name, outline) per group of commune ids (the predecessors of each new commune): the convex
    hull of their points, widened a little, for area_map_svg(groups=...)."""
    try:
        from shapely.geometry import MultiPoint  # installed with vietnamadminunits (ntmlib[units])
    except ImportError:
        return ()
    out = []
    p = points(card, card.years[-1]) if len(card.years) else None
    for name, ids in groups.items():
        at = p[p["commune_id"].isin(list(ids))].dropna(subset=["lon", "lat"]) if p is not None else ()
        if len(at):
            shape = MultiPoint(list(zip(at["lon"], at["lat"]))).convex_hull.buffer(0.006)
            out.append((name, tuple(map(tuple, np.round(np.asarray(shape.exterior.coords), 6)))))
    return tuple(out)


# --------------------------------------------------------------------------- the maps of the reports

_DISTRICT_MAPS: dict = {}  # key (see _key) -> (MapSvg, points)
_KEEP = 64
FORMAT = 3  # of the maps kept on disk
CACHE_ENV = "NTM_MAP_CACHE"  # the folder of the maps kept on disk ('' for none); default: the system's temp folder


def _stamps(files) -> tuple:
    return tuple((str(f), os.stat(f).st_mtime_ns if os.path.exists(f) else 0) for f in files)


def _key(card: Scorecard, district: str | tuple, year: int, lang: str) -> tuple:
    """What a district's map depends on: the dataset's files and the criteria sets' files (with
    their modification times), the communes scored, the district, year and language, whether the
    official list is installed (it gives the coordinates) and the code that draws it."""
    p = card.provenance
    data = _stamps(p.data_files) if p is not None else ()
    sets = tuple((sid, _stamps(files)) for sid, files in sorted(p.set_files.items())) if p is not None else ()
    return (str(card.dataset.path), data, sets, tuple(card.communes["commune_id"].unique()), district, int(year),
            lang, __version__, FORMAT, units.available(), _stamps([__file__, units.__file__]))


def _disk_path(key: tuple) -> Path | None:
    folder = os.environ.get(CACHE_ENV)
    if folder == "":
        return None
    folder = Path(folder) if folder else Path(tempfile.gettempdir()) / "ntmlib-maps"
    return folder / (hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:32] + ".json")


def _read_disk(path: Path | None):
    if path is None or not path.is_file():
        return None
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        points = pd.DataFrame(d["points"], columns=d.get("columns"))  # an empty table keeps its columns
        return MapSvg(d["svg"], tuple(d["scale"]), tuple(d["offset"])), points
    except (OSError, ValueError, KeyError):
        return None


def _write_disk(path: Path | None, m: MapSvg, p: pd.DataFrame) -> None:
    if path is None:
        return
    payload = {"svg": m.svg, "scale": m.scale, "offset": m.offset,
               "points": json.loads(p.to_json(orient="records", force_ascii=False)), "columns": list(p.columns)}
    try:
        write_text_atomic(path, json.dumps(payload, ensure_ascii=False))
    except (OSError, DataError):  # a cache: not writing it only costs the next kernel a drawing
        pass


def district_map(card: Scorecard, year: int, district: str, lang: str = "vi",
                 province: str | None = None) -> tuple[MapSvg, pd.DataFrame]:
    """The map of a district's communes in `year` and its points() table, drawn once per dataset,
    district, year and language: kept in the process and on disk (the system's temp folder, or
    NTM_MAP_CACHE), so that the other kernels of a batch read it instead of drawing it again and
    the commune reports of the district reuse it. For the units without a district (the map of
    1 July 2025), `province` keeps it to that province's."""
    c = card.dataset.communes
    mine = c["district"] == district
    title = label(MAP_LABELS, "district_title", lang, district=district, year=year)
    if province is not None and not has_district(district):
        mine &= c["province"] == province
        key = _key(card, (district, province), year, lang)
        title = label(MAP_LABELS, "province_title", lang, province=province, year=year)
    else:
        key = _key(card, district, year, lang)
    if key not in _DISTRICT_MAPS:
        path = _disk_path(key)
        kept = _read_disk(path)
        if kept is None:
            ids = c.loc[mine, "commune_id"]
            p = points(card, year, ids)
            kept = (area_map_svg(card, year, ids, title, lang), p)
            _write_disk(path, *kept)
        if len(_DISTRICT_MAPS) >= _KEEP:
            _DISTRICT_MAPS.pop(next(iter(_DISTRICT_MAPS)))
        _DISTRICT_MAPS[key] = kept
    return _DISTRICT_MAPS[key]


def _caption(p: pd.DataFrame, year: int, lang: str) -> str:
    sources = ", ".join(s for s in dict.fromkeys(p["source"]) if s)
    return label(MAP_LABELS, "caption", lang, sources=sources, year=year)


# On a phone (at most 600 px wide) a map's names, title and legend would be 5-7 px: the map shows
# numbers instead, its title and legend bands are cut off, and the key under it names each number's
# commune, grouped as the legend groups them. Wider screens and print show the map as drawn.
MAP_CSS = """<style>
.ntm-map .ntm-no,.ntm-mapkey{display:none}
.ntm-mapkey{font-size:14px;line-height:1.45;margin:4px 0 6px}
.ntm-mapkey ul{list-style:none;padding:0;margin:4px 0}.ntm-mapkey li{margin:3px 0}
.ntm-mapkey .ntm-sym{font-size:16px;margin-right:4px}.ntm-mapkey b{font-weight:700}
@media (max-width:600px){
 .ntm-mapbox{overflow:hidden}
 .ntm-map svg{display:block;margin:var(--ntm-top,0) 0 var(--ntm-bottom,0)}
 .ntm-map .ntm-name,.ntm-map .ntm-legend,.ntm-map .ntm-title{display:none}
 .ntm-map .ntm-no{display:inline}.ntm-mapkey{display:block}}
@media print{.ntm-mapkey{display:none!important}}
</style>"""

# a legend's marker as a character, filled and hollow
_GLYPHS = {"o": "●○", "s": "■□", "^": "▲△", "v": "▼▽", "*": "★☆", "D": "◆◇", "P": "✚✚", "X": "✖✖", "h": "⬢⬡",
           "<": "◀◁", ">": "▶▷"}


def _key_html(title: str, entries: list, missing: list[str], lang: str) -> str:
    """The key a phone shows under a map: its title, then per legend entry (colour, marker, filled,
    name, count, [(number, commune, ringed)]) the numbers and names of its communes (none when the
    map is too crowded to number them); the communes not drawn."""
    e = html.escape
    items = "".join(
        f'<li><span class="ntm-sym" style="color:{colour}" aria-hidden="true">'
        f'{_GLYPHS.get(marker, "●○")[0 if filled else 1]}</span>{e(name)} ({count})'
        + (": " if communes else "")
        + ", ".join((f"<b>{n} {e(c)}</b>" if ringed else f"{n} {e(c)}") for n, c, ringed in communes) + "</li>"
        for colour, marker, filled, name, count, communes in entries)
    gone = (f"<p>{e(label(MAP_LABELS, 'no_coordinates', lang, names=', '.join(missing)))}</p>" if missing else "")
    return (f'<div class="ntm-mapkey"><p><b>{e(title)}</b><br>{e(label(MAP_LABELS, "key", lang))}</p>'
            f"<ul>{items}</ul>{gone}</div>")


_STATE_ENTRIES: dict = {}  # id of a points table -> (that table, lang, numbered, its key's entries, unplaced)


def _state_entries(p: pd.DataFrame, lang: str, numbered: bool) -> tuple[list, list[str]]:
    """The entries of a map of states' key, in the legend's order, with each commune's number,
    name and id; and the communes not placed. Worked out once per points table kept with its map
    (_DISTRICT_MAPS): the commune reports of a district share its map, and its key but for the
    commune ringed."""
    kept = _STATE_ENTRIES.get(id(p))
    if kept is not None and kept[0] is p and kept[1:3] == (lang, numbered):
        return kept[3], kept[4]
    placed = p.dropna(subset=["lon", "lat"]).assign(n=lambda t: numbering(t["label"]))
    entries = []
    for mark, (colour, marker, filled) in STYLE.items():
        t = placed[placed["mark"] == mark].sort_values("n")
        if len(t):
            entries.append((colour, marker, filled, mark_name(mark, lang), len(t),
                            list(zip(t["n"], t["label"], t["commune_id"])) if numbered else []))
    missing = list(p.loc[p["lon"].isna() | p["lat"].isna(), "label"])
    if any(p is q for _, q in _DISTRICT_MAPS.values()):  # only a table kept with its map is asked for again
        if len(_STATE_ENTRIES) >= _KEEP:
            _STATE_ENTRIES.pop(next(iter(_STATE_ENTRIES)))
        _STATE_ENTRIES[id(p)] = (p, lang, numbered, entries, missing)
    return entries, missing


def _state_key(p: pd.DataFrame, title: str, lang: str, ringed: str | None = None, numbered: bool = True) -> str:
    """The key of a map of states (_draw): one entry per legend entry, in the legend's order."""
    entries, missing = _state_entries(p, lang, numbered)
    return _key_html(title, [(colour, marker, filled, name, count, [(n, c, cid == ringed) for n, c, cid in communes])
                             for colour, marker, filled, name, count, communes in entries], missing, lang)


def _figure(svg: str, caption: str, alt: str, key: str = "") -> str:
    """The map as a figure: the SVG an image named by its title (role="img", aria-label), the key a
    phone shows in place of its names and legend, and the caption."""
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(alt)}" ', 1)
    return (f'{MAP_CSS}<figure class="ntm-map" style="margin:0"><div class="ntm-mapbox">{svg}</div>{key}'
            f'<figcaption style="font-size:0.85em;color:#555">{html.escape(caption)}</figcaption></figure>')


def district_map_html(card: Scorecard, year: int, district: str, lang: str = "vi") -> str:
    """The district report's map as HTML: the SVG and a caption saying where the points come from."""
    m, p = district_map(card, year, district, lang)
    if p["lat"].isna().all():
        return f"<p>{html.escape(label(MAP_LABELS, 'no_map', lang))}</p>"
    title = label(MAP_LABELS, "district_title", lang, district=district, year=year)
    return _figure(m.svg, _caption(p, year, lang), title, _state_key(p, title, lang))


def commune_map_html(card: Scorecard, year: int, commune_id: str, lang: str = "vi") -> str:
    """The commune report's map: its district's map (drawn once per district; for a unit without a
    district, its province's units without one) with the commune ringed and named."""
    info = card.dataset.communes.set_index("commune_id").loc[commune_id]
    m, p = district_map(card, year, info["district"], lang, province=info["province"])
    if p["lat"].isna().all():
        return f"<p>{html.escape(label(MAP_LABELS, 'no_map', lang))}</p>"
    row = p[p["commune_id"] == commune_id].iloc[0]
    if has_district(info["district"]):
        title = label(MAP_LABELS, "commune_title", lang, commune=info["commune"], district=info["district"])
        whole = label(MAP_LABELS, "district_title", lang, district=info["district"], year=year)
    else:  # a unit of 2025 on: its province's units without a district
        title = label(MAP_LABELS, "commune_in_province_title", lang, commune=info["commune"],
                      province=info["province"])
        whole = label(MAP_LABELS, "province_title", lang, province=info["province"], year=year)
    svg = highlighted(m, row["lon"], row["lat"], title, whole)
    caption = _caption(p, year, lang)
    if pd.isna(row["lat"]):
        caption += " " + label(MAP_LABELS, "no_coordinates", lang, names=row["label"])
    return _figure(svg, caption, title, _state_key(p, title, lang, ringed=commune_id))


def new_commune_map_html(card: Scorecard, year: int, name: str, effective: str, predecessor_ids,
                         lang: str = "vi") -> str:
    """A new commune's map: the districts of its predecessors, the predecessors' points grouped
    by a dashed outline (the convex hull of their bounding boxes)."""
    c = card.dataset.communes
    ids = list(predecessor_ids)
    districts = list(dict.fromkeys(c.loc[c["commune_id"].isin(ids), "district"]))
    area = c.loc[c["district"].isin(districts), "commune_id"]
    p = points(card, year, area)
    if p["lat"].isna().all():
        return f"<p>{html.escape(label(MAP_LABELS, 'no_map', lang))}</p>"
    groups = group_outlines(card, {name: ids})
    title = label(MAP_LABELS, "new_title", lang, commune=name, date=effective)
    m = area_map_svg(card, year, area, title, lang, groups)
    caption = _caption(p, year, lang) + " " + label(MAP_LABELS, "caption_new", lang, commune=name)
    return _figure(m.svg, caption, title, _state_key(p, title, lang))


GROUP_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
                 "#7f7f7f", "#bcbd22")
GROUP_MARKERS = ("o", "s", "^", "D", "v", "P", "h", "X", "<", ">")


@functools.lru_cache(maxsize=16)
def _draw_groups(title: str, rows: tuple, lang: str) -> MapSvg:
    """Draw the old communes coloured and shaped by the new commune they joined, each new commune's
    points shaded by their convex hull and named at its centre: rows are (label, lon, lat, group,
    south, west, north, east)."""
    from shapely.geometry import MultiPoint

    p = pd.DataFrame(list(rows), columns=["label", "lon", "lat", "group", "south", "west", "north", "east"])
    placed = p.dropna(subset=["lon", "lat"])
    legend_rows = -(-placed["group"].nunique() // 3)
    height = 4.6 + 0.22 * legend_rows  # inches: the map, then the legend's rows
    with mpl.rc_context({"font.family": FONT, "font.size": 9, "svg.fonttype": "none", "svg.hashsalt": "ntmlib"}):
        fig = Figure(figsize=(5.6, height))
        FigureCanvasAgg(fig)
        bottom = (0.45 + 0.22 * legend_rows) / height
        ax = fig.add_axes((0.02, bottom, 0.96, 1 - bottom - 0.35 / height))
        ax.set_axis_off()
        fig.text(0.02, 1 - 0.1 / height, title, ha="left", va="top", fontsize=11, fontweight="bold",
                 gid="ntm-title")
        ring = _hull(p)
        if ring is not None:
            ax.fill(ring[:, 0], ring[:, 1], facecolor="#f5f5f0", edgecolor="#757575", linewidth=1.0, zorder=0)
        handles, names = [], []
        for k, (group, g) in enumerate(placed.groupby("group", sort=False)):
            colour, marker = GROUP_COLOURS[k % len(GROUP_COLOURS)], GROUP_MARKERS[k % len(GROUP_MARKERS)]
            shape = MultiPoint(list(zip(g["lon"], g["lat"]))).convex_hull.buffer(0.004)
            xy = np.asarray(shape.exterior.coords)
            ax.fill(xy[:, 0], xy[:, 1], facecolor=colour, alpha=0.13, edgecolor=colour, linewidth=1.0, zorder=1)
            ax.scatter(g["lon"], g["lat"], s=46, c=colour, marker=marker, edgecolors="white", linewidths=0.8, zorder=3)
            names.append(ax.annotate(group, (shape.centroid.x, shape.bounds[1]), xytext=(0, -2),
                                     textcoords="offset points", ha="center", va="top", fontsize=9, fontweight="bold",
                                     color=colour, zorder=5, gid="ntm-name",  # the key names it on a phone
                                     path_effects=[withStroke(linewidth=2.5, foreground="white")]))
            handles.append(Line2D([], [], linestyle="", marker=marker, markersize=6.5, markerfacecolor=colour,
                                  markeredgecolor="white", label=f"{group} ({len(g)})"))
        mid = float(placed["lat"].mean()) if len(placed) else 16.0
        ax.set_aspect(1 / np.cos(np.radians(mid)), adjustable="datalim")
        ax.margins(0.08)
        _labels(fig, ax, placed, names)
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.0), ncol=3, frameon=False,
                   fontsize=8.5, title=label(MAP_LABELS, "groups_legend", lang), title_fontsize=8.5,
                   alignment="left").set_gid("ntm-legend")
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Creator": None, "Date": None})
    k = 72 / fig.dpi
    (x0, y0), (x1, y1) = ax.transData.transform([(0.0, 0.0), (1.0, 1.0)])
    return MapSvg(_inline(buf.getvalue(), _crop(fig, ax)), ((x1 - x0) * k, -(y1 - y0) * k),
                  (x0 * k, (fig.bbox.height - y0) * k))


def new_communes_map_html(card: Scorecard, year: int, district: str, lang: str = "vi") -> str:
    """The district's old communes coloured by the new commune each joined (crosswalk.csv; a divided
    commune by its default successor), each new commune shaded; '' when the crosswalk has none of
    this district or no commune has coordinates."""
    c = card.dataset.communes
    ids = list(c.loc[c["district"] == district, "commune_id"])
    cw = reorg.new_communes(card.dataset)
    if cw.empty:
        return ""
    p = points(card, year, ids)
    joined = reorg.successor_names(card.dataset, p["commune_id"])
    p["group"] = [joined.get(str(i), "") for i in p["commune_id"]]
    p = p[p["group"] != ""]
    if p.empty or p["lat"].isna().all():
        return ""
    dates = ", ".join(date_text(d, lang) for d in dict.fromkeys(cw["effective"]))
    title = label(MAP_LABELS, "groups_title", lang, district=district, date=dates, n=p["group"].nunique())
    rows = tuple((r.label, _num(r.lon), _num(r.lat), r.group, _num(r.south), _num(r.west), _num(r.north),
                  _num(r.east)) for r in p.itertuples())
    m = _draw_groups(title, rows, lang)
    placed = p.dropna(subset=["lon", "lat"]).assign(n=lambda t: numbering(t["label"]))
    entries = [(GROUP_COLOURS[k % len(GROUP_COLOURS)], GROUP_MARKERS[k % len(GROUP_MARKERS)], True, group, len(g),
                [(n, c, False) for n, c in zip(g.sort_values("n")["n"], g.sort_values("n")["label"])])
               for k, (group, g) in enumerate(placed.groupby("group", sort=False))]
    key = _key_html(title, entries, list(p.loc[p["lon"].isna() | p["lat"].isna(), "label"]), lang)
    return _figure(m.svg, label(MAP_LABELS, "caption_groups", lang), title, key)


LABELLED = 60  # a map names all its communes when it has at most this many


def _outlines(p: pd.DataFrame, groups: dict) -> tuple:
    """group_outlines() from a points() table already made: (name, outline) per group of ids."""
    try:
        from shapely.geometry import MultiPoint  # installed with vietnamadminunits (ntmlib[units])
    except ImportError:
        return ()
    out = []
    for name, ids in groups.items():
        at = p[p["commune_id"].isin(list(ids))].dropna(subset=["lon", "lat"])
        if len(at):
            shape = MultiPoint(list(zip(at["lon"], at["lat"]))).convex_hull.buffer(0.006)
            out.append((name, tuple(map(tuple, np.round(np.asarray(shape.exterior.coords), 6)))))
    return tuple(out)


def province_map(card: Scorecard, year: int, province: str | None = None, lang: str = "vi",
                 named=None) -> tuple[MapSvg, pd.DataFrame, int]:
    """(the map, its points() table, how many communes it names) of a province's communes in
    `year`, drawn once per dataset, province, year, language and names: kept in the process and on
    disk as district_map() keeps a district's. The communes are named when there are at most
    LABELLED of them, else only those of `named` (ids)."""
    c = card.dataset.communes
    if province:
        c = c[c["province"] == province]
    only = tuple(sorted(map(str, named))) if named else None
    key = (*_key(card, f"tỉnh:{province or ''}", year, lang), only)
    if key not in _DISTRICT_MAPS:
        path = _disk_path(key)
        kept = _read_disk(path)
        if kept is None:
            p = points(card, year, c["commune_id"])  # once: the drawing and the outlines read it
            districts = {d: list(g["commune_id"]) for d, g in c.groupby("district", sort=False) if d}
            groups = _outlines(p, districts) if len(districts) > 1 else ()
            name = province or ", ".join(dict.fromkeys(c["province"]))
            title = label(MAP_LABELS, "province_title", lang, province=name, year=year)
            crowded = len(p) > LABELLED
            labels = p["label"]
            if crowded and only is not None:  # the others unnamed (still named under it without coordinates)
                labels = labels.where(p["commune_id"].astype(str).isin(set(only)) | p["lat"].isna()
                                      | p["lon"].isna(), "")
            rows = tuple((lab, _num(r.lon), _num(r.lat), r.mark, _num(r.south), _num(r.west), _num(r.north),
                          _num(r.east)) for lab, r in zip(labels, p.itertuples()))
            kept = (_draw(title, rows, groups, lang, not crowded or only is not None), p)
            _write_disk(path, *kept)
        if len(_DISTRICT_MAPS) >= _KEEP:
            _DISTRICT_MAPS.pop(next(iter(_DISTRICT_MAPS)))
        _DISTRICT_MAPS[key] = kept
    m, p = _DISTRICT_MAPS[key]
    n = len(p) if len(p) <= LABELLED else int(p["commune_id"].astype(str).isin(set(only or ())).sum())
    return m, p, n


def province_map_html(card: Scorecard, year: int, province: str | None = None, lang: str = "vi",
                      named=None) -> str:
    """The map of a province's communes (all of the dataset's when None) in `year`, coloured by
    the tier reached, each district outlined (dashed: the convex hull of its communes' points)
    and named; the communes are named when there are at most LABELLED of them, else only those
    of `named` (ids; the caption says which), so that the names stay readable."""
    m, p, n = province_map(card, year, province, lang, named)
    if p["lat"].isna().all():
        return f"<p>{html.escape(label(MAP_LABELS, 'no_map', lang))}</p>"
    name = province or ", ".join(dict.fromkeys(card.dataset.communes.loc[
        card.dataset.communes["commune_id"].isin(p["commune_id"]), "province"]))
    title = label(MAP_LABELS, "province_title", lang, province=name, year=year)
    caption = _caption(p, year, lang)
    crowded = len(p) > LABELLED
    if crowded and named:
        caption += " " + label(MAP_LABELS, "named_some", lang, n=n, total=len(p))
    return _figure(m.svg, caption, title, _state_key(p, title, lang, numbered=not crowded))

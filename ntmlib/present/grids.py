"""Two report figures as HTML instead of images: one commune's criteria grid and the communes ×
criteria heatmap of a district. They replaced matplotlib figures of the same facts: text reflows
on a phone, can be searched and copied, and costs a few milliseconds instead of a figure and its PNG.

Each function returns one self-contained fragment (a <figure> with its own <style>, no script,
no external file) for IPython.display.HTML in a report. All classes start with `ntm-`, and the
stylesheet (grid_css) is the same in every fragment, so fragments shown on one page do not
conflict; a heatmap adds only the rules sizing its table, under a class named after that size
(`ntm-hm-w968`). The grid reflows with CSS grid; the heatmap scrolls sideways inside a CSS
container when it does not fit, showing then a line and an edge shadow that say so. Results are
coloured met / not met / no data with the palette defined here (COLOURS, which ntmlib.present.plots
uses too) and always carry a symbol and a word as well (✓ Đạt, ✗ Chưa đạt, ? Chưa có số liệu), so
colour is never the only cue. Every name from the data is escaped; the text is NFC-normalised.
"""
from __future__ import annotations

import html
import unicodedata

import pandas as pd

from ..analysis.verdicts import criterion_changes, criterion_results, scored_row, scored_rows, set_states
from ..base.languages import check_lang
from ..criteria.criteria_set import CriteriaSet
from ..scoring.scorecard import Scorecard
from ..text import (
    GRID_LABELS,
    PLOT_LABELS,
    count_text,
    counts_text,
    label,
    localized,
    result_word,
    state_text,
    tier_name,
)
from ..text.states import STATE_COLOURS, STATE_SYMBOLS

# The palette of the results, also used by the figures of ntmlib.present.plots. Failures dark and
# saturated, passes light, no data grey and hatched: told apart by lightness and pattern as well as hue,
# so also by readers with red-green colour blindness. A criterion waiting on a missing threshold
# (no_threshold) is pale yellow and dotted.
COLOURS = {"met": "#81c784", "not_met": "#c62828", "no_data": "#9e9e9e", "no_threshold": "#fff59d"}
INK = {"met": "#1b1b1b", "not_met": "#ffffff", "no_data": "#1b1b1b", "no_threshold": "#1b1b1b"}  # text on each colour
SYMBOL = {"met": "✓", "not_met": "✗", "no_data": "?", "no_threshold": "∅"}
ALWAYS_SHOWN = ("met", "not_met", "no_data")  # in legends; no_threshold (undecided) only where it occurs
GAINED, LOST = "▲", "▼"
STRIPE = "#bdbdbd"  # the hatching of "no data" (plots: white lines): lighter than its grey, under dark ink
TEXT, MUTED, LINK, PAPER = "#1b1b1b", "#424242", "#0d47a1", "#ffffff"  # body text, captions, links, background
CSS_CLASS = {"met": "ntm-met", "not_met": "ntm-notmet", "no_data": "ntm-nodata", "no_threshold": "ntm-nothr"}


# heatmap column widths in px: commune names (on a narrow screen), one criterion, the count
NAME_W, NAME_W_NARROW, CELL_W, TOTAL_W = 150, 108, 40, 58
NARROW = 600  # px: a container this narrow or narrower gets the narrow name column
# the colour of a commune's state under its name (ntmlib.text.states)
STATE_CSS = " ".join(f".ntm-st-{k} {{ color: {c}; }}" for k, (c, _) in STATE_COLOURS.items())


# --------------------------------------------------------------------------- the stylesheet

_CSS = f"""
.ntm-grid, .ntm-heatmap {{ margin: 0 0 1.2em; padding: 0; max-width: 100%; color: {TEXT}; background: {PAPER};
  font-size: 14px; line-height: 1.35; text-align: left; print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
.ntm-grid figcaption, .ntm-heatmap figcaption {{ margin: 0 0 8px; }}
.ntm-title {{ display: block; font-size: 15px; font-weight: bold; }}
.ntm-sub {{ display: block; font-size: 13px; color: {MUTED}; }}
.ntm-met {{ background: {COLOURS['met']}; color: {INK['met']}; }}
.ntm-notmet {{ background: {COLOURS['not_met']}; color: {INK['not_met']}; }}
.ntm-nodata {{ background: {COLOURS['no_data']} repeating-linear-gradient(135deg, {COLOURS['no_data']} 0 5px,
  {STRIPE} 5px 8px); color: {INK['no_data']}; }}
.ntm-nothr {{ background: {COLOURS['no_threshold']} radial-gradient(#bdbdbd 1px, transparent 1.5px) 0 0 / 6px 6px;
  color: {INK['no_threshold']}; }}
.ntm-tiles {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 150px), 1fr)); gap: 6px;
  margin: 0; padding: 0; }}
.ntm-tile {{ display: flex; flex-direction: column; gap: 4px; min-width: 0; padding: 7px 9px 6px;
  border-radius: 6px; }}
.ntm-tile-top {{ display: flex; justify-content: space-between; align-items: baseline; gap: 6px; }}
.ntm-code {{ font-size: 16px; font-weight: bold; }}
.ntm-change {{ font-size: 16px; cursor: help; }}
.ntm-name {{ flex: 1 1 auto; font-size: 14px; overflow-wrap: anywhere; hyphens: auto; }}
.ntm-tile-foot {{ display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 8px; font-size: 13px; }}
.ntm-state {{ font-weight: bold; white-space: nowrap; }}
.ntm-legend {{ display: flex; flex-wrap: wrap; align-items: center; gap: 4px 16px; margin: 8px 0 0; padding: 0;
  font-size: 13px; color: {MUTED}; }}
.ntm-key {{ display: inline-flex; align-items: center; gap: 6px; }}
.ntm-swatch {{ display: inline-block; width: 20px; height: 20px; border-radius: 3px; font-size: 13px;
  line-height: 20px; text-align: center; font-weight: bold; }}
.ntm-arrow {{ display: inline-block; width: 20px; text-align: center; color: {TEXT}; }}
.ntm-note {{ flex-basis: 100%; }}
.ntm-hm-wrap {{ container: ntm-hm / inline-size; }}
.ntm-heatmap p.ntm-hint {{ display: none; margin: 0 0 4px; font-size: 13px; color: {MUTED}; text-align: center; }}
.ntm-hm-frame {{ position: relative; timeline-scope: --ntm-hm-x; }}
.ntm-scroll {{ overflow-x: auto; scroll-timeline: --ntm-hm-x x; }}
.ntm-scroll:focus-visible {{ outline: 2px solid {LINK}; outline-offset: 2px; }}
.ntm-edge {{ display: none; position: absolute; top: 0; right: 0; bottom: 0; width: 18px; pointer-events: none;
  background: linear-gradient(to right, rgba(0, 0, 0, 0), rgba(0, 0, 0, 0.25)); }}
@supports (animation-timeline: scroll()) {{
  .ntm-edge {{ animation: ntm-hm-fade linear both; animation-timeline: --ntm-hm-x; }}
  @keyframes ntm-hm-fade {{ 0%, 90% {{ opacity: 1; }} 100% {{ opacity: 0; }} }}
}}
.ntm-heatmap table.ntm-hm {{ table-layout: fixed; border-collapse: separate; border-spacing: 0;
  margin: 0; font-size: 13px; color: {TEXT}; }}
.ntm-heatmap table.ntm-hm col.ntm-col-name {{ width: {NAME_W}px; }}
.ntm-heatmap table.ntm-hm col.ntm-col-c {{ width: {CELL_W}px; }}
.ntm-heatmap table.ntm-hm col.ntm-col-total {{ width: {TOTAL_W}px; }}
.ntm-heatmap table.ntm-hm th, .ntm-heatmap table.ntm-hm td {{ padding: 4px 2px; border: 0;
  border-right: 2px solid {PAPER}; border-bottom: 2px solid {PAPER}; text-align: center; vertical-align: middle;
  line-height: 1.25; white-space: nowrap; max-width: none; }}
.ntm-heatmap table.ntm-hm thead {{ border: 0; }}
.ntm-heatmap table.ntm-hm thead th {{ vertical-align: bottom; background: {PAPER}; font-weight: bold;
  border-bottom: 2px solid {MUTED}; }}
.ntm-heatmap table.ntm-hm tbody tr, .ntm-heatmap table.ntm-hm tbody tr:hover {{ background: {PAPER}; }}
.ntm-heatmap table.ntm-hm .ntm-rowhead {{ position: sticky; left: 0; z-index: 1; background: {PAPER};
  padding: 4px 8px 4px 0; text-align: left; white-space: normal; overflow-wrap: anywhere; font-weight: normal;
  box-shadow: 1px 0 0 #e0e0e0; }}
.ntm-heatmap table.ntm-hm tbody tr:hover .ntm-rowhead {{ background: #e3ebf6; }}
.ntm-heatmap table.ntm-hm .ntm-total {{ font-weight: bold; text-align: center; }}
.ntm-heatmap .ntm-hm a:link, .ntm-heatmap .ntm-hm a:visited {{ color: {LINK}; text-decoration: underline; }}
.ntm-heatmap .ntm-hm abbr {{ text-decoration: none; border: 0; cursor: help; }}
.ntm-rstate {{ display: block; font-size: 12px; font-weight: bold; white-space: normal; }}
{STATE_CSS}
.ntm-size {{ display: block; font-size: 12px; font-weight: normal; color: {MUTED}; }}
.ntm-n {{ margin-left: 2px; }}
@container ntm-hm (max-width: {NARROW}px) {{
  .ntm-heatmap table.ntm-hm col.ntm-col-name {{ width: {NAME_W_NARROW}px; }}
}}
"""


_STYLE = " ".join(line.strip() for line in _CSS.strip().splitlines())


def grid_css() -> str:
    """The stylesheet every fragment of this module carries (without the <style> tags)."""
    return _STYLE


# --------------------------------------------------------------------------- helpers


def _e(text) -> str:
    """Text from data or labels, escaped for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _say(lang: str, key: str, table: dict = PLOT_LABELS, **fmt) -> str:
    return label(table, key, lang, **fmt)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _tier(tier: str, lang: str) -> dict:
    name = tier_name(tier, lang)
    return {"tier": name, "Tier": _upper_first(name)}


def _set_name(s: CriteriaSet, lang: str) -> str:
    return localized(s.name, s.name_en, lang)


def heatmap_order(rows: pd.DataFrame) -> pd.DataFrame:
    """The communes-table rows in the order of the heatmap (as plots.heatmap): most criteria met
    first, then most indicators met, then by name."""
    return rows.sort_values(["criteria_met", "indicators_met", "commune"], ascending=[False, False, True],
                            kind="stable").reset_index(drop=True)


def _figure(kind: str, body: str, lang: str, attrs: dict, extra_css: str = "") -> str:
    data = "".join(f' data-{k}="{_e(v)}"' for k, v in attrs.items())
    style = f"<style>{grid_css()}{extra_css}</style>"
    return _nfc(f'<figure class="ntm-{kind}" lang="{lang}"{data}>{style}{body}</figure>')


def _caption(title: str, sub: str) -> str:
    return (f'<figcaption><span class="ntm-title">{_e(title)}</span>'
            f'<span class="ntm-sub">{_e(sub)}</span></figcaption>')


def _legend_key(state: str, lang: str, count: int | None = None) -> str:
    text = result_word(state, lang) + (f" ({count})" if count is not None else "")
    return (f'<span class="ntm-key" data-state="{state}"><span class="ntm-swatch {CSS_CLASS[state]}" '
            f'aria-hidden="true">{SYMBOL[state]}</span>{_e(text)}</span>')


def _legend(keys: list[str], lang: str, note: str = "") -> str:
    note = f'<span class="ntm-note">{_e(note)}</span>' if note else ""
    return (f'<div class="ntm-legend" role="group" aria-label="{_e(_say(lang, "legend", GRID_LABELS))}">'
            f'{"".join(keys)}{note}</div>')


# --------------------------------------------------------------------------- the criteria grid


def criteria_grid_html(card: Scorecard, commune_id: str, year: int, set_id: str, previous_year: int | None = None,
                       lang: str = "vi") -> str:
    """One commune's criteria of one set as tiles that wrap to the width of the page: each with
    its code, name, indicators met ('3/3 chỉ tiêu') and result (✓ Đạt / ✗ Chưa đạt / ? Chưa có
    số liệu); ▲ / ▼ mark criteria gained or lost since `previous_year` when that year was
    scored. The same facts as plots.criteria_grid, as an HTML fragment."""
    check_lang(lang)
    s, y, r = scored_row(card, commune_id, year, set_id)
    cid = str(commune_id)
    results = criterion_results(card, y, set_id, cid)
    changes = criterion_changes(card, cid, set_id, y, previous_year)
    marks = {"gained": GAINED, "lost": LOST}
    tally = dict.fromkeys(COLOURS, 0)
    tiles = []
    for c in s.criteria:
        state, n_met, n_total = results.get((cid, c.code), ("no_data", 0, 0))
        tally[state] += 1
        change = (changes or {}).get(c.code)
        arrow, data_change = "", ""
        if change:
            words = _upper_first(_say(lang, change, year=int(previous_year)))
            arrow = (f'<span class="ntm-change" role="img" title="{_e(words)}" aria-label="{_e(words)}">'
                     f'{marks[change]}</span>')
            data_change = f' data-change="{change}"'
        tiles.append(
            f'<div class="ntm-tile {CSS_CLASS[state]}" role="listitem" data-criterion="{_e(c.code)}" '
            f'data-state="{state}" data-indicators="{n_met}/{n_total}"{data_change}>'
            f'<div class="ntm-tile-top"><span class="ntm-code">{_e(c.code)}</span>{arrow}</div>'
            f'<div class="ntm-name">{_e(localized(c.name, c.name_en, lang))}</div>'
            f'<div class="ntm-tile-foot"><span class="ntm-count">{_e(count_text(n_met, n_total, "indicators", lang))}'
            f'</span><span class="ntm-state"><span aria-hidden="true">{SYMBOL[state]}</span> '
            f'{_e(result_word(state, lang))}</span></div></div>')
    counts = counts_text(r["criteria_met"], r["criteria_total"], r["indicators_met"], r["indicators_total"], lang)
    title = _say(lang, "grid_title", place=_say(lang, "place", name=r["commune"]), year=y, **_tier(s.tier, lang))
    sub = f"{_say(lang, 'achieved', counts=counts)} · {_set_name(s, lang)}"
    keys = [_legend_key(state, lang, tally[state]) for state in COLOURS if state in ALWAYS_SHOWN or tally[state]]
    if changes is not None:
        keys += [f'<span class="ntm-key" data-change="{change}"><span class="ntm-arrow" aria-hidden="true">'
                 f'{marks[change]}</span>{_e(_say(lang, change, year=int(previous_year)))}</span>'
                 for change in ("gained", "lost")]
    body = (_caption(title, sub)
            + f'<div class="ntm-tiles" role="list" aria-label="{_e(_say(lang, "tiles", GRID_LABELS))}">'
            + "".join(tiles) + "</div>" + _legend(keys, lang))
    return _figure("grid", body, lang, {"commune": cid, "year": y, "set": set_id})


# --------------------------------------------------------------------------- the heatmap


def _sized(ncols: int) -> tuple[str, str]:
    """The class and the style rules that size a heatmap table of `ncols` criteria (table-layout
    fixed: the sum of its columns' widths) and show the scroll cue exactly when the table is wider
    than its container."""
    wide = NAME_W + ncols * CELL_W + TOTAL_W
    narrow = wide - NAME_W + NAME_W_NARROW
    key = f"ntm-hm-w{wide}"
    if narrow > NARROW:
        overflows = f"(max-width: {wide - 1}px)"
    else:
        overflows = f"(max-width: {narrow - 1}px)" + (
            f" or ((min-width: {NARROW + 1}px) and (max-width: {wide - 1}px))" if wide > NARROW + 1 else "")
    # more specific than the shared rules, which a later fragment on the page repeats
    at = f".ntm-heatmap .{key}"
    css = (f" {at} table.ntm-hm {{ width: {wide}px; }}"
           f" @container ntm-hm (max-width: {NARROW}px) {{ {at} table.ntm-hm {{ width: {narrow}px; }} }}"
           f" @container ntm-hm {overflows} {{ {at} p.ntm-hint, {at} .ntm-edge {{ display: block; }} }}")
    return key, css


def heatmap_html(card: Scorecard, year: int, set_id: str, lang: str = "vi",
                 links: dict[str, str] | None = None) -> str:
    """Communes (rows, most criteria met first, as plots.heatmap) × criteria of one set (columns)
    as an HTML table: each cell coloured met / not met / no data, with its symbol and the number
    of indicators met; the last column counts the criteria met. Commune names link to
    `links[commune_id]` when given. On a screen narrower than the table it scrolls sideways
    with the names kept in view, an edge shadow and a line saying so."""
    check_lang(lang)
    s, y, rows = scored_rows(card, year, set_id)
    rows = heatmap_order(rows)
    links = links or {}
    results = criterion_results(card, y, set_id)
    every_set = card.communes[card.communes["year"] == y]  # all sets: a commune without any value
    states = set_states(every_set)[every_set["set"] == s.id]
    # the commune's state at this tier, in the words of every page
    commune_states = dict(zip(every_set.loc[states.index, "commune_id"].astype(str), states))
    commune_states = [commune_states[str(cid)] for cid in rows["commune_id"]]
    sizes = pd.Series([i.criterion for i in s.indicators], dtype=object).value_counts()
    twice = rows["commune"].duplicated(keep=False)
    names = [f"{n} ({i})" if d else n for n, i, d in zip(rows["commune"], rows["commune_id"], twice)]
    crit_names = {c.code: localized(c.name, c.name_en, lang) for c in s.criteria}
    say = lambda key, **fmt: _say(lang, key, GRID_LABELS, **fmt)  # noqa: E731

    head = [f'<th scope="col" class="ntm-rowhead">{_e(say("commune"))}</th>']
    for c in s.criteria:
        n = int(sizes.get(c.code, 0))
        full = _e(say("column", code=c.code, name=crit_names[c.code], n=n))
        head.append(f'<th scope="col" title="{full}" data-criterion="{_e(c.code)}"><abbr title="{full}">'
                    f'{_e(c.code)}</abbr><span class="ntm-size">({n})</span></th>')
    head.append(f'<th scope="col" class="ntm-total">{_e(_say(lang, "met_column"))}</th>')

    body = []
    for name, r, st in zip(names, rows.itertuples(), commune_states):
        cid = str(r.commune_id)
        link = links.get(cid)
        shown = f'<a href="{_e(link)}">{_e(name)}</a>' if link else _e(name)
        shown += (f'<span class="ntm-rstate ntm-st-{st}" title="{_e(state_text(st, lang))}">'
                  f'<span aria-hidden="true">{STATE_SYMBOLS[st]}</span> {_e(state_text(st, lang, short=True))}</span>')
        cells = [f'<th scope="row" class="ntm-rowhead" data-commune-state="{st}">{shown}</th>']
        for c in s.criteria:
            state, n_met, n_total = results.get((r.commune_id, c.code), ("no_data", 0, 0))
            title = say("cell", commune=name, code=c.code, name=crit_names[c.code],
                        state=result_word(state, lang), indicators=count_text(n_met, n_total, "indicators",
                                                                                       lang))
            cells.append(f'<td class="{CSS_CLASS[state]}" data-criterion="{_e(c.code)}" data-state="{state}" '
                         f'data-indicators="{n_met}/{n_total}" title="{_e(title)}">{SYMBOL[state]}'
                         f'<span class="ntm-n">{n_met}</span></td>')
        total = counts_text(r.criteria_met, r.criteria_total, r.indicators_met, r.indicators_total, lang)
        cells.append(f'<td class="ntm-total" title="{_e(total)}">{r.criteria_met}/{r.criteria_total}</td>')
        body.append(f'<tr data-commune="{_e(cid)}">{"".join(cells)}</tr>')

    key, sized = _sized(len(s.criteria))
    cols = ('<colgroup><col class="ntm-col-name">' + '<col class="ntm-col-c">' * len(s.criteria)
            + '<col class="ntm-col-total"></colgroup>')
    table = (f'<table class="ntm-hm">{cols}<thead><tr>{"".join(head)}</tr></thead>'
             f'<tbody>{"".join(body)}</tbody></table>')
    wrap = (f'<div class="ntm-hm-wrap {key}"><p class="ntm-hint" aria-hidden="true">'
            f'{_e(say("scroll_hint"))}</p><div class="ntm-hm-frame">'
            f'<div class="ntm-scroll" tabindex="0" role="region" aria-label="{_e(say("table"))}">{table}</div>'
            '<div class="ntm-edge"></div></div></div>')
    title = _say(lang, "heat_title", year=y, **_tier(s.tier, lang))
    present = {state for state, _, _ in results.values()}
    legend = _legend([_legend_key(state, lang) for state in COLOURS if state in ALWAYS_SHOWN or state in present], lang,
                     _say(lang, "cell_note"))
    return _figure("heatmap", _caption(title, _set_name(s, lang)) + wrap + legend, lang,
                   {"year": y, "set": set_id}, sized)

"""HTML blocks of the reports that a table or a figure cannot say well: the verdict per criteria
set with its reason, the commune's next steps grouped by criterion, tables grouped under
headings, folded details, and the notice on provisional thresholds. Every text from data is
escaped; each block carries its own small style sheet so it also shows well in JupyterLab."""
from __future__ import annotations

import html
import re
from collections import namedtuple

import pandas as pd

from ..analysis.verdicts import Verdict
from ..criteria.criteria_set import CriteriaSet
from ..scoring.scorecard import threshold_text
from ..text import (
    EXPORT_LABELS,
    NO_THRESHOLD_TEXT,
    STEP_HEADERS,
    VERDICT_TEXT,
    counts_text,
    gap_text,
    join_names,
    label,
    localized,
    quantity_text,
    tier_name,
)
from ..text.states import STATE_COLOURS, STATE_SYMBOLS

STYLE = ("""<style>
.ntm-verdicts{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px;margin:8px 0 16px}
.ntm-verdict{border:1px solid #d0d5dd;border-left:6px solid var(--c);border-radius:6px;padding:10px 14px;
 background:var(--bg);font-size:15px;line-height:1.45}
.ntm-verdict h3{margin:0 0 4px;font-size:16px}
.ntm-verdict .ntm-counts{font-size:18px;font-weight:700;margin:2px 0}
.ntm-verdict .ntm-vstate{font-weight:700;color:var(--c)}
.ntm-verdict p{margin:4px 0}
""" + "".join(f".ntm-{k}{{--c:{c};--bg:{bg}}}\n" for k, (c, bg) in STATE_COLOURS.items())
 + """.ntm-scroll{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch;
 background:linear-gradient(to right,#fff 30%,rgba(255,255,255,0)),"""
"""linear-gradient(to left,#fff 30%,rgba(255,255,255,0)) 100% 0,
 radial-gradient(farthest-side at 0 50%,rgba(0,0,0,.2),rgba(0,0,0,0)),"""
"""radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.2),rgba(0,0,0,0)) 100% 0;
 background-repeat:no-repeat;background-size:40px 100%,40px 100%,14px 100%,14px 100%;"""
"""background-attachment:local,local,scroll,scroll}
table.ntm-steps{border-collapse:collapse;font-size:14px;width:100%;table-layout:auto}
table.ntm-steps th,table.ntm-steps td{padding:5px 8px;border-bottom:1px solid #e4e7ec;text-align:left!important;
 vertical-align:top}
table.ntm-steps td:first-child{min-width:14em;max-width:34em;white-space:normal}
table.ntm-steps td.ntm-num{text-align:right!important;white-space:nowrap}
table.ntm-steps td.ntm-wrap{white-space:normal;min-width:7.5em}
table.ntm-steps tr.ntm-group th{background:#f2f4f7;font-weight:700;padding-top:8px}
table.ntm-steps .ntm-icode{color:#475467;white-space:nowrap;margin-right:4px}
.ntm-note{font-size:13px;color:#475467;margin:6px 0}
.ntm-assumption{border:2px dashed #7a5af8;background:#f9f5ff;border-radius:6px;padding:8px 14px;margin:10px 0}
.ntm-assumption h3{margin:4px 0;font-size:16px;color:#42307d}
.ntm-notice{border-left:4px solid #b54708;background:#fffaeb;padding:8px 12px;margin:10px 0;font-size:14px}
details.ntm-fold{margin:6px 0}details.ntm-fold summary{cursor:pointer;font-weight:600;padding:4px 0}
@media (max-width:600px){table.ntm-steps.ntm-cards{width:100%;font-size:14px}
 table.ntm-cards thead{display:none}table.ntm-cards tr{display:block;border-bottom:1px solid #d0d5dd;padding:4px 0}
 table.ntm-cards tr.ntm-group{border-bottom:0}table.ntm-cards tr.ntm-group th{display:block}
 table.ntm-cards td,table.ntm-cards td.ntm-num{display:block;border:0;padding:1px 6px;text-align:left!important;
  white-space:normal}
 table.ntm-cards td:first-child{min-width:0;max-width:none;font-weight:600}
 table.ntm-cards td[data-label]:not(:first-child)::before{content:attr(data-label) ": ";color:#475467;font-weight:400}
 table.ntm-cards td:empty{display:none}
 table.ntm-cards td{overflow-wrap:anywhere}}
</style>""")

# what is still needed and the trend are phrases: they may wrap, so the table fits a narrow page
WRAPPED_STEP_CELLS = {"gap": "ntm-num ntm-wrap", "trend": "ntm-num ntm-wrap"}

_SYMBOLS = STATE_SYMBOLS


def _e(text) -> str:
    return html.escape(str(text))


def verdicts_html(verdicts: list[Verdict], sets: dict[str, CriteriaSet], lang: str = "vi") -> str:
    """One card per criteria set: its name, '18/19 tiêu chí, 55/57 chỉ tiêu', the state in words,
    symbol and colour (reached, maintained, recognised but lapsed, not reached), and the reason."""
    say = lambda key, **fmt: label(VERDICT_TEXT, key, lang, **fmt)  # noqa: E731
    cards = []
    for v in verdicts:
        s = sets[v.set_id]
        reason = ""
        if v.state == "undecided":
            reason = label(NO_THRESHOLD_TEXT, "reason", lang, n=len(v.no_threshold), year=v.year,
                           set=tier_name(v.tier, lang), region=s.regions.get(v.region, v.region) or "—",
                           codes=", ".join(v.no_threshold))
        elif v.missing:
            names = join_names([say("criterion", code=c, name=n) for c, n in v.missing], lang)
            reason = say("missing", n=len(v.missing), names=names)
        elif v.prerequisite:
            reason = say("prerequisite", met=v.criteria_met, total=v.criteria_total,
                         tier=tier_name(v.prerequisite, lang))
        extra = f"<p>{_e(say('no_data', n=v.no_data))}</p>" if v.no_data else ""
        counts = counts_text(v.criteria_met, v.criteria_total, v.indicators_met, v.indicators_total, lang)
        cards.append(
            f'<section class="ntm-verdict ntm-{v.state}" data-set="{_e(v.set_id)}" data-state="{v.state}">'
            f"<h3>{_e(tier_name(v.tier, lang))}</h3>"
            f'<p class="ntm-note">{_e(localized(s.name, s.name_en, lang))}</p>'
            f'<p class="ntm-counts">{_e(counts)}</p>'
            f'<p class="ntm-vstate"><span aria-hidden="true">{_SYMBOLS[v.state]}</span> {_e(say(v.state))}</p>'
            + (f"<p>{_e(reason)}</p>" if reason else "") + extra + "</section>")
    return STYLE + '<div class="ntm-verdicts">' + "".join(cards) + "</div>"


def value_text(value, number, unit: str, lang: str = "vi") -> str:
    """An observed value as people write it: '88,6 %', 'Chưa đạt', or 'chưa có số liệu'."""
    if not isinstance(value, str) or value == "":
        return label(VERDICT_TEXT, "no_value", lang)
    if pd.isna(number):
        return value
    return quantity_text(number, unit, lang)


def need_text(rule: str, status: str, gap, unit: str, lang: str = "vi") -> str:
    """What is still needed: 'cần tăng 1,4 điểm %', 'cần giảm 1,9 điểm %', 'cần đạt', or no data."""
    if status == "no_data":
        return label(VERDICT_TEXT, "no_value", lang)
    if status == "no_threshold":
        return label(NO_THRESHOLD_TEXT, "undecided", lang).lower()
    if rule in (">=", "<=") and not pd.isna(gap):
        return label(VERDICT_TEXT, "raise" if rule == ">=" else "lower", lang, gap=gap_text(gap, unit, lang))
    return label(VERDICT_TEXT, "achieve", lang)


def _trend_text(arrow, rate, unit: str, lang: str) -> str:
    if not isinstance(arrow, str) or not arrow:
        return ""
    if pd.isna(rate):
        return arrow
    word = label(VERDICT_TEXT, "points", lang) if unit == "%" else unit
    sign = "+" if rate > 0 else ""
    return label(VERDICT_TEXT, "at_rate", lang, arrow=arrow,
                 rate=sign + quantity_text(rate, word, lang).replace("-", "−"))


_StepRow = namedtuple("_StepRow", ["indicator", "value", "number", "unit", "rule", "threshold", "status", "gap",
                                   "arrow", "rate", "projected_year", "provisional"])


def steps_html(steps: pd.DataFrame, sets: dict[str, CriteriaSet], lang: str = "vi") -> str:
    """The next steps as one table grouped under a row per criterion: indicator (with † when its
    threshold is provisional), value, threshold, what is still needed, recent trend, projected year."""
    head = STEP_HEADERS[lang]
    body = []
    rows = [_StepRow(*r) for r in zip(*(steps[f] for f in _StepRow._fields))]  # a fraction of itertuples' cost
    groups: dict[tuple, list] = {}
    for key, r in zip(zip(steps["set"], steps["criterion"]), rows):
        groups.setdefault(key, []).append(r)
    for (sid, crit), g in groups.items():
        s = sets[sid]
        c = s.criterion(crit)
        body.append(f'<tr class="ntm-group"><th colspan="6" scope="colgroup">'
                    f'''{_e(label(VERDICT_TEXT, "group", lang, code=crit, name=localized(c.name, c.name_en, lang),
                                  tier=tier_name(s.tier, lang)))}'''
                    f"</th></tr>")
        names = {i.code: localized(i.name, i.name_en, lang) for i in s.indicators}
        for r in g:
            mark = '<sup title="ngưỡng tạm tính">†</sup>' if r.provisional else ""
            projected = "—" if pd.isna(r.projected_year) else str(int(r.projected_year))
            cells = [(value_text(r.value, r.number, r.unit, lang), "value", ""),
                     (threshold_text(r.rule, r.threshold, r.unit, lang), "threshold", mark),
                     (need_text(r.rule, r.status, r.gap, r.unit, lang), "gap", ""),
                     (_trend_text(r.arrow, r.rate, r.unit, lang), "trend", ""), (projected, "projected", "")]
            body.append(
                f'<tr data-indicator="{_e(r.indicator)}" data-set="{_e(sid)}">'
                f'<td><span class="ntm-icode">{_e(r.indicator)}</span>{_e(names[r.indicator])}</td>'
                + "".join(f'<td class="{WRAPPED_STEP_CELLS.get(key, "ntm-num")}" data-label="{_e(head[key])}">'
                          f'{_e(text)}{extra}</td>' if text else
                          '<td class="ntm-num"></td>' for text, key, extra in cells) + "</tr>")
    cols = "".join(f'<th scope="col">{_e(head[k])}</th>' for k in
                   ("indicator", "value", "threshold", "gap", "trend", "projected"))
    return (STYLE + '<div class="ntm-scroll"><table class="ntm-steps ntm-cards"><thead><tr>' + cols
            + "</tr></thead><tbody>"
            + "".join(body) + "</tbody></table></div>")


def steps_lead(steps: pd.DataFrame, target: Verdict | None, year: int, lang: str = "vi") -> str:
    """The sentence above the next steps ('Để đạt lại NTM, xã cần khắc phục 2 chỉ tiêu thuộc 1 tiêu chí …')."""
    if target is None or steps.empty:
        return label(VERDICT_TEXT, "steps_done", lang, year=year)
    verb = label(VERDICT_TEXT, "verb_lapsed" if target.state == "lapsed" else "verb_not_reached", lang)
    k = steps[["set", "criterion"]].drop_duplicates().shape[0]
    return label(VERDICT_TEXT, "steps_lead", lang, verb=verb, tier=tier_name(target.tier, lang), n=len(steps), k=k)


def provisional_html(provisional: int, judged: int, what: str = "this_report", lang: str = "vi") -> str:
    """The notice on provisional thresholds, with the footnote that explains the † mark."""
    if not provisional:
        return ""
    say = lambda key, **fmt: label(VERDICT_TEXT, key, lang, **fmt)  # noqa: E731
    return (STYLE + f'<div class="ntm-notice" role="note" data-provisional="{provisional}" data-judged="{judged}">'
            f"<p><strong>{_e(say('provisional', p=provisional, n=judged, what=say(what)))}</strong></p>"
            f"<p>{_e(say('provisional_note'))}</p></div>")


def folded_html(summary: str, inner: str, open_: bool = False) -> str:
    """`inner` folded away under a one-line summary (<details>)."""
    return (STYLE + f'<details class="ntm-fold"{" open" if open_ else ""}><summary>{_e(summary)}</summary>'
            f"{inner}</details>")


def cards_table_html(df: pd.DataFrame, classes: str = "ntm-table", numeric=(), group: str | None = None) -> str:
    """A table whose rows become labelled cards on a narrow screen (each cell under its column's
    name, the first cell the card's title, as in Việc cần làm; a column without a name, as in a
    two-column list of facts, gives its cells alone); a table as usual on a wide one and in print.
    Columns in `numeric` are right-aligned; a cell holding a list is written one item a line; with
    `group`, a header row opens each run of rows with one value of that column."""
    at = [k for k, c in enumerate(df.columns) if group is None or c != group]
    where = None if group is None else list(df.columns).index(group)
    cols = [str(df.columns[k]) for k in at]
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in cols)
    body, last = [], object()
    for row in df.itertuples(index=False, name=None):
        if where is not None and row[where] != last:
            last = row[where]
            body.append(f'<tr class="ntm-group"><th colspan="{len(cols)}" scope="colgroup">{_e(last)}</th></tr>')
        cells = []
        for k, (c, v) in enumerate(zip(cols, (row[j] for j in at))):
            text = "<br>".join(_e(x) for x in v) if isinstance(v, (list, tuple)) else _e(_cell(v))
            cls = ' class="ntm-num"' if c in numeric else ""
            cells.append(f"<td{cls}>{text}</td>" if k == 0 or not c.strip() else
                         f'<td{cls} data-label="{_e(c)}">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (STYLE + f'<div class="ntm-scroll"><table class="{classes} ntm-cards"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def _cell(value) -> str:
    """A cell as text; a missing value as an empty cell (left out of its card on a phone)."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def table_html(df: pd.DataFrame) -> str:
    """A table that becomes labelled cards on a narrow screen instead of being cut."""
    return cards_table_html(df, "ntm-table ntm-steps")


def assumption_html(title: str, note: str, lines: list[str], table: pd.DataFrame | None) -> str:
    """A hypothetical in a dashed box under its title ('Giả định: …'), with the note that it is
    not a result, its effects as a list and their table."""
    body = "".join(f"<li>{_e(line)}</li>" for line in lines)
    shown = table_html(table) if table is not None and len(table) else ""
    return (STYLE + '<aside class="ntm-assumption" role="note">' + (f"<h3>{_e(title)}</h3>" if title else "")
            + f'<p class="ntm-note">{_e(note)}</p>' + (f"<ul>{body}</ul>" if body else "") + shown + "</aside>")


# --------------------------------------------------------------------------- print


def _css_string(text: str) -> str:
    """`text` on one line as a CSS string literal (its spaces at either end kept); '<' and '>' as
    CSS escapes, so that a name holding '</style>' cannot end the style element it is written in."""
    plain = re.sub(r"\s+", " ", str(text)).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + plain.replace("<", "\\3c ").replace(">", "\\3e ") + '"'


def print_css(running_head: str = "", lang: str = "vi", font: str = '"DejaVu Sans", Arial, sans-serif') -> str:
    """The print stylesheet of every page (reports, bulletin, index), without <style> tags: A4
    pages with `running_head` (the unit and year) at the top and the page number at the bottom;
    wide tables reflow to the page instead of scrolling; folded sections open; no scroll hint,
    link or shadow; headings kept with what follows them; a chart taller than a page scaled to fit one."""
    page = label(EXPORT_LABELS, "page", lang)
    before, _, rest = page.partition("{page}")
    between, _, after = rest.partition("{pages}")
    number = " ".join(p for p in (_css_string(before) if before else "", "counter(page)",
                                  _css_string(between) if between else "", "counter(pages)",
                                  _css_string(after) if after else "") if p)
    margin_font = f"font: 8.5pt {font}; color: #475467;"
    head = f"@top-left {{ content: {_css_string(running_head)}; {margin_font} }}" if running_head else ""
    return f"""
@page {{ size: A4; margin: 15mm 12mm 15mm 14mm; {head}
  @bottom-right {{ content: {number}; {margin_font} }} }}
@media print {{
  html, body {{ background: #fff !important; }}
  body {{ max-width: none !important; margin: 0 !important; padding: 0 !important; font-size: 10.5pt; }}
  nav.ntm-nav, p.ntm-hint, .ntm-edge {{ display: none !important; }}
  .ntm-scroll, .scroll, .jp-OutputArea-output, .jp-RenderedHTMLCommon, .jp-Cell, .jp-OutputArea {{
    overflow: visible !important; max-height: none !important; }}
  .ntm-scroll {{ background: none !important; }}
  details::details-content {{ content-visibility: visible !important; display: block !important; }}
  details > summary {{ list-style: none; }}
  details > summary::-webkit-details-marker {{ display: none; }}
  h1, h2, h3, h4, h5, h6, summary, figcaption, caption, .ntm-lead {{ break-after: avoid; break-inside: avoid; }}
  table {{ width: 100% !important; max-width: 100% !important; font-size: 8.5pt !important; }}
  thead {{ display: table-header-group; }}
  tr, img, svg, figure, .ntm-verdict, .ntm-tile, .ntm-notice {{ break-inside: avoid; }}
  td, th {{ white-space: normal !important; min-width: 0 !important; max-width: none !important;
    overflow-wrap: break-word; }}
  td:first-child {{ min-width: 8em !important; }}
  .ntm-heatmap table.ntm-hm {{ width: 100% !important; font-size: 7.5pt !important; }}
  .ntm-heatmap table.ntm-hm col.ntm-col-name {{ width: 19% !important; }}
  .ntm-heatmap table.ntm-hm col.ntm-col-c {{ width: auto !important; }}
  .ntm-heatmap table.ntm-hm col.ntm-col-total {{ width: 6% !important; }}
  .ntm-heatmap table.ntm-hm th, .ntm-heatmap table.ntm-hm td {{ padding: 2px 0 !important; }}
  .ntm-heatmap table.ntm-hm td:first-child {{ min-width: 0 !important; }}
  .ntm-heatmap table.ntm-hm .ntm-size {{ font-size: 6.5pt; white-space: nowrap; letter-spacing: -.02em; }}
  .ntm-heatmap table.ntm-hm .ntm-rowhead {{ position: static; box-shadow: none; }}
  img {{ max-width: 100% !important; height: auto !important; width: auto !important; max-height: 240mm !important; }}
  a:link, a:visited {{ color: inherit; text-decoration: none; }}
  * {{ print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
}}
"""

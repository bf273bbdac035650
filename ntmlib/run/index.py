"""reports/index.html: the page to work from, listing every report of a batch with its commune's
state (ntmlib.analysis.verdicts, in the words of ntmlib.text.states), the counts per state, and
filters by state, district, commune group and year and a search by name (inline script, no
network: it works offline from the files)."""
from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd

from ..analysis.verdicts import headline_states, states
from ..base.outputs import write_text_atomic
from ..present.blocks import print_css
from ..text import INDEX_TEXT, STATES, counts_text, headline_text, label, state_text, tier_name, vi_sort_key
from ..text.states import STATE_COLOURS, STATE_SYMBOLS


def _e(text) -> str:
    return html.escape(str(text))


def script_json(data) -> str:
    """`data` as JSON safe inside a <script> element: '<', '>' and '&' written as \\u escapes, so
    no '</script>' (nor '<!--') from the data can end or change the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _commune_states(card, years) -> tuple[dict, dict]:
    """(commune_id, year) -> the headline_states() row of the commune as a whole, and -> {tier: state}."""
    head, per_tier = {}, {}
    for y in years:
        if y not in set(card.years):
            continue
        for r in headline_states(card, y).itertuples():
            head[(r.commune_id, y)] = r
        for r in states(card, y).itertuples():
            per_tier.setdefault((r.commune_id, y), {})[r.tier] = r.state
    return head, per_tier


def write_index(out: Path, entries: list[dict], card, lang: str = "vi") -> Path:
    """reports/index.html: one row per report with its state, counts per set and link; the counts
    of communes per state and year; filters and a search that run in the page."""
    say = lambda key, **fmt: label(INDEX_TEXT, key, lang, **fmt)  # noqa: E731
    c = card.communes
    places = card.dataset.communes.set_index("commune_id") if card.dataset is not None else pd.DataFrame()
    group_col = "commune_group" if "commune_group" in places.columns else None
    head, per_tier = _commune_states(card, sorted({int(e["year"]) for e in entries}))
    # each commune's counts per set, in one pass over the communes table: not a search of it per report
    own: dict[tuple, list] = {}
    for cid, y, *row in zip(c["commune_id"], c["year"], c["tier"], c["criteria_met"], c["criteria_total"],
                            c["indicators_met"], c["indicators_total"]):
        own.setdefault((str(cid), int(y)), []).append(row)
    rows, data = [], []
    first = {"province": 0, "district": 1}  # each year: its province reports, district reports, then communes
    for e in sorted(entries, key=lambda e: (e["year"], first.get(e["kind"], 2), vi_sort_key(e["label"]))):
        year, state, counts, district, group = int(e["year"]), "", "", "", ""
        if e["kind"] == "commune":
            cid = str(e["target"])
            if cid in places.index:
                district = str(places.at[cid, "district"])
                g = places.at[cid, group_col] if group_col else ""
                group = str(g) if pd.notna(g) else ""
            h = head.get((cid, year))
            state = h.state if h is not None else ""
            tiers = per_tier.get((cid, year), {})
            counts = "<br>".join(
                f'<span class="st-{tiers.get(tier, "")}">' + _e(
                    f"{tier_name(tier, lang)}: " + counts_text(cm, ct, im, it, lang)
                    + f" · {state_text(tiers.get(tier, 'no_data'), lang, short=True)}") + "</span>"
                for tier, cm, ct, im, it in own.get((cid, year), []))
            name = say("commune", name=e["label"])
        elif e["kind"] == "province":
            name = say("province_unit", name=e["label"])
        else:
            district = str(e["label"])
            name = say("district_unit", name=e["label"])
        shown = (f'<span class="st st-{state}"><span aria-hidden="true">{STATE_SYMBOLS[state]}</span> '
                 f'{_e(headline_text(h.tier, h.state, h.reached, h.undecided, lang))}</span>') if state else (
            _e(say(f"{e['kind']}_report")) if e["kind"] in ("district", "province") else "")
        html_out = next((o for o in e.get("outputs", []) if o.endswith(".html")), None)
        if e["status"] == "ok" and html_out:
            link = f'<a href="{_e(html_out)}">{_e(say("open"))}</a>'
        else:
            err = e.get("error") or {}
            link = f'<span class="err">{_e(say("error", error=err.get("evalue", "")))}</span>'
        rows.append(f'<tr data-i="{len(data)}"><td>{_e(name)}</td><td data-label="{_e(say("year"))}">{year}</td>'
                    f'<td data-label="{_e(say("district"))}">{_e(district)}</td>'
                    f'<td data-label="{_e(say("state"))}">{shown}</td>'
                    f'<td data-label="{_e(say("results"))}">{counts}</td><td>{link}</td></tr>')
        data.append({"name": str(e["label"]), "year": year, "district": district, "group": group,
                     "state": state, "kind": e["kind"]})
    communes = [d for d in data if d["kind"] == "commune"]
    years = sorted({d["year"] for d in data})
    districts = sorted({d["district"] for d in data if d["district"]}, key=vi_sort_key)
    groups = sorted({d["group"] for d in communes if d["group"]}, key=vi_sort_key)
    present = [s for s in STATES if any(d["state"] == s for d in communes)]

    def options(values, shown=lambda v: v) -> str:
        return f'<option value="">{_e(say("all"))}</option>' + "".join(
            f'<option value="{_e(v)}">{_e(shown(v))}</option>' for v in values)

    tally = "".join(
        f"<tr><th>{y}</th>" + "".join(
            f'<td class="num">{sum(1 for d in communes if d["year"] == y and d["state"] == s)}</td>' for s in present)
        + f'<td class="num">{sum(1 for d in communes if d["year"] == y)}</td></tr>' for y in years)
    tally_head = "".join(f'<th class="st-{s}"><span aria-hidden="true">{STATE_SYMBOLS[s]}</span> '
                         f'{_e(state_text(s, lang))}</th>' for s in present)
    group_filter = (f'<label>{_e(say("group"))} <select id="f-group">{options(groups)}</select></label>'
                    if groups else "")
    bulletins = sorted(out.glob("ban-tin-*.*"), key=lambda p: (p.stem, p.suffix != ".html"))
    extras = (f"<p>{_e(say('bulletins'))} "
              + ", ".join(f'<a href="{_e(p.name)}">{_e(p.name)}</a>' for p in bulletins)
              + "</p>\n") if bulletins else ""
    colours = "".join(f".st-{k}{{color:{fg}}}span.st-{k}.st{{background:{bg}}}" for k, (fg, bg) in
                      STATE_COLOURS.items())
    page = (f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(say("title"))}</title>
<style>body{{font-family:"DejaVu Sans",Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}}
.scroll{{overflow-x:auto}}table{{border-collapse:collapse;width:100%}}th,td{{border-bottom:1px solid #ddd;
padding:.45em .6em;text-align:left;vertical-align:top}}td:last-child{{white-space:nowrap}}th{{background:#f0f3f5}}
.err{{color:#b42318}}dl.legend{{font-size:14px;color:#344054}}dl.legend dt{{font-weight:700;float:left;clear:left;
margin-right:.4em}}dl.legend dd{{margin:0 0 .2em}}@media (max-width:600px){{body{{margin:1em auto}}
thead{{display:none}}tr{{display:block;border-bottom:1px solid #ddd;padding:.4em 0}}
td{{display:block;border:0;padding:.1em .2em;font-size:14px}}td:first-child{{font-weight:700;font-size:15px}}
td[data-label]::before{{content:attr(data-label) ": ";color:#667085}}td:empty{{display:none}}}}</style>
<style>[hidden]{{display:none!important}}{colours}span.st{{font-weight:700;border-radius:4px;padding:.05em .35em}}
.counts{{width:auto;font-size:14px;margin:.5em 0 1em}}.counts th,.counts td{{padding:.3em .6em}}.num{{text-align:right}}
.filters{{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:end;margin:.5em 0;font-size:14px}}
.filters label{{display:flex;flex-direction:column;gap:.15em;color:#344054}}
.filters select,.filters input{{font:inherit;padding:.3em .4em;min-width:9em}}.filters input{{min-width:17em}}
.shown{{font-size:14px;color:#475467}}
.note{{font-size:14px;color:#344054}}@media (max-width:600px){{.counts{{display:table;width:100%}}
.counts thead{{display:table-header-group}}.counts tr{{display:table-row;padding:0}}
.counts th,.counts td{{display:table-cell;font-size:12px;padding:.2em .3em}}
.filters label{{flex:1 1 40%}}.filters select,.filters input{{min-width:0;width:100%}}}}</style>
<style>{print_css(say("title"), lang)}@media print{{.filters,.shown{{display:none!important}}}}</style></head><body>
<h1>{_e(say("title"))}</h1>
{extras}<p>{_e(say("lead", n=len(entries)))}</p>
<h2>{_e(say("counts"))}</h2>
<div class="scroll"><table class="counts"><thead><tr><th>{_e(say("year"))}</th>{tally_head}"""
f"""<th>{_e(say("total"))}</th></tr></thead><tbody>{tally}</tbody></table></div>
<p class="note">{_e(say("legend"))}</p>
<div class="filters" role="search">
<label>{_e(say("state"))} <select id="f-state">{options(present, lambda s: state_text(s, lang))}</select></label>
<label>{_e(say("district"))} <select id="f-district">{options(districts)}</select></label>
{group_filter}<label>{_e(say("year"))} <select id="f-year">{options(years)}</select></label>
<label>{_e(say("search"))} <input id="f-name" type="search" placeholder="{_e(say("search_hint"))}"></label>
</div>
<p class="shown" id="shown" aria-live="polite"></p>
<div class="scroll"><table id="reports"><thead><tr><th>{_e(say("unit"))}</th><th>{_e(say("year"))}</th>"""
f"""<th>{_e(say("district"))}</th><th>{_e(say("state"))}</th><th>{_e(say("results"))}</th>"""
f"""<th>{_e(say("report"))}</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></div>
<script type="application/json" id="index-data">{script_json(data)}</script>
<script>{_SCRIPT.replace("SHOWN", json.dumps(say("shown")))}</script>
</body></html>
""")
    path = out / "index.html"
    write_text_atomic(path, page)
    return path


# filters the rows by the page's own data (no network); names compared without diacritics or case
_SCRIPT = """(function(){
var data=JSON.parse(document.getElementById('index-data').textContent);
var fold=function(s){return String(s).normalize('NFD').replace(/[\\u0300-\\u036f]/g,'').replace(/\\u0111/g,'d')
.replace(/\\u0110/g,'d').toLowerCase().trim();};
var el=function(id){return document.getElementById(id);};
var rows=document.querySelectorAll('#reports tbody tr');
function apply(){
var st=el('f-state').value,di=el('f-district').value,gr=el('f-group')?el('f-group').value:'',
yr=el('f-year').value,q=fold(el('f-name').value),n=0;
rows.forEach(function(tr){var d=data[+tr.getAttribute('data-i')];
var ok=(!st||d.state===st)&&(!di||d.district===di)&&(!gr||d.group===gr)&&(!yr||String(d.year)===yr)
&&(!q||fold(d.name).indexOf(q)>=0);tr.hidden=!ok;if(ok){n++;}});
el('shown').textContent=SHOWN.replace('{n}',n).replace('{total}',rows.length);}
['f-state','f-district','f-group','f-year','f-name'].forEach(function(id){var e=el(id);
if(e){e.addEventListener('input',apply);e.addEventListener('change',apply);}});
apply();})();"""

"""The explorer for JupyterLab, and results tables an analyst can read without knowing ntmlib's
column codes.

`explore(dataset)` shows pickers for year, criteria set, district and commune. As the choice
changes it redraws the commune's verdict per set ('18/19 tiêu chí, 55/57 chỉ tiêu'), the heatmap
of its district, its criteria grid, its unmet indicators and its next steps: the same blocks as
the reports (ntmlib.present.grids, ntmlib.present.blocks, ntmlib.analysis.verdicts), computed here from one Scorecard.
The pickers' callbacks are plain methods that write HTML into the panes, so a test drives them
by setting the pickers' values, with no browser.

`communes_table` and `indicators_table` give the results as tables (the DataFrame, and the pandas
Styler that colours it) with Vietnamese (or English) headers, tier names, values with their units
and met / not met cells in green / red; `show_communes` and `show_indicators` display them.

ipywidgets, IPython and jinja2 (the Styler's) load when first used, so `import ntmlib` (which
exports `explore`) stays as quick as it was.
"""
from __future__ import annotations

import copy
import hashlib
import html
from contextlib import contextmanager

import pandas as pd

from ..analysis.verdicts import commune_verdicts, next_steps, next_target, provisional_count, result_state
from ..base.languages import check_lang
from ..dataset.loading import load_dataset
from ..dataset.model import Dataset
from ..dataset.resolve import set_id
from ..errors import DataError, ParameterError, Problem
from ..present.blocks import (
    STYLE,
    need_text,
    provisional_html,
    steps_html,
    steps_lead,
    threshold_text,
    value_text,
    verdicts_html,
)
from ..present.grids import COLOURS, INK, criteria_grid_html, heatmap_html
from ..scoring.engine import score
from ..scoring.scorecard import Scorecard
from ..text import (
    COMMUNE_HEADERS,
    EXPLORER_LABELS,
    TierWord,
    counts_text,
    error_text,
    label,
    localized,
    met_word,
    result_word,
    tier_name,
    tier_rank,
    vi_sort_key,
)

__all__ = ["Explorer", "Table", "communes_table", "explore", "indicators_table", "show_communes", "show_indicators"]

PANES = ("heatmap", "grid", "unmet", "steps")  # the explorer's tabs, in order
HIGHLIGHT = "#fff3c4"  # background of the chosen commune's name in the heatmap
TABS_CLASS = "ntm-explorer-tabs"
# The explorer's own rules, shown with the headline: tabs wide enough for their titles; a pane no wider
# than its tab (its wide tables scroll inside it); the unmet indicators' table.
EXPLORER_CSS = (f"<style>.{TABS_CLASS} {{ --jp-widgets-horizontal-tab-width: 200px; }}"
                f" .{TABS_CLASS} .widget-html-content {{ min-width: 0; max-width: 100%; }}"
                " table.ntm-x-table { border-collapse: collapse; font-size: 14px; margin: 4px 0; }"
                " table.ntm-x-table th, table.ntm-x-table td { padding: 5px 8px; border-bottom: 1px solid #e4e7ec;"
                " text-align: left; vertical-align: top; white-space: normal; }</style>")


def _say(lang: str, key: str, **fmt) -> str:
    return label(EXPLORER_LABELS, key, lang, **fmt)


def scorecard(data) -> Scorecard:
    """A Scorecard of every year of `data`: a dataset folder, a Dataset, or a Scorecard (as it is)."""
    if isinstance(data, Scorecard):
        if data.dataset is None:
            raise ParameterError(Problem(error_text("data_asked"), error_text("card_without_dataset")))
        return data
    return score(data if isinstance(data, Dataset) else load_dataset(data))


# --------------------------------------------------------------------------- what a user types


def resolve_year(card: Scorecard, year=None) -> int:
    """`year` checked against the years scored; the latest one when None."""
    return card.years[-1] if year is None else card.require_year(year)


def resolve_set(card: Scorecard, ref, year: int) -> str:
    """The id of the set `ref` names among the sets scored in `year` (dataset.resolve.set_id): a set
    id or name, a tier ('ntm', 'nang-cao', 'kieu-mau') or a tier's name ('NTM nâng cao', 'advanced
    NTM'), any case, with or without diacritics."""
    scored = set_ids(card, year)
    try:
        return set_id(ref, {s: card.sets[s].name for s in scored}, tiers={s: card.sets[s].tier for s in scored})
    except ParameterError:  # said with the year and the sets scored in it
        names = ""
        for sid in scored:  # "ntm-2021 (NTM), …", each tier worded in the user's language
            one = error_text("set_with_tier", set=sid, tier=TierWord(card.sets[sid].tier))
            names = error_text("comma_list", a=names, b=one) if names else one
        message = error_text("no_set_scored_in", set=ref, year=year, have=names)
        raise ParameterError(Problem(error_text("criteria_set_asked"), message)) from None


def resolve_commune(card: Scorecard, ref) -> str:
    """The id of the commune `ref` names (id, or name with or without 'Xã'), if it was scored."""
    try:
        cid = card.dataset.commune_id(str(ref))
    except DataError:
        cid = None
    if cid is None or cid not in set(card.communes["commune_id"]):
        known = ", ".join(sorted(dict.fromkeys(card.communes["commune"]), key=vi_sort_key))
        raise ParameterError(Problem(error_text("commune_asked"),
                                     error_text("no_commune_scored", commune=ref, known=known)))
    return cid


def set_ids(card: Scorecard, year: int) -> list[str]:
    """The sets scored in `year`, lowest tier first."""
    c = card.communes
    ids = dict.fromkeys(c.loc[c["year"] == year, "set"])
    return sorted(ids, key=lambda s: tier_rank(card.sets[s].tier))


def districts(card: Scorecard) -> dict[str, list[str]]:
    """District -> ids of its communes scored in any year, in Vietnamese alphabetical order of
    the districts. A district name that two provinces share is written 'Châu Thành (Tiền Giang)'."""
    c = card.communes.drop_duplicates("commune_id")[["commune_id"]]
    info = card.dataset.communes.set_index("commune_id")[["district", "province"]]
    c = c.join(info, on="commune_id")
    c["district"] = c["district"].fillna("").astype(str)
    c["province"] = c["province"].fillna("").astype(str)
    shared = c.groupby("district")["province"].nunique()
    key = [f"{d} ({p})" if shared[d] > 1 else d for d, p in zip(c["district"], c["province"])]
    out: dict[str, list[str]] = {}
    for k, cid in zip(key, c["commune_id"]):
        out.setdefault(k, []).append(cid)
    return dict(sorted(out.items(), key=lambda kv: vi_sort_key(kv[0])))


def commune_choices(card: Scorecard, commune_ids, year: int) -> list[tuple[str, str]]:
    """(name, id) of these communes scored in `year`, in Vietnamese alphabetical order; a name two
    communes share carries its id."""
    c = card.communes
    c = c[(c["year"] == year) & c["commune_id"].isin(set(commune_ids))].drop_duplicates("commune_id")
    twice = c["commune"].duplicated(keep=False)
    names = [f"{n} ({i})" if d else n for n, i, d in zip(c["commune"], c["commune_id"], twice)]
    return sorted(zip(names, c["commune_id"]), key=lambda p: vi_sort_key(p[0]))


# --------------------------------------------------------------------------- tables


class Table:
    """A results table: `data` is the DataFrame, `styler` the pandas Styler that colours it (to
    restyle it, or write it with `.styler.to_excel(...)`). In a notebook it shows as the coloured
    HTML table; its text form is the table itself, without its index."""

    def __init__(self, data: pd.DataFrame, styler, cell_css: dict[tuple[int, int], str] | None = None):
        self.data, self.styler = data, styler
        self._cell_css = cell_css or {}

    def to_html(self, **attrs) -> str:
        """The coloured table as HTML: the Styler's, each coloured cell also carrying its style
        inline, so the colours survive where a viewer drops <style> elements (an untrusted notebook
        in JupyterLab). `attrs` become attributes of the <table> (e.g. class_="ntm-steps")."""
        styler = self.styler
        if attrs:
            styler = copy.copy(styler).set_table_attributes(" ".join(f'{k.rstrip("_")}="{html.escape(v)}"'
                                                          for k, v in attrs.items()))
        page = styler.to_html()
        uuid = styler.uuid
        for (r, c), css in self._cell_css.items():  # ids as the Styler documents them: T_<uuid>_row<r>_col<c>
            cell = f'id="T_{uuid}_row{r}_col{c}"'
            page = page.replace(cell, f'{cell} style="{css}"', 1)
        return page

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return self.data.to_string(index=False)


def _state_css(state: str) -> str:
    return f"background-color: {COLOURS[state]}; color: {INK[state]}; font-weight: bold"


def _table(df: pd.DataFrame, states: dict[str, list[str]], wrap=()) -> Table:
    """`df` as a Table, the cells of the columns in `states` coloured by their state (met / not_met
    / no_data / '' for none), every text escaped, the cells of columns not in `wrap` kept on one
    line ('88,6 %'). The id of its styles is a hash of its content: the same table renders the
    same, two different tables on one page do not share styles."""
    df = df.reset_index(drop=True)
    css = pd.DataFrame("", index=df.index, columns=df.columns)
    for col, st in states.items():
        css[col] = [_state_css(s) if s else "" for s in st]
    for col in df.columns:
        if col not in wrap:
            css[col] = [f"{c}; white-space: nowrap" if c else "white-space: nowrap" for c in css[col]]
    cells = {(i, j): css.iat[i, j] for i in range(len(df)) for j in range(len(df.columns)) if css.iat[i, j]}
    digest = hashlib.sha1(df.to_json(force_ascii=False).encode("utf-8")).hexdigest()[:10]
    styler = (df.style.set_uuid(f"ntm{digest}").format(escape="html").apply(lambda _: css, axis=None)
              .hide(axis="index"))  # df.style imports jinja2 on first use only
    return Table(df, styler, cells)


def _met_state(value) -> str:
    return result_state(None if value is pd.NA else value)


def communes_table(data, year=None, criteria_set=None, district: str | None = None, lang: str = "vi") -> Table:
    """One line per commune (and set) of `year` (the latest when None): commune, set by its tier
    name, '18/19 tiêu chí, 55/57 chỉ tiêu', indicators without data, whether it meets the set (a
    green or red cell), tier reached and tier recognised. `criteria_set`: a set id or tier ('ntm'), all
    sets when None; `district`: one district's communes. Lowest tier first, then most criteria and
    indicators met, then by name in Vietnamese order."""
    check_lang(lang)
    card = scorecard(data)
    y = resolve_year(card, year)
    sids = set_ids(card, y) if criteria_set is None else [resolve_set(card, criteria_set, y)]
    c = card.communes
    c = c[(c["year"] == y) & c["set"].isin(sids)]
    if district is not None:
        c = c[c["commune_id"].isin(districts(card)[district_key(card, district)])]
    c = c.assign(_set=[sids.index(s) for s in c["set"]], _name=[vi_sort_key(n) for n in c["commune"]])
    c = c.sort_values(["_set", "criteria_met", "indicators_met", "_name"], ascending=[True, False, False, True],
                      kind="stable").reset_index(drop=True)
    head = COMMUNE_HEADERS[lang]
    df = pd.DataFrame({
        head["commune"]: c["commune"].astype(str),
        head["set"]: [tier_name(card.sets[s].tier, lang) for s in c["set"]],
        head["result"]: [counts_text(a, b, m, n, lang) for a, b, m, n in zip(
            c["criteria_met"], c["criteria_total"], c["indicators_met"], c["indicators_total"])],
        head["no_data"]: c["no_data"].astype(int),
        head["set_met"]: [met_word(v, lang) for v in c["set_met"]],
        head["tier_reached"]: [tier_name(t, lang) for t in c["tier_reached"]],
        head["tier_recognised"]: [tier_name(t, lang) for t in c["tier_recognised"]],
    })
    if len(sids) == 1:
        df = df.drop(columns=head["set"])
    return _table(df, {head["set_met"]: [_met_state(v) for v in c["set_met"]]})


def district_key(card: Scorecard, ref: str) -> str:
    """The key of districts(card) that `ref` names: the key itself, or a district name in any
    case, with or without diacritics or 'Huyện'."""
    groups = districts(card)
    if ref in groups:
        return ref
    name = card.dataset.district(str(ref))
    keys = [k for k in groups if k == name or k.startswith(f"{name} (")]
    if len(keys) != 1:
        have = "; ".join(keys or groups)
        raise ParameterError(Problem(error_text("district_asked"), error_text(
            "district_ambiguous" if keys else "district_unscored", district=ref, have=have)))
    return keys[0]


def indicators_table(data, commune, year=None, criteria_set=None, unmet_only: bool = False,
                     lang: str = "vi") -> Table:
    """The indicators of one commune (id or name) in `year` (the latest when None): criterion,
    code, name, value and threshold with their units ('88,6 %', '≥ 90 %'), what is still needed
    ('cần tăng 1,4 điểm %'), the result in green / red / grey, and the data line it came from.
    `criteria_set`: a set id or tier ('ntm'), all sets when None; `unmet_only`: only the
    indicators not met or without data."""
    check_lang(lang)
    card = scorecard(data)
    cid = resolve_commune(card, commune)
    y = resolve_year(card, year)
    sids = set_ids(card, y) if criteria_set is None else [resolve_set(card, criteria_set, y)]
    ind = card.indicators
    ind = ind[(ind["commune_id"] == cid) & (ind["year"] == y) & ind["set"].isin(sids)]
    if unmet_only:
        ind = ind[~ind["met"].fillna(False).astype(bool)]
    order = {(s, i.code): (tier_rank(card.sets[s].tier), n) for s in sids for n, i in
             enumerate(card.sets[s].indicators)}
    keys = list(zip(ind["set"].astype(str), ind["indicator"].astype(str)))
    ind = ind.assign(_order=[order[k] for k in keys]).sort_values("_order", kind="stable")
    info = {k: next(i for i in card.sets[k[0]].indicators if i.code == k[1]) for k in set(keys)}
    rows = []
    for r in ind.itertuples():
        s = card.sets[str(r.set)]
        i = info[(str(r.set), str(r.indicator))]
        c = s.criterion(i.criterion)
        state = str(r.status)
        value = value_text(str(r.value) if isinstance(r.value, str) else "", r.number, i.unit, lang)
        mark = " †" if i.confidence == "provisional" else ""
        rows.append({
            "tier": tier_name(s.tier, lang),
            "criterion": f"{c.code}. {localized(c.name, c.name_en, lang)}",
            "indicator": i.code, "name": localized(i.name, i.name_en, lang), "value": value,
            "threshold": threshold_text(i.rule, r.threshold, i.unit, lang) + mark,
            "need": "" if state == "met" else need_text(i.rule, state, r.gap, i.unit, lang),
            "result": result_word(state, lang),
            "source": "" if pd.isna(r.source_place) else str(r.source_place), "_state": state})
    cols = ["tier", "criterion", "indicator", "name", "value", "threshold", "need", "result", "source"]
    df = pd.DataFrame(rows, columns=cols + ["_state"])
    states = list(df.pop("_state"))
    if len(sids) == 1:
        df = df.drop(columns="tier")
    df = df.rename(columns={k: _say(lang, k) for k in df.columns})
    return _table(df, {_say(lang, "result"): states}, wrap=(_say(lang, "criterion"), _say(lang, "name")))


def show_communes(data, year=None, criteria_set=None, district: str | None = None, lang: str = "vi") -> None:
    """Display communes_table(...) in the notebook."""
    from IPython.display import display  # IPython: only inside a notebook

    display(communes_table(data, year, criteria_set, district, lang))


def show_indicators(data, commune, year=None, criteria_set=None, unmet_only: bool = False,
                    lang: str = "vi") -> None:
    """Display indicators_table(...) in the notebook."""
    from IPython.display import display  # IPython: only inside a notebook

    display(indicators_table(data, commune, year, criteria_set, unmet_only, lang))


# --------------------------------------------------------------------------- the panes


def _css_text(text: str) -> str:
    """`text` safe inside a CSS string in a <style> element (data never closes the element)."""
    return "".join(ch if ch.isalnum() or ch in "-_." else f"\\{ord(ch):x} " for ch in str(text))


def highlight(heatmap: str, commune_id: str) -> str:
    """A heatmap (grids.heatmap_html) with one commune's name highlighted and marked ▶."""
    c = _css_text(commune_id)
    at = f'.ntm-x-heat[data-selected="{c}"] tr[data-commune="{c}"] > th.ntm-rowhead'
    style = (f"<style>{at} {{ background: {HIGHLIGHT}; font-weight: bold; }}"
             f' {at}::before {{ content: "▶ "; }}</style>')
    return f'<div class="ntm-x-heat" data-selected="{html.escape(str(commune_id))}">{style}{heatmap}</div>'


def headline_html(card: Scorecard, commune_id: str, year: int, lang: str = "vi") -> str:
    """The commune, its district and year, and its verdict per set (the report's verdict cards)."""
    info = card.dataset.communes.set_index("commune_id").loc[commune_id]
    district = str(info["district"] or "")
    where = _say(lang, "in_district", district=district) if district else _say(lang, "no_district")
    title = _say(lang, "headline", commune=info["commune"], district=where, year=year)
    return (f'{EXPLORER_CSS}<p style="margin:4px 0;font-size:16px"><strong>{html.escape(title)}</strong></p>'
            + verdicts_html(commune_verdicts(card, commune_id, year), card.sets, lang))


def unmet_pane(card: Scorecard, commune_id: str, year: int, set_id: str, lang: str = "vi") -> str:
    """A sentence counting the indicators of the set not met or without data, then their table."""
    table = indicators_table(card, commune_id, year, set_id, unmet_only=True, lang=lang)
    fmt = {"commune": card.dataset.communes.set_index("commune_id").at[commune_id, "commune"],
           "tier": tier_name(card.sets[set_id].tier, lang), "year": year, "n": len(table.data)}
    if table.data.empty:
        return f"<p>{html.escape(_say(lang, 'unmet_none', **fmt))}</p>"
    styled = table.to_html(class_="ntm-x-table")
    return f'{STYLE}<p>{html.escape(_say(lang, "unmet_lead", **fmt))}</p><div class="ntm-scroll">{styled}</div>'


def steps_pane(card: Scorecard, commune_id: str, year: int, lang: str = "vi") -> str:
    """'Việc cần làm': the commune's next steps to its next tier, as the commune report shows them
    (views.CommuneReport.steps_html), and the notice on provisional thresholds behind them."""
    steps = next_steps(card, commune_id, year)
    lead = steps_lead(steps, next_target(commune_verdicts(card, commune_id, year)), year, lang)
    table = steps_html(steps, card.sets, lang) if len(steps) else ""
    sets = list(dict.fromkeys(steps["set"])) if len(steps) else []
    notice = provisional_html(*provisional_count(card, year, communes=[commune_id], sets=sets), lang=lang) \
        if sets else ""
    return f"<p>{html.escape(lead)}</p>{table}{notice}"


def grid_pane(card: Scorecard, commune_id: str, year: int, set_id: str, lang: str = "vi") -> str:
    """The commune's criteria grid of the set, ▲ / ▼ against the previous year when it was scored."""
    prev = year - 1 if (year - 1) in card.years else None
    return criteria_grid_html(card, commune_id, year, set_id, prev, lang)


# --------------------------------------------------------------------------- the explorer


class Explorer:
    """Pickers for year, criteria set, district and commune above a headline (the commune's
    verdict per set) and four tabs: the district heatmap, the commune's criteria grid, its unmet
    indicators and its next steps. Changing a picker redraws what depends on it; choosing a
    district limits the commune picker to its communes, choosing a year limits the set picker to
    the sets scored that year.

    The pickers are `year`, `criteria_set`, `district` and `commune` (ipywidgets Dropdowns; their
    values are a year, a set id, a district name and a commune id, their labels what the user
    reads); the HTML shown is in `headline.value` and `panes[name].value` (`html` joins them).
    `select(...)` changes several pickers at once by names. The object displays as its widget."""

    def __init__(self, card: Scorecard, year=None, criteria_set=None, district=None, commune=None,
                 lang: str = "vi"):
        import ipywidgets as widgets  # heavy: loaded by the explorer only, not by `import ntmlib`

        check_lang(lang)
        self.card, self.lang = card, lang
        self._districts = districts(card)
        self._subsets: dict[str, Scorecard] = {}
        self._heat: dict[tuple, str] = {}
        self._quiet = False
        self.redraws = 0  # how many times the panes were drawn (one per change of the user's choice)
        wide = {"description_width": "initial"}
        self.year = widgets.Dropdown(description=_say(lang, "year"), style=wide,
                                     layout=widgets.Layout(width="130px", margin="2px 16px 2px 0"),
                                     options=[(str(y), y) for y in reversed(card.years)])
        self.criteria_set = widgets.Dropdown(description=_say(lang, "set"), style=wide,
                                             layout=widgets.Layout(width="250px", margin="2px 16px 2px 0"))
        self.district = widgets.Dropdown(description=_say(lang, "district"), style=wide,
                                         layout=widgets.Layout(width="240px", margin="2px 16px 2px 0"),
                                         options=[(k or _say(lang, "no_district"), k) for k in self._districts])
        self.commune = widgets.Dropdown(description=_say(lang, "commune"), style=wide,
                                        layout=widgets.Layout(width="240px", margin="2px 16px 2px 0"))
        self.headline = widgets.HTML()
        self.panes = {name: widgets.HTML() for name in PANES}
        self.tabs = widgets.Tab(children=[self.panes[n] for n in PANES], titles=[_say(lang, n) for n in PANES])
        self.tabs.add_class(TABS_CLASS)
        pickers = widgets.HBox([self.year, self.criteria_set, self.district, self.commune],
                               layout=widgets.Layout(flex_flow="row wrap"))
        self.widget = widgets.VBox([pickers, self.headline, self.tabs])
        self.select(year=year, criteria_set=criteria_set, district=district, commune=commune)
        self.year.observe(self.on_year, names="value")
        self.criteria_set.observe(self.on_set, names="value")
        self.district.observe(self.on_district, names="value")
        self.commune.observe(self.on_commune, names="value")

    # ---- the callbacks: plain methods, run when a picker's value changes

    def on_year(self, change=None) -> None:
        """A year chosen: offer the sets and communes scored that year, then redraw."""
        if self._quiet:
            return
        with self._holding():
            self._fill_sets(self.criteria_set.value)
            self.district.value = self._district_of_year(self.year.value)
            self._fill_communes(self.commune.value)
        self.redraw()

    def on_set(self, change=None) -> None:
        """A set chosen: redraw."""
        if not self._quiet:
            self.redraw()

    def on_district(self, change=None) -> None:
        """A district chosen: offer only its communes (keeping the one chosen if it is there), then redraw."""
        if self._quiet:
            return
        with self._holding():
            self._fill_communes(self.commune.value)
        self.redraw()

    def on_commune(self, change=None) -> None:
        """A commune chosen: redraw."""
        if not self._quiet:
            self.redraw()

    # ----

    @contextmanager
    def _holding(self):
        """Change pickers without their callbacks redrawing (the caller redraws once)."""
        quiet, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = quiet

    def _district_of_year(self, year):
        """The district chosen if it has communes scored in `year`, else the first that has (a year after a
        reorganisation may have only new communes, which belong to no district)."""
        scored = set(self.card.communes.loc[self.card.communes["year"] == year, "commune_id"])
        have = [k for k, ids in self._districts.items() if scored & set(ids)] or list(self._districts)
        return self.district.value if self.district.value in have else next(iter(have), None)

    def _fill_sets(self, keep=None) -> None:
        sids = set_ids(self.card, self.year.value)
        tiers = [self.card.sets[s].tier for s in sids]
        self.criteria_set.options = [(tier_name(t, self.lang) + (f" · {s}" if tiers.count(t) > 1 else ""), s)
                                     for s, t in zip(sids, tiers)]
        self.criteria_set.value = keep if keep in sids else (sids[0] if sids else None)

    def _fill_communes(self, keep=None) -> None:
        choices = commune_choices(self.card, self._districts.get(self.district.value, []), self.year.value)
        self.commune.options = choices
        ids = [i for _, i in choices]
        self.commune.value = keep if keep in ids else (ids[0] if ids else None)

    def select(self, year=None, criteria_set=None, district=None, commune=None) -> None:
        """Choose by names: a year, a set (id or tier, e.g. 'ntm'), a district, a commune (id or
        name; its district follows). What is not given is kept when still offered; one redraw."""
        card = self.card
        y = resolve_year(card, year if year is not None else self.year.value)
        sid = resolve_set(card, criteria_set, y) if criteria_set is not None else self.criteria_set.value
        cid = resolve_commune(card, commune) if commune is not None else self.commune.value
        if district is not None:
            key = district_key(card, district)
            if commune is not None and cid not in self._districts[key]:
                raise ParameterError(Problem(error_text("commune_asked"),
                                             error_text("commune_not_in_district", commune=commune, district=key)))
        elif commune is not None:
            key = next(k for k, ids in self._districts.items() if cid in ids)
        else:
            key = self._district_of_year(y)
        with self._holding():
            self.year.value = y
            self._fill_sets(sid)
            self.district.value = key
            self._fill_communes(cid)
        self.redraw()

    def redraw(self) -> None:
        """Draw the headline and the panes for the pickers' values."""
        self.redraws += 1
        card, lang, y, sid, cid = self.card, self.lang, self.year.value, self.criteria_set.value, self.commune.value
        if cid is None or sid is None:
            where = self.district.label or _say(lang, "no_district")
            self.headline.value = f"<p>{html.escape(_say(lang, 'no_communes', district=where, year=y))}</p>"
            for pane in self.panes.values():
                pane.value = ""
            return
        self.headline.value = headline_html(card, cid, y, lang)
        key = (self.district.value, y, sid)
        if key not in self._heat:
            try:
                self._heat[key] = heatmap_html(self._district_card(), y, sid, lang)
            except ParameterError as e:  # no commune of this district scored against the set that year
                self._heat[key] = f"<p>{html.escape(str(e))}</p>"
        self.panes["heatmap"].value = highlight(self._heat[key], cid)
        rows = card.commune(cid, y)
        if (rows["set"] == sid).any():
            self.panes["grid"].value = grid_pane(card, cid, y, sid, lang)
            self.panes["unmet"].value = unmet_pane(card, cid, y, sid, lang)
        else:
            note = _say(lang, "not_scored", commune=self.commune.label, tier=self.criteria_set.label, year=y)
            self.panes["grid"].value = self.panes["unmet"].value = f"<p>{html.escape(note)}</p>"
        self.panes["steps"].value = steps_pane(card, cid, y, lang)

    def _district_card(self) -> Scorecard:
        key = self.district.value
        if key not in self._subsets:
            self._subsets[key] = self.card.subset(self._districts[key])
        return self._subsets[key]

    @property
    def html(self) -> str:
        """The HTML the explorer shows now: the headline, then every pane."""
        return "\n".join([self.headline.value] + [self.panes[n].value for n in PANES])

    def summary(self) -> str:
        """One line of what is shown: commune, district, year, set and the commune's counts in it."""
        cid, sid, y = self.commune.value, self.criteria_set.value, self.year.value
        if cid is None or sid is None:
            return _say(self.lang, "empty")
        row = self.card.commune(cid, y)
        row = row[row["set"] == sid]
        counts = (counts_text(*row.iloc[0][["criteria_met", "criteria_total", "indicators_met", "indicators_total"]],
                              self.lang) if len(row) else "—")
        district = self.district.value
        where = _say(self.lang, "in_district", district=district) if district else _say(self.lang, "no_district")
        return _say(self.lang, "summary", district=where, year=y, tier=self.criteria_set.label,
                    commune=self.commune.label, counts=counts)

    def __repr__(self) -> str:
        return self.summary()

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.summary()
        return bundle


def explore(data, year=None, criteria_set=None, district=None, commune=None, lang: str = "vi") -> Explorer:
    """The explorer of a dataset folder, a Dataset or a Scorecard (scored for every year when
    not a Scorecard), opened on `year` (the latest), `criteria_set` (id or tier: 'ntm', the
    lowest tier), `district` and `commune` (id or name; the first in alphabetical order). Show it
    by leaving it as the last line of a notebook cell."""
    return Explorer(scorecard(data), year, criteria_set, district, commune, lang)

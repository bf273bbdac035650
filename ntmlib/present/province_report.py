"""What the province report shows (notebooks/province_report.ipynb), computed here so that the
notebook stays thin: the province's figures for one year from ntmlib.analysis.province and
ntmlib.analysis.targets, as sentences, tables that become labelled cards on a phone, small charts
in plain HTML (the states' and the results' colours) and the map of its communes."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from ..analysis import province as P
from ..analysis import reorg, targets
from ..base.languages import check_lang
from ..dataset.model import Dataset
from ..dataset.resolve import province_name
from ..errors import ParameterError, Problem
from ..scoring.scorecard import Scorecard, threshold_text
from ..scoring.window import require_year
from ..text import (
    PROVINCE_TEXT,
    STATES,
    counts_text,
    error_text,
    label,
    localized,
    number_text,
    share_text,
    state_text,
    tier_name,
)
from ..text.states import STATE_COLOURS, STATE_SYMBOLS
from . import blocks, maps
from .grids import COLOURS
from .province_bulletin import headline
from .views import known_years, provenance_table, report_card, report_data

NEAREST = 10  # communes shown nearest to the standard
GAPS = 3  # unmet indicators shown per commune

STYLE = """<style>
.ntm-lead{font-size:17px;line-height:1.5;margin:6px 0 10px}
.ntm-tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px;margin:8px 0 12px}
.ntm-tile{border:1px solid #d0d5dd;border-left:6px solid var(--c);border-radius:6px;padding:6px 10px;
 background:var(--bg)}
.ntm-tile .ntm-n{font-size:22px;font-weight:700;color:var(--c)}.ntm-tile .ntm-s{font-size:13px;color:#344054}
.ntm-bars{margin:8px 0 12px;font-size:13.5px}
.ntm-bar-row{display:grid;grid-template-columns:minmax(9em,34%) 1fr;gap:4px 10px;align-items:center;margin:3px 0}
.ntm-bar{display:flex;height:20px;border:1px solid #d0d5dd;border-radius:3px;overflow:hidden;background:#fff}
.ntm-bar span{display:block;height:100%;color:#fff;font-size:11.5px;line-height:20px;text-align:center;
 overflow:hidden;white-space:nowrap}
.ntm-bar span b{font-weight:inherit}
.ntm-bar span.ntm-striped b{background:#fff;color:#101828;border-radius:3px;padding:0 4px;font-weight:600}
.ntm-bar-note{grid-column:2;font-size:12.5px;color:#475467;margin-top:-2px}
.ntm-keys{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12.5px;color:#344054;margin:4px 0}
.ntm-keys i{display:inline-block;width:12px;height:12px;border:1px solid #98a2b3;margin-right:4px;
 vertical-align:-2px}
@media (max-width:600px){.ntm-bar-row{grid-template-columns:1fr}.ntm-bar-note{grid-column:1}}
</style>"""


def _e(text) -> str:
    return html.escape(str(text))


# the states as bars: a solid colour, striped for 'reached' (met, not yet recognised) and 'no_data';
# the count of a striped part is written on a white label, as no ink reads on both its stripes
_FILL = {s: STATE_COLOURS[s][0] for s in STATES}
_FILL["no_data"] = "#d0d5dd"
_STRIPED = {"reached", "no_data"}
_STRIPED_CLASS = ' class="ntm-striped"'


def _fill(state: str) -> str:
    c = _FILL[state]
    if state in _STRIPED:
        return f"background:repeating-linear-gradient(135deg,{c} 0 5px,#fff 5px 7px);color:#101828"
    return f"background:{c}"


def cards_html(df: pd.DataFrame, numeric=(), group: str | None = None) -> str:
    """A table on a page, labelled cards on a phone (blocks.cards_table_html, in the style of the
    commune report's 'Việc cần làm')."""
    return blocks.cards_table_html(df, "ntm-steps", numeric, group)


@dataclass
class ProvinceReport:
    """Everything a province report shows, for one province and year, at the lowest tier scored
    that year (NTM); the lapsed communes at every tier."""

    dataset: Dataset
    card: Scorecard
    province: str
    year: int
    lang: str = "vi"
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def _say(self, key: str, **fmt) -> str:
        return label(PROVINCE_TEXT, key, self.lang, **fmt)

    @cached_property
    def tiers(self) -> list[str]:
        return P.tiers_scored(self.card, self.year)

    @cached_property
    def communes(self) -> pd.DataFrame:
        """analysis.province.communes() of the report: one row per commune at the lowest tier."""
        return P.communes(self.card, self.year, self.province)

    @cached_property
    def set_id(self) -> str:
        return str(self.communes["set"].iloc[0])

    @cached_property
    def counts(self) -> pd.DataFrame:
        """analysis.province.state_counts() by commune group, the province's row last."""
        return P.state_counts(self.card, self.year, self.province, by="commune_group")

    @cached_property
    def criteria(self) -> pd.DataFrame:
        return P.criterion_counts(self.card, self.year, self.province)

    @cached_property
    def bands(self) -> pd.DataFrame:
        return P.criteria_bands(self.card, self.year, self.province)

    @cached_property
    def nearest(self) -> pd.DataFrame:
        return P.nearest(self.card, self.year, self.province, limit=NEAREST, gaps=GAPS)

    @cached_property
    def lapsed(self) -> pd.DataFrame:
        return P.lapsed(self.card, self.year, self.province)

    @cached_property
    def progress(self) -> pd.DataFrame:
        return targets.progress(self.card, self.year, self.province)

    # ----------------------------------------------------------------- the verdict

    def _group_name(self, g) -> str:
        if pd.isna(g):
            return self._say("total")
        return self._say("group", group=g) if g else self._say("no_group")

    def lead(self) -> str:
        """'Toàn tỉnh có 1/7 xã đạt chuẩn nông thôn mới (14,3 %), trong đó 1 xã đạt theo kết quả rà
        soát, chưa được công nhận.' (the bulletin's sentence), then the same for each higher tier
        scored, and the set scored against."""
        s = self.card.sets[self.set_id]
        parts = []
        for tier in self.tiers:
            row = self.counts.iloc[-1] if tier == self.tiers[0] else P.state_counts(
                self.card, self.year, self.province, tier).iloc[0]
            parts.append(headline(row, tier, self.lang))
        parts.append(self._say("set", set=localized(s.name, s.name_en, self.lang), criteria=len(s.criteria),
                               indicators=len(s.indicators)))
        return " ".join(parts)

    def group_lines(self) -> list[str]:
        """'Nhóm xã 2: 1/6 xã đạt chuẩn (16,7 %).' per commune group; none when the communes have no group."""
        groups = self.counts.iloc[:-1]
        if not (len(groups) > 1 or (len(groups) and groups["commune_group"].iloc[0])):
            return []
        return [self._say("group_line", group=self._group_name(r.commune_group), reaching=int(r.reaching),
                          communes=int(r.communes), pct=share_text(r.share, self.lang)) for r in groups.itertuples()]

    def verdict_html(self) -> str:
        """The lead sentence, then one tile per state: its count, share and name in its colour,
        then one line per commune group."""
        total = self.counts.iloc[-1]
        tiles = "".join(
            f'<div class="ntm-tile ntm-{s}" data-state="{s}" data-n="{int(total[s])}">'
            f'<div class="ntm-n"><span aria-hidden="true">{STATE_SYMBOLS[s]}</span> {int(total[s])}</div>'
            f'<div class="ntm-s">{_e(state_text(s, self.lang))} · '
            f'{share_text(total[s] / total["communes"], self.lang)} %'
            f"</div></div>" for s in STATES if total["communes"])
        lines = "".join(f"<li>{_e(line)}</li>" for line in self.group_lines())
        return (blocks.STYLE + STYLE + f'<p class="ntm-lead">{_e(self.lead())}</p>'
                + f'<div class="ntm-tiles">{tiles}</div>' + (f"<ul>{lines}</ul>" if lines else ""))

    # ----------------------------------------------------------------- states per commune group

    def states_table(self) -> pd.DataFrame:
        """Per commune group and for the province: communes, then each state's count and share,
        then those meeting the standard ('1 (16,7 %)')."""
        say = self._say
        t = self.counts
        out = pd.DataFrame({say("h_group"): [self._group_name(g) for g in t["commune_group"]],
                            say("h_communes"): t["communes"].astype(int)})
        for s in STATES:
            out[state_text(s, self.lang, short=True)] = [
                f"{int(n)} ({share_text(n / c, self.lang)} %)" if c else "0" for n, c in zip(t[s], t["communes"])]
        out[say("h_reaching")] = [f"{int(n)} ({share_text(sh, self.lang)} %)"
                                  for n, sh in zip(t["reaching"], t["share"])]
        return out

    def states_html(self) -> str:
        t = self.states_table()
        return cards_html(t, numeric=t.columns[1:])

    def states_chart_html(self) -> str:
        """One bar per commune group and for the province, its parts the states in their colours
        (reached and no data striped), each part's count written in it (on a white label where
        striped); the key under the bars."""
        rows = []
        for r in self.counts.itertuples():
            n = int(r.communes)
            parts = "".join(
                f'<span{_STRIPED_CLASS if s in _STRIPED else ""} '
                f'style="width:{100 * getattr(r, s) / n:.3f}%;{_fill(s)}" '
                f'title="{_e(state_text(s, self.lang))}: {int(getattr(r, s))}"><b>{int(getattr(r, s))}</b></span>'
                for s in STATES if n and getattr(r, s))
            name = self._group_name(r.commune_group)
            alt = f"{name}: " + ", ".join(f"{state_text(s, self.lang, short=True)} {int(getattr(r, s))}"
                                          for s in STATES if getattr(r, s))
            rows.append(f'<div class="ntm-bar-row"><div>{_e(name)} <span class="ntm-note">'
                        f'({_e(self._say("communes_n", n=n))})</span></div>'
                        f'<div class="ntm-bar" role="img" aria-label="{_e(alt)}">{parts}</div></div>')
        keys = "".join(f'<span><i style="{_fill(s)}"></i>{_e(state_text(s, self.lang, short=True))}</span>'
                       for s in STATES if self.counts[s].sum())
        return (STYLE + f'<figure class="ntm-bars" aria-label="{_e(self._say("chart_states"))}" style="margin:0">'
                + "".join(rows) + f'<div class="ntm-keys">{keys}</div></figure>')

    # ----------------------------------------------------------------- criteria

    def _criterion_name(self, code: str) -> str:
        c = self.card.sets[self.set_id].criterion(code)
        return f"{code}. {localized(c.name, c.name_en, self.lang)}"

    def criteria_lines(self) -> list[str]:
        """'5/7 xã đạt tiêu chí 1. Quy hoạch', highest share first."""
        s = self.card.sets[self.set_id]
        return [self._say("criterion_line", met=r.met, communes=r.communes, code=r.criterion,
                          name=localized(s.criterion(r.criterion).name, s.criterion(r.criterion).name_en, self.lang))
                for r in self.criteria.itertuples()]

    def criteria_table(self) -> pd.DataFrame:
        """Per criterion, highest share first: communes meeting it ('5/7'), the share, not meeting
        it, without a threshold, without data."""
        say, t = self._say, self.criteria
        return pd.DataFrame({
            say("h_criterion"): [self._criterion_name(c) for c in t["criterion"]],
            say("h_met"): [f"{m}/{n}" for m, n in zip(t["met"], t["communes"])],
            say("h_share"): [f"{share_text(x, self.lang)} %" for x in t["share"]],
            say("h_not_met"): t["not_met"].astype(int), say("h_no_threshold"): t["no_threshold"].astype(int),
            say("h_no_data"): t["no_data"].astype(int)})

    def criteria_html(self) -> str:
        t = self.criteria_table()
        return f'<p class="ntm-note">{_e(self._say("criteria_rule"))}</p>' + cards_html(t, numeric=t.columns[1:])

    def criteria_chart_html(self) -> str:
        """A horizontal bar per criterion, highest share first: met, not met, no threshold and no
        data in the results' colours, with 'a/b (c %)' beside it."""
        fills = {"met": COLOURS["met"], "not_met": COLOURS["not_met"], "no_threshold": COLOURS["no_threshold"],
                 "no_data": COLOURS["no_data"]}
        words = {"met": self._say("h_met"), "not_met": self._say("h_not_met"),
                 "no_threshold": self._say("h_no_threshold"), "no_data": self._say("h_no_data")}
        rows = []
        for r, line in zip(self.criteria.itertuples(), self.criteria_lines()):
            n = int(r.communes)
            parts = "".join(f'<span style="width:{100 * getattr(r, k) / n:.3f}%;background:{c}" '
                            f'title="{_e(words[k])}: {int(getattr(r, k))}"></span>'
                            for k, c in fills.items() if n and getattr(r, k))
            rows.append(f'<div class="ntm-bar-row"><div>{_e(self._criterion_name(r.criterion))}</div>'
                        f'<div class="ntm-bar" role="img" aria-label="{_e(line)}">{parts}</div>'
                        f'<div class="ntm-bar-note">{_e(f"{r.met}/{n} ({share_text(r.share, self.lang)} %)")}'
                        '</div></div>')
        keys = "".join(f'<span><i style="background:{c}"></i>{_e(words[k])}</span>' for k, c in fills.items()
                       if self.criteria[k].sum())
        return (STYLE + f'<figure class="ntm-bars" aria-label="{_e(self._say("chart_criteria"))}" style="margin:0">'
                + "".join(rows) + f'<div class="ntm-keys">{keys}</div></figure>')

    def bands_table(self) -> pd.DataFrame:
        """Communes by the number of criteria they meet ('8–9/10'), with their share."""
        say, t = self._say, self.bands
        total = int(t["high"].max()) if len(t) else 0
        return pd.DataFrame({say("h_band"): [f"{b}/{total}" for b in t["band"]],
                             say("h_communes"): t["communes"].astype(int),
                             say("h_share"): [f"{share_text(x, self.lang)} %" for x in t["share"]]})

    def bands_html(self) -> str:
        banded = int(self.bands["communes"].sum())
        left = len(self.communes) - banded
        note = f'<p class="ntm-note">{_e(self._say("bands_rule", n=left))}</p>' if left else ""
        t = self.bands_table()
        return cards_html(t, numeric=t.columns[1:]) + note

    # ----------------------------------------------------------------- targets

    def targets_html(self) -> str:
        """Each target of dataset.yaml: the progress sentence (ntmlib.analysis.targets), its source
        and note; '' when the dataset states no target."""
        if self.progress.empty:
            return ""
        out = []
        for t, r in zip(self.dataset.targets, self.progress.to_dict("records")):
            extra = [self._say("target_source", source=t.source)] if t.source else []
            extra += [self._say("target_note", note=t.note)] if getattr(t, "note", None) else []
            out.append(f'<p class="ntm-lead">{_e(targets.sentence(r, self.lang))}</p>'
                       + "".join(f'<p class="ntm-note">{_e(x)}</p>' for x in extra))
        return STYLE + "".join(out)

    # ----------------------------------------------------------------- map

    def named_on_map(self) -> list[str]:
        """The communes a crowded map names: those nearest to the standard and those lapsed."""
        return list(dict.fromkeys([*self.nearest["commune_id"].astype(str), *self.lapsed["commune_id"].astype(str)]))

    def map_html(self) -> str:
        return maps.province_map_html(self.card, self.year, self.province, self.lang, named=self.named_on_map())

    # ----------------------------------------------------------------- communes

    def nearest_table(self) -> pd.DataFrame:
        """The communes nearest to the standard: group, state, counts met, and their largest gaps
        in their units ('8.1 Tỷ lệ nghèo đa chiều 1,5 % (yêu cầu ≤ 1 %)')."""
        say, t = self._say, self.nearest
        if t.empty:
            return pd.DataFrame()
        names = {i.code: localized(i.name, i.name_en, self.lang) for i in self.card.sets[self.set_id].indicators}
        rows = []
        for cid, g in t.groupby("commune_id", sort=False):
            r = g.iloc[0]
            gaps = [say("gap", name=f"{x.indicator} {names.get(str(x.indicator), x.indicator_name)}",
                        value=blocks.value_text(x.value, x.number, x.unit, self.lang),
                        threshold=threshold_text(x.rule, x.threshold, x.unit, self.lang))
                    for x in g.itertuples() if pd.notna(x.indicator)]
            rows.append({say("h_commune"): r["commune"], say("h_group"): r["commune_group"],
                         say("h_state"): state_text(r["state"], self.lang, short=True),
                         say("h_result"): counts_text(r["criteria_met"], r["criteria_total"], r["indicators_met"],
                                                      r["indicators_total"], self.lang),
                         say("h_gaps"): gaps})
        out = pd.DataFrame(rows)
        if not self.communes["commune_group"].astype(bool).any():
            out = out.drop(columns=say("h_group"))
        return out

    def nearest_html(self) -> str:
        t = self.nearest_table()
        if t.empty:
            return f"<p>{_e(self._say('none_near'))}</p>"
        return f'<p class="ntm-note">{_e(self._say("nearest_rule", limit=NEAREST, gaps=GAPS))}</p>' + cards_html(t)

    def lapsed_table(self) -> pd.DataFrame:
        say, t = self._say, self.lapsed
        out = pd.DataFrame({say("h_commune"): t["commune"], say("h_tier"): [tier_name(x, self.lang) for x in t["tier"]],
                            say("h_result"): [counts_text(*v, self.lang) for v in zip(
                                t["criteria_met"], t["criteria_total"], t["indicators_met"], t["indicators_total"])]})
        if t["district"].astype(bool).any():
            out.insert(1, say("h_district"), t["district"])
        return out

    def lapsed_html(self) -> str:
        t = self.lapsed_table()
        return cards_html(t) if len(t) else f"<p>{_e(label(PROVINCE_TEXT, 'none_lapsed', self.lang))}</p>"

    @cached_property
    def district_rows(self) -> pd.DataFrame:
        return P.districts(self.card, self.year, self.province)

    def districts_table(self) -> pd.DataFrame:
        """One row per district (empty for a year without districts)."""
        say, t = self._say, self.district_rows
        return pd.DataFrame({
            say("h_district"): t["district"], say("h_communes"): t["communes"].astype(int),
            say("h_reaching"): [f"{int(a)} ({share_text(a / n if n else float('nan'), self.lang)} %)"
                                for a, n in zip(t["reaching"], t["communes"])],
            say("h_recognised_n"): t["recognised"].astype(int),
            say("h_mean"): [number_text(x, 1, self.lang) for x in t["criteria_mean"]],
            say("h_range"): [f"{r}/{n}" for r, n in zip(t["criteria_range"], t["criteria_total"])]})

    def districts_html(self) -> str:
        t = self.districts_table()
        return cards_html(t, numeric=t.columns[1:]) if len(t) else ""

    @cached_property
    def origin_rows(self) -> pd.DataFrame:
        return P.origins(self.card, self.year, self.province)

    def origins_table(self) -> pd.DataFrame:
        """Per new commune (a group header), its predecessors with the year, counts met and tiers
        of their last results before the merger."""
        say, t = self._say, self.origin_rows
        if t.empty:
            return pd.DataFrame()

        def result(r) -> str:
            if not r.assessed:
                return say("not_assessed")
            if pd.isna(r.year):
                return say("no_result")
            return counts_text(r.criteria_met, r.criteria_total, r.indicators_met, r.indicators_total, self.lang)

        def tier(x) -> str:
            return tier_name(x, self.lang) if isinstance(x, str) and x else "—"

        return pd.DataFrame({
            say("h_new"): t["new_commune"], say("h_predecessor"): t["commune"],
            say("h_year"): ["" if pd.isna(y) else str(int(y)) for y in t["year"]],
            say("h_result"): [result(r) for r in t.itertuples()],
            say("h_reached"): [tier(x) if a else "" for x, a in zip(t["tier_reached"], t["assessed"])],
            say("h_recognised"): [tier(x) if a else "" for x, a in zip(t["tier_recognised"], t["assessed"])]})

    def origins_html(self) -> str:
        t = self.origins_table()
        if t.empty:
            return ""
        return (f'<p class="ntm-note">{_e(self._say("origins_rule"))}</p>'
                + cards_html(t, group=self._say("h_new")))

    def provenance(self) -> pd.DataFrame:
        return provenance_table(self.card, self.lang)


def report_communes(ds: Dataset, province: str) -> list[str]:
    """The communes a province report reads: the province's, and the predecessors its new
    communes were formed from (crosswalk.csv), whatever province those were in."""
    mine = ds.area_communes(province=province)
    links = reorg.predecessor_table(ds) if ds.crosswalk is not None and len(ds.crosswalk) else None
    before = [] if links is None else list(links.loc[links["key"].isin(set(map(str, mine))), "commune_id"])
    return list(dict.fromkeys([*mine, *before]))


def check_province_year(ds: Dataset, province: str, year: int) -> None:
    """A ParameterError naming the years the province has communes assessed in, when it has none
    in `year` (Ninh Bình's new communes begin on 1 July 2025; Hà Nam's communes end then)."""
    c = ds.communes
    mine = (c["province"] == province) & c["assessed"].astype(bool)
    if (mine & ds.existing([int(year)])).any():
        return
    years = ", ".join(str(y) for y in ds.years if (mine & ds.existing([y])).any()) or "—"
    raise ParameterError(Problem(error_text("province_asked"),
                                 error_text("no_province_communes", province=province, year=year, years=years)))


def province_report(dataset, province, year, lang: str = "vi", scores=None) -> ProvinceReport:
    """Check the parameters of a province report and score what it needs. The province may be
    written in any case, with or without diacritics or 'Tỉnh'."""
    check_lang(lang)
    ds, cached, _ = report_data(dataset, scores)
    name = province_name(ds.communes, str(province), ds.file_name("communes"))
    y = require_year(year, known_years(ds, cached))
    check_province_year(ds, name, y)
    card = report_card(ds, y, cached).subset(report_communes(ds, name))
    return ProvinceReport(ds, card, name, y, lang)

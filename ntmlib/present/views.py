"""What the report notebooks show, computed here so that the notebooks stay thin: parameter
checks with clear messages, headers, badges, tables and provenance, in Vietnamese or English."""
from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources import files
from pathlib import Path

import pandas as pd

from ..analysis import aggregate, reorg, roadmap, trends, verdicts, whatif
from ..base.languages import check_lang
from ..dataset.loading import load_dataset
from ..dataset.model import Dataset, has_district
from ..dataset.resolve import fold_name, namesakes
from ..errors import DataError, ParameterError, Problem
from ..scoring.cache import read_batch_scores
from ..scoring.engine import score
from ..scoring.scorecard import Scorecard
from ..scoring.window import report_years, require_year
from ..text import (
    REORG_LABELS,
    REPORT_LABELS,
    REPORT_TEXT,
    SAME_SET,
    TREND_HEADERS,
    VERDICT_TEXT,
    WHATIF_TEXT,
    counts_text,
    date_text,
    error_text,
    label,
    localized,
    number_text,
    sentence_case,
    short_counts,
    shortened,
    tier_name,
    tier_order,
    tier_rank,
    vi_sort_key,
)
from . import blocks, bulletin, maps
from .plots import history_figure


def report_data(dataset, scores: str | Path | None) -> tuple[Dataset, Scorecard | None, dict[int, pd.DataFrame]]:
    """The dataset, and the Scorecard a batch computed once for all its reports with the trend
    tables it worked out for them ({year: table}), if given."""
    if scores:
        card, trend_tables = read_batch_scores(scores)
        return card.dataset, card, trend_tables
    return (dataset if isinstance(dataset, Dataset) else load_dataset(dataset_path(dataset))), None, {}


def _own_trends(shared: pd.DataFrame | None, card: Scorecard, year: int, communes=None) -> pd.DataFrame:
    """ntmlib.analysis.trends.trends(card.upto(year), communes): the rows of `shared` (the trends a batch
    worked out once for every commune of its file) when given, else computed. A commune's trends
    depend only on its own results, so the rows are those trends() gives for it alone."""
    upto = card.upto(year)
    if shared is None:
        return trends.trends(upto, communes=communes)
    ids = set(upto.communes["commune_id"]) if communes is None else {str(c) for c in communes}
    return upto.typed(shared[shared["commune_id"].isin(ids)].reset_index(drop=True))


def dataset_path(dataset) -> Path:
    """Where a report's `dataset` parameter points: as given when it exists (or is absolute),
    else relative to the report notebooks' folder — so the notebooks' default "../data/ly-nhan"
    finds the sample whether papermill runs them from the project folder or from notebooks/."""
    path = Path(dataset)
    if path.is_absolute() or path.exists():
        return path
    beside = Path(str(files("ntmlib.notebooks"))) / path
    return beside if beside.exists() else path


def known_years(ds: Dataset, cached: Scorecard | None = None) -> list[int]:
    """The years a report may be asked for: the dataset's years with data, or those a batch scored
    (a district's part of a batch may hold only communes registered before their data came)."""
    return ds.years if cached is None else sorted(set(ds.years) | set(cached.years))


def report_card(ds: Dataset, year: int, cached: Scorecard | None = None) -> Scorecard:
    """The results a report for `year` shows: the years ntmlib.scoring.window.report_years() gives, cut
    from a batch's Scorecard when one is given, else scored here."""
    years = report_years(known_years(ds, cached), year)
    if cached is None:
        return score(ds, year=years)
    missing = [y for y in years if y not in cached.years]
    if missing:
        raise ParameterError(Problem(error_text("year_given"),
                                     error_text("cached_years_missing", years=", ".join(map(str, missing)))))
    return cached.upto(year)


@dataclass
class CommuneReport:
    """Everything a commune report shows, for one commune and year."""

    dataset: Dataset
    card: Scorecard
    commune_id: str
    year: int
    lang: str = "vi"
    shared_trends: pd.DataFrame | None = field(default=None, repr=False, compare=False)  # from a batch

    @property
    def info(self) -> pd.Series:
        return self.dataset.communes.set_index("commune_id").loc[self.commune_id]

    @property
    def name(self) -> str:
        return self.info["commune"]

    @property
    def previous_year(self) -> int | None:
        prev = self.year - 1
        return prev if prev in set(self.card.communes["year"]) else None

    def rows(self) -> pd.DataFrame:
        """The communes-table rows of this commune and year, one per set."""
        return self._rows

    @cached_property
    def _rows(self) -> pd.DataFrame:  # asked for by most parts of the report: cut from the card once
        return self.card.commune(self.commune_id, self.year)

    def header(self) -> pd.DataFrame:
        """Commune, district (a unit of 1 July 2025 on has none: no row), province, year, region and
        criteria sets (by name), as a two-column table."""
        t = REPORT_LABELS[self.lang]
        i = self.info
        sets = "; ".join(localized(self.card.sets[s].name, self.card.sets[s].name_en, self.lang)
                         for s in self.rows()["set"])
        rows = [(t["commune"], i["commune"]), (t["district"], i["district"]), (t["province"], i["province"]),
                (t["year"], self.year), (t["region"], region_name(self.card, i["region"])), (t["sets"], sets)]
        rows = [(k, v) for k, v in rows if k != t["district"] or has_district(v)]
        return pd.DataFrame({"": [k for k, _ in rows], " ": [v for _, v in rows]})

    @cached_property
    def set_verdicts(self) -> list[verdicts.Verdict]:
        """The verdict of each set scored (ntmlib.analysis.verdicts), lowest tier first."""
        return verdicts.commune_verdicts(self.own_card, self.commune_id, self.year)

    @property
    def no_data(self) -> bool:
        """True when the commune has no observation at all in the report's year (listed in
        communes.csv before its data came)."""
        return _without_data(self.rows())

    def verdicts_html(self) -> str:
        """The verdict cards: counts, state in words and colour, and why a tier is not reached;
        for a commune without data that year, the one notice that says so."""
        if self.no_data:
            note = label(REPORT_TEXT, "no_data_page", self.lang, name=self.name, year=self.year)
            return f'{blocks.STYLE}<p class="ntm-notice ntm-no-data">{html.escape(note)}</p>'
        return blocks.verdicts_html(self.set_verdicts, self.card.sets, self.lang)

    def provisional(self) -> tuple[int, int]:
        """(provisional, judged) indicator results behind this report's verdicts."""
        return verdicts.provisional_count(self.own_card, self.year, communes=[self.commune_id],
                                          sets=list(self.rows()["set"]))

    def provisional_html(self) -> str:
        return blocks.provisional_html(*self.provisional(), lang=self.lang)

    @cached_property
    def own_card(self) -> Scorecard:
        """This commune's results alone: what goes through every commune of the card (trends,
        year-on-year changes) or picks one commune out of it (verdicts, unmet indicators) then
        works on one commune, not on its whole district."""
        return self.card.subset([self.commune_id])

    @cached_property
    def trend_table(self) -> pd.DataFrame:
        """ntmlib.analysis.trends for this commune up to this year, computed once for the next steps, the
        unmet indicators and the trends table."""
        return _own_trends(self.shared_trends, self.own_card, self.year, [self.commune_id])

    @cached_property
    def unmet(self) -> pd.DataFrame:
        """ntmlib.analysis.verdicts.unmet_rows of every set scored for the commune this year, worked out
        once for the next steps and the unmet indicators."""
        return verdicts.unmet_rows(self.own_card, self.year,
                                   [(self.commune_id, v.set_id) for v in self.set_verdicts], self.trend_table)

    @cached_property
    def steps(self) -> pd.DataFrame:
        """The commune's next steps to its next tier (ntmlib.analysis.verdicts.next_steps): the unmet
        indicators of its next tier's set and of the sets that set requires."""
        target = verdicts.next_target(self.set_verdicts)
        if target is None:
            return pd.DataFrame(columns=verdicts.ROW_COLUMNS)
        # the required sets scored for the commune are among its verdicts' sets; the others have no rows
        rows = self.unmet[self.unmet["set"].isin(verdicts.required_sets(self.card, target.set_id))]
        return rows[verdicts.ROW_COLUMNS].reset_index(drop=True)

    def steps_html(self) -> str:
        """'Việc cần làm': the sentence naming the target tier, then the indicators to fix grouped
        by criterion, each with value, threshold, what is needed, trend and projected year."""
        if self.no_data:
            words = label(REPORT_TEXT, "no_data_year", self.lang, year=self.year)
            return f"<p>{html.escape(words[:1].upper() + words[1:])}.</p>"
        lead = blocks.steps_lead(self.steps, verdicts.next_target(self.set_verdicts), self.year, self.lang)
        table = blocks.steps_html(self.steps, self.card.sets, self.lang) if len(self.steps) else ""
        return f"<p>{html.escape(lead)}</p>{table}"

    def unmet_html(self) -> str:
        """Per set, the indicators not met or without data grouped by criterion, folded away."""
        unmet = self.unmet
        parts = []
        for v in self.set_verdicts:
            rows = unmet[unmet["set"] == v.set_id]
            if rows.empty:
                continue
            summary = label(VERDICT_TEXT, "unmet_summary", self.lang, tier=tier_name(v.tier, self.lang), n=len(rows))
            parts.append(blocks.folded_html(summary, blocks.steps_html(rows, self.card.sets, self.lang)))
        return "".join(parts)

    def changes(self) -> pd.DataFrame:
        """Criteria gained and lost since the previous year, per set (empty without a previous year)."""
        t = REPORT_LABELS[self.lang]
        # the whole card's last pair of years up to the report's (the rows shown), from the commune's own results
        years = [y for y in self.card.years if y <= self.year][-2:]
        ch = (aggregate.year_change(self.own_card, years=years) if len(years) == 2 else
              pd.DataFrame(columns=["commune_id", "set", "year_from", "year_to", "criteria_from", "criteria_to",
                                    "gained", "lost"]))
        ch = ch[(ch["commune_id"] == self.commune_id) & (ch["year_to"] == self.year)]
        named = lambda sid, codes: criteria_names(self.card.sets[sid], codes, self.lang) or t["none"]  # noqa: E731
        return pd.DataFrame({
            t["sets"]: [tier_name(self.card.sets[s].tier, self.lang) for s in ch["set"]], t["prev"]: ch["year_from"],
            t["result"]: [f"{a} → {b}" for a, b in zip(ch["criteria_from"], ch["criteria_to"])],
            t["gained"]: [named(s, g) for s, g in zip(ch["set"], ch["gained"])],
            t["lost"]: [named(s, x) for s, x in zip(ch["set"], ch["lost"])],
        })

    def trends(self) -> pd.DataFrame:
        """Indicators not met this year, without data, or getting worse: values by year, arrow,
        rate and the year the threshold would be reached at the recent rate (ntmlib.analysis.trends)."""
        tr = self.trend_table
        tr = tr[tr["set"].isin(set(self.rows()["set"]))]
        keep = ~tr["met"].fillna(False).astype(bool) | (tr["direction"] == "worsening")
        tr = tr[keep]
        table = trends.display_table(tr, self.lang)
        head = TREND_HEADERS[self.lang]
        table[head["set"]] = [tier_name(self.card.sets[x].tier, self.lang) for x in tr["set"]]
        table[head["threshold"]] = [blocks.threshold_text(r, t, u, self.lang) for r, t, u in
                                    zip(tr["rule"], tr["threshold"], tr["unit"])]
        via = table[head["compared_via"]].where(table[head["compared_via"]] != SAME_SET, "")  # said once, in the note
        return table.assign(**{head["compared_via"]: via}) if via.any() else table.drop(columns=head["compared_via"])

    def trends_note(self) -> str:
        """The note above the trends table, over the years this commune has results: the same from its
        province's or district's scores file as from the whole dataset's."""
        return _trends_note(self.own_card, self.year, self.lang,
                            label(REPORT_TEXT, "commune_trends", self.lang, year=self.year))

    def trends_html(self) -> str:
        """The trends table folded away under a line that says how many indicators it holds."""
        t = self.trends()
        if t.empty:
            return ""
        return blocks.folded_html(label(VERDICT_TEXT, "trends_summary", self.lang, n=len(t)), blocks.table_html(t))

    def provenance(self) -> pd.DataFrame:
        return provenance_table(self.card, self.lang)

    is_new = False  # a commune of communes.csv, not a unit formed by a reorganisation (NewCommuneReport)

    def successor_note(self) -> str:
        """'Từ 1/7/2025 thuộc xã Trần Thương, tỉnh Ninh Bình.' when the crosswalk has a successor, else ''."""
        nxt = reorg.successor(self.dataset, self.commune_id)
        if nxt is None:
            return ""
        return label(REPORT_TEXT, "successor", self.lang, when=date_text(nxt["effective"], self.lang),
                     kind=nxt["new_type"] or "xã", name=nxt["new_commune"], province=nxt["new_province"])

    def map_html(self) -> str:
        """The commune's position in its district: the district's map (drawn once per district and
        year, ntmlib.present.maps) with the commune ringed and named."""
        return maps.commune_map_html(self.card, self.year, self.commune_id, self.lang)


def commune_report(dataset, commune, year, lang: str = "vi", scores=None) -> CommuneReport:
    """Check the parameters of a commune report and score what it needs.

    Raises ParameterError with a clear message for an unknown commune, a town that is
    not assessed, a year without data or an unknown language.
    """
    check_lang(lang)
    ds, cached, trend_tables = report_data(dataset, scores)
    try:
        cid, key = reorg.find_commune(ds, commune)  # an old commune, or a unit formed by a reorganisation
    except DataError:
        cid = key = None
    if cid is not None:
        cid, key = _commune_of_the_year(ds, cid, key, commune, year)
    if cid is None:
        if key is None:
            units = reorg.new_communes(ds)  # named in the messages only
            known = ", ".join(ds.communes.loc[ds.communes["assessed"], "commune"])
            new = error_text("new_communes_listed", names=", ".join(units["new_commune"])) if len(units) else ""
            raise ParameterError(Problem(error_text("commune_asked"), error_text(
                "no_commune_in_dataset", commune=commune, dataset=ds.name, known=known, new=new)))
        y = require_year(year, known_years(ds, cached))
        return NewCommuneReport(ds, report_card(ds, y, cached), key, y, lang)
    if not ds.communes["assessed"].to_numpy()[(ds.communes["commune_id"] == cid).to_numpy()][0]:
        units = reorg.new_communes(ds)
        same = units[units["new_commune"].map(fold_name) == fold_name(str(commune))] if len(units) else units
        hint = (error_text("new_commune_hint", name=same["new_commune"].iloc[0],
                           date=reorg.date_words(same["effective"].iloc[0]), written=same["key"].iloc[0])
                if len(same) == 1 else "")
        raise ParameterError(Problem(error_text("commune_asked"),
                                     error_text("commune_not_assessed", commune=commune, hint=hint)))
    y = require_year(year, known_years(ds, cached))
    return CommuneReport(ds, report_card(ds, y, cached), cid, y, lang, trend_tables.get(y))


def _commune_of_the_year(ds: Dataset, cid: str, key, asked, year) -> tuple:
    """find_commune's (commune id, key) checked against the communes that exist in `year` (the
    crosswalk's dates, Dataset.existing); unchanged when the year is not one with data (require_year
    words that error) or the commune exists then.

    - A name an old commune and the unit of 1 July 2025 formed from it both carry (Bắc Lý 13588,
      merged into Bắc Lý 13579@2025-07-01) means the one that exists in the year.
    - A new commune of communes.csv asked for a year before it was formed: (None, key), its
      predecessors' report.
    - An old commune asked for a year after it joined a new one has no results to report: a
      ParameterError names the new commune, whose report that year's is."""
    try:
        y = int(year)
    except (TypeError, ValueError):
        return cid, key
    if y not in ds.years:
        return cid, key
    alive = ds.communes.loc[ds.existing([y]), ["commune_id", "commune"]]
    if cid in set(alive["commune_id"]):
        return cid, key
    c = ds.communes
    name = str(c.loc[c["commune_id"] == cid, "commune"].iloc[0])
    if str(asked) != cid:  # asked by name: another commune of that name may exist that year
        twins = namesakes(alive, name)
        if len(twins) == 1:
            return reorg.find_commune(ds, twins[0])
    if key is not None:
        return None, key
    row = ds.crosswalk.sort_values("effective").loc[lambda cw: cw["old_commune_id"] == cid].iloc[0]
    raise ParameterError(Problem(error_text("commune_asked"), error_text(
        "commune_gone_in_year", commune=name, id=cid, date=reorg.date_words(row["effective"]),
        new=row["new_commune"], year=y)))


def _without_data(rows: pd.DataFrame) -> bool:
    """True when every indicator of these communes-table rows has no data (a commune with no
    observation in the year)."""
    return bool(len(rows)) and bool((rows["no_data"] == rows["indicators_total"]).all())


@dataclass
class NewCommuneReport:
    """The report of a commune formed by a reorganisation (crosswalk.csv): when and from which
    communes it was formed, and its predecessors' results in the years scored."""

    dataset: Dataset
    card: Scorecard
    key: str
    year: int
    lang: str = "vi"
    is_new = True

    @property
    def unit(self) -> pd.Series:
        return reorg.unit(self.dataset, self.key)

    @property
    def name(self) -> str:
        return self.unit["new_commune"]

    @property
    def years(self) -> list[int]:
        """The years up to the report's in which its predecessors existed (not the new commune's own)."""
        ids, ds = set(self.unit["predecessor_ids"]), self.dataset
        return sorted(int(y) for y in self.card.communes["year"].unique()
                      if y <= self.year and ids & set(ds.communes.loc[ds.existing([int(y)]), "commune_id"]))

    def predecessors(self) -> pd.DataFrame:
        return reorg.predecessors(self.dataset, self.key)

    def header(self) -> pd.DataFrame:
        """Commune, code and reference, province, date formed, predecessors, year, criteria sets."""

        t, r, u = REPORT_LABELS[self.lang], REORG_LABELS[self.lang], self.unit
        return pd.DataFrame({"": [t["commune"], r["code"], r["key"], t["province"], r["effective"], r["predecessors"],
                                  t["year"], t["sets"]],
                             " ": [u["new_commune"], u["new_commune_id"], u["key"], u["new_province"],
                                   date_text(u["effective"], self.lang), ", ".join(u["predecessors"]), self.year,
                                   ", ".join(self.card.sets)]})

    def formation_text(self) -> str:
        """One paragraph: formed on which date, from which communes, and whose results follow."""
        return reorg.formation_text(self.dataset, self.key, self.years, self.lang)

    def history(self) -> pd.DataFrame:
        """Per year and predecessor: counts met per tier ('18/19 · 55/57'), tiers reached and recognised."""
        t, r = REPORT_LABELS[self.lang], REORG_LABELS[self.lang]
        h = reorg.history(self.card, self.key, self.years, self.lang)
        tiers = sorted((x for x in h.columns if tier_rank(x)), key=tier_order)  # the tiers of the ladder
        out = pd.DataFrame({t["year"]: h["year"], r["predecessor"]: h["commune"]})
        for x in tiers:
            out[tier_name(x, self.lang)] = [v if a else r["not_assessed"] for v, a in zip(h[x], h["assessed"])]
        out[r["tier_reached"]] = [tier_name(x, self.lang) if a else "" for x, a in
                                  zip(h["tier_reached"], h["assessed"])]
        out[r["tier_recognised"]] = [tier_name(x, self.lang) if a else "" for x, a in
                                     zip(h["tier_recognised"], h["assessed"])]
        out[r["recognitions"]] = h["recognitions"]
        return out

    def regrouped(self) -> pd.DataFrame:
        """Per year and tier: predecessors, how many were assessed, reached the tier, were recognised at it."""
        t, r = REPORT_LABELS[self.lang], REORG_LABELS[self.lang]
        g = reorg.regroup(self.card)
        g = g[(g["commune_id"] == self.key) & g["year"].isin(self.years)]
        return pd.DataFrame({
            t["year"]: g["year"], t["tier"]: [tier_name(x, self.lang) for x in g["tier"]], r["n"]: g["predecessors"],
            r["assessed"]: g["assessed"], r["reaching"]: g["reaching"], r["recognised"]: g["recognised"],
            r["crange"]: [f"{a}/{b}" for a, b in zip(g["criteria_range"], g["criteria_total"])],
            r["irange"]: [f"{a}/{b}" for a, b in zip(g["indicators_range"], g["indicators_total"])],
        }).reset_index(drop=True)

    def figure(self):
        return history_figure(self.card, self.key, self.years, self.lang)

    def map_html(self) -> str:
        """The districts of the predecessors, their points grouped by a dashed outline (ntmlib.present.maps)."""
        u = self.unit
        return maps.new_commune_map_html(self.card, self.year, u["new_commune"], date_text(u["effective"], self.lang),
                                         u["predecessor_ids"], self.lang)

    def provenance(self) -> pd.DataFrame:
        return provenance_table(self.card, self.lang)


@dataclass
class DistrictReport:
    """Everything a district report shows, for one district and year."""

    dataset: Dataset
    card: Scorecard
    district: str
    year: int
    lang: str = "vi"
    links: dict = field(default_factory=dict)  # commune id -> relative address of its report in the same batch
    shared_trends: pd.DataFrame | None = field(default=None, repr=False, compare=False)  # from a batch
    _roadmaps: dict = field(default_factory=dict, repr=False, compare=False)

    def sets(self, tiers=("ntm", "nang-cao")) -> list[str]:
        """The criteria sets scored in the report's year, of these tiers (the figures draw one per set)."""
        c = self.card.communes
        return [s for s in dict.fromkeys(c.loc[c["year"] == self.year, "set"]) if self.card.sets[s].tier in tiers]

    def roadmap_table(self, target: str = "nang-cao") -> pd.DataFrame:
        """ntmlib.analysis.roadmap for this year, computed once per target for the table, the sentences
        and the figure."""
        if target not in self._roadmaps:
            self._roadmaps[target] = roadmap.roadmap(self.card, self.year, target)
        return self._roadmaps[target]

    @cached_property
    def trend_table(self) -> pd.DataFrame:
        """ntmlib.analysis.trends up to this year, computed once for the table and the figures."""
        return _own_trends(self.shared_trends, self.card, self.year)

    def status(self) -> pd.DataFrame:
        """Per set: communes, reaching, recognised, mean criteria met, ranges (over the communes with
        data; "—" when none has data)."""
        t = REPORT_LABELS[self.lang]
        s = aggregate.summary(self.card)
        s = s[(s["year"] == self.year) & (s["district"] == self.district)]
        return pd.DataFrame({
            t["sets"]: [localized(self.card.sets[x].name, self.card.sets[x].name_en, self.lang) for x in s["set"]],
            t["tier"]: [tier_name(x, self.lang) for x in s["tier"]], t["communes"]: s["communes"],
            t["reaching"]: s["reaching"], t["recognised_n"]: s["recognised"],
            t["mean"]: ["—" if pd.isna(x) else number_text(x) for x in s["criteria_mean"]],
            t["crange"]: [f"{r}/{n}" if r else "—" for r, n in zip(s["criteria_range"], s["criteria_total"])],
            t["irange"]: [f"{r}/{n}" if r else "—" for r, n in zip(s["indicators_range"], s["indicators_total"])],
        }).reset_index(drop=True)

    def communes(self) -> pd.DataFrame:
        """One line per commune with the counts of each set, as the bulletin writes them: highest
        tier reached first, then most criteria and indicators met, then by name (Vietnamese order)."""
        c = self.card.communes
        c = c[c["year"] == self.year]
        t = REPORT_LABELS[self.lang]
        first = c.drop_duplicates("commune_id").set_index("commune_id")
        sets = list(dict.fromkeys(c["set"]))
        met = {s: c[c["set"] == s].set_index("commune_id") for s in sets}
        order = sorted(first.index, key=lambda i: (
            -(tier_rank(first.at[i, "tier_reached"]) + 1 if pd.notna(first.at[i, "tier_reached"]) else 0),
            *[-(met[s].at[i, "criteria_met"] if i in met[s].index else -1) for s in reversed(sets)],
            *[-(met[s].at[i, "indicators_met"] if i in met[s].index else -1) for s in reversed(sets)],
            vi_sort_key(first.at[i, "commune"])))
        empty = {i for i, rows in c.groupby("commune_id", observed=True) if _without_data(rows)}
        none = label(REPORT_TEXT, "no_data_year", self.lang, year=self.year)
        wide = {tier_name(met[s]["tier"].iloc[0], self.lang): [
            none if i in empty else short_counts(met[s].loc[[i]])[0] if i in met[s].index else "" for i in order]
            for s in sets}
        out = pd.DataFrame({t["commune"]: first.loc[order, "commune"].to_numpy(), **wide,
                            t["tier_reached"]: [tier_name(x, self.lang) for x in first.loc[order, "tier_reached"]],
                            t["tier"] + label(REPORT_TEXT, "recognised", self.lang):
                                [tier_name(x, self.lang) for x in first.loc[order, "tier_recognised"]]})
        out.attrs["commune_id"] = list(order)
        return out

    def communes_html(self) -> str:
        """The commune table as HTML, each name linked to its commune report when the batch gave
        its address (`links`)."""
        df = self.communes()
        first = df.columns[0]
        links = self.links
        df[first] = [f'<a href="{html.escape(links[i])}">{html.escape(n)}</a>' if i in links else html.escape(n)
                     for i, n in zip(df.attrs["commune_id"], df[first])]
        other = df.columns[1:]
        df[other] = df[other].map(lambda x: html.escape(str(x)))
        return blocks.STYLE + '<div class="ntm-scroll">' + df.to_html(index=False, escape=False, border=0,
                                                                   classes="ntm-table ntm-steps") + "</div>"

    def alerts(self) -> pd.DataFrame:
        t = REPORT_LABELS[self.lang]
        a = aggregate.maintenance_alerts(self.card, exact=False)  # also communes recognised at a higher tier
        a = a[a["year"] == self.year]
        return pd.DataFrame({
            t["commune"]: a["commune"], t["tier"]: [tier_name(x, self.lang) for x in a["tier"]],
            t["result"]: [counts_text(*v, self.lang) for v in zip(a["criteria_met"], a["criteria_total"],
                                                                   a["indicators_met"], a["indicators_total"])],
            t["failing"]: [indicator_names(self.card.sets[s], f["indicator"], self.lang)
                           for s, f in zip(a["set"], a["failing"])],
        }).reset_index(drop=True)

    def readiness(self, tier: str = "nang-cao") -> pd.DataFrame:
        """Communes not yet recognised at `tier`, in the order aggregate.readiness ranks them: the
        criteria and indicators missing are counted as the rank counts them, in the tier's set and
        in the set of the tier it requires ('7 (5 + 2 NTM)')."""
        t = REPORT_LABELS[self.lang]
        r = aggregate.readiness(self.card, tier, year=self.year)
        pre = tier_name(next((s.requires for s in self.card.sets.values() if s.tier == tier and s.requires), ""),
                        self.lang)

        def both(own, prerequisite):
            return [f"{a + b} ({a} + {b} {pre})" if b else str(a) for a, b in zip(own, prerequisite)]

        return pd.DataFrame({
            t["rank"]: r["rank"], t["commune"]: r["commune"],
            t["result"]: [counts_text(*v, self.lang) for v in zip(r["criteria_met"], r["criteria_total"],
                                                                   r["indicators_met"], r["indicators_total"])],
            t["criteria_missing"]: both(r["criteria_missing"], r["prerequisite_criteria_missing"]),
            t["indicators_missing"]: both(r["indicators_missing"], r["prerequisite_indicators_missing"]),
            t["missing"]: r["missing"],
        }).reset_index(drop=True)

    def readiness_rule(self) -> str:
        """The sentence that says how the readiness table is ordered (the rule aggregate.readiness applies)."""
        return label(VERDICT_TEXT, "ready_rule", self.lang)

    def provisional(self) -> tuple[int, int]:
        """(provisional, judged) indicator results behind this report's verdicts of its year."""
        return verdicts.provisional_count(self.card, self.year)

    def provisional_html(self) -> str:
        return blocks.provisional_html(*self.provisional(), lang=self.lang)

    def roadmap_html(self, target: str = "nang-cao", top: int = 3) -> str:
        """Per commune not yet recognised at `target` (closest first), one line in words: what it
        misses and its largest gaps in their units ('Y tế: tỷ lệ người dân tham gia bảo hiểm y tế
        cần tăng 5,4 điểm %'), with the full list grouped by criterion folded away."""
        say = lambda key, **fmt: label(VERDICT_TEXT, key, self.lang, **fmt)  # noqa: E731
        rm = self.roadmap_table(target)
        wanted = list(dict.fromkeys(zip(rm["commune_id"].astype(str), rm["set"].astype(str))))
        unmet = verdicts.unmet_rows(self.card, self.year, wanted, trend_table=self.trend_table)
        by_commune = {cid: g[verdicts.ROW_COLUMNS].reset_index(drop=True) for cid, g in
                      unmet.groupby("commune_id", sort=False)}
        parts = []
        for rank, cid, commune in dict.fromkeys(zip(rm["rank"], rm["commune_id"].astype(str), rm["commune"])):
            rows = by_commune.get(cid, unmet.iloc[:0][verdicts.ROW_COLUMNS])
            crit = rows[["set", "criterion"]].drop_duplicates().shape[0]
            missing = label(REPORT_TEXT, "missing", self.lang, criteria=crit, indicators=len(rows))
            num = rows[rows["rule"].isin([">=", "<="]) & rows["status"].eq("not_met")]
            far = num.assign(_rel=(num["gap"].abs() / num["threshold"].abs().where(num["threshold"] != 0, 1)))
            far = far.sort_values("_rel", ascending=False, kind="stable").head(top)
            gaps = "; ".join(say("road_gap", criterion=r.criterion_name, name=sentence_case(r.indicator_name),
                                 need=blocks.need_text(r.rule, r.status, r.gap, r.unit, self.lang))
                             for r in far.itertuples())
            line = say("road_commune", rank=rank, commune=commune, missing=missing)
            text = f"<p><strong>{html.escape(line)}</strong>" + (f" {html.escape(say('road_gaps', gaps=gaps))}"
                                                                 if gaps else "") + "</p>"
            parts.append(text + blocks.folded_html(say("road_rest", n=len(rows)),
                                                   blocks.steps_html(rows, self.card.sets, self.lang)))
        return "".join(parts)

    def roadmap_sentences(self, target: str = "nang-cao", top: int = 12) -> str:
        """The district totals of the roadmap as a Markdown list, most communes first."""
        totals = roadmap.district_totals(self.roadmap_table(target), self.lang)
        lines = [f"- {s}" for s in totals["sentence"].head(top)]
        rest = totals.iloc[top:]
        if len(rest):
            lines.append(label(REPORT_TEXT, "more", self.lang, n=len(rest), most=rest["communes"].max()))
        return "\n".join(lines)

    def trends(self, top: int = 8) -> pd.DataFrame:
        """Per set (kiểu mẫu aside), the indicators with most communes worsening, then improving,
        between the scored years (ntmlib.analysis.trends)."""
        head = TREND_HEADERS[self.lang]
        s = trends.summary(self.trend_table)
        s = s[s["set"].astype(str).map(lambda x: self.card.sets[x].tier != "kieu-mau")]  # used categories only
        s = s.groupby("set", sort=False).head(top)
        return pd.DataFrame({
            head["set"]: [tier_name(self.card.sets[x].tier, self.lang) for x in s["set"]],
            head["indicator"]: s["indicator"],
            head["name"]: [next(localized(i.name, i.name_en, self.lang) for i in self.card.sets[x].indicators
                                if i.code == c) for x, c in zip(s["set"], s["indicator"])],
            "↑": s["improving"], "→": s["stagnant"], "↓": s["worsening"], "·": s["no_data"],
        }).reset_index(drop=True)

    def trends_note(self) -> str:
        return _trends_note(self.card, self.year, self.lang, label(REPORT_TEXT, "district_trends", self.lang))

    def whatif(self, set_id: str, indicator: str, threshold) -> tuple[str, pd.DataFrame]:
        """A threshold what-if for this year (ntmlib.analysis.whatif): the sentences as Markdown and the
        table of indicator results that change."""
        if set_id not in self.card.sets:  # a default example for another dataset (e.g. in a batch)
            have = ", ".join(self.card.sets)
            return label(REPORT_TEXT, "whatif_not_scored", self.lang, set=set_id, have=have), pd.DataFrame()
        w = whatif.whatif(self.card, set_id, indicator, threshold, year=self.year)
        return "\n".join(f"- {s}" for s in w.sentences(self.lang, names=True)), w.table(self.lang, names=True)

    def whatif_html(self, set_id: str, indicator: str, threshold) -> str:
        """The what-if as an assumption, not a result: a box titled 'Giả định: …' saying so, the
        communes that would change and the table of the indicator results that would."""
        if set_id not in self.card.sets:
            return blocks.assumption_html("", label(REPORT_TEXT, "whatif_not_scored", self.lang, set=set_id,
                                                    have=", ".join(self.card.sets)), [], None)
        w = whatif.whatif(self.card, set_id, indicator, threshold, year=self.year)
        return blocks.assumption_html(w.title(self.lang, names=True), label(WHATIF_TEXT, "box_note", self.lang),
                                      w.sentences(self.lang, names=True)[len(w.changes):],
                                      w.table(self.lang, names=True))

    def bulletin_markdown(self) -> str:
        return bulletin.to_markdown(bulletin.build(self.card, self.year), level=3)

    def map_html(self) -> str:
        """The map of the district's communes coloured by the tier reached (ntmlib.present.maps; drawn once
        per district and year, then reused by its commune reports), and when crosswalk.csv groups
        them into new communes, the same map with each new commune's predecessors outlined."""
        return (maps.district_map_html(self.card, self.year, self.district, self.lang)
                + maps.new_communes_map_html(self.card, self.year, self.district, self.lang))

    def provenance(self) -> pd.DataFrame:
        return provenance_table(self.card, self.lang)


def region_name(card: Scorecard, code) -> str:
    """A region's name from the criteria sets ('DBSH' -> 'Đồng bằng sông Hồng'); the code when no set names it."""
    code = "" if pd.isna(code) else str(code)
    return next((s.regions[code] for s in card.sets.values() if code in s.regions), code)


def criteria_names(s, codes: str, lang: str = "vi") -> str:
    """'15, 18' -> '15. Y tế; 18. Chất lượng môi trường sống' in set `s`."""
    out = []
    for code in (c.strip() for c in str(codes or "").split(",")):
        if code:
            c = s.criterion(code)
            out.append(label(VERDICT_TEXT, "criterion", lang, code=code, name=localized(c.name, c.name_en, lang)))
    return "; ".join(out)


def indicator_names(s, codes, lang: str = "vi") -> str:
    """Indicator codes with their short names: '13.3 Tỷ lệ lao động có việc làm qua…; 15.4 …'."""
    names = {i.code: localized(i.name, i.name_en, lang) for i in s.indicators}
    return "; ".join(f"{c} {shortened(names.get(str(c), ''))}".strip() for c in codes)


def _trends_note(card: Scorecard, year: int, lang: str, what: str) -> str:
    """The note above a trends table: what it counts, the years compared, and the comparison rule."""
    years = [y for y in card.years if y <= year]
    if len(years) < 2:
        return label(REPORT_TEXT, "one_year", lang)
    return f"{what}, {years[0]}–{years[-1]}. {label(REPORT_TEXT, 'compare_rule', lang)}"


def district_report(dataset, district, year, lang: str = "vi", scores=None, links="") -> DistrictReport:
    """Check the parameters of a district report and score what it needs. The district may be
    written in any case, with or without diacritics or 'Huyện'. `links` maps commune ids to the
    relative addresses of their reports (a dict, or JSON text as a notebook parameter)."""
    check_lang(lang)
    ds, cached, trend_tables = report_data(dataset, scores)
    name = ds.district(str(district))
    y = require_year(year, known_years(ds, cached))
    card = report_card(ds, y, cached)
    if len(set(ds.communes["district"])) > 1:
        card = card.subset(ds.area_communes(district=name))
    if isinstance(links, str):
        try:
            links = json.loads(links) if links.strip() else {}
        except json.JSONDecodeError as e:
            raise ParameterError(Problem("links", error_text("not_json", reason=str(e)))) from None
    return DistrictReport(ds, card, name, y, lang, dict(links), trend_tables.get(y))


def provenance_table(card: Scorecard, lang: str = "vi") -> pd.DataFrame:
    """The provenance record of a report's results as a two-column table: ntmlib version, the
    criteria sets and years scored, the full SHA-256 of every input file, and when it was scored."""
    t = REPORT_LABELS[lang]
    p = card.provenance
    rows = [(t["version"], p.version), (t["sets"], ", ".join(p.set_files)),
            (t["years_scored"], ", ".join(map(str, p.years)))]
    rows += [(f"{t['sha256']} {name}", digest) for name, digest in p.files().items()]
    rows.append((t["ran"], p.created))
    return pd.DataFrame(rows, columns=["", " "])

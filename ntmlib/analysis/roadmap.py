"""Roadmap to a tier: per commune not yet recognised at it, what is still missing (indicator,
value, threshold, gap) in the tier's set and in its prerequisite set, ordered by readiness;
district totals in the words of a bulletin ("6 xã cần nâng … thêm 1,5–4 điểm %"); and, with
`by`, which gaps the recent rate of change closes by that year and which need more."""
from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from ..errors import ParameterError, Problem
from ..scoring.scorecard import Scorecard
from ..text import (
    NO_THRESHOLD_TEXT,
    ROADMAP_TEXT,
    RULE_WORDS,
    TierWord,
    error_text,
    label,
    localized,
    number_text,
    range_text,
    sentence_case,
    tier_name,
    tier_rank,
)
from . import aggregate
from .trends import plain, trends

COLUMNS = ["rank", "commune_id", "commune", "year", "target_set", "set", "tier", "role", "criterion", "indicator",
           "name", "name_en", "measure", "unit", "rule", "value", "number", "threshold", "threshold_basis",
           "threshold_basis_label", "gap", "status",
           "binding", "covered_by"]
BY_COLUMNS = ["threshold_by", "threshold_by_basis", "rate", "projected", "outlook", "extra"]


def _check(card: Scorecard, year, target: str) -> int:
    """`year` as a number, once the target tier and the year are known to have been scored."""
    year = card.require_year(year)
    aggregate.require_tier(target, aggregate.card_tiers(card))
    if target not in aggregate.card_tiers(card, year):  # the tiers of the sets of that year
        have = card.communes.loc[card.communes["year"] == year, "set"].astype(str).unique()
        raise ParameterError(Problem(error_text("tier_asked"), error_text(
            "no_tier_scored", tier=TierWord(target), have=", ".join(have))))
    return year


def roadmap(card: Scorecard, year: int, target: str = "nang-cao", by: int | None = None) -> pd.DataFrame:
    """What each commune not yet recognised at `target` still misses in `year`: one row per
    indicator not met or without data, in the target set (role "target") and in the set of
    the tier it requires (role "prerequisite"), communes ranked as aggregate.readiness ranks
    them (fewest criteria, then indicators missing first).

    `binding` is False for a row that is met as soon as another row of the same commune is:
    same measure, stricter threshold (`covered_by` names it). With `by` (a year), adds the
    threshold that applies in `by` (when the set covers it and has one for that year), the
    recent rate per year from trends, the value projected to `by` at that rate, `outlook`
    ("closes", "needs_more", "no_trend") and `extra`, what is still needed beyond the
    projection, in the indicator's unit."""
    year = _check(card, year, target)
    ready = aggregate.readiness(card, target, year=year)
    ind = plain(card.indicators[card.indicators["year"] == year]).drop(columns=["unit"])  # the catalogue's below
    todo = ind[~ind["met"].fillna(False).astype(bool)]
    cand = ready[["rank", "commune_id", "commune", "set"]].rename(columns={"set": "target_set"})
    own = cand.merge(todo, left_on=["commune_id", "target_set"], right_on=["commune_id", "set"])
    requires = {sid: card.sets[sid].requires for sid in cand["target_set"].unique()}
    pre_pairs = pd.DataFrame([(t, sid) for t, req in requires.items() for sid, s in card.sets.items()
                              if req is not None and s.tier == req], columns=["target_set", "set"])
    pre = cand.merge(pre_pairs, on="target_set").merge(todo, on=["commune_id", "set"])
    rows = pd.concat([own.assign(role="target"), pre.assign(role="prerequisite")], ignore_index=True)

    cat = pd.concat([s.indicator_table()[["set", "indicator", "name", "name_en", "unit", "measure"]].assign(
        tier=s.tier, _order=range(s.indicators_total)) for s in card.sets.values()], ignore_index=True)
    rows = rows.merge(cat, on=["set", "indicator"], how="left")
    rows["status"] = rows["status"].astype(str)  # not_met, no_threshold or no_data
    rows["_tier"] = rows["tier"].map(tier_rank)
    rows = rows.sort_values(["target_set", "rank", "_tier", "_order"], kind="stable").reset_index(drop=True)
    rows = _binding(rows)
    out = rows[COLUMNS]
    if by is not None:
        out = _outlook(card, out, year, int(by))
    out = out.reset_index(drop=True)
    out.attrs["by"] = by
    return out


def _binding(rows: pd.DataFrame) -> pd.DataFrame:
    """Mark the row each shared measure depends on: the largest shortfall, the target set on ties."""
    shared = rows[rows["measure"] != ""].assign(
        _short=rows["gap"].fillna(np.inf), _role=(rows["role"] != "target").astype(int))
    key = ["commune_id", "target_set", "measure", "rule"]
    first = shared.sort_values(key + ["_short", "_role"], kind="stable").drop_duplicates(key)
    lead = first.set_index(key)[["set", "indicator"]].rename(columns=lambda c: f"{c}_lead")
    rows = rows.copy()
    rows["binding"] = True
    rows.loc[shared.index, "binding"] = False
    rows.loc[first.index, "binding"] = True
    leader = shared.join(lead, on=key)
    leader = leader[~rows.loc[leader.index, "binding"]]
    rows["covered_by"] = ""
    rows.loc[leader.index, "covered_by"] = leader["indicator_lead"] + " (" + leader["set_lead"] + ")"
    return rows


def _threshold_in(card: Scorecard, set_id: str, code: str, commune_id: str, year: int, places: dict | None = None):
    """The threshold of an indicator for a commune in `year`, and its basis; `places`: _places(card), made once."""
    s = card.sets[set_id]
    ind = next(i for i in s.indicators if i.code == code)
    if ind.threshold is None or not s.covers(year):
        return None, ""
    region, group = (places if places is not None else _places(card)).get(commune_id, ("", ""))
    return ind.threshold.lookup("" if pd.isna(region) else region, year, "" if pd.isna(group) else group)


def _places(card: Scorecard) -> dict:
    """commune_id -> (region, commune group) of the card's dataset (empty without one)."""
    if card.dataset is None:
        return {}
    c = card.dataset.communes
    return dict(zip(c["commune_id"], zip(c["region"], c["commune_group"])))


def _outlook(card: Scorecard, rows: pd.DataFrame, year: int, by: int) -> pd.DataFrame:
    """Add the `by` columns: threshold in `by`, recent rate, projection, outlook, extra."""
    if by < year:
        raise ParameterError(Problem(error_text("target_year_asked"), error_text("by_before_year", by=by, year=year)))
    tr = trends(card.upto(year), communes=rows["commune_id"].unique())[
        ["commune_id", "set", "indicator", "rate"]]
    rows = rows.merge(tr, on=["commune_id", "set", "indicator"], how="left")
    cache: dict = {}
    places = _places(card)
    thr, basis = [], []
    for sid, code, cid, cur, cur_basis, rule in zip(rows["set"], rows["indicator"], rows["commune_id"],
                                                    rows["threshold"], rows["threshold_basis_label"],
                                                    rows["rule"]):
        k = (sid, code, cid)
        if k not in cache:  # a numeric indicator may have a threshold in `by` and none in the assessed year
            cache[k] = _threshold_in(card, sid, code, cid, by, places) if rule in (">=", "<=") else (None, "")
        value, b = cache[k]
        if value is None:
            thr.append(cur)
            basis.append(f"{cur_basis} (chưa có ngưỡng năm {by})" if not pd.isna(cur) else "")
        else:
            thr.append(value)
            basis.append(b)
    rows["threshold_by"] = thr
    rows["threshold_by_basis"] = basis
    numeric = rows["rule"].isin([">=", "<="]) & rows["number"].notna()
    rows["projected"] = np.where(numeric & rows["rate"].notna(), rows["number"] + rows["rate"] * (by - year), np.nan)
    sign = np.where(rows["rule"] == "<=", -1.0, 1.0)
    need_now = sign * (rows["threshold_by"] - rows["number"])
    need_after = sign * (rows["threshold_by"] - rows["projected"])
    rows["outlook"] = np.select([numeric & rows["projected"].notna() & (need_after <= 1e-9),
                                 numeric & rows["projected"].notna()], ["closes", "needs_more"], default="no_trend")
    rows["extra"] = np.where(rows["outlook"] == "needs_more", need_after,
                             np.where(rows["outlook"] == "no_trend", need_now, 0.0))
    rows["extra"] = rows["extra"].where(numeric).round(4)
    return rows[COLUMNS + BY_COLUMNS]


def district_totals(rm: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Per indicator of a roadmap (binding rows only): how many communes must improve it, how
    many have no data, the range of the gaps, and a sentence such as "6 xã cần nâng tỷ lệ
    người dân tham gia bảo hiểm y tế thêm 1,3–8,3 điểm % (chỉ tiêu 14.1, NTM nâng cao)".
    With a roadmap made with `by`, also how many gaps the recent rate closes by then."""
    b = rm[rm["binding"]].assign(
        _short=-rm["gap"], _nm=rm["status"].eq("not_met").astype(int), _nd=rm["status"].eq("no_data").astype(int),
        _nt=rm["status"].eq("no_threshold").astype(int))
    key = ["target_set", "set", "tier", "criterion", "indicator", "name", "name_en", "unit", "rule"]
    agg = {"communes": ("_nm", "sum"), "no_data": ("_nd", "sum"), "no_threshold": ("_nt", "sum"),
           "gap_min": ("_short", "min"),
           "gap_max": ("_short", "max"), "_tier_order": ("tier", lambda t: tier_rank(t.iloc[0]))}
    if "outlook" in b.columns:
        b = b.assign(_closes=b["outlook"].eq("closes").astype(int), _more=b["outlook"].eq("needs_more").astype(int))
        agg.update(closes=("_closes", "sum"), needs_more=("_more", "sum"))
    out = b.groupby(key, sort=False).agg(**agg).reset_index()
    out = out.sort_values(["communes", "no_data", "_tier_order"], ascending=[False, False, True],
                          kind="stable").drop(columns="_tier_order").reset_index(drop=True)
    by = rm.attrs.get("by")
    year = int(rm["year"].iloc[0]) if len(rm) else None
    out["sentence"] = [_sentence(r, lang, by, year) for r in out.itertuples(index=False)]
    return out


def _sentence(r, lang: str, by, year=None) -> str:
    say = lambda key, **fmt: label(ROADMAP_TEXT, key, lang, **fmt)  # noqa: E731
    name = sentence_case(localized(r.name, r.name_en, lang))
    parts = []
    if r.communes:
        if r.rule in (">=", "<="):
            unit = say("points") if r.unit == "%" else r.unit
            amount = range_text(r.gap_min, r.gap_max, lang)
            parts.append(say("raise" if r.rule == ">=" else "lower", n=r.communes, name=name, amount=amount,
                             unit=unit).rstrip())
        else:
            parts.append(say("absent" if r.rule == "absent" else "yes", n=r.communes, name=name))
    if r.no_data:
        parts.append(say("no_data", n=r.no_data))
        if not r.communes:
            parts[-1] += say("no_data_about", name=name)
    if r.no_threshold:
        parts.append(label(NO_THRESHOLD_TEXT, "roadmap", lang, n=r.no_threshold, year=year))
        if not r.communes and not r.no_data:
            parts[-1] += say("no_data_about", name=name)
    text = "; ".join(parts) + say("which", code=r.indicator, tier=tier_name(r.tier, lang))
    if hasattr(r, "closes") and r.communes and by is not None and r.closes + r.needs_more:
        text += say("pace", closes=r.closes, by=by, more=r.needs_more)
    return text + "."


def roadmap_for(card: Scorecard, year: int, target: str = "nang-cao", by: int | None = None,
                district: str | None = None) -> pd.DataFrame:
    """roadmap() for the communes of one district (all if None), named in any case, with or
    without diacritics or 'Huyện'."""
    if district is not None:
        name = card.dataset.district(district)  # in any case, with or without diacritics or 'Huyện'
        card = card.subset(card.dataset.area_communes(district=name))
    return roadmap(card, year, target, by)


def to_text(rm: pd.DataFrame, card: Scorecard, year: int, target: str, lang: str = "vi") -> str:
    """The roadmap as the `ntm roadmap` command prints it, in Vietnamese (or English)."""
    say = lambda key, **fmt: label(ROADMAP_TEXT, key, lang, **fmt)  # noqa: E731
    tier = tier_name(target, lang)
    by = rm.attrs.get("by")
    lines = [say("title", tier=tier, year=year) + (say("title_by", by=by) if by is not None else "")]
    if rm.empty:
        lines.append(say("all_done", tier=tier))
        return "\n".join(lines)
    ready = aggregate.readiness(card, target, year=year)
    n = rm[["target_set", "commune_id"]].drop_duplicates().shape[0]
    lines.append(say("count", n=n, tier=tier))
    for (tset, rank, cid), g in rm.groupby(["target_set", "rank", "commune_id"], sort=False):
        r = ready[(ready["commune_id"] == cid) & (ready["set"] == tset)].iloc[0]
        pre = ""
        if r["prerequisite_indicators_missing"] and (g["role"] == "prerequisite").any():
            pre = say("prerequisite",
                      tier=tier_name(card.sets[g[g["role"] == "prerequisite"]["set"].iloc[0]].tier, lang),
                      criteria=r["prerequisite_criteria_missing"], indicators=r["prerequisite_indicators_missing"])
        lines.append("")
        lines.append(say("commune", rank=rank, commune=g["commune"].iloc[0],
                         criteria=r["criteria_missing"] + r["prerequisite_criteria_missing"], indicators=len(g),
                         pre=pre))
        table = pd.DataFrame({
            say("tier"): [tier_name(t, lang) for t in g["tier"]],
            say("code"): g["indicator"],
            say("indicator"): [textwrap.shorten(x, 48, placeholder="…") for x in g["name"]],
            say("value"): [_value(v, num, u, lang) for v, num, u in zip(g["value"], g["number"], g["unit"])],
            say("threshold"): [_threshold(rule, t, lang) for rule, t in zip(g["rule"], g["threshold"])],
            say("gap"): [_gap(s, gap, c, card, lang) for s, gap, c in zip(g["status"], g["gap"], g["covered_by"])],
        })
        if by is not None:
            table[say("by", by=by)] = [_outlook_text(o, e, by, s, lang)
                                       for o, e, s in zip(g["outlook"], g["extra"], g["status"])]
        lines += ["   " + x for x in table.to_string(index=False).splitlines()]
    lines += ["", say("totals")]
    lines += [f"  - {s}" for s in district_totals(rm, lang)["sentence"]]
    return "\n".join(lines)


def _value(value, number, unit, lang: str = "vi") -> str:
    if not isinstance(value, str) or value == "":
        return label(ROADMAP_TEXT, "no_value", lang)
    if pd.isna(number):
        return value
    return f"{number_text(number, lang=lang)}{' %' if unit == '%' else ''}"


def _threshold(rule, t, lang: str = "vi") -> str:
    if rule in (">=", "<="):
        return f"{label(RULE_WORDS, rule, lang)} {number_text(t, lang=lang)}"
    return label(RULE_WORDS, rule, lang)


def _gap(status, gap, covered_by, card: Scorecard, lang: str = "vi") -> str:
    if covered_by:
        code, set_id = covered_by.rstrip(")").split(" (")
        return label(ROADMAP_TEXT, "covered", lang, code=code, tier=tier_name(card.sets[set_id].tier, lang))
    if status == "no_data":
        return "?"
    if status == "no_threshold":
        return label(NO_THRESHOLD_TEXT, "need", lang)
    return "" if pd.isna(gap) else number_text(-gap, lang=lang)


def _outlook_text(outlook, extra, by, status, lang: str = "vi") -> str:
    if status in ("no_data", "no_threshold") or pd.isna(extra):
        return ""
    return label(ROADMAP_TEXT, outlook, lang, by=by, extra=number_text(extra, lang=lang))

"""Administrative reorganisations: which old communes became which new commune, and when.

A dataset folder may carry `crosswalk.csv`, one row per old commune and reorganisation:
`old_commune_id` (an id or name of communes.csv), `new_commune_id` (the new unit's official
code), `new_commune`, `new_province`, `effective` (ISO date) and optional `old_commune`,
`new_type` (xã, phường, đặc khu), `new_province_id`, `default`, `note`. An old commune divided
between several new ones has one row per successor, `x` in `default` on the one that carries its
results (regroup, successor); it counts among the predecessors of each.

Codes are reused across reorganisations (from 1/7/2025 the new commune Lý Nhân has code
13573, which was the old code of Chính Lý), so the new units do not share the id space of
communes.csv. A new unit keeps its official code and is referred to by its *key*,
`<code>@<effective date>` ("13573@2025-07-01", or "13573@2025" for short), or by its name.
A bare code or a name that communes.csv knows always means the old commune.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..base.values import fold
from ..dataset.crosswalk import CROSSWALK_FILE, commune_names
from ..dataset.model import Dataset
from ..dataset.resolve import commune_id, fold_name, resolve_communes
from ..errors import DataError, ParameterError, Problem
from ..scoring.scorecard import Scorecard
from ..text import (
    FORMATION_TEXT,
    MONTH_NAMES,
    REORG_LABELS,
    date_text,
    error_text,
    join_names,
    label,
    short_counts,
    tier_name,
    tier_order,
    tier_rank,
)

NEW_COLUMNS = ["key", "new_commune_id", "new_commune", "new_type", "new_province", "new_province_id", "effective"]


# --------------------------------------------------------------------------- the crosswalk, with its keys


def _crosswalk(ds: Dataset) -> pd.DataFrame:
    cw = getattr(ds, "crosswalk", None)
    if cw is None or cw.empty or "key" not in cw.columns:
        return pd.DataFrame(columns=["old_commune_id", *NEW_COLUMNS, "default"])
    return cw


# --------------------------------------------------------------------------- new units and references


def new_communes(dataset: Dataset) -> pd.DataFrame:
    """One row per new unit of the crosswalk: key, code, name, type, province, effective date,
    and its predecessors (ids and names as lists, in communes.csv order; predecessor_table() has
    one row per predecessor instead).

    Columns: key, new_commune_id, new_commune, new_type, new_province, new_province_id, effective,
    predecessor_ids, predecessors."""
    cw = _crosswalk(dataset)
    order = {cid: n for n, cid in enumerate(dataset.communes["commune_id"])}
    names = commune_names(dataset)
    names = dict(zip(names.index, names))  # looked up once per predecessor: a dict, not the Series
    cw = cw.assign(_o=cw["old_commune_id"].map(order)).sort_values("_o", kind="stable")
    units = cw.drop_duplicates("key")[NEW_COLUMNS].reset_index(drop=True)
    members: dict = {}
    for key, old in zip(cw["key"], cw["old_commune_id"]):
        members.setdefault(key, []).append(old)
    units["predecessor_ids"] = [members[k] for k in units["key"]]
    written = dict(zip(cw["old_commune_id"], cw["old_commune"])) if "old_commune" in cw.columns else {}
    units["predecessors"] = [[names.get(i, written.get(i, i)) for i in ids]  # a predecessor left out of the
                             for ids in units["predecessor_ids"]]  # dataset (Dataset.restrict): the crosswalk's name
    return units


PREDECESSOR_COLUMNS = [*NEW_COLUMNS, "commune_id", "commune", "district", "province", "assessed", "default"]


def predecessor_table(dataset: Dataset) -> pd.DataFrame:
    """The crosswalk as one table, no lists in cells: one row per new unit × predecessor, new
    units in crosswalk order and predecessors in communes.csv order; `default` is True on the
    successor that carries a divided commune's results.

    Columns: key, new_commune_id, new_commune, new_type, new_province, new_province_id,
    effective, commune_id, commune, district, province, assessed, default."""
    cw = _crosswalk(dataset)
    units = list(dict.fromkeys(cw["key"]))
    order = {cid: n for n, cid in enumerate(dataset.communes["commune_id"].astype(str))}
    cw = cw.assign(_u=cw["key"].map({k: n for n, k in enumerate(units)}),
                   _o=cw["old_commune_id"].astype(str).map(order)).sort_values(["_u", "_o"], kind="stable")
    places = dataset.communes.drop_duplicates("commune_id").set_index(
        dataset.communes.drop_duplicates("commune_id")["commune_id"].astype(str))
    ids = cw["old_commune_id"].astype(str)
    written = cw["old_commune"] if "old_commune" in cw.columns else ids  # a predecessor left out of the dataset
    out = cw[NEW_COLUMNS].astype("str").assign(
        commune_id=ids, commune=ids.map(places["commune"]).fillna(written).astype("str"),
        district=ids.map(places["district"]).fillna("").astype("str"),
        province=ids.map(places["province"]).fillna("").astype("str"),
        assessed=ids.map(places["assessed"]).eq(True),  # False for a predecessor left out of the dataset
        default=cw["default"].astype(str).str.strip().str.lower().eq("x") if "default" in cw else False)
    out = out[PREDECESSOR_COLUMNS].reset_index(drop=True)
    out["commune_id"] = out["commune_id"].astype(dataset.communes["commune_id"].dtype)
    return out


def date_words(iso):
    """A date as date_text writes it ('1/7/2025'), as a message of ERROR_TEXT that says it in English
    too ('1 July 2025'); text that is not a date as it is."""
    try:
        y, m, d = (int(x) for x in str(iso)[:10].split("-"))
        day = dt.date(y, m, d)
    except (TypeError, ValueError):
        return str(iso)
    return error_text("date_short", day=day.day, month=day.month, year=day.year, month_name=MONTH_NAMES[day.month - 1])


def _no_new_commune(ds: Dataset, ref: str, why: str) -> DataError:
    return DataError(Problem(CROSSWALK_FILE if not _crosswalk(ds).empty else ds.file_name("communes"), why))


def find_new_commune(dataset: Dataset, ref) -> str:
    """The key ('13591@2025-07-01') of the new commune written as a key, as '<code>@<year>', as
    its name (with or without 'Xã') or as a code that is not an old commune's id.

    Raises DataError saying what `ref` is instead: an old commune (and its successor), or
    neither an old nor a new commune."""
    ref = str(ref).strip()
    units = new_communes(dataset)
    if units.empty:
        raise _no_new_commune(dataset, ref, error_text("no_crosswalk_for", name=dataset.name, file=CROSSWALK_FILE,
                                                       ref=ref))
    if "@" in ref:
        code, when = (s.strip() for s in ref.split("@", 1))
        hit = units[((units["new_commune_id"] == code) | (units["new_commune"].map(fold_name) == fold_name(code)))
                    & units["effective"].str.startswith(when)] if when else units.iloc[:0]
    else:
        old = resolve_communes(pd.Series([ref]), dataset.communes).iloc[0]
        hit = units[units["new_commune"].map(fold_name) == fold_name(ref)]
        if hit.empty and old == "":
            hit = units[units["new_commune_id"] == ref]
        if hit.empty and old:
            name = dataset.communes.set_index("commune_id").at[old, "commune"]
            nxt = successor(dataset, old)
            after = (error_text("old_commune_successor", date=date_words(nxt["effective"]), new=nxt["new_commune"],
                                written=nxt["key"]) if nxt is not None else
                     error_text("old_commune_alone", file=CROSSWALK_FILE))
            raise _no_new_commune(dataset, ref, error_text("old_commune", ref=ref, name=name, old=old, after=after))
    if len(hit) == 1:
        return hit["key"].iloc[0]
    if len(hit) > 1:
        raise _no_new_commune(dataset, ref, error_text("many_new_communes", ref=ref, keys=", ".join(hit["key"])))
    raise _no_new_commune(dataset, ref, error_text("not_a_commune", ref=ref, communes=dataset.file_name("communes"),
                                                   file=CROSSWALK_FILE, names=", ".join(units["new_commune"])))


def find_commune(dataset: Dataset, ref) -> tuple[str | None, str | None]:
    """(commune id, None) when `ref` names an old commune of communes.csv (its id or name), else
    (None, key) when it names a new commune of the crosswalk (see find_new_commune); (key, key) for a
    new commune that is also a row of communes.csv (its id is its key: it has data of its own).

    Raises the ParameterError of an unknown commune, with the closest old and new names, when it
    names neither."""
    ref = str(ref)
    try:
        units = new_communes(dataset)
        cid = commune_id(dataset.communes, ref, dataset.file_name("communes"), also=units["new_commune"])
        return cid, (cid if cid in set(units["key"]) else None)
    except ParameterError as e:
        unknown = e
    try:
        key = find_new_commune(dataset, ref)
        return (key if key in set(dataset.communes["commune_id"]) else None), key
    except DataError:
        raise unknown from None


def unit(dataset: Dataset, ref) -> pd.Series:
    """The new unit `ref` (see find_new_commune) as one row of new_communes()."""
    key = find_new_commune(dataset, ref)
    units = new_communes(dataset)
    return units[units["key"] == key].iloc[0]


def predecessors(dataset: Dataset, new_commune) -> pd.DataFrame:
    """The old communes (rows of communes.csv) that formed `new_commune`, in communes.csv order."""
    u = unit(dataset, new_commune)
    c = dataset.communes
    out = c[c["commune_id"].isin(u["predecessor_ids"])]
    out = out.drop(columns=[x for x in ("line", "place") if x in out.columns]).reset_index(drop=True)
    left_out = [(i, n) for i, n in zip(u["predecessor_ids"], u["predecessors"]) if i not in set(out["commune_id"])]
    if left_out:  # predecessors not in the dataset (Dataset.restrict): their ids and the crosswalk's names
        out = pd.concat([out, pd.DataFrame({"commune_id": [i for i, _ in left_out], "commune": [n for _, n in left_out],
                                            "assessed": False})], ignore_index=True)
        out[["district", "province"]] = out.reindex(columns=["district", "province"]).fillna("")
    return out


def _as_date(date) -> str:
    if date is None:
        return "9999-12-31"
    return pd.Timestamp(date).strftime("%Y-%m-%d")


def successor(dataset: Dataset, old_commune, date=None) -> pd.Series | None:
    """The new unit an old commune (id or name in communes.csv) belongs to on `date` (the
    latest reorganisation in effect by then; the latest of all when date is None), or None."""
    cid = dataset.commune_id(str(old_commune))
    cw = _crosswalk(dataset)
    rows = cw[(cw["old_commune_id"] == cid) & (cw["effective"] <= _as_date(date))]
    if rows.empty:
        return None
    key = rows.sort_values(["effective", "default"], kind="stable")["key"].iloc[-1]  # a divided commune's default
    units = new_communes(dataset)
    return units[units["key"] == key].iloc[0]


def successor_names(dataset: Dataset, commune_ids) -> dict[str, str]:
    """{old commune id: name of the new unit it belongs to} as successor() gives it (latest
    reorganisation, a divided commune's default), for many communes in one pass; communes no
    reorganisation names are left out."""
    cw = _crosswalk(dataset)
    cw = cw[cw["old_commune_id"].isin([str(c) for c in commune_ids])]
    last = cw.sort_values(["effective", "default"], kind="stable").groupby("old_commune_id", sort=False).tail(1)
    units = new_communes(dataset)
    names = dict(zip(units["key"], units["new_commune"]))
    return {str(old): names[key] for old, key in zip(last["old_commune_id"], last["key"])}


# --------------------------------------------------------------------------- results under the new units


def _recognitions_text(ds: Dataset, commune_id: str, year: int, lang: str) -> str:
    r = ds.recognitions
    r = r[(r["commune_id"] == commune_id) & (r["year"].isna() | (r["year"] <= year))]
    r = r.assign(_rank=r["tier"].map(tier_rank)).sort_values(["_rank", "year"], kind="stable")
    parts = []
    for tier, y, decision in zip(r["tier"], r["year"], r.get("decision", pd.Series("", index=r.index))):
        text = tier_name(tier, lang) + ("" if pd.isna(y) else f" {int(y)}")
        parts.append(text + (f" ({decision})" if isinstance(decision, str) and decision else ""))
    return "; ".join(parts)


def history(card: Scorecard, new_commune=None, years=None, lang: str = "vi") -> pd.DataFrame:
    """Per year × predecessor of `new_commune`: whether it was assessed, the counts met of each
    scored tier as '18/19 · 55/57' (criteria · indicators; '' when not assessed), the tier
    reached and the tier recognised that year, and the recognitions held by then, as the
    reports print them. `new_commune` may also be a list of new communes, or None for every new
    commune of the crosswalk: the table then starts with their `key` and `new_commune`.
    history_table() gives the same results as typed columns, one row per tier.

    Columns: year, commune_id, commune, assessed, ntm, nang-cao, kieu-mau (one column per tier
    scored), tier_reached, tier_recognised, recognitions."""
    if new_commune is None or not isinstance(new_commune, str) and hasattr(new_commune, "__iter__"):
        refs = list(new_communes(card.dataset)["key"]) if new_commune is None else list(new_commune)
        parts = []
        for ref in refs:
            u = unit(card.dataset, ref)
            h = history(card, u["key"], years, lang)
            h.insert(0, "new_commune", u["new_commune"])
            h.insert(0, "key", u["key"])
            parts.append(h)
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["key", "new_commune"])
    ds = card.dataset
    pre = predecessors(ds, new_commune)
    all_years = sorted(int(y) for y in card.communes["year"].unique())
    ids = set(pre["commune_id"])  # the years the predecessors existed in (not the new commune's own years)
    all_years = [y for y in all_years if ids & set(ds.communes.loc[ds.existing([y]), "commune_id"])]
    years = [y for y in all_years if years is None or y in set(np.atleast_1d(years))]
    c = card.communes[card.communes["commune_id"].isin(pre["commune_id"]) & card.communes["year"].isin(years)]
    tiers = sorted(set(card.communes["tier"].astype(str)), key=tier_order)
    base = pd.MultiIndex.from_product([years, pre["commune_id"]], names=["year", "commune_id"]).to_frame(index=False)
    base = base.merge(pre[["commune_id", "commune", "assessed"]], on="commune_id", how="left")
    counts = (c.assign(counts=short_counts(c)).pivot(index=["year", "commune_id"], columns="tier", values="counts")
              .reindex(columns=tiers).reset_index())
    tier_cols = c.drop_duplicates(["year", "commune_id"])[["year", "commune_id", "tier_reached", "tier_recognised"]]
    out = base.merge(counts, on=["year", "commune_id"], how="left").merge(tier_cols, on=["year", "commune_id"],
                                                                          how="left")
    out[tiers] = out[tiers].astype(object).fillna("")
    out["recognitions"] = [_recognitions_text(ds, cid, y, lang) for cid, y in zip(out["commune_id"], out["year"])]
    return out.sort_values(["year"], kind="stable").reset_index(drop=True)


def history_table(card: Scorecard, new_commune=None, years=None) -> pd.DataFrame:
    """The reorganisation as one table of typed columns: one row per new commune × predecessor ×
    year × criteria set scored (a predecessor not assessed, or without results that year, has one
    row with NA in set, tier and the counts), with the counts met and total, whether it reaches
    the set's tier, and the tiers reached and recognised that year. `new_commune` is one new
    commune, a list, or None for every new commune of the crosswalk; `years` some of the years scored.

    Columns: key, new_commune_id, new_commune, new_province, effective, commune_id, commune,
    district, assessed, year, set, tier, criteria_met, criteria_total, indicators_met,
    indicators_total, no_data, reaches, tier_reached, tier_recognised."""
    links = predecessor_table(card.dataset)
    if new_commune is not None:
        refs = [new_commune] if isinstance(new_commune, str) else list(new_commune)
        known = set(links["key"])  # a unit's key is itself; anything else is looked up
        keys = [r if isinstance(r, str) and r in known else find_new_commune(card.dataset, r) for r in refs]
        links = links[links["key"].isin(keys)]
        links = links.assign(_k=links["key"].map({k: n for n, k in enumerate(keys)})).sort_values("_k", kind="stable")
    all_years = sorted(int(y) for y in card.communes["year"].unique())
    years = [y for y in all_years if years is None or y in set(np.atleast_1d(years))]
    grid = links[["key", "new_commune_id", "new_commune", "new_province", "effective", "commune_id", "commune",
                  "district", "assessed"]].merge(pd.DataFrame({"year": years}), how="cross")
    cols = ["criteria_met", "criteria_total", "indicators_met", "indicators_total", "no_data"]
    c = card.communes[card.communes["year"].isin(years)][["commune_id", "year", "set", "tier", *cols, "reaches",
                                                            "tier_reached", "tier_recognised"]]
    c = c.assign(commune_id=c["commune_id"].astype(str))
    out = grid.assign(commune_id=grid["commune_id"].astype(str)).merge(c, on=["commune_id", "year"], how="left")
    for col in cols:
        out[col] = out[col].astype("Int64")
    out["reaches"] = out["reaches"].astype("boolean")
    for col in ("tier", "tier_reached", "tier_recognised"):
        out[col] = out[col].astype(card.communes["tier"].dtype)
    out["_t"] = out["tier"].map(lambda t: tier_rank(t) if isinstance(t, str) else -1).astype(int)
    out = out.sort_values(["year"], kind="stable")
    order = {k: n for n, k in enumerate(dict.fromkeys(out["key"]))}
    out = out.assign(_k=out["key"].map(order)).sort_values(["_k", "year", "_t"], kind="stable")
    return card.typed(out.drop(columns=["_k", "_t"]).reset_index(drop=True))


def _unit_name(name: str, lang: str) -> str:
    """'Nguyên Lý' -> 'xã Nguyên Lý'; names that already say what they are ('Thị trấn Vĩnh Trụ') are kept."""
    typed = fold_name(name) != fold(name)  # starts with 'Xã', 'Thị trấn', 'Phường'
    return label(REORG_LABELS, "typed_unit" if typed else "unit", lang, name=name, lower=name[:1].lower() + name[1:])


def formation_text(dataset: Dataset, new_commune, years=(), lang: str = "vi") -> str:
    """The one-line summary of a new commune: formed on which date, from which communes, and —
    when `years` (those whose results follow) are before its formation — that they are its
    predecessors' results ('Xã Nam Xang (mã 13591, tỉnh Ninh Bình) được thành lập từ ngày
    1/7/2025 trên cơ sở xã Nguyên Lý, …')."""
    u, pre = unit(dataset, new_commune), predecessors(dataset, new_commune)
    places = [p for p in dict.fromkeys(zip(pre["district"], pre["province"])) if all(p)]
    kind = u["new_type"] or "xã"
    place = label(FORMATION_TEXT, "place", lang)
    text = label(FORMATION_TEXT, "formed", lang).format(
        Kind=kind[:1].upper() + kind[1:], name=u["new_commune"], code=u["new_commune_id"],
        province=u["new_province"], when=date_text(u["effective"], lang),
        names=join_names([_unit_name(n, lang) for n in pre["commune"]], lang),
        places="; ".join(place.format(*p) for p in places)).replace(" ().", ".")  # places unknown: none written
    years = sorted(int(y) for y in years)
    if years and u["effective"][:4] > str(years[-1]):
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else f"{years[0]}"
        text += " " + label(FORMATION_TEXT, "before", lang).format(span=span)
    return text


def _communes_table(card_or_table, dataset: Dataset | None) -> tuple[pd.DataFrame, Dataset]:
    if isinstance(card_or_table, Scorecard):
        return card_or_table.communes, dataset or card_or_table.dataset
    if dataset is None:
        raise ParameterError(Problem(error_text("dataset_asked"), error_text("regroup_needs_dataset",
                                                                              file=CROSSWALK_FILE)))
    return card_or_table, dataset


def regroup(card_or_table, dataset: Dataset | None = None, date=None) -> pd.DataFrame:
    """Results expressed under the units in effect on `date` (the latest when None): per unit,
    year, set and tier, how many predecessors there are, how many were assessed, reached the
    tier by the scoring and were recognised at it, and the ranges of criteria and indicators
    met. Communes without a successor stay as their own unit. `district` is '' for the new
    units (they belong to no district), so aggregate at province level.

    `card_or_table` is a Scorecard or its communes table (then `dataset` is needed)."""
    table, ds = _communes_table(card_or_table, dataset)
    cw = _crosswalk(ds)
    cw = cw[cw["effective"] <= _as_date(date)].sort_values(["effective", "default"], kind="stable")
    latest = cw.drop_duplicates("old_commune_id", keep="last").set_index("old_commune_id")
    units = new_communes(ds).set_index("key")
    places = ds.communes.set_index("commune_id")
    key = table["commune_id"].map(latest["key"])
    moved = key.notna()
    key = key.where(moved, table["commune_id"])
    t = table.assign(unit=key, moved=moved)
    size = latest.groupby("key").size()
    g = t.groupby(["unit", "year", "set", "tier"], sort=False, dropna=False)
    out = g.agg(moved=("moved", "max"), assessed=("commune_id", "nunique"), reaching=("reaches", "sum"),
                recognised=("recognised", "sum"),
                criteria_min=("criteria_met", "min"), criteria_max=("criteria_met", "max"),
                criteria_total=("criteria_total", "max"), indicators_min=("indicators_met", "min"),
                indicators_max=("indicators_met", "max"), indicators_total=("indicators_total", "max")).reset_index()
    new = out["unit"].isin(units.index)
    # a new commune's own results (a row of communes.csv, e.g. 2026) stand for it alone
    out["predecessors"] = out["unit"].map(size).where(new & out["moved"], 1).astype(int)
    out["commune_id"] = out["unit"]
    out["commune"] = np.where(new, out["unit"].map(units["new_commune"]), out["unit"].map(places["commune"]))
    out["district"] = np.where(new, "", out["unit"].map(places["district"]))
    out["province"] = np.where(new, out["unit"].map(units["new_province"]), out["unit"].map(places["province"]))
    out["effective"] = out["unit"].map(units["effective"]).fillna("")
    for a in ("criteria", "indicators"):
        lo, hi = out[f"{a}_min"], out[f"{a}_max"]
        out[f"{a}_range"] = [f"{x}" if x == y else f"{x}–{y}" for x, y in zip(lo, hi)]
    cols = ["commune_id", "commune", "district", "province", "effective", "year", "set", "tier", "predecessors",
            "assessed", "reaching", "recognised", "criteria_total", "criteria_range", "indicators_total",
            "indicators_range"]
    return out[cols].sort_values(["year", "commune_id", "tier"], key=lambda s: s.map(tier_rank) if s.name == "tier"
                                 else s, kind="stable").reset_index(drop=True)

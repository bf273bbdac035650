"""The results part of a province's NTM bulletin for one year, worded as the province offices write
it: the communes reaching each tier scored ("Toàn tỉnh có 1/7 xã đạt chuẩn nông thôn mới (14,3 %),
trong đó …"), by commune group, the communes meeting each criterion, each commune's counts, the
communes close to the standard with each unmet value and its requirement, the lapsed communes,
progress against the targets of dataset.yaml, and the communes without a result.

Every figure comes from ntmlib.analysis.province and ntmlib.analysis.targets; the words from
ntmlib.text.bulletins. It is a Bulletin of ntmlib.present.bulletin, so the same Markdown, web page
and Word document (ntmlib.office.word_bulletin) render it. A year with only an NTM set is enough.
"""
from __future__ import annotations

import pandas as pd

from ..analysis import province as P
from ..analysis import targets as T
from ..analysis.verdicts import headline_states, provisional_count
from ..base.values import fold
from ..dataset.resolve import area_key
from ..errors import DataError, ParameterError, Problem
from ..scoring.engine import score
from ..scoring.scorecard import Scorecard
from ..text import (
    PROVINCE_BULLETIN_TEXT,
    STATES,
    count_text,
    error_text,
    headline_text,
    join_names,
    label,
    quantity_text,
    sentence_case,
    share_text,
    short_counts,
    tier_name,
)
from .bulletin import DISTRICT_TIERS, Bulletin, Section


def _w(key: str, lang: str, **fmt) -> str:
    return label(PROVINCE_BULLETIN_TEXT, key, lang, **fmt)


def tier_words(tier: str, lang: str = "vi") -> str:
    """A tier's name as a sentence writes it: 'NTM nâng cao' -> 'nông thôn mới nâng cao'."""
    return tier_name(tier, lang).replace("NTM", _w("tier_long", lang))


def _range(values: pd.Series, lang: str) -> str:
    low, high = int(values.min()), int(values.max())
    return str(low) if low == high else _w("range", lang, low=low, high=high)


def _ints(counts: pd.DataFrame) -> pd.DataFrame:
    """state_counts() with its counts as Python ints, so that a row read whole keeps them whole."""
    out = counts.astype(object)
    for col in ("communes", *STATES, "reaching"):
        out[col] = [int(v) for v in counts[col]]
    return out


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def bulletin_years(dataset) -> list[int]:
    """The years of `dataset`'s observations for which dataset.yaml names criteria sets."""
    return [y for y in dataset.years if dataset.set_ids_for(y)]


def check_year(dataset, year: int) -> None:
    """A DataError when dataset.yaml names no criteria set for `year` (a bulletin has nothing to count)."""
    if not dataset.set_ids_for(int(year)):
        have = ", ".join(str(y) for y in bulletin_years(dataset)) or "—"
        raise DataError(Problem("dataset.yaml", error_text("bulletin_no_sets", year=year, years=have)))


def province_of(card: Scorecard, year: int, province: str | None) -> str:
    """The province a bulletin of `year` covers, as communes.csv writes it: the one named (any case,
    with or without diacritics or 'Tỉnh'), or the only province of the communes scored that year; a
    ParameterError names them when there are several."""
    ds = card.dataset
    c = ds.communes.drop_duplicates("commune_id")
    scored = set(card.communes.loc[card.communes["year"] == int(year), "commune_id"].astype(str))
    if province is not None:
        scored &= set(ds.area_communes(province=province))
    names = [p for p in dict.fromkeys(c.loc[c["commune_id"].astype(str).isin(scored), "province"])
             if isinstance(p, str) and p.strip()]
    if len(names) > 1 and province is None:
        raise ParameterError(Problem(error_text("province_asked"),
                                     error_text("bulletin_provinces", year=year, n=len(names),
                                                provinces=", ".join(names))))
    if not names:
        raise DataError(Problem(ds.file_name("communes"), error_text("bulletin_no_communes", province=province,
                                                                     year=year)))
    return names[0]


def build(card: Scorecard, year: int, province: str | None = None, lang: str = "vi") -> Bulletin:
    """The province bulletin of `year` from a Scorecard that scored that year, for `province` (the
    only province of the year's communes when None)."""
    if card.dataset is not None:
        check_year(card.dataset, year)
    year = card.require_year(year)
    name = province_of(card, year, province)
    area = name
    tiers = P.tiers_scored(card, year)
    low = tiers[0]
    t = P.communes(card, year, area, low)
    sections = [s for s in (
        _overall(card, year, area, tiers, lang),
        _groups(card, year, area, low, t, lang),
        _criteria(card, year, area, low, lang),
        _communes(card, year, area, tiers, t, lang),
        _near(card, year, area, low, t, lang),
        _lapsed(card, year, area, lang),
        _targets(card, year, area, lang),
        _open(card, year, area, tiers, lang),
    ) if s is not None]
    for k, s in enumerate(sections, start=1):
        s.heading = f"2.{k}. {s.heading}"
    title = _w("title_named" if area_key(name) != fold(name).strip() else "title", lang, province=name, year=year)
    ids = list(t["commune_id"].astype(str))
    return Bulletin(title, sections, _table(card, year, area, tiers, t, lang),
                    provisional_count(card, year, communes=ids), _w("table", lang), _w("table_note", lang), lang)


def headline(row, tier: str, lang: str = "vi") -> str:
    """'Toàn tỉnh có 1/7 xã đạt chuẩn nông thôn mới (14,3 %), trong đó 1 xã đạt theo kết quả rà
    soát, chưa được công nhận.': a tier's counts (a row of analysis.province.state_counts) as the
    offices write them; the bulletin and the province report open with it."""
    n = {k: int(row[k]) for k in ("reaching", "communes", "maintained", "reached")}
    text = _w("tier_line", lang, reaching=n["reaching"], communes=n["communes"], tier=tier_words(tier, lang),
              pct=share_text(row["share"], lang))
    within = [_w(k, lang, n=n[k]) for k in ("maintained", "reached") if n[k]]
    if within:
        text += ", " + _w("within", lang, parts=join_names(within, lang))
    return text + "."


def _overall(card, year, area, tiers, lang) -> Section:
    s = Section(_w("overall", lang))
    for tier in tiers:
        row = _ints(P.state_counts(card, year, area, tier)).iloc[0]
        text = headline(row, tier, lang)
        others = [_w(k, lang, n=row[k]) for k in ("lapsed", "not_reached", "undecided", "no_data") if row[k]]
        if others:
            text += " " + _w("others", lang, parts=join_names(others, lang))
        s.add("p" if tier == tiers[0] else "-", text)
    return s


def _groups(card, year, area, tier, t, lang) -> Section | None:
    if not (t["commune_group"] != "").any():
        return None
    rows = _ints(P.state_counts(card, year, area, tier, by="commune_group")).iloc[:-1]
    parts = [_w("group" if row["commune_group"] else "no_group", lang, group=row["commune_group"],
                reaching=row["reaching"], communes=row["communes"], pct=share_text(row["share"], lang))
             for _, row in rows.iterrows()]
    s = Section(_w("groups", lang))
    s.add("p", _capital("; ".join(parts)) + ".")
    return s


def _criteria(card, year, area, tier, lang) -> Section:
    counts = P.criterion_counts(card, year, area, tier)
    s = Section(_w("criteria", lang))
    s.add("-", _w("criteria_intro", lang, tier=tier_words(tier, lang)))
    for _, r in counts.iterrows():
        text = _w("criterion", lang, met=r["met"], communes=r["communes"], code=r["criterion"],
                  name=r["criterion_name"])
        open_ = [_w(f"criterion_{k}", lang, n=r[k]) for k in ("no_threshold", "no_data") if r[k]]
        if open_:
            text += f" ({', '.join(open_)})"
        s.add("+", text + ".")
    weak = counts[counts["share"] < 1].tail(3).iloc[::-1]
    if len(weak):
        names = [f"{r['criterion']}. {r['criterion_name']} ({r['met']}/{r['communes']})" for _, r in weak.iterrows()]
        s.add("p", _w("weakest", lang, names="; ".join(names)))
    bands = P.criteria_bands(card, year, area, tier)
    total = int(bands["high"].max())
    parts = [_w("band", lang, n=r["communes"], band=r["band"], total=total)
             for _, r in bands.iterrows() if r["communes"]]
    if parts:
        s.add("p", _w("bands", lang, parts="; ".join(parts)))
    return s


def _counts(row, lang) -> tuple[str, str]:
    return (count_text(row["criteria_met"], row["criteria_total"], "criteria", lang),
            count_text(row["indicators_met"], row["indicators_total"], "indicators", lang))


def _communes(card, year, area, tiers, t, lang) -> Section:
    low = tiers[0]
    s = Section(_w("communes", lang))
    reaching = t[t["state"].isin(P.REACHING)]
    if len(reaching):
        s.add("-", _w("reaching_intro", lang, tier=tier_words(low, lang)))
        for _, r in reaching.iterrows():
            criteria, indicators = _counts(r, lang)
            s.add("+", _w("commune_counts", lang, name=r["commune"], criteria=criteria, indicators=indicators))
    else:
        s.add("p", _w("none_reaching", lang, tier=tier_words(low, lang)))
    rest = t[~t["state"].isin(P.REACHING) & (t["no_data"] < t["indicators_total"])]
    if len(rest):
        s.add("-", _w("rest", lang, criteria=_range(rest["criteria_met"], lang),
                      criteria_total=int(rest["criteria_total"].iloc[0]),
                      indicators=_range(rest["indicators_met"], lang),
                      indicators_total=int(rest["indicators_total"].iloc[0]), tier=tier_words(low, lang)))
    for tier in tiers[1:]:
        up = P.communes(card, year, area, tier)
        up = up[up["state"].isin(P.REACHING)]
        if len(up):
            names = [f"{r['commune']} ({', '.join(_counts(r, lang))})" for _, r in up.iterrows()]
            s.add("-", _w("higher", lang, tier=tier_words(tier, lang), names="; ".join(names)))
        else:
            s.add("-", _w("none_reaching", lang, tier=tier_words(tier, lang)))
    return s


def unmet_text(row, lang: str = "vi") -> str:
    """One unmet value of analysis.province.nearest() with its requirement: 'tỷ lệ nghèo đa chiều
    1,5 % (yêu cầu ≤ 1 %)'; a yes/no one as 'xã có …: chưa đạt (yêu cầu: đạt)'."""
    name = sentence_case(str(row["indicator_name"]))
    if pd.notna(row["number"]) and pd.notna(pd.to_numeric(row["threshold"], errors="coerce")):
        unit = "" if pd.isna(row["unit"]) else str(row["unit"])
        return _w("unmet_number", lang, name=name, value=quantity_text(row["number"], unit, lang),
                  threshold=row["threshold_text"])
    return _w("unmet_word", lang, name=name, value=sentence_case(str(row["value"])),
              threshold=sentence_case(str(row["threshold_text"])))


def near_low(total: int) -> int:
    """The fewest criteria met of a commune 'close to the standard': the second band of
    analysis.province.band_edges (8 of 10 criteria, 16 of 19)."""
    edges = P.band_edges(total)
    return edges[1][0] if len(edges) > 1 else total


def _near(card, year, area, tier, t, lang) -> Section | None:
    data = t[t["no_data"] < t["indicators_total"]]
    if data.empty:
        return None
    total = int(data["criteria_total"].max())
    low = near_low(total)
    s = Section(_w("near", lang))
    unmet = P.nearest(card, year, area, tier, limit=len(t), gaps=int(t["indicators_total"].max()))
    unmet = unmet[unmet["criteria_met"] >= low]
    unmet = unmet[unmet["indicator"].notna()]
    if unmet.empty:
        s.add("p", _w("none_near", lang, tier=tier_words(tier, lang), low=low, total=total))
        return s
    s.add("-", _w("near_intro", lang, tier=tier_words(tier, lang), low=low, total=total))
    for _, g in unmet.groupby("commune_id", sort=False):
        r = g.iloc[0]
        criteria, indicators = _counts(r, lang)
        group = _w("near_group", lang, group=r["commune_group"]) if r["commune_group"] else ""
        s.add("+", _w("near_commune", lang, name=r["commune"], group=group, criteria=criteria, indicators=indicators,
                      unmet="; ".join(unmet_text(u, lang) for _, u in g.iterrows())))
    return s


def _lapsed(card, year, area, lang) -> Section:
    s = Section(_w("lapsed_heading", lang))
    gone = P.lapsed(card, year, area)
    if gone.empty:
        s.add("p", _w("none_lapsed", lang, year=year))
    for tier, g in gone.groupby("tier", sort=False, observed=True):
        s.add("-", _w("lapsed_tier", lang, tier=tier_name(str(tier), lang), n=len(g),
                      names=join_names(list(g["commune"]), lang)))
    return s


def applicable_targets(card: Scorecard, year: int, area: str | None) -> pd.DataFrame:
    """The rows of analysis.targets.progress() a bulletin of `year` shows: targets of `year` or
    later whose year is judged by the set scored at their tier in `year` (a 2030 target is not
    measured on the 2021–2025 sets)."""
    p = T.progress(card, year, area)
    if p.empty:
        return p
    ds = card.dataset
    c = card.communes[card.communes["year"] == int(year)]
    keep = []
    for _, r in p.iterrows():
        sets = set(c.loc[c["tier"].astype(str) == str(r["tier"]), "set"].astype(str))
        keep.append(int(r["target_year"]) >= int(year)
                    and (not sets or bool(sets & set(ds.set_ids_for(int(r["target_year"]))))))
    return p[keep].reset_index(drop=True)


def _targets(card, year, area, lang) -> Section | None:
    if card.dataset is None or not card.dataset.targets:
        return None
    p = applicable_targets(card, year, area)
    if p.empty:
        return None
    s = Section(_w("targets", lang))
    for _, r in p.iterrows():
        s.add("-", T.sentence(r, lang))
        if r["source"]:
            s.add("+", _w("target_source", lang, source=" ".join(str(r["source"]).split())))
        target = next(t for t in card.dataset.targets if t.tier == r["tier"] and t.year == r["target_year"])
        if target.note:
            s.add("+", _w("target_note", lang, note=" ".join(target.note.split())))
    return s


def _open(card, year, area, tiers, lang) -> Section | None:
    s = Section(_w("open", lang))
    ind = card.indicators
    ind = ind[(ind["year"] == int(year)) & (ind["status"] == "no_threshold")]
    for tier in tiers:
        t = P.communes(card, year, area, tier)
        t = t[t["state"] == "undecided"]
        if t.empty:
            continue
        names = {i.code: i.name for i in card.sets[str(t["set"].iloc[0])].indicators}
        mine = ind[ind["set"].astype(str) == str(t["set"].iloc[0])]
        codes = {cid: tuple(dict.fromkeys(g["indicator"].astype(str)))
                 for cid, g in mine.groupby(mine["commune_id"].astype(str), sort=False)}
        groups: dict[tuple, list[str]] = {}
        for cid, commune in zip(t["commune_id"], t["commune"]):
            groups.setdefault(codes.get(cid, ()), []).append(commune)
        for what, communes in groups.items():
            indicators = join_names([_w("open_indicator", lang, code=c, name=sentence_case(names.get(c, c)))
                                     for c in what], lang)
            s.add("-", _w("open_communes", lang, indicators=indicators, tier=tier_words(tier, lang),
                          n=len(communes), names=join_names(communes, lang)))
    t = P.communes(card, year, area, tiers[0])
    none = t[t["state"] == "no_data"]
    if len(none):
        s.add("-", _w("no_data_communes", lang, year=year, n=len(none), names=join_names(list(none["commune"]), lang)))
    return s if s.blocks else None


def _table(card, year, area, tiers, t, lang) -> pd.DataFrame:
    ids = list(t["commune_id"].astype(str))
    cols = {_w("col_commune", lang): list(t["commune"])}
    if (t["commune_group"] != "").any():
        cols[_w("col_group", lang)] = list(t["commune_group"])
    for tier in tiers:
        up = P.communes(card, year, area, tier).set_index("commune_id").reindex(ids)
        cols[tier_name(tier, lang)] = short_counts(up)
    head = headline_states(card, year)
    head = head.assign(commune_id=head["commune_id"].astype(str)).set_index("commune_id").reindex(ids)
    cols[_w("col_state", lang)] = [headline_text(h["tier"], h["state"], h["reached"], h["undecided"], lang)
                                   for _, h in head.iterrows()]
    return pd.DataFrame(cols)


def bulletin(dataset, year: int, province: str | None = None, lang: str = "vi") -> Bulletin:
    """Score `dataset` for `year` with the sets it names and compose the province bulletin."""
    check_year(dataset, year)
    return build(score(dataset, year=year), year, province, lang)


def district_year(card: Scorecard, year: int) -> bool:
    """Whether `ntm bulletin` writes the district bulletin of `year` (without --province): the year's
    communes belong to districts (years before 1 July 2025) and the sets of the tiers the district
    bulletin counts were scored. Otherwise it writes the province bulletin."""
    c = card.communes[card.communes["year"] == int(year)]
    places = card.dataset.communes.drop_duplicates("commune_id").set_index("commune_id")["district"]
    districts = c["commune_id"].map(places).fillna("").astype(str).str.strip()
    return bool((districts != "").any()) and set(DISTRICT_TIERS) <= set(c["tier"].astype(str))

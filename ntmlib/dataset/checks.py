"""The checks of loading: problems collected at the rows of a table, and the observations checked
against the criteria sets dataset.yaml names (codes, kinds of value, periods, commune groups)."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..base.values import BAD, PROBLEMS, check_unit_rule, parse_distinct, value_message
from ..criteria.criteria_set import load_set
from ..errors import DataError, FrameworkError, Problem
from ..text import error_text
from .encoding import made_once, observation_keys
from .model import Dataset
from .readers import Skipped, parse_cell
from .units import code_problems

MAX_PER_KIND = 200  # row problems of one kind listed before "và N chỗ khác"


def place_order(place: str) -> tuple:
    """Sort key of a place: file-level first, then CSV lines, then cells by sheet, row, column.

    A place that is not text (a reader's bug: a missing place is NaN in pandas) sorts first,
    so the problems are still listed rather than lost in a TypeError."""
    if not isinstance(place, str):
        return (0, "", 0, 0)
    m = re.match(r"^(dòng|hàng) (\d+)$", place)
    if m:
        return (1, "", int(m.group(2)), 0)
    cell = parse_cell(place)
    if cell:
        return (2, cell[0], cell[2], cell[1])
    return (0, place, 0, 0)


class Collector:
    """Problems located at rows of a table, at most MAX_PER_KIND listed per kind."""

    def __init__(self, ds: "Dataset"):
        self.ds = ds
        self.problems: list[Problem] = []
        self.counts: dict[tuple[str, str], int] = {}
        self.seen: set = set()

    def add(self, key: str, kind: str, place: str, column: str, message: str) -> None:
        where, col = self.ds.locate(key, place, column)
        p = Problem(self.ds.file_name(key), message, where, col)
        if p in self.seen:
            return
        self.seen.add(p)
        n = self.counts.get((key, kind), 0) + 1
        self.counts[(key, kind)] = n
        if n <= MAX_PER_KIND:
            self.problems.append(p)

    def add_problem(self, p: Problem) -> None:
        if p not in self.seen:
            self.seen.add(p)
            self.problems.append(p)

    def done(self) -> list[Problem]:
        files = list(dict.fromkeys(p.file for p in self.problems))
        out = sorted(self.problems, key=lambda p: (files.index(p.file), place_order(p.place)))
        for (key, kind), n in self.counts.items():
            if n > MAX_PER_KIND:
                out.append(Problem(self.ds.file_name(key), error_text("more_same_problem", n=n - MAX_PER_KIND,
                                                                         kind=kind)))
        return out


def flagged(mask, *columns: pd.Series) -> list[tuple]:
    """The values of `columns` at the rows where `mask` holds, a tuple per row; none without a pandas call
    (most checks flag nothing)."""
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return []
    return list(zip(*(column[mask] for column in columns)))


def check_observations(ds: Dataset, bad: np.ndarray, out) -> tuple[np.ndarray, list[Skipped]]:
    """Check the observations not already flagged in `bad` against the sets dataset.yaml names.

    Problems go to `out` (a dataset.Collector); returns (rows to leave out, skipped notes). Checked: a
    year with no set or outside a set's period, a set not used that year, an unknown indicator code (with the
    closest code as a hint), a value of the wrong kind, a percentage out of 0–100.
    """
    obs = ds.observations
    wrong = np.zeros(len(obs), bool)
    skipped_rows: dict[str, list[str]] = {}
    ok = ~bad
    coded = parsed = None  # made once, for the first year checked
    years = sorted(obs.loc[ok, "year"].unique())
    for year in years:
        year = int(year)
        in_year = ok & (obs["year"] == year).to_numpy()
        first = obs["place"].iloc[int(np.argmax(in_year))]
        n = int(in_year.sum())
        if not ds.set_ids_for(year):
            out.add("observations", "year", first, "year",
                    error_text("no_sets_for_year_cells", year=year, n=n))
            wrong |= in_year
            continue
        try:
            sets = ds.sets_for(year)
        except FrameworkError:
            for p in _set_problems(ds, year):
                out.add_problem(p)
            wrong |= in_year
            continue
        outside = [s for s in sets if not s.covers(year)]
        for s in outside:
            out.add("observations", "year", first, "year",
                    error_text("year_outside_set_cells", year=year, n=n, outside=error_text(
                        "year_outside_set", year=year, start=s.period[0], end=s.period[1], set=s.id)))
        if outside:
            wrong |= in_year
            continue
        for p in commune_group_problems(ds, sets, [year]):
            out.add_problem(p)
        wrong |= _outside_lifetime(ds, year, in_year, out)
        if coded is None:
            coded = {c: _coded(obs[c]) for c in ("set", "indicator", "value")}
            parsed = parse_distinct(coded["value"][1])
        wrong |= _check_year(ds, year, sets, in_year, out, skipped_rows, coded, parsed)
    skipped = [Skipped(ds.file_name("observations"), reason, tuple(dict.fromkeys(places)))
               for reason, places in skipped_rows.items()]
    return wrong, skipped


def _outside_lifetime(ds: Dataset, year: int, rows: np.ndarray, out) -> np.ndarray:
    """Rows of `year` for a commune that did not exist that year (Dataset.existing): an old commune
    after the date it joined a new one, a new one before it was formed."""
    gone = ~ds.existing([year])
    obs = ds.observations
    wrong = np.zeros(len(obs), bool)
    if not gone.any():
        return wrong
    c = ds.communes[gone]
    wrong = rows & obs["commune_id"].isin(set(c["commune_id"])).to_numpy()
    if not wrong.any():
        return wrong
    cw = ds.crosswalk
    ended = cw.sort_values("effective").drop_duplicates("old_commune_id").set_index("old_commune_id")
    formed = dict(zip(cw["key"], cw["effective"]))
    names = dict(zip(c["commune_id"], c["commune"]))
    day = lambda iso: "/".join(str(int(x)) for x in reversed(iso.split("-")))  # noqa: E731  2025-07-01 -> 1/7/2025
    for place, cid in zip(obs.loc[wrong, "place"], obs.loc[wrong, "commune_id"]):
        if cid in ended.index:
            r = ended.loc[cid]
            text = error_text("commune_ended", commune=names[cid], id=cid, date=day(r["effective"]),
                              new=r["new_commune"], ref=r["key"], year=year)
        else:
            text = error_text("commune_not_yet", commune=names[cid], id=cid, date=day(formed[cid]), year=year)
        out.add("observations", "lifetime", place, "commune_id", text)
    return wrong


def commune_group_problems(ds: Dataset, sets, years=None) -> list[Problem]:
    """Assessed communes (of `years`, all when None) whose `commune_group` the sets cannot use: not one of
    their commune groups, or missing while a threshold depends on the group (with no `default`)."""
    with_groups = [s for s in sets if s.commune_groups]
    if not with_groups:
        return []
    c = ds.communes
    codes = list(dict.fromkeys(k for s in with_groups for k in s.commune_groups))
    need = [s.id for s in with_groups if s.needs_commune_group]
    empty = (c["commune_group"] == "").to_numpy()
    wrong = (empty & bool(need)) | (~empty & ~c["commune_group"].isin(codes).to_numpy())
    wrong &= c["assessed"].to_numpy(dtype=bool)
    if not wrong.any():  # the usual case: no frame of the communes flagged
        return []
    flagged = c[wrong & (ds.existing(years) if years is not None else True)]
    return [
        Problem(ds.file_name("communes"),
                error_text("no_commune_group_set", commune=commune, id=cid, sets=", ".join(need),
                           codes=", ".join(codes)) if group == "" else
                error_text("unknown_commune_group", group=group, commune=commune, id=cid,
                           sets=", ".join(s.id for s in with_groups), codes=", ".join(codes)),
                *ds.locate("communes", place, "commune_group"))
        for place, cid, commune, group in zip(flagged["place"], flagged["commune_id"], flagged["commune"],
                                              flagged["commune_group"])
    ]


def _set_problems(ds: Dataset, year: int) -> list[Problem]:
    """The sets dataset.yaml names for `year` that cannot be loaded, at their place in dataset.yaml."""
    out = []
    for i, entry in enumerate(ds.meta.get("frameworks") or []):
        first, last = entry.get("years", [year, year])
        if not first <= year <= last:
            continue
        for j, sid in enumerate(entry.get("sets", [])):
            try:
                load_set(sid, ds.framework_dir)
            except FrameworkError as e:
                out += [Problem("dataset.yaml", p.message if p.file == str(sid) else str(p),
                                f"frameworks[{i}].sets[{j}]") for p in e.problems]
    return out


def _catalogue(sets) -> pd.DataFrame:
    frames = [s.indicator_table()[["set", "indicator", "unit", "rule"]] for s in sets]
    return pd.concat(frames, ignore_index=True)


@dataclass(frozen=True)
class _KeyRows:
    """observation_keys of a list of sets with the unit and rule of the indicator each key reaches, as
    arrays; `rows` maps a written (set, code) to the positions of its keys, in their order."""

    rows: dict
    set: np.ndarray
    indicator: np.ndarray
    unit: np.ndarray
    rule: np.ndarray


def _catalogue_key_rows(sets) -> _KeyRows:
    """_KeyRows of the sets, made once for a list of sets (encoding.made_once)."""
    def make(sets) -> _KeyRows:
        keys = observation_keys(sets).merge(_catalogue(sets), on=["set", "indicator"], how="left")
        rows: dict[tuple, list[int]] = {}
        for k, key in enumerate(zip(keys["obs_set"].tolist(), keys["obs_indicator"].tolist())):
            rows.setdefault(key, []).append(k)
        return _KeyRows({key: np.array(r, np.int64) for key, r in rows.items()},
                        *(keys[c].to_numpy(dtype=object) for c in ("set", "indicator", "unit", "rule")))
    return made_once(sets, "checked keys", make)


def _coded(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(code per row, text per code) of a column of text; a missing value is the last code, ''."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, labels = column.cat.codes.to_numpy(), np.asarray(column.cat.categories, dtype=object)
    else:
        codes, labels = pd.factorize(column, use_na_sentinel=True)
        labels = np.asarray(labels, dtype=object)
    if (codes < 0).any():
        codes = np.where(codes < 0, len(labels), codes.astype(np.int64))
    return codes, np.append(labels, "")


def key_codes(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(code per row, distinct keys) of integer keys in 0..size-1, codes in the order of the keys (not of
    their first appearance): by a table of `size` entries when that is not much larger than the keys,
    else by hashing."""
    if size > 4 * len(keys) + 2**20:
        return pd.factorize(keys)
    seen = np.zeros(size, bool)
    seen[keys] = True
    lookup = np.cumsum(seen) - 1
    return lookup[keys], np.flatnonzero(seen)


def _check_year(ds: Dataset, year: int, sets, in_year: np.ndarray, out, skipped_rows, coded, parsed) -> np.ndarray:
    """Check the rows of one year; each distinct (set, code) and (set, code, value) is checked once.

    `coded`: _coded() of the set, indicator and value columns; `parsed`: parse_distinct() of the values."""
    obs = ds.observations
    wrong = np.zeros(len(obs), bool)
    rows = np.flatnonzero(in_year)
    (set_code, set_ids), (ind_code, ind_ids), (value_code, values) = (coded[c] for c in ("set", "indicator", "value"))
    used_sets = {a for s in sets for a in s.lineage}
    # a set named on the row but not scored this year: an error outside its period, else a note
    other = [k for k, sid in enumerate(set_ids) if sid != "" and sid not in used_sets]
    is_other = np.isin(set_code[rows], other)
    for k in pd.unique(set_code[rows][is_other]):
        sid = set_ids[k]
        g = rows[set_code[rows] == k]
        try:
            s = load_set(sid, ds.framework_dir)
        except FrameworkError as e:
            for p in e.problems:
                out.add_problem(p)
            wrong[g] = True
            continue
        if s.covers(year):
            note = (f"bộ tiêu chí {sid} không có trong dataset.yaml cho năm {year} "
                    f"(có: {', '.join(x.id for x in sets)}): chỉ dùng khi chấm riêng bộ này (--set {sid})")
            skipped_rows.setdefault(note, []).extend(obs["place"].iloc[g])
            continue
        msg = error_text("year_outside_set", year=year, start=s.period[0], end=s.period[1], set=sid)
        out.add("observations", "year", obs["place"].iloc[g[0]], "year",
                error_text("outside_cells", outside=msg, n=len(g)) if len(g) > 1 else msg)
        wrong[g] = True
    rows = rows[~is_other]

    # distinct (set, code) pairs of the year, matched with the catalogue rows they can serve
    n_ind = max(len(ind_ids), 1)
    pair_of_row, pair_keys = key_codes(set_code[rows].astype(np.int64) * n_ind + ind_code[rows],
                                    len(set_ids) * n_ind)
    keys = _catalogue_key_rows(sets)
    # the catalogue rows each pair serves (positions in keys, in their order); none: an unknown code
    served = [keys.rows.get(k) for k in zip(set_ids[pair_keys // n_ind].tolist(), ind_ids[pair_keys % n_ind].tolist())]
    known = np.array([r is not None for r in served], bool)
    unknown_pairs = np.flatnonzero(~known)
    if len(unknown_pairs):
        bad_rows = rows[np.isin(pair_of_row, unknown_pairs)]
        unmatched = pd.DataFrame({"obs_row": bad_rows, "set": set_ids[set_code[bad_rows]],
                                  "indicator": ind_ids[ind_code[bad_rows]],
                                  "place": obs["place"].iloc[bad_rows].to_numpy(dtype=object)})
        wrong |= _unknown_codes(ds, year, sets, unmatched, out, skipped_rows)
    if not known.any():
        return wrong
    # (pair, catalogue row) of the known pairs, in the pairs' order: position `key_pos` in this list
    count = np.array([len(r) if r is not None else 0 for r in served], np.int64)
    key_row = np.concatenate([r for r in served if r is not None])
    first_of_pair = np.cumsum(count) - count  # where each pair's catalogue rows start in key_row
    # distinct (pair, value) of the matched rows, checked once for each catalogue row the pair serves
    n_val = max(len(values), 1)
    sel = known[pair_of_row]
    combo_of_row, combo_keys = key_codes(pair_of_row[sel] * n_val + value_code[rows[sel]], len(pair_keys) * n_val)
    combo_pair, combo_value = combo_keys // n_val, combo_keys % n_val
    # each combo with each catalogue row of its pair, combos in order, their catalogue rows in order
    n_of = count[combo_pair]
    cm_combo = np.repeat(np.arange(len(combo_keys)), n_of)
    cm_key_pos = np.repeat(first_of_pair[combo_pair] - (np.cumsum(n_of) - n_of), n_of) + np.arange(int(n_of.sum()))
    cm_key = key_row[cm_key_pos]
    v, unit, rule = combo_value[cm_combo], keys.unit[cm_key], keys.rule[cm_key]
    _, kind, problem = check_unit_rule(parsed["number"][v], parsed["kind"][v], parsed["problem"][v], parsed["pct"][v],
                                       parsed["decimal"][v], unit == "%", rule == ">=", rule == "<=", rule == "yes",
                                       rule == "absent")
    bad = np.flatnonzero(kind == BAD)
    if not len(bad):
        return wrong
    # the first catalogue row refusing it, for each refused (pair, value): rows of a combo come in the
    # catalogue's order, so its first refused one; then every observation holding it
    combo_bad, first = np.unique(cm_combo[bad], return_index=True)
    refused = bad[first]
    which = np.full(len(combo_keys), -1, np.int64)
    which[combo_bad] = refused
    pick = which[combo_of_row]
    bad_rows = rows[sel][pick >= 0]
    at = pick[pick >= 0]
    texts = np.array(("",) + PROBLEMS, dtype=object)
    for place, value, indicator, set_id, why, unit in zip(
            obs["place"].iloc[bad_rows], values[v[at]], keys.indicator[cm_key[at]], keys.set[cm_key[at]],
            texts[problem[at]], keys.unit[cm_key[at]]):
        out.add("observations", "value", place, "value", value_message(value, indicator, set_id, why, unit))
    wrong[bad_rows] = True
    return wrong


def _wide(ds: Dataset, place: str) -> bool:
    table = ds.tables.get("observations")
    cell = parse_cell(place)
    return bool(table is not None and cell and cell[0] in table.sheets and table.sheets[cell[0]].layout == "wide")


def _unknown_codes(ds: Dataset, year: int, sets, rows: pd.DataFrame, out, skipped_rows) -> np.ndarray:
    """Problems for indicator codes no set of the year knows; summary rows of wide sheets are skipped."""
    wrong = np.zeros(len(ds.observations), bool)
    by_id = {s.id: s for s in sets}
    measures = sorted({i.measure for s in sets for i in s.indicators if i.measure})
    all_codes = sorted({i.code for s in sets for i in s.indicators})
    for r in rows.itertuples():
        ind, sid = str(r.indicator), r.set
        s = by_id.get(sid) or next((x for x in sets if sid in x.lineage), None)
        if sid and _wide(ds, r.place) and s is not None and (
                ind in {c.code for c in s.criteria} or ind in s.groups or ind.rstrip(".") in s.groups):
            skipped_rows.setdefault("dòng tiêu chí hoặc nhóm tiêu chí (chỉ chấm theo chỉ tiêu)", []).append(
                ds.locate("observations", r.place, "indicator")[0])
            wrong[r.obs_row] = True
            continue
        if sid and sid not in by_id:
            try:
                parent = load_set(sid, ds.framework_dir)
            except FrameworkError:
                parent = None
            if parent is not None and ind in {i.code for i in parent.indicators}:
                users = ", ".join(x.id for x in sets if sid in x.lineage)
                skipped_rows.setdefault(f"chỉ tiêu của bộ {sid} không dùng trong bộ {users} năm {year}", []).append(
                    ds.locate("observations", r.place, "indicator")[0])
                wrong[r.obs_row] = True
                continue
        if sid:
            pool = sorted({i.code for i in (s.indicators if s is not None else [])})
            hint = difflib.get_close_matches(ind, pool, n=1)
            msg = error_text("unknown_indicator_of_set", code=ind, set=sid, year=year,
                             hint=error_text("did_you_mean", hint=hint[0]) if hint else "")
        elif ind in all_codes:
            msg = error_text("indicator_read_as_measure", code=ind, year=year, example=sets[0].id)
        else:
            hint = difflib.get_close_matches(ind, measures, n=1)
            msg = error_text("unknown_indicator", code=ind, year=year,
                             hint=error_text("did_you_mean", hint=hint[0]) if hint else "")
        out.add("observations", "indicator", r.place, "indicator", msg)
        wrong[r.obs_row] = True
    return wrong


def without_data_warnings(ds: Dataset, most: int = 20) -> list[Problem]:
    """One warning per year of the dataset with communes to assess (communes.csv, those that
    existed that year: Dataset.existing) that have no observation that year (offices register
    communes before their data come): at the first such commune's row, naming the others (at
    most `most`). Not errors: their reports say so."""
    out = []
    obs_years = ds.observations["year"].to_numpy()
    ids, texts = _coded(ds.observations["commune_id"])
    assessed = ds.communes["assessed"].to_numpy(dtype=bool)
    for year in ds.years:
        used = np.zeros(len(texts), bool)
        used[ids[obs_years == year]] = True  # the communes with data that year, each once
        without = assessed & ~ds.communes["commune_id"].isin(texts[used]).to_numpy()
        if not without.any():
            continue
        none = ds.communes[without & ds.existing([year])]  # of the communes of that year
        if none.empty:
            continue
        first, rest = none.iloc[0], none.iloc[1:]
        names = ", ".join(f"{n} ({i})" for n, i in zip(rest["commune"][:most], rest["commune_id"][:most]))
        names += ", …" if len(rest) > most else ""
        more = error_text("more_without_data", n=len(rest), names=names) if len(rest) else ""
        out.append(Problem(ds.file_name("communes"), error_text("commune_without_data", name=first["commune"],
                                                                 code=first["commune_id"], year=year, more=more),
                           *ds.locate("communes", first["place"], "commune_id")))
    return out


def unit_code_warnings(ds: Dataset) -> list[Problem]:
    """The communes of `ds` whose code or name is not the official one (ntmlib.dataset.units.code_problems):
    warnings of `ntm validate`, errors with --strict. One warning when the official list is missing."""
    try:
        return code_problems(ds.communes, ds.file_name("communes"),
                             lambda place, column: ds.locate("communes", place, column))
    except DataError as e:
        return [Problem(p.file, error_text("units_unchecked", reason=p.message)) for p in e.problems]

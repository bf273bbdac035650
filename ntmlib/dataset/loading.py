"""Loading a dataset folder: read every file, resolve commune names and set names, check each row
against the criteria sets, and code the observations once for scoring. Bad input raises a
DataError that lists every problem with its file, row and column."""
from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import yaml

from ..base.values import fold
from ..criteria.criteria_set import available_sets, load_set
from ..errors import DataError, FrameworkError, Problem
from ..text import TIERS, error_text
from ..text.formats import KNOWN_TIERS
from .checks import Collector, check_observations, flagged, place_order
from .crosswalk import CROSSWALK_COLUMNS, CROSSWALK_FILE, check_crosswalk
from .encoding import encode_observations, factorize_small
from .model import (
    COMMUNE_COLUMNS,
    FALSE_WORDS,
    RECOGNITION_COLUMNS,
    TIER_WORDS,
    Dataset,
)
from .readers import (
    Skipped,
    Table,
    find_observations,
    lines_text,
    read_csv,
    read_observations,
    text_categorical,
)
from .resolve import commune_problem_text, resolve_communes

# --------------------------------------------------------------------------- loading


def _read_meta(root: Path, problems: list[Problem]) -> dict:
    meta_path = root / "dataset.yaml"
    if not meta_path.exists():
        return {}
    try:
        meta = copy.deepcopy(_parsed_yaml(meta_path.read_text(encoding="utf-8"))) or {}
    except UnicodeDecodeError:
        problems.append(Problem("dataset.yaml", error_text("not_utf8")))
        return {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problems.append(Problem("dataset.yaml", error_text("bad_yaml", reason=getattr(e, 'problem', e)),
                                error_text("line", n=mark.line + 1) if mark else ""))
        return {}
    if not isinstance(meta, dict):
        problems.append(Problem("dataset.yaml", error_text("not_mapping")))
        return {}
    for n, entry in enumerate(meta.get("frameworks") or []):
        years = entry.get("years") if isinstance(entry, dict) else None
        if (not isinstance(entry, dict) or not isinstance(entry.get("sets"), list) or not isinstance(years, list)
                or len(years) != 2 or not all(isinstance(y, int) for y in years)):
            problems.append(Problem("dataset.yaml", error_text("bad_frameworks"),
                                    f"frameworks[{n}]"))
    _check_targets(meta.get("targets"), problems, dataset_tiers(root, meta))
    if problems:
        return {k: v for k, v in meta.items() if k not in ("frameworks", "targets")}
    return meta


@lru_cache(maxsize=64)
def _parsed_yaml(text: str):
    """yaml.safe_load of a text, kept for the next load of the same dataset.yaml (the caller copies it)."""
    return yaml.safe_load(text)


TARGET_KEYS = ("tier", "year", "share", "count", "source", "note")


def dataset_tiers(root: Path, meta: dict) -> tuple[str, ...]:
    """The tiers a dataset may name (targets, recognitions, registrations): the known ones
    (ntm, nang-cao, kieu-mau, hien-dai) and those of the sets dataset.yaml names."""
    tiers = dict.fromkeys(KNOWN_TIERS)
    search = (root / "frameworks",) if (root / "frameworks").is_dir() else ()
    for entry in meta.get("frameworks") or []:
        for sid in (entry.get("sets") or []) if isinstance(entry, dict) else []:
            try:
                tiers.setdefault(load_set(str(sid), search).tier)
            except FrameworkError:  # reported where the sets are read
                pass
    return tuple(tiers)


def _check_targets(targets, problems: list[Problem], tiers=TIERS) -> None:
    """Check `targets` of dataset.yaml (ntmlib.dataset.model.Target); each problem names the key
    (`targets[0].share`)."""
    if targets is None:
        return
    if not isinstance(targets, list) or not all(isinstance(t, dict) for t in targets):
        problems.append(Problem("dataset.yaml", error_text("bad_targets"), "targets"))
        return
    seen = {}
    for n, t in enumerate(targets):
        at = f"targets[{n}]"
        extra = [str(k) for k in t if k not in TARGET_KEYS]
        if extra:
            problems.append(Problem("dataset.yaml", error_text("target_keys", keys=", ".join(extra)), at))
        if t.get("tier") not in tiers:
            problems.append(Problem("dataset.yaml", error_text("target_tier", tier=t.get("tier"),
                                                               tiers=", ".join(tiers)), f"{at}.tier"))
        year = t.get("year")
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100:
            problems.append(Problem("dataset.yaml", error_text("target_year", year=year), f"{at}.year"))
        if ("share" in t) == ("count" in t):
            problems.append(Problem("dataset.yaml", error_text("target_share_or_count"), at))
        elif "share" in t:
            share = t["share"]
            if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
                problems.append(Problem("dataset.yaml", error_text("target_share", share=share), f"{at}.share"))
        else:
            count = t["count"]
            if isinstance(count, bool) or not isinstance(count, int) or count < 1:
                problems.append(Problem("dataset.yaml", error_text("target_count", count=count), f"{at}.count"))
        for key in ("source", "note"):
            if key in t and t[key] is not None and not isinstance(t[key], str):
                problems.append(Problem("dataset.yaml", error_text("target_text", value=t[key]), f"{at}.{key}"))
        pair = (t.get("tier"), year)
        if pair in seen:
            problems.append(Problem("dataset.yaml", error_text("target_twice", tier=pair[0], year=year,
                                                               first=seen[pair]), at))
        seen.setdefault(pair, n)


def load_dataset(path: str | Path, collect: list[Problem] | None = None) -> Dataset:
    """Read a dataset folder; raise DataError listing every problem found.

    Observations are checked against the criteria sets dataset.yaml names (indicator codes,
    kinds of value, percentages, periods, duplicates). With `collect`, problems that leave
    the tables readable are appended to that list instead of raised and the rows concerned
    are left out, so a validation can go on and find the rest; unreadable files still raise.
    """
    root = Path(path)
    problems: list[Problem] = []
    if not root.is_dir():
        raise DataError(Problem(str(root), error_text("no_folder")))
    meta = _read_meta(root, problems)
    communes_t = read_csv(root / "communes.csv", COMMUNE_COLUMNS, problems)
    obs_path = find_observations(root, problems)
    obs_t = read_observations(obs_path, problems) if obs_path else Table(root / "observations.csv", None)
    rec_path, reg_path = root / "recognitions.csv", root / "registrations.csv"
    rec_t = (read_csv(rec_path, RECOGNITION_COLUMNS, problems, allow_empty=True) if rec_path.exists()
             else Table(rec_path, pd.DataFrame(columns=["line", "place", *RECOGNITION_COLUMNS, "decision", "note"])))
    reg_t = (read_csv(reg_path, RECOGNITION_COLUMNS, problems, allow_empty=True) if reg_path.exists()
             else Table(reg_path, pd.DataFrame(columns=["line", "place", *RECOGNITION_COLUMNS, "note"])))

    cw_path = root / CROSSWALK_FILE  # optional
    cw_t = (read_csv(cw_path, CROSSWALK_COLUMNS, problems, allow_empty=True) if cw_path.exists()
            else Table(cw_path, pd.DataFrame(columns=["line", "place", *CROSSWALK_COLUMNS])))
    if problems or any(t.frame is None for t in (communes_t, obs_t, rec_t, reg_t, cw_t)):
        raise DataError(problems)

    communes = communes_t.frame
    headers = {}
    if "commune_group" not in communes.columns and "group" in communes.columns:  # the header's earlier name
        communes = communes_t.frame = communes.rename(columns={"group": "commune_group"})
        headers[("communes", "commune_group")] = "group"
    for optional in ("commune_group", "assessed"):
        if optional not in communes.columns:
            communes[optional] = ""
    codes, distinct = pd.factorize(communes["assessed"], use_na_sentinel=False)  # a few words for thousands of rows
    communes["assessed"] = ~np.array([fold(v) in FALSE_WORDS for v in distinct], bool)[codes] if len(codes) \
        else ~communes["assessed"].map(fold).isin(FALSE_WORDS)
    communes["commune_group"] = commune_group_codes(communes["commune_group"])
    for col in ("commune", "district", "province", "region"):
        communes[col] = communes[col].astype("str")
    observations = obs_t.frame
    files = {"communes": communes_t.path, "observations": obs_t.path, "recognitions": rec_path,
             "registrations": reg_path}
    tables = {"communes": communes_t, "observations": obs_t,
              "recognitions": rec_t, "registrations": reg_t}
    ds = Dataset(root, meta, communes, observations, rec_t.frame, reg_t.frame, files, tables,
                 [*communes_t.skipped, *obs_t.skipped, *rec_t.skipped, *reg_t.skipped])
    ds.crosswalk, ds.tables["crosswalk"] = cw_t.frame, cw_t
    ds.headers = headers
    if cw_path.exists():
        ds.files["crosswalk"] = cw_path
        ds.skipped += cw_t.skipped
    out = Collector(ds)
    bad = np.zeros(len(observations), bool)

    _check_communes(ds, out)
    bad |= _resolve_commune_refs(ds, out)
    check_crosswalk(ds, out)
    bad |= _check_years(ds, out)
    tiers = dataset_tiers(root, ds.meta)
    for key in ("recognitions", "registrations"):
        table = getattr(ds, key)
        for place, tier in zip(table["place"], table["tier"]):
            if tier not in tiers:
                out.add(key, "tier", place, "tier", error_text("bad_tier", tier=tier, tiers=", ".join(tiers)))
    empty_code = (observations["indicator"] == "").to_numpy()
    for place, in flagged(empty_code & ~bad, observations["place"]):
        out.add("observations", "indicator", place, "indicator", error_text("no_indicator_code"))
    bad |= empty_code
    bad |= _resolve_sets(ds, bad, out)
    duplicate = _check_duplicates(ds, bad, out)


    if meta.get("frameworks"):  # without sets named in dataset.yaml, codes are checked when scoring
        more_bad, skipped = check_observations(ds, bad, out)
        bad |= more_bad
        ds.skipped += skipped
    bad |= duplicate
    order = [s.file for s in ds.skipped]
    ds.skipped.sort(key=lambda s: (order.index(s.file), place_order(s.places[0] if s.places else "")))
    problems = out.done()
    if problems and collect is None:
        raise DataError(problems)
    if collect is not None:
        collect += problems
    ds.observations = observations[~bad].reset_index(drop=True) if bad.any() else observations
    obs_t.frame = ds.observations  # the table read, without the rows left out
    kept = ds.observations
    kept["year"] = _column(kept["year"].to_numpy().astype(np.int16), kept)  # 1900–2100
    if len(kept) and kept["line"].max() < 2**31:
        kept["line"] = _column(kept["line"].to_numpy().astype(np.int32), kept)
    for col in ("commune_id", "set", "indicator", "value"):  # few distinct texts, millions of rows: codes
        ds.observations[col] = _text_codes(ds.observations[col])
    # commune_id has one dtype in every table: the dataset's communes, the scores and what is aggregated from them
    ds.communes["commune_id"] = _text_codes(ds.communes["commune_id"])

    encode_observations(ds)  # codes and parsed values, reused by every score()
    _release_unused_memory()
    return ds


def _column(values: np.ndarray, frame: pd.DataFrame) -> pd.Series:
    """A new array as a column of `frame` without copying it (assigning the bare array copies it)."""
    return pd.Series(values, index=frame.index, copy=False)


def _release_unused_memory() -> None:
    """Give the memory freed while loading back to the system (pyarrow keeps it in its pool otherwise)."""

    pa.default_memory_pool().release_unused()


def _text_codes(column: pd.Series) -> pd.Series:
    """A column of text as a categorical of the texts it holds, in sorted order."""
    if isinstance(column.dtype, pd.CategoricalDtype) and column.cat.categories.dtype == "str":
        codes = column.cat.codes.to_numpy()
        categories = column.cat.categories
        seen = np.zeros(len(categories) + 1, bool)
        seen[codes] = True  # code -1 (missing) marks the last entry
        used = seen[:-1]
        if used.all() and categories.is_monotonic_increasing:
            return column
        order = np.argsort(categories.to_numpy(dtype=object)[used], kind="stable")
        renumber = np.full(len(categories) + 1, -1, codes.dtype)  # the last entry: code -1 stays -1
        renumber[np.flatnonzero(used)[order]] = np.arange(len(order))
        return pd.Series(pd.Categorical.from_codes(renumber[codes], categories=categories[used][order], validate=False),
                         index=column.index)
    return column.astype("str").astype("category")


def commune_group_codes(groups: pd.Series) -> pd.Series:
    """Commune groups as codes: 'Nhóm 2', 'xã nhóm 2', '2' -> '2'; other text is kept for the checks to name."""
    codes, distinct = pd.factorize(groups.astype(object).fillna(""))  # a few groups for thousands of communes
    distinct = pd.Series(np.asarray(distinct, dtype=object), dtype=object)
    code = distinct.map(fold).str.replace(r"^(xa\s+)?nhom\s*", "", regex=True).str.strip()
    each = np.where(code.str.fullmatch(r"\d+").fillna(False), code, distinct)
    return pd.Series(each[codes] if len(codes) else groups, index=groups.index)


def _check_communes(ds: Dataset, out: Collector) -> None:
    c = ds.communes
    dup = c["commune_id"].duplicated(keep="first")
    for place, cid in flagged(dup, c["place"], c["commune_id"]):
        out.add("communes", "duplicate", place, "commune_id", error_text("repeated_commune_id", id=cid))
    for place, in flagged(c["commune_id"] == "", c["place"]):
        out.add("communes", "empty", place, "commune_id", error_text("no_commune_id"))


def _resolve_commune_refs(ds: Dataset, out: Collector) -> np.ndarray:
    """Replace commune names by ids in observations, recognitions, registrations; flag unknown ones."""
    bad_obs = None
    communes_file = ds.file_name("communes")
    for key in ("observations", "recognitions", "registrations"):
        table = getattr(ds, key)
        refs = table["commune_id"]
        if isinstance(refs.dtype, pd.CategoricalDtype):  # each distinct reference resolved once
            names = pd.Series(refs.cat.categories, dtype=object)
            ids = resolve_communes(names, ds.communes)
            unknown_name = (ids == "").to_numpy()
            codes = refs.cat.codes.to_numpy()
            unknown = unknown_name[codes]
            for place, ref in zip(table["place"].iloc[np.flatnonzero(unknown)], names.to_numpy()[codes[unknown]]):
                out.add(key, "commune", place, "commune_id", commune_problem_text(ref, ds.communes, communes_file))
            table["commune_id"] = text_categorical(codes, np.where(unknown_name, names, ids), str)
        else:
            refs = refs.astype(object)
            ids = resolve_communes(refs, ds.communes)
            unknown = (ids == "").to_numpy()
            for place, ref in flagged(unknown, table["place"], refs):
                out.add(key, "commune", place, "commune_id", commune_problem_text(ref, ds.communes, communes_file))
            table["commune_id"] = ids.where(~unknown, refs)
        if key == "observations":
            bad_obs = unknown
    return bad_obs


def _check_years(ds: Dataset, out: Collector) -> np.ndarray:
    obs = ds.observations
    codes, texts = pd.factorize(obs["year"], use_na_sentinel=False)
    distinct = pd.to_numeric(pd.Series(np.asarray(texts, dtype=object)), errors="coerce").to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        bad_text = np.isnan(distinct) | (distinct != np.round(distinct)) | (distinct < 1900) | (distinct > 2100)
    bad = bad_text[codes]
    rows = np.flatnonzero(bad)
    for place, y in zip(obs["place"].iloc[rows], np.asarray(texts, dtype=object)[codes[rows]]):
        out.add("observations", "year", place, "year",
                error_text("no_year") if y == "" else error_text("bad_year", year=y))
    obs["year"] = _column(np.where(bad_text, 0, np.nan_to_num(distinct)).astype(np.int64)[codes], obs)
    for key in ("recognitions", "registrations"):
        table = getattr(ds, key)
        raw = table["year"].astype(object).fillna("")
        y = pd.to_numeric(raw, errors="coerce")
        wrong = (y.isna() & (raw != "")).to_numpy()
        for place, v in flagged(wrong, table["place"], raw):
            out.add(key, "year", place, "year", error_text("bad_year", year=v))
        table["year"] = y.astype("Int64")
    return bad


def _known_set_ids(ds: Dataset) -> list[str]:
    ids = set(available_sets())
    for d in ds.framework_dir:
        ids |= set(available_sets(d))
    return sorted(ids, key=len, reverse=True)


def resolve_set(ds: Dataset, ref: str, year: int, known: list[str]) -> tuple[str, str]:
    """(set id, problem text) for a set written as an id, a tier ('NTM', 'nâng cao') or a sheet title."""
    if ref in known or ref == "":
        return ref, ""
    text = fold(ref)
    spaced = f" {text.replace('-', ' ').replace('_', ' ')} "
    hit = next((k for k in known if k in text), None)
    if hit:
        return hit, ""
    year_ids = ds.set_ids_for(year)
    tier = next((t for t, words in TIER_WORDS.items() if any(f" {w} " in spaced for w in words)), None)
    if tier is None:
        if len(year_ids) == 1:
            return year_ids[0], ""
        hint = error_text("unclear_set_hint", year=year, ids=", ".join(year_ids)) if year_ids else ""
        return "", error_text("unclear_set", ref=ref, hint=hint)
    try:
        matching = [s.id for s in ds.sets_for(year) if s.tier == tier]
    except FrameworkError:
        return "", ""  # reported with dataset.yaml
    if len(matching) == 1:
        return matching[0], ""
    if not matching:
        return "", error_text("no_set_of_tier", tier=tier, year=year,
                              have=", ".join(year_ids) or error_text("none_word"))
    return "", error_text("set_ambiguous", ref=ref, ids=", ".join(matching))


def _resolve_sets(ds: Dataset, bad: np.ndarray, out: Collector) -> np.ndarray:
    """Sets written as tiers or titles (wide sheets) become set ids; unknown ones are problems."""
    obs = ds.observations
    known = _known_set_ids(ds)
    wrong = np.zeros(len(obs), bool)
    if not len(obs):
        return wrong
    if isinstance(obs["set"].dtype, pd.CategoricalDtype) and not obs["set"].isna().any() and all(
            ref in known or ref == "" for ref in obs["set"].cat.categories):  # set ids only: each stays as written
        return wrong
    set_code, set_refs = pd.factorize(obs["set"], use_na_sentinel=False)
    years = obs["year"].to_numpy(dtype=np.int64)  # numbers by now, 0 where unreadable
    low = int(years.min())
    n_years = int(years.max()) - low + 1
    set_refs = np.asarray(set_refs, dtype=object)
    pair, pair_keys = factorize_small(set_code.astype(np.int64) * n_years + (years - low), len(set_refs) * n_years)
    ref_of_pair, year_of_pair = set_refs[pair_keys // n_years], low + pair_keys % n_years
    resolved = ref_of_pair.copy()
    kept = pair[~bad]
    # in order of first appearance among the rows kept
    for p in (factorize_small(kept, len(pair_keys))[1] if len(kept) else []):
        sid, problem = resolve_set(ds, ref_of_pair[p], int(year_of_pair[p]), known)
        resolved[p] = sid
        if problem:
            rows = (pair == p) & ~bad
            wrong |= rows
            for place in obs["place"].iloc[np.flatnonzero(rows)]:
                out.add("observations", "set", place, "set", problem)
    if (resolved != ref_of_pair).any():
        obs["set"] = text_categorical(pair, resolved, str)
    return wrong


def _check_duplicates(ds: Dataset, bad: np.ndarray, out: Collector) -> np.ndarray:
    """Same commune, year, set and indicator twice: an error when the values differ, else a note."""
    obs = ds.observations
    key = ["commune_id", "year", "set", "indicator"]
    wrong = np.zeros(len(obs), bool)
    combined, size = np.zeros(len(obs), np.int64), 1
    for col in key:  # one integer per distinct (commune, year, set, indicator)
        codes, n = column_codes(obs[col])
        if size * n >= 2**62:  # renumber what is combined so far, to stay within 64 bits
            combined = pd.factorize(combined)[0].astype(np.int64)
            size = int(combined.max(initial=-1)) + 1
        combined, size = combined * n + codes, size * n
    ok = np.flatnonzero(~bad)
    keys = combined[ok]
    if size <= 8 * len(keys) + 2**24:  # no key twice (the usual case) is seen in a table of every key
        seen = np.zeros(size, bool)
        seen[keys] = True
        if np.count_nonzero(seen) == len(keys):
            return wrong
        del seen
    keys = np.sort(keys)
    repeated = keys[1:][keys[1:] == keys[:-1]]
    if not len(repeated):
        return wrong
    twice = np.isin(combined[ok], repeated)
    dup = obs.iloc[ok[twice]]
    same_places = []
    for k, g in dup.groupby(key, sort=False):
        places = list(g["place"])
        if g["value"].nunique() > 1:
            out.add("observations", "duplicate", places[0], "value",
                    error_text("clashing_values_listed", commune=k[0], year=k[1], indicator=k[3],
                               places=lines_text(places), values=", ".join(repr(v) for v in dict.fromkeys(g['value']))))
            wrong[obs.index.get_indexer(g.index)] = True
        else:
            same_places += places[1:]
    if same_places:
        ds.skipped.append(Skipped(ds.file_name("observations"), "trùng lặp cùng giá trị với một dòng trước, "
                                                                "chỉ tính một lần", tuple(same_places)))
    return wrong


def column_codes(column: pd.Series) -> tuple[np.ndarray, int]:
    """(an integer code per row, the number of codes) of a column: a categorical's own codes, else factorized."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy().astype(np.int64) + 1, len(column.cat.categories) + 1
    if pd.api.types.is_integer_dtype(column.dtype) and len(column):  # e.g. years: their distance from the first
        values = column.to_numpy(dtype=np.int64)
        low, high = int(values.min()), int(values.max())
        if high - low < 2**20:
            return values - low, high - low + 1
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    return codes.astype(np.int64), max(len(uniques), 1)

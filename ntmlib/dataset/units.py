"""Vietnam's official administrative units, read from the open dataset of the `vietnamadminunits`
package (MIT; GSO codes, names, coordinates): the 63 provinces' 10,040 communes, wards and towns
in force until 30/6/2025 ("old" units), the 34 provinces' 3,321 units from 1/7/2025 ("new"
units), and the 2025 mapping from old to new, old units divided between several new ones included.

The data are read through the package's public interface (`vietnamadminunits.database.query`)
and its mapping file (`converter_2025.json`, which the package's converter loads); nothing is
copied into ntmlib. The package is an optional extra, `pip install "ntmlib[units]"`; without it
every function here raises a DataError saying so. See docs/official-units.md.
"""
from __future__ import annotations

import functools
import importlib.util
import json
import re

import pandas as pd

from ..errors import DataError, ParameterError, Problem
from ..text import error_text
from .readers.places import place_word
from .resolve import fold_name, suggestions

PACKAGE = "vietnamadminunits"
EFFECTIVE_2025 = "2025-07-01"
SOURCE = "vietnamadminunits"
MISSING = error_text("units_missing", package=PACKAGE)

OLD_COLUMNS = ["code", "name", "short", "type", "district", "district_short", "district_code", "province",
               "province_short", "province_code", "lat", "lon", "south", "west", "north", "east", "key"]
NEW_COLUMNS = ["code", "name", "short", "type", "province", "province_short", "province_code", "lat", "lon",
               "area_km2", "key"]
MAX_LISTED = 200  # warnings of one kind listed before "và N xã khác"
CROSSWALK_OUT = ["old_commune_id", "old_commune", "new_commune_id", "new_commune", "new_type", "new_province",
                 "new_province_id", "effective", "default", "note"]


def available() -> bool:
    """Whether the official list can be read (the `vietnamadminunits` package is installed);
    found without importing it, which a map read from disk does not need."""
    return importlib.util.find_spec(PACKAGE) is not None


@functools.lru_cache(maxsize=1)
def _database():
    try:
        from vietnamadminunits import database
    except ImportError:
        raise DataError(Problem(PACKAGE, MISSING)) from None
    return database


def _query(sql: str) -> pd.DataFrame:
    return pd.DataFrame(_database().query(sql))


def _bounds(text: pd.Series) -> pd.DataFrame:
    """'20.59,105.98 – 20.62,106.00' (south-west – north-east) as south, west, north, east."""
    parts = text.fillna("").str.findall(r"-?\d+(?:\.\d+)?")
    rows = [[float(x) for x in p] if len(p) == 4 else [float("nan")] * 4 for p in parts]
    b = pd.DataFrame(rows, columns=["a_lat", "a_lon", "b_lat", "b_lon"], index=text.index)
    return pd.DataFrame({"south": b[["a_lat", "b_lat"]].min(axis=1), "west": b[["a_lon", "b_lon"]].min(axis=1),
                         "north": b[["a_lat", "b_lat"]].max(axis=1), "east": b[["a_lon", "b_lon"]].max(axis=1)})


@functools.lru_cache(maxsize=1)
def _old_all() -> pd.DataFrame:
    d = _query("SELECT * FROM admin_units_legacy WHERE wardCode IS NOT NULL AND wardCode != ''")
    out = pd.DataFrame({
        "code": d["wardCode"].astype(str), "name": d["ward"], "short": d["wardShort"], "type": d["wardType"],
        "district": d["district"], "district_short": d["districtShort"], "district_code": d["districtCode"].astype(str),
        "province": d["province"], "province_short": d["provinceShort"], "province_code": d["provinceCode"].astype(str),
        "lat": d["wardLat"].astype(float), "lon": d["wardLon"].astype(float),
    })
    out = pd.concat([out, _bounds(d["wardBounds"])], axis=1)
    out["key"] = d["provinceKey"] + "_" + d["districtKey"] + "_" + d["wardKey"].fillna("")
    return out[OLD_COLUMNS].reset_index(drop=True)


@functools.lru_cache(maxsize=1)
def _new_all() -> pd.DataFrame:
    d = _query("SELECT * FROM admin_units")
    out = pd.DataFrame({
        "code": d["wardCode"].astype(str), "name": d["ward"], "short": d["wardShort"], "type": d["wardType"],
        "province": d["province"], "province_short": d["provinceShort"], "province_code": d["provinceCode"].astype(str),
        "lat": d["wardLat"].astype(float), "lon": d["wardLon"].astype(float),
        "area_km2": d["wardAreaKm2"].astype(float), "key": d["provinceKey"] + "_" + d["wardKey"],
    })
    return out[NEW_COLUMNS].reset_index(drop=True)


def _pick(table: pd.DataFrame, column: str, ref: str | None, what: str) -> pd.DataFrame:
    """Rows of `table` whose `column` (or its short form) is `ref`, folded ('Hà Nam', 'ha nam', 'Tỉnh Hà Nam')."""
    if not ref:
        return table
    want = fold_name(_strip_type(str(ref)))
    short = table[f"{column}_short"].map(fold_name)
    hit = table[short == want]
    if hit.empty:
        names = sorted(table[f"{column}_short"].unique())
        close = suggestions(str(ref), names)
        hint = error_text("did_you_mean_names", names=", ".join(close)) if close else ""
        word = error_text(f"what_{what}")
        raise ParameterError(Problem(word, error_text("no_official_unit", what=word, ref=ref, package=PACKAGE,
                                                      hint=hint)))
    return hit


_TYPES = r"^(?:(?:tỉnh|thành phố|thủ đô|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu|tp)\s+|tp\.\s*)"
ALIASES = {"thua thien hue": "Huế"}  # the list writes the province by its name since 1/1/2025


def _strip_type(name: str) -> str:
    name = re.sub(_TYPES, "", name.strip(), flags=re.IGNORECASE)
    return ALIASES.get(fold_name(name), name)


def old_units(province: str | None = None, district: str | None = None) -> pd.DataFrame:
    """The official units before 1/7/2025 (63 provinces), of `province` and `district` when given
    (names with or without 'Tỉnh'/'Huyện', any case or diacritics). Columns: code, name ('Xã Hợp Lý'),
    short ('Hợp Lý'), type (Xã, Phường, Thị trấn), district, district_short, district_code, province,
    province_short, province_code, lat, lon, south, west, north, east (bounding box), key."""
    t = _pick(_old_all(), "province", province, "province")
    return _pick(t, "district", district, "district").reset_index(drop=True)


def new_units(province: str | None = None) -> pd.DataFrame:
    """The official units from 1/7/2025 (34 provinces), of `province` when given. Columns: code,
    name, short, type, province, province_short, province_code, lat, lon, area_km2, key."""
    return _pick(_new_all(), "province", province, "province").reset_index(drop=True)


@functools.lru_cache(maxsize=1)
def _mapping() -> pd.DataFrame:
    """(old key, new key, default) for every old unit of the 2025 mapping."""
    from importlib import resources
    _database()
    data = json.loads(resources.files(PACKAGE).joinpath("data/converter_2025.json").read_text("utf-8"))
    rows = []
    for new_province, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, olds in wards.items():
            rows += [(old, f"{new_province}_{new_ward}", True, False) for old in olds]
    for new_province, olds in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in olds.items():
            rows += [(old, f"{new_province}_{n['newWardKey']}", bool(n["isDefaultNewWard"]), True) for n in news]
    return pd.DataFrame(rows, columns=["old_key", "new_key", "default", "divided"])


def crosswalk_2025(province: str, district: str | None = None) -> pd.DataFrame:
    """The 2025 crosswalk of every old unit of `province` (and `district`) in the format of
    crosswalk.csv, one row per old unit and successor, in code order. Columns: old_commune_id,
    old_commune, new_commune_id, new_commune, new_type (xã, phường, đặc khu), new_province,
    new_province_id, effective (2025-07-01), default ('x' on the successor the source marks as
    default when the old unit was divided, else ''), note."""
    old = old_units(province, district)
    m = _mapping().merge(old[["key", "code", "short", "type"]], left_on="old_key", right_on="key")
    new = _new_all().rename(columns=lambda c: f"new_{c}")
    m = m.merge(new, on="new_key", how="left")
    missing = old[~old["key"].isin(m["old_key"])]
    m = pd.concat([m, missing[["key", "code", "short", "type"]].assign(old_key=missing["key"], default=True,
                                                                          divided=False)], ignore_index=True)
    m["_order"] = m["code"].astype(int)
    m = m.sort_values(["_order", "default"], ascending=[True, False], kind="stable")
    n_successors = m.groupby("code")["new_key"].transform("count")
    old_name = [s if t == "Xã" else f"{t} {s}" for s, t in zip(m["short"], m["type"])]
    note = []
    for code, short, kind, new_code, new_short, new_kind, n, default in zip(
            m["code"], m["short"], m["type"].str.lower(), m["new_code"], m["new_short"],
            m["new_type"].fillna("").str.lower(), n_successors, m["default"]):
        if pd.isna(new_code):
            note.append("không có trong bảng đối chiếu 2025 của nguồn")
        elif n > 1:
            note.append(f"{kind} cũ {short} được chia cho {n} đơn vị mới"
                        + (f"; {new_kind} mới {new_short} là đơn vị mặc định theo nguồn" if default else ""))
        elif code == new_code:
            note.append(f"mã {code} của {kind} cũ {short} được dùng lại cho {new_kind} mới {new_short}")
        elif short == new_short:
            note.append(f"{new_kind} mới {new_short} mang tên {kind} cũ {short} nhưng mã {new_code}")
        else:
            note.append("")
    out = pd.DataFrame({
        "old_commune_id": m["code"], "old_commune": old_name,
        "new_commune_id": m["new_code"].fillna(""), "new_commune": m["new_short"].fillna(""),
        "new_type": m["new_type"].fillna("").str.lower(), "new_province": m["new_province_short"].fillna(""),
        "new_province_id": m["new_province_code"].fillna(""), "effective": EFFECTIVE_2025,
        "default": ["x" if n > 1 and d else "" for n, d in zip(n_successors, m["default"])], "note": note,
    })
    return out[CROSSWALK_OUT].reset_index(drop=True)


def coordinates(codes) -> pd.DataFrame:
    """Official latitude, longitude and bounding box of the old units `codes`, and of new units written
    as keys ('13573@2025-07-01') (index: code; codes the list lacks are left out). Columns: lat, lon,
    south, west, north, east. Reads only those rows unless the whole list is already loaded (a report
    needs a few dozen of 10,035)."""
    codes = [str(c).strip() for c in codes]
    new = _new_coordinates(codes)
    cols = ["lat", "lon", "south", "west", "north", "east"]
    if _old_all.cache_info().currsize:
        t = _old_all().drop_duplicates("code").set_index("code")
    else:
        digits = sorted({c for c in codes if c.isdigit()})  # GSO codes are digits: nothing else reaches the query
        if not digits:
            return new
        d = _query("SELECT wardCode, wardLat, wardLon, wardBounds FROM admin_units_legacy WHERE wardCode IN ("
                   + ",".join(f"'{c}'" for c in digits) + ")")
        if d.empty:
            return new
        t = pd.concat([pd.DataFrame({"code": d["wardCode"].astype(str), "lat": d["wardLat"].astype(float),
                                     "lon": d["wardLon"].astype(float)}), _bounds(d["wardBounds"])], axis=1)
        t = t.drop_duplicates("code").set_index("code")
    out = t.loc[[c for c in dict.fromkeys(codes) if c in t.index], cols]
    return pd.concat([out, new]) if len(new) else out


def _new_coordinates(keys: list[str]) -> pd.DataFrame:
    """Latitude and longitude of the new units written as keys ('13573@2025-07-01', index: the key);
    the list has no bounding box for them, so the box is the point."""
    code_of = {k: k.split("@", 1)[0] for k in dict.fromkeys(keys) if "@" in k and k.split("@", 1)[0].isdigit()}
    if not code_of:
        return pd.DataFrame(columns=["lat", "lon", "south", "west", "north", "east"])
    d = _query("SELECT wardCode, wardLat, wardLon FROM admin_units WHERE wardCode IN ("
               + ",".join(f"'{c}'" for c in sorted(set(code_of.values()))) + ")")
    at = {str(c): (float(a), float(b)) for c, a, b in zip(d["wardCode"], d["wardLat"], d["wardLon"])}
    rows = {k: at[c] for k, c in code_of.items() if c in at}
    return pd.DataFrame([[a, b, a, b, a, b] for a, b in rows.values()], index=pd.Index(list(rows), name="code"),
                        columns=["lat", "lon", "south", "west", "north", "east"])


def official_short(row) -> str:
    """The name of an official unit as communes.csv writes it: 'Hợp Lý' for a xã, 'Thị trấn Vĩnh Trụ',
    'Phường Lam Hạ' for the others."""
    return row["short"] if str(row["type"]).lower() == "xã" else f"{row['type']} {row['short']}"


@functools.lru_cache(maxsize=2)
def _province_names(table: str) -> tuple:
    return tuple(r["provinceShort"] for r in _database().query(f"SELECT DISTINCT provinceShort FROM {table}"))


@functools.lru_cache(maxsize=128)
def _province_codes(province: str) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Official units of `province` (old, new: codes are reused, so each is indexed by code apart),
    or None when the list has no such province. Reads only that province's rows (the whole list is
    read only when something else needs it)."""
    want = fold_name(_strip_type(province))
    found, out = False, []
    for table in ("admin_units_legacy", "admin_units"):
        frames = []
        for name in (n for n in _province_names(table) if n and fold_name(n) == want):
            quoted = name.replace("'", "''")  # a name read from the list itself
            frames.append(_query(f"SELECT wardCode AS code, ward AS name, wardShort AS short, wardType AS type "
                                 f"FROM {table} WHERE provinceShort = '{quoted}' AND wardCode IS NOT NULL"))
        found = found or bool(frames)
        rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["code", "name", "short",
                                                                                        "type"])
        rows["code"] = rows["code"].astype(str)
        out.append(rows.drop_duplicates("code").set_index("code"))
    return tuple(out) if found else None


def code_problems(communes: pd.DataFrame, file: str = "communes.csv", locate=None) -> list[Problem]:
    """Communes whose code is not an official code of their province, or whose name differs from the
    official name of that code (the official name suggested), as problems located at their row.

    `communes` is communes.csv as loaded (commune_id, commune, province, place); `locate(place,
    column)` gives the row and column as the user sees them. Raises DataError when the list is missing."""
    _database()
    locate = locate or (lambda place, column: (place_word(place), column))
    out = []
    by_province = {p: _province_codes(p) for p in communes["province"].unique() if p}
    unknown, found = set(), []
    for place, cid, name, province in zip(communes["place"], communes["commune_id"], communes["commune"],
                                          communes["province"]):
        official = by_province.get(province)
        if official is None:  # one warning per province (a test or made-up dataset: its codes are not checked)
            if province not in unknown:
                unknown.add(province)
                n = int((communes["province"] == province).sum())
                out.append(Problem(file, error_text("province_not_official", province=province, n=n),
                                   *locate(place, "province")))
            continue
        keyed = "@" in str(cid)  # a new unit's key, '13573@2025-07-01': its official code, in the new list first
        cid = str(cid).split("@", 1)[0]
        official = next((t for t in (official[::-1] if keyed else official) if cid in t.index), official[0])
        if cid not in official.index:
            found.append((error_text("kind_code_not_official"), Problem(
                file, error_text("code_not_official", code=cid, name=name, province=province),
                *locate(place, "commune_id"))))
            continue
        row = {column: official.at[cid, column] for column in ("short", "name", "type")}
        given = " ".join(str(name).split())
        if given not in (row["short"], row["name"], official_short(row)):
            found.append((error_text("kind_name_not_official"), Problem(
                file, error_text("name_not_official", name=name, code=cid, official=official_short(row)),
                *locate(place, "commune"))))
    counts: dict[str, int] = {}
    for kind, problem in found:  # in the order of the rows, at most MAX_LISTED of a kind
        counts[kind] = counts.get(kind, 0) + 1
        if counts[kind] <= MAX_LISTED:
            out.append(problem)
    out += [Problem(file, error_text("more_communes_warned", n=n - MAX_LISTED, kind=kind))
            for kind, n in counts.items() if n > MAX_LISTED]
    return out

"""crosswalk.csv: which old communes became which new commune, and when (read and checked when a
dataset is loaded; ntmlib.analysis.reorg carries results across it). The format is described in
ntmlib.analysis.reorg."""
from __future__ import annotations

import pandas as pd

from ..base.values import YES_WORDS, fold
from ..text import error_text
from .checks import flagged
from .model import Dataset
from .readers.places import place_word
from .resolve import commune_problem_text, fold_name, resolve_communes

CROSSWALK_FILE = "crosswalk.csv"
CROSSWALK_COLUMNS = ["old_commune_id", "new_commune_id", "new_commune", "new_province", "effective"]
CROSSWALK_OPTIONAL = ["old_commune", "new_type", "new_province_id", "default", "note"]
UNIT_TYPES = ("xã", "phường", "thị trấn", "đặc khu")


def check_crosswalk(ds: Dataset, out) -> None:
    """Check ds.crosswalk in place (called by load_dataset): old communes exist, dates parse,
    one new commune per old commune and date, one name and province per new unit. Problems go
    to `out` (dataset.Collector) with the row and column; the table gets a `key` column."""
    cw = ds.crosswalk
    if cw.empty:
        return
    for col in CROSSWALK_OPTIONAL:
        if col not in cw.columns:
            cw[col] = ""
    communes_file = ds.file_name("communes")
    refs = cw["old_commune_id"].astype(object)
    ids = resolve_communes(refs, ds.communes)
    unknown = (ids == "").to_numpy()
    for place, ref in flagged(unknown, cw["place"], refs):
        out.add("crosswalk", "commune", place, "old_commune_id", commune_problem_text(ref, ds.communes, communes_file))
    cw["old_commune_id"] = ids.where(~unknown, refs)
    names = cw["old_commune_id"].map(commune_names(ds)).fillna("")
    wrong_name = ~unknown & (cw["old_commune"] != "") & (cw["old_commune"].map(fold_name) != names.map(fold_name))
    for place, given, cid, name in flagged(wrong_name, cw["place"], cw["old_commune"], cw["old_commune_id"], names):
        out.add("crosswalk", "name", place, "old_commune", error_text("name_not_code", given=given, code=cid,
                                                                         name=name, file=communes_file))
    for col in ("new_commune_id", "new_commune", "new_province"):
        for place, in flagged(cw[col] == "", cw["place"]):
            out.add("crosswalk", "empty", place, col, error_text("missing_what", what=error_text(f"word_{col}")))
    bad_type = ~cw["new_type"].str.lower().isin(("", *UNIT_TYPES))
    for place, t in flagged(bad_type, cw["place"], cw["new_type"]):
        out.add("crosswalk", "type", place, "new_type",
                error_text("bad_unit_type", type=t, types=", ".join(UNIT_TYPES)))
    dates = pd.to_datetime(cw["effective"], format="%Y-%m-%d", errors="coerce")
    bad_date = dates.isna().to_numpy()
    for place, d in flagged(bad_date, cw["place"], cw["effective"]):
        out.add("crosswalk", "date", place, "effective",
                error_text("no_effective_date") if d == "" else error_text("bad_effective_date", date=d))
    cw["effective"] = dates.dt.strftime("%Y-%m-%d").where(~bad_date, cw["effective"])
    cw["key"] = cw["new_commune_id"] + "@" + cw["effective"]
    ok = cw[~unknown & ~bad_date]
    # an old commune divided between several new ones: one row per successor, one of them marked `default`
    cw["default"] = cw["default"].str.strip().map(fold).isin(YES_WORDS)
    ok = ok.assign(default=cw["default"])
    every = ok
    if ok["default"].any():
        n_default = ok.groupby(["old_commune_id", "effective"])["default"].transform("sum")
        ok = ok[(n_default == 0) | ok["default"]]  # the rows that must be one per old commune and date
    repeated = ok.duplicated(["old_commune_id", "effective"])
    if repeated.any():
        first = ok[~repeated]
        earlier = ok[repeated].merge(first[["old_commune_id", "effective", "place", "new_commune"]],
                                     on=["old_commune_id", "effective"], suffixes=("", "_first"))
        for r in earlier.itertuples():
            out.add("crosswalk", "twice", r.place, "new_commune_id",
                    error_text("commune_twice", old=r.old_commune_id, new=r.new_commune_first, date=r.effective,
                               place=place_word(r.place_first)))
    ok = every[every["new_commune_id"] != ""]
    unit = ok.drop_duplicates("key").set_index("key")
    for col in ("new_commune", "new_province", "new_type"):
        differs = (ok[col] != ok["key"].map(unit[col])).to_numpy()
        for r in ok[differs].itertuples() if differs.any() else ():
            out.add("crosswalk", f"unit-{col}", r.place, col,
                    error_text("unit_differs", unit=r.key, what=error_text(f"word_unit_{col}"),
                               before=unit.at[r.key, col], place=place_word(unit.at[r.key, 'place']),
                               here=getattr(r, col)))


def commune_names(ds: Dataset) -> pd.Series:
    """Commune name by id (the first row of an id written twice, which communes.csv checks report)."""
    return ds.communes.drop_duplicates("commune_id").set_index("commune_id")["commune"]

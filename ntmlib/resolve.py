"""What a user typed, turned into what the data holds: a commune by code or name, a district or
province by name. Names match in any case, with or without diacritics and with or without the
words 'Xã', 'Thị trấn', 'Huyện', 'Tỉnh'; a near miss gets a 'có phải …?' suggestion."""
from __future__ import annotations

import difflib

import numpy as np
import pandas as pd

from .errors import DataError, Problem
from .values import fold, normalise_text

NAME_PREFIXES = ("xa ", "thi tran ", "tt ", "tt. ", "phuong ")


def fold_name(name: str) -> str:
    """A commune name for matching: no case, no diacritics, without 'Xã' / 'Thị trấn' ('Xã Nhân Bình' -> 'nhan binh')."""
    n = fold(name)
    for prefix in NAME_PREFIXES:
        if n.startswith(prefix):
            return n[len(prefix):].strip()
    return n


def _exact_name(name: str) -> str:
    n = normalise_text(name).lower()
    for prefix in ("xã ", "thị trấn ", "phường "):
        n = n.removeprefix(prefix)
    return n


def resolve_communes(refs: pd.Series, communes: pd.DataFrame) -> pd.Series:
    """Commune ids for references written as ids or names ('' where none or several match).

    Ids match exactly; names match in any case, with or without 'Xã' / 'Thị trấn', first with
    their diacritics, then (when that leaves exactly one commune) without them.
    """
    if not isinstance(refs.dtype, pd.CategoricalDtype):
        refs = refs.astype(object).fillna("")
    codes, uniques = pd.factorize(refs)
    id_set = set(communes["commune_id"])
    exact: dict[str, list[str]] = {}
    loose: dict[str, list[str]] = {}
    out = []
    for ref in uniques:
        ref = normalise_text(ref)
        if ref in id_set or ref == "":  # an id, or nothing
            out.append(ref)
            continue
        if not exact:  # names are looked at only when a reference is not an id
            for cid, name in zip(communes["commune_id"], communes["commune"]):
                exact.setdefault(_exact_name(name), []).append(cid)
                loose.setdefault(fold_name(name), []).append(cid)
        hit = exact.get(_exact_name(ref)) or loose.get(fold_name(ref)) or []
        out.append(hit[0] if len(hit) == 1 else "")
    out.append("")
    mapped = np.array(out, dtype=object)[np.where(codes < 0, len(out) - 1, codes)]
    return pd.Series(mapped, index=refs.index, dtype=object)


def commune_problem_text(ref: str, communes: pd.DataFrame, file: str) -> str:
    if ref == "":
        return "thiếu mã xã"
    names = list(communes["commune"])
    hits = [cid for cid, n in zip(communes["commune_id"], names) if fold_name(n) == fold_name(ref)]
    if len(hits) > 1:
        return f"tên xã '{ref}' trùng với nhiều xã ({', '.join(hits)}): dùng mã xã"
    looks_like_id = " " not in ref and (ref.isdigit() or len(ref) <= max((len(i) for i in communes["commune_id"]),
                                                                         default=0))
    what = "mã xã" if looks_like_id else "xã"
    folded = {fold_name(n): n for n in names}
    hint = difflib.get_close_matches(fold_name(ref), list(folded), n=1, cutoff=0.75)
    hint_id = difflib.get_close_matches(ref, list(communes["commune_id"]), n=1, cutoff=0.8) if looks_like_id else []
    suggestion = f" (có phải '{folded[hint[0]]}'?)" if hint and not looks_like_id else (
        f" (có phải '{hint_id[0]}'?)" if hint_id and len(ref) > 2 else "")
    return f"{what} '{ref}' không có trong {file}{suggestion}"


AREA_PREFIXES = ("tinh ", "thanh pho ", "tp. ", "tp ", "huyen ", "quan ", "thi xa ")


def area_key(name: str) -> str:
    """A province or district name for matching: no case, no diacritics, without 'Tỉnh' / 'Huyện'."""
    key = fold(name)
    for prefix in AREA_PREFIXES:
        key = key.removeprefix(prefix)
    return key.strip()


def area_communes(communes: pd.DataFrame, province: str | None = None, district: str | None = None,
                  file: str = "communes.csv") -> list[str]:
    """Ids of the communes of one province and/or district (all communes when neither is given).

    Names match without case, diacritics or the words 'Tỉnh', 'Thành phố', 'Huyện', 'Quận';
    a name that matches none raises DataError naming `file` and the names there are."""
    c = communes
    keep = np.ones(len(c), bool)
    for column, name, what in (("province", province, "tỉnh"), ("district", district, "huyện")):
        if not name:
            continue
        here = c[column][keep] if column == "district" else c[column]
        match = here.map(area_key) == area_key(name)
        if not match.any():
            known = sorted(dict.fromkeys(here))
            raise DataError(Problem(file, f"không có {what} '{name}' trong dữ liệu "
                                    f"(có: {', '.join(known[:20])}{', …' if len(known) > 20 else ''})"))
        keep &= c[column].map(area_key).eq(area_key(name)).to_numpy()
    return list(c.loc[keep, "commune_id"])


def district_name(communes: pd.DataFrame, ref: str, file: str = "communes.csv") -> str:
    """The district of communes.csv that `ref` names ('ly nhan', 'Huyện Lý Nhân' -> 'Lý Nhân')."""
    area_communes(communes, district=ref, file=file)  # raises, naming the districts there are
    districts = communes["district"]
    return districts[districts.map(area_key) == area_key(ref)].iloc[0]

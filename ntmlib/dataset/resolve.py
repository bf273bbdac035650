"""What a user typed, turned into what the data holds: one resolver for communes, districts,
provinces and criteria sets, used by the `ntm` command, the notebooks (through ntmlib.present.views and
the Dataset methods) and the Python API.

A thing is named by its code (a commune's id, a set's id) or by its name: names match in any
case, NFC or NFD, with or without diacritics and with or without the word before them ('Xã',
'Thị trấn', 'Huyện', 'Tỉnh', 'Thành phố', …). A name that matches nothing is answered with the
closest names there are ("không có xã 'Nhân Bìn'. Có phải: Nhân Bình, Nhân Thịnh?"), or with a
few of those there are when none is close, as a ParameterError (exit status 2 in `ntm`)."""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from ..base.values import fold, normalise_text
from ..criteria.criteria_set import load_set
from ..errors import DataError, ParameterError, Problem
from ..text import LANGS, error_text, tier_name

NAME_PREFIXES = ("xa ", "thi tran ", "tt ", "tt. ", "phuong ")
AREA_PREFIXES = ("tinh ", "thanh pho ", "tp. ", "tp ", "huyen ", "quan ", "thi xa ")
SET_PREFIXES = ("bo tieu chi ",)
CLOSE = 0.75  # how alike (difflib's ratio of the folded names) a name must be to be suggested
SUGGESTED = 3  # at most this many suggestions
LISTED = 5  # names listed when none is close


def fold_name(name: str) -> str:
    """A commune name for matching: no case, no diacritics, without 'Xã' / 'Thị trấn'
    ('Xã Nhân Bình' -> 'nhan binh')."""
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


def area_key(name: str) -> str:
    """A province or district name for matching: no case, no diacritics, without 'Tỉnh' / 'Huyện'."""
    key = fold(name)
    for prefix in AREA_PREFIXES:
        key = key.removeprefix(prefix)
    return key.strip()


def set_key(name: str) -> str:
    """A criteria set's id or name for matching: no case, no diacritics, without 'Bộ tiêu chí'."""
    key = fold(name)
    for prefix in SET_PREFIXES:
        key = key.removeprefix(prefix)
    return key.strip()


# --------------------------------------------------------------------------- one reference


def suggestions(ref: str, names: Iterable[str], key=fold_name) -> list[str]:
    """The names (at most three, closest first) that `ref` is close to once both are folded by `key`."""
    by_key: dict[str, str] = {}
    for n in names:
        by_key.setdefault(key(n), n)
    return [by_key[k] for k in difflib.get_close_matches(key(ref), list(by_key), n=SUGGESTED, cutoff=CLOSE)]


def unknown_text(what: str, ref: str, names: Iterable[str], key=fold_name, close: Iterable[str] = (),
                 listed: int = LISTED) -> str:
    """"không có xã 'Nhân Bìn'. Có phải: Nhân Bình, Nhân Thịnh?", or when no name is close,
    "không có xã 'X'. Có: Hợp Lý, Nguyên Lý, … (21 xã)" (a message of ERROR_TEXT, "no commune 'X'.
    There are: …" in English). `what` names the kind of thing: "commune", "province", "district" or
    "set" (the words what_commune, what_communes, … of ERROR_TEXT). `close` adds names suggested by
    other means (codes close to a code)."""
    names = list(dict.fromkeys(n for n in names if n))
    near = list(dict.fromkeys([*close, *suggestions(ref, names, key)]))[:SUGGESTED]
    one = error_text(f"what_{what}")
    if near:
        return error_text("unknown_near", what=one, ref=ref, near=", ".join(near))
    if not names:
        return error_text("unknown_no_names", what=one, ref=ref)
    more = (error_text("unknown_more", n=len(names), whats=error_text(f"what_{what}s"))
            if len(names) > listed else "")
    return error_text("unknown_listed", what=one, ref=ref, names=", ".join(names[:listed]), more=more)


def find(ref, entries: Iterable[tuple[str, str]], what: str, file: str, key=fold_name, exact=_exact_name,
         also: Iterable[str] = (), suggest: str = "names") -> str:
    """The code of the entry (code, name) that `ref` names: its code as written, else its name as
    written (`exact`: case and the leading word aside), else its name folded (`key`: diacritics
    aside too), else its code in any case.

    Raises ParameterError naming `file` when `ref` names several entries, or none: then with the
    closest names (suggest="names", with those of `also`) or codes (suggest="codes") there are.
    `what` is the kind of entry, as unknown_text takes it ("commune", "province", "district", "set")."""
    entries = list(entries)
    text = normalise_text(ref)
    names = dict(entries)
    label = lambda c: f"{c} ({names[c]})" if names[c] != c else c  # noqa: E731
    if text in names:
        return text
    for hits in ([c for c, n in entries if exact(n) == exact(text)],
                 [c for c, n in entries if key(n) == key(text)],
                 [c for c in names if fold(c) == fold(text)]):
        hits = old_first(list(dict.fromkeys(hits)))
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise ParameterError(Problem(file, error_text("many_matches", ref=text, whats=error_text(f"what_{what}s"),
                                                          hits=", ".join(map(label, hits)))))
    listed = LISTED
    if suggest == "codes":  # a few, all listed
        shown, close, listed = list(names), [], len(names)
    else:
        shown = [n for _, n in entries] + list(also)
        close = [label(c) for c in _close_codes(text, list(names))] if text.isdigit() else []
    raise ParameterError(Problem(file, unknown_text(what, text or str(ref), shown, key, close, listed)))


def old_first(hits: list) -> list:
    """Of several communes with one name, the one that is not a new unit ('13579@2025-07-01'), when there
    is exactly one: a name always means the old commune, a new one of the same name is written by its key."""
    old = [h for h in hits if "@" not in str(h)]
    return old if len(hits) > 1 and len(old) == 1 else hits


def _close_codes(code: str, codes: list[str]) -> list[str]:
    """The codes (at most three) a mistyped numeric code is close to: most alike, then nearest in value."""
    def alike(c: str) -> float:
        return difflib.SequenceMatcher(None, code, c).ratio()

    near = [c for c in codes if c.isdigit() and alike(c) >= 0.8]
    return sorted(near, key=lambda c: (-alike(c), abs(int(c) - int(code))))[:SUGGESTED]


def namesakes(communes: pd.DataFrame, name: str) -> list[str]:
    """Ids of the communes of `communes` whose name is `name` as names are matched (fold_name): an
    old commune and the unit of 2025 formed from it may share one."""
    return [str(c) for c in communes.loc[communes["commune"].map(fold_name) == fold_name(name), "commune_id"]]


def commune_id(communes: pd.DataFrame, ref, file: str = "communes.csv", also: Iterable[str] = ()) -> str:
    """The id of the commune of `communes` written as `ref` (its id, or its name with or without
    'Xã'); ParameterError with the closest names (and those of `also`) when there is none."""
    return find(ref, zip(communes["commune_id"], communes["commune"]), "commune", file, also=also)


def _areas(communes: pd.DataFrame, column: str) -> list[tuple[str, str]]:
    names = [n for n in dict.fromkeys(communes[column]) if isinstance(n, str) and n.strip()]
    return [(n, n) for n in names]


def _exact_area(name: str) -> str:
    return normalise_text(name).lower()


def province_name(communes: pd.DataFrame, ref, file: str = "communes.csv") -> str:
    """The province of communes.csv that `ref` names ('ha nam', 'Tỉnh Hà Nam' -> 'Hà Nam')."""
    return find(ref, _areas(communes, "province"), "province", file, key=area_key, exact=_exact_area)


def district_name(communes: pd.DataFrame, ref, file: str = "communes.csv") -> str:
    """The district of communes.csv that `ref` names ('ly nhan', 'Huyện Lý Nhân' -> 'Lý Nhân')."""
    return find(ref, _areas(communes, "district"), "district", file, key=area_key, exact=_exact_area)


def area_communes(communes: pd.DataFrame, province: str | None = None, district: str | None = None,
                  file: str = "communes.csv") -> list[str]:
    """Ids of the communes of one province and/or district (all communes when neither is given).

    Names are resolved as district_name / province_name resolve them (the district among those of
    the province when both are given); a name that matches none raises ParameterError naming
    `file` and the closest names there are."""
    keep = np.ones(len(communes), bool)
    if province:
        name = province_name(communes, province, file)
        keep &= communes["province"].eq(name).to_numpy()
    if district:
        name = district_name(communes[keep], district, file)
        keep &= communes["district"].eq(name).to_numpy()
    return list(communes.loc[keep, "commune_id"])


def set_id(ref, sets: Mapping[str, str], file: str = error_text("set_given"),
           tiers: Mapping[str, str] | None = None) -> str:
    """The id of the criteria set `ref` names among `sets` (id -> name): its id in any case, or
    its name with or without diacritics or 'Bộ tiêu chí', or, given `tiers` (id -> tier), the
    tier of one set only ('nang-cao', 'NTM nâng cao', 'nâng cao', 'advanced NTM');
    ParameterError with the closest ids when there is none."""
    try:
        return find(ref, [(i, n or i) for i, n in sets.items()], "set", file, key=set_key, exact=_exact_area,
                    suggest="codes")
    except ParameterError:
        key = set_key(normalise_text(ref))
        by_tier = [i for i, t in (tiers or {}).items()
                   if key in {set_key(t), set_key(t.replace("-", " ")),
                              *(set_key(tier_name(t, lang)) for lang in LANGS)}]
        if len(by_tier) == 1:
            return by_tier[0]
        raise


def set_id_among(ref: str, ids: Iterable[str], search: Iterable = ()) -> str:
    """The id of the set `ref` names among the sets `ids` (as set_id resolves it, each set loaded,
    from the folders `search` first, for its name and tier), or `ref` itself: one of `ids`, a set's
    .yaml file, or any reference when there are no sets to name (a year without data: the caller
    says why)."""
    ids = list(dict.fromkeys(ids))
    if not ids or ref in ids or (Path(ref).suffix in (".yaml", ".yml") and Path(ref).exists()):
        return ref
    names, tiers = {}, {}
    for i in ids:
        try:
            s = load_set(i, search)
            names[i], tiers[i] = s.name, s.tier
        except DataError:  # a file that is not a valid set is still known by its id
            names[i] = i
    return set_id(ref, names, tiers=tiers)


# --------------------------------------------------------------------------- many references (the data files)


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
        hit = old_first(exact.get(_exact_name(ref)) or loose.get(fold_name(ref)) or [])
        out.append(hit[0] if len(hit) == 1 else "")
    out.append("")
    mapped = np.array(out, dtype=object)[np.where(codes < 0, len(out) - 1, codes)]
    return pd.Series(mapped, index=refs.index, dtype=object)


def commune_problem_text(ref: str, communes: pd.DataFrame, file: str) -> str:
    """Why a commune reference of a data file (observations, crosswalk) names no commune."""
    if ref == "":
        return error_text("no_commune_id")
    names = list(communes["commune"])
    hits = [cid for cid, n in zip(communes["commune_id"], names) if fold_name(n) == fold_name(ref)]
    if len(hits) > 1:
        return error_text("commune_name_many", ref=ref, hits=", ".join(hits))
    looks_like_id = " " not in ref and (ref.isdigit() or len(ref) <= max((len(i) for i in communes["commune_id"]),
                                                                         default=0))
    what = error_text("what_commune_id" if looks_like_id else "what_commune")
    folded = {fold_name(n): n for n in names}
    hint = difflib.get_close_matches(fold_name(ref), list(folded), n=1, cutoff=0.75)
    hint_id = difflib.get_close_matches(ref, list(communes["commune_id"]), n=1, cutoff=0.8) if looks_like_id else []
    suggestion = error_text("did_you_mean", hint=folded[hint[0]]) if hint and not looks_like_id else (
        error_text("did_you_mean", hint=hint_id[0]) if hint_id and len(ref) > 2 else "")
    return error_text("commune_not_in", what=what, ref=ref, file=file, hint=suggestion)

#!/usr/bin/env python3
"""Write observations.csv of the Lý Nhân sample dataset from spec.yaml.

    python make_observations.py              # writes ./observations.csv next to this script
    python make_observations.py --out PATH   # writes PATH instead

The VALUES written are illustrative, not official records: for every commune and year,
spec.yaml gives the target counts (criteria met / indicators met) per criteria set and the
indicators that must fail; this script chooses the other failing indicators (weighted by the
spec's profiles, fixed seed) and then a value on the right side of every threshold, so that
ntmlib's scores equal the targets exactly. It checks that before writing, and stops with a
message (exit status 1, nothing written) when the spec cannot be met consistently, e.g. when a
measure shared by two sets would have to pass one set's threshold and fail a lower or equal one.

Quantities that more than one set tests (same `measure`) are written once, as measure rows
(set empty, indicator = measure id), so one value serves NTM, nâng cao and kiểu mẫu alike;
the rest are set-qualified rows (set id, indicator code).

Deterministic: standard library + pandas + yaml + ntmlib, fixed seed, no network; two runs
give byte-identical files.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import random
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path

import yaml

import ntmlib

HERE = Path(__file__).resolve().parent
COLUMNS = ["commune_id", "year", "set", "indicator", "value", "source"]
SIDES = ("ntm", "nc", "km")
SIDE_NAMES = {"ntm": "NTM", "nc": "nâng cao", "km": "kiểu mẫu"}
NUMERIC = (">=", "<=")
MAX_ATTEMPTS = 20000


class SpecError(Exception):
    """The spec cannot be met with consistent data."""


# --------------------------------------------------------------------------- criteria sets


class Catalogue:
    """The three criteria sets, indexed for the solver: codes, criteria, measures, thresholds."""

    def __init__(self, spec: dict):
        self.region = spec["region"]
        self.set_ids = {side: spec["sets"][side] for side in SIDES}
        self.sets = {side: ntmlib.load_set(sid) for side, sid in self.set_ids.items()}
        self.ind = {side: {i.code: i for i in s.indicators} for side, s in self.sets.items()}
        self.codes = {side: [i.code for i in s.indicators] for side, s in self.sets.items()}
        self.crit = {side: {i.code: i.criterion for i in s.indicators} for side, s in self.sets.items()}
        self.crit_order = {side: [c.code for c in s.criteria] for side, s in self.sets.items()}
        self.n_crit = {side: s.criteria_total for side, s in self.sets.items()}
        self.n_ind = {side: s.indicators_total for side, s in self.sets.items()}
        self.users: dict[str, dict[str, str]] = {}  # measure -> side -> code
        for side in SIDES:
            for i in self.sets[side].indicators:
                if not i.measure:
                    continue
                if side in self.users.setdefault(i.measure, {}):
                    raise SpecError(f"measure {i.measure} appears twice in {self.set_ids[side]}")
                self.users[i.measure][side] = i.code
        self.shared = {m for m, u in self.users.items() if len(u) >= 2}
        self.implies = {str(k): str(v) for k, v in (spec.get("implies") or {}).items()}
        for i, j in self.implies.items():
            if i not in self.ind["ntm"] or j not in self.ind["nc"]:
                raise SpecError(f"implies: unknown indicator NTM {i} or nâng cao {j}")
            if self.ind["ntm"][i].measure == self.ind["nc"][j].measure:
                raise SpecError(f"implies: NTM {i} and nâng cao {j} already share a measure")
        self._thr: dict = {}

    def thr(self, side: str, code: str, year: int) -> float | None:
        key = (side, code, year)
        if key not in self._thr:
            t = self.ind[side][code].threshold
            self._thr[key] = None if t is None else t.lookup(region=self.region, year=year)[0]
        return self._thr[key]

    def resolve(self, side: str, token) -> str:
        """Indicator code of `side` named by code or by measure id."""
        token = str(token)
        if token in self.ind[side]:
            return token
        if token in self.users and side in self.users[token]:
            return self.users[token][side]
        raise SpecError(f"no indicator or measure '{token}' in {self.set_ids[side]}")

    def links(self, year: int) -> tuple[dict, dict]:
        """NTM code -> (nâng cao code, kind) and back. kind 'locked': one value decides both
        (yes/no, or the same threshold), so they pass or fail together; 'graded': the nâng cao
        requirement is stricter, so it can fail alone but not pass while the NTM one fails."""
        fwd: dict[str, tuple[str, str]] = {}
        for m in sorted(self.shared):
            u = self.users[m]
            if "ntm" in u and "nc" in u:
                i, j = u["ntm"], u["nc"]
                fwd[i] = (j, "graded" if self._stricter(i, j, year) else "locked")
        for i, j in self.implies.items():
            if i in fwd:
                raise SpecError(f"implies: NTM {i} is already linked to nâng cao {fwd[i][0]}")
            fwd[i] = (j, "graded")
        back = {j: (i, kind) for i, (j, kind) in fwd.items()}
        return fwd, back

    def _stricter(self, i: str, j: str, year: int) -> bool:
        a, b = self.ind["ntm"][i], self.ind["nc"][j]
        if a.rule != b.rule or a.rule not in NUMERIC:
            return False
        ta, tb = self.thr("ntm", i, year), self.thr("nc", j, year)
        if ta is None or tb is None:
            raise SpecError(f"no {self.region} threshold for {year}: NTM {i} / nâng cao {j}")
        return tb > ta if a.rule == ">=" else tb < ta


# --------------------------------------------------------------------------- choosing failures


def _counts(text: str) -> tuple[int, int]:
    crit, ind = str(text).split("/")
    return int(crit), int(ind)


def _pick(rng: random.Random, items: list, weights: list) -> object:
    r = rng.random() * sum(weights)
    acc = 0.0
    for item, w in zip(items, weights):
        acc += w
        if r < acc:
            return item
    return items[-1]


def _sample(rng: random.Random, items: list, weights: list, k: int) -> list:
    items, weights, out = list(items), list(weights), []
    for _ in range(k):
        item = _pick(rng, items, weights)
        n = items.index(item)
        out.append(item)
        del items[n], weights[n]
    return out


class Solver:
    """Chooses the failing indicators of one commune and year."""

    def __init__(self, cat: Catalogue, spec: dict):
        self.cat = cat
        self.spec = spec
        self.seed = spec["seed"]
        self.profiles = spec["profiles"]
        self.ind_weights = {side: {str(k): float(v) for k, v in (spec["indicator_weights"].get(side) or {}).items()}
                            for side in ("ntm", "nc")}

    def solve(self, cid: str, name: str, year: int, entry: dict, profile: str, forbid: dict,
              require: dict | None = None, pool: dict | None = None) -> dict[str, list[str]]:
        cat = self.cat
        label = f"{name} ({cid}) {year}"
        fwd, back = cat.links(year)
        target = {side: _counts(entry[side]) for side in ("ntm", "nc")}
        k = {s: cat.n_crit[s] - target[s][0] for s in target}  # criteria to fail
        f = {s: cat.n_ind[s] - target[s][1] for s in target}  # indicators to fail
        for s in target:
            if not (0 <= k[s] <= f[s] <= cat.n_ind[s]) or (k[s] == 0) != (f[s] == 0):
                raise SpecError(f"{label}: {SIDE_NAMES[s]} target {entry[s]} is impossible")
        req = {s: {cat.resolve(s, t) for t in (entry.get("fail") or {}).get(s, [])} for s in ("ntm", "nc")}
        why: dict[tuple[str, str], str] = {}
        for s in ("ntm", "nc"):
            req[s] |= set((require or {}).get(s, []))
        # closure: an NTM failure fails its nâng cao counterpart; a locked nâng cao failure fails NTM
        while True:
            add_c = {fwd[i][0]: i for i in req["ntm"] if i in fwd and fwd[i][0] not in req["nc"]}
            add_n = {back[j][0]: j for j in req["nc"]
                     if j in back and back[j][1] == "locked" and back[j][0] not in req["ntm"]}
            if not add_c and not add_n:
                break
            for j, i in add_c.items():
                req["nc"].add(j)
                why[("nc", j)] = f"NTM {i} fails and nâng cao {j} is stricter"
            for i, j in add_n.items():
                req["ntm"].add(i)
                m = cat.ind["ntm"][i].measure
                why[("ntm", i)] = (f"nâng cao {j} must fail and measure {m} serves NTM {i} with the same "
                                   f"requirement ({cat.ind['ntm'][i].rule}), so it cannot fail in nâng cao only")
        for s in ("ntm", "nc"):
            bad = sorted(req[s] & forbid[s], key=cat.codes[s].index)
            if bad:
                raise SpecError(f"{label}: {SIDE_NAMES[s]} {', '.join(bad)} must fail and must pass")
            crits = {cat.crit[s][c] for c in req[s]}
            if len(req[s]) > f[s] or len(crits) > k[s]:
                detail = "; ".join(f"{c}: {why.get((s, c), 'required by the spec')}"
                                   for c in sorted(req[s], key=cat.codes[s].index))
                raise SpecError(f"{label}: {SIDE_NAMES[s]} target {entry[s]} allows {f[s]} failed indicators in "
                                f"{k[s]} criteria, but these must fail: {detail}")
        rng = random.Random(f"{self.seed}|solve|{cid}|{year}")
        for _ in range(MAX_ATTEMPTS):
            got = self._attempt(rng, profile, k, f, req, forbid, pool, fwd, back)
            if got:
                return {s: sorted(v, key=cat.codes[s].index) for s, v in got.items()}
        raise SpecError(f"{label}: found no set of failing indicators giving NTM {entry['ntm']} and "
                        f"nâng cao {entry['nc']} (required: {sorted(req['ntm'])} / {sorted(req['nc'])})")

    def _weights(self, side: str, profile: str, pool) -> tuple:
        if pool is not None:
            return (lambda crit: 1.0), (lambda code: 1.0)
        cw = {str(a): float(b) for a, b in (self.profiles[profile].get(side) or {}).items()}
        iw = self.ind_weights[side]
        return (lambda crit: cw.get(crit, 0.0)), (lambda code: iw.get(code, 1.0))

    def _fill(self, rng, side, profile, fail: set, k: int, f: int, eligible: list, pool) -> bool:
        """Add failures to `fail` (in place) up to k criteria and f indicators; False if impossible."""
        cat = self.cat
        crit_w, ind_w = self._weights(side, profile, pool)
        eligible = [c for c in eligible if crit_w(cat.crit[side][c]) * ind_w(c) > 0]
        have = {cat.crit[side][c] for c in fail}
        need = k - len(have)
        if need < 0:
            return False
        cand = [cr for cr in cat.crit_order[side]
                if cr not in have and any(cat.crit[side][c] == cr for c in eligible)]
        if len(cand) < need:
            return False
        for cr in _sample(rng, cand, [crit_w(cr) for cr in cand], need):
            opts = [c for c in eligible if cat.crit[side][c] == cr]
            fail.add(_pick(rng, opts, [ind_w(c) for c in opts]))
        have = {cat.crit[side][c] for c in fail}
        extra = f - len(fail)
        opts = [c for c in eligible if c not in fail and cat.crit[side][c] in have]
        if extra < 0 or len(opts) < extra:
            return False
        fail.update(_sample(rng, opts, [ind_w(c) for c in opts], extra))
        return True

    def _attempt(self, rng, profile, k, f, req, forbid, pool, fwd, back):
        cat = self.cat
        pool_n = None if pool is None else pool["ntm"]
        pool_c = None if pool is None else pool["nc"]
        fail_n = set(req["ntm"])
        elig_n = [c for c in cat.codes["ntm"] if c not in fail_n and c not in forbid["ntm"]
                  and (pool_n is None or c in pool_n) and not (c in fwd and fwd[c][0] in forbid["nc"])]
        if not self._fill(rng, "ntm", profile, fail_n, k["ntm"], f["ntm"], elig_n, pool):
            return None
        fail_c = set(req["nc"]) | {fwd[c][0] for c in fail_n if c in fwd}
        if fail_c & forbid["nc"]:
            return None
        if len(fail_c) > f["nc"] or len({cat.crit["nc"][c] for c in fail_c}) > k["nc"]:
            return None
        elig_c = [c for c in cat.codes["nc"] if c not in fail_c and c not in forbid["nc"]
                  and (pool_c is None or c in pool_c) and not (c in back and back[c][1] == "locked")]
        if not self._fill(rng, "nc", profile, fail_c, k["nc"], f["nc"], elig_c, pool):
            return None
        return {"ntm": fail_n, "nc": fail_c}


# --------------------------------------------------------------------------- values


def _fmt(v: float, decimals: int) -> str:
    s = f"{v:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    return s.replace(".", ",")


class Values:
    """Chooses the written value of each item from the pass/fail status it must have in each set."""

    def __init__(self, cat: Catalogue, spec: dict):
        self.cat = cat
        self.seed = spec["seed"]
        v = dict(spec["values"])
        self.verdict_share = float(v.pop("verdict_share", 0))
        self.default = v.pop("default")
        self.styles = v
        self.not_above = {str(a): str(b) for a, b in (spec.get("not_above") or {}).items()}

    def style(self, key: str) -> dict:
        return {**self.default, **self.styles.get(key, {})}

    def numeric(self, label: str, key: str, sides: dict, status: dict, year: int, rng: random.Random,
                prev: float | None, ceiling: float | None) -> float:
        """A number meeting exactly the sets whose status is True (status None: unconstrained)."""
        cat = self.cat
        rules = {cat.ind[s][c].rule for s, c in sides.items()}
        rule = rules.pop()
        st = self.style(key)
        d = int(st["decimals"])
        unit = cat.ind[next(iter(sides))][next(iter(sides.values()))].unit
        top = 100.0 if unit == "%" else float("inf")
        known = [(cat.thr(s, c, year), status[s], s, c) for s, c in sides.items() if status.get(s) is not None]
        if any(t is None for t, *_ in known):
            raise SpecError(f"{label}: no threshold for {year}")
        sign = 1 if rule == ">=" else -1  # work in a space where higher is better
        lo = max((sign * t for t, ok, *_ in known if ok), default=None)  # inclusive
        hi = min((sign * t for t, ok, *_ in known if not ok), default=None)  # exclusive
        dmin, dmax = (0.0, top) if sign == 1 else (-top, 0.0)
        if ceiling is not None:
            dmax = min(dmax, ceiling) if sign == 1 else dmax
        if lo is not None and hi is not None and not lo < hi:
            need = ", ".join(f"{SIDE_NAMES[s]} {c} {'met' if ok else 'not met'} ({rule} {_fmt(t, 2)})"
                             for t, ok, s, c in known)
            raise SpecError(f"{label}: one value of {key} cannot be {need}")

        def ok(v: float) -> bool:
            w = sign * v
            return ((lo is None or w >= lo) and (hi is None or w < hi) and dmin <= w <= dmax)

        def draw() -> float:
            if lo is not None and hi is not None:
                w = lo + (hi - lo) * rng.uniform(0.15, 0.8)
            elif lo is not None:
                w = lo + rng.uniform(*st["margin"])
            elif hi is not None:
                w = hi - rng.uniform(*st["gap"])
            else:
                w = rng.uniform(dmin, dmax)
            return min(max(w, dmin), dmax)

        w = None
        if prev is not None:
            cand = round(sign * (sign * prev - rng.uniform(*st["drift"])), d)
            if ok(cand):
                w = sign * cand
        if w is None:
            w = draw()
        v = round(sign * w, d)
        step = 10 ** -d
        for _ in range(50):  # rounding may step over a threshold: nudge back inside
            if ok(v):
                return v
            inside_low = lo is not None and sign * v < lo
            v = round(v + (step if inside_low == (sign == 1) else -step), d)
        raise SpecError(f"{label}: could not place a value of {key} ({lo}, {hi})")

    def verdict(self, cid: str, year: int, key: str) -> bool:
        return random.Random(f"{self.seed}|verdict|{cid}|{year}|{key}").random() < self.verdict_share


# --------------------------------------------------------------------------- the whole dataset


def build(spec: dict, communes_order: list[str]) -> tuple[list[list[str]], dict]:
    cat = Catalogue(spec)
    solver = Solver(cat, spec)
    values = Values(cat, spec)
    km = spec["kieu_mau"]
    km_ids = set(km["communes"])
    income_pass = km.get("income") == "pass"
    km_measures = {m for m, u in cat.users.items() if "km" in u and len(u) >= 2}
    years = sorted(int(y) for y in spec["years"])
    latest = years[-1]
    info = spec["communes"]
    ids = [c for c in communes_order if c in info]
    missing = [c for c in info if c not in communes_order]
    if missing:
        raise SpecError(f"spec communes not in communes.csv: {missing}")

    # 1. failing indicators, latest year first; earlier years follow from it
    fails: dict[tuple[str, int], dict] = {}
    for year in [latest] + [y for y in reversed(years) if y != latest]:
        table = {str(k): v for k, v in spec["years"][year].items()}
        for cid in ids:
            entry = table.get(cid)
            if entry is None:
                raise SpecError(f"{info[cid]['name']} ({cid}): no target for {year}")
            forbid = {"ntm": set(), "nc": set()}
            if cid in km_ids and income_pass:
                for m in km_measures:
                    for s in ("ntm", "nc"):
                        if s in cat.users[m]:
                            forbid[s].add(cat.users[m][s])
            require = pool = None
            if year != latest:
                after = fails[(cid, latest)]
                t_now = {s: _counts(entry[s]) for s in ("ntm", "nc")}
                t_after = {s: _counts(table_latest[cid][s]) for s in ("ntm", "nc")}
                worse = [t_now[s][n] <= t_after[s][n] for s in t_now for n in (0, 1)]
                better = [t_now[s][n] >= t_after[s][n] for s in t_now for n in (0, 1)]
                path = entry.get("path") or ("superset" if all(worse) else "subset" if all(better) else "free")
                if path == "superset":
                    require = after
                elif path == "subset":
                    pool = {s: set(after[s]) for s in after}
            fails[(cid, year)] = solver.solve(cid, info[cid]["name"], year, entry, info[cid]["profile"], forbid,
                                              require, pool)
        if year == latest:
            table_latest = table

    # 2. values: latest year first (earlier years drift from it), written in year order
    numbers: dict[tuple, float] = {}
    rows_by_year: dict[int, list[list[str]]] = {}
    for year in [latest] + [y for y in reversed(years) if y != latest]:
        table = {str(k): v for k, v in spec["years"][year].items()}
        out: list[list[str]] = []
        for cid in ids:
            src = spec["sources"][table[cid]["src"]]
            fail = fails[(cid, year)]
            status_of = {
                "ntm": lambda c: c not in fail["ntm"],
                "nc": lambda c: c not in fail["nc"],
            }
            seen: set[str] = set()
            for side in SIDES:
                for code in cat.codes[side]:
                    m = cat.ind[side][code].measure
                    if m in cat.shared:
                        if m in seen:
                            continue
                        seen.add(m)
                        sides = dict(cat.users[m])
                        set_col, ind_col, key = "", m, m
                    else:
                        if side == "km" and cid not in km_ids:
                            continue
                        sides = {side: code}
                        set_col, ind_col, key = cat.set_ids[side], code, f"{side}:{code}"
                    status = {}
                    for s, c in sides.items():
                        if s == "km":
                            status[s] = True if (cid in km_ids and income_pass) else None
                        else:
                            status[s] = status_of[s](c)
                    label = f"{info[cid]['name']} ({cid}) {year}, {key}"
                    rules = {cat.ind[s][c].rule for s, c in sides.items()}
                    if len(rules) != 1:
                        raise SpecError(f"{label}: the sets test {key} with different rules {sorted(rules)}")
                    rule = rules.pop()
                    if side == "km" and set_col:
                        value = str(km["values"][code])
                    elif rule in ("yes", "absent"):
                        verdicts = {v for v in status.values() if v is not None}
                        if len(verdicts) > 1:
                            need = ", ".join(f"{SIDE_NAMES[s]} {c} {'met' if status[s] else 'not met'}"
                                             for s, c in sides.items() if status[s] is not None)
                            raise SpecError(f"{label}: one yes/no value cannot be {need}")
                        met = verdicts.pop() if verdicts else True
                        value = ("Đạt" if met else "Chưa đạt") if rule == "yes" else ("Không" if met else "Có")
                    else:
                        rng = random.Random(f"{spec['seed']}|value|{cid}|{year}|{key}")
                        prev = numbers.get((cid, latest, key)) if year != latest else None
                        ceiling = None
                        if set_col and side == "nc" and code in values.not_above:
                            ceiling = numbers[(cid, year, f"ntm:{values.not_above[code]}")]
                        num = values.numeric(label, key, sides, status, year, rng, prev, ceiling)
                        numbers[(cid, year, key)] = num
                        value = _fmt(num, int(values.style(key)["decimals"]))
                        if set_col and all(v is not False for v in status.values()) and values.verdict(cid, year, key):
                            value = "Đạt"
                    out.append([cid, str(year), set_col, ind_col, value, src])
        rows_by_year[year] = out
    rows = [r for y in years for r in rows_by_year[y]]
    return rows, fails


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def build_new_communes(spec: dict, rows: list[list[str]]) -> list[list[str]]:
    """Rows of the new communes (spec `new_communes`): one measure row per indicator of the new set,
    derived from the predecessors' values of `from_year` in `rows` (the old communes' rows)."""
    nc = spec["new_communes"]
    year, base = int(nc["year"]), int(nc["from_year"])
    new_set = ntmlib.load_set(nc["set"]).indicator_table()
    code_measure = {}  # (set, code) -> measure, for the old communes' set-qualified rows
    for side in ("ntm", "nc"):
        t = ntmlib.load_set(spec["sets"][side]).indicator_table()
        code_measure.update({(spec["sets"][side], c): m for c, m in zip(t["indicator"], t["measure"])})
    old = {}  # (commune, measure) -> value in the base year, the NTM set's row first
    for cid, y, set_id, indicator, value, _ in rows:
        if int(y) == base:
            measure = indicator if not set_id else code_measure.get((set_id, indicator))
            if measure:
                old.setdefault((cid, measure), value)
    with open(HERE / "crosswalk.csv", encoding="utf-8", newline="") as fh:
        cw = list(csv.DictReader(fh))
    with open(HERE / "communes.csv", encoding="utf-8", newline="") as fh:
        names = {r["commune_id"]: r["commune"] for r in csv.DictReader(fh)}
    out = []
    for key in (k for k in names if "@" in k):
        code, date = key.split("@")
        pre = [r["old_commune_id"] for r in cw if r["new_commune_id"] == code and r["effective"] == date]
        for measure, rule in zip(new_set["measure"], new_set["rule"]):
            chosen = nc["chosen"].get(measure)
            if chosen is not None:
                value = chosen.get(key, chosen["default"])
                out.append([key, str(year), "", measure, value,
                            f"{nc['source']}; chọn minh hoạ: chỉ tiêu của chính xã mới, không suy từ xã tiền thân"])
                continue
            have = [(names[c], old[(c, measure)]) for c in pre if (c, measure) in old]
            if not have:
                raise SpecError(f"{names[key]}: no {base} value of {measure} among the predecessors")
            whose = ", ".join(n for n, _ in have)
            numbers = [(n, _number(v)) for n, v in have if _number(v) is not None]
            if rule in NUMERIC and numbers:  # a predecessor with only the office's verdict ('Đạt') is left out
                value = _fmt(sum(x for _, x in numbers) / len(numbers), 1)
                why = f"trung bình giá trị năm {base} của {', '.join(n for n, _ in numbers)}"
            else:
                unmet = [n for n, v in have if v != "Đạt"]
                value = "Chưa đạt" if unmet else "Đạt"
                why = (f"chưa đạt vì năm {base} {', '.join(unmet)} chưa đạt" if unmet
                       else f"đạt vì năm {base} cả {len(have)} xã tiền thân ({whose}) đạt")
            out.append([key, str(year), "", measure, value, f"{nc['source']}; {why}"])
    return out


def to_csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow([unicodedata.normalize("NFC", x) for x in r])
    return buf.getvalue().encode("utf-8")


def check(data: bytes, spec: dict, fails: dict) -> None:
    """Score the rows with ntmlib in a scratch copy of the dataset; every count and every
    failing indicator must be the planned one."""
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "ds"
        d.mkdir()
        for name in ("communes.csv", "recognitions.csv", "registrations.csv", "crosswalk.csv", "dataset.yaml"):
            if (HERE / name).exists():
                shutil.copy(HERE / name, d / name)
        (d / "observations.csv").write_bytes(data)
        problems = ntmlib.validate(d)
        if problems:
            raise SpecError("ntmlib.validate: " + "; ".join(str(p) for p in problems[:5]))
        years = sorted(int(y) for y in spec["years"])
        card = ntmlib.score(d, year=years)
        ids = {"ntm": spec["sets"]["ntm"], "nc": spec["sets"]["nc"]}
        c = card.communes.set_index(["commune_id", "year", "set"])
        ind = card.indicators
        for year in years:
            for cid, entry in spec["years"][year].items():
                cid = str(cid)
                for s in ("ntm", "nc"):
                    r = c.loc[(cid, year, ids[s])]
                    got = (int(r["criteria_met"]), int(r["indicators_met"]))
                    if got != _counts(entry[s]) or int(r["no_data"]) != 0:
                        raise SpecError(f"check: {cid} {year} {ids[s]} scored {got[0]}/{got[1]} "
                                        f"(no data {r['no_data']}), planned {entry[s]}")
                    sel = ind[(ind["commune_id"] == cid) & (ind["year"] == year) & (ind["set"] == ids[s])]
                    failed = list(sel.loc[sel["met"].eq(False).fillna(False), "indicator"])
                    if failed != fails[(cid, year)][s]:
                        raise SpecError(f"check: {cid} {year} {ids[s]} fails {failed}, planned {fails[(cid, year)][s]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE / "observations.csv", help="file to write")
    ap.add_argument("--spec", type=Path, default=HERE / "spec.yaml", help="spec to read")
    args = ap.parse_args(argv)
    try:
        spec = yaml.safe_load(args.spec.read_text(encoding="utf-8"))
        with open(HERE / "communes.csv", encoding="utf-8", newline="") as fh:
            order = [r["commune_id"] for r in csv.DictReader(fh)]
        rows, fails = build(spec, order)
        rows += build_new_communes(spec, rows)
        data = to_csv(rows)
        check(data, spec, fails)
    except SpecError as e:
        print(f"make_observations: {e}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=args.out.parent, prefix=f".{args.out.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; give it the usual mode
    os.replace(tmp, args.out)
    measure_rows = sum(1 for r in rows if not r[2])
    print(f"{args.out}: {len(rows)} rows ({measure_rows} measure rows, {len(rows) - measure_rows} set-qualified)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

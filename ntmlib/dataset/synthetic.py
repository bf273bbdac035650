"""A synthetic national dataset for measuring speed and checking the scorer at scale.

`make_national` writes about 10,000 communes of the 63 provinces (7 regions), five years,
every measure of every set the dataset uses (the national NTM, nâng cao and kiểu mẫu sets; a
province's own sets for the years of their period, where ntmlib has them: Hà Nam's hanam-*):
numbers near the threshold of the tier a commune holds or prepares for (the strictest of the
sets of that tier and below that test the measure that year, so that nâng cao and kiểu mẫu
thresholds are met by some communes, not only the NTM ones) and improve over the years,
yes/no words (Đạt, Không đạt, có, không), office verdicts and a few percent missing. A commune
reports the nâng-cao-only measures from the year it holds NTM, the kiểu-mẫu-only ones from the
year it holds nâng cao, so a commune-year has about 75 observations; some communes are
recognised at each tier. A measure only one set uses is now and then written with that set's
own code; one several sets use always by measure, so that every set gets it. The same seed
writes the same files.

`make_2026` writes a province (or the 34) on the map of 1 July 2025: the official new units, their
commune groups, values for the 2026–2030 sets, and the old units with the crosswalk between them.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from ..base.values import fold
from ..criteria.criteria_set import available_sets, load_set
from ..errors import ParameterError, Problem
from ..text import TIERS, error_text
from .units import crosswalk_2025, new_units, official_short, old_units

SETS = ("vn-2021-ntm", "vn-2021-nang-cao", "vn-2021-kieu-mau")  # the national sets, in tier order

# The 63 provinces (before the 2025 merger) by the socio-economic region codes the sets use.
PROVINCES = {
    "TDMNPB": ["Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Điện Biên", "Lai Châu", "Sơn La",
               "Yên Bái", "Hoà Bình", "Thái Nguyên", "Lạng Sơn", "Phú Thọ", "Bắc Giang"],
    "DBSH": ["Hà Nội", "Vĩnh Phúc", "Bắc Ninh", "Quảng Ninh", "Hải Dương", "Hải Phòng", "Hưng Yên", "Thái Bình",
             "Hà Nam", "Nam Định", "Ninh Bình"],
    "BTB": ["Thanh Hoá", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế"],
    "DHNTB": ["Đà Nẵng", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hoà", "Ninh Thuận",
              "Bình Thuận"],
    "TN": ["Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng"],
    "DNB": ["Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu", "TP. Hồ Chí Minh"],
    "DBSCL": ["Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang",
              "Cần Thơ", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau"],
}
SYLLABLES = ("An", "Bình", "Hoà", "Phú", "Tân", "Thạnh", "Hưng", "Long", "Phước", "Thành", "Trung", "Đông",
             "Tây", "Nam", "Bắc", "Hiệp", "Hợp", "Nhân", "Nghĩa", "Đức", "Quang", "Minh", "Sơn", "Thuận",
             "Vĩnh", "Xuân", "Mỹ", "Lộc", "Phong", "Thịnh", "Khánh", "Hải", "Lạc", "Định", "Lợi", "Hậu")
MISSING = 0.03  # share of observations left out
INCOMPLETE = 0.15  # share of commune-years with gaps (the missing values are there)
VERDICT = 0.02  # share of numeric observations given as the office's verdict (Đạt / Không đạt)


def make_national(out_dir: str | Path, communes: int = 10_000, years=(2021, 2022, 2023, 2024, 2025),
                  seed: int = 2025, formats=("parquet", "csv"), province: str | None = None,
                  district: str | None = None) -> dict[str, Path]:
    """Write the synthetic national dataset; returns {format: dataset folder}.

    Each format gets its own complete dataset folder under `out_dir` (`parquet/`, `csv/`),
    identical but for the observations file. With `province` (and `district`), the communes are
    the official units of that province before 1/7/2025 (ntmlib.dataset.units: real codes, names,
    districts and coordinates; wards and towns not assessed) and `communes` is ignored; the
    values stay synthetic.
    """
    rng = np.random.default_rng(seed)
    years = [int(y) for y in years]
    communes_df = _official_communes(province, district) if province else _communes(rng, communes)
    frameworks = sets_by_years(communes_df["province"].iloc[0] if province else None, years)
    status = _status(rng, communes_df, years)
    obs = _observations(rng, communes_df, status, frameworks, years)
    recognitions = _recognitions(status)
    place = (f"Huyện {communes_df['district'].iloc[0]}, tỉnh {communes_df['province'].iloc[0]}" if district
             else f"Tỉnh {communes_df['province'].iloc[0]}" if province else "Toàn quốc")
    meta = {
        "name": f"{place} (dữ liệu mô phỏng)",
        "description": (f"{len(communes_df)} xã mô phỏng của 63 tỉnh, thành phố" if not province else
                        f"{len(communes_df)} đơn vị hành chính thật của "
                        f"{'huyện ' + communes_df['district'].iloc[0] + ', ' if district else ''}"
                        f"tỉnh {communes_df['province'].iloc[0]} (mã, tên, tọa độ theo danh mục chính thức), "
                        f"giá trị chỉ tiêu mô phỏng") + f", năm {years[0]}–{years[-1]}, "
                       f"sinh bởi ntmlib.dataset.synthetic (seed {seed}); không phải số liệu thật.",
        "provenance": "ntm synthetic",
        "frameworks": [{"years": [lo, hi], "sets": [s.id for s in sets]} for (lo, hi), sets in frameworks],
    }
    out = Path(out_dir)
    paths = {}
    for fmt in formats:
        d = out / fmt
        d.mkdir(parents=True, exist_ok=True)
        for old in d.glob("observations.*"):
            old.unlink()
        (d / "dataset.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
        communes_df.to_csv(d / "communes.csv", index=False)
        recognitions.to_csv(d / "recognitions.csv", index=False)
        if fmt == "parquet":
            obs.to_parquet(d / "observations.parquet", index=False, compression="zstd")
        elif fmt == "csv":
            obs.to_csv(d / "observations.csv", index=False)
        else:
            raise ValueError(f"format must be parquet or csv, not {fmt!r}")
        paths[fmt] = d
    return paths


def national_cache(folder: str | Path, communes: int = 10_000, seed: int = 2025,
                   formats=("parquet", "csv"), year: int | None = None) -> list[str]:
    """Keep the synthetic national dataset of `communes` and `seed` in `folder` in `formats` at least
    (the benchmarks' cache): made on first use, completed with a format it lacks, made again for
    another size or seed. Its generated.json records what it holds; returns the formats made now.

    With `year` (2026 on), the dataset is that of the 34 provinces (make_2026: all their units, data
    for the year before and `year`) and is kept in its own folder, national_folder(folder, fmt, year),
    so that the benchmarks of both maps share one cache folder without making each other's data again;
    `communes` is then ignored."""
    if year is not None:
        folder = national_folder(folder, None, year)
    folder = Path(folder)
    stamp = folder / "generated.json"
    try:
        held = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        held = {}
    want = {"communes": communes, "seed": seed} if year is None else {"year": int(year), "seed": seed}
    same = isinstance(held, dict) and all(held.get(k) == v for k, v in want.items())
    have = [f for f in (held.get("formats", []) if same else []) if (folder / f / f"observations.{f}").is_file()]
    missing = [f for f in formats if f not in have]
    if missing:  # the same seed writes the same data: a format added now matches those already there
        if year is None:
            make_national(folder, communes=communes, seed=seed, formats=tuple(missing))
        else:
            make_2026(folder, years=(int(year) - 1, int(year)), seed=seed, formats=tuple(missing))
        _write(stamp, lambda p: p.write_text(json.dumps({**want, "formats": sorted({*have, *missing})}),
                                             encoding="utf-8"))
    return missing


def national_folder(folder: str | Path, fmt: str | None = "parquet", year: int | None = None) -> Path:
    """Where national_cache keeps the dataset of format `fmt` (the cache of `year` without one)."""
    base = Path(folder) / f"map-{int(year)}" if year is not None else Path(folder)
    return base / fmt if fmt else base


def _communes(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """n communes spread over the 63 provinces, 8–12 districts each."""
    provinces = [(p, r) for r, names in PROVINCES.items() for p in names]
    weights = rng.uniform(0.6, 1.4, len(provinces))
    per_province = np.floor(weights / weights.sum() * n).astype(int)
    per_province[: n - per_province.sum()] += 1
    rows = []
    for (province, region), k in zip(provinces, per_province):
        n_districts = int(rng.integers(8, 13))
        district_of = np.sort(rng.integers(0, n_districts, k))
        names = rng.permutation(len(SYLLABLES) ** 2)[:k]
        for d, name in zip(district_of, names):
            commune = f"{SYLLABLES[name // len(SYLLABLES)]} {SYLLABLES[name % len(SYLLABLES)]}"
            rows.append((commune, f"{province} {d + 1}", province, region))
    df = pd.DataFrame(rows, columns=["commune", "district", "province", "region"])
    df.insert(0, "commune_id", [f"{i:05d}" for i in range(10001, 10001 + len(df))])
    df["district"] = "Huyện " + df["district"]
    df["commune_group"] = ""
    df["assessed"] = np.where(rng.random(len(df)) < 0.01, "false", "")  # a few towns, not assessed
    return df


def _official_communes(province: str, district: str | None) -> pd.DataFrame:
    """The official units of a province (and district) before 1/7/2025, as communes.csv rows with
    their coordinates (lat, lon); wards (phường) and towns (thị trấn) are not assessed."""
    u = old_units(province, district)
    short = u["province_short"].iloc[0]
    folded = {fold(p.removeprefix("TP. ")): r for r, names in PROVINCES.items() for p in names}
    region = folded.get(fold(short), "DBSH")
    return pd.DataFrame({
        "commune_id": u["code"], "commune": [official_short(r) for _, r in u.iterrows()],
        "district": u["district_short"], "province": short, "region": region, "group": "",
        "assessed": np.where(u["type"].str.lower() == "xã", "", "false"),
        "lat": u["lat"].round(6), "lon": u["lon"].round(6),
    })


def _status(rng: np.random.Generator, communes: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Latent level of each commune and the years it was recognised NTM / nâng cao / kiểu mẫu (0: never,
    -1: unknown year)."""
    n = len(communes)
    level = rng.normal(0, 1, n)
    order = level + rng.normal(0, 0.5, n)
    rank = order.argsort().argsort() / n  # 0 = weakest
    ntm_year = np.where(rank > 0.45, rng.integers(2014, 2021, n), 0)
    ntm_year = np.where((rank > 0.2) & (rank <= 0.45), rng.integers(years[0], years[-1] + 2, n), ntm_year)
    ntm_year = np.where(ntm_year > years[-1], 0, ntm_year)
    ntm_year = np.where((ntm_year > 0) & (ntm_year < 2016) & (rng.random(n) < 0.3), -1, ntm_year)
    nc_year = np.where(rank > 0.85, rng.integers(2020, years[-1] + 1, n), 0)
    km_year = np.where((rank > 0.975) & (nc_year > 0), np.minimum(nc_year + rng.integers(1, 3, n), 9999), 0)
    km_year = np.where(km_year > years[-1], 0, km_year)  # recognised kiểu mẫu a year or two after nâng cao
    return pd.DataFrame({"commune_id": communes["commune_id"], "level": level, "ntm_year": ntm_year,
                         "nc_year": nc_year, "km_year": km_year})


def _recognitions(status: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for cid, ntm, nc, km in zip(status["commune_id"], status["ntm_year"], status["nc_year"], status["km_year"]):
        if ntm:
            rows.append((cid, "ntm", "" if ntm < 0 else str(ntm), f"QĐ mô phỏng {cid}/NTM"))
        if nc:
            rows.append((cid, "nang-cao", str(nc), f"QĐ mô phỏng {cid}/NC"))
        if km:
            rows.append((cid, "kieu-mau", str(km), f"QĐ mô phỏng {cid}/KM"))
    return pd.DataFrame(rows, columns=["commune_id", "tier", "year", "decision"])


def sets_by_years(province: str | None, years: list[int]) -> list[tuple[tuple[int, int], list]]:
    """The sets a synthetic dataset is scored with: ((first year, last year), [sets in tier order])
    spans covering `years`. A province whose own sets ship with ntmlib (their ids start with the
    province's name folded: 'hanam-' for Hà Nam) uses them for the years of their period, the
    national sets outside it; every other dataset, the national sets."""
    national = [load_set(s) for s in SETS]
    lo, hi = min(years), max(years)
    slug = fold(province).replace(" ", "").replace("-", "") if province else ""
    own = sorted((load_set(s) for s in available_sets() if slug and s.startswith(slug + "-")),
                 key=lambda s: TIERS.index(s.tier))
    if not own:
        return [((lo, hi), national)]
    first, last = max(lo, own[0].period[0]) if own[0].period else lo, min(hi, own[0].period[1]) if own[0].period else hi
    spans = [((lo, first - 1), national)] if lo < first else []
    spans.append(((first, last), own))
    if last < hi:
        spans.append(((last + 1, hi), national))
    return spans


def _sets_of_year(frameworks, year: int) -> list:
    return next(sets for (lo, hi), sets in frameworks if lo <= year <= hi)


def _entries(threshold, cache: dict) -> list[tuple[str, str, float]]:
    """(region, year, value) of a threshold's entries for a commune without group, exact keys first
    ('*' for any), as Threshold.lookup matches them; read once per threshold into `cache` (held by
    the caller while the sets are alive)."""
    key = id(threshold)
    if key not in cache:
        kind, values = threshold.kind, threshold.values
        if kind == "all":
            rows = [("*", "*", values["all"])]
        elif kind == "region_year":
            rows = [(r if r != "default" else "*", y if y != "default" else "*", v) for (r, y), v in values.items()]
        else:  # region, year, group (a commune without group meets only the default of a group threshold)
            rows = [("*" if k == "default" else k if kind == "region" else "*",
                     "*" if k == "default" else k if kind == "year" else "*", v)
                    for k, v in values.items() if kind != "group" or k == "default"]
        cache[key] = sorted(rows, key=lambda e: (e[0] == "*") + (e[1] == "*"))
    return cache[key]


def _threshold_by_tier(sets, measure: str, regions: list[str], year: int, cache: dict) -> np.ndarray:
    """The threshold a commune aiming at each tier must meet for `measure`, per region: (tiers ×
    regions), the strictest among the sets of that tier and below (the highest for '≥', the lowest
    for '≤'); a tier below every set using the measure takes the lowest tier's. NaN where no set
    has a threshold."""
    grid = np.full((len(TIERS), len(regions)), np.nan)
    rule = ">="
    for s in sets:
        for ind in s.indicators:
            if ind.measure != measure or ind.threshold is None:
                continue
            rule = ind.rule
            row = grid[TIERS.index(s.tier)]
            entries = _entries(ind.threshold, cache)
            for k, r in enumerate(regions):
                value = next((v for region, y, v in entries if region in (r, "*") and y in (str(year), "*")), None)
                if value is not None:
                    row[k] = value if np.isnan(row[k]) else (max if rule == ">=" else min)(row[k], value)
    stricter = np.fmax if rule == ">=" else np.fmin
    for k in range(1, len(TIERS)):
        grid[k] = stricter(grid[k], grid[k - 1])
    for k in range(len(TIERS) - 2, -1, -1):
        grid[k] = np.where(np.isnan(grid[k]), grid[k + 1], grid[k])
    return grid


def _observations(rng: np.random.Generator, communes: pd.DataFrame, status: pd.DataFrame, frameworks,
                  years: list[int]) -> pd.DataFrame:
    regions = list(PROVINCES)
    n, ny = len(communes), len(years)
    cid = np.repeat(communes["commune_id"].to_numpy(), ny)
    year = np.tile(np.array(years), n)
    region = np.repeat(communes["region"].map(regions.index).to_numpy(), ny)
    level = np.repeat(status["level"].to_numpy(), ny)
    ntm_year, nc_year, km_year = (np.repeat(status[k].to_numpy(), ny) for k in ("ntm_year", "nc_year", "km_year"))
    holds_ntm = (ntm_year != 0) & (ntm_year <= year)  # -1 (year unknown) holds every year
    holds_nc = (nc_year != 0) & (nc_year <= year)
    holds_km = (km_year != 0) & (km_year <= year)
    base = 1.2 + 0.5 * level + 1.6 * holds_ntm + 0.5 * holds_nc + 0.15 * (year - years[0])
    # the tier whose thresholds a commune-year's values are near: the one it holds (NTM when none), the
    # next one for a fifth of them (communes preparing their file)
    aim = np.minimum(np.where(holds_km, 2, np.where(holds_nc, 1, 0)) + (rng.random(len(cid)) < 0.2), 2)
    incomplete = rng.random(len(cid)) < INCOMPLETE  # commune-years that leave some values out
    # each measure: the indicator that shapes its values, the tiers using it, per year its thresholds by
    # tier aimed at, and the (set, code) of each set using it (one: it may be written by code)
    measures: dict[str, dict] = {}
    entries: dict = {}  # each threshold's entries, read once
    for (lo, hi), sets in frameworks:
        for y in range(lo, hi + 1):
            if y not in years:
                continue
            for s in sets:
                for ind in s.indicators:
                    m = measures.setdefault(ind.measure, {"ind": ind, "tiers": set(), "threshold": {}, "own": {}})
                    m["tiers"].add(s.tier)
                    m["own"].setdefault(y, []).append((s.id, ind.code))
            for measure, m in measures.items():
                if y in m["own"] and y not in m["threshold"]:
                    m["threshold"][y] = _threshold_by_tier(sets, measure, regions, y, entries)
    frames = []
    for measure, m in measures.items():
        ind = m["ind"]
        strength = base + rng.normal(0, 1.0, len(cid))  # > 0: meets the threshold of the tier aimed at
        lowest = min(TIERS.index(x) for x in m["tiers"])
        strength -= 5.0 * (aim < lowest)  # a measure only higher tiers test: met mostly by those aiming at them
        keep = ~(incomplete & (rng.random(len(cid)) < MISSING / INCOMPLETE))
        keep &= np.isin(year, list(m["own"]))  # only the years some set uses it
        if "ntm" not in m["tiers"]:
            keep &= holds_nc if "nang-cao" not in m["tiers"] else holds_ntm
        grid = np.full((len(TIERS), len(regions), ny), np.nan)
        for y, values in m["threshold"].items():
            grid[:, :, years.index(y)] = values
        value = _values(rng, ind, strength, grid[aim, region, year - years[0]])
        one_set = all(len(v) == 1 for v in m["own"].values())
        by_code = one_set and rng.random() < 0.1  # some measures written with their set's own code
        sid = code = np.full(len(cid), "", dtype=object)
        if by_code:
            sid = np.array([m["own"].get(int(y), [("", "")])[0][0] for y in years], dtype=object)[year - years[0]]
            code = np.array([m["own"].get(int(y), [("", "")])[0][1] for y in years], dtype=object)[year - years[0]]
        frames.append(pd.DataFrame({
            "commune_id": cid[keep], "year": year[keep],
            "set": sid[keep] if by_code else "", "indicator": code[keep] if by_code else measure,
            "value": value[keep]}))
    obs = pd.concat(frames, ignore_index=True)
    return obs.sort_values(["year", "commune_id"], kind="stable").reset_index(drop=True)


def _values(rng: np.random.Generator, ind, strength: np.ndarray, threshold: np.ndarray) -> np.ndarray:
    """Values as written in a sheet for one indicator."""
    n = len(strength)
    met = strength > 0
    if ind.rule in ("yes", "absent"):
        ok = np.where(rng.random(n) < 0.5, "Đạt", "có") if ind.rule == "yes" else np.full(n, "không", dtype=object)
        no = (np.where(rng.random(n) < 0.5, "Không đạt", "không") if ind.rule == "yes"
              else np.full(n, "có", dtype=object))
        if ind.rule == "absent":
            counts = rng.integers(1, 4, n).astype(str)
            no = np.where(rng.random(n) < 0.3, counts, no)
            ok = np.where(rng.random(n) < 0.2, "0", ok)
        return np.where(met, ok, no).astype(object)
    t = np.where(np.isnan(threshold), 50.0, threshold)
    percent = ind.unit == "%"
    if percent:
        step = np.maximum(np.minimum(t, 100 - t), 2.0) * 0.08 + 0.5
    else:
        step = np.abs(t) * 0.06 + 0.5
    sign = 1.0 if ind.rule == ">=" else -1.0
    x = np.round(t + sign * step * strength, 1)
    if percent:
        x = np.clip(x, 2.0 if ind.rule == ">=" else 0.0, 100.0)
    else:
        x = np.maximum(x, 0.0)
    text = _number_text(x, rng, percent)
    verdict = rng.random(n) < VERDICT
    return np.where(verdict, np.where(met, "Đạt", "Không đạt"), text).astype(object)


def _number_text(x: np.ndarray, rng: np.random.Generator, percent: bool) -> np.ndarray:
    """Numbers written the Vietnamese way ('95,5'), now and then with a dot ('95.5') or a '%' sign."""
    uniq, inverse = np.unique(x, return_inverse=True)
    comma = np.array([f"{v:.0f}" if v == int(v) else f"{v:.1f}".replace(".", ",") for v in uniq], dtype=object)
    dot = np.array([f"{v:.0f}" if v == int(v) else f"{v:.1f}" for v in uniq], dtype=object)
    r = rng.random(len(x))
    text = np.where(r < 0.85, comma[inverse], dot[inverse])
    if percent:
        text = np.where(r > 0.93, text + "%", text)
    return text


# --------------------------------------------------------------------------- the map of 1 July 2025

NEW_MAP = 2026  # the first year scored on the units of 1/7/2025 (the 2026–2030 sets)
SETS_2026 = ("vn-2026-ntm",)
EFFECTIVE = "2025-07-01"
# commune groups (illustrative): group 3 by region (mountain and minority areas), group 1 near a ward
GROUP_3 = {"TDMNPB": 0.75, "TN": 0.55, "BTB": 0.15, "DHNTB": 0.12}  # else GROUP_3_OTHER
GROUP_3_OTHER = 0.03
GROUP_1_KM = 6.0  # a commune whose centre is this close to a ward's is mostly group 1
RECOGNISED_2026 = 0.4  # share of the communes reaching NTM in their first year that are recognised that year


def make_2026(out_dir: str | Path, province: str | None = None, years=(NEW_MAP,), seed: int = 2025,
              formats=("parquet", "csv"), communes: int | None = None) -> dict[str, Path]:
    """Write a synthetic dataset on the map of 1/7/2025; returns {format: dataset folder}.

    The units are the official new units of `province` (all 34 provinces when None; the first
    `communes` of them in official order when given): real codes, names, types and coordinates,
    keyed `code@2025-07-01`; only communes (xã) are assessed (wards and special zones not), each
    with a commune group 1, 2 or 3 (illustrative, from the seed). Values for every measure of the
    2026–2030 sets in the years from 2026, near the threshold of the commune's group; a few
    communes recognised NTM in their first year. The old units that formed them are in
    communes.csv and crosswalk.csv (the 2025 mapping of ntmlib.dataset.units), with synthetic
    values under the national 2021–2025 sets for the years of `years` before 2026 and their
    recognitions; a new commune's level follows its predecessors'.
    """
    years = sorted({int(y) for y in years})
    last = max(load_set(SETS_2026[0]).period or (NEW_MAP, NEW_MAP))
    first = min(load_set(SETS[0]).period or (NEW_MAP, NEW_MAP))
    wrong = [y for y in years if not first <= y <= last] or ([] if years[-1] >= NEW_MAP else years[-1:])
    if wrong:
        raise ParameterError(Problem(error_text("year_given"), error_text(
            "synthetic_years", year=wrong[0], first=first, last=last, new=NEW_MAP)))
    rng = np.random.default_rng(seed)
    new, crosswalk, old = reorganised_units(province, communes)
    old_df = _old_rows(old)
    status = _status(rng, old_df, list(range(first, NEW_MAP)))  # recognitions up to 2025
    old_years = [y for y in years if y < NEW_MAP]
    new_df = _new_rows(rng, new, crosswalk, old_df, status)
    new_years = [y for y in years if y >= NEW_MAP]
    obs_new, rec_new = _observations_2026(rng, new_df, new_years)
    frames = [obs_new]
    if old_years:
        spans = [((old_years[0], NEW_MAP - 1), [load_set(s) for s in SETS])]
        before = _observations(rng, old_df, status, spans, old_years)
        frames.insert(0, before[before["commune_id"].isin(old_df.loc[old_df["assessed"] != "false", "commune_id"])])
    obs = pd.concat(frames, ignore_index=True)
    recognitions = pd.concat([_recognitions(status), rec_new], ignore_index=True)
    communes_df = pd.concat([old_df, new_df.drop(columns=["level"])], ignore_index=True)
    place = f"Tỉnh {new['province_short'].iloc[0]}" if province else "Toàn quốc, 34 tỉnh, thành phố"
    frameworks = ([{"years": [old_years[0], NEW_MAP - 1], "sets": list(SETS)}] if old_years else []) + [
        {"years": [NEW_MAP, last], "sets": list(SETS_2026)}]
    assessed = new_df["assessed"] != "false"
    meta = {
        "name": f"{place} (dữ liệu mô phỏng)",
        "description": (f"{len(new_df)} đơn vị hành chính từ 1/7/2025 ({int(assessed.sum())} xã được đánh giá; "
                        f"phường, đặc khu không đánh giá) và {len(old_df)} đơn vị cũ đã hợp thành (bảng đối chiếu "
                        f"crosswalk.csv), mã, tên, tọa độ theo danh mục chính thức; nhóm xã và giá trị chỉ tiêu mô "
                        f"phỏng, năm {years[0]}–{years[-1]}, sinh bởi ntmlib.dataset.synthetic (seed {seed}); "
                        f"không phải số liệu thật."),
        "provenance": "ntm synthetic",
        "frameworks": frameworks,
    }
    cw = crosswalk[crosswalk["old_commune_id"].isin(old_df["commune_id"])]
    out = Path(out_dir)
    paths = {}
    for fmt in formats:
        if fmt not in ("parquet", "csv"):
            raise ValueError(f"format must be parquet or csv, not {fmt!r}")
        d = out / fmt
        d.mkdir(parents=True, exist_ok=True)
        for stale in d.glob("observations.*"):
            stale.unlink()
        _write(d / "dataset.yaml", lambda p: p.write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8"))
        _write(d / "communes.csv", lambda p: communes_df.to_csv(p, index=False))
        _write(d / "crosswalk.csv", lambda p: cw.to_csv(p, index=False))
        _write(d / "recognitions.csv", lambda p: recognitions.to_csv(p, index=False))
        _write(d / f"observations.{fmt}", (lambda p: obs.to_parquet(p, index=False, compression="zstd"))
               if fmt == "parquet" else (lambda p: obs.to_csv(p, index=False)))
        paths[fmt] = d
    return paths


def _write(path: Path, write) -> None:
    """Call write(tmp) and move the file into place (a reader never sees half a file)."""
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    tmp.replace(path)


def reorganised_units(province: str | None = None, limit: int | None = None):
    """(new units, crosswalk, old units) of `province` on the map of 1/7/2025 (all when None): the
    new units in official order (the first `limit` when given), the 2025 crosswalk rows of every old
    unit that went wholly or partly into them (all rows of such a unit, its other successors
    included, so that a divided unit keeps its default), and those old units."""
    new = new_units(province)
    if limit is not None:
        new = new.head(max(int(limit), 1))
    if province:  # the old provinces that formed it: those whose units' codes the new units reuse
        old_all = old_units()
        feeding = old_all.loc[old_all["code"].isin(new["code"]), "province_short"].unique()
        cw = pd.concat([crosswalk_2025(p) for p in feeding], ignore_index=True)
        if not set(new["code"]) <= set(cw["new_commune_id"]):  # a new unit reusing no code of its own province
            cw = crosswalk_2025(None)
    else:
        cw = crosswalk_2025(None)
    into = cw.loc[cw["new_commune_id"].isin(new["code"]) & cw["new_province"].isin(new["province_short"]),
                  "old_commune_id"]
    cw = cw[cw["old_commune_id"].isin(set(into))].reset_index(drop=True)
    old = old_units().drop_duplicates("code").set_index("code").loc[cw["old_commune_id"].unique()]
    return new.reset_index(drop=True), cw, old.reset_index()


def _region(provinces: pd.Series) -> pd.Series:
    """The region of each province (old or new names; 'DBSH' for a name not found)."""
    folded = {fold(p.removeprefix("TP. ")): r for r, names in PROVINCES.items() for p in names}
    folded.update({"hue": "BTB", "ho chi minh": "DNB"})
    return provinces.map({p: folded.get(fold(p), "DBSH") for p in provinces.unique()})


def _short_names(units: pd.DataFrame) -> np.ndarray:
    """Names as communes.csv writes them (ntmlib.dataset.units.official_short, for a whole table)."""
    return np.where(units["type"].str.lower() == "xã", units["short"], units["type"] + " " + units["short"])


def _old_rows(old: pd.DataFrame) -> pd.DataFrame:
    """communes.csv rows of the old units (bare codes; wards and towns not assessed)."""
    return pd.DataFrame({
        "commune_id": old["code"], "commune": _short_names(old),
        "district": old["district_short"], "province": old["province_short"],
        "region": _region(old["province_short"]), "commune_group": "",
        "assessed": np.where(old["type"].str.lower() == "xã", "", "false"),
        "lat": old["lat"].round(6), "lon": old["lon"].round(6),
    })


def _km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distances (km) between the points 1 (column) and 2 (row)."""
    p1, p2 = np.radians(lat1)[:, None], np.radians(lat2)[None, :]
    dl = np.radians(lon2)[None, :] - np.radians(lon1)[:, None]
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _new_rows(rng: np.random.Generator, new: pd.DataFrame, crosswalk: pd.DataFrame, old_df: pd.DataFrame,
              status: pd.DataFrame) -> pd.DataFrame:
    """communes.csv rows of the new units, keyed code@2025-07-01, with their region (the default
    predecessor's), commune group (xã only) and latent level (the mean of their predecessors')."""
    cw = crosswalk[(crosswalk["default"] == "x") | (crosswalk.groupby("old_commune_id")["old_commune_id"]
                                                    .transform("size") == 1)]
    level = status.set_index("commune_id")["level"]
    region_of_old = old_df.set_index("commune_id")["region"]
    pred = cw.assign(level=cw["old_commune_id"].map(level), region=cw["old_commune_id"].map(region_of_old))
    by_new = pred.groupby("new_commune_id").agg(level=("level", "mean"), region=("region", "first"))
    is_xa = (new["type"].str.lower() == "xã").to_numpy()
    region = new["code"].map(by_new["region"]).fillna(_region(new["province_short"])).to_numpy()
    lvl = new["code"].map(by_new["level"]).fillna(0.0).to_numpy() + rng.normal(0, 0.4, len(new))
    wards = ~is_xa & new["lat"].notna().to_numpy()
    near = np.full(len(new), np.inf)
    if wards.any():
        near[is_xa] = _km(new["lat"].to_numpy()[is_xa], new["lon"].to_numpy()[is_xa],
                          new["lat"].to_numpy()[wards], new["lon"].to_numpy()[wards]).min(axis=1)
    r3, r1 = rng.random(len(new)), rng.random(len(new))
    group3 = r3 < np.array([GROUP_3.get(r, GROUP_3_OTHER) for r in region])
    group1 = ~group3 & (r1 < np.where(near < GROUP_1_KM, 0.7, 0.05))
    group = np.where(group3, "3", np.where(group1, "1", "2"))
    lvl = lvl - 0.3 * group3  # harder places (illustrative)
    return pd.DataFrame({
        "commune_id": new["code"] + "@" + EFFECTIVE, "commune": _short_names(new),
        "district": "", "province": new["province_short"], "region": region,
        "commune_group": np.where(is_xa, group, ""), "assessed": np.where(is_xa, "", "false"),
        "lat": new["lat"].round(6), "lon": new["lon"].round(6), "level": lvl,
    })


def _observations_2026(rng: np.random.Generator, communes: pd.DataFrame, years: list[int]
                       ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Observations of the assessed new communes for every measure of the 2026–2030 sets in
    `years` (near the threshold of the commune's region, year and group; a few percent missing),
    and the NTM recognitions of some communes meeting every indicator in the first year."""
    c = communes[communes["assessed"] != "false"]
    n, ny = len(c), len(years)
    cid = np.repeat(c["commune_id"].to_numpy(), ny)
    year = np.tile(np.array(years), n)
    region = np.repeat(c["region"].to_numpy(), ny)
    group = np.repeat(c["commune_group"].to_numpy(), ny)
    base = 1.7 + 0.9 * np.repeat(c["level"].to_numpy(), ny) + 0.35 * (year - NEW_MAP)
    incomplete = rng.random(len(cid)) < INCOMPLETE
    measures: dict[str, object] = {}
    for s in (load_set(x) for x in SETS_2026):
        for ind in s.indicators:
            measures.setdefault(ind.measure, ind)
    looked: dict = {}
    frames, all_met = [], np.ones(len(cid), bool)
    for measure, ind in measures.items():
        strength = base + rng.normal(0, 1.0, len(cid))
        keep = ~(incomplete & (rng.random(len(cid)) < MISSING / INCOMPLETE))
        threshold = np.full(len(cid), np.nan)
        if ind.threshold is not None:
            table = ind.threshold.table()  # as Threshold.lookup reads it, once per indicator
            rows = list(zip(table["region"], table["year"], table["group"], table["value"]))
            for key in looked.setdefault("keys", sorted(set(zip(region, year.astype(str), group)))):
                value = next((v for r, y, g, v in rows if all(h in (w, "*") for h, w in zip((r, y, g), key))), None)
                if value is not None:
                    threshold[(region == key[0]) & (year == int(key[1])) & (group == key[2])] = value
        value = _values(rng, ind, strength, threshold)
        all_met &= (strength > 0) & keep
        frames.append(pd.DataFrame({"commune_id": cid[keep], "year": year[keep], "set": "", "indicator": measure,
                                    "value": value[keep]}))
    obs = pd.concat(frames, ignore_index=True).sort_values(["year", "commune_id"], kind="stable")
    first = (year == years[0]) & all_met & (rng.random(len(cid)) < RECOGNISED_2026)
    rec = pd.DataFrame({"commune_id": cid[first], "tier": "ntm", "year": str(years[0]),
                        "decision": [f"QĐ mô phỏng {k.split('@')[0]}/NTM-{years[0]}" for k in cid[first]]})
    return obs.reset_index(drop=True), rec

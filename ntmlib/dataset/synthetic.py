"""A synthetic national dataset for measuring speed and checking the scorer at scale.

`make_national` writes about 10,000 communes of the 63 provinces (7 regions), five years,
every measure of the national NTM and nâng cao sets: numbers near their thresholds that
improve over the years, yes/no words (Đạt, Không đạt, có, không), office verdicts and a few
percent missing. A commune reports the nâng-cao-only measures from the year it holds NTM, so
a commune-year has about 75 observations. The same seed writes the same files.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from ..base.values import fold
from ..criteria.criteria_set import load_set
from .units import official_short, old_units

SETS = ("vn-2021-ntm", "vn-2021-nang-cao")

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
    sets = [load_set(s) for s in SETS]
    communes_df = _official_communes(province, district) if province else _communes(rng, communes)
    status = _status(rng, communes_df, years)
    obs = _observations(rng, communes_df, status, sets, years)
    recognitions = _recognitions(status)
    meta = {
        "name": "Toàn quốc (dữ liệu mô phỏng)",
        "description": (f"{len(communes_df)} xã mô phỏng của 63 tỉnh, thành phố" if not province else
                        f"{len(communes_df)} đơn vị hành chính thật của "
                        f"{'huyện ' + communes_df['district'].iloc[0] + ', ' if district else ''}"
                        f"tỉnh {communes_df['province'].iloc[0]} (mã, tên, tọa độ theo danh mục chính thức), "
                        f"giá trị chỉ tiêu mô phỏng") + f", năm {years[0]}–{years[-1]}, "
                       f"sinh bởi ntmlib.dataset.synthetic (seed {seed}); không phải số liệu thật.",
        "provenance": "ntm synthetic",
        "frameworks": [{"years": [min(years), max(years)], "sets": list(SETS)}],
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
                   formats=("parquet", "csv")) -> list[str]:
    """Keep the synthetic national dataset of `communes` and `seed` in `folder` in `formats` at least
    (the benchmarks' cache): made on first use, completed with a format it lacks, made again for
    another size or seed. Its generated.json records what it holds; returns the formats made now."""
    folder = Path(folder)
    stamp = folder / "generated.json"
    try:
        held = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        held = {}
    same = isinstance(held, dict) and held.get("communes") == communes and held.get("seed") == seed
    have = [f for f in (held.get("formats", []) if same else []) if (folder / f / f"observations.{f}").is_file()]
    missing = [f for f in formats if f not in have]
    if missing:  # the same seed writes the same data: a format added now matches those already there
        make_national(folder, communes=communes, seed=seed, formats=tuple(missing))
        stamp.write_text(json.dumps({"communes": communes, "seed": seed, "formats": sorted({*have, *missing})}),
                         encoding="utf-8")
    return missing


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
    """Latent level of each commune and the years it was recognised NTM / nâng cao (0: never, -1: unknown year)."""
    n = len(communes)
    level = rng.normal(0, 1, n)
    order = level + rng.normal(0, 0.5, n)
    rank = order.argsort().argsort() / n  # 0 = weakest
    ntm_year = np.where(rank > 0.45, rng.integers(2014, 2021, n), 0)
    ntm_year = np.where((rank > 0.2) & (rank <= 0.45), rng.integers(years[0], years[-1] + 2, n), ntm_year)
    ntm_year = np.where(ntm_year > years[-1], 0, ntm_year)
    ntm_year = np.where((ntm_year > 0) & (ntm_year < 2016) & (rng.random(n) < 0.3), -1, ntm_year)
    nc_year = np.where(rank > 0.85, rng.integers(2020, years[-1] + 1, n), 0)
    return pd.DataFrame({"commune_id": communes["commune_id"], "level": level, "ntm_year": ntm_year,
                         "nc_year": nc_year})


def _recognitions(status: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for cid, ntm, nc in zip(status["commune_id"], status["ntm_year"], status["nc_year"]):
        if ntm:
            rows.append((cid, "ntm", "" if ntm < 0 else str(ntm), f"QĐ mô phỏng {cid}/NTM"))
        if nc:
            rows.append((cid, "nang-cao", str(nc), f"QĐ mô phỏng {cid}/NC"))
    return pd.DataFrame(rows, columns=["commune_id", "tier", "year", "decision"])


def _thresholds(sets, regions: list[str], years: list[int]) -> dict[str, np.ndarray]:
    """measure -> threshold per (region, year), the mean over the sets testing it (NaN when none)."""
    out: dict[str, list[np.ndarray]] = {}
    for s in sets:
        for ind in s.indicators:
            grid = np.full((len(regions), len(years)), np.nan)
            if ind.threshold is not None:
                for i, r in enumerate(regions):
                    for j, y in enumerate(years):
                        value, _ = ind.threshold.lookup(r, y)
                        grid[i, j] = np.nan if value is None else value
            out.setdefault(ind.measure, []).append(grid)
    means = {}
    for m, grids in out.items():
        g = np.stack(grids)
        known = (~np.isnan(g)).sum(axis=0)
        means[m] = np.where(known > 0, np.nansum(g, axis=0) / np.maximum(known, 1), np.nan)
    return means


def _observations(rng: np.random.Generator, communes: pd.DataFrame, status: pd.DataFrame, sets,
                  years: list[int]) -> pd.DataFrame:
    regions = list(PROVINCES)
    by_measure = {}
    for s in sets:
        for ind in s.indicators:
            by_measure.setdefault(ind.measure, (ind, s))
    basic = {i.measure for i in sets[0].indicators}
    thresholds = _thresholds(sets, regions, years)
    n, ny = len(communes), len(years)
    cid = np.repeat(communes["commune_id"].to_numpy(), ny)
    year = np.tile(np.array(years), n)
    region = np.repeat(communes["region"].map(regions.index).to_numpy(), ny)
    level = np.repeat(status["level"].to_numpy(), ny)
    ntm_year = np.repeat(status["ntm_year"].to_numpy(), ny)
    nc_year = np.repeat(status["nc_year"].to_numpy(), ny)
    holds_ntm = (ntm_year != 0) & (ntm_year <= year)  # -1 (year unknown) holds every year
    holds_nc = (nc_year != 0) & (nc_year <= year)
    base = 1.2 + 0.5 * level + 1.6 * holds_ntm + 0.5 * holds_nc + 0.15 * (year - years[0])
    incomplete = rng.random(len(cid)) < INCOMPLETE  # commune-years that leave some values out
    frames = []
    for measure, (ind, s) in by_measure.items():
        strength = base + rng.normal(0, 1.0, len(cid))  # > 0: meets the threshold
        keep = ~(incomplete & (rng.random(len(cid)) < MISSING / INCOMPLETE))
        if measure not in basic:
            keep &= holds_ntm
        value = _values(rng, ind, strength, thresholds[measure][region, year - years[0]])
        by_code = s.id == SETS[0] and rng.random() < 0.1  # some measures written with the set's own code
        frames.append(pd.DataFrame({
            "commune_id": cid[keep], "year": year[keep],
            "set": s.id if by_code else "", "indicator": ind.code if by_code else measure,
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

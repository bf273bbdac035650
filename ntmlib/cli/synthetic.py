"""`ntm synthetic`: a simulated national dataset (parquet and csv) for timing and testing; with
--province, the province's official communes with synthetic values; with --year 2026 (or later), the
units of 1/7/2025, their commune groups and the crosswalk from the old units."""
from __future__ import annotations

import click
import pandas as pd

from ..dataset.synthetic import NEW_MAP, make_2026, make_national
from .app import main
from .translation import Folder, Int, NtmUsageError, argument, language, option, say

HELP = {  # each command's help: what it does, its arguments and options, and examples on the sample data
    "vi": {
        "synthetic": {
            "short": "Sinh bộ dữ liệu toàn quốc mô phỏng.",
            "help": "Sinh bộ dữ liệu toàn quốc mô phỏng vào THƯ_MỤC (THƯ_MỤC/parquet và THƯ_MỤC/csv), để đo tốc độ "
                    "và kiểm thử: mọi số liệu của mọi bộ tiêu chí bộ dữ liệu dùng, để có xã đạt từng hạng (NTM, "
                    "nâng cao, kiểu mẫu); với --year từ 2026, các đơn vị hành chính từ 1/7/2025.",
            "arguments": {"out": "Thư mục đích."},
            "metavars": {"out": "THƯ_MỤC", "communes": "SỐ"},
            "options": {"communes": "Số xã (mặc định 10.000; với --year từ 2026: xem --year).",
                        "seed": "Hạt giống ngẫu nhiên (cùng hạt, cùng tệp).",
                        "province": "Lấy các xã thật (mã, tên, huyện, tọa độ) của tỉnh này (63 tỉnh trước sắp xếp) "
                                    "từ danh mục chính thức; giá trị chỉ tiêu vẫn mô phỏng; bộ dữ liệu mang tên tỉnh "
                                    "và chấm theo bộ tiêu chí của tỉnh nếu ntmlib có (Hà Nam: hanam-*); bỏ qua "
                                    "--communes.",
                        "district": "Cùng --province: chỉ các xã của huyện này (chỉ với các năm trước 2026).",
                        "years": "Năm có số liệu (ghi nhiều lần; mặc định 2021–2025). Từ 2026: các đơn vị hành chính "
                                 "từ 1/7/2025 (34 tỉnh) với nhóm xã, chấm theo bộ tiêu chí 2026–2030, và bảng đối "
                                 "chiếu từ các đơn vị cũ (crosswalk.csv); năm trước 2026 thì có cả số liệu của các "
                                 "xã cũ; --province là một trong 34 tỉnh, --communes là số đơn vị đầu tiên của danh "
                                 "mục (mặc định: tất cả).",
                        "national": "Cả nước (34 tỉnh với --year từ 2026): không dùng cùng --province."},
            "examples": ["ntm synthetic quoc-gia --communes 200",
                         "ntm synthetic ninh-binh --province \"Ninh Bình\" --year 2026"],
        },
    },
    "en": {
        "synthetic": {
            "short": "Generate a simulated national dataset.",
            "help": "Generate a simulated national dataset into FOLDER (FOLDER/parquet and FOLDER/csv), for timing "
                    "and testing: every measure of every set the dataset uses, so that some communes reach each "
                    "tier (NTM, nâng cao, kiểu mẫu); with --year from 2026, the administrative units of 1/7/2025.",
            "arguments": {"out": "The destination folder."},
            "metavars": {"out": "FOLDER", "communes": "NUMBER"},
            "options": {"communes": "Number of communes (default 10,000; with --year from 2026: see --year).",
                        "seed": "Random seed (same seed, same files).",
                        "province": "Take the real communes (codes, names, districts, coordinates) of this province "
                                    "(63 provinces before the reorganisation) from the official list; the values "
                                    "stay synthetic; the dataset is named after the province and scored with its "
                                    "own sets where ntmlib has them (Hà Nam: hanam-*); --communes is ignored.",
                        "district": "With --province: only the communes of this district (years before 2026 only).",
                        "years": "Years with data (repeat the option; default 2021–2025). From 2026: the units of "
                                 "1/7/2025 (34 provinces) with commune groups, scored with the 2026–2030 set, and the "
                                 "crosswalk from the old units (crosswalk.csv); a year before 2026 adds the old "
                                 "communes' data; --province is one of the 34 provinces, --communes the number of "
                                 "units taken from the top of the list (default: all).",
                        "national": "The whole country (34 provinces with --year from 2026): not with --province."},
            "examples": ["ntm synthetic quoc-gia --communes 200",
                         "ntm synthetic ninh-binh --province \"Ninh Bình\" --year 2026"],
        },
    },
}


@main.command("synthetic", words=HELP)
@argument("out", type=Folder())
@option("--communes", type=Int())
@option("--seed", type=Int(), default=2025, show_default=True)
@option("--province")
@option("--district")
@option("--year", "years", type=Int(), multiple=True)
@option("--national", is_flag=True)
def synthetic_cmd(out, communes, seed, province, district, years, national) -> None:
    """`ntm synthetic`: a simulated national dataset (parquet and csv) for timing and testing; with
    --province, the province's official communes with synthetic values; from 2026, the new units."""
    if district and not province:
        raise NtmUsageError(say("needs_province"))
    if national and province:
        raise NtmUsageError(say("national_or_province"))
    if years and max(years) >= NEW_MAP:
        if district:
            raise NtmUsageError(say("no_district_2026"))
        paths = make_2026(out, province=province, years=years, seed=seed, communes=communes)
        _summary_2026(paths)
        return
    paths = make_national(out, communes=communes or 10_000, seed=seed, province=province, district=district,
                          **({"years": years} if years else {}))
    communes = len(pd.read_csv(paths[next(iter(paths))] / "communes.csv", usecols=["commune_id"]))
    obs = pd.read_parquet(paths["parquet"] / "observations.parquet", columns=["year"])
    cells = f"{len(obs):,}".replace(",", "." if language() == "vi" else ",")  # 3.881.548
    click.echo(say("synthetic", communes=communes, years=obs["year"].nunique(), cells=cells))
    for fmt, path in paths.items():
        click.echo(f"  {fmt}: {path}")


def _summary_2026(paths: dict) -> None:
    """What make_2026 wrote, in one line, then its folders."""
    folder = paths[next(iter(paths))]
    c = pd.read_csv(folder / "communes.csv", dtype=str, keep_default_na=False)
    new = c[c["commune_id"].str.contains("@")]
    assessed = new[new["assessed"] != "false"]
    groups = assessed["commune_group"].value_counts()
    obs = pd.read_parquet(paths["parquet"] / "observations.parquet", columns=["year"]) if "parquet" in paths else \
        pd.read_csv(folder / "observations.csv", usecols=["year"])
    sep = "." if language() == "vi" else ","
    click.echo(say("synthetic_2026", units=len(new), communes=len(assessed), g1=int(groups.get("1", 0)),
                   g2=int(groups.get("2", 0)), g3=int(groups.get("3", 0)), old=len(c) - len(new),
                   years=obs["year"].nunique(), cells=f"{len(obs):,}".replace(",", sep)))
    for fmt, path in paths.items():
        click.echo(f"  {fmt}: {path}")

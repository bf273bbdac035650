"""`ntm synthetic`: a simulated national dataset (parquet and csv) for timing and testing; with
--province, the province's official communes with synthetic values."""
from __future__ import annotations

import click
import pandas as pd

from ..dataset.synthetic import make_national
from .app import main
from .translation import Folder, Int, NtmUsageError, argument, language, option, say

HELP = {  # each command's help: what it does, its arguments and options, and examples on the sample data
    "vi": {
        "synthetic": {
            "short": "Sinh bộ dữ liệu toàn quốc mô phỏng.",
            "help": "Sinh bộ dữ liệu toàn quốc mô phỏng vào THƯ_MỤC (THƯ_MỤC/parquet và THƯ_MỤC/csv), để đo tốc độ "
                    "và kiểm thử: mọi số liệu của mọi bộ tiêu chí bộ dữ liệu dùng, để có xã đạt từng hạng (NTM, "
                    "nâng cao, kiểu mẫu).",
            "arguments": {"out": "Thư mục đích."},
            "metavars": {"out": "THƯ_MỤC", "communes": "SỐ"},
            "options": {"communes": "Số xã.", "seed": "Hạt giống ngẫu nhiên (cùng hạt, cùng tệp).",
                        "province": "Lấy các xã thật (mã, tên, huyện, tọa độ) của tỉnh này (63 tỉnh trước sắp xếp) "
                                    "từ danh mục chính thức; giá trị chỉ tiêu vẫn mô phỏng; bộ dữ liệu mang tên tỉnh "
                                    "và chấm theo bộ tiêu chí của tỉnh nếu ntmlib có (Hà Nam: hanam-*); bỏ qua "
                                    "--communes.",
                        "district": "Cùng --province: chỉ các xã của huyện này."},
            "examples": ["ntm synthetic quoc-gia --communes 200", "ntm synthetic ha-nam --province \"Hà Nam\""],
        },
    },
    "en": {
        "synthetic": {
            "short": "Generate a simulated national dataset.",
            "help": "Generate a simulated national dataset into FOLDER (FOLDER/parquet and FOLDER/csv), for timing "
                    "and testing: every measure of every set the dataset uses, so that some communes reach each "
                    "tier (NTM, nâng cao, kiểu mẫu).",
            "arguments": {"out": "The destination folder."},
            "metavars": {"out": "FOLDER", "communes": "NUMBER"},
            "options": {"communes": "Number of communes.", "seed": "Random seed (same seed, same files).",
                        "province": "Take the real communes (codes, names, districts, coordinates) of this province "
                                    "(63 provinces before the reorganisation) from the official list; the values "
                                    "stay synthetic; the dataset is named after the province and scored with its "
                                    "own sets where ntmlib has them (Hà Nam: hanam-*); --communes is ignored.",
                        "district": "With --province: only the communes of this district."},
            "examples": ["ntm synthetic quoc-gia --communes 200", "ntm synthetic ha-nam --province \"Hà Nam\""],
        },
    },
}


@main.command("synthetic", words=HELP)
@argument("out", type=Folder())
@option("--communes", type=Int(), default=10_000, show_default=True)
@option("--seed", type=Int(), default=2025, show_default=True)
@option("--province")
@option("--district")
def synthetic_cmd(out, communes, seed, province, district) -> None:
    """`ntm synthetic`: a simulated national dataset (parquet and csv) for timing and testing; with
    --province, the province's official communes with synthetic values."""
    if district and not province:
        raise NtmUsageError(say("needs_province"))
    paths = make_national(out, communes=communes, seed=seed, province=province, district=district)
    communes = len(pd.read_csv(paths[next(iter(paths))] / "communes.csv", usecols=["commune_id"]))
    obs = pd.read_parquet(paths["parquet"] / "observations.parquet", columns=["year"])
    cells = f"{len(obs):,}".replace(",", "." if language() == "vi" else ",")  # 3.881.548
    click.echo(say("synthetic", communes=communes, years=obs["year"].nunique(), cells=cells))
    for fmt, path in paths.items():
        click.echo(f"  {fmt}: {path}")

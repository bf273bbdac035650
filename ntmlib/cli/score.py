"""`ntm score`: the communes of a dataset scored for one year, as a table, csv, json or a workbook."""
from __future__ import annotations

import json
from pathlib import Path

import click

from ..base.outputs import csv_safe
from ..criteria.criteria_set import available_sets
from ..dataset.loading import load_dataset
from ..dataset.resolve import set_id_among
from ..errors import ParameterError
from ..office.score_workbook import write_score_workbook
from ..scoring.engine import score
from ..text import communes_display
from .app import emit, main
from .translation import Choice, Folder, Int, NtmUsageError, argument, language, option, say

HELP = {  # each command's help: what it does, its arguments and options, and examples on the sample data
    "vi": {
        "score": {
            "short": "Chấm điểm các xã cho một năm.",
            "help": "Chấm điểm các xã của DỮ_LIỆU cho một năm: mỗi xã và mỗi bộ tiêu chí một dòng, với số tiêu chí "
                    "và chỉ tiêu đạt, hạng đạt được và hạng đã công nhận.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu (communes.csv, observations, dataset.yaml)."},
            "options": {"year": "Năm đánh giá.",
                        "set_id": "Chỉ chấm theo bộ tiêu chí này (mã, tên, hạng hoặc tệp .yaml).",
                        "tier": "Chỉ in kết quả theo bộ tiêu chí của hạng này (ntm, nang-cao, kieu-mau, hoặc "
                                "hạng một bộ tiêu chí của năm khai báo, như hien-dai).",
                        "fmt": "table: bảng; csv, json: dữ liệu đầy đủ; xlsx: sổ Excel (cần --out).",
                        "out": "Ghi ra tệp thay vì màn hình (bắt buộc với xlsx)."},
            "metavars": {"tier": "HẠNG"},
            "examples": ["ntm score data/ly-nhan --year 2023 --tier ntm",
                         "ntm score data/ly-nhan --year 2023 --format xlsx --out diem-2023.xlsx"],
        },
    },
    "en": {
        "score": {
            "short": "Score the communes for one year.",
            "help": "Score the communes of DATASET for one year: one line per commune and criteria set, with the "
                    "criteria and indicators met, the tier reached and the tier recognised.",
            "arguments": {"dataset": "The dataset folder (communes.csv, observations, dataset.yaml)."},
            "options": {"year": "The year assessed.", "set_id": "Score against this criteria set only (id, name, "
                                                                 "tier or .yaml file).",
                        "tier": "Show only the results of this tier's set (ntm, nang-cao, kieu-mau, or the tier "
                                "a set of the year declares, such as hien-dai).",
                        "fmt": "table: a table; csv, json: the full data; xlsx: an Excel workbook (needs --out).",
                        "out": "Write to this file instead of the screen (required for xlsx)."},
            "metavars": {"tier": "TIER"},
            "examples": ["ntm score data/ly-nhan --year 2023 --tier ntm",
                         "ntm score data/ly-nhan --year 2023 --format xlsx --out diem-2023.xlsx"],
        },
    },
}


@main.command("score", words=HELP)
@argument("dataset", type=Folder())
@option("--year", type=Int(), required=True)
@option("--set", "set_id")
@option("--tier")
@option("--format", "fmt", type=Choice(["table", "csv", "json", "xlsx"]), default="table", show_default=True)
@option("--out", type=click.Path())
def score_cmd(dataset, year, set_id, tier, fmt, out) -> None:
    """`ntm score`: the communes of a dataset scored for one year."""
    lang = language()
    ds = load_dataset(dataset)
    if set_id:  # one of the year's sets first, else any set the dataset or ntmlib has
        try:
            set_id = set_id_among(set_id, ds.set_ids_for(year), ds.framework_dir)
        except ParameterError:
            set_id = set_id_among(set_id, [*ds.set_ids_for(year), *(p.stem for d in ds.framework_dir
                                                                     for p in sorted(d.glob("*.yaml"))),
                                           *available_sets()], ds.framework_dir)
    card = score(ds, sets=set_id, year=year)
    communes = card.communes
    if tier:
        communes = communes[communes["tier"] == tier]
        if communes.empty:
            raise NtmUsageError(say("no_tier_set", tier=tier, year=year))
    if fmt == "xlsx":
        if not out:
            raise NtmUsageError(say("needs_out", fmt="xlsx"))
        write_score_workbook(card, Path(out), sets=communes["set"].unique())
        click.echo(say("written", path=out))
        return
    if fmt == "table":
        text = communes_display(communes, lang).to_string(index=False)
    elif fmt == "csv":
        text = csv_safe(communes).to_csv(index=False)
    else:
        text = json.dumps(json.loads(communes.to_json(orient="records", force_ascii=False)),
                          ensure_ascii=False, indent=1)
    emit(text, out)

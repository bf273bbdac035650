"""`ntm template`: the data-entry workbook a district sends to its communes for one year."""
from __future__ import annotations

from pathlib import Path

import click

from ..dataset.loading import load_dataset
from ..office.data_entry import LAYOUTS, template
from .app import main
from .translation import Choice, Folder, Int, argument, option, say

HELP = {  # each command's help: what it does, its arguments and options, and examples on the sample data
    "vi": {
        "template": {
            "short": "Bảng Excel nhập số liệu gửi các xã.",
            "help": "Viết bảng Excel nhập số liệu mà huyện gửi các xã cho một năm: mỗi xã được đánh giá một trang "
                    "(hoặc một trang, các xã theo cột, với --layout across; đơn vị không thuộc diện đánh giá, như thị "
                    "trấn, được bỏ qua và kể tên), mọi chỉ tiêu của các bộ tiêu chí áp dụng năm đó, mỗi số liệu chỉ "
                    "hỏi một lần (số liệu dùng cho nhiều bộ, như thu nhập, hộ nghèo, được nhập ở một ô và điền cho "
                    "mọi bộ), đơn vị và ngưỡng bên cạnh ô nhập, danh sách chọn Đạt/Chưa đạt, kiểm tra số (0–100 với "
                    "%), số liệu năm trước ở cột xám để tham khảo. Chỉ các ô nhập được mở khoá. Bảng đã điền đặt vào "
                    "thư mục dữ liệu với tên observations.xlsx (hoặc gộp vào số liệu) là chấm được ngay; ô để trống là "
                    "chưa có số liệu. Bảng luôn viết bằng tiếng Việt.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu."},
            "metavars": {"commune": "XÃ", "layout": "CÁCH_XẾP"},
            "options": {"year": "Năm cần nhập số liệu.",
                        "commune": "Chỉ các xã này (mã hoặc tên; lặp lại được hoặc cách nhau bởi dấu phẩy).",
                        "layout": "per-commune: mỗi xã một trang; across: một trang, các xã theo cột.",
                        "out": "Tệp Excel (.xlsx) kết quả."},
            "examples": ["ntm template data/ly-nhan --year 2024 --out nhap-lieu-2024.xlsx",
                         "ntm template data/ly-nhan --year 2024 --commune \"Nhân Bình\" --layout across "
                         "--out nhan-binh.xlsx"],
        },
    },
    "en": {
        "template": {
            "short": "The data-entry workbook sent to the communes.",
            "help": "Write the data-entry workbook a district sends to its communes for one year: one sheet per "
                    "commune assessed (or one sheet with the communes across, with --layout across; units not "
                    "assessed, such as towns, are left out and named), every indicator of the sets that apply that "
                    "year, each figure asked once (one several sets use, such as income or poverty, is typed in one "
                    "cell that fills every set), its unit and threshold beside the entry cell, Đạt/Chưa đạt "
                    "drop-down lists, number checks (0-100 for %), last year's value in a grey column for "
                    "reference. Only the entry cells are unlocked. Filled in and put in the dataset folder as "
                    "observations.xlsx (or merged into the data) it is scored as it is; an empty cell is no data. "
                    "The workbook is always in Vietnamese.",
            "arguments": {"dataset": "The dataset folder."},
            "metavars": {"commune": "COMMUNE", "layout": "LAYOUT"},
            "options": {"year": "The year to collect.",
                        "commune": "Only these communes (code or name; repeat or separate with commas).",
                        "layout": "per-commune: one sheet per commune; across: one sheet, communes across.",
                        "out": "The Excel workbook (.xlsx) to write."},
            "examples": ["ntm template data/ly-nhan --year 2024 --out nhap-lieu-2024.xlsx",
                         "ntm template data/ly-nhan --year 2024 --commune \"Nhân Bình\" --layout across "
                         "--out nhan-binh.xlsx"],
        },
    },
}


@main.command("template", words=HELP)
@argument("dataset", type=Folder(exists=True))
@option("--year", type=Int(), required=True)
@option("--commune", "commune", multiple=True)
@option("--layout", type=Choice(LAYOUTS), default="per-commune", show_default=True)
@option("--out", type=click.Path(dir_okay=False), required=True)
def template_cmd(dataset, year, commune, layout, out) -> None:
    """`ntm template`: the data-entry workbook a district sends to its communes for one year."""
    ds = load_dataset(dataset)
    refs = [c.strip() for item in commune for c in item.split(",") if c.strip()]
    made = template(ds, year, Path(out), refs or None, layout)
    click.echo(say("written", path=out))
    click.echo(say("template_written", communes=made["communes"], inputs=made["inputs"], indicators=made["indicators"],
                   sets=len(ds.sets_for(year)), year=year))
    if made["left_out"]:
        click.echo(say("template_left_out", n=len(made["left_out"]), names=", ".join(made["left_out"])))

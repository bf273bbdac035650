"""`ntm crosswalk`: the crosswalk of the 2025 reorganisation, shown (`show`, the default: the new
communes, or one new commune's predecessors' results) or built from the official list (`build`)."""
from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from ..analysis import reorg
from ..base.outputs import write_text_atomic
from ..dataset.loading import load_dataset
from ..dataset.units import crosswalk_2025
from ..errors import DataError, Problem
from ..present.views import NewCommuneReport
from ..scoring.engine import score
from ..text import REORG_LABELS, REPORT_LABELS, date_text, error_text, label
from .app import main
from .translation import Folder, Int, NtmGroup, argument, command_words, language, option, say

HELP = {  # the group's help, and each subcommand's
    "vi": {
        "crosswalk": {
            "short": "Bảng đối chiếu sắp xếp đơn vị hành chính 2025: xem (show) hoặc lập (build).",
            "help": "Bảng đối chiếu sắp xếp đơn vị hành chính từ 1/7/2025 (crosswalk.csv): 'ntm crosswalk DỮ_LIỆU "
                    "[XÃ]' (tức 'ntm crosswalk show') liệt kê các xã mới và kết quả của các xã tiền thân; 'ntm "
                    "crosswalk build' lập crosswalk.csv của một tỉnh, huyện từ danh mục chính thức.",
            "examples": ["ntm crosswalk data/ly-nhan \"Nam Xang\"",
                         "ntm crosswalk build --province \"Hà Nam\" --district \"Lý Nhân\""],
        },
        "show": {
            "short": "Các xã mới trong crosswalk.csv và kết quả của các xã tiền thân (lệnh mặc định).",
            "help": "Các xã mới sau sắp xếp đơn vị hành chính (crosswalk.csv) và các xã tiền thân của chúng; với XÃ, "
                    "kết quả của các xã tiền thân của xã mới đó qua các năm.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu.",
                          "commune": "Xã mới: tên, mã hoặc mã@ngày (ví dụ 13591@2025-07-01)."},
            "options": {"years": "Năm (lặp lại được); mặc định mọi năm có số liệu."},
            "examples": ["ntm crosswalk show data/ly-nhan", "ntm crosswalk data/ly-nhan \"Nam Xang\""],
        },
        "build": {
            "short": "Lập crosswalk.csv của một tỉnh, huyện từ danh mục chính thức.",
            "help": "Lập bảng đối chiếu sắp xếp đơn vị hành chính 1/7/2025 (định dạng crosswalk.csv) cho mọi đơn vị "
                    "cũ của TỈNH (hoặc HUYỆN) từ danh mục đơn vị hành chính chính thức (gói vietnamadminunits, cài "
                    "bằng pip install \"ntmlib[units]\"). Đơn vị cũ bị chia cho nhiều xã mới có một dòng cho mỗi xã "
                    "mới, xã mới mặc định theo nguồn ghi x ở cột default.",
            "options": {"province": "Tỉnh trước sắp xếp (63 tỉnh), ví dụ \"Hà Nam\".",
                        "district": "Chỉ các đơn vị của huyện này.",
                        "out": "Ghi ra tệp CSV thay vì màn hình."},
            "metavars": {"out": "TỆP.csv"},
            "examples": ["ntm crosswalk build --province \"Hà Nam\" --district \"Lý Nhân\"",
                         "ntm crosswalk build --province \"Hà Nam\" --out crosswalk.csv"],
        },
    },
    "en": {
        "crosswalk": {
            "short": "The crosswalk of the 2025 reorganisation: show it or build it.",
            "help": "The crosswalk of the administrative reorganisation of 1 July 2025 (crosswalk.csv): 'ntm "
                    "crosswalk DATASET [COMMUNE]' (that is 'ntm crosswalk show') lists the new communes and their "
                    "predecessors' results; 'ntm crosswalk build' builds a province's or district's crosswalk.csv "
                    "from the official list.",
            "examples": ["ntm crosswalk data/ly-nhan \"Nam Xang\"",
                         "ntm crosswalk build --province \"Hà Nam\" --district \"Lý Nhân\""],
        },
        "show": {
            "short": "The new communes of crosswalk.csv and their predecessors' results (the default).",
            "help": "The new communes of the administrative reorganisation (crosswalk.csv) and their predecessors; "
                    "with COMMUNE, the results of that new commune's predecessors over the years.",
            "arguments": {"dataset": "The dataset folder.",
                          "commune": "A new commune: name, code or code@date (for example 13591@2025-07-01)."},
            "options": {"years": "Year (may be repeated); by default every year with data."},
            "examples": ["ntm crosswalk show data/ly-nhan", "ntm crosswalk data/ly-nhan \"Nam Xang\""],
        },
        "build": {
            "short": "Build a province's or district's crosswalk.csv from the official list.",
            "help": "Build the crosswalk of the 1 July 2025 reorganisation (crosswalk.csv format) for every old unit "
                    "of PROVINCE (or DISTRICT) from the official list of administrative units (the "
                    "vietnamadminunits package, installed with pip install \"ntmlib[units]\"). An old unit divided "
                    "between several new communes has one row per new commune, x in the default column on the one "
                    "the source marks as default.",
            "options": {"province": "Province before the reorganisation (63 provinces), for example \"Hà Nam\".",
                        "district": "Only the units of this district.",
                        "out": "Write a CSV file instead of the screen."},
            "metavars": {"out": "FILE.csv"},
            "examples": ["ntm crosswalk build --province \"Hà Nam\" --district \"Lý Nhân\"",
                         "ntm crosswalk build --province \"Hà Nam\" --out crosswalk.csv"],
        },
    },
}


class CrosswalkGroup(NtmGroup):
    """`ntm crosswalk`: its subcommands `show` (the default: `ntm crosswalk DATASET` is `ntm crosswalk
    show DATASET`) and `build`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """The arguments, `show` put before the first one that is neither the group's own option
        (--lang X, --help) nor a subcommand."""
        i = 0
        while i < len(args) and args[i].startswith("-"):
            i += 2 if args[i] == "--lang" else 1
        if i < len(args) and args[i] not in self.commands:
            args = [*args[:i], "show", *args[i:]]
        return super().parse_args(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """'Lệnh:' and each subcommand with what it does, show first."""
        rows = [(name, command_words(cmd, language(ctx))["short"]) for name, cmd in self.commands.items()]
        with formatter.section(say("commands", language(ctx))):
            formatter.write_dl(rows)


@main.group("crosswalk", cls=CrosswalkGroup, no_args_is_help=True, words=HELP)
def crosswalk_cmd() -> None:
    """`ntm crosswalk`: the crosswalk of the 2025 reorganisation, shown or built."""


@crosswalk_cmd.command("show", words=HELP)
@argument("dataset", type=Folder(exists=True))
@argument("commune", required=False)
@option("--year", "years", type=Int(), multiple=True)
def crosswalk_show(dataset, commune, years) -> None:
    """`ntm crosswalk [show] DATASET [COMMUNE]`: the new communes of crosswalk.csv, or one new commune's
    predecessors' results."""
    lang = language()
    ds = load_dataset(dataset)
    units = reorg.new_communes(ds)
    if units.empty:
        raise DataError(Problem(reorg.CROSSWALK_FILE, error_text("no_crosswalk", name=ds.name,
                                                                 file=reorg.CROSSWALK_FILE)))
    if commune is None:
        r = REORG_LABELS[lang]
        click.echo(pd.DataFrame({
            r["key"]: units["key"], r["new_commune"]: units["new_commune"],
            label(REPORT_LABELS, "province", lang): units["new_province"],
            r["from"]: [date_text(d, lang) for d in units["effective"]],
            r["predecessors"]: [", ".join(p) for p in units["predecessors"]],
        }).to_string(index=False))
        return
    key = reorg.find_new_commune(ds, commune)
    card = score(ds, year=list(years) or None)
    r = NewCommuneReport(ds, card, key, max(card.communes["year"]), lang)
    click.echo(r.formation_text() + "\n")
    click.echo(r.history().to_string(index=False) + "\n")
    click.echo(r.regrouped().to_string(index=False))


@crosswalk_cmd.command("build", words=HELP)
@option("--province", required=True)
@option("--district")
@option("--out", type=click.Path())
def crosswalk_build(province, district, out) -> None:
    """`ntm crosswalk build --province P [--district D] [--out crosswalk.csv]`: the 2025 crosswalk of a
    province's (or district's) old units, from the official list (ntmlib.dataset.units)."""
    cw = crosswalk_2025(province, district)
    text = cw.to_csv(index=False)
    if out:
        write_text_atomic(Path(out), text)
        divided = cw.loc[cw["default"] != "", "old_commune_id"].nunique()
        click.echo(say("crosswalk_built", path=out, old=cw["old_commune_id"].nunique(),
                       new=cw.loc[cw["new_commune_id"] != "", "new_commune_id"].nunique(), divided=divided))
    else:
        click.echo(text, nl=False)

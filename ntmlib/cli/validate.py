"""`ntm validate`: every problem of a dataset at once (exit status 2 when there is any)."""
from __future__ import annotations

import sys

import click

from ..analysis.validation import validate
from ..text import NO_THRESHOLD_TEXT, label
from .app import main
from .translation import argument, language, option, say

HELP = {  # each command's help: what it does, its arguments and options, and examples on the sample data
    "vi": {
        "validate": {
            "short": "Kiểm tra một bộ dữ liệu.",
            "help": "Kiểm tra DỮ_LIỆU và liệt kê mọi vấn đề cùng lúc, mỗi vấn đề với tệp, dòng hoặc ô và cột của nó; "
                    "mã thoát 2 nếu có vấn đề.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu cần kiểm tra."},
            "options": {"strict": "Coi mã, tên xã khác danh mục đơn vị hành chính chính thức là lỗi (mặc định chỉ "
                                  "cảnh báo)."},
            "examples": ["ntm validate data/ly-nhan"],
        },
    },
    "en": {
        "validate": {
            "short": "Check a dataset.",
            "help": "Check DATASET and list every problem at once, each with its file, line or cell and column; exit "
                    "status 2 when there is any.",
            "arguments": {"dataset": "The dataset folder to check."},
            "options": {"strict": "Treat commune codes and names that differ from the official list as errors (by "
                                  "default warnings)."},
            "examples": ["ntm validate data/ly-nhan"],
        },
    },
}


@main.command("validate", words=HELP)
@argument("dataset", type=click.Path())
@option("--strict", is_flag=True)
def validate_cmd(dataset, strict) -> None:
    """`ntm validate`: every problem of a dataset (exit status 2 when there is any)."""
    problems = validate(dataset, strict=strict, lang=language())
    if problems.skipped:
        click.echo(say("skipped", n=len(problems.skipped)))
        for s in problems.skipped:
            click.echo(f"  - {s}")
    if problems.no_threshold:  # thresholds missing: not errors, the exit status stays 0 when there is nothing else
        click.echo(label(NO_THRESHOLD_TEXT, "warnings", language(), n=len(problems.no_threshold)))
        for w in problems.no_threshold:
            click.echo(f"  - {w}")
    if problems.without_data:  # communes registered before their data: not errors either
        click.echo(say("without_data_warnings", n=len(problems.without_data)))
        for w in problems.without_data:
            click.echo(f"  - {w.text(language())}")
    if problems:
        click.echo(say("data_errors", n=len(problems)), err=True)
        for p in problems:
            click.echo(f"  - {p.text(language())}", err=True)
    else:
        click.echo(say("valid", dataset=dataset))
    if problems.official:  # last, so the verdict above reads as before
        click.echo(say("unit_warnings", n=len(problems.official)))
        for w in problems.official:
            click.echo(f"  - {w}")
    if problems:
        sys.exit(2)

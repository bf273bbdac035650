"""The `ntm` group: --version, --lang, the errors of the library as lists of problems, and what
the commands share (writing a text to the screen or to a file).

Every line `ntm` prints is in one language: Vietnamese, or English with `--lang en` or
`NTM_LANG=en` (ntmlib.cli.translation says how click's own words are replaced). Names of communes,
districts, provinces and criteria sets are resolved by ntmlib.dataset.resolve, the same way everywhere.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..base.outputs import write_text_atomic
from ..errors import DataError, OutputError, ParameterError
from ..text import LANGS
from ..version import __version__
from .translation import NtmGroup, NtmOption, NtmUsageError, command_words, language, say

HELP = {
    "vi": {
        "ntm": {
            "help": "Chấm điểm các xã theo các bộ tiêu chí nông thôn mới (NTM, nâng cao, kiểu mẫu; của Trung ương và "
                    "của tỉnh); viết bản tin, báo cáo và các phân tích.\n\nMọi lệnh nói tiếng Việt; --lang en hoặc "
                    "biến môi trường NTM_LANG=en chuyển mọi dòng ntm in ra, kể cả các kết quả có bản tiếng Anh, sang "
                    "tiếng Anh. Xem 'ntm LỆNH --help' để biết cách dùng từng lệnh.",
            "examples": ["ntm validate data/ly-nhan", "ntm score data/ly-nhan --year 2023 --tier ntm"],
        },
    },
    "en": {
        "ntm": {
            "help": "Score communes against the New Rural Development criteria sets (NTM, advanced, model; national "
                    "and provincial); write the bulletin, the reports and the analyses.\n\nntm speaks Vietnamese by "
                    "default; --lang en or the environment variable NTM_LANG=en puts every line it prints, and the "
                    "results that have an English version, in English. See 'ntm COMMAND --help' for each command.",
            "examples": ["ntm validate data/ly-nhan", "ntm score data/ly-nhan --year 2023 --tier ntm"],
        },
    },
}


def _fail(problems) -> None:
    click.echo(say("data_errors", n=len(problems)), err=True)
    for p in problems:
        click.echo(f"  - {p.text(language())}", err=True)
    sys.exit(2)


class AppGroup(NtmGroup):
    """A group that turns DataError into a list of problems and exit status 2, never a traceback."""

    def invoke(self, ctx):
        """Run the group; what the user asked for or where to write, one line each; the data's problems listed."""
        try:
            return super().invoke(ctx)
        except (ParameterError, OutputError) as e:  # what the user asked for, or where to write: one line each
            for p in e.problems:
                click.echo(say("error", message=p.text(language())), err=True)
            sys.exit(2)
        except DataError as e:
            _fail(e.problems)


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(say("version", prog="ntm", version=__version__))
        ctx.exit()


@click.group("ntm", cls=AppGroup, invoke_without_command=True, no_args_is_help=True, words=HELP)
@click.option("--version", cls=NtmOption, is_flag=True, expose_value=False, is_eager=True, callback=_print_version)
@click.pass_context
def main(ctx: click.Context) -> None:
    """`ntm`: score communes against the NTM criteria sets, write bulletins and reports."""
    if ctx.invoked_subcommand is None:  # options but no command: `ntm --lang en`
        raise NtmUsageError(say("missing_command", commands=", ".join(main.list_commands(ctx))), ctx)


def emit(text: str, out: str | None) -> None:
    """`text` written to the file `out` (and a line saying so), or printed when there is no `out`."""
    if out:
        write_text_atomic(Path(out), text if text.endswith("\n") else text + "\n")
        click.echo(say("written", path=out))
    else:
        click.echo(text)


def help_texts(command: click.Command = main, path: str = "") -> dict:
    """Every command's help, {"vi": {"ntm": {...}, "frameworks export": {...}, …}, "en": {…}}: each
    command (by its path after `ntm`) with the words it was declared with."""
    key = path or "ntm"
    out = {lang: {key: command_words(command, lang)} for lang in LANGS}
    for name, sub in getattr(command, "commands", {}).items():
        for lang, words in help_texts(sub, f"{path} {name}".strip()).items():
            out[lang].update(words)
    return out

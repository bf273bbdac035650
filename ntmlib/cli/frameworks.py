"""`ntm frameworks`: the criteria sets (the list, one set in detail, its provisional thresholds),
and its subcommands `export` (a set as a workbook) and `import` (a corrected workbook as a set)."""
from __future__ import annotations

from pathlib import Path

import click

from ..criteria.criteria_set import available_sets, load_set
from ..dataset.resolve import set_id_among
from ..errors import ParameterError, Problem
from ..office.criteria_import import import_set
from ..office.criteria_workbook import export_set
from ..present.criteria_text import describe_set, provisional_listing, sets_table
from ..text import tier_name
from .app import AppGroup, main
from .translation import NtmArgument, NtmUsageError, argument, language, option, say

HELP = {  # each command's help: what it does, its arguments and options, and examples on the sample data
    "vi": {
        "frameworks": {
            "short": "Các bộ tiêu chí: danh sách, hoặc chi tiết một bộ.",
            "help": "Liệt kê các bộ tiêu chí có sẵn; với BỘ_TIÊU_CHÍ, in chi tiết bộ đó: các nhóm, tiêu chí, chỉ "
                    "tiêu với ngưỡng và mức chắc chắn của ngưỡng. BỘ_TIÊU_CHÍ là mã hoặc tên một bộ có sẵn, hoặc "
                    "đường dẫn tới tệp .yaml của một bộ tiêu chí (ví dụ bộ của tỉnh đang soạn: tệp được kiểm tra "
                    "theo lược đồ). Lệnh con: 'export' ghi một bộ ra bảng Excel để tỉnh đối chiếu, sửa; 'import' "
                    "nhập bảng đã sửa thành tệp .yaml. Danh sách đếm chỉ tiêu của mỗi bộ theo mức chắc chắn của "
                    "ngưỡng: xác nhận, suy ra, tạm tính; --provisional chỉ liệt kê các ngưỡng tạm tính, kèm nguồn.",
            "arguments": {"set_id": "Mã hoặc tên một bộ có sẵn, hoặc đường dẫn tệp .yaml."},
            "options": {"provisional": "Chỉ liệt kê các chỉ tiêu có ngưỡng tạm tính của BỘ_TIÊU_CHÍ, với ngưỡng và "
                                       "nguồn."},
            "examples": ["ntm frameworks hanam-2022-nang-cao --provisional",
                         "ntm frameworks data/examples/tinh-mau/frameworks/tinh-mau-2026-ntm.yaml"],
        },
        "export": {
            "short": "Ghi một bộ tiêu chí ra bảng Excel để đối chiếu, sửa.",
            "help": "Ghi BỘ_TIÊU_CHÍ ra một bảng Excel: mỗi dòng một chỉ tiêu với mã, tên, đơn vị, quy tắc, một "
                    "cột ngưỡng cho mỗi vùng (hoặc nhóm xã) và năm, mức chắc chắn và nguồn; có trang hướng dẫn và "
                    "danh sách chọn ở cột quy tắc và mức chắc chắn; bảng luôn viết bằng tiếng Việt. Sửa xong, nhập lại "
                    "bằng 'ntm frameworks import'.",
            "arguments": {"set_id": "Mã hoặc tên một bộ có sẵn, hoặc đường dẫn tệp .yaml."},
            "options": {"out": "Tệp Excel (.xlsx) kết quả."},
            "examples": ["ntm frameworks export hanam-2022-ntm --out bo-tieu-chi.xlsx"],
        },
        "import": {
            "short": "Nhập bảng Excel bộ tiêu chí đã sửa thành tệp .yaml.",
            "help": "Đọc bảng Excel bộ tiêu chí đã sửa (do 'ntm frameworks export' viết) và ghi một bộ tiêu chí "
                    ".yaml đã kiểm tra. Với --extends, tệp chỉ ghi những chỗ khác bộ gốc. Chỉ tiêu nào có quy tắc "
                    "hoặc ngưỡng được sửa được ghi 'xác nhận', với nguồn là quyết định --decision; với "
                    "--provisional (nhập thử) hoặc khi không có --decision thì được ghi 'tạm tính', và nguồn của bộ "
                    "ghi là nhập thử. Lỗi ghi rõ trang tính và ô.",
            "arguments": {"workbook": "Bảng Excel bộ tiêu chí đã sửa."},
            "metavars": {"workbook": "TỆP.xlsx", "new_id": "MÃ", "extends": "BỘ_GỐC", "decision": "QUYẾT_ĐỊNH",
                         "tier": "HẠNG"},
            "options": {"new_id": "Mã của bộ tiêu chí mới (chữ thường, số, gạch nối), cũng là tên tệp .yaml.",
                        "extends": "Bộ gốc mà bộ mới kế thừa: chỉ ghi những chỗ khác bộ gốc.",
                        "decision": "Số và ngày quyết định của tỉnh, ví dụ \"12/2024/QĐ-UBND ngày 15/3/2024\": "
                                    "nguồn của bộ và của các ngưỡng được sửa.",
                        "provisional": "Nhập thử: ngưỡng được sửa ghi 'tạm tính', không bao giờ 'xác nhận' (dự "
                                       "thảo, phương án cân nhắc).",
                        "tier": "Hạng của bộ mới, thay hạng ở trang 'Thông tin' (mã hoặc tên: hien-dai, "
                                "\"NTM hiện đại\"): bộ được ghi với bậc của hạng và hạng cần đạt trước.",
                        "out": "Tệp .yaml kết quả, thường là DỮ_LIỆU/frameworks/MÃ.yaml."},
            "examples": ["ntm frameworks import bo-tieu-chi.xlsx --id hanam-2024-ntm --extends vn-2021-ntm "
                         "--decision \"12/2024/QĐ-UBND ngày 15/3/2024\" --out hanam-2024-ntm.yaml",
                         "ntm frameworks import bo-tieu-chi.xlsx --id hanam-thu-ntm --extends vn-2021-ntm "
                         "--provisional --out hanam-thu-ntm.yaml"],
        },
    },
    "en": {
        "frameworks": {
            "short": "Criteria sets: the list, or one set in detail.",
            "help": "List the built-in criteria sets; with SET, print that set in detail: its groups, criteria and "
                    "indicators with their thresholds and how sure each threshold is. SET is a built-in set's id or "
                    "name, or the path of a criteria set's .yaml file (a province's set being written, for instance: "
                    "the file is checked against the schema). Subcommands: 'export' writes a set as an Excel "
                    "workbook for the province to check and correct; 'import' turns the corrected workbook into a "
                    ".yaml file. The list counts each set's indicators by how sure their threshold is: confirmed, "
                    "derived, provisional; --provisional lists only the provisional thresholds, with their source.",
            "arguments": {"set_id": "A built-in set's id or name, or the path of a .yaml file."},
            "options": {"provisional": "List only the indicators of SET whose threshold is provisional, with "
                                       "threshold and source."},
            "examples": ["ntm frameworks hanam-2022-nang-cao --provisional",
                         "ntm frameworks data/examples/tinh-mau/frameworks/tinh-mau-2026-ntm.yaml"],
        },
        "export": {
            "short": "Write a criteria set as an Excel workbook to check and correct.",
            "help": "Write SET as an Excel workbook: one row per indicator with its code, name, unit, rule, one "
                    "threshold column per region (or commune group) and year, how sure the threshold is and its "
                    "source; a sheet of instructions and drop-down lists on the rule and mark columns; the workbook "
                    "is always in Vietnamese. Once corrected, bring it back with 'ntm frameworks import'.",
            "arguments": {"set_id": "A built-in set's id or name, or the path of a .yaml file."},
            "options": {"out": "The Excel workbook (.xlsx) to write."},
            "examples": ["ntm frameworks export hanam-2022-ntm --out bo-tieu-chi.xlsx"],
        },
        "import": {
            "short": "Turn a corrected criteria-set workbook into a .yaml set.",
            "help": "Read a corrected criteria-set workbook (written by 'ntm frameworks export') and write a "
                    "checked .yaml criteria set. With --extends, the file holds only the differences from the "
                    "parent. Every indicator whose rule or threshold was changed is marked confirmed, with the "
                    "--decision as its source; with --provisional (a trial) or without --decision it is marked "
                    "provisional, and the set's source says it is a trial. Errors name the sheet and the cell.",
            "arguments": {"workbook": "The corrected criteria-set workbook."},
            "metavars": {"workbook": "FILE.xlsx", "new_id": "ID", "extends": "PARENT", "decision": "DECISION",
                         "tier": "TIER"},
            "options": {"new_id": "Id of the new set (lower case, digits, hyphens), also its file name.",
                        "extends": "The parent set: only the differences from it are written.",
                        "decision": "Number and date of the province's decision, for example "
                                    "\"12/2024/QĐ-UBND ngày 15/3/2024\": the source of the set and of the "
                                    "changed thresholds.",
                        "provisional": "A trial import: changed thresholds are marked provisional, never "
                                       "confirmed (a draft, an option being weighed).",
                        "tier": "The new set's tier, instead of the one on the 'Thông tin' sheet (a code or a "
                                "name: hien-dai, \"NTM hiện đại\"): the set is written with the tier's rank and the "
                                "tier it requires.",
                        "out": "The .yaml file to write, usually DATASET/frameworks/ID.yaml."},
            "examples": ["ntm frameworks import bo-tieu-chi.xlsx --id hanam-2024-ntm --extends vn-2021-ntm "
                         "--decision \"12/2024/QĐ-UBND ngày 15/3/2024\" --out hanam-2024-ntm.yaml",
                         "ntm frameworks import bo-tieu-chi.xlsx --id hanam-thu-ntm --extends vn-2021-ntm "
                         "--provisional --out hanam-thu-ntm.yaml"],
        },
    },
}


def _first_word(args: list[str]) -> int:
    """Where the first word of `args` that is not one of the group's options (--lang X, --provisional,
    --help) is: the set, or a subcommand."""
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] != "--":
        i += 2 if args[i] == "--lang" else 1
    return i


class SetsGroup(AppGroup):
    """`ntm frameworks`: the list of sets, one set in detail (`ntm frameworks ID`), or one of the
    subcommands (`ntm frameworks export ID`, `ntm frameworks import FILE`): a first word that
    names a subcommand runs it, any other is the set to show."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """The group's options and the set to show; or its options, and the subcommand with its
        arguments left in ctx.args for invoke."""
        i = _first_word(args)
        if i < len(args) and args[i] in self.commands:
            super().parse_args(ctx, args[:i])  # options only: no set
            ctx.args = args[i:]
            return ctx.args
        ctx.allow_interspersed_args = True  # not a subcommand: options may follow the set
        try:
            rest = click.Command.parse_args(self, ctx, args)  # the set and the options: no word taken as a command
        except click.UsageError as e:  # the parser's own errors come without their context
            e.ctx = e.ctx or ctx
            raise
        if ctx.params.get("set_id") is not None and rest:
            raise NtmUsageError(say("extra_args", args=" ".join(rest)), ctx)
        return rest

    def invoke(self, ctx: click.Context):
        """The subcommand parse_args left in ctx.args, after the group's own callback (which then
        does nothing); else the callback alone (the list, or the set)."""
        if not ctx.args:
            return super().invoke(ctx)
        name, command, rest = self.resolve_command(ctx, ctx.args)
        ctx.args = []
        ctx.invoked_subcommand = name
        super().invoke(ctx)
        with command.make_context(name, rest, parent=ctx) as sub:
            return command.invoke(sub)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """'[TÙY_CHỌN] [BỘ_TIÊU_CHÍ | LỆNH [THAM_SỐ]...]'."""
        pieces = super().collect_usage_pieces(ctx)
        command, set_ref = pieces.pop(), pieces.pop()
        return [*pieces, f"[{set_ref.strip('[]')} | {command}]"]


class SetArgument(NtmArgument):
    """The SET of `ntm frameworks [SET]`, left out of the usage line of its subcommands."""

    def get_usage_pieces(self, ctx: click.Context) -> list[str]:
        """'[BỘ_TIÊU_CHÍ]' in the usage of `ntm frameworks`, nothing in that of `ntm frameworks export`."""
        return super().get_usage_pieces(ctx) if isinstance(ctx.command, SetsGroup) else []


@main.group("frameworks", cls=SetsGroup, invoke_without_command=True, words=HELP)
@click.argument("set_id", required=False, cls=SetArgument)
@option("--provisional", is_flag=True)
@click.pass_context
def frameworks(ctx: click.Context, set_id: str | None, provisional: bool) -> None:
    """`ntm frameworks [SET] [--provisional]`: the built-in criteria sets with their indicators
    counted by confidence mark (confirmed / derived / provisional), one set (id, name or .yaml
    file) in detail, or only its provisional thresholds; or a subcommand (export, import)."""
    if ctx.invoked_subcommand is not None:
        return
    lang = language()
    if set_id is None:
        if provisional:  # every built-in set's provisional thresholds
            click.echo("\n\n".join(provisional_listing(load_set(sid), lang) for sid in available_sets()))
        else:
            click.echo(sets_table([load_set(sid) for sid in available_sets()], lang).to_string(index=False))
        return
    s = load_set(set_id_among(set_id, available_sets()))
    click.echo(provisional_listing(s, lang) if provisional else describe_set(s, lang))


@frameworks.command("export", words=HELP)
@argument("set_id")
@option("--out", type=click.Path(dir_okay=False), required=True)
def frameworks_export(set_id: str, out: str) -> None:
    """`ntm frameworks export SET --out FILE.xlsx`: a criteria set as a workbook an officer can correct."""
    export_set(set_id, Path(out))
    click.echo(say("written", path=out))


@frameworks.command("import", words=HELP)
@argument("workbook", type=click.Path(dir_okay=False))
@option("--id", "new_id", required=True)
@option("--extends")
@option("--decision", default="")
@option("--provisional", is_flag=True)
@option("--tier")
@option("--out", type=click.Path(dir_okay=False), required=True)
def frameworks_import(workbook: str, new_id: str, extends: str | None, decision: str, provisional: bool,
                      tier: str | None, out: str) -> None:
    """`ntm frameworks import FILE.xlsx --id ID --out DATASET/frameworks/ID.yaml`: a corrected
    workbook as a validated criteria set (only the differences when it --extends a parent)."""
    if not Path(workbook).is_file():
        raise ParameterError(Problem(workbook, say("no_file", path=workbook)))
    s = import_set(Path(workbook), new_id, Path(out), extends=extends, decision=decision, provisional=provisional,
                   tier=tier)
    click.echo(say("written", path=out))
    if tier:
        click.echo(say("imported_tier", tier=tier_name(s.tier, language()), code=s.tier, rank=s.tier_rank,
                       requires=tier_name(s.requires, language()) if s.requires else "—"))
    click.echo(say("imported", id=s.id, indicators=s.indicators_total,
                   confirmed=sum(i.confidence == "confirmed" for i in s.indicators)))
    if provisional:
        click.echo(say("imported_trial", provisional=s.provisional_count))

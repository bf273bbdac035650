"""The `ntm` command.

Every line it prints is in one language: Vietnamese, or English with `--lang en` or
`NTM_LANG=en` (ntmlib.cli.translation says how click's own words are replaced). Names of communes,
districts, provinces and criteria sets are resolved by ntmlib.dataset.resolve, the same way everywhere.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import pandas as pd

from ..analysis import reorg
from ..dataset import resolve
from ..run.batch import FORMATS, run_batch
from ..present.bulletin import bulletin, to_markdown
from ..present.bulletin import to_html as bulletin_html
from ..office.word_bulletin import Letterhead, to_docx
from .translation import (
    Choice,
    DateTime,
    Folder,
    Int,
    NtmArgument,
    NtmGroup,
    NtmOption,
    NtmUsageError,
    argument,
    language,
    option,
    say,
)
from ..office.data_entry import LAYOUTS, write_template
from ..errors import DataError, NotebookError, OutputError, ParameterError, Problem
from ..office.excel import write_score_workbook
from ..run.export import write_html
from ..criteria.criteria_set import available_sets, load_set
from ..office.criteria_workbook import export_set, import_set
from ..dataset.loading import load_dataset
from ..base.outputs import check_output_dir, csv_safe, write_text_atomic
from ..analysis.roadmap import roadmap_for, to_text
from ..run.runner import copy_notebooks, run_report
from ..scoring.engine import score
from ..dataset.synthetic import make_national
from ..analysis.trends import display_table, trends
from ..dataset.units import crosswalk_2025
from ..analysis.validation import validate
from ..version import __version__
from ..present.views import NewCommuneReport
from ..analysis.whatif import whatif
from ..text import (
    CLI_HELP,
    FRAMEWORK_TEXT,
    NO_THRESHOLD_TEXT,
    REORG_LABELS,
    REPORT_LABELS,
    RULE_WORDS,
    TIERS,
    TREND_HEADERS,
    communes_display,
    date_text,
    label,
    localized,
    tier_name,
)


def _fail(problems) -> None:
    click.echo(say("data_errors", n=len(problems)), err=True)
    for p in problems:
        click.echo(f"  - {p.text(language())}", err=True)
    sys.exit(2)


class _Group(NtmGroup):
    """Turns DataError into a list of problems and exit status 2, never a traceback."""

    def invoke(self, ctx):
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


@click.group("ntm", cls=_Group, invoke_without_command=True, no_args_is_help=True)
@click.option("--version", cls=NtmOption, is_flag=True, expose_value=False, is_eager=True, callback=_print_version)
@click.pass_context
def main(ctx: click.Context) -> None:
    """`ntm`: score communes against the NTM criteria sets, write bulletins and reports."""
    if ctx.invoked_subcommand is None:  # options but no command: `ntm --lang en`
        raise NtmUsageError(say("missing_command", commands=", ".join(main.list_commands(ctx))), ctx)


# --------------------------------------------------------------------------- names


def _set_ref(ref: str, ids, search=()) -> str:
    """The id of the set `ref` names among `ids` (see resolve.set_id), or `ref` itself: a set's
    .yaml file, or any reference when there are no sets to name (a year without data: the
    command says why)."""
    ids = list(dict.fromkeys(ids))
    if not ids or ref in ids or (Path(ref).suffix in (".yaml", ".yml") and Path(ref).exists()):
        return ref
    names, tiers = {}, {}
    for i in ids:
        try:
            s = load_set(i, search)
            names[i], tiers[i] = s.name, s.tier
        except DataError:  # a file that is not a valid set is still known by its id
            names[i] = i
    return resolve.set_id(ref, names, tiers=tiers)


def _commune_ref(ds, ref: str) -> str:
    """`ref` as the report notebook takes it: an old commune of communes.csv, or a new commune of
    crosswalk.csv; the closest names of both when it is neither."""
    units = reorg.new_communes(ds)
    try:
        cid = resolve.commune_id(ds.communes, ref, ds.file_name("communes"), also=units.get("new_commune", ()))
    except ParameterError:
        if "@" in ref or len(units):
            try:
                reorg.find_new_commune(ds, ref)
                return ref
            except DataError:
                pass
        raise
    # the notebook resolves the name again (ntmlib.present.views, same resolver); an id where only this one knows it
    return ref if resolve.resolve_communes(pd.Series([ref]), ds.communes).iloc[0] == cid else cid


# --------------------------------------------------------------------------- the commands


class _SetsGroup(_Group):
    """`ntm frameworks`: the list of sets, one set in detail (`ntm frameworks ID`), or one of the
    subcommands (`ntm frameworks export ID`, `ntm frameworks import FILE`): a first word that
    names a subcommand runs it, any other is the set to show."""

    def parse_args(self, ctx, args):
        """The set to show, or the subcommand and its arguments."""
        i = 0
        while i < len(args) and args[i].startswith("-") and args[i] != "--":
            i += 2 if args[i] == "--lang" else 1
        if i < len(args) and args[i] in self.commands:
            super().parse_args(ctx, args[:i])
            ctx._protected_args, ctx.args = [args[i]], args[i + 1:]
            return ctx.args
        ctx.allow_interspersed_args = True  # not a subcommand: options may follow the set, as before
        rest = super().parse_args(ctx, args)
        if ctx.params.get("set_id") is not None and ctx._protected_args:
            extra = [*ctx._protected_args, *ctx.args]
            raise NtmUsageError(say("extra_args", args=" ".join(extra)), ctx)
        return rest

    def collect_usage_pieces(self, ctx):
        """'[TÙY_CHỌN] [BỘ_TIÊU_CHÍ | LỆNH [THAM_SỐ]...]'."""
        pieces = super().collect_usage_pieces(ctx)
        command, set_ref = pieces.pop(), pieces.pop()
        return [*pieces, f"[{set_ref.strip('[]')} | {command}]"]


class _SetArgument(NtmArgument):
    """The SET of `ntm frameworks [SET]`, left out of the usage line of its subcommands."""

    def get_usage_pieces(self, ctx):
        """'[BỘ_TIÊU_CHÍ]' in the usage of `ntm frameworks`, nothing in that of `ntm frameworks export`."""
        return super().get_usage_pieces(ctx) if isinstance(ctx.command, _SetsGroup) else []


@main.group("frameworks", cls=_SetsGroup, invoke_without_command=True)
@click.argument("set_id", required=False, cls=_SetArgument)
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
            return
        head = label(FRAMEWORK_TEXT, "set_columns", lang)
        rows = []
        for sid in available_sets():
            s = load_set(sid)
            n = s.confidence_counts()
            rows.append(dict(zip(head, (
                s.id, localized(s.name, s.name_en, lang), tier_name(s.tier, lang),
                f"{s.period[0]}–{s.period[1]}" if s.period else "", s.criteria_total,
                f"{s.indicators_total}/{s.declared['indicators']}" if s.missing_count else s.indicators_total,
                n["confirmed"], n["derived"], n["provisional"]))))
        click.echo(pd.DataFrame(rows).to_string(index=False))
        return
    s = load_set(_set_ref(set_id, available_sets()))
    click.echo(provisional_listing(s, lang) if provisional else describe_set(s, lang))


def provisional_listing(s, lang: str = "vi") -> str:
    """The provisional thresholds of a set: one line per indicator with its threshold and source."""
    table = s.provisional_table()
    if table.empty:
        return label(FRAMEWORK_TEXT, "provisional_none", lang, set=s.id)
    signs = RULE_WORDS[lang]
    lines = [label(FRAMEWORK_TEXT, "provisional_head", lang, set=s.id, n=len(table))]
    names = {i.code: localized(i.name, i.name_en, lang) for i in s.indicators}
    for r in table.itertuples(index=False):
        rule = signs[r.rule]
        thr = f"{rule} {r.threshold_text}" if r.threshold_text else rule
        unit = f" {r.unit}" if r.unit and r.threshold_text and ";" not in r.threshold_text and "=" not in r.threshold_text \
            else ""
        lines.append(f"  {r.indicator:<6} {names[r.indicator]} — {thr}{unit}")
        if r.source:
            lines.append(f"         {r.source}")
    return "\n".join(lines)


@frameworks.command("export")
@argument("set_id")
@option("--out", type=click.Path(dir_okay=False), required=True)
def frameworks_export(set_id: str, out: str) -> None:
    """`ntm frameworks export SET --out FILE.xlsx`: a criteria set as a workbook an officer can correct."""
    export_set(load_set(_set_ref(set_id, available_sets())), Path(out))
    click.echo(say("written", path=out))


@frameworks.command("import")
@argument("workbook", type=click.Path(dir_okay=False))
@option("--id", "new_id", required=True)
@option("--extends")
@option("--decision", default="")
@option("--out", type=click.Path(dir_okay=False), required=True)
def frameworks_import(workbook: str, new_id: str, extends: str | None, decision: str, out: str) -> None:
    """`ntm frameworks import FILE.xlsx --id ID --out DATASET/frameworks/ID.yaml`: a corrected
    workbook as a validated criteria set (only the differences when it --extends a parent)."""
    if not Path(workbook).is_file():
        raise ParameterError(Problem(workbook, say("no_file", path=workbook)))
    s = import_set(Path(workbook), new_id, Path(out), extends=extends, decision=decision)
    click.echo(say("written", path=out))
    click.echo(say("imported", id=s.id, indicators=s.indicators_total,
                   confirmed=sum(i.confidence == "confirmed" for i in s.indicators)))


def describe_set(s, lang: str = "vi") -> str:
    """The tree of a set: groups, criteria, indicators with thresholds and confidence marks."""
    src = s.source
    t = lambda key, **fmt: say(key, lang, **fmt)  # noqa: E731
    lines = [f"{s.id}: {localized(s.name, s.name_en, lang)}", "  " + t("set_tier", tier=tier_name(s.tier, lang))
             + (t("set_requires", tier=tier_name(s.requires, lang)) if s.requires else "")]
    if s.period:
        lines.append("  " + t("set_period", period=f"{s.period[0]}–{s.period[1]}"))
    legal = ", ".join(str(x) for x in (src.get("issuer"), src.get("decision") and t("set_decision",
                                                                                     decision=src["decision"]),
                                       src.get("date"), src.get("appendix")) if x)
    if legal:
        lines.append("  " + t("set_basis", basis=legal))
    if src.get("note"):
        lines.append("  " + t("set_note", note=src["note"]))
    if len(s.lineage) > 1:
        lines.append("  " + t("set_lineage", chain=" ← ".join(s.lineage)))
    lines.append("  " + label(FRAMEWORK_TEXT, "set_counts", lang, criteria=s.criteria_total,
                              indicators=s.indicators_total, **s.confidence_counts()))
    signs, marks = RULE_WORDS[lang], say("confidence", lang)
    for gcode, g in s.groups.items():
        crits = [c for c in s.criteria if c.group == gcode]
        if not crits:
            continue
        lines.append(f"\n{gcode}. {localized(g['name'], g.get('name_en'), lang)}")
        for c in crits:
            lines.append("  " + t("set_criterion", code=c.code, name=localized(c.name, c.name_en, lang)))
            for i in (i for i in s.indicators if i.criterion == c.code):
                rule = signs[i.rule]
                thr = f"{rule} {i.threshold.describe()}" if i.threshold else rule
                unit = f" {i.unit}" if i.unit and i.threshold and i.threshold.kind == "all" else ""
                lines.append(f"    {i.code:<6} {localized(i.name, i.name_en, lang)} — {thr}{unit}  "
                             f"[{marks[i.confidence]}]")
    return "\n".join(lines)


@main.command("score")
@argument("dataset", type=Folder())
@option("--year", type=Int(), required=True)
@option("--set", "set_id")
@option("--tier", type=Choice(TIERS))
@option("--format", "fmt", type=Choice(["table", "csv", "json", "xlsx"]), default="table", show_default=True)
@option("--out", type=click.Path())
def score_cmd(dataset, year, set_id, tier, fmt, out) -> None:
    """`ntm score`: the communes of a dataset scored for one year."""
    lang = language()
    ds = load_dataset(dataset)
    if set_id:  # one of the year's sets first, else any set the dataset or ntmlib has
        try:
            set_id = _set_ref(set_id, ds.set_ids_for(year), ds.framework_dir)
        except ParameterError:
            set_id = _set_ref(set_id, [*ds.set_ids_for(year), *(p.stem for d in ds.framework_dir
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
    _emit(text, out)


def _emit(text: str, out: str | None) -> None:
    if out:
        write_text_atomic(Path(out), text if text.endswith("\n") else text + "\n")
        click.echo(say("written", path=out))
    else:
        click.echo(text)


@main.command("validate")
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


@main.command("bulletin")
@argument("dataset", type=Folder())
@option("--year", type=Int(), required=True)
@option("--format", "fmt", type=Choice(["md", "docx", "html"]), default="md", show_default=True)
@option("--out", type=click.Path())
@option("--date", "issued", type=DateTime())
def bulletin_cmd(dataset, year, fmt, out, issued) -> None:
    """`ntm bulletin`: the results part of the district bulletin for one year (in Vietnamese)."""
    if fmt == "docx" and not out:
        raise NtmUsageError(say("needs_out", fmt="docx"))
    ds = load_dataset(dataset)
    b = bulletin(ds, year)
    if fmt == "docx":
        head = Letterhead.from_meta(ds.meta, issued.date() if issued else None)
        to_docx(b, Path(out), letterhead=head, year=year)
        click.echo(say("written", path=out))
    else:
        _emit(bulletin_html(b) if fmt == "html" else to_markdown(b), out)


@main.command("roadmap")
@argument("dataset", type=Folder())
@option("--year", type=Int(), required=True)
@option("--target", type=Choice(TIERS), default="nang-cao", show_default=True)
@option("--by", "by_year", type=Int())
@option("--district")
@option("--format", "fmt", type=Choice(["table", "csv"]), default="table", show_default=True)
@option("--out", type=click.Path())
def roadmap_cmd(dataset, year, target, by_year, district, fmt, out) -> None:
    """`ntm roadmap`: what each commune still misses to reach a tier, and the district totals."""
    ds = load_dataset(dataset)
    if district:
        district = resolve.district_name(ds.communes, district, ds.file_name("communes"))
    card = score(ds, year=[y for y in ds.years if y <= year]) if year in ds.years else score(ds, year=year)
    rm = roadmap_for(card, year, target, by_year, district)
    if district:
        card = card.subset(rm["commune_id"].unique()) if not rm.empty else card
    _emit(to_text(rm, card, year, target, language()) if fmt == "table" else csv_safe(rm).to_csv(index=False), out)


@main.command("whatif")
@argument("dataset", type=Folder())
@option("--year", type=Int(), required=True)
@option("--set", "set_id", required=True)
@option("--indicator", required=True)
@option("--threshold", required=True)
@option("--region")
@option("--group")
def whatif_cmd(dataset, year, set_id, indicator, threshold, region, group) -> None:
    """`ntm whatif`: which communes change when one threshold changes."""
    if region and group:
        raise NtmUsageError(say("one_of", a="--region", b="--group"))
    lang = language()
    ds = load_dataset(dataset)
    set_id = _set_ref(set_id, ds.set_ids_for(year), ds.framework_dir)
    w = whatif(ds, set_id, indicator, threshold, year=year, region=region, group=group)
    lines = w.sentences(lang)
    click.echo("\n".join(lines[:1]))
    if w.changed:
        click.echo("\n" + w.table(lang).to_string(index=False) + "\n")
    click.echo("\n".join(lines[1:]))


@main.command("trends")
@argument("dataset", type=Folder())
@option("--commune", required=True)
@option("--set", "set_id")
@option("--all", "show_all", is_flag=True)
def trends_cmd(dataset, commune, set_id, show_all) -> None:
    """`ntm trends`: the trend of each indicator of one commune over the years."""
    lang = language()
    ds = load_dataset(dataset)
    cid = resolve.commune_id(ds.communes, commune, ds.file_name("communes"))
    card = score(ds)
    tr = trends(card, communes=[cid])
    if set_id:
        tr = tr[tr["set"] == resolve.set_id(set_id, {i: s.name for i, s in card.sets.items()},
                                            tiers={i: s.tier for i, s in card.sets.items()})]
    name = ds.communes.set_index("commune_id").at[cid, "commune"]
    click.echo(say("trends_title", name=name, years=", ".join(map(str, ds.years))))
    click.echo(say("trends_rule"))
    shown = tr if show_all else tr[tr["met"].ne(True) | tr["direction"].isin(["improving", "worsening"])]
    hidden = len(tr) - len(shown)
    for s, g in shown.groupby("set", sort=False):
        click.echo(f"\n{s} ({tier_name(card.sets[s].tier, lang)})")
        head = TREND_HEADERS[lang]
        table = display_table(g, lang).drop(columns=[head["set"]])
        table[head["name"]] = table[head["name"]].str.slice(0, 45)
        click.echo(table.to_string(index=False))
    if hidden:
        click.echo("\n" + say("trends_hidden", n=hidden))


@main.command("report")
@argument("dataset", type=Folder(exists=True))
@option("--year", type=Int(), required=True)
@option("--commune")
@option("--district")
@option("--out", type=click.Path(), required=True)
def report_cmd(dataset, year, commune, district, out) -> None:
    """`ntm report`: the HTML report of one commune or district (in the --lang language)."""
    if bool(commune) == bool(district):
        raise NtmUsageError(say("exactly_one", a="--commune", b="--district"))
    if Path(out).is_dir():
        raise OutputError(Problem(out, say("out_is_dir")))
    check_output_dir(Path(out).parent)  # before the notebook runs
    lang = language()
    ds = load_dataset(dataset)  # names are checked here, with suggestions, before a kernel starts
    if commune:
        kind, params = "commune", {"commune": _commune_ref(ds, commune)}
    else:
        kind, params = "district", {"district": resolve.district_name(ds.communes, district,
                                                                      ds.file_name("communes"))}
    params.update(dataset=str(Path(dataset).resolve()), year=year, lang=lang)
    label = say("report_label", kind=say(kind), name=params[kind], year=year)
    try:
        nb = run_report(kind, params, label, fresh=True)
    except NotebookError as e:
        click.echo(say("error", message=e.evalue), err=True)
        sys.exit(2)
    write_html(nb, Path(out))
    click.echo(say("written", path=out))


@main.command("reports")
@argument("dataset", type=Folder(exists=True))
@option("--year", "years", type=Int(), multiple=True)
@option("--communes")
@option("--province")
@option("--district")
@option("--out", type=click.Path(), default="reports", show_default=True)
@option("--jobs", type=Int(), default=None)
@option("--formats", default="ipynb,html", show_default=True)
@option("--force", is_flag=True)
@option("--scheduler")
@option("--isolate", is_flag=True)
def reports_cmd(dataset, years, communes, province, district, out, jobs, formats, force, scheduler, isolate) -> None:
    """`ntm reports`: every commune's and district's report, in parallel, resumable."""
    fmts = tuple(f.strip() for f in formats.split(",") if f.strip())
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise NtmUsageError(say("bad_formats", bad=", ".join(bad) or say("none"), known=", ".join(FORMATS)))
    ds = load_dataset(dataset)
    file = ds.file_name("communes")
    province = province and resolve.province_name(ds.communes, province, file)
    area = ds.communes[ds.communes["commune_id"].isin(resolve.area_communes(ds.communes, province, file=file))]
    district = district and resolve.district_name(area, district, file)
    ids = [resolve.commune_id(ds.communes, c.strip(), file) for c in communes.split(",")] if communes else None
    result = run_batch(ds, list(years) or None, ids, out, jobs, fmts, force, scheduler, isolate,
                       province=province, district=district)
    for f in result.failed:
        err = f.get("error") or {}
        cell = say("cell", cell=err["cell"]) if err.get("cell") is not None else ""
        click.echo(say("error", message=say("report_failed", label=f["label"], year=f["year"], cell=cell,
                                            error=err.get("evalue", ""))), err=True)
    click.echo(result.summary())
    click.echo(say("open_index", index=result.index))
    if not result.ok:
        sys.exit(1)


@main.command("notebooks")
@argument("folder", type=Folder())
def notebooks_cmd(folder) -> None:
    """`ntm notebooks`: copy the report notebooks installed with ntmlib into a folder."""
    for path in copy_notebooks(folder):
        click.echo(say("copied", path=path))


class _CrosswalkGroup(NtmGroup):
    """`ntm crosswalk`: its subcommands `show` (the default: `ntm crosswalk DATASET` is `ntm crosswalk
    show DATASET`) and `build`; their words are CLI_HELP's 'crosswalk show' and 'crosswalk build'."""

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
        """'Lệnh:' and each subcommand with what it does (its words are under 'crosswalk NAME')."""
        rows = [(name, CLI_HELP[language(ctx)][cmd.name]["short"]) for name, cmd in self.commands.items()]
        with formatter.section(say("commands", language(ctx))):
            formatter.write_dl(rows)


@main.group("crosswalk", cls=_CrosswalkGroup, no_args_is_help=True)
def crosswalk_cmd() -> None:
    """`ntm crosswalk`: the crosswalk of the 2025 reorganisation, shown or built."""


@crosswalk_cmd.command("crosswalk show")
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
        raise DataError(Problem(reorg.CROSSWALK_FILE, f"bộ dữ liệu {ds.name} không có {reorg.CROSSWALK_FILE}"))
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


@main.command("template")
@argument("dataset", type=Folder(exists=True))
@option("--year", type=Int(), required=True)
@option("--commune", "commune", multiple=True)
@option("--layout", type=Choice(LAYOUTS), default="per-commune", show_default=True)
@option("--out", type=click.Path(dir_okay=False), required=True)
def template_cmd(dataset, year, commune, layout, out) -> None:
    """`ntm template`: the data-entry workbook a district sends to its communes for one year."""
    ds = load_dataset(dataset)
    refs = [c.strip() for item in commune for c in item.split(",") if c.strip()]
    ids = list(dict.fromkeys(ds.commune_id(c) for c in refs)) or None
    made = write_template(ds, year, Path(out), ids, layout)
    click.echo(say("written", path=out))
    click.echo(say("template_written", communes=made["communes"], indicators=made["indicators"], year=year))


@crosswalk_cmd.command("crosswalk build")
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


crosswalk_cmd.commands = {"show": crosswalk_show, "build": crosswalk_build}


@main.command("synthetic")
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


if __name__ == "__main__":
    main()

"""The `ntm` command."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import pandas as pd

from . import reorg
from .batch import FORMATS, run_batch
from .bulletin import bulletin, to_markdown
from .bulletin import to_html as bulletin_html
from .bulletin_docx import Letterhead, to_docx
from .errors import DataError, NotebookError, OutputError, ParameterError, Problem
from .excel import write_score_workbook
from .export import write_html
from .framework import available_sets, load_set
from .loading import load_dataset
from .outputs import check_output_dir, csv_safe, write_text_atomic
from .roadmap import roadmap_for, to_text
from .runner import copy_notebooks, run_report
from .scoring import score
from .synthetic import make_national
from .trends import display_table, trends
from .validation import validate
from .version import __version__
from .views import NewCommuneReport
from .whatif import whatif
from .words import (
    CONFIDENCE_MARKS,
    REORG_LABELS,
    REPORT_LABELS,
    RULE_SIGNS,
    TIERS,
    TREND_HEADERS,
    communes_display,
    date_text,
    tier_name,
)


def _fail(problems) -> None:
    click.echo(f"Lỗi dữ liệu ({len(problems)} vấn đề):", err=True)
    for p in problems:
        click.echo(f"  - {p}", err=True)
    sys.exit(2)


class _Group(click.Group):
    """Turns DataError into a list of problems and exit status 2, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (ParameterError, OutputError) as e:  # what the user asked for, or where to write: one line each
            for p in e.problems:
                click.echo(f"Lỗi: {p}", err=True)
            sys.exit(2)
        except DataError as e:
            _fail(e.problems)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="ntm")
def main() -> None:
    """ntm: chấm điểm xã theo Bộ tiêu chí nông thôn mới và lập bản tin."""


@main.command()
@click.argument("set_id", required=False)
def frameworks(set_id: str | None) -> None:
    """Liệt kê các bộ tiêu chí, hoặc in chi tiết bộ SET_ID."""
    if set_id is None:
        rows = []
        for sid in available_sets():
            s = load_set(sid)
            rows.append({"Mã": s.id, "Tên": s.name, "Hạng": tier_name(s.tier),
                         "Giai đoạn": f"{s.period[0]}–{s.period[1]}" if s.period else "",
                         "Tiêu chí": s.criteria_total,
                         "Chỉ tiêu": (f"{s.indicators_total}/{s.declared['indicators']}" if s.missing_count
                                      else s.indicators_total),
                         "Ngưỡng tạm tính": s.provisional_count})
        click.echo(pd.DataFrame(rows).to_string(index=False))
        return
    click.echo(describe_set(load_set(set_id)))


def describe_set(s) -> str:
    """The tree of a set: groups, criteria, indicators with thresholds and confidence marks."""
    src = s.source
    lines = [f"{s.id}: {s.name}", f"  Hạng: {tier_name(s.tier)}"
             + (f" (yêu cầu đã đạt {tier_name(s.requires)})" if s.requires else "")]
    if s.period:
        lines.append(f"  Giai đoạn: {s.period[0]}–{s.period[1]}")
    legal = ", ".join(str(x) for x in (src.get("issuer"), src.get("decision") and f"Quyết định {src['decision']}",
                                       src.get("date"), src.get("appendix")) if x)
    if legal:
        lines.append(f"  Căn cứ: {legal}")
    if src.get("note"):
        lines.append(f"  Ghi chú: {src['note']}")
    if len(s.lineage) > 1:
        lines.append(f"  Kế thừa: {' ← '.join(s.lineage)}")
    lines.append(f"  {s.criteria_total} tiêu chí, {s.indicators_total} chỉ tiêu; "
                 f"{s.provisional_count} chỉ tiêu có ngưỡng tạm tính")
    for gcode, g in s.groups.items():
        crits = [c for c in s.criteria if c.group == gcode]
        if not crits:
            continue
        lines.append(f"\n{gcode}. {g['name']}")
        for c in crits:
            lines.append(f"  Tiêu chí {c.code}. {c.name}")
            for i in (i for i in s.indicators if i.criterion == c.code):
                rule = RULE_SIGNS[i.rule]
                thr = f"{rule} {i.threshold.describe()}" if i.threshold else rule
                unit = f" {i.unit}" if i.unit and i.threshold and i.threshold.kind == "all" else ""
                lines.append(f"    {i.code:<6} {i.name} — {thr}{unit}  [{CONFIDENCE_MARKS[i.confidence]}]")
    return "\n".join(lines)


@main.command("score")
@click.argument("dataset", type=click.Path(file_okay=False))
@click.option("--year", type=int, required=True, help="Năm đánh giá.")
@click.option("--set", "set_id", help="Chỉ chấm theo bộ tiêu chí này.")
@click.option("--tier", type=click.Choice(TIERS), help="Chỉ chấm theo bộ tiêu chí của hạng này.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "xlsx"]), default="table",
              show_default=True)
@click.option("--out", type=click.Path(), help="Ghi ra tệp thay vì màn hình (bắt buộc với xlsx).")
def score_cmd(dataset, year, set_id, tier, fmt, out) -> None:
    """Chấm điểm các xã của DATASET cho một năm."""
    card = score(dataset, sets=set_id, year=year)
    communes = card.communes
    if tier:
        communes = communes[communes["tier"] == tier]
        if communes.empty:
            raise click.UsageError(f"không có bộ tiêu chí hạng '{tier}' cho năm {year}")
    if fmt == "xlsx":
        if not out:
            raise click.UsageError("--format xlsx cần --out TỆP.xlsx")
        write_score_workbook(card, Path(out), sets=communes["set"].unique())
        click.echo(f"Đã ghi {out}")
        return
    if fmt == "table":
        text = communes_display(communes).to_string(index=False)
    elif fmt == "csv":
        text = csv_safe(communes).to_csv(index=False)
    else:
        text = json.dumps(json.loads(communes.to_json(orient="records", force_ascii=False)),
                          ensure_ascii=False, indent=1)
    _emit(text, out)


def _emit(text: str, out: str | None) -> None:
    if out:
        write_text_atomic(Path(out), text if text.endswith("\n") else text + "\n")
        click.echo(f"Đã ghi {out}")
    else:
        click.echo(text)


@main.command("validate")
@click.argument("dataset", type=click.Path())
def validate_cmd(dataset) -> None:
    """Kiểm tra DATASET; liệt kê mọi vấn đề (mã thoát 2 nếu có)."""
    problems = validate(dataset)
    if problems.skipped:
        click.echo(f"Không dùng khi chấm ({len(problems.skipped)} mục, không phải lỗi):")
        for s in problems.skipped:
            click.echo(f"  - {s}")
    if problems:
        _fail(problems)
    click.echo(f"{dataset}: dữ liệu hợp lệ, không có vấn đề.")


@main.command("bulletin")
@click.argument("dataset", type=click.Path(file_okay=False))
@click.option("--year", type=int, required=True, help="Năm đánh giá.")
@click.option("--format", "fmt", type=click.Choice(["md", "docx", "html"]), default="md", show_default=True,
              help="md: Markdown; docx: văn bản Word theo thể thức văn bản hành chính; html: trang web.")
@click.option("--out", type=click.Path(), help="Tệp kết quả (bắt buộc với docx).")
@click.option("--date", "issued", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Ngày ban hành ghi ở dòng địa danh, ngày tháng của bản Word (YYYY-MM-DD; mặc định hôm nay).")
def bulletin_cmd(dataset, year, fmt, out, issued) -> None:
    """Viết phần kết quả của bản tin nông thôn mới cho năm YEAR."""
    if fmt == "docx" and not out:
        raise click.UsageError("--format docx cần --out TỆP.docx")
    ds = load_dataset(dataset)
    b = bulletin(ds, year)
    if fmt == "docx":
        head = Letterhead.from_meta(ds.meta, issued.date() if issued else None)
        to_docx(b, Path(out), letterhead=head, year=year)
        click.echo(f"Đã ghi {out}")
    else:
        _emit(bulletin_html(b) if fmt == "html" else to_markdown(b), out)


@main.command("roadmap")
@click.argument("dataset", type=click.Path(file_okay=False))
@click.option("--year", type=int, required=True, help="Năm đánh giá.")
@click.option("--target", type=click.Choice(TIERS), default="nang-cao", show_default=True, help="Hạng cần đạt.")
@click.option("--by", "by_year", type=int, help="Năm mục tiêu: khoảng thiếu nào tốc độ gần đây bù được.")
@click.option("--district", help="Chỉ các xã của huyện này.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True)
@click.option("--out", type=click.Path(), help="Ghi ra tệp thay vì màn hình.")
def roadmap_cmd(dataset, year, target, by_year, district, fmt, out) -> None:
    """Lộ trình lên hạng TARGET: mỗi xã còn thiếu chỉ tiêu nào, bao nhiêu; tổng hợp toàn huyện."""
    ds = load_dataset(dataset)
    card = score(ds, year=[y for y in ds.years if y <= year]) if year in ds.years else score(ds, year=year)
    rm = roadmap_for(card, year, target, by_year, district)
    if district:
        card = card.subset(rm["commune_id"].unique()) if not rm.empty else card
    _emit(to_text(rm, card, year, target) if fmt == "table" else csv_safe(rm).to_csv(index=False), out)


@main.command("whatif")
@click.argument("dataset", type=click.Path(file_okay=False))
@click.option("--year", type=int, required=True, help="Năm đánh giá.")
@click.option("--set", "set_id", required=True, help="Bộ tiêu chí có ngưỡng cần thay.")
@click.option("--indicator", required=True, help="Mã chỉ tiêu (ví dụ 14.1).")
@click.option("--threshold", required=True, help="Ngưỡng giả định (ví dụ 92 hoặc 92,5).")
@click.option("--region", help="Chỉ thay ngưỡng của vùng này (ví dụ DBSH).")
@click.option("--group", help="Chỉ thay ngưỡng của nhóm xã này.")
def whatif_cmd(dataset, year, set_id, indicator, threshold, region, group) -> None:
    """Giả định ngưỡng: xã nào đổi kết quả khi ngưỡng một chỉ tiêu thay đổi."""
    if region and group:
        raise click.UsageError("chỉ dùng một trong hai: --region hoặc --group")
    w = whatif(dataset, set_id, indicator, threshold, year=year, region=region, group=group)
    lines = w.sentences()
    click.echo("\n".join(lines[:1]))
    if w.changed:
        click.echo("\n" + w.table().to_string(index=False) + "\n")
    click.echo("\n".join(lines[1:]))


@main.command("trends")
@click.argument("dataset", type=click.Path(file_okay=False))
@click.option("--commune", required=True, help="Xã (mã hoặc tên).")
@click.option("--set", "set_id", help="Chỉ bộ tiêu chí này.")
@click.option("--all", "show_all", is_flag=True, help="Cả các chỉ tiêu đạt và không đổi.")
def trends_cmd(dataset, commune, set_id, show_all) -> None:
    """Xu hướng từng chỉ tiêu của một xã qua các năm (↑ tiến bộ, → không đổi, ↓ giảm sút, · thiếu số liệu)."""
    ds = load_dataset(dataset)
    cid = ds.commune_id(commune)
    card = score(ds)
    tr = trends(card, communes=[cid])
    if set_id:
        tr = tr[tr["set"] == card.require_set(set_id)]
    name = ds.communes.set_index("commune_id").at[cid, "commune"]
    click.echo(f"Xu hướng các chỉ tiêu — Xã {name}, năm {', '.join(map(str, ds.years))}")
    click.echo("So sánh giữa các năm chỉ trong cùng một bộ tiêu chí, hoặc giữa các bộ có chỉ tiêu khai báo "
               "cùng thước đo (measure).")
    shown = tr if show_all else tr[tr["met"].ne(True) | tr["direction"].isin(["improving", "worsening"])]
    hidden = len(tr) - len(shown)
    for s, g in shown.groupby("set", sort=False):
        click.echo(f"\n{s} ({tier_name(card.sets[s].tier)})")
        head = TREND_HEADERS["vi"]
        table = display_table(g).drop(columns=[head["set"]])
        table[head["name"]] = table[head["name"]].str.slice(0, 45)
        click.echo(table.to_string(index=False))
    if hidden:
        click.echo(f"\n{hidden} chỉ tiêu đạt và không đổi không được liệt kê (thêm --all để xem).")


@main.command("report")
@click.argument("dataset", type=click.Path(file_okay=False, exists=True))
@click.option("--year", type=int, required=True, help="Năm đánh giá.")
@click.option("--commune", help="Xã (mã hoặc tên): báo cáo của một xã.")
@click.option("--district", help="Huyện: báo cáo tổng hợp của huyện.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option("--out", type=click.Path(), required=True, help="Tệp HTML kết quả.")
def report_cmd(dataset, year, commune, district, lang, out) -> None:
    """Chạy sổ tay báo cáo của một xã hoặc một huyện và xuất ra một tệp HTML."""
    if bool(commune) == bool(district):
        raise click.UsageError("cần đúng một trong hai: --commune hoặc --district")
    if Path(out).is_dir():
        raise OutputError(Problem(out, "là một thư mục: ghi tên tệp HTML, ví dụ bao-cao.html"))
    check_output_dir(Path(out).parent)  # before the notebook runs
    kind, params = (("commune", {"commune": commune}) if commune else ("district", {"district": district}))
    params.update(dataset=str(Path(dataset).resolve()), year=year, lang=lang)
    try:
        nb = run_report(kind, params, f"{'Xã' if commune else 'Huyện'} {commune or district} năm {year}", fresh=True)
    except NotebookError as e:
        click.echo(f"Lỗi: {e.evalue}", err=True)
        sys.exit(2)
    write_html(nb, Path(out))
    click.echo(f"Đã ghi {out}")


@main.command("reports")
@click.argument("dataset", type=click.Path(file_okay=False, exists=True))
@click.option("--year", "years", type=int, multiple=True, help="Năm (lặp lại được); mặc định mọi năm có số liệu.")
@click.option("--communes", help="Chỉ các xã này (mã hoặc tên, cách nhau bởi dấu phẩy).")
@click.option("--province", help="Chỉ các xã và huyện của tỉnh này (tên tỉnh).")
@click.option("--district", help="Chỉ các xã của huyện này (tên huyện).")
@click.option("--out", type=click.Path(), default="reports", show_default=True, help="Thư mục kết quả.")
@click.option("--jobs", type=int, default=None, help="Số tiến trình song song (mặc định: số nhân CPU).")
@click.option("--formats", default="ipynb,html", show_default=True, help="Định dạng kết quả: ipynb, html.")
@click.option("--force", is_flag=True, help="Chạy lại mọi báo cáo, kể cả báo cáo đã có và còn mới.")
@click.option("--scheduler", help="Địa chỉ Dask scheduler (tcp://...) để chạy trên cụm máy.")
@click.option("--isolate", is_flag=True, help="Mỗi báo cáo một kernel mới (chậm hơn).")
def reports_cmd(dataset, years, communes, province, district, out, jobs, formats, force, scheduler, isolate) -> None:
    """Chạy báo cáo cho mọi xã và huyện của DATASET, song song, tiếp tục được khi bị ngắt."""
    fmts = tuple(f.strip() for f in formats.split(",") if f.strip())
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise click.UsageError(f"định dạng không hỗ trợ: {', '.join(bad) or '(trống)'} (dùng {', '.join(FORMATS)})")
    result = run_batch(dataset, list(years) or None, [c.strip() for c in communes.split(",")] if communes else None,
                       out, jobs, fmts, force, scheduler, isolate, province=province, district=district)
    for f in result.failed:
        err = f.get("error") or {}
        cell = f" (ô {err['cell']})" if err.get("cell") is not None else ""
        click.echo(f"Lỗi: {f['label']} năm {f['year']}{cell}: {err.get('evalue', '')}", err=True)
    click.echo(result.summary())
    click.echo(f"Mở {result.index} để xem các báo cáo.")
    if not result.ok:
        sys.exit(1)


@main.command("notebooks")
@click.argument("folder", type=click.Path(file_okay=False))
def notebooks_cmd(folder) -> None:
    """Chép các sổ tay báo cáo cài kèm ntmlib vào FOLDER để mở bằng JupyterLab."""
    for path in copy_notebooks(folder):
        click.echo(f"Đã chép {path}")


@main.command("crosswalk")
@click.argument("dataset", type=click.Path(file_okay=False, exists=True))
@click.argument("commune", required=False)
@click.option("--year", "years", type=int, multiple=True, help="Năm (lặp lại được); mặc định mọi năm có số liệu.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
def crosswalk_cmd(dataset, commune, years, lang) -> None:
    """Các xã mới sau sắp xếp (crosswalk.csv) và xã tiền thân; với COMMUNE: kết quả của các xã tiền thân."""
    ds = load_dataset(dataset)
    units = reorg.new_communes(ds)
    if units.empty:
        raise DataError(Problem(reorg.CROSSWALK_FILE, f"bộ dữ liệu {ds.name} không có {reorg.CROSSWALK_FILE}"))
    if commune is None:
        r = REORG_LABELS[lang]
        click.echo(pd.DataFrame({
            r["key"]: units["key"], r["new_commune"]: units["new_commune"],
            REPORT_LABELS[lang]["province"]: units["new_province"],
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


@main.command("synthetic")
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--communes", type=int, default=10_000, show_default=True, help="Số xã.")
@click.option("--seed", type=int, default=2025, show_default=True, help="Hạt giống ngẫu nhiên (cùng hạt, cùng tệp).")
def synthetic_cmd(out, communes, seed) -> None:
    """Sinh bộ dữ liệu toàn quốc mô phỏng vào OUT (OUT/parquet và OUT/csv), để đo tốc độ và kiểm thử."""
    paths = make_national(out, communes=communes, seed=seed)
    obs = pd.read_parquet(paths["parquet"] / "observations.parquet", columns=["year"])
    n = f"{len(obs):,}".replace(",", ".")  # 3.881.548
    click.echo(f"{communes} xã, {obs['year'].nunique()} năm, {n} ô số liệu")
    for fmt, path in paths.items():
        click.echo(f"  {fmt}: {path}")


if __name__ == "__main__":
    main()

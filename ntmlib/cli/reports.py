"""The reports: `ntm report` (one commune's or district's HTML report), `ntm reports` (every
commune's and district's, in parallel, resumable) and `ntm notebooks` (the report notebooks, to
open in JupyterLab)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import pandas as pd

from ..analysis.reorg import find_commune
from ..base.outputs import check_output_dir
from ..dataset import resolve
from ..dataset.loading import load_dataset
from ..errors import NotebookError, OutputError, Problem
from ..present.province_report import check_province_year
from ..run import pdf
from ..run.batch import FORMATS, plan, run_batch
from ..run.export import to_html, write_html
from ..run.runner import copy_notebooks, run_report
from ..scoring.window import require_year
from ..text import error_text, worded
from .app import main
from .translation import Choice, Folder, Int, NtmUsageError, argument, language, option, say

HELP = {  # each command's help: what it does, its arguments and options, and examples on the sample data
    "vi": {
        "report": {
            "short": "Báo cáo HTML của một xã, một huyện hoặc một tỉnh.",
            "help": "Chạy sổ tay báo cáo của một xã (--commune), một huyện (--district) hoặc một tỉnh (--province) "
                    "và xuất ra một tệp HTML tự chứa. Báo cáo viết bằng ngôn ngữ của --lang.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu."},
            "options": {"year": "Năm của báo cáo.", "commune": "Xã (mã hoặc tên): báo cáo của một xã.",
                        "district": "Huyện (tên): báo cáo tổng hợp của huyện.",
                        "province": "Tỉnh (tên): báo cáo tổng hợp của tỉnh.", "out": "Tệp kết quả.",
                        "fmt": "html: trang web; pdf: bản in khổ A4 (cần trình duyệt Chromium).",
                        "whatif": "Thêm mục giả định ngưỡng (trong khung ghi rõ là giả định, không phải kết quả) "
                                  "vào báo cáo huyện; mặc định không có."},
            "examples": ["ntm report data/ly-nhan --year 2023 --commune \"Nhân Bình\" --format pdf "
                         "--out nhan-binh.pdf",
                         "ntm report data/ly-nhan --year 2026 --province \"ninh binh\" --out ninh-binh-2026.html"],
        },
        "reports": {
            "short": "Báo cáo của mọi xã, huyện và tỉnh, chạy song song.",
            "help": "Chạy báo cáo cho mọi xã, huyện (các năm còn cấp huyện) và tỉnh của DỮ_LIỆU, song song, và viết "
                    "index.html liên kết tất cả; "
                    "chạy lại thì chỉ những báo cáo còn thiếu hoặc đã cũ được chạy (tiếp tục được khi bị ngắt).",
            "arguments": {"dataset": "Thư mục bộ dữ liệu."},
            "metavars": {"out": "THƯ_MỤC"},
            "options": {"years": "Năm (lặp lại được); mặc định mọi năm có số liệu.",
                        "communes": "Chỉ các xã này (mã hoặc tên, cách nhau bởi dấu phẩy).",
                        "province": "Chỉ các xã và huyện của tỉnh này.", "district": "Chỉ các xã của huyện này.",
                        "out": "Thư mục kết quả.", "jobs": "Số tiến trình song song (mặc định: số nhân CPU).",
                        "formats": "Định dạng kết quả, cách nhau bởi dấu phẩy: ipynb, html.",
                        "force": "Chạy lại mọi báo cáo, kể cả báo cáo đã có và còn mới; ghi đè cả tệp cùng tên "
                                 "không do lệnh này viết ra.",
                        "with_pdf": "Thêm bản in PDF khổ A4 bên cạnh mỗi báo cáo HTML (cần trình duyệt Chromium).",
                        "scheduler": "Địa chỉ Dask scheduler (tcp://...) để chạy trên cụm máy.",
                        "isolate": "Mỗi báo cáo một kernel mới (chậm hơn).",
                        "whatif": "Thêm mục giả định ngưỡng vào các báo cáo huyện (trong khung ghi rõ là giả định); "
                                  "mặc định không có."},
            "examples": ["ntm reports data/ly-nhan --year 2023 --out bao-cao",
                         "ntm reports data/ly-nhan --year 2023 --out bao-cao --pdf"],
        },
        "notebooks": {
            "short": "Chép các sổ tay báo cáo để mở bằng JupyterLab.",
            "help": "Chép các sổ tay báo cáo (và sổ tay khám phá) cài kèm ntmlib vào THƯ_MỤC để mở bằng JupyterLab; "
                    "tệp cùng tên bị thay.",
            "arguments": {"folder": "Thư mục đích (tạo nếu chưa có)."},
            "examples": ["ntm notebooks so-tay"],
        },
    },
    "en": {
        "report": {
            "short": "The HTML report of one commune, district or province.",
            "help": "Run the report notebook of one commune (--commune), district (--district) or province "
                    "(--province) and write one self-contained HTML file. The report is in the --lang language.",
            "arguments": {"dataset": "The dataset folder."},
            "options": {"year": "The report's year.", "commune": "Commune (code or name): one commune's report.",
                        "district": "District (name): the district's summary report.",
                        "province": "Province (name): the province's summary report.",
                        "out": "The file to write.",
                        "fmt": "html: a web page; pdf: an A4 print (needs the Chromium browser).",
                        "whatif": "Add the threshold what-if (boxed and titled as an assumption, not a result) to "
                                  "the district report; off by default."},
            "examples": ["ntm report data/ly-nhan --year 2023 --commune \"Nhân Bình\" --format pdf "
                         "--out nhan-binh.pdf",
                         "ntm report data/ly-nhan --year 2026 --province \"ninh binh\" --out ninh-binh-2026.html"],
        },
        "reports": {
            "short": "Every commune's, district's and province's report, in parallel.",
            "help": "Render the report of every commune, district (in the years that have districts) and province "
                    "of DATASET, in parallel, and write index.html "
                    "linking them; run again, only the reports missing or out of date are rendered (it picks up "
                    "where an interrupted run stopped).",
            "arguments": {"dataset": "The dataset folder."},
            "metavars": {"out": "FOLDER"},
            "options": {"years": "Year (may be repeated); by default every year with data.",
                        "communes": "Only these communes (codes or names, separated by commas).",
                        "province": "Only the communes and districts of this province.",
                        "district": "Only the communes of this district.",
                        "out": "Output folder.", "jobs": "Number of parallel processes (default: the number of cores).",
                        "formats": "Output formats, separated by commas: ipynb, html.",
                        "force": "Render every report again, even those present and up to date; also overwrite "
                                 "files of the same name that this command did not write.",
                        "with_pdf": "Add an A4 PDF print beside each HTML report (needs the Chromium browser).",
                        "scheduler": "Address of a Dask scheduler (tcp://...) to run on a cluster.",
                        "isolate": "A fresh kernel for each report (slower).",
                        "whatif": "Add the threshold what-if to the district reports (boxed as an assumption); "
                                  "off by default."},
            "examples": ["ntm reports data/ly-nhan --year 2023 --out bao-cao",
                         "ntm reports data/ly-nhan --year 2023 --out bao-cao --pdf"],
        },
        "notebooks": {
            "short": "Copy the report notebooks to open in JupyterLab.",
            "help": "Copy the report notebooks (and the explore notebook) installed with ntmlib into FOLDER, to open "
                    "in JupyterLab; files of the same name are replaced.",
            "arguments": {"folder": "The destination folder (created if missing)."},
            "examples": ["ntm notebooks so-tay"],
        },
    },
}


def _commune_ref(ds, ref: str) -> str:
    """`ref` as the report notebook takes it: an old commune of communes.csv or a new commune of
    crosswalk.csv (reorg.find_commune; the closest names of both when it is neither)."""
    cid, key = find_commune(ds, ref)
    if key is not None:
        return ref
    # the notebook resolves the name again (ntmlib.present.views, same resolver); an id where only this one knows it
    return ref if resolve.resolve_communes(pd.Series([ref]), ds.communes).iloc[0] == cid else cid


@main.command("report", words=HELP)
@argument("dataset", type=Folder(exists=True))
@option("--year", type=Int(), required=True)
@option("--commune")
@option("--district")
@option("--province")
@option("--out", type=click.Path(), required=True)
@option("--format", "fmt", type=Choice(["html", "pdf"]), default="html", show_default=True)
@option("--whatif", is_flag=True)
def report_cmd(dataset, year, commune, district, province, out, fmt, whatif) -> None:
    """`ntm report`: the HTML (or PDF) report of one commune, district or province (in the --lang
    language); with --whatif, the district report's threshold what-if."""
    if sum(map(bool, (commune, district, province))) != 1:
        raise NtmUsageError(say("exactly_one_of", names="--commune, --district, --province"))
    if whatif and not district:
        raise NtmUsageError(say("whatif_district"))
    if Path(out).is_dir():
        raise OutputError(Problem(out, say("out_is_dir")))
    check_output_dir(Path(out).parent)  # before the notebook runs
    engine = pdf.browser() if fmt == "pdf" else None  # a missing browser is said before the notebook runs
    lang = language()
    ds = load_dataset(dataset)  # names are checked here, with suggestions, before a kernel starts
    if commune:
        kind, params = "commune", {"commune": _commune_ref(ds, commune)}
    elif province:
        name = resolve.province_name(ds.communes, province, ds.file_name("communes"))
        check_province_year(ds, name, require_year(year, ds.years))  # before a kernel starts
        kind, params = "province", {"province": name}
    else:
        kind, params = "district", {"district": resolve.district_name(ds.communes, district,
                                                                      ds.file_name("communes")), "whatif": whatif}
    params.update(dataset=str(Path(dataset).resolve()), year=year, lang=lang)
    label = say("report_label", kind=say(kind), name=params[kind], year=year)
    try:
        nb = run_report(kind, params, label, fresh=True)
    except NotebookError as e:
        click.echo(say("error", message=worded(e.evalue, lang)), err=True)  # the kernel's error is in `lang` too
        sys.exit(2)
    if engine:
        pdf.write_html_pdf(to_html(nb), Path(out), engine)
    else:
        write_html(nb, Path(out))
    click.echo(say("written", path=out))


@main.command("reports", words=HELP)
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
@option("--pdf", "with_pdf", is_flag=True)
@option("--whatif", is_flag=True)
def reports_cmd(dataset, years, communes, province, district, out, jobs, formats, force, scheduler, isolate,
                with_pdf, whatif) -> None:
    """`ntm reports`: every commune's and district's report, in parallel, resumable; the reports
    and the index in the --lang language; with --whatif, the district reports' threshold what-if."""
    fmts = tuple(f.strip() for f in formats.split(",") if f.strip())
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise NtmUsageError(say("bad_formats", bad=", ".join(bad) or say("none"), known=", ".join(FORMATS)))
    if with_pdf and "html" not in fmts:
        raise NtmUsageError(say("pdf_needs_html"))
    engine = pdf.browser() if with_pdf else None
    ds = load_dataset(dataset)
    file = ds.file_name("communes")
    province = province and resolve.province_name(ds.communes, province, file)
    area = ds.communes[ds.communes["commune_id"].isin(resolve.area_communes(ds.communes, province, file=file))]
    district = district and resolve.district_name(area, district, file)
    ids = [resolve.commune_id(ds.communes, c.strip(), file) for c in communes.split(",")] if communes else None
    if not force:
        foreign = not_ours(Path(out), ds.restrict(ds.area_communes(province, district)) if province or district
                           else ds, sorted(set(years or ds.years)), ids, fmts)
        if foreign:
            raise OutputError([Problem(str(p), error_text("not_ours")) for p in foreign])
    result = run_batch(ds, list(years) or None, ids, out, jobs, fmts, force, scheduler, isolate,
                       province=province, district=district, lang=language(), whatif=whatif)
    for f in result.failed:
        err = f.get("error") or {}
        cell = say("cell", cell=err["cell"]) if err.get("cell") is not None else ""
        click.echo(say("error", message=say("report_failed", label=f["label"], year=f["year"], cell=cell,
                                            error=err.get("evalue", ""))), err=True)
    if engine:
        printed = pdf.print_reports(result.manifest, jobs, engine)
        click.echo(say("pdf_printed", n=len(printed)))
    click.echo(result.summary())
    click.echo(say("open_index", index=result.index))
    if not result.ok:
        sys.exit(1)


def not_ours(out: Path, ds, years: list[int], ids: list[str] | None, fmts: tuple[str, ...]) -> list[Path]:
    """The files a batch into `out` would write that are there already and that no batch wrote
    (neither its manifest nor its index, nor listed in the manifest): e.g. a user's own index.html."""
    ours: set[str] = set()
    try:
        runs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["runs"]
        ours = {"index.html"} | {o for r in runs for o in r.get("outputs", [])}
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no manifest (or not one of ours): every file already there is the user's
    names = ["index.html"] + [f"{r.stem}.{f}" for r in plan(ds, [y for y in years if y in ds.years], ids)
                              for f in fmts]
    return [out / n for n in names if n not in ours and (out / n).exists()]


@main.command("notebooks", words=HELP)
@argument("folder", type=Folder())
def notebooks_cmd(folder) -> None:
    """`ntm notebooks`: copy the report notebooks installed with ntmlib into a folder."""
    for path in copy_notebooks(folder):
        click.echo(say("copied", path=path))

"""Batch reports: plan one run per (commune, year) and per (district, year), score every
report's window of years once, run the notebooks (ntmlib.run.runner) in parallel, in local
processes or on Dask, and keep a manifest so that an interrupted batch resumes where it
stopped. A report is up to date when its parameters, the provenance of the years it shows
(ntmlib.scoring.window, ntmlib.scoring.provenance), its notebook and its formats are those it was made with."""
from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import socket
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Iterator

from tqdm import tqdm

from ..analysis.trends import trends
from ..base.outputs import check_output_dir, slug, write_text_atomic
from ..dataset.loading import load_dataset
from ..dataset.model import Dataset, has_district
from ..dataset.resolve import province_name
from ..errors import NotebookError, OutputError, ParameterError, Problem
from ..present.province_report import report_communes
from ..scoring.cache import split_scorecard, write_scorecard
from ..scoring.engine import score
from ..scoring.provenance import file_sha256
from ..scoring.window import report_years, require_year
from ..text import error_text
from ..version import __version__
from .export import write_html, write_notebook
from .index import write_index
from .runner import notebook_path, resources, run_report, stop_warm_kernel, warm_kernel

FORMATS = ("ipynb", "html")
# The manifest is written again at most this often (seconds), and at the end: rewriting the whole
# manifest after each of a country's 10,000 reports would cost the batch more than a report does.
# A large manifest waits longer, MANIFEST_SHARE of the batch's time at most going to rewriting it.
MANIFEST_EVERY = 1.0
MANIFEST_SHARE = 0.05


@dataclass
class Run:
    """One report to render."""

    kind: str  # "commune", "district" or "province"
    target: str  # commune id, district or province name
    label: str  # commune or district name as shown
    year: int
    stem: str  # output path without extension, relative to the output folder
    params: dict = field(default_factory=dict)
    key: str = ""
    district: str = ""  # the scores file the report reads: its district's (NO_DISTRICT or PROVINCE + a province)


PROVINCE = "tỉnh:"  # Run.district of a province report: it reads its province's scores file
NO_DISTRICT = "không huyện:"  # Run.district of a unit without a district: its province's units without one


def _digest(*parts) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else json.dumps(p, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


def commune_file(name: str, commune_id: str) -> str:
    """The file name (without extension) of a commune's report: 'xa-nhan-binh-13618'."""
    return f"xa-{slug(name)}-{slug(commune_id)}"


def _district_key(district, province) -> str:
    """The scores file a commune's reports read: its district's; for a unit without a district (the
    map of 1 July 2025) its province's units without one, not the country's."""
    if has_district(district):
        return district
    return NO_DISTRICT + (province if isinstance(province, str) else "")


def _file_stem(key: str) -> str:
    if key.startswith(NO_DISTRICT):
        return "-".join(["khong-huyen", *([slug(key[len(NO_DISTRICT):])] if key[len(NO_DISTRICT):].strip() else [])])
    return slug(key)


def write_district_scores(card, runs: list[Run], folder: Path) -> dict[str, Path]:
    """Save the batch's scores once per district that has reports to render (see
    district_scores). Returns {district: file}."""
    return dict(district_scores(card, runs, folder))


def district_scores(card, runs: list[Run], folder: Path) -> Iterator[tuple[str, Path]]:
    """Save the batch's scores once per district that has reports to render (all its communes,
    assessed or not, and their part of the dataset), with its communes' trends up to each year
    of its reports, worked out once here rather than in each report: a report reads its own
    district's file, a few hundred kilobytes, however large the country it belongs to. Yields
    (district, file) as each is written, so that its reports can start while the next is cut.
    The units without a district (the map of 1 July 2025) are cut by province (Run.district
    NO_DISTRICT + province), each file with the crosswalk rows of its own units and the communes
    they name, not the country's (_own_units). A province report's file (Run.district PROVINCE +
    name) holds the province's communes and the predecessors of its new communes, without trends
    (the report shows none)."""
    wanted = {r.district for r in runs if not r.district.startswith(PROVINCE)}
    provinces = sorted({r.district for r in runs if r.district.startswith(PROVINCE)})
    years: dict[str, set[int]] = {}
    for r in runs:
        years.setdefault(r.district, set()).add(r.year)
    c = card.dataset.communes
    districts = [_district_key(d, p) for d, p in zip(c["district"], c["province"])]
    groups: dict[str, list[str]] = {d: [] for d in sorted(wanted)}
    for cid, d in zip(c["commune_id"], districts):
        if d in groups:
            groups[d].append(cid)
    for i, (district, part) in enumerate(split_scorecard(card, groups)):
        if district.startswith(NO_DISTRICT):
            part = _own_units(part, groups[district])
        shared = {y: trends(part.upto(y)) for y in sorted(years[district])}
        yield district, write_scorecard(part, folder / f"{i:04d}-{_file_stem(district)}.pkl", shared)
    for i, key in enumerate(provinces):  # one at a time: a province's predecessors may be another's communes
        name = key[len(PROVINCE):]
        _, part = next(iter(split_scorecard(card, {key: report_communes(card.dataset, name)})))
        yield key, write_scorecard(part, folder / f"tinh-{i:04d}-{slug(name)}.pkl")


def _own_units(part, ids: list[str]):
    """A part of units without a district (split_scorecard) with only the crosswalk rows of its own
    units (as new or old communes, with the other predecessors of the same new units) and the
    communes.csv rows of its units and of the communes those rows name: what its reports ask of
    the crosswalk. A country's part would otherwise carry the whole crosswalk and every commune it
    names, ten thousand rows each that every report of the part goes through."""
    ds = part.dataset
    cw = ds.crosswalk
    if cw is None or cw.empty or "key" not in cw.columns:
        return part
    mine = set(map(str, ids))
    touching = cw["key"].astype(str).isin(mine) | cw["old_commune_id"].astype(str).isin(mine)
    cw = cw[cw["key"].isin(set(cw.loc[touching, "key"]))].reset_index(drop=True)
    named = mine | set(cw["old_commune_id"].astype(str))
    communes = ds.communes[ds.communes["commune_id"].astype(str).isin(named).to_numpy()].reset_index(drop=True)
    return replace(part, dataset=replace(ds, communes=communes, crosswalk=cw))


def plan(ds: Dataset, years: list[int], communes: list[str] | None = None, province: str | None = None,
         district: str | None = None, lang: str = "vi", whatif: bool = False) -> list[Run]:
    """The runs of a batch: every assessed commune (or those named, or those of one province or
    district), every district (in the years that have districts) and every province (but in a
    district's batch), per year; each
    report in `lang`, the districts' with their threshold what-if when `whatif`."""
    c = ds.communes[ds.communes["assessed"]]
    c = c[c["commune_id"].isin(ds.area_communes(province, district))]
    if communes:
        ids = {ds.commune_id(x) for x in communes}
        c = c[c["commune_id"].isin(ids)]
    runs = []
    every, provinces = c, not district  # a district's batch renders no province report
    for year in years:  # the communes of that year (the crosswalk's dates, Dataset.existing)
        c = every[every["commune_id"].isin(set(ds.communes.loc[ds.existing([year]), "commune_id"]))]
        for cid, name, district, province in zip(c["commune_id"], c["commune"], c["district"], c["province"]):
            runs.append(Run("commune", cid, name, year, f"{year}/{commune_file(name, cid)}",
                            {"commune": cid, "year": year, "lang": lang}, district=_district_key(district, province)))
        for district in dict.fromkeys(c["district"]):
            if not has_district(district):  # units with no district (after 1/7/2025)
                continue
            mine = c[c["district"] == district]
            links = {cid: f"{commune_file(name, cid)}.html" for cid, name in zip(mine["commune_id"], mine["commune"])}
            runs.append(Run("district", district, district, year, f"{year}/huyen-{slug(district)}",
                            {"district": district, "year": year, "lang": lang, "whatif": whatif,
                             "links": json.dumps(links, ensure_ascii=False)},
                            district=district))
        for province in dict.fromkeys(c["province"] if provinces else ()):
            if isinstance(province, str) and province.strip():
                runs.append(Run("province", province, province, year, f"{year}/tinh-{slug(province)}",
                                {"province": province, "year": year, "lang": lang}, district=PROVINCE + province))
    return runs


def execute_run(run: dict, out_dir: str, formats: tuple[str, ...], isolate: bool = False) -> dict:
    """Render one run and write its outputs atomically; never raises for a failing report."""
    t0 = time.perf_counter()
    result = {"stem": run["stem"], "status": "ok", "error": None, "outputs": []}
    try:
        nb = run_report(run["kind"], run["params"], run["label"], fresh=isolate)
        out = Path(out_dir)
        if "ipynb" in formats:
            write_notebook(nb, out / f"{run['stem']}.ipynb")
            result["outputs"].append(f"{run['stem']}.ipynb")
        if "html" in formats:
            page = out / f"{run['stem']}.html"
            write_html(nb, page, title=run["label"], index_href=os.path.relpath(out / "index.html", page.parent))
            result["outputs"].append(f"{run['stem']}.html")
    except NotebookError as e:
        result.update(status="failed", error={"cell": e.cell, "ename": e.ename, "evalue": e.evalue})
    except Exception as e:
        result.update(status="failed", error={"cell": None, "ename": type(e).__name__, "evalue": str(e)})
    result["duration"] = round(time.perf_counter() - t0, 3)
    result["worker"], result["finished"] = f"{socket.gethostname()}:{os.getpid()}", round(time.time(), 3)
    result["resources"] = resources()  # memory and CPU of this worker and its kernel (benchmarks/batch.py)
    return result


# --------------------------------------------------------------------------- the batch


@dataclass
class BatchResult:
    planned: int
    executed: int
    skipped: int
    failed: list[dict]
    index: Path
    manifest: Path
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (f"{self.planned} báo cáo: {self.executed} đã chạy, {self.skipped} đã có sẵn và còn mới, "
                f"{len(self.failed)} lỗi; {self.seconds:.1f} giây")


def _versions() -> dict:
    out = {"ntmlib": __version__}
    for pkg in ("pandas", "matplotlib", "papermill", "nbclient", "nbconvert", "ipykernel"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return out


def _read_manifest(path: Path) -> dict:
    if path.exists():
        try:
            return {r["stem"]: r for r in json.loads(path.read_text(encoding="utf-8"))["runs"]}
        except (ValueError, KeyError):
            return {}
    return {}


def _write_manifest(path: Path, entries: dict, meta: dict) -> None:
    """The batch's details, then its runs one a line: each run encoded by json's C encoder, which
    an indented document cannot use (a country's manifest took a second to write, 0.1 s so)."""
    runs = sorted(entries.values(), key=lambda r: r["stem"])
    head = "".join(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n" for k, v in meta.items())
    lines = ",\n".join(f"  {json.dumps(r, ensure_ascii=False)}" for r in runs)
    write_text_atomic(path, "{\n" + head + ' "runs": [\n' + lines + "\n ]\n}\n")


def run_batch(dataset, years: list[int] | None = None, communes: list[str] | None = None,
              out: str | Path = "reports", jobs: int | None = None, formats: tuple[str, ...] = FORMATS,
              force: bool = False, scheduler: str | None = None, isolate: bool = False,
              progress: bool = True, kinds: tuple[str, ...] = ("commune", "district", "province"),
              province: str | None = None, district: str | None = None, lang: str = "vi",
              whatif: bool = False) -> BatchResult:
    """Render every planned report that is missing or out of date; see the module docstring. The
    reports and the index are in `lang`; the district reports show the threshold what-if when `whatif`.

    With `province` and/or `district`, only the reports of that area are rendered, and only its
    communes are scored and passed to the reports."""
    t0 = time.perf_counter()
    ds = dataset if isinstance(dataset, Dataset) else load_dataset(dataset)
    ds, years = area_dataset(ds, years, province, district)
    out = check_output_dir(out)  # one clear line before any work when results cannot be written there
    try:
        for stale in out.rglob(".*.tmp"):  # left by a batch killed while writing; never a finished report
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # a leftover that cannot be removed does no harm: it is never taken for a report

    runs = [r for r in plan(ds, years, communes, province, district, lang=lang, whatif=whatif) if r.kind in kinds]
    jobs = min(jobs or os.cpu_count() or 1, max(len(runs), 1))
    pools: list[ProcessPoolExecutor] = []
    if not scheduler and jobs > 1 and (force or not (out / "manifest.json").exists()):
        # a new batch: local workers start (and start their kernels) while the batch scores;
        # a batch that resumes starts them once it knows it has reports left to render
        pools.append(_start_pool(jobs))
    try:
        return _batch(ds, years, runs, out, pools, jobs, formats, force, scheduler, isolate, progress, t0, lang)
    finally:
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)


def area_dataset(ds: Dataset, years: list[int] | None, province: str | None = None,
                 district: str | None = None) -> tuple[Dataset, list[int]]:
    """The dataset a batch scores and the years it renders (by default the years the area has
    data for, or the dataset's when it has none), each checked: the dataset cut to the province or
    district asked, so only its communes are scored; the whole dataset when the area has no value
    at all in a year asked (communes registered before their data arrive), so that its reports
    are rendered as in a batch of the whole dataset and say they have no data."""
    if district:
        area = ds.restrict(ds.area_communes(province, district))
    elif province:  # the province's communes, and its new communes' predecessors for its province report
        area = ds.restrict(report_communes(ds, province_name(ds.communes, province, ds.file_name("communes"))))
    else:
        area = ds
    years = sorted(set(years or area.years or ds.years))
    for y in years:
        require_year(y, ds.years)
    return (area if set(years) <= set(area.years) else ds), years


def freshness(ds: Dataset, years: list[int], runs: list[Run], formats=FORMATS):
    """Score every report's window of years once and give each run its freshness key: a digest of
    its parameters, the provenance of the years its report shows (every data file, every set file
    of those years' periods, by their names in the dataset folder), its notebook and its formats.
    The dataset is in the key by its folder's name, not its place on the machine: a dataset folder
    moved or copied elsewhere keeps its reports up to date. Returns (the Scorecard, {year: the
    provenance of that year's reports})."""
    card = score(ds, year=report_years(ds.years, years[-1]))
    window = {y: card.provenance_upto(y) for y in years}  # what each year's reports show, and come from
    nb_digest = {k: file_sha256(notebook_path(k)) for k in ("commune", "district", "province")}
    for r in runs:
        r.params.update(dataset=str(ds.path.resolve()))  # the scores file is not part of the key
        r.key = _digest({**r.params, "dataset": ds.path.resolve().name}, window[r.year].digest(), nb_digest[r.kind],
                        sorted(formats))
    return card, window


def _portable(path: Path, out: Path) -> str:
    """A path as the manifest writes it: relative to the output folder, never the machine's."""
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(out))).as_posix()


def _batch(ds: Dataset, years: list[int], runs: list[Run], out: Path, pools: list, jobs: int, formats, force: bool,
           scheduler: str | None, isolate: bool, progress: bool, t0: float, lang: str = "vi") -> BatchResult:
    card, window = freshness(ds, years, runs, formats)

    manifest_path = out / "manifest.json"
    entries = _read_manifest(manifest_path)
    pending = []
    for r in runs:
        prev = entries.get(r.stem)
        fresh = (prev is not None and prev.get("status") == "ok" and prev.get("key") == r.key
                 and all((out / o).exists() for o in prev.get("outputs", [])))
        if force or not fresh:
            pending.append(r)
    by_district: dict[str, list[Run]] = {}
    for r in pending:
        by_district.setdefault(r.district, []).append(r)

    def district_runs() -> Iterator[list[dict]]:
        """The runs of one district after another, each once its district's scores file is written."""
        folder = out / ".cache" / f"scores-{card.provenance.digest()[:16]}"
        for district, path in district_scores(card, pending, folder):
            for r in by_district[district]:
                r.params["scores"] = str(path)
            yield [asdict(r) for r in by_district[district]]

    where = _portable(ds.path, out)
    meta = {"dataset": where, "years": years, "versions": _versions(), "provenance": card.provenance.to_dict()}

    failed: list[dict] = []
    by_stem = {r.stem: r for r in runs}
    bar = tqdm(total=len(pending), desc="Báo cáo", unit="bc", disable=not progress, dynamic_ncols=True)

    written = [-MANIFEST_EVERY, 0.0]  # when the manifest was last written, and how long that took
    inputs = {y: window[y].files() for y in years}  # the same for every report of a year

    def record(res: dict) -> None:
        r = by_stem[res["stem"]]
        entries[r.stem] = {"stem": r.stem, "kind": r.kind, "target": r.target, "label": r.label, "year": r.year,
                           "parameters": {**{k: v for k, v in r.params.items() if k != "scores"}, "dataset": where},
                           "key": r.key,
                           "status": res["status"], "duration": res["duration"], "error": res["error"],
                           "outputs": res["outputs"], "worker": res.get("worker"), "finished": res.get("finished"),
                           "resources": res.get("resources"),
                           "years_scored": list(window[r.year].years),
                           "inputs": inputs[r.year], "versions": meta["versions"]}
        if res["status"] != "ok":
            failed.append(entries[r.stem])
        if time.monotonic() - written[0] >= max(MANIFEST_EVERY, written[1] / MANIFEST_SHARE):
            try:
                t0 = time.monotonic()
                _write_manifest(manifest_path, entries, meta)
                written[:] = [time.monotonic(), time.monotonic() - t0]
            except OutputError:
                pass  # e.g. a full disk: the other reports go on; the manifest is written again at the end
        bar.update(1)
        bar.set_postfix_str(f"lỗi: {len(failed)}")

    try:
        _render(pending, district_runs, scheduler, pools, jobs, out, formats, isolate, record)
    except Exception:
        try:  # the reports finished before the fault (e.g. a scores file that cannot be written) are kept
            _write_manifest(manifest_path, entries, meta)
        except OutputError:
            pass
        raise
    finally:
        bar.close()
    index = write_index(out, [entries[r.stem] for r in runs if r.stem in entries], card, lang)
    _write_manifest(manifest_path, entries, meta)
    return BatchResult(len(runs), len(pending), len(runs) - len(pending), failed, index, manifest_path,
                       time.perf_counter() - t0)


def _render(pending: list[Run], district_runs, scheduler, pools: list, jobs: int, out: Path, formats, isolate: bool,
            record) -> None:
    """Render the pending runs: on Dask, or in local workers (or this process) district by district."""
    if pending:
        if scheduler:
            payload = [run for runs_of_district in district_runs() for run in runs_of_district]
            _run_dask(scheduler, payload, str(out), tuple(formats), isolate, record)
        else:
            if not pools and min(jobs, len(pending)) > 1:
                pools.append(_start_pool(min(jobs, len(pending))))
            _run_local(pools[0] if pools else None, district_runs(), str(out), tuple(formats), isolate, record)


def _result(future, run: dict) -> dict:
    """The result of one run from its future; a worker that died or failed outside the report
    (a crashed process, a lost Dask worker) is that run's failure, not the batch's."""
    try:
        return future.result()
    except Exception as e:
        return {"stem": run["stem"], "status": "failed", "outputs": [], "duration": 0.0,
                "error": {"cell": None, "ename": type(e).__name__, "evalue": str(e) or repr(e)}}


def _worker_context():
    """How worker processes start: forked from one clean server process that has imported the
    batch code once (a worker is ready in milliseconds rather than importing it again, and does
    not inherit the batch's dataset as a plain fork would); spawned where there is no fork."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["__main__", __name__])  # read when the server starts, once per process
    return ctx


def _start_pool(jobs: int) -> ProcessPoolExecutor:
    """`jobs` worker processes, each starting its warm kernel at once."""
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_worker_context())
    for _ in range(jobs):  # one task each: every worker is started now, not when the reports arrive
        pool.submit(_warm_up)
    return pool


def _warm_up() -> None:
    try:
        warm_kernel()
    except NotebookError:
        pass  # the kernel is started again by the first report, which records the failure if it persists
    gc.freeze()  # the worker's code and libraries stay: its garbage collections skip them (3 ms a report to 1 ms)


def _run_local(pool, district_runs: Iterator[list[dict]], out: str, formats, isolate: bool, record) -> None:
    """Render the runs, a district's as soon as they come: in this process, or in the pool's
    workers while the next districts' scores files are written."""
    if pool is None:
        for runs in district_runs:
            for run in runs:
                record(execute_run(run, out, formats, isolate))
        stop_warm_kernel()
        return
    futures: dict = {}

    def finish() -> None:
        for fut in as_completed(futures):
            record(_result(fut, futures[fut]))

    try:
        for runs in district_runs:
            futures |= {pool.submit(execute_run, run, out, formats, isolate): run for run in runs}
            for fut in [f for f in futures if f.done()]:  # keep the progress bar and manifest going meanwhile
                record(_result(fut, futures.pop(fut)))
    except Exception:  # a scores file that cannot be written: the reports already sent finish and are recorded
        finish()
        raise  # (an interruption, Ctrl-C, does not wait for them: the pool cancels what has not started)
    finish()


def _run_dask(address: str, payload: list[dict], out: str, formats, isolate: bool, record) -> None:
    try:  # deferred: Dask is an optional, heavy dependency
        from dask.distributed import Client
        from dask.distributed import as_completed as dask_completed
    except ImportError as e:  # pragma: no cover - depends on the optional extra
        raise ParameterError(Problem(error_text("dask_asked"), error_text("needs_dask"))) from e
    with Client(address) as client:
        futures = {client.submit(execute_run, run, out, formats, isolate, pure=False, key=f"ntm-{run['stem']}"): run
                   for run in payload}
        for fut in dask_completed(list(futures)):
            record(_result(fut, futures[fut]))

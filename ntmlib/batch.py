"""Batch reports: plan one run per (commune, year) and per (district, year), score once,
execute the notebooks in warm kernels in parallel (local processes or Dask), export HTML
in-process, and keep a manifest so that an interrupted batch resumes where it stopped."""
from __future__ import annotations

import asyncio
import hashlib
import html
import json
import multiprocessing
import os
import subprocess
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from . import __version__
from .cache import write_scorecard
from .dataset import Dataset
from .loading import load_dataset
from .outputs import slug, write_text_atomic
from .render import notebook_path, write_html, write_notebook
from .scoring import score
from .words import counts_text, tier_name

KERNEL_NAME = "python3"
KERNEL_START_ATTEMPTS = 3
CELL_TIMEOUT = 600
FORMATS = ("ipynb", "html")


@dataclass
class Run:
    """One report to render."""

    kind: str  # "commune" or "district"
    target: str  # commune id or district name
    label: str  # commune or district name as shown
    year: int
    stem: str  # output path without extension, relative to the output folder
    params: dict = field(default_factory=dict)
    key: str = ""


def _digest(*parts) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else json.dumps(p, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


def input_digest(ds: Dataset, set_paths: list[str]) -> dict[str, str]:
    """SHA-256 of every input a report depends on: dataset files and criteria set files."""
    files = [Path(p) for p in ds.files.values() if Path(p).exists()] + [ds.path / "dataset.yaml"]
    files += [Path(p) for p in set_paths]
    return {str(f.name if f.parent == ds.path else f): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in files if f.exists()}


def plan(ds: Dataset, years: list[int], communes: list[str] | None = None, province: str | None = None,
         district: str | None = None) -> list[Run]:
    """The runs of a batch: every assessed commune (or those named, or those of one province or
    district) and every district, per year."""
    c = ds.communes[ds.communes["assessed"]]
    c = c[c["commune_id"].isin(ds.area_communes(province, district))]
    if communes:
        ids = {ds.commune_id(x) for x in communes}
        c = c[c["commune_id"].isin(ids)]
    runs = []
    for year in years:
        for cid, name in zip(c["commune_id"], c["commune"]):
            runs.append(Run("commune", cid, name, year, f"{year}/xa-{slug(name)}-{slug(cid)}",
                            {"commune": cid, "year": year}))
        for district in dict.fromkeys(c["district"]):
            if not isinstance(district, str) or not district.strip():  # units with no district (after 1/7/2025)
                continue
            runs.append(Run("district", district, district, year, f"{year}/huyen-{slug(district)}",
                            {"district": district, "year": year}))
    return runs


# --------------------------------------------------------------------------- workers


class WarmKernel:
    """A kernel that renders reports one after another, put back to its start-up state between
    reports (ntmlib.kernel_state) so each report equals one rendered in a fresh kernel.

    Everything runs on one asyncio loop owned by this object: jupyter_client's async manager
    and client, and nbclient's async execution."""

    def __init__(self, kernel_name: str = KERNEL_NAME):
        self.kernel_name = kernel_name
        self.loop = asyncio.new_event_loop()
        self.km = None
        self.kc = None

    def _run(self, coro):
        asyncio.set_event_loop(self.loop)
        return self.loop.run_until_complete(coro)

    def start(self) -> None:
        from jupyter_client import AsyncKernelManager

        last = None
        for attempt in range(KERNEL_START_ATTEMPTS):
            km = AsyncKernelManager(kernel_name=self.kernel_name)
            try:
                # the kernel's own stderr carries start-up noise (the TCP warning): keep it out of the log
                # no history database: reports do not need it, and line numbers restart with each report
                self._run(km.start_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                          extra_arguments=["--HistoryManager.enabled=False"]))
                kc = km.client()
                kc.start_channels()
                self._run(kc.wait_for_ready(timeout=60))
                self.km, self.kc = km, kc
                self._run(self._silent("import ntmlib.kernel_state as _ks; _ks.snapshot(); del _ks"))
                return
            except Exception as e:  # noqa: BLE001 - any start failure is retried
                last = e
                self._stop(km)
                self.km = self.kc = None
                time.sleep(0.5 * (attempt + 1))
        raise RuntimeError(f"kernel failed to start after {KERNEL_START_ATTEMPTS} attempts: {last}")

    async def _silent(self, code: str) -> None:
        """Run set-up code without recording it in the kernel's history (execution counts stay
        those of a fresh kernel), through nbclient like the reports themselves."""
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        client = self._client(nb, timeout=120)
        async with client.async_setup_kernel():
            await client.async_execute_cell(nb.cells[0], 0, store_history=False)

    async def _execute(self, nb: nbformat.NotebookNode) -> None:
        await self._silent("import ntmlib.kernel_state as _ks; _ks.restore()")
        await self._client(nb, CELL_TIMEOUT).async_execute()

    def _client(self, nb: nbformat.NotebookNode, timeout: int):
        """An nbclient NotebookClient driving this kernel through its one client."""
        from nbclient import NotebookClient

        client = NotebookClient(nb, km=self.km, timeout=timeout, kernel_name=self.kernel_name)
        client.kc = self.kc  # not a constructor argument
        return client

    def execute(self, nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
        if self.km is None or not self._run(self.km.is_alive()):
            self.shutdown()
            self.start()
        self._run(self._execute(nb))
        return nb

    def _stop(self, km) -> None:
        try:
            self._run(km.shutdown_kernel(now=True))
        except Exception:  # noqa: BLE001 - a dead kernel is already stopped
            pass

    def shutdown(self) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
        if self.km is not None:
            self._stop(self.km)
        self.km = self.kc = None


_local = threading.local()


def _warm_kernel() -> WarmKernel:
    k = getattr(_local, "kernel", None)
    if k is None:
        k = WarmKernel()
        k.start()
        _local.kernel = k
        multiprocessing.util.Finalize(k, k.shutdown, exitpriority=10)
    return k


def _fresh_execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    k = WarmKernel()
    k.start()
    try:
        return k.execute(nb)
    finally:
        k.shutdown()


def prepare(run: dict) -> nbformat.NotebookNode:
    """The report notebook with the run's parameters injected (papermill's way)."""
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = load_notebook_node(str(notebook_path(run["kind"])))  # adds the cell tags papermill expects
    return parameterize_notebook(nb, run["params"], kernel_name=KERNEL_NAME, language="python")


def render(run: dict, isolate: bool = False, nb: nbformat.NotebookNode | None = None) -> nbformat.NotebookNode:
    """Execute one run's notebook in this process's warm kernel (or a fresh one)."""
    nb = nb if nb is not None else prepare(run)
    return _fresh_execute(nb) if isolate else _warm_kernel().execute(nb)


def execute_run(run: dict, out_dir: str, formats: tuple[str, ...], isolate: bool = False) -> dict:
    """Render one run and write its outputs atomically; never raises for a failing report."""
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    t0 = time.perf_counter()
    result = {"stem": run["stem"], "status": "ok", "error": None, "outputs": []}
    nb = None
    try:
        nb = prepare(run)
        render(run, isolate, nb)
    except CellExecutionError as e:
        result.update(status="failed", error={"cell": _failed_cell(nb), "ename": e.ename,
                                              "evalue": _first_line(e.evalue)})
    except DeadKernelError as e:
        _local.kernel = None
        result.update(status="failed", error={"cell": _failed_cell(nb), "ename": "DeadKernelError", "evalue": str(e)})
    except Exception as e:  # noqa: BLE001 - one broken run must not stop the batch
        result.update(status="failed", error={"cell": _failed_cell(nb), "ename": type(e).__name__, "evalue": str(e)})
    else:
        out = Path(out_dir)
        if "ipynb" in formats:
            write_notebook(nb, out / f"{run['stem']}.ipynb")
            result["outputs"].append(f"{run['stem']}.ipynb")
        if "html" in formats:
            write_html(nb, out / f"{run['stem']}.html", title=run["label"])
            result["outputs"].append(f"{run['stem']}.html")
    result["duration"] = round(time.perf_counter() - t0, 3)
    return result


def _failed_cell(nb) -> int | None:
    """Index of the cell whose output is an error (None if no cell failed)."""
    for i, c in enumerate(nb.cells if nb is not None else []):
        if any(o.get("output_type") == "error" for o in c.get("outputs", [])):
            return i
    return None


def _first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0] if text else ""


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
    from importlib.metadata import PackageNotFoundError, version

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
    runs = sorted(entries.values(), key=lambda r: r["stem"])
    write_text_atomic(path, json.dumps({**meta, "runs": runs}, ensure_ascii=False, indent=1) + "\n")


def run_batch(dataset, years: list[int] | None = None, communes: list[str] | None = None,
              out: str | Path = "reports", jobs: int | None = None, formats: tuple[str, ...] = FORMATS,
              force: bool = False, scheduler: str | None = None, isolate: bool = False,
              progress: bool = True, kinds: tuple[str, ...] = ("commune", "district"),
              province: str | None = None, district: str | None = None) -> BatchResult:
    """Render every planned report that is missing or out of date; see the module docstring.

    With `province` and/or `district`, only the reports of that area are rendered, and only its
    communes are scored and passed to the reports."""
    from tqdm import tqdm

    t0 = time.perf_counter()
    ds = dataset if isinstance(dataset, Dataset) else load_dataset(dataset)
    if province or district:
        ds = ds.restrict(ds.area_communes(province, district))
    years = sorted(years or ds.years)
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.rglob(".*.tmp"):  # left by a batch killed while writing; never a finished report
        stale.unlink(missing_ok=True)

    scored_years = sorted({y for y in years} | {y - 1 for y in years if y - 1 in ds.years})
    card = score(ds, year=scored_years)
    inputs = input_digest(ds, [s.path for s in card.sets.values()])
    cache = write_scorecard(card, out / ".cache" / f"scores-{_digest(inputs, scored_years, __version__)[:16]}.pkl")

    runs = [r for r in plan(ds, years, communes) if r.kind in kinds]  # ds is already cut to the area
    nb_digest = {k: hashlib.sha256(notebook_path(k).read_bytes()).hexdigest() for k in ("commune", "district")}
    for r in runs:
        r.params.update(dataset=str(ds.path.resolve()), scores=str(cache))
        visible = {k: v for k, v in r.params.items() if k != "scores"}
        r.key = _digest(visible, inputs, nb_digest[r.kind], __version__, sorted(formats))

    manifest_path = out / "manifest.json"
    entries = _read_manifest(manifest_path)
    pending = []
    for r in runs:
        prev = entries.get(r.stem)
        fresh = (prev is not None and prev.get("status") == "ok" and prev.get("key") == r.key
                 and all((out / o).exists() for o in prev.get("outputs", [])))
        if force or not fresh:
            pending.append(r)
    meta = {"dataset": str(ds.path), "years": years, "versions": _versions(), "inputs": inputs}

    failed: list[dict] = []
    by_stem = {r.stem: r for r in runs}
    bar = tqdm(total=len(pending), desc="Báo cáo", unit="bc", disable=not progress, dynamic_ncols=True)

    def record(res: dict) -> None:
        r = by_stem[res["stem"]]
        entries[r.stem] = {"stem": r.stem, "kind": r.kind, "target": r.target, "label": r.label, "year": r.year,
                           "parameters": {k: v for k, v in r.params.items() if k != "scores"}, "key": r.key,
                           "status": res["status"], "duration": res["duration"], "error": res["error"],
                           "outputs": res["outputs"], "inputs": inputs, "versions": meta["versions"]}
        if res["status"] != "ok":
            failed.append(entries[r.stem])
        _write_manifest(manifest_path, entries, meta)
        bar.update(1)
        bar.set_postfix_str(f"lỗi: {len(failed)}")

    payload = [asdict(r) for r in pending]
    if payload:
        if scheduler:
            _run_dask(scheduler, payload, str(out), tuple(formats), isolate, record)
        else:
            _run_local(jobs or os.cpu_count() or 1, payload, str(out), tuple(formats), isolate, record)
    bar.close()
    index = write_index(out, [entries[r.stem] for r in runs if r.stem in entries], card)
    _write_manifest(manifest_path, entries, meta)
    return BatchResult(len(runs), len(pending), len(runs) - len(pending), failed, index, manifest_path,
                       time.perf_counter() - t0)


def _run_local(jobs: int, payload: list[dict], out: str, formats, isolate: bool, record) -> None:
    if jobs == 1:
        for run in payload:
            record(execute_run(run, out, formats, isolate))
        kernel = getattr(_local, "kernel", None)
        if kernel is not None:
            kernel.shutdown()
            _local.kernel = None
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, len(payload)), mp_context=ctx) as pool:
        futures = [pool.submit(execute_run, run, out, formats, isolate) for run in payload]
        for fut in as_completed(futures):
            record(fut.result())


def _run_dask(address: str, payload: list[dict], out: str, formats, isolate: bool, record) -> None:
    try:
        from dask.distributed import Client
        from dask.distributed import as_completed as dask_completed
    except ImportError as e:  # pragma: no cover - depends on the optional extra
        raise RuntimeError("--scheduler cần gói dask[distributed]: pip install 'ntmlib[dask]'") from e
    with Client(address) as client:
        futures = [client.submit(execute_run, run, out, formats, isolate, pure=False, key=f"ntm-{run['stem']}")
                   for run in payload]
        for fut in dask_completed(futures):
            record(fut.result())


def write_index(out: Path, entries: list[dict], card) -> Path:
    """reports/index.html: one row per report with status, counts and a link."""
    c = card.communes
    rows = []
    for e in sorted(entries, key=lambda e: (e["year"], e["kind"] != "district", e["label"])):
        status, counts = "", ""
        if e["kind"] == "commune":
            mine = c[(c["commune_id"] == e["target"]) & (c["year"] == e["year"])]
            if len(mine):
                first = mine.iloc[0]
                status = (f"đạt {tier_name(first['tier_reached'])}" if first["tier_reached"] else "chưa đạt hạng nào")
                status += f"; công nhận: {tier_name(first['tier_recognised'])}"
                counts = "<br>".join(html.escape(f"{tier_name(r.tier)}: " + counts_text(
                    r.criteria_met, r.criteria_total, r.indicators_met, r.indicators_total))
                    for r in mine.itertuples() if r.tier != "kieu-mau")
        else:
            status = "báo cáo tổng hợp huyện"
        html_out = next((o for o in e.get("outputs", []) if o.endswith(".html")), None)
        if e["status"] == "ok" and html_out:
            link = f'<a href="{html.escape(html_out)}">mở báo cáo</a>'
        else:
            err = e.get("error") or {}
            link = f'<span class="err">lỗi: {html.escape(str(err.get("evalue", "")))}</span>'
        label = ("Huyện " if e["kind"] == "district" else "Xã ") + e["label"]
        rows.append(f"<tr><td>{html.escape(label)}</td><td>{e['year']}</td><td>{html.escape(status)}</td>"
                    f"<td>{counts}</td><td>{link}</td></tr>")
    bulletins = sorted(out.glob("ban-tin-*.*"))
    extras = ("<p>Bản tin: " + ", ".join(f'<a href="{html.escape(p.name)}">{html.escape(p.name)}</a>' for p in bulletins)
              + "</p>\n") if bulletins else ""
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Báo cáo nông thôn mới</title>
<style>body{{font-family:"DejaVu Sans",Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}}
table{{border-collapse:collapse;width:100%}}th,td{{border-bottom:1px solid #ddd;padding:.45em .6em;text-align:left;
vertical-align:top}}td:last-child{{white-space:nowrap}}th{{background:#f0f3f5}}.err{{color:#b42318}}</style></head><body>
<h1>Báo cáo nông thôn mới</h1>
{extras}<p>{len(entries)} báo cáo. Mỗi dòng là một báo cáo; bấm "mở báo cáo" để xem.</p>
<table><thead><tr><th>Đơn vị</th><th>Năm</th><th>Tình trạng</th><th>Kết quả</th><th>Báo cáo</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
"""
    path = out / "index.html"
    write_text_atomic(path, page)
    return path

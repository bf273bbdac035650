"""Render N commune reports two ways in one run and print both times and the ratio:

1. the plain loop an analyst would write: `papermill` CLI, then `jupyter nbconvert --to html
   --no-input`, one commune after another;
2. `ntm reports` (ntmlib.run.batch.run_batch): scoring once, warm kernels in a process pool,
   HTML exported in-process.

    python benchmarks/batch.py [--n 40] [--dataset data/ly-nhan] [--jobs 2]

The last line reads e.g. `batch: 40 reports, plain loop 150.2 s, ntm reports 35.1 s, 4.3x`.

With `--national N`, renders the commune and district reports of about N communes of the
synthetic national dataset (`ntm synthetic`, generated in --cache on first use): whole
districts, taken in the order of communes.csv until N communes, so that the mix of commune
and district reports is the country's. It prints reports per second, the projected time for
all 10,000 communes and their districts at that rate (plus the national load), and the
memory of each worker (its process and its kernel: resident memory after its first and its
last report, and the peak), and the processor time a report takes (worker and kernel), with
the time the country would take on cores of its own at that cost. The last line reads e.g.
`national: 536 reports, 4.1 reports/s, projected 43.5 min for 10000 communes, peak 612 MB`.

    python benchmarks/batch.py --national 500 [--jobs 2] [--cache /tmp/ntm-national]

With `--national-2026 N`, renders what a 2026 batch renders (no districts any more): the commune
reports of whole provinces, taken in the order of communes.csv until about N communes, and each
of those provinces' province report. It reads the dataset given by --dataset-2026 (a 2026
dataset), else the synthetic 34 provinces of the map of 1 July 2025 (`ntm synthetic --national
--year 2026`, made in --cache-2026 on first use). It
projects the time of the whole country, 3321 commune reports and 34 province reports, on --jobs
cores of their own: the processor time each kind of report took (worker and warm kernel), the
batch's own work and the load scaled to the country (the wall time of a shared machine would
measure its other users). The last line reads e.g.
`national-2026: 160 reports, 1.9 reports/s, projected 31.0 min for 3321 communes and 34
provinces, peak 640 MB`.

    python benchmarks/batch.py --national-2026 150 [--jobs 2] [--dataset-2026 FOLDER]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ntmlib import load_dataset  # noqa: E402
from ntmlib.dataset.model import has_district  # noqa: E402
from ntmlib.run.batch import plan, run_batch  # noqa: E402


def national_data(cache: Path, communes: int = 10_000, seed: int = 2025) -> Path:
    """The folder of the synthetic national dataset (Parquet) in `cache`, made or completed on first use."""
    from ntmlib.dataset.synthetic import national_cache

    national_cache(cache, communes=communes, seed=seed, formats=("parquet",))  # the cache says what it holds
    return cache / "parquet"


def national(args) -> None:
    """The national batch benchmark (see the module docstring)."""
    from ntmlib.present.maps import CACHE_ENV  # here, not at the top: the workers' server imports this script

    data = national_data(args.cache)
    t0 = time.perf_counter()
    ds = load_dataset(data)
    load = time.perf_counter() - t0
    year = max(ds.years)
    c = ds.communes[ds.communes["assessed"]]
    districts = list(dict.fromkeys(d for d in c["district"] if has_district(d)))
    chosen: list[str] = []
    for d in districts:  # whole districts, until N communes
        if len(chosen) >= args.national:
            break
        chosen += list(c.loc[c["district"] == d, "commune_id"])
    with tempfile.TemporaryDirectory() as tmp:
        os.environ[CACHE_ENV] = str(Path(tmp) / "maps")  # every map drawn in this run, none read from an earlier one
        t0 = time.perf_counter()
        result = run_batch(ds, years=[year], communes=chosen, out=Path(tmp) / "national", jobs=args.jobs,
                           force=True, progress=False)
        seconds = time.perf_counter() - t0
        if not result.ok:
            raise SystemExit(f"batch failed: {result.failed[:3]}")
        runs = json.loads(result.manifest.read_text(encoding="utf-8"))["runs"]
    per_worker: dict[str, list[dict]] = {}
    for r in sorted(runs, key=lambda r: r.get("finished") or 0):
        if r.get("resources"):
            per_worker.setdefault(r["worker"], []).append(dict(r["resources"], kind=r["kind"]))
    n = result.executed
    rate = n / seconds
    country = 10_000 * (1 + len(districts) / len(c))  # 10,000 communes and their districts
    projected = (load + country / rate) / 60
    jobs = args.jobs or os.cpu_count()
    print(f"national dataset: {len(c)} communes, {len(districts)} districts; loaded in {load:.1f} s")
    print(f"batch: {len(chosen)} communes of {len(set(ds.communes.set_index('commune_id').loc[chosen, 'district']))} "
          f"districts, {n} reports ({year}) in {seconds:.1f} s, {jobs} workers, "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    peak, cpu, counted = 0.0, 0.0, 0
    for w, res in per_worker.items():
        top = max(m["worker_peak"] + m.get("kernel_peak", 0) for m in res)
        peak = max(peak, top)
        first, last = res[0], res[-1]
        cpu += (last["worker_cpu"] + last["kernel_cpu"]) - (first["worker_cpu"] + first["kernel_cpu"])
        counted += len(res) - 1
        print(f"worker {w}: {len(res)} reports; RSS after the first {first['worker']:.0f} + {first['kernel']:.0f} MB "
              f"(process + kernel), after the last {last['worker']:.0f} + {last['kernel']:.0f} MB; "
              f"peak {top:.0f} MB")
        marks = sorted({0, len(res) // 4, len(res) // 2, 3 * len(res) // 4, len(res) - 1})
        print("  RSS (process + kernel) after reports " + ", ".join(
            f"{i + 1}: {res[i]['worker'] + res[i]['kernel']:.0f} MB" for i in marks))
    per_report = cpu / max(counted, 1)
    print(f"CPU per report (process + kernel): {per_report:.2f} s; on {jobs} cores of its own the country would take "
          f"{(load + country * per_report / jobs) / 60:.1f} min")
    print(f"main process: peak {_peak_mb():.0f} MB (the national dataset and its scores)")
    print(f"national: {n} reports, {rate:.1f} reports/s, projected {projected:.1f} min for 10000 communes, "
          f"peak {peak:.0f} MB")


COMMUNES_2026, PROVINCES_2026 = 3321, 34  # the commune-level units and provinces from 1 July 2025


def national_2026(args) -> None:
    """The 2026 batch benchmark (see the module docstring)."""
    from ntmlib.dataset.synthetic import national_cache, national_folder
    from ntmlib.present.maps import CACHE_ENV

    if args.dataset_2026:
        data = Path(args.dataset_2026)
    else:  # the synthetic 34 provinces of the map of 1 July 2025
        national_cache(args.cache_2026, formats=("parquet",), year=2026)
        data = national_folder(args.cache_2026, "parquet", 2026)
    t0 = time.perf_counter()
    ds = load_dataset(data)
    load = time.perf_counter() - t0
    year = max(ds.years)
    c = ds.communes[ds.communes["assessed"] & ds.existing([year])]
    chosen: list[str] = []
    provinces: list[str] = []
    for p in dict.fromkeys(c["province"]):  # whole provinces, until N communes
        if len(chosen) >= args.national_2026:
            break
        provinces.append(p)
        chosen += list(c.loc[c["province"] == p, "commune_id"])
    with tempfile.TemporaryDirectory() as tmp:
        os.environ[CACHE_ENV] = str(Path(tmp) / "maps")  # every map drawn in this run
        t0, cpu0 = time.perf_counter(), time.process_time()
        result = run_batch(ds.restrict(chosen), years=[year], out=Path(tmp) / "national-2026", jobs=args.jobs,
                           force=True, progress=False, kinds=("commune", "province"))
        seconds = time.perf_counter() - t0
        if not result.ok:
            raise SystemExit(f"batch failed: {result.failed[:3]}")
        runs = json.loads(result.manifest.read_text(encoding="utf-8"))["runs"]
    jobs = args.jobs or os.cpu_count()
    n = result.executed
    rate = n / seconds
    wall = {k: [r["duration"] for r in runs if r["kind"] == k] for k in ("commune", "province")}
    each = {k: sum(v) / len(v) for k, v in wall.items() if v}
    peak = 0.0
    for r in runs:
        res = r.get("resources") or {}
        peak = max(peak, res.get("worker_peak", 0) + res.get("kernel_peak", 0))
    kernel_cpu, cpu = {}, {}  # a report's processor time: its kernel's, and its worker's and kernel's together
    by_worker: dict[str, list[dict]] = {}
    for r in sorted(runs, key=lambda r: r.get("finished") or 0):
        if r.get("resources"):
            by_worker.setdefault(r["worker"], []).append(r)
    for done in by_worker.values():
        for before, r in zip(done, done[1:]):
            a, b = before["resources"], r["resources"]
            kernel_cpu[r["stem"]] = b["kernel_cpu"] - a["kernel_cpu"]
            cpu[r["stem"]] = b["kernel_cpu"] + b["worker_cpu"] - a["kernel_cpu"] - a["worker_cpu"]
    per = {k: [cpu[r["stem"]] for r in runs if r["kind"] == k and r["stem"] in cpu] for k in ("commune", "province")}
    per = {k: sum(v) / len(v) if v else float("nan") for k, v in per.items()}
    # on `jobs` cores of their own: the national load, the batch's own work (scoring, scores files, index,
    # measured here as the main process's processor time) scaled with the communes, and every report's processor time
    main_cpu = time.process_time() - cpu0
    projected = (load * COMMUNES_2026 / len(c) + main_cpu * COMMUNES_2026 / len(chosen)
                 + (COMMUNES_2026 * per["commune"] + PROVINCES_2026 * per["province"]) / jobs) / 60
    print(f"dataset: {data}, year {year}, "
          f"{len(c)} communes of {c['province'].nunique()} provinces; loaded in {load:.1f} s")
    print(f"batch: {len(chosen)} communes of {len(provinces)} provinces ({', '.join(provinces)}), {n} reports in "
          f"{seconds:.1f} s, {jobs} workers; wall time per report in a worker: commune {each['commune']:.2f} s, "
          f"province {each['province']:.2f} s (largest province: "
          f"{max(int((c['province'] == p).sum()) for p in provinces)} communes), load average "
          f"{os.getloadavg()[0]:.1f} at the end")
    print(f"processor time per report (worker + kernel): commune {per['commune']:.2f} s, province "
          f"{per['province']:.2f} s; the batch's own work {main_cpu:.1f} s")
    for r in runs:
        if r["kind"] == "province":
            cpu = kernel_cpu.get(r["stem"])
            print(f"province report {r['label']}: {int((c['province'] == r['target']).sum())} communes, "
                  f"{r['duration']:.2f} s in its worker, processor time in its warm kernel "
                  + (f"{cpu:.2f} s" if cpu is not None else "not measured (the worker's first report)"))
    print(f"national-2026: {n} reports, {rate:.1f} reports/s, projected {projected:.1f} min for {COMMUNES_2026} "
          f"communes and {PROVINCES_2026} provinces, peak {peak:.0f} MB")


def _peak_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            return next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmHWM"))
    except (OSError, StopIteration):
        return float("nan")


def main() -> None:
    from ntmlib.present.maps import CACHE_ENV  # here, not at the top: the workers' server imports this script

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--dataset", default=str(ROOT / "data" / "ly-nhan"))
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--national", type=int, metavar="N", help="the national batch benchmark, about N communes")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/ntm-national"),
                    help="folder of the synthetic national dataset (made on first use)")
    ap.add_argument("--national-2026", type=int, metavar="N",
                    help="the 2026 batch benchmark (commune and province reports), about N communes")
    ap.add_argument("--dataset-2026", type=Path, help="a 2026 dataset for --national-2026")
    ap.add_argument("--cache-2026", type=Path, default=Path("/tmp/ntm-national-2026"),
                    help="folder of the stand-in dataset of --national-2026 (made on first use)")
    args = ap.parse_args()
    if args.national_2026:
        national_2026(args)
        return
    if args.national:
        national(args)
        return

    ds = load_dataset(args.dataset)
    runs = [r for r in plan(ds, ds.years) if r.kind == "commune"]
    while len(runs) < args.n:  # repeat the plan if the dataset is smaller than N
        runs += runs
    runs = runs[: args.n]
    bin_dir = Path(sys.executable).parent
    notebook = ROOT / "notebooks" / "commune_report.ipynb"

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, **{CACHE_ENV: str(tmp / "maps-plain")})  # each side draws its own maps
        t0 = time.perf_counter()
        for i, r in enumerate(runs):
            out = tmp / "plain" / f"r{i}.ipynb"
            out.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([str(bin_dir / "papermill"), str(notebook), str(out),
                            "-p", "dataset", str(ds.path.resolve()), "-p", "commune", r.target,
                            "-p", "year", str(r.year), "--cwd", str(notebook.parent), "--no-progress-bar"],
                           check=True, capture_output=True, env=env)
            subprocess.run([str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out)],
                           check=True, capture_output=True, env=env)
        plain = time.perf_counter() - t0

        os.environ[CACHE_ENV] = str(tmp / "maps-batch")
        t0 = time.perf_counter()
        result = run_batch(ds, years=sorted({r.year for r in runs}), out=tmp / "batch", jobs=args.jobs,
                           force=True, progress=False, kinds=("commune",),
                           communes=sorted({r.target for r in runs}))
        batch = time.perf_counter() - t0
        if not result.ok:
            raise SystemExit(f"batch failed: {result.failed}")
        n_batch = result.executed

    print(f"plain loop: {len(runs)} reports in {plain:.1f} s ({plain / len(runs):.2f} s each)")
    print(f"ntm reports: {n_batch} reports in {batch:.1f} s ({batch / n_batch:.2f} s each)")
    ratio = (plain / len(runs)) / (batch / n_batch)
    print(f"batch: {len(runs)} reports, plain loop {plain:.1f} s, ntm reports {batch:.1f} s, {ratio:.1f}x")


if __name__ == "__main__":
    main()

"""Score the synthetic national dataset (10,000 communes × 5 years × the NTM and nâng cao sets)
and print the time and peak memory of each step:

    python benchmarks/scoring.py [--communes 10000] [--cache /tmp/ntm-national] [--sample 20000]

Steps: read the observations file (CSV, Parquet); load_dataset (read + every check, CSV and
Parquet); ntmlib.validate; score; aggregate (district and province summaries); and the
row-by-row reference scorer (ntmlib.testing.reference) on a sample of about `--sample` observations,
for the cost per observation. The dataset is generated with ntmlib.dataset.synthetic on first use and
kept in --cache.

"CPU" is the step's processor time (all its threads): on a machine shared with other work it
stays near what the step costs when the time does not. Each step runs in a fresh process that first
prepares what the step needs (e.g. loads the Parquet dataset). Memory: just before the step the
process collects garbage, gives freed memory back to the system (malloc_trim) and resets the kernel's peak-RSS mark
(/proc/self/clear_refs); "peak" is the peak resident set size during the step (VmHWM), so it
counts the data already loaded; "added" is peak minus the RSS at the start of the step.
numpy, pandas and pyarrow allocations are all included. The score + aggregate pass is timed
--repeat times (each in a fresh process) and the median is reported.

The last line reads e.g. `load: 0.95 s parquet, 1.40 s csv; score+aggregate: 0.84 s, peak 720 MB`
(loads: the median of --repeat fresh processes, as for score + aggregate).
"""
from __future__ import annotations

import argparse
import ctypes
import dataclasses
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# --------------------------------------------------------------------------- measuring (in the child)


def _status(key: str) -> float:
    """VmRSS or VmHWM of this process in MB (Linux)."""
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _start() -> float:
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # reset the peak RSS mark to the current RSS
    except OSError:
        pass
    return _status("VmRSS")


def _measure(fn):
    before = _start()
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return result, {"seconds": seconds, "cpu": cpu, "peak": _status("VmHWM"), "added": _status("VmHWM") - before}


def child(step: str, data: Path, sample: int) -> dict:
    import ntmlib
    from ntmlib.analysis import aggregate
    from ntmlib.dataset.readers import read_observations
    from ntmlib.errors import Problem  # noqa: F401  (imported here so import time is not measured)

    parquet, csv = data / "parquet", data / "csv"
    if step == "read-csv":
        _, m = _measure(lambda: read_observations(csv / "observations.csv", []))
        return m
    if step == "read-parquet":
        _, m = _measure(lambda: read_observations(parquet / "observations.parquet", []))
        return m
    if step == "load-csv":
        ds, m = _measure(lambda: ntmlib.load_dataset(csv))
        return m | {"observations": len(ds.observations)}
    if step == "load-parquet":
        ds, m = _measure(lambda: ntmlib.load_dataset(parquet))
        return m | {"observations": len(ds.observations)}
    ds = ntmlib.load_dataset(parquet)
    if step == "validate":
        problems, m = _measure(lambda: ntmlib.validate(ds))
        return m | {"problems": len(problems)}
    if step == "score+aggregate":
        card, score_m = _measure(lambda: ntmlib.score(ds))
        _, agg_m = _measure(lambda: (aggregate.summary(card, level="district"),
                                     aggregate.summary(card, level="province")))
        return {"score": score_m, "aggregate": agg_m, "indicator_rows": len(card.indicators),
                "observations": len(ds.observations)}
    if step == "reference":
        from ntmlib.testing.reference import score_reference

        small = _sample(ds, sample)
        sets = ntmlib.score(small).sets.values()
        _, ref_m = _measure(lambda: score_reference(small, list(sets), small.years))
        _, vec_m = _measure(lambda: ntmlib.score(small))
        return {"reference": ref_m, "vectorised": vec_m, "observations": len(small.observations)}
    raise ValueError(step)


def _sample(ds, n_obs: int):
    """The first communes of the dataset, as many as hold about n_obs observations."""
    per_commune = len(ds.observations) / max(ds.observations["commune_id"].nunique(), 1)
    ids = set(ds.communes["commune_id"].iloc[: max(int(round(n_obs / per_commune)), 1)])
    obs = ds.observations[ds.observations["commune_id"].isin(ids)].reset_index(drop=True)
    return dataclasses.replace(ds, communes=ds.communes[ds.communes["commune_id"].isin(ids)].reset_index(drop=True),
                               observations=obs, encoded=None)


# --------------------------------------------------------------------------- the run (in the parent)


def run_child(step: str, args) -> dict:
    cmd = [sys.executable, __file__, "--child", step, "--cache", str(args.cache), "--sample", str(args.sample)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem = next((int(line.split()[1]) / 1024 / 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    import numpy
    import pandas
    import pyarrow
    return (f"{os.cpu_count()} cores, {mem:.0f} GiB, {cpu}; Python {sys.version.split()[0]}, "
            f"pandas {pandas.__version__}, numpy {numpy.__version__}, pyarrow {pyarrow.__version__}")


def generate(cache: Path, communes: int, seed: int) -> None:
    """The synthetic national dataset in `cache` (CSV and Parquet), made or completed unless already there."""
    from ntmlib.dataset.synthetic import national_cache

    t0 = time.perf_counter()
    made = national_cache(cache, communes=communes, seed=seed, formats=("csv", "parquet"))
    if made:  # none when the cache (shared with benchmarks/batch.py --national) held both already
        print(f"generated {communes} communes ({', '.join(made)}) in {time.perf_counter() - t0:.1f} s -> {cache}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--communes", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/ntm-national"),
                    help="folder of the generated dataset (made on first use)")
    ap.add_argument("--sample", type=int, default=20_000, help="observations scored by the row-by-row reference")
    ap.add_argument("--repeat", type=int, default=3, help="fresh runs of each load and of the score + aggregate pass")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.cache, args.sample)))
        return

    generate(args.cache, args.communes, args.seed)
    print(f"machine: {machine()}")

    rows = []

    def row(step, m, note=""):
        rows.append((step, f"{m['seconds']:.2f}", f"{m['cpu']:.2f}", f"{m['peak']:.0f}", f"{m['added']:.0f}", note))

    size = {f: (args.cache / f / f"observations.{f}").stat().st_size / 2**20 for f in ("csv", "parquet")}
    row("read CSV", run_child("read-csv", args), f"{size['csv']:.0f} MB file")
    row("read Parquet", run_child("read-parquet", args), f"{size['parquet']:.0f} MB file")
    loads = {"csv": [], "parquet": [], "cpu": {}}
    for fmt in ("csv", "parquet"):  # the median of --repeat fresh loads
        runs = [run_child(f"load-{fmt}", args) for _ in range(args.repeat)]
        loads[fmt] = [r["seconds"] for r in runs]
        load = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
        loads["cpu"][fmt] = load["cpu"]
        row(f"load_dataset {fmt.replace('csv', 'CSV').replace('parquet', 'Parquet')}", load,
            "read + checks + codes" if fmt == "csv" else f"{load['observations']:,} observations")
    v = run_child("validate", args)
    row("validate", v, f"{v['problems']} problems")
    passes = [run_child("score+aggregate", args) for _ in range(args.repeat)]
    middle = sorted(passes, key=lambda p: p["score"]["seconds"] + p["aggregate"]["seconds"])[len(passes) // 2]
    row("score", middle["score"], f"{middle['indicator_rows']:,} indicator rows")
    row("aggregate", middle["aggregate"], "district + province summaries")
    ref = run_child("reference", args)
    row("row-by-row reference", ref["reference"], f"{ref['observations']:,} observations")
    row("score, same sample", ref["vectorised"], f"{ref['observations']:,} observations")

    header = ("step", "time (s)", "CPU (s)", "peak (MB)", "added (MB)", "")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(6)]
    for r in [header] + rows:
        print("  ".join(str(c).ljust(w) if i in (0, 5) else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))))

    totals = [p["score"]["seconds"] + p["aggregate"]["seconds"] for p in passes]
    total = statistics.median(totals)
    peak = max(max(p["score"]["peak"], p["aggregate"]["peak"]) for p in passes)
    per_obs_ref = ref["reference"]["seconds"] / ref["observations"]
    per_obs_vec = middle["score"]["seconds"] / middle["observations"]
    print(f"score+aggregate runs: {', '.join(f'{t:.2f}' for t in totals)} s; "
          f"{per_obs_ref / per_obs_vec:.0f}x row-by-row per observation")
    print(f"load_dataset runs: parquet {', '.join(f'{t:.2f}' for t in loads['parquet'])} s, "
          f"csv {', '.join(f'{t:.2f}' for t in loads['csv'])} s (CPU time of the median run: parquet "
          f"{loads['cpu']['parquet']:.2f} s, csv {loads['cpu']['csv']:.2f} s; load average {os.getloadavg()[0]:.1f})")
    print(f"load: {statistics.median(loads['parquet']):.2f} s parquet, {statistics.median(loads['csv']):.2f} s csv; "
          f"score+aggregate: {total:.2f} s, peak {peak:.0f} MB")


if __name__ == "__main__":
    main()

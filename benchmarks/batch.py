"""Render N commune reports two ways in one run and print both times and the ratio:

1. the plain loop an analyst would write: `papermill` CLI, then `jupyter nbconvert --to html
   --no-input`, one commune after another;
2. `ntm reports` (ntmlib.batch.run_batch): scoring once, warm kernels in a process pool,
   HTML exported in-process.

    python benchmarks/batch.py [--n 40] [--dataset data/ly-nhan] [--jobs 2]

The last line reads e.g. `batch: 40 reports, plain loop 150.2 s, ntm reports 35.1 s, 4.3x`.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ntmlib import load_dataset  # noqa: E402
from ntmlib.batch import plan, run_batch  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--dataset", default=str(ROOT / "data" / "ly-nhan"))
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()

    ds = load_dataset(args.dataset)
    runs = [r for r in plan(ds, ds.years) if r.kind == "commune"]
    while len(runs) < args.n:  # repeat the plan if the dataset is smaller than N
        runs += runs
    runs = runs[: args.n]
    bin_dir = Path(sys.executable).parent
    notebook = ROOT / "notebooks" / "commune_report.ipynb"

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        for i, r in enumerate(runs):
            out = tmp / "plain" / f"r{i}.ipynb"
            out.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([str(bin_dir / "papermill"), str(notebook), str(out), "-p", "dataset", str(ds.path.resolve()),
                            "-p", "commune", r.target, "-p", "year", str(r.year), "--cwd", str(notebook.parent),
                            "--no-progress-bar"], check=True, capture_output=True)
            subprocess.run([str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out)],
                           check=True, capture_output=True)
        plain = time.perf_counter() - t0

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

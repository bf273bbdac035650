"""Profile what one batch worker does per report, in this process: the report notebook's cells
run in an IPython shell (as in the worker's kernel, with the batch's cached scores) and the
HTML export, under cProfile (CPU time); prints the top functions by cumulative and by own time.

    python benchmarks/profile_reports.py [--n 10] [--kind commune] [--dataset data/ly-nhan] [--top 25]

The reports are those of the dataset's first district, in its last year, reading that
district's scores file as in a batch (ntmlib.run.batch.write_district_scores).

The first report is rendered once before profiling (imports, first-use caches), as a warm
kernel would have done.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from IPython.core.interactiveshell import InteractiveShell  # noqa: E402

from ntmlib import load_dataset  # noqa: E402
from ntmlib.run.batch import plan, write_district_scores  # noqa: E402
from ntmlib.run.export import to_html  # noqa: E402
from ntmlib.run.kernel_state import clear_namespace  # noqa: E402
from ntmlib.run.runner import prepare  # noqa: E402
from ntmlib.scoring.engine import score  # noqa: E402
from ntmlib.scoring.window import report_years  # noqa: E402


class _Capture:
    """Collects what the cells display, as a kernel would send it to the notebook."""

    def __init__(self, shell):
        self.outputs = []
        shell.display_pub.publish = self.publish

    def publish(self, data, metadata=None, **kwargs):
        self.outputs.append({"output_type": "display_data", "data": data, "metadata": metadata or {}})


def render(shell, capture, kind: str, params: dict):
    """Run the prepared notebook's cells in `shell`; return the notebook with their outputs."""
    nb = prepare(kind, params)
    clear_namespace(shell)  # what the warm kernel does between reports (ntmlib.run.kernel_state)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        capture.outputs = []
        result = shell.run_cell(cell.source, store_history=False)
        if not result.success:
            raise SystemExit(f"cell failed: {result.error_in_exec or result.error_before_exec}")
        cell.outputs = capture.outputs
    return nb


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10)
    ap.add_argument("--kind", default="commune", choices=("commune", "district"))
    ap.add_argument("--dataset", default=str(ROOT / "data" / "ly-nhan"))
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--callers", help="also print who calls the functions matching this text")
    args = ap.parse_args()

    ds = load_dataset(args.dataset)
    year = max(ds.years)
    c = ds.communes[ds.communes["assessed"]]
    first = c[c["district"] == c["district"].iloc[0]]  # one district's communes, as a batch worker gets them
    runs = [r for r in plan(ds, [year], list(first["commune_id"])) if r.kind == args.kind]
    runs = (runs * (args.n // max(len(runs), 1) + 1))[: args.n + 1]
    with tempfile.TemporaryDirectory() as tmp:
        card = score(ds, year=report_years(ds.years, year))
        files = write_district_scores(card, runs, Path(tmp))
        for r in runs:
            r.params.update(dataset=str(ds.path.resolve()), scores=str(files[r.district]))
        shell = InteractiveShell.instance()
        capture = _Capture(shell)
        to_html(render(shell, capture, args.kind, runs[0].params))  # warm-up, not profiled
        prof = cProfile.Profile(time.process_time)  # CPU time: the same on a busy machine
        t0 = time.process_time()
        size = 0
        prof.enable()
        for r in runs[1:]:
            nb = render(shell, capture, args.kind, r.params)
            size += len(to_html(nb, title=r.label, index_href="../index.html"))
        prof.disable()
        seconds = time.process_time() - t0
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    if args.callers:
        stats.print_callers(args.callers)
    text = out.getvalue().replace(str(ROOT) + "/", "").replace(str(Path(sys.prefix)) + "/", "")
    print(text)
    n = len(runs) - 1
    print(f"profile: {n} {args.kind} reports in one process, {seconds / n:.3f} s of CPU each (under cProfile), "
          f"{size / n / 1024:.0f} KB of HTML each")


if __name__ == "__main__":
    main()

"""Profile what one batch worker does per report, in this process: the report notebook's cells
run in an IPython shell (as in the worker's kernel, with the batch's cached scores) and the
HTML export, under cProfile (CPU time); prints the top functions by cumulative and by own time.

    python benchmarks/profile_reports.py [--n 10] [--kind commune] [--dataset data/ly-nhan] [--top 25]
    python benchmarks/profile_reports.py --dataset /tmp/ntm-national-2026/map-2026/parquet

The reports are those of the dataset's first district, in its last year, reading that
district's scores file as in a batch (ntmlib.run.batch.write_district_scores). In a year without
districts (the 2026 map) they are those of the first province, its dataset cut to the province as
`ntm reports --province` cuts it (ntmlib.run.batch.area_dataset), each reading the scores file the
batch writes for them.

The first report is rendered once before profiling (imports, first-use caches), as a warm
kernel would have done. With --cells, the reports are rendered again without the profiler (whose
overhead on many small pandas calls inflates them) and the processor time of each cell and of the
export is printed, a mean over the reports.
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
from ntmlib.dataset.model import has_district  # noqa: E402
from ntmlib.run.batch import area_dataset, plan, write_district_scores  # noqa: E402
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


def render(shell, capture, kind: str, params: dict, times: dict | None = None):
    """Run the prepared notebook's cells in `shell`; return the notebook with their outputs. The
    processor time of each cell is added to `times` (by the cell's index) when given."""
    nb = prepare(kind, params)
    clear_namespace(shell)  # what the warm kernel does between reports (ntmlib.run.kernel_state)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        capture.outputs = []
        t0 = time.process_time()
        result = shell.run_cell(cell.source, store_history=False)
        if times is not None:
            times[i] = times.get(i, 0.0) + time.process_time() - t0
        if not result.success:
            raise SystemExit(f"cell failed: {result.error_in_exec or result.error_before_exec}")
        cell.outputs = capture.outputs
    return nb


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10)
    ap.add_argument("--kind", default="commune", choices=("commune", "district", "province"))
    ap.add_argument("--dataset", default=str(ROOT / "data" / "ly-nhan"))
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--callers", help="also print who calls the functions matching this text")
    ap.add_argument("--save", type=Path, help="also write the profile to this file (pstats)")
    ap.add_argument("--cells", action="store_true",
                    help="also the processor time of each cell and of the export, without the profiler")
    args = ap.parse_args()

    ds = load_dataset(args.dataset)
    year = max(ds.years)
    c = ds.communes[ds.communes["assessed"] & ds.existing([year])]
    district = c["district"].iloc[0]
    if has_district(district):  # one district's communes, as a batch worker gets them
        first = c[c["district"] == district]
    else:  # no districts (the 2026 map): the first province's, its dataset cut as a province's batch cuts it
        ds, _ = area_dataset(ds, [year], province=c["province"].iloc[0])
        first = ds.communes[ds.communes["assessed"] & ds.existing([year])]
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
        if args.cells:
            times: dict = {}
            for r in runs[1:]:
                nb = render(shell, capture, args.kind, r.params, times)
                t1 = time.process_time()
                to_html(nb, title=r.label, index_href="../index.html")
                times["export"] = times.get("export", 0.0) + time.process_time() - t1
    if args.save:
        prof.dump_stats(args.save)
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    if args.callers:
        stats.print_callers(args.callers)
    text = out.getvalue().replace(str(ROOT) + "/", "").replace(str(Path(sys.prefix)) + "/", "")
    print(text)
    n = len(runs) - 1
    if args.cells:
        for i, t in times.items():
            print(f"cell {i}: {1000 * t / n:6.1f} ms  {'to_html' if i == 'export' else _what(nb.cells[i].source)}")
        print(f"cells and export without the profiler: {sum(times.values()) / n:.3f} s of CPU each")
    print(f"profile: {n} {args.kind} reports ({runs[0].label}, …, {year}) in one process, {seconds / n:.3f} s of CPU "
          f"each (under cProfile), {size / n / 1024:.0f} KB of HTML each")


def _what(source: str) -> str:
    """A cell's first line that does something (not a comment, an import or a condition), cut to 80 characters."""
    lines = [line.strip() for line in source.splitlines()]
    doing = [x for x in lines if x and not x.startswith(("#", "from ", "import ", "if ", "for "))]
    return (doing or lines or [""])[0][:80]


if __name__ == "__main__":
    main()

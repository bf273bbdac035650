"""Time the HTML criteria grid and heatmap (ntmlib.present.grids) on the sample dataset:

    python benchmarks/grids.py [--repeat 7] [--commune 13618] [--year 2023]

For each of the sets scored in --year: one commune's criteria grid (with the previous year's
changes when it was scored) and the heatmap of all communes. Each is built --repeat times in this
process after one warm-up call; the median is printed with the size of the HTML that ends up in
the report. The last line reads e.g. `grids: HTML 0.196 s, 232.6 kB`: the sums over all the figures.
(The matplotlib figures these grids replaced, and the comparison with them, are gone from ntmlib.)
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ntmlib  # noqa: E402
from ntmlib.present import grids  # noqa: E402


def median_time(build, repeat: int):
    """(median seconds, last result) of `repeat` calls of `build`, after one warm-up call."""
    out = build()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = build()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--commune", default="13618", help="commune id (default: Nhân Bình)")
    ap.add_argument("--year", type=int, default=2023)
    args = ap.parse_args()

    card = ntmlib.score(ROOT / "data" / "ly-nhan")
    prev = args.year - 1 if args.year - 1 in card.years else None
    c = card.communes
    sets = list(dict.fromkeys(c.loc[c["year"] == args.year, "set"]))
    cases = []
    for s in sets:
        cases.append((f"grid {s}",
                      lambda s=s: grids.criteria_grid_html(card, args.commune, args.year, s, previous_year=prev)))
        cases.append((f"heatmap {s}", lambda s=s: grids.heatmap_html(card, args.year, s)))

    total_time = total_kb = 0.0
    print(f"{'figure':36} {'HTML s':>8} {'HTML kB':>8}")
    for name, as_html in cases:
        t_html, markup = median_time(as_html, args.repeat)
        kb = len(markup.encode()) / 1024
        total_time += t_html
        total_kb += kb
        print(f"{name:36} {t_html:8.4f} {kb:8.1f}")
    print(f"grids: HTML {total_time:.3f} s, {total_kb:.1f} kB")

if __name__ == "__main__":
    main()

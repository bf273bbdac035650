"""Time the HTML criteria grid and heatmap (ntmlib.present.grids) against the matplotlib figures they
replace (ntmlib.present.plots, including the PNG a report embeds), on the sample dataset:

    python benchmarks/grids.py [--repeat 7] [--commune 13618] [--year 2023]

For each of the sets scored in --year: one commune's criteria grid (with the previous year's
changes when it was scored) and the heatmap of all communes. Each is built --repeat times in this
process after one warm-up call; the median is printed with the size of what ends up in the report
(HTML text, or the PNG as base64). The last line reads e.g. `grids: HTML 0.004 s, matplotlib + PNG
0.71 s (180x)`: the sums over all the figures.
"""
from __future__ import annotations

import argparse
import base64
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ntmlib  # noqa: E402
from ntmlib.present import grids, plots  # noqa: E402


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
                      lambda s=s: grids.criteria_grid_html(card, args.commune, args.year, s, previous_year=prev),
                      lambda s=s: plots.criteria_grid(card, args.commune, args.year, s,
                                                      previous_year=prev)._repr_png_()))
        cases.append((f"heatmap {s}", lambda s=s: grids.heatmap_html(card, args.year, s),
                      lambda s=s: plots.heatmap(card, args.year, s)._repr_png_()))

    total_html = total_png = 0.0
    print(f"{'figure':36} {'HTML s':>8} {'HTML kB':>8} {'mpl+PNG s':>10} {'PNG b64 kB':>11} {'ratio':>7}")
    for name, as_html, as_png in cases:
        t_html, markup = median_time(as_html, args.repeat)
        t_png, png = median_time(as_png, max(1, args.repeat // 2))
        total_html += t_html
        total_png += t_png
        print(f"{name:36} {t_html:8.4f} {len(markup.encode()) / 1024:8.1f} {t_png:10.3f} "
              f"{len(base64.b64encode(png)) / 1024:11.1f} {t_png / t_html:6.0f}x")
    print(f"grids: HTML {total_html:.3f} s, matplotlib + PNG {total_png:.2f} s ({total_png / total_html:.0f}x)")


if __name__ == "__main__":
    main()

"""Progress against the province's targets (dataset.yaml `targets`, ntmlib.dataset.model.Target):
for a year of the scores, how many communes reach each target's tier, how many the target asks
for, and how many are still missing ("còn 4 xã để đạt mục tiêu 65 % năm 2030")."""
from __future__ import annotations

import math

import pandas as pd

from ..scoring.scorecard import Scorecard
from ..scoring.window import require_year
from ..text import TARGET_TEXT, label, number_text, tier_name

COLUMNS = ["tier", "target_year", "share", "count", "source", "year", "communes", "reached", "recognised",
           "undecided", "reached_share", "target", "gap", "met"]


def target_count(share: float | None, count: int | None, communes: int) -> int:
    """The communes a target asks for: its `count`, else ceil(share × communes) (65 % of 7 is 5)."""
    if count is not None:
        return int(count)
    return math.ceil(round(share * communes, 9))  # 0.07 × 100 is 7.000000000000001 in floating point: 7, not 8


def progress(card: Scorecard, year: int | None = None, province: str | None = None) -> pd.DataFrame:
    """One row per target of the card's dataset, for `year` of the scores (the latest when None) and
    the communes of `province` (all when None): `communes` scored at the target's tier that year,
    `reached` (their results reach the tier), `recognised`, `undecided` (a threshold or data missing),
    `reached_share`, `target` (communes the target asks for), `gap` (how many more, 0 when met) and
    `met`. A tier not scored that year gives a row with no counts (`communes` 0, the rest NA)."""
    ds = card.dataset
    years = sorted(int(y) for y in card.communes["year"].unique())
    y = require_year(years[-1] if year is None else year, years)
    c = card.communes[card.communes["year"] == y]
    if province is not None:
        c = c[c["commune_id"].isin(ds.area_communes(province=province))]
    rows = []
    for t in ds.targets:
        mine = c[c["tier"] == t.tier].drop_duplicates("commune_id")
        n = len(mine)
        row = {"tier": t.tier, "target_year": t.year, "share": t.share, "count": t.count, "source": t.source,
               "year": y, "communes": n}
        if n:
            reached = int(mine["reaches"].sum())
            need = target_count(t.share, t.count, n)
            row.update(reached=reached, recognised=int(mine["recognised"].sum()),
                       undecided=int(mine["undecided"].sum()), reached_share=reached / n, target=need,
                       gap=max(need - reached, 0), met=reached >= need)
        rows.append(row)
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["share"] = out["share"].astype(float)
    for col in ("count", "reached", "recognised", "undecided", "target", "gap"):
        out[col] = out[col].astype("Int64")
    out["met"] = out["met"].astype("boolean")
    return out


def sentence(row, lang: str = "vi") -> str:
    """One row of progress() as an office writes it: 'Năm 2026: 1/7 xã đạt chuẩn NTM theo kết quả chấm
    (14,3 %); còn 4 xã để đạt mục tiêu 65 % năm 2030.'"""
    words = dict(year=row["year"], tier=tier_name(row["tier"], lang), target_year=row["target_year"])
    if not row["communes"]:
        return label(TARGET_TEXT, "not_scored", lang, **words) + "."
    pct = number_text(100 * row["reached_share"], 1, lang)
    share = number_text(100 * row["share"], 1, lang) if pd.notna(row["share"]) else None
    parts = [label(TARGET_TEXT, "reached", lang, reached=row["reached"], communes=row["communes"], pct=pct, **words)]
    kind = "share" if share is not None else "count"
    words["count"] = None if kind == "share" else int(row["count"])
    if row["gap"]:
        parts.append(label(TARGET_TEXT, f"gap_{kind}", lang, gap=row["gap"], share=share, **words))
    else:
        parts.append(label(TARGET_TEXT, f"met_{kind}", lang, share=share, **words))
    if row["undecided"]:
        parts.append(label(TARGET_TEXT, "undecided", lang, n=row["undecided"]))
    return "; ".join(parts) + "."

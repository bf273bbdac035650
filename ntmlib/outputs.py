"""Writing results to disk: atomic writes, safe file names, and the HTML score tables."""
from __future__ import annotations

import html
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import pandas as pd

from .text import communes_display, counts_text, met_word, number_text, tier_name


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def slug(text: str) -> str:
    """A safe file-name part: diacritics folded, 'đ' to 'd', anything else to '-'."""
    t = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    t = "".join(ch for ch in t if not unicodedata.combining(ch)).lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t or "x"


_STYLE = """<style>
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}
th{background:#f0f3f5}.dat{color:#1a7f37}.chua{color:#b42318}.na{color:#888}h1{font-size:1.5em}
</style>"""


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"{_STYLE}</head><body><h1>{html.escape(title)}</h1>\n{body}\n</body></html>\n")


def commune_table_html(card, commune_id: str, year: int) -> str:
    """HTML body for one commune: counts per set, criteria, and unmet indicators."""
    parts = []
    rows = card.commune(commune_id, year)
    for _, r in rows.iterrows():
        s = card.sets[r["set"]]
        parts.append(f"<h2>{html.escape(s.name)}</h2><p>Đạt {html.escape(counts_text(r['criteria_met'], r['criteria_total'], r['indicators_met'], r['indicators_total']))}"
                     f"; chưa có số liệu: {r['no_data']} chỉ tiêu.</p>")
        crit = card.criteria[(card.criteria["commune_id"] == commune_id) & (card.criteria["year"] == year)
                             & (card.criteria["set"] == s.id)]
        names = {c.code: c.name for c in s.criteria}
        table = pd.DataFrame({
            "Tiêu chí": crit["criterion"], "Tên": crit["criterion"].map(names),
            "Chỉ tiêu đạt": [f"{a}/{b}" for a, b in zip(crit["indicators_met"], crit["indicators_total"])],
            "Kết quả": [met_word(v) for v in crit["met"]],
        })
        parts.append(table.to_html(index=False, escape=True))
        ind = card.indicators
        unmet = ind[(ind["commune_id"] == commune_id) & (ind["year"] == year) & (ind["set"] == s.id)
                    & ~ind["met"].fillna(False).astype(bool)]
        if len(unmet):
            iname = {i.code: i.name for i in s.indicators}
            parts.append("<h3>Chỉ tiêu chưa đạt hoặc chưa có số liệu</h3>")
            parts.append(pd.DataFrame({
                "Chỉ tiêu": unmet["indicator"], "Tên": unmet["indicator"].map(iname), "Giá trị": unmet["value"],
                "Ngưỡng": [number_text(t) for t in unmet["threshold"]],
                "Chênh lệch": [number_text(g) for g in unmet["gap"]],
                "Kết quả": [met_word(v) for v in unmet["met"]],
            }).to_html(index=False, escape=True))
    return "\n".join(parts)


def write_score_tables(card, year: int, out: Path) -> Path:
    """Write one HTML page per commune, a district page and index.html; return the index path."""
    out.mkdir(parents=True, exist_ok=True)
    communes = card.communes[card.communes["year"] == year]
    ds_name = card.dataset.name if card.dataset is not None else "dữ liệu"
    district_file = f"huyen-{year}.html"
    write_text_atomic(out / district_file, _page(f"{ds_name} — kết quả năm {year}",
                                                 communes_display(communes).to_html(index=False, escape=True)))
    links = [f'<li><a href="{district_file}">Toàn huyện, năm {year}</a></li>']
    for cid, name in communes[["commune_id", "commune"]].drop_duplicates().itertuples(index=False):
        fname = f"xa-{slug(name)}-{slug(cid)}-{year}.html"
        write_text_atomic(out / fname, _page(f"Xã {name} — năm {year}", commune_table_html(card, cid, year)))
        reached = communes[communes["commune_id"] == cid]["tier_reached"].iloc[0]
        links.append(f'<li><a href="{html.escape(fname)}">Xã {html.escape(name)}</a> — '
                     f'{html.escape(tier_name(reached))}</li>')
    index = out / "index.html"
    write_text_atomic(index, _page(f"{ds_name} — báo cáo năm {year}", "<ul>\n" + "\n".join(links) + "\n</ul>"))
    return index

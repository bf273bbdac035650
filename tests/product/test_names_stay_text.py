"""A commune whose name is markup — `"><img onerror>`, `</script><script>…`, quotes, a newline, an
HTML comment — stays text on every page ntmlib writes: the commune and district reports' blocks,
the maps, the grids, the index and the bulletin. Each page is loaded in headless Chromium: no
script of the name runs, and the name is shown as written."""
from __future__ import annotations

import csv
import re
import shutil
import subprocess

import pytest

import ntmlib
from ntmlib.jupyter.report import Table
from ntmlib.present import bulletin, grids, maps
from ntmlib.present.views import commune_report, district_report
from ntmlib.run import batch
from ntmlib.run.index import write_index

from tests.helpers.clients import chromium as find_chromium
from tests.helpers.paths import LY_NHAN

# out of an attribute ("> then an image whose error runs), out of a script block, then quotes, a newline, a comment
CODE = "13570"  # Nguyên Lý, of the sample dataset: its maps are drawn from the official list
NAME = 'Cao"><img src=x onerror=window.__xss=2></script><script>window.__xss=1</script>\'\n<!--'
SHOWN = 'Cao"><img src=x onerror=window.__xss=2></script><script>window.__xss=1</script>\''  # the newline: a space
# appended to each page: records whether a script of the name ran, and whether the name is in the text
CHECK = """<script>document.body.setAttribute('data-xss', String(window.__xss || 0));
document.body.setAttribute('data-shown', String(document.body.textContent.split(%s).length - 1));</script>"""


def hostile_dataset(tmp_path):
    d = tmp_path / "d"
    shutil.copytree(LY_NHAN, d)
    path = d / "communes.csv"
    with open(path, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[2][:2] == [CODE, "Nguyên Lý"]
    rows[2][1] = NAME
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    path = d / "crosswalk.csv"  # which names the commune too
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows({**r, "old_commune": NAME} if r["old_commune_id"] == CODE else r for r in rows)
    return d


def pages(d, out):
    """Every page kind with the name, rendered by the library functions the notebooks call."""
    ds = ntmlib.load_dataset(d)
    cid = CODE
    r = commune_report(ds, cid, 2023)
    parts = [Table(r.header())._repr_html_(), r.verdicts_html(), r.steps_html(), r.unmet_html(), r.trends_html(),
             r.map_html()]
    parts += [grids.criteria_grid_html(r.card, cid, 2023, s, previous_year=2022) for s in r.rows()["set"]]
    page = {"commune": parts}
    dr = district_report(ds, "Lý Nhân", 2023, links={cid: "2023/xa-cao.html"})
    page["district"] = [dr.communes_html(), Table(dr.alerts())._repr_html_(), dr.map_html(),
                        maps.province_map_html(dr.card, 2023)]
    page["district"] += [grids.heatmap_html(dr.card, 2023, s) for s in dr.sets()]
    page["bulletin"] = [bulletin.to_html(bulletin.bulletin(ds, 2023))]
    files = {}
    for kind, html_parts in page.items():
        files[kind] = out / f"{kind}.html"
        files[kind].write_text('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body>'
                               + "\n".join(html_parts) + "</body></html>", encoding="utf-8")
    runs = batch.plan(ds, [2023])
    entries = [{"stem": x.stem, "kind": x.kind, "target": x.target, "label": x.label, "year": 2023, "status": "ok",
                "outputs": [f"{x.stem}.html"], "error": None} for x in runs]
    entries[0] |= {"status": "failed", "outputs": [], "error": {"evalue": NAME}}  # an error quoting the name
    files["index"] = write_index(out, entries, r.card)
    return files


def seen_by_chromium(page, chromium: str) -> tuple[str, int]:
    """(what the name's scripts set, how many times the name is in the page's text) in Chromium."""
    text = page.read_text(encoding="utf-8")
    end = text.lower().rfind("</body>")
    page.write_text(text[:end] + CHECK % repr(SHOWN).replace("<", "\\x3c") + text[end:], encoding="utf-8")
    run = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          f"--user-data-dir={page.parent / '.profile'}", "--virtual-time-budget=3000",
                          "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    body = re.search(r"<body[^>]*>", run.stdout)
    assert body, run.stderr[-500:]
    attrs = dict(re.findall(r'(data-[a-z]+)="([^"]*)"', body.group(0)))
    return attrs.get("data-xss", "missing"), int(attrs.get("data-shown", "-1"))


@pytest.mark.slow
def test_a_name_made_of_markup_stays_text_on_every_page(tmp_path):
    chromium = find_chromium()
    out = tmp_path / "out"
    out.mkdir()
    files = pages(hostile_dataset(tmp_path), out)
    seen = {kind: seen_by_chromium(path, chromium) for kind, path in files.items()}
    assert {k: v[0] for k, v in seen.items()} == {k: "0" for k in seen}  # no script of the name ran
    assert all(v[1] >= 1 for v in seen.values()), seen  # and the name is there, as text
    for path in files.values():  # nor is it anywhere in the source as markup (a page, or a data block for scripts)
        assert "<script>window.__xss" not in path.read_text(encoding="utf-8").split(CHECK[:20])[0]

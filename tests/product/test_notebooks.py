"""The report notebooks run under papermill for other communes, years and languages, and
their key numbers equal those of ntmlib.score; bad parameters stop early with a clear message."""
import re

import nbformat
import papermill
import pytest

import ntmlib
from ntmlib.analysis import verdicts
from ntmlib.errors import NotebookError
from ntmlib.run.export import to_html
from ntmlib.run.runner import run_report as execute

from tests.helpers.paths import LY_NHAN

pytestmark = pytest.mark.slow



def text_outputs_html(nb) -> str:
    return "\n".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))


def text_outputs(nb) -> str:
    parts = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            parts.append(o.get("text", ""))
            parts.append(o.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


@pytest.mark.parametrize("commune,year,lang", [("13618", 2023, "vi"), ("Xã Tiến Thắng", 2023, "en"),
                                               ("Văn Lý", 2022, "vi")])
def test_commune_report_numbers_equal_scores(ly_nhan_card, commune, year, lang):
    nb = execute("commune", {"dataset": str(LY_NHAN), "commune": commune, "year": year, "lang": lang})
    cid = ntmlib.load_dataset(LY_NHAN).commune_id(commune)
    rows = ly_nhan_card.commune(cid, year)
    expected = {r.set: ntmlib.counts_text(r.criteria_met, r.criteria_total, r.indicators_met, r.indicators_total, lang)
                for r in rows.itertuples()}
    shown = dict(re.findall(r'<section class="ntm-verdict [^"]*" data-set="([^"]+)"[^>]*>.*?'
                            r'<p class="ntm-counts">([^<]+)</p>', text_outputs_html(nb), flags=re.S))
    assert shown == expected
    assert "<pre" not in to_html(nb).split('<main>', 1)[1]  # no monospace text in the report
    p, n = verdicts.provisional_count(ly_nhan_card, year, communes=[cid], sets=list(rows["set"]))
    assert f'data-provisional="{p}" data-judged="{n}"' in text_outputs_html(nb) and p > 0
    html = to_html(nb)
    assert "data:image/png;base64," in html
    assert f'<html lang="{lang}">' in html and "No description has been provided" not in html
    assert "nr.heading" not in html and "commune_report" not in html  # no code
    assert not re.search(r'<script[^>]+src="https?://', html)  # self-contained
    title = "Báo cáo kết quả xây dựng nông thôn mới" if lang == "vi" else "New Rural Development results"
    assert title in html


def test_district_report_tables_equal_scores(ly_nhan_card):
    nb = execute("district", {"dataset": str(LY_NHAN), "district": "Lý Nhân", "year": 2023, "lang": "en"})
    page = text_outputs_html(nb)
    c = ly_nhan_card.communes[ly_nhan_card.communes["year"] == 2023]
    for r in c[c["tier"] == "ntm"].itertuples():
        nc = c[(c["commune_id"] == r.commune_id) & (c["tier"] == "nang-cao")].iloc[0]
        cells = re.search(rf"<tr>\s*<td>{re.escape(r.commune)}</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>", page)
        assert cells, r.commune
        assert cells.groups() == (f"{r.criteria_met}/19 · {r.indicators_met}/57",
                                  f"{nc.criteria_met}/19 · {nc.indicators_met}/75")
    page = to_html(nb)
    bulletin_part = page[page.index('id="Bulletin-text"'):]
    assert "<pre" not in bulletin_part and "<code" not in bulletin_part  # the bulletin reads as prose
    assert bulletin_part.index("<h3") < bulletin_part.index("<h4")  # its title sits under the section's h2


@pytest.mark.parametrize("params,message", [
    ({"commune": "Xã Không Có", "year": 2023}, "không có xã 'Xã Không Có'"),
    ({"commune": "Nhân Bình", "year": 2031}, "không có số liệu năm 2031"),
    ({"commune": "13597", "year": 2023}, "không được đánh giá theo bộ tiêu chí xã"),
])
def test_bad_parameters_stop_in_first_cell_with_clear_message(params, message):
    with pytest.raises(NotebookError) as e:
        execute("commune", {"dataset": str(LY_NHAN), **params}, "Xã thử")
    assert message in e.value.evalue and str(e.value).startswith("Xã thử (ô 2): ")
    # the first cell after the parameters and papermill's injected cell is the one that failed
    assert e.value.cell == 2 and e.value.ename == "ParameterError"
    assert "File " not in e.value.__cause__.traceback  # one message, no stack from inside ntmlib


@pytest.mark.parametrize("where", ["project", "notebooks"])
def test_papermill_runs_the_default_dataset_from_the_project_and_from_notebooks(where, tmp_path):
    root = LY_NHAN.parent.parent
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(str(root / "notebooks" / "commune_report.ipynb"), str(out),
                               parameters={"commune": "Nhân Bình", "year": 2023}, progress_bar=False,
                               cwd=str(root if where == "project" else root / "notebooks"))
    nb = nbformat.read(out, as_version=4)
    assert '<p class="ntm-counts">18/19 tiêu chí, 55/57 chỉ tiêu</p>' in text_outputs_html(nb)

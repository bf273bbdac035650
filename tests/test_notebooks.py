"""The report notebooks run under papermill for other communes, years and languages, and
their key numbers equal those of ntmlib.score; bad parameters stop early with a clear message."""
import re
from pathlib import Path

import pytest

import ntmlib
from ntmlib.errors import NotebookError
from ntmlib.export import to_html
from ntmlib.runner import run_report as execute

pytestmark = pytest.mark.slow

LY_NHAN = (Path(__file__).parent.parent / "data" / "ly-nhan").resolve()


def stdout_of(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                   if o.get("name") == "stdout")


def text_outputs(nb) -> str:
    parts = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            parts.append(o.get("text", ""))
            parts.append(o.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def card():
    return ntmlib.score(LY_NHAN, year=[2022, 2023])


@pytest.mark.parametrize("commune,year,lang", [("13618", 2023, "vi"), ("Xã Tiến Thắng", 2023, "en"),
                                               ("Văn Lý", 2022, "vi")])
def test_commune_report_numbers_equal_scores(card, commune, year, lang):
    nb = execute("commune", {"dataset": str(LY_NHAN), "commune": commune, "year": year, "lang": lang})
    cid = ntmlib.load_dataset(LY_NHAN).commune_id(commune)
    rows = card.commune(cid, year)
    no_data = {"vi": "chưa có số liệu", "en": "without data"}[lang]
    expected = [f"{ntmlib.tier_name(r.tier, lang)}: "
                + ntmlib.counts_text(r.criteria_met, r.criteria_total, r.indicators_met, r.indicators_total, lang)
                + (f" ({r.no_data} {no_data})" if r.no_data else "")
                for r in rows.itertuples()]
    assert stdout_of(nb).splitlines() == expected
    html = to_html(nb)
    assert "data:image/png;base64," in html
    assert "nr.heading" not in html and "commune_report" not in html  # no code
    assert not re.search(r'<script[^>]+src="https?://', html)  # self-contained
    title = "Báo cáo kết quả xây dựng nông thôn mới" if lang == "vi" else "New Rural Development results"
    assert title in html


def test_district_report_tables_equal_scores(card):
    nb = execute("district", {"dataset": str(LY_NHAN), "district": "Lý Nhân", "year": 2023, "lang": "en"})
    text = text_outputs(nb)
    c = card.communes[card.communes["year"] == 2023]
    for r in c[c["tier"] == "ntm"].itertuples():
        nc = c[(c["commune_id"] == r.commune_id) & (c["tier"] == "nang-cao")].iloc[0]
        line = next(ln for ln in text.splitlines() if ln.strip().startswith(r.commune + " "))
        assert f"{r.criteria_met}/19 · {r.indicators_met}/57" in line
        assert f"{nc.criteria_met}/19 · {nc.indicators_met}/75" in line


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

"""The district report's what-if is off by default and, when asked for, reads as an assumption:
boxed, titled 'Giả định: …', saying it is not a result."""
import json
import re

from ntmlib.present import views

from tests.helpers.paths import LY_NHAN, ROOT

NOTEBOOK = ROOT / "notebooks" / "district_bulletin.ipynb"


def test_the_district_notebook_leaves_the_what_if_out_unless_asked():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    params = "".join(next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))["source"])
    assert re.search(r"^whatif = False$", params, re.M)
    outputs = json.dumps([c.get("outputs", []) for c in nb["cells"]], ensure_ascii=False)
    # the stored report has no what-if: neither its heading nor its box
    assert "Giả định" not in outputs and '<aside class=\\"ntm-assumption' not in outputs
    assert "Cảnh báo duy trì" in outputs and '<aside class=\\"ntm-' not in outputs


def test_a_what_if_is_boxed_and_titled_as_an_assumption(ly_nhan_2023_scores):
    d = views.district_report(LY_NHAN, "Lý Nhân", 2023, scores=ly_nhan_2023_scores)
    box = d.whatif_html("hanam-2022-nang-cao", "14.1", 92)
    assert '<aside class="ntm-assumption" role="note"><h3>Giả định: ngưỡng chỉ tiêu 14.1 (' in box
    assert "≥ 95 % → ≥ 92 %</h3>" in box
    assert "không phải kết quả chấm" in box
    # the same effects as the what-if analysis: the communes it would flip, in a table inside the box
    sentences, table = d.whatif("hanam-2022-nang-cao", "14.1", 92)
    assert len(table) and all(f"<td>{c}</td>" in box for c in table.iloc[:, 0])
    assert box.index("</aside>") > box.index("<table")
    # sets by their names where a reader reads, not by their ids
    assert "hanam-2022" not in box and box.count(">NTM nâng cao</td>") == len(table)
    english = views.district_report(LY_NHAN, "Lý Nhân", 2023, lang="en", scores=ly_nhan_2023_scores).whatif_html(
        "hanam-2022-nang-cao", "14.1", 92)
    assert "<h3>Assumption: threshold of indicator 14.1" in english and "not a result" in english
    other = d.whatif_html("vn-2026-ntm", "1.1", 1)
    assert "ntm-assumption" in other and "không được chấm ở đây" in other

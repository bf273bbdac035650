"""The province report rendered from its notebook for the sample's 2026 (the new communes of Ninh
Bình): its figures in the page equal analysis.province's, and printed to A4 every column header of
its tables is on the page (none cut off)."""
import re
import shutil
import subprocess

import pytest

from ntmlib.analysis import province as P
from ntmlib.run.export import to_html
from ntmlib.run.runner import run_report

from tests.helpers.paths import LY_NHAN

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def page():
    nb = run_report("province", {"dataset": str(LY_NHAN), "province": "ninh binh", "year": 2026, "lang": "vi"})
    return to_html(nb)


def test_the_page_shows_the_province_figures(page, ly_nhan_card):
    counts = P.state_counts(ly_nhan_card, 2026, "Ninh Bình").iloc[0]
    tiles = {s: int(n) for s, n in re.findall(r'data-state="(\w+)" data-n="(\d+)"', page)}
    assert tiles == {s: int(counts[s]) for s in tiles} and sum(tiles.values()) == counts["communes"] == 7
    assert "Toàn tỉnh có 1/7 xã đạt chuẩn nông thôn mới (14,3 %), trong đó 1 xã đạt theo kết quả rà soát" in page
    for r in P.criterion_counts(ly_nhan_card, 2026, "Ninh Bình").itertuples():
        assert f'aria-label="{r.met}/{r.communes} xã đạt tiêu chí {r.criterion}. {r.criterion_name}"' in page
    assert "6.1 Tỷ lệ nghèo đa chiều 1,5 % (yêu cầu ≤ 1 %)" in page
    assert "còn 4 xã để đạt mục tiêu 65 % năm 2030" in page
    assert ">Hợp Lý<" in page and "NTM kiểu mẫu" in page  # a predecessor and the tier it was recognised at
    assert "Kết quả từng huyện" not in page  # 2026 has no districts
    assert "<title>" in page and "Tỉnh Ninh Bình, năm 2026" in page  # the printed pages' running head
    assert "nr.heading" not in page  # no code


def test_printed_to_a4_every_column_header_is_on_the_page(page, tmp_path):
    from ntmlib.run.pdf import write_pdf

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler) is not installed")
    try:
        from ntmlib.run.pdf import browser

        browser()
    except Exception:
        pytest.skip("Chromium is not installed")
    html = tmp_path / "tinh.html"
    html.write_text(page, encoding="utf-8")
    pdf = write_pdf(html, tmp_path / "tinh.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    headers = {h for h in re.findall(r'<th scope="col">([^<]+)</th>', page)}
    assert {"Nhóm xã", "Tiêu chí", "Số tiêu chí đạt", "Chỉ tiêu chưa đạt xa ngưỡng nhất", "Xã tiền thân"} <= headers
    missing = [h for h in headers if h not in flat and not all(w in flat for w in h.split())]
    assert not missing, missing
    assert "Tỉnh Ninh Bình, năm 2026" in flat and re.search(r"Trang 1 / \d+", flat)

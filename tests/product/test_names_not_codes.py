"""Where a reader reads, criteria sets and regions are named, not coded: the bulletin (Markdown, web
page, Word) and the score workbook of the sample, and the bulletin of a year without an income
threshold ('Lưu ý về ngưỡng')."""
import re

import docx
import openpyxl

from ntmlib.office.word_bulletin import to_docx
from ntmlib.present.bulletin import build, to_html, to_markdown
from ntmlib.scoring.engine import score

from tests.helpers.paths import sample_again_in_2024

# the built-in sets' ids and the regions' codes of the sets the sample is scored with
CODES = re.compile(r"\b(?:hanam|vn)-20\d\d-[a-z-]+|\b(?:DBSH|TDMNPB|BTB|DHMT|TN|DNB|DBSCL)\b")


def test_the_bulletin_names_sets_and_regions_in_every_format(tmp_path):
    card = score(sample_again_in_2024(tmp_path / "d"), year=[2023, 2024])
    b = build(card, 2024)
    md = to_markdown(b)
    assert "## Lưu ý về ngưỡng" in md and "vùng Đồng bằng sông Hồng" in md
    assert "(Bộ tiêu chí xã nông thôn mới nâng cao tỉnh Hà Nam giai đoạn 2022 - 2025, vùng" in md
    assert CODES.findall(md) == []
    page = re.sub(r"<style>.*?</style>", "", to_html(b), flags=re.S)
    assert "Lưu ý về ngưỡng" in page and CODES.findall(page) == []
    to_docx(b, tmp_path / "b.docx", year=2024)
    d = docx.Document(tmp_path / "b.docx")
    text = "\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells])
    assert "Lưu ý về ngưỡng" in text and CODES.findall(text) == []


def test_the_score_workbook_gives_the_region_of_a_threshold_by_name(ly_nhan_2023_workbook):
    rows = openpyxl.load_workbook(ly_nhan_2023_workbook, read_only=True)["Chỉ tiêu NTM"].iter_rows(values_only=True)
    col = next(rows).index("Căn cứ ngưỡng")
    basis = {r[col] for r in rows}
    assert basis == {None, "chung", "vùng Đồng bằng sông Hồng", "vùng Đồng bằng sông Hồng, năm 2023"}

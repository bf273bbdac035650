"""The bulletin writer reproduces every count line of sections 2.1, 2.2 and 3 of the
January 2024 Lý Nhân bulletin from the sample dataset."""
import re

import pytest
from docx import Document

from ntmlib.present.bulletin import bulletin, to_markdown
from ntmlib.office.word_bulletin import to_docx

from tests.helpers.paths import LY_NHAN

PUBLISHED = (LY_NHAN / "sources" / "ban-tin-ntm-2024-01.txt").read_text(encoding="utf-8")
NAME = r"Xã ([A-ZĐ][^\s:]*(?: [A-ZĐ][^\s:]*)*)"
SIMPLE = re.compile(NAME + r" đạt (\d+)/19 tiêu chí, (\d+)/(57|75) chỉ tiêu")
DOUBLE = re.compile(NAME + r": đạt (\d+)/19 tiêu chí với (\d+)/57 chỉ tiêu nông thôn mới; (?:đạt )?(\d+)/19 tiêu chí "
                           r"với (\d+)/75 chỉ tiêu nông thôn mới nâng cao")
REST = re.compile(r"các xã đạt (\d+)-(\d+)/19 tiêu chí với (\d+)-(\d+)/57 chỉ tiêu nông thôn mới; đạt (\d+)-(\d+)/19 "
                  r"tiêu chí với (\d+)-(\d+)/75 chỉ tiêu nông thôn mới nâng cao")


def section(text, start, end):
    return text[text.index(start): text.index(end) if end else None]


@pytest.fixture(scope="module")
def written():
    return to_markdown(bulletin(LY_NHAN, 2023))


def test_model_communes_section_2_1(written):
    published = section(PUBLISHED, "2.1.", "2.2.")
    mine = section(written, "2.1.", "2.2.")
    assert sorted(SIMPLE.findall(mine)) == sorted(SIMPLE.findall(published))
    assert len(SIMPLE.findall(published)) == 10  # 5 communes × (NTM, nâng cao)


def test_nang_cao_communes_section_2_2(written):
    published = section(PUBLISHED, "2.2.", "* Bên cạnh")
    mine = section(written, "2.2.", "## 3.")
    got = {m[0]: m[1:] for m in DOUBLE.findall(mine)}
    for name, *counts in DOUBLE.findall(published):  # Tiến Thắng, Nguyên Lý, Công Lý
        assert got[name] == tuple(counts)
    assert len(DOUBLE.findall(published)) == 3
    assert REST.findall(mine) == REST.findall(published) == [("14", "15", "50", "52", "10", "13", "55", "57")]
    assert "Quyết định số 763/QĐ-UBND ngày 12 tháng 7 năm 2023" in mine
    for topic in ("giao thông", "tổ chức sản xuất", "môi trường", "y tế", "nghèo"):
        assert topic in mine.split("Các xã còn lại")[1]
    alert = mine.split("Tuy nhiên")[1].split("\n")[0]
    assert "bảo hiểm y tế" in alert and "đường hoa, cây xanh" in alert and "khu dân cư" in alert


def test_communes_for_next_year_section_3(written):
    published = section(PUBLISHED, "3- Nhiệm vụ", "* Nhiệm vụ, giải pháp")
    mine = section(written, "## 3.", "## Bảng")
    assert sorted(DOUBLE.findall(mine)) == sorted(DOUBLE.findall(published))
    assert len(DOUBLE.findall(published)) == 5


def test_docx_has_headings_bullets_and_summary_table(tmp_path):
    path = tmp_path / "ban-tin.docx"
    to_docx(bulletin(LY_NHAN, 2023), path)
    doc = Document(path)
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[1:] == ["1. Về công tác chỉ đạo, điều hành", "2. Kết quả thực hiện năm 2023",
                            "2.1. Đối với các xã đã đạt chuẩn NTM kiểu mẫu", "2.2. Đối với các xã đạt chuẩn NTM nâng cao",
                            "3. Các xã dự kiến đăng ký năm 2024", "Bảng tổng hợp"]
    assert any(p.text == "Xã Nhân Bình đạt 18/19 tiêu chí, 55/57 chỉ tiêu." for p in doc.paragraphs)
    table = doc.tables[0]
    assert len(table.rows) == 21 and table.rows[0].cells[0].text == "Xã"
    row = next(r for r in table.rows if r.cells[0].text == "Văn Lý")
    assert [c.text for c in row.cells[1:3]] == ["14/19 · 49/57", "14/19 · 59/75"]

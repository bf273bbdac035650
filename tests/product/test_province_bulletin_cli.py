"""`ntm bulletin` chooses the district or the province bulletin, stops with a catalogue message on a
year without sets or a province without communes, and writes the province's Word document with its
own heading block (province_offices of dataset.yaml): read back, it holds every sentence and figure."""
import datetime
import shutil

import pytest
import yaml
from click.testing import CliRunner

import ntmlib
from ntmlib.cli import main
from ntmlib.errors import DataError, ParameterError
from ntmlib.office.word_bulletin import province_letterhead
from ntmlib.present import province_bulletin as PB
from ntmlib.present.bulletin import build as district_build
from ntmlib.present.bulletin import to_markdown

from tests.helpers.paths import LY_NHAN, ROOT, TINY

GROUP_EXAMPLE = ROOT / "data" / "examples" / "nhom-xa-2026"


def _lines(b):
    return [blk.text for s in b.sections for blk in s.blocks]


def _run(*args):
    return CliRunner().invoke(main, ["bulletin", *map(str, args)])


@pytest.mark.slow
def test_which_bulletin(ly_nhan_2023_card):
    district = _run(LY_NHAN, "--year", 2023)
    assert district.exit_code == 0
    assert district.output == to_markdown(district_build(ly_nhan_2023_card, 2023)) + "\n"
    assert district.output.startswith("# Bản tin nông thôn mới huyện Lý Nhân — kết quả thực hiện năm 2023\n")
    province = _run(LY_NHAN, "--year", 2023, "--province", "ha nam")
    assert province.exit_code == 0
    assert province.output == to_markdown(PB.build(ly_nhan_2023_card, 2023, "Hà Nam")) + "\n"
    no_district = _run(LY_NHAN, "--year", 2026)
    assert no_district.output.startswith("# Bản tin nông thôn mới tỉnh Ninh Bình — kết quả thực hiện năm 2026\n")


def test_a_year_without_sets_and_a_province_without_communes():
    r = _run(TINY, "--year", 2026)
    assert r.exit_code != 0
    assert "dataset.yaml: frameworks không nêu bộ tiêu chí nào cho năm 2026 (có số liệu và bộ tiêu chí: 2022, 2023)" \
        in r.output
    with pytest.raises(DataError) as e:
        PB.check_year(ntmlib.load_dataset(TINY), 2019)
    assert e.value.problems[0].text("en") == ("dataset.yaml: frameworks names no criteria set for 2019 (years with "
                                              "data and sets: 2022, 2023)")
    r = _run(LY_NHAN, "--year", 2023, "--province", "Ninh Bình")
    assert "communes.csv: không có xã nào của tỉnh Ninh Bình có kết quả năm 2023" in r.output


def test_communes_of_two_provinces_need_province(tmp_path):
    d = tmp_path / "hai-tinh"
    shutil.copytree(GROUP_EXAMPLE, d)
    f = d / "communes.csv"
    f.write_text(f.read_text(encoding="utf-8").replace("26006,Ngọc Lâm,,Tỉnh mẫu", "26006,Ngọc Lâm,,Tỉnh khác"),
                 encoding="utf-8")
    card = ntmlib.score(d, year=2026)
    with pytest.raises(ParameterError) as e:
        PB.build(card, 2026)
    assert "số liệu năm 2026 có xã của 2 tỉnh (Tỉnh mẫu, Tỉnh khác): chọn một tỉnh bằng --province" in str(e.value)
    b = PB.build(card, 2026, "Tỉnh khác")
    assert b.table["Xã"].tolist() == ["Ngọc Lâm"]


def test_word_document_read_back(ly_nhan_card, tmp_path):
    from docx import Document

    out = tmp_path / "ban-tin-2026.docx"
    r = _run(LY_NHAN, "--year", 2026, "--format", "docx", "--date", "2026-12-07", "--out", out)
    assert r.exit_code == 0, r.output
    doc = Document(out)
    paragraphs = [p.text for p in doc.paragraphs]
    b = PB.build(ly_nhan_card, 2026)
    for line in _lines(b):  # every sentence, with its figures, is in the document
        assert line in paragraphs, line
    head = [c.text for c in doc.tables[0].rows[0].cells]
    assert head[0] == "UBND TỈNH NINH BÌNH\nVĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI\n"
    assert doc.tables[0].rows[1].cells[1].text == "Ninh Bình, ngày 07 tháng 12 năm 2026"
    summary = doc.tables[1]
    assert [c.text for c in summary.rows[0].cells] == list(b.table.columns) == ["Xã", "Nhóm", "NTM", "Tình trạng"]
    assert [[c.text for c in row.cells] for row in summary.rows[1:]] == b.table.astype(str).values.tolist()
    nam_xang = next(row for row in summary.rows if row.cells[0].text == "Nam Xang")
    assert nam_xang.cells[2].text == "10/10 · 31/31"
    sign = doc.tables[2].rows[0].cells
    assert "- Văn phòng Điều phối nông thôn mới Trung ương (b/c);" in sign[0].text
    assert sign[1].text.startswith("CHÁNH VĂN PHÒNG")
    assert "không còn" not in r.output  # the province's body of 2026 still exists: no warning


def test_province_offices_mistakes_name_the_key():
    meta = {"province_offices": {"Ninh Bình": {"issuing_body": "VĂN PHÒNG", "recipients": "Các sở"}}}
    with pytest.raises(DataError) as e:
        province_letterhead(meta, "ninh binh")
    assert e.value.problems[0].place == "province_offices.Ninh Bình.recipients"
    with pytest.raises(DataError) as e:
        province_letterhead({"province_offices": ["UBND TỈNH"]}, "Ninh Bình")
    assert str(e.value).startswith("dataset.yaml: province_offices: province_offices phải là")
    assert province_letterhead({}, "Ninh Bình").issuing_body == ""  # no block: no heading block
    hanam = province_letterhead(yaml.safe_load((LY_NHAN / "dataset.yaml").read_text(encoding="utf-8")), "Hà Nam",
                                date=datetime.date(2024, 1, 15))
    assert hanam.parent_body == "UBND TỈNH HÀ NAM" and hanam.warning() == ""

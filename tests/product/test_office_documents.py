"""The sample's Word bulletin and scored workbook, looked at as an office would before it
publishes and prints them: A4, the margins and fonts of Nghị định 30/2020/NĐ-CP, the
language, the heading block, the numbered sections, the header row repeated on every page,
page numbers, rounded numbers, Vietnamese sheet titles. Where LibreOffice is installed, both
are printed to PDF and the pages are measured (size, orientation, count, fonts, text)."""
from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ntmlib.cli import main
from ntmlib.criteria.criteria_set import load_set
from ntmlib.errors import DataError
from ntmlib.office.score_workbook import indicator_decimals, sheet_titles, short_set_name
from ntmlib.office.word_bulletin import Letterhead, outline, section_number
from ntmlib.present.bulletin import bulletin

from tests.helpers import clients
from tests.helpers.paths import LY_NHAN, TINY

YEAR = 2023
TITLE = "Bản tin nông thôn mới huyện Lý Nhân — kết quả thực hiện năm 2023"
HEADINGS = [(1, TITLE), (2, "1. Về công tác chỉ đạo, điều hành"), (2, "2. Kết quả thực hiện năm 2023"),
            (3, "2.1. Đối với các xã đã đạt chuẩn NTM kiểu mẫu"), (3, "2.2. Đối với các xã đạt chuẩn NTM nâng cao"),
            (3, "Tồn tại, hạn chế"), (2, "3. Các xã dự kiến đăng ký năm 2024"),
            (3, "Nhiệm vụ, giải pháp năm 2024"), (2, "Bảng tổng hợp")]
SHEETS = ["NTM", "NTM nâng cao", "NTM kiểu mẫu", "Chỉ tiêu NTM", "Chỉ tiêu NTM nâng cao", "Chỉ tiêu NTM kiểu mẫu",
          "Chú thích"]
A4_PT = (595.3, 841.9)
ROWS_PER_PAGE_AT_LEAST = 15  # a printed sheet page holds more rows than this (today 20 to 25 of the indicators)
SAME_WIDTH_FONTS = ("Times", "LiberationSerif", "Liberation Serif", "Tinos", "NimbusRoman")


def run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def files(tmp_path_factory, ly_nhan_2023_workbook) -> dict[str, Path]:
    """The sample's 2023 bulletin (.docx, dated 15/1/2024 as the published one) and workbook (the one
    `ntm score data/ly-nhan --year 2023 --format xlsx` writes, shared by the session)."""
    docx = tmp_path_factory.mktemp("office") / "ban-tin-2023.docx"
    run("bulletin", str(LY_NHAN), "--year", str(YEAR), "--format", "docx", "--date", "2024-01-15", "--out", str(docx))
    return {"docx": docx, "xlsx": ly_nhan_2023_workbook}


@pytest.fixture(scope="module")
def doc(files):
    return Document(files["docx"])


@pytest.fixture(scope="module")
def wb(files):
    return openpyxl.load_workbook(files["xlsx"])


# --------------------------------------------------------------------------- the Word bulletin


def test_bulletin_properties_say_what_it_is_who_issued_it_and_its_language(doc):
    props = doc.core_properties
    assert props.title == TITLE
    assert props.author == props.last_modified_by == "BAN CHỈ ĐẠO CÁC CTMTQG"
    assert props.language == "vi-VN"
    created = props.created.replace(tzinfo=dt.UTC) if props.created.tzinfo is None else props.created
    assert abs(dt.datetime.now(dt.UTC) - created) < dt.timedelta(hours=1)
    assert props.comments == "" and props.revision == 1  # nothing left of python-docx's template


def test_bulletin_page_is_a4_with_the_decree_margins(doc):
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert 20 <= s.top_margin.mm <= 25 and 20 <= s.bottom_margin.mm <= 25
    assert 30 <= s.left_margin.mm <= 35 and 15 <= s.right_margin.mm <= 20


def test_bulletin_fonts_are_times_new_roman_in_vietnamese(doc):
    root = doc.styles.element
    defaults = root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for rpr in [defaults] + [doc.styles[n].element.rPr for n in ("Normal", "Heading 1", "Heading 2", "Heading 3",
                                                                 "List Bullet", "List Bullet 2")]:
        assert rpr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
        fonts = rpr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    assert not [f for f in root.iter(qn("w:rFonts")) if any(a.endswith(("Theme", "theme")) for a in f.attrib)]
    for name in ("Normal", "Heading 2", "Heading 3"):
        assert doc.styles[name].font.size == Pt(13)
    assert doc.styles["Heading 1"].font.size == Pt(14)
    for level in (1, 2, 3):  # bold black, not python-docx's blue
        style = doc.styles[f"Heading {level}"]
        assert style.font.bold and style.element.rPr.find(qn("w:color")) is None
    lang = doc.settings.element.find(qn("w:themeFontLang"))
    assert lang.get(qn("w:val")) == "vi-VN"


def test_bulletin_heading_block_issuing_body_motto_place_and_date(doc):
    block = doc.tables[0]
    left, right = block.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["UBND HUYỆN LÝ NHÂN", "BAN CHỈ ĐẠO CÁC CTMTQG"]
    assert [r.bold for p in left.paragraphs if p.text for r in p.runs] == [False, True]
    assert [p.text for p in right.paragraphs if p.text] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                            "Độc lập - Tự do - Hạnh phúc"]
    assert all(r.bold for p in right.paragraphs for r in p.runs if r.text)
    date = block.rows[1].cells[1].paragraphs[0]
    assert date.text == "Lý Nhân, ngày 15 tháng 01 năm 2024" and all(r.italic for r in date.runs)
    borders = block._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    rules = [p for c in (left, right) for p in c.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr"))
             is not None]
    assert len(rules) == 2  # the short line under the issuing body and under the motto


def test_bulletin_sections_are_numbered_as_the_offices_write_them(doc):
    headings = [(int(p.style.name[-1]), p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == HEADINGS
    texts = [p.text for p in doc.paragraphs]
    note = doc.paragraphs[texts.index("1. Về công tác chỉ đạo, điều hành") + 1]
    assert note.text.startswith("[Phần này do cơ quan soạn thảo điền:") and note.text.endswith("năm 2023.]")
    assert note.runs[0].italic and note.runs[0].font.highlight_color is not None


def test_bulletin_text_is_the_bulletin_s_every_line(doc):
    b = bulletin(LY_NHAN, YEAR)
    texts = [p.text for p in doc.paragraphs]
    assert [line for line in b.lines() if line not in texts] == []
    if getattr(b, "notice", ""):  # the note on provisional thresholds closes the text, before the signature
        last = [p for p in doc.paragraphs if p.text][-1]
        assert last.text == b.notice and last.runs[0].italic
    assert ("List Bullet", "Các xã đăng ký năm 2022") in [(p.style.name, p.text) for p in doc.paragraphs]


def test_bulletin_bullets_are_dash_and_plus(doc):
    numbering = doc.part.numbering_part.element
    marks = {}
    for name in ("List Bullet", "List Bullet 2"):
        num_id = doc.styles[name].element.pPr.numPr.numId.val
        abstract = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')[0]
        marks[name] = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl/w:lvlText/@w:val')[0]
    assert marks == {"List Bullet": "-", "List Bullet 2": "+"}


def test_bulletin_summary_table_header_repeats_and_pages_are_numbered(doc):
    table = doc.tables[1]
    assert table.style.name == "Table Grid" and len(table.rows) == 21
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in table.rows[1:])
    assert round(sum(c.width for c in table.columns) / Mm(1)) <= 165  # inside the text width
    footer = doc.sections[0].footer._element
    assert [i.text.strip() for i in footer.iter(qn("w:instrText"))] == ["PAGE"]


def test_bulletin_without_heading_keys_has_no_heading_block(tmp_path):
    out = tmp_path / "b.docx"
    run("bulletin", str(TINY), "--year", "2023", "--format", "docx", "--out", str(out))
    d = Document(out)
    assert len(d.tables) == 1 and d.paragraphs[0].text.startswith("Bản tin nông thôn mới")
    assert d.core_properties.author == "ntmlib"


def test_heading_keys_that_are_not_text_stop_with_one_line(tmp_path):
    d = tmp_path / "tiny"
    shutil.copytree(TINY, d)
    with open(d / "dataset.yaml", "a", encoding="utf-8") as f:
        f.write("issuing_body: [UBND, BCĐ]\n")
    result = CliRunner().invoke(main, ["bulletin", str(d), "--year", "2023", "--format", "docx",
                                       "--out", str(tmp_path / "b.docx")])
    assert result.exit_code == 2
    assert "dataset.yaml: issuing_body: cần một dòng chữ" in result.output
    with pytest.raises(DataError):
        Letterhead.from_meta({"place": 7})


def test_letterhead_and_outline_from_keys_and_bulletin():
    head = Letterhead.from_meta({"issuing_body": "BAN CHỈ ĐẠO", "place": " Lý  Nhân "}, dt.date(2024, 1, 5))
    assert head.date_line() == "Lý Nhân, ngày 05 tháng 01 năm 2024" and head.author == "BAN CHỈ ĐẠO"
    assert Letterhead().date_line() == "" and Letterhead().author == "ntmlib"
    assert [section_number(h) for h in ("2.1. Đối với", "3- Nhiệm vụ", "3. Các xã", "Bảng tổng hợp")] == [
        "2.1", "3", "3", ""]
    b = bulletin(TINY, 2023)
    assert [(level, text[:2]) for level, kind, text in outline(b) if kind == "h"] == [
        (1, "Bả"), (2, "1."), (2, "2."), (3, "2."), (3, "2."), (3, "Tồ"), (2, "3."), (3, "Nh")]


# --------------------------------------------------------------------------- the scored workbook


def test_workbook_sheets_have_vietnamese_titles_and_print_a4_landscape_one_page_wide(wb):
    assert wb.sheetnames == SHEETS
    assert wb.properties.language == "vi-VN" and wb.properties.title.startswith("Kết quả chấm điểm")
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert (int(setup.paperSize), setup.orientation) == (9, "landscape"), ws.title
        assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0) and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.oddFooter.center.text == "Trang &P / &N"
        assert "hanam-2022" not in ws.oddHeader.center.text
        if ws.title != "Chú thích":
            assert ws.print_title_rows == "$1:$1", ws.title
    assert wb["NTM nâng cao"].oddHeader.center.text == (
        "Kết quả chấm điểm theo bộ tiêu chí xã nông thôn mới nâng cao tỉnh Hà Nam giai đoạn 2022 - 2025 — năm 2023")


def test_workbook_header_rows_are_as_high_as_their_wrapped_labels(wb):
    assert wb["NTM"].row_dimensions[1].height >= 8 * 9  # '13. Tổ chức sản xuất …' wraps to 8 lines of 9 pt
    assert wb["Chỉ tiêu NTM"].row_dimensions[1].height >= 3 * 14  # 'Chênh lệch so với ngưỡng': 3 lines
    ws = wb["Chỉ tiêu NTM"]
    long_name = next(r[0].row for r in ws.iter_rows(min_row=2) if len(str(r[5].value)) > 110)
    assert ws.row_dimensions[long_name].height >= 3 * 14  # a long indicator name gets the lines it needs


def test_workbook_numbers_are_rounded_to_the_indicator_s_precision(wb, ly_nhan_2023_card):
    card = ly_nhan_2023_card
    ind = card.indicators[card.indicators["set"] == "hanam-2022-ntm"]
    raw = (ind["number"] - ind["threshold"]) * ind["rule"].map({">=": 1.0, "<=": -1.0}).astype(float)
    noisy = ind[raw.notna() & (raw != raw.round(2))]
    assert len(noisy) > 0  # 15.700000000000003 and the like, before rounding
    ws = wb["Chỉ tiêu NTM"]
    head = [c.value for c in ws[1]]
    cols = [head.index(h) for h in ("Giá trị số", "Ngưỡng", "Chênh lệch so với ngưỡng")]
    numbers = [r[k].value for r in ws.iter_rows(min_row=2) for k in cols if isinstance(r[k].value, float)]
    assert numbers and all(len(repr(v).split(".")[1]) <= 2 for v in numbers)
    first = noisy.iloc[0]
    row = next(r for r in ws.iter_rows(min_row=2) if (r[0].value, r[4].value) == (first["commune_id"],
                                                                                   first["indicator"]))
    assert row[cols[2]].value == round(first["gap"], 2) and row[cols[2]].number_format == "0.00"
    assert set(indicator_decimals(load_set("hanam-2022-nang-cao")).values()) == {2}


def test_workbook_folds_the_columns_the_print_leaves_out(wb):
    ws = wb["NTM"]
    assert [c.value for c in ws[1]][:5] == ["Mã xã", "Xã", "Năm", "Bộ tiêu chí", "Kết quả"]
    folded = [k for k, d in ws.column_dimensions.items() if d.hidden]
    assert folded and all(ws.column_dimensions[k].outlineLevel == 1 for k in folded)
    assert ws.freeze_panes == "C2"


def test_sheet_titles_of_two_sets_of_one_tier_are_vietnamese():
    national, hanam = load_set("vn-2021-ntm"), load_set("hanam-2022-ntm")
    assert sheet_titles([national, hanam]) == {"vn-2021-ntm": "NTM 2021-2025", "hanam-2022-ntm": "NTM 2022-2025"}
    same = type(hanam)(**{**hanam.__dict__, "id": "thu-2022-ntm", "name": hanam.name.replace("Hà Nam", "Thử")})
    titles = sheet_titles([hanam, same])
    assert titles == {"hanam-2022-ntm": "NTM tỉnh Hà Nam 2022-2025", "thu-2022-ntm": "NTM tỉnh Thử 2022-2025"}
    assert short_set_name("Bộ tiêu chí xã nông thôn mới kiểu mẫu tỉnh Hà Nam giai đoạn 2022 - 2025") == (
        "NTM kiểu mẫu tỉnh Hà Nam 2022-2025")


# --------------------------------------------------------------------------- printed by LibreOffice


@pytest.fixture(scope="module")
def pdfs(files, tmp_path_factory) -> dict[str, Path]:
    """Both documents printed to PDF by LibreOffice, headless, with a profile of their own."""
    clients.programs(*clients.OFFICE, why="LibreOffice and poppler-utils")
    out = tmp_path_factory.mktemp("pdf")
    profile = (out / "profile").as_uri()
    for path in files.values():
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=300)
    return {kind: out / (path.stem + ".pdf") for kind, path in files.items()}


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    text = subprocess.run(["pdfinfo", "-f", "1", "-l", "100000", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", text)]


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def fonts(pdf: Path) -> list[str]:
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    return [line.split()[0].split("+")[-1] for line in lines[2:] if line.strip()]


@pytest.mark.slow
def test_printed_bulletin_is_a4_portrait_in_times_with_numbered_pages(pdfs):
    sizes = page_sizes(pdfs["docx"])
    assert 2 <= len(sizes) <= 5  # 3 pages today
    assert all(abs(w - A4_PT[0]) < 1 and abs(h - A4_PT[1]) < 1 for w, h in sizes)
    pages = page_texts(pdfs["docx"])
    first = pages[0]
    for text in ("BAN CHỈ ĐẠO CÁC CTMTQG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Lý Nhân, ngày 15 tháng 01 năm 2024", "1. Về công tác chỉ đạo, điều hành"):
        assert text in first  # diacritics come through as written
    assert [p.strip().splitlines()[-1].strip() for p in pages] == [str(n) for n in range(1, len(pages) + 1)]
    used = fonts(pdfs["docx"])
    assert used and all(any(f.startswith(s) or s in f for s in SAME_WIDTH_FONTS) for f in used), used


@pytest.mark.slow
def test_printed_bulletin_repeats_the_table_header_on_each_page_of_the_table(pdfs):
    pages = page_texts(pdfs["docx"])
    table_pages = [p for p in pages if "19/19 ·" in p or "14/19 ·" in p]
    assert len(table_pages) >= 1
    assert all("Hạng đã công" in p and "NTM nâng" in p for p in table_pages)


@pytest.mark.slow
def test_printed_workbook_is_a4_landscape_one_page_wide_and_not_too_long(pdfs, wb):
    sizes = page_sizes(pdfs["xlsx"])
    assert all(abs(w - A4_PT[1]) < 1 and abs(h - A4_PT[0]) < 1 for w, h in sizes)
    bound = sum(math.ceil(ws.max_row / ROWS_PER_PAGE_AT_LEAST) for ws in wb.worksheets)
    assert len(wb.worksheets) <= len(sizes) <= bound  # 130 pages today, 263 before the print set-up
    pages = page_texts(pdfs["xlsx"])
    for page in pages:
        if "Mã xã" in page:  # a page of a results sheet shows every column, the last one too
            assert any(last in page for last in ("19. Quốc", "K4. Lĩnh", "Nguồn")), page[:300]
    assert pages[0].count("Hợp Lý") == 1 and "Nguyên Lý" in pages[0] and "Hòa Hậu" in pages[0]
    assert "Trang 1 / " in pages[0] and f"Trang {len(pages)} / {len(pages)}" in pages[-1]
    assert "Kết quả chấm điểm theo bộ tiêu chí xã nông thôn mới tỉnh Hà Nam" in pages[0]
    used = fonts(pdfs["xlsx"])
    assert used and all(any(s in f for s in SAME_WIDTH_FONTS) for f in used), used


def test_decree_dates_have_a_zero_before_days_below_10_and_months_1_and_2_only():
    from ntmlib.office.word_bulletin import decree_date

    assert [decree_date(dt.date(*d)) for d in ((2024, 1, 5), (2023, 12, 7), (2024, 3, 15), (2024, 2, 28))] == [
        "ngày 05 tháng 01 năm 2024", "ngày 07 tháng 12 năm 2023", "ngày 15 tháng 3 năm 2024",
        "ngày 28 tháng 02 năm 2024"]


def test_a_district_body_dated_after_the_districts_ended_is_warned_about():
    meta = {"parent_body": "UBND HUYỆN LÝ NHÂN", "issuing_body": "BAN CHỈ ĐẠO CÁC CTMTQG", "place": "Lý Nhân"}
    assert Letterhead.from_meta(meta, dt.date(2025, 6, 30)).warning() == ""
    late = Letterhead.from_meta(meta, dt.date(2026, 1, 15)).warning()
    assert late.startswith("Cảnh báo: UBND HUYỆN LÝ NHÂN không còn từ 1/7/2025 (ngày ban hành 15/1/2026)")
    province = {**meta, "parent_body": "UBND TỈNH NINH BÌNH"}
    assert Letterhead.from_meta(province, dt.date(2026, 1, 15)).warning() == ""
    ended = Letterhead.from_meta({**province, "body_until": "2025-12-31"}, dt.date(2026, 1, 15))
    assert ended.ended() == dt.date(2026, 1, 1) and "không còn từ 1/1/2026" in ended.warning()
    with pytest.raises(DataError, match="body_until: cần một ngày"):
        Letterhead.from_meta({"body_until": "sau này"})
    with pytest.raises(DataError, match="recipients: cần một danh sách"):
        Letterhead.from_meta({"recipients": "UBND các xã"})


def test_bulletin_ends_with_recipients_and_the_signer_and_warns_on_a_late_date(tmp_path):
    out = tmp_path / "b.docx"
    result = CliRunner().invoke(main, ["bulletin", str(LY_NHAN), "--year", "2023", "--format", "docx",
                                       "--date", "2026-01-15", "--out", str(out)])
    assert result.exit_code == 0 and "Cảnh báo: UBND HUYỆN LÝ NHÂN không còn từ 1/7/2025" in result.output
    d = Document(out)
    left, right = d.tables[-1].rows[0].cells
    lines = [p.text for p in left.paragraphs]
    assert lines[0] == "Nơi nhận:" and lines[1] == "- Văn phòng Điều phối nông thôn mới tỉnh (b/c);"
    assert lines[-1] == "- Lưu: VT." and len(lines) == 6
    signer = [p.text for p in right.paragraphs if p.text]
    assert signer == ["TRƯỞNG BAN", "[Họ và tên]"]  # the sample names no signer: a placeholder to fill
    placeholders = [p.text for p in d.paragraphs if p.text.startswith("[Phần này")]
    assert placeholders[1:] == ["[Phần này do cơ quan soạn thảo điền: những tồn tại, hạn chế năm 2023.]",
                                "[Phần này do cơ quan soạn thảo điền: nhiệm vụ, giải pháp năm 2024.]"]

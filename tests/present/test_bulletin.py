"""The bulletin writer reproduces every count line of sections 2.1, 2.2 and 3 of the
January 2024 Lý Nhân bulletin from the sample dataset.

The bulletin (ntmlib.present.bulletin) of small variants of tests/data/tiny, compared line by line with
what an office would read: model communes, nâng cao communes by recognition year with their
decision and slipped indicators, the remaining communes, who can register, the summary table,
the Markdown and the Word document. These kill the mutants of bulletin.py that the sample's
bulletin test (above) left alive. And the "can register" limit of the sample's 2022 bulletin."""
from __future__ import annotations

import re

import pandas
import pytest
from docx import Document
from docx.shared import Pt

import ntmlib
from ntmlib import DataError
from ntmlib.analysis import aggregate
from ntmlib.office.word_bulletin import to_docx
from ntmlib.present.bulletin import READY_MAX_CRITERIA_MISSING, build, bulletin, to_markdown

from tests.helpers.paths import LY_NHAN, TINY
from tests.helpers.tiny import NTM, tiny_copy

HEADER = "commune_id,tier,year,decision,decision_date,note\n"
AN = "đạt 3/3 tiêu chí với 7/7 chỉ tiêu nông thôn mới; đạt 1/1 tiêu chí với 2/2 chỉ tiêu nông thôn mới nâng cao."
BINH = "đạt 0/3 tiêu chí với 3/7 chỉ tiêu nông thôn mới; đạt 0/1 tiêu chí với 0/2 chỉ tiêu nông thôn mới nâng cao."


def lines(b, n: int) -> list[tuple[str, str]]:
    return [(blk.kind, blk.text) for blk in b.sections[n].blocks]


@pytest.fixture(scope="module")
def readiness_bulletin(tiny_both_years_card):
    """tiny as it is, both years scored, bulletin of 2023: no registrations planned, so section 3
    lists the readiness ranking's communes (A, nothing missing; B, one nâng cao criterion)."""
    return build(tiny_both_years_card, 2023)


def test_model_communes_decisions_slipped_indicators_and_nobody_left_to_register(tmp_path):
    # A recognised kiểu mẫu; B and C nâng cao in 2022 by one decision; E (a fourth commune, no
    # data) nâng cao in an unknown year. C slips in 2023: 1.1 94 < 95 and 1.2 không (two
    # indicators; in 2022 only 1.2). Everyone holds nâng cao or more: nobody can register, nobody
    # remains.
    d = tiny_copy(tmp_path, change={"C,2023,tiny-nc,1.2,ĐẠT": "C,2023,tiny-nc,1.2,không"},
                  add=("C,2022,,health_insurance_rate,96", "C,2022,tiny-nc,1.2,không"))
    communes = d / "communes.csv"
    communes.write_text(communes.read_text(encoding="utf-8") + "E,Đông,Thử,Thử nghiệm,DBSH,1,\n", encoding="utf-8")
    (d / "recognitions.csv").write_text(
        HEADER + "A,ntm,2019,,,\nA,kieu-mau,2023,,,\nB,ntm,,,,\nB,nang-cao,2022,123/QĐ-UBND,2022-07-12,\n"
        "C,ntm,2018,,,\nC,nang-cao,2022,123/QĐ-UBND,2022-07-12,\nE,ntm,2020,,,\nE,nang-cao,,,,\n", encoding="utf-8")
    b = build(ntmlib.score(d), 2023)  # 2022 scored too: C's 2022 alert must not show in 2023
    assert b.title == "Bản tin nông thôn mới huyện Thử — kết quả thực hiện năm 2023"
    assert lines(b, 0) == [
        ("-", "Kết quả thực hiện các tiêu chí nông thôn mới:"), ("+", "Xã An đạt 3/3 tiêu chí, 7/7 chỉ tiêu."),
        ("-", "Kết quả thực hiện tiêu chí nông thôn mới nâng cao:"), ("+", "Xã An đạt 1/1 tiêu chí, 2/2 chỉ tiêu.")]
    assert lines(b, 1) == [
        ("-", "Các xã đạt chuẩn (chưa rõ năm)"),
        ("+", ("Xã Đông: đạt 0/3 tiêu chí với 0/7 chỉ tiêu nông thôn mới; 0/1 tiêu chí với 0/2 chỉ tiêu nông "
               "thôn mới nâng cao.")),
        ("-", "Các xã đăng ký năm 2022"),
        ("p", ("Xã Bình và xã Cao được Ủy ban nhân dân tỉnh công nhận đạt chuẩn nông thôn mới nâng cao năm 2022 "
               "tại Quyết định số 123/QĐ-UBND ngày 12 tháng 7 năm 2022.")),
        ("+", ("Xã Bình: đạt 0/3 tiêu chí với 3/7 chỉ tiêu nông thôn mới; 0/1 tiêu chí với 0/2 chỉ tiêu nông "
               "thôn mới nâng cao.")),
        ("+", ("Xã Cao: đạt 2/3 tiêu chí với 6/7 chỉ tiêu nông thôn mới; 0/1 tiêu chí với 0/2 chỉ tiêu nông thôn "
               "mới nâng cao.")),
        ("p", ("Tuy nhiên qua rà soát, xã Cao còn chỉ tiêu chưa đảm bảo: tỷ lệ người dân tham gia bảo hiểm y tế; "
               "có tuyến đường hoa, cây xanh."))]
    assert lines(b, 2) == [("p", "Chưa có xã đủ điều kiện đăng ký.")]
    assert b.table.to_dict("list") == {
        "Xã": ["An", "Bình", "Cao", "Đông"],
        "NTM": ["3/3 · 7/7", "0/3 · 3/7", "2/3 · 6/7", "0/3 · 0/7"],
        "NTM nâng cao": ["1/1 · 2/2", "0/1 · 0/2", "0/1 · 0/2", "0/1 · 0/2"],
        "Hạng đã công nhận": ["NTM kiểu mẫu", "NTM nâng cao", "NTM nâng cao", "NTM nâng cao"],
        # the one vocabulary of states: An keeps its nâng cao; the others, recognised, no longer meet it
        "Tình trạng": ["NTM nâng cao: Đạt và đã công nhận"] + ["NTM nâng cao: Đã công nhận nhưng chưa duy trì"] * 3}


def test_one_remaining_commune_and_planned_registrations(tmp_path):
    # A is planned to register in 2024, C holds nâng cao (a decision without a date): B alone
    # remains. B fails criteria 1 and 2 (3 has no data, not a failure). No model commune.
    d = tiny_copy(tmp_path)
    (d / "registrations.csv").write_text("commune_id,tier,year,note\nA,nang-cao,2024,\n", encoding="utf-8")
    (d / "recognitions.csv").write_text("commune_id,tier,year,decision,note\nA,ntm,2019,,\nB,ntm,,,\nC,ntm,2018,,\n"
                                        "C,nang-cao,2022,45/QĐ-UBND,\n", encoding="utf-8")
    b = build(ntmlib.score(d, year=2023), 2023)
    assert lines(b, 0) == [("p", "Huyện chưa có xã đạt chuẩn NTM kiểu mẫu.")]
    assert lines(b, 1)[:2] == [("-", "Các xã đăng ký năm 2022"), ("p", (
        "Xã Cao được Ủy ban nhân dân tỉnh công nhận đạt chuẩn nông thôn mới nâng cao năm 2022 tại Quyết định số "
        "45/QĐ-UBND."))]
    assert lines(b, 1)[-1] == ("-", (
        "Các xã còn lại: Qua rà soát đánh giá, các xã đạt 0/3 tiêu chí với 3/7 chỉ tiêu nông thôn mới; đạt 0/1 "
        "tiêu chí với 0/2 chỉ tiêu nông thôn mới nâng cao. Các tiêu chí, chỉ tiêu chưa đạt thuộc nhóm giao thông và "
        "quy hoạch, thu nhập và nghèo."))
    assert lines(b, 2) == [("-", f"Xã An: {AN}")]


def test_can_register_from_the_readiness_ranking(readiness_bulletin):
    b = readiness_bulletin
    assert lines(b, 2) == [
        ("p", "Theo kết quả rà soát, các xã còn thiếu không quá 7 tiêu chí nông thôn mới nâng cao có thể đăng ký:"),
        ("-", f"Xã An: {AN}"), ("-", f"Xã Bình: {BINH}")]


def test_markdown_in_full(readiness_bulletin):
    md = to_markdown(readiness_bulletin)
    notice = (f"\n*Ghi chú: {readiness_bulletin.provisional[0]} trong {readiness_bulletin.provisional[1]} kết quả chỉ "
              "tiêu của bản tin này dựa trên ngưỡng tạm tính")
    assert readiness_bulletin.provisional[0] > 0 and notice in md and not md.endswith("\n\n")
    md = md.split(notice)[0]
    assert md.endswith("| Cao | 2/3 · 6/7 | 0/1 · 1/2 | NTM nâng cao | NTM nâng cao: Đã công nhận nhưng chưa duy trì "
                       "|\n")
    assert md.split("## 3.")[1] == (
        " Các xã dự kiến đăng ký năm 2024\n\n\n"
        "Theo kết quả rà soát, các xã còn thiếu không quá 7 tiêu chí nông thôn mới nâng cao có thể đăng ký:\n\n"
        f"- Xã An: {AN}\n- Xã Bình: {BINH}\n\n"
        "## Bảng tổng hợp\n\nSố tiêu chí · số chỉ tiêu đạt theo từng bộ tiêu chí.\n\n"
        "| Xã | NTM | NTM nâng cao | Hạng đã công nhận | Tình trạng |\n|---|---|---|---|---|\n"
        "| An | 3/3 · 7/7 | 1/1 · 2/2 | NTM | NTM nâng cao: Đạt theo kết quả (chưa công nhận) |\n"
        "| Bình | 0/3 · 3/7 | 0/1 · 0/2 | NTM | NTM: Đã công nhận nhưng chưa duy trì |\n"
        "| Cao | 2/3 · 6/7 | 0/1 · 1/2 | NTM nâng cao | NTM nâng cao: Đã công nhận nhưng chưa duy trì |\n")
    assert "- Xã Cao: đạt 2/3 tiêu chí với 6/7 chỉ tiêu nông thôn mới; 0/1 tiêu chí với 1/2" in md


def test_word_document_styles(readiness_bulletin, tmp_path):
    path = tmp_path / "ban-tin.docx"
    to_docx(readiness_bulletin, path)
    doc = Document(path)
    normal = doc.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(13))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paragraphs[0] == ("Heading 1", "Bản tin nông thôn mới huyện Thử — kết quả thực hiện năm 2023")
    assert [t for s, t in paragraphs if s == "Heading 2"] == [
        "1. Về công tác chỉ đạo, điều hành", "2. Kết quả thực hiện năm 2023", "3. Các xã dự kiến đăng ký năm 2024",
        "Bảng tổng hợp"]
    assert [t for s, t in paragraphs if s == "Heading 3"] == [
        "2.1. Đối với các xã đã đạt chuẩn NTM kiểu mẫu", "2.2. Đối với các xã đạt chuẩn NTM nâng cao",
        "Tồn tại, hạn chế", "Nhiệm vụ, giải pháp năm 2024"]
    assert ("Normal", "Huyện chưa có xã đạt chuẩn NTM kiểu mẫu.") in paragraphs
    assert ("List Bullet", "Các xã đăng ký năm 2022") in paragraphs
    cao = ("Xã Cao: đạt 2/3 tiêu chí với 6/7 chỉ tiêu nông thôn mới; 0/1 tiêu chí với 1/2 chỉ tiêu nông thôn mới "
           "nâng cao.")
    assert ("List Bullet 2", cao) in paragraphs
    table = doc.tables[0]
    assert table.style.name == "Table Grid"
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert [c.text for c in table.rows[1].cells] == ["An", "3/3 · 7/7", "1/1 · 2/2", "NTM",
                                                     "NTM nâng cao: Đạt theo kết quả (chưa công nhận)"]


def test_a_bulletin_needs_both_sets():
    with pytest.raises(DataError) as e:
        build(ntmlib.score(TINY, sets=NTM, year=2023), 2023)
    assert str(e.value) == "dataset.yaml: bản tin cần kết quả theo bộ tiêu chí NTM và NTM nâng cao năm 2023"


def _title_without_a_district(tmp_path) -> str:
    d = tiny_copy(tmp_path)
    f = d / "communes.csv"
    f.write_text(f.read_text(encoding="utf-8").replace(",Thử,Thử nghiệm,", ",,Thử nghiệm,"), encoding="utf-8")
    return build(ntmlib.score(d, year=2023), 2023).title


def test_title_without_a_district_names_the_province_with_single_spaces(tmp_path):
    title = _title_without_a_district(tmp_path)  # communes after 1/7/2025 have no district
    assert "huyện" not in title
    assert title == "Bản tin nông thôn mới tỉnh Thử nghiệm — kết quả thực hiện năm 2023"


def test_decision_of_a_recognition_without_year_names_no_year_0(tmp_path):
    d = tiny_copy(tmp_path)
    (d / "recognitions.csv").write_text(HEADER + "A,ntm,2019,,,\nB,ntm,,,,\nC,ntm,2018,,,\nC,nang-cao,,45/QĐ-UBND,,\n",
                                        encoding="utf-8")
    b = build(ntmlib.score(d, year=2023), 2023)
    decision = next(t for k, t in lines(b, 1) if k == "p" and "Quyết định" in t)
    assert "Quyết định số 45/QĐ-UBND" in decision
    assert "năm 0" not in decision


def test_title_names_the_district_only_when_there_is_one(tmp_path):
    d = tiny_copy(tmp_path)
    c = pandas.read_csv(d / "communes.csv", dtype=str)
    c.loc[c["commune_id"] == "B", "district"] = "Khác"  # B is scored: two districts now
    c.to_csv(d / "communes.csv", index=False)
    b = build(ntmlib.score(d, year=2023), 2023)
    province = c["province"].iloc[0]
    assert b.title == f"Bản tin nông thôn mới tỉnh {province} — kết quả thực hiện năm 2023"


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
                            "2.1. Đối với các xã đã đạt chuẩn NTM kiểu mẫu",
                            "2.2. Đối với các xã đạt chuẩn NTM nâng cao", "Tồn tại, hạn chế",
                            "3. Các xã dự kiến đăng ký năm 2024", "Nhiệm vụ, giải pháp năm 2024", "Bảng tổng hợp"]
    assert any(p.text == "Xã Nhân Bình đạt 18/19 tiêu chí, 55/57 chỉ tiêu." for p in doc.paragraphs)
    table = doc.tables[0]
    assert len(table.rows) == 21 and table.rows[0].cells[0].text == "Xã"
    row = next(r for r in table.rows if r.cells[0].text == "Văn Lý")
    assert [c.text for c in row.cells[1:3]] == ["14/19 · 49/57", "14/19 · 59/75"]


def test_bulletin_2022_can_register_includes_exactly_seven_missing(ly_nhan_card):
    card = ly_nhan_card.upto(2022)
    b = build(card, 2022)
    s3 = next(s for s in b.sections if s.heading == "3. Các xã dự kiến đăng ký năm 2023")
    assert s3.blocks[0].text == ("Theo kết quả rà soát, các xã còn thiếu không quá 7 tiêu chí nông thôn mới nâng "
                                 "cao có thể đăng ký:")
    listed = [blk.text.split(":")[0].removeprefix("Xã ") for blk in s3.blocks[1:]]
    assert listed == ["Công Lý", "Tiến Thắng", "Nguyên Lý", "Chân Lý", "Đạo Lý", "Văn Lý"]
    ready = aggregate.readiness(card, "nang-cao", year=2022).set_index("commune")
    # Chân Lý and Đạo Lý miss exactly the limit (12/19 nâng cao criteria); Nhân Nghĩa, the next, 8
    assert READY_MAX_CRITERIA_MISSING == 7
    assert ready.loc[["Chân Lý", "Đạo Lý", "Văn Lý", "Nhân Nghĩa"], "criteria_missing"].tolist() == [7, 7, 6, 8]
    assert any(blk.text.startswith("Xã Chân Lý: đạt 14/19 tiêu chí với 50/57 chỉ tiêu nông thôn mới; đạt 12/19 "
                                   "tiêu chí với 56/75") for blk in s3.blocks)

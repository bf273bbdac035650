"""The criteria-set workbook an office can send out (only public sources and the decision in 'Nguồn'
and 'Thông tin'), and a trial import (ntmlib.import_set(..., provisional=True), `ntm frameworks import
--provisional`) that never marks a value confirmed."""
from __future__ import annotations

import re

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

import ntmlib
from ntmlib.cli import main
from ntmlib.criteria.criteria_set import available_sets, load_set
from ntmlib.office.criteria_workbook import public_source

DECISION = "12/2024/QĐ-UBND ngày 15/3/2024"
# what review notes say, never a public source: earlier values, doubts, paths of review files
REVIEW_WORDS = ("trước đây", "chưa đối chiếu", "chưa tìm thấy", "KHÔNG có nguồn", "Có lẽ", "Cần suy lại",
                ".md", "../", "/work", "sources/")


def _column(ws, header: str) -> dict[str, object]:
    """indicator code -> the value of its row in the column headed `header` of the 'Chỉ tiêu' sheet."""
    col = next(c.column for c in ws[3] if c.value == header)
    return {ws.cell(r, 2).value: ws.cell(r, col).value for r in range(4, ws.max_row + 1)}


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sets")
    return {sid: ntmlib.export_set(sid, folder / f"{sid}.xlsx") for sid in available_sets()}


@pytest.mark.parametrize("sid", available_sets())
def test_the_sources_sent_out_are_the_public_ones_and_no_review_note(workbooks, sid):
    s = load_set(sid)
    ws = openpyxl.load_workbook(workbooks[sid])["Chỉ tiêu"]
    shown = _column(ws, "Nguồn")
    notes = [(code, w) for code, v in shown.items() for w in REVIEW_WORDS if v and w in str(v)]
    assert not notes, notes
    for i in s.indicators:  # each cell holds what the source cites, in its order, and nothing else
        assert (shown[i.code] or "") == public_source(i.source)
        assert all(part in i.source for part in public_source(i.source).split("; ") if part)
    # the full source, review notes and all, is still the set's own: only the workbook leaves them out
    assert any(w in i.source for i in s.indicators for w in REVIEW_WORDS) or sid.startswith("hanam")


def test_public_source_keeps_the_legal_texts_and_the_pages_of_a_source():
    ntm10 = next(i for i in load_set("vn-2021-ntm").indicators if i.code == "10")
    assert "Trước đây ghi 'suy ra'" in ntm10.source  # the review note of the issue
    assert public_source(ntm10.source) == "QĐ 318/QĐ-TTg ngày 08/3/2022, Phụ lục I"
    nc14 = next(i for i in load_set("vn-2021-nang-cao").indicators if i.code == "14.1")
    assert public_source(nc14.source) == ("QĐ 318/QĐ-TTg ngày 08/3/2022, Phụ lục II; vietnamnet.vn/gan-94-dan-so-vinh-"
                                          "phuc-tham-gia-bhyt-gop-phan-duy-tri-xay-dung-nong-thon-moi-2235669.html")
    assert public_source("Công văn 45/SNN-PTNT ngày 1/2/2024; trước đây ghi 50 (xem ../review/e3.md)") == (
        "Công văn 45/SNN-PTNT ngày 1/2/2024")
    assert public_source("") == "" and public_source("chưa tìm thấy văn bản công khai") == ""


def test_the_information_sheet_gives_the_decision_not_the_file(workbooks):
    info = {r[0]: r[1] for r in openpyxl.load_workbook(workbooks["vn-2026-ntm"])["Thông tin"].iter_rows(
        values_only=True) if r and r[0]}
    assert info["Quyết định"] == "51/2025/QĐ-TTg" and info["Ngày ban hành"] == "2025-12-29"
    assert info["Phụ lục"] == "Phụ lục I" and info["Văn bản công khai"].startswith("https://xaydungchinhsach.")
    assert "Tệp gốc" not in info
    values = [str(v) for v in info.values() if v]
    assert not any(v.endswith(".yaml") or "/" in v and not v.startswith("https://") and "QĐ" not in v
                   for v in values), values


def _edited(path, tmp_path, mark_10: str | None = None):
    wb = openpyxl.load_workbook(path)
    ws = wb["Chỉ tiêu"]
    rows = {ws.cell(r, 2).value: r for r in range(4, ws.max_row + 1)}
    col = {c.value: c.column for c in ws[3]}
    ws.cell(rows["9.2"], col["DBSH"]).value = 92
    if mark_10:
        ws.cell(rows["10"], col["Mức chắc chắn"]).value = mark_10  # the officer's own mark
    wb.save(tmp_path / "thu.xlsx")
    return tmp_path / "thu.xlsx"


def test_a_trial_import_marks_what_it_changes_provisional_never_confirmed(workbooks, tmp_path):
    out = tmp_path / "hanam-thu-ntm.yaml"
    s = ntmlib.import_set(_edited(workbooks["hanam-2022-ntm"], tmp_path, "xác nhận"), out=out,
                          extends="vn-2021-ntm", decision=DECISION, provisional=True)
    assert s.id == "hanam-thu-ntm"  # named after the file
    i = {x.code: x for x in s.indicators}
    assert i["9.2"].threshold.lookup("DBSH", 2023)[0] == 92
    assert i["9.2"].confidence == "provisional" and i["10"].confidence == "provisional"  # even marked by hand
    assert i["9.2"].source.startswith("nhập thử, chưa phải quyết định chính thức: 12/2024/QĐ-UBND")
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert doc["source"]["decision"] is None and doc["source"]["date"] is None  # no decision is claimed
    assert doc["source"]["note"] == ("nhập thử từ bảng Excel thu.xlsx (tạm tính, chưa phải quyết định chính thức; "
                                     f"dự thảo: {DECISION})")
    parent = {x.code: x for x in load_set("vn-2021-ntm").indicators}
    confirmed_before = {c for c, x in parent.items() if x.confidence == "confirmed"}
    assert {c for c, x in i.items() if x.confidence == "confirmed"} == confirmed_before - {"9.2", "10"}


def test_an_import_without_a_decision_confirms_nothing_it_changed(workbooks, tmp_path):
    s = ntmlib.import_set(_edited(workbooks["hanam-2022-ntm"], tmp_path), "tinh-x", tmp_path / "tinh-x.yaml",
                          extends="vn-2021-ntm")
    assert next(x for x in s.indicators if x.code == "9.2").confidence == "provisional"
    final = ntmlib.import_set(_edited(workbooks["hanam-2022-ntm"], tmp_path), "tinh-y", tmp_path / "tinh-y.yaml",
                              extends="vn-2021-ntm", decision=DECISION)
    assert next(x for x in final.indicators if x.code == "9.2").confidence == "confirmed"


def test_ntm_frameworks_import_provisional_says_it_is_a_trial(workbooks, tmp_path):
    out = tmp_path / "hanam-thu-ntm.yaml"
    r = CliRunner().invoke(main, ["frameworks", "import", str(_edited(workbooks["hanam-2022-ntm"], tmp_path)),
                                  "--id", "hanam-thu-ntm", "--extends", "vn-2021-ntm", "--decision", DECISION,
                                  "--provisional", "--out", str(out)])
    assert r.exit_code == 0, r.output
    s = load_set(out)
    confirmed = sum(x.confidence == "confirmed" for x in s.indicators)
    assert r.output.splitlines()[-2:] == [
        f"Bộ tiêu chí hanam-thu-ntm: 57 chỉ tiêu, {confirmed} chỉ tiêu có ngưỡng xác nhận.",
        f"Nhập thử (tạm tính, chưa phải quyết định chính thức): {s.provisional_count} chỉ tiêu có ngưỡng tạm tính."]
    assert s.provisional_count == 1 + sum(x.confidence == "provisional" for x in load_set("vn-2021-ntm").indicators
                                          if x.code != "9.2")


def test_import_set_needs_the_file_to_write(workbooks):
    with pytest.raises(ntmlib.FrameworkError, match=re.escape("cần tệp .yaml kết quả")):
        ntmlib.import_set(workbooks["hanam-2022-ntm"])

#!/usr/bin/env python3
"""Write the Excel and Parquet cases of tests/data/bad (each a small dataset folder + expected.txt).

    python make_xlsx_cases.py     # rewrites the xlsx-* and parquet-* folders next to this script

Every case is a dataset folder with communes.csv, dataset.yaml (the national NTM set
vn-2021-ntm for 2021–2025) and one broken observations.xlsx / .parquet; expected.txt holds
the substrings `ntm validate` must print, one per line. The CSV cases beside them are plain
files. Deterministic: fixed workbook dates.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2024, 1, 15, 8, 0, 0)
COMMUNES = """commune_id,commune,district,province,region,group,assessed
13567,Hợp Lý,Lý Nhân,Hà Nam,DBSH,,
13570,Nguyên Lý,Lý Nhân,Hà Nam,DBSH,,
13573,Chính Lý,Lý Nhân,Hà Nam,DBSH,,
13642,Vĩnh Trụ,Lý Nhân,Hà Nam,DBSH,,false
"""
YAML = "name: Ca lỗi\nframeworks:\n  - years: [2021, 2025]\n    sets: [vn-2021-ntm]\n"
YAML_TWO = "name: Ca lỗi\nframeworks:\n  - years: [2021, 2025]\n    sets: [vn-2021-ntm, vn-2021-nang-cao]\n"
YAML_EARLY = "name: Ca lỗi\nframeworks:\n  - years: [2018, 2025]\n    sets: [vn-2021-ntm]\n"
HEADER = ["TT", "Tên chỉ tiêu", "Đơn vị", "Xã Hợp Lý", "Nguyên Lý", "13573"]
ROWS = [  # rows 5.. of a wide sheet: code, name, unit, values of the three communes
    ["1", "Quy hoạch", "", "Đạt", "Đạt", "Đạt"],
    ["1.1", "Có quy hoạch chung xây dựng xã được phê duyệt", "", "Đạt", "có", "x"],
    ["2.1", "Đường xã được nhựa hóa hoặc bê tông hóa", "%", 100, 100, 99.5],
    ["2.2", "Đường thôn và liên thôn được cứng hóa", "%", 98.5, 97, 100],
]


def workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.created = wb.properties.modified = FIXED
    wb.properties.creator = "ntmlib tests"
    return wb


def wide_sheet(wb: Workbook, title: str, rows=ROWS, header=HEADER, heading="BẢNG TỔNG HỢP KẾT QUẢ NĂM 2023"):
    """Title rows 1–2 (merged), blank row 3, header row 4, data from row 5."""
    ws = wb.create_sheet(title)
    ws["A1"] = "UBND HUYỆN LÝ NHÂN"
    ws.merge_cells("A1:C1")
    ws["A2"] = heading
    ws.merge_cells("A2:F2")
    ws.append([])
    ws.append(header)
    for r in rows:
        ws.append(r)
    return ws


def tidy_sheet(wb: Workbook, title: str, header, rows, titles=()):
    ws = wb.create_sheet(title)
    for t in titles:
        ws.append([t])
    ws.append(header)
    for r in rows:
        ws.append(r)
    return ws


TIDY_HEADER = ["commune_id", "year", "set", "indicator", "value"]
TIDY_ROWS = [[13567, 2023, "vn-2021-ntm", "1.1", "Đạt"], [13567, 2023, "vn-2021-ntm", "2.1", 100],
             [13570, 2023, "vn-2021-ntm", "2.1", 99.5]]


def cases():
    out = {}

    wb = workbook()
    wide_sheet(wb, "2023", ROWS + [["2.11", "Đường ngõ, xóm", "%", 100, 100, 100]])
    out["xlsx-wide-unknown-indicator"] = (wb, YAML, [
        "observations.xlsx: 2023!A9 (cột TT): không có chỉ tiêu '2.11' của bộ vn-2021-ntm năm 2023 (có phải '2.1'?)"])

    wb = workbook()
    wide_sheet(wb, "2023", [r + [100 if r[2] == "%" else "Đạt"] for r in ROWS], HEADER + ["Xã Nhân Bình"])
    out["xlsx-wide-unknown-commune"] = (wb, YAML, [
        "observations.xlsx: 2023!G4 (cột Xã Nhân Bình): xã 'Xã Nhân Bình' không có trong communes.csv"])

    wb = workbook()
    rows = [list(r) for r in ROWS]
    rows[3][3] = "nhiều"
    wide_sheet(wb, "2023", rows)
    out["xlsx-wide-text-for-numeric"] = (wb, YAML, [
        "observations.xlsx: 2023!D8 (cột Xã Hợp Lý): giá trị 'nhiều' không đọc được cho chỉ tiêu 2.2 (vn-2021-ntm)"])

    wb = workbook()
    ws = wide_sheet(wb, "2023", ROWS)
    ws["E8"] = 1.5
    ws["E8"].number_format = "0%"
    out["xlsx-wide-percent-out-of-range"] = (wb, YAML, [
        "observations.xlsx: 2023!E8 (cột Nguyên Lý): giá trị '150%' ngoài khoảng 0–100 cho chỉ tiêu 2.2"])

    wb = workbook()
    wide_sheet(wb, "NTM", heading="BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ")
    out["xlsx-wide-no-year"] = (wb, YAML, [
        "observations.xlsx: trang tính 'NTM': không rõ năm của trang tính 'NTM'"])

    wb = workbook()
    wide_sheet(wb, "2023", heading="BẢNG TỔNG HỢP KẾT QUẢ")
    out["xlsx-wide-ambiguous-set"] = (wb, YAML_TWO, [
        "observations.xlsx: trang tính '2023': không rõ bộ tiêu chí của '2023' (dataset.yaml có cho năm 2023: "
        "vn-2021-ntm, vn-2021-nang-cao"])

    wb = workbook()
    wide_sheet(wb, "2023 NTM", ROWS + [["2.1", "Đường xã (nhập lại)", "%", 95, 100, 99.5]])
    out["xlsx-wide-duplicate"] = (wb, YAML, [
        "observations.xlsx: '2023 NTM'!D7 (cột Xã Hợp Lý): giá trị trùng lặp khác nhau cho xã 13567, năm 2023, "
        "chỉ tiêu 2.1 (các ô '2023 NTM'!D7, '2023 NTM'!D9: '100', '95')"])

    wb = workbook()
    wide_sheet(wb, "2019 NTM")
    out["xlsx-wide-year-outside-period"] = (wb, YAML_EARLY, [
        "observations.xlsx: trang tính '2019 NTM': năm 2019 nằm ngoài giai đoạn 2021–2025 của bộ tiêu chí vn-2021-ntm"])

    wb = workbook()
    wide_sheet(wb, "2023", [r[:3] for r in ROWS], HEADER[:3])
    out["xlsx-wide-no-communes"] = (wb, YAML, [
        "observations.xlsx: 2023!A4: không có cột xã nào bên phải cột mã chỉ tiêu"])

    wb = workbook()
    rows = [list(r) for r in ROWS]
    rows[2][4] = "có"  # a yes word for a percentage
    ws = wide_sheet(wb, "2023 NTM", rows)
    ws.merge_cells("D1:F1")  # a merged title cell over the communes
    out["xlsx-wide-yes-word-for-numeric"] = (wb, YAML, [
        "observations.xlsx: '2023 NTM'!E7 (cột Nguyên Lý): giá trị 'có' không đọc được cho chỉ tiêu 2.1 (vn-2021-ntm): "
        "chỉ tiêu này cần một số (%)"])

    wb = workbook()
    wide_sheet(wb, "2023",
               [list(r) for r in ROWS] + [["1.2", "Quy chế quản lý quy hoạch", "", "Đạt", "chưa rõ", "Đạt"]])
    wide_sheet(wb, "2024", [["2.1", "Đường xã", "%", "0,5 km", 100, 100]])
    out["xlsx-wide-problems-on-two-sheets"] = (wb, YAML, [
        "Lỗi dữ liệu (2 vấn đề)",
        "observations.xlsx: 2023!E9 (cột Nguyên Lý): giá trị 'chưa rõ' không đọc được cho chỉ tiêu 1.2",
        "observations.xlsx: 2024!D5 (cột Xã Hợp Lý): giá trị '0,5 km' không đọc được cho chỉ tiêu 2.1"])

    wb = workbook()
    tidy_sheet(wb, "Sheet1", ["commune_id", "year", "set", "indicator", "gia tri"], TIDY_ROWS)
    out["xlsx-tidy-missing-column"] = (wb, YAML, [
        "observations.xlsx: Sheet1!A1 (cột value): thiếu cột bắt buộc 'value'"])

    wb = workbook()
    tidy_sheet(wb, "Sheet1", TIDY_HEADER, TIDY_ROWS + [[99999, 2023, "vn-2021-ntm", "2.1", 100]])
    out["xlsx-tidy-unknown-commune"] = (wb, YAML, [
        "observations.xlsx: Sheet1!A5 (cột commune_id): mã xã '99999' không có trong communes.csv"])

    wb = workbook()
    tidy_sheet(wb, "Số liệu", TIDY_HEADER, TIDY_ROWS + [["Chính Lý", 2023, "vn-2021-ntm", "2.2", "chưa rõ"]],
               titles=("SỐ LIỆU CÁC CHỈ TIÊU NĂM 2023", None))
    out["xlsx-tidy-title-rows-text-for-numeric"] = (wb, YAML, [
        "observations.xlsx: 'Số liệu'!E7 (cột value): giá trị 'chưa rõ' không đọc được cho chỉ tiêu 2.2 (vn-2021-ntm)"])

    wb = workbook()
    wb.create_sheet("Sheet1")
    out["xlsx-empty-workbook"] = (wb, YAML, ["observations.xlsx: tệp rỗng"])

    out["xlsx-not-a-workbook"] = (b"commune_id,year,indicator,value\n", YAML, [
        "observations.xlsx: không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx"])

    wb = workbook()
    ws = wb.create_sheet("Hướng dẫn")
    ws["A1"] = "Nhập số liệu vào trang sau"
    out["xlsx-no-table"] = (wb, YAML, ["observations.xlsx: không tìm thấy bảng số liệu"])

    df = pd.DataFrame({"commune_id": ["13567", "13570"], "year": [2023, 2023], "set": ["vn-2021-ntm"] * 2,
                       "indicator": ["2.1", "2.2"], "gia_tri": ["100", "97"]})
    out["parquet-missing-column"] = (df, YAML, ["observations.parquet (cột value): thiếu cột bắt buộc 'value'"])

    df = pd.DataFrame({"commune_id": ["13567", "13570", "13573"], "year": [2023, 2023, 2023],
                       "set": ["vn-2021-ntm"] * 3, "indicator": ["2.1", "2.2", "2.2"], "value": ["100", "97", "nhiều"]})
    out["parquet-text-for-numeric"] = (df, YAML, [
        "observations.parquet: hàng 3 (cột value): giá trị 'nhiều' không đọc được cho chỉ tiêu 2.2 (vn-2021-ntm)"])
    return out


def main() -> None:
    for name, (data, yaml_text, expected) in cases().items():
        d = HERE / name
        if d.exists():
            shutil.rmtree(d)
        d.mkdir()
        (d / "communes.csv").write_text(COMMUNES, encoding="utf-8")
        (d / "dataset.yaml").write_text(yaml_text, encoding="utf-8")
        if isinstance(data, pd.DataFrame):
            data.to_parquet(d / "observations.parquet", index=False)
        elif isinstance(data, bytes):
            (d / "observations.xlsx").write_bytes(data)
        else:
            data.save(d / "observations.xlsx")
        (d / "expected.txt").write_text("\n".join(expected) + "\n", encoding="utf-8")
        print(f"wrote {d.name}")


if __name__ == "__main__":
    main()

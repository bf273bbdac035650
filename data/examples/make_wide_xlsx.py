#!/usr/bin/env python3
"""Write wide.xlsx: the observations of tidy.csv in the wide layout offices keep in Excel.

    python make_wide_xlsx.py            # writes ./wide.xlsx next to this script

One sheet per year and set ("2023 NTM", "2023 nâng cao", "2022 NTM"), title rows and merged
cells above the table, a two-row header, indicator codes and names down the rows, communes
across by name ("Xã An", "Bình") or by id ("C"), criterion rows with the office's verdicts
and a totals row (both skipped and reported when read), and a notes sheet (skipped).
Deterministic: two runs give the same workbook content.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2024, 1, 15, 8, 0, 0)

COMMUNES = ["Xã An", "Bình", "C"]
NTM_2023 = [
    # code, name, unit, values for An, Bình, C  (None: empty cell, no data)
    ("1", "Giao thông và quy hoạch", "", ["Đạt", "Chưa đạt", "Đạt"]),  # criterion row: skipped
    ("1.1", "Tỷ lệ đường xã được cứng hóa", "%", [100, 98, 92]),
    ("1.2", "Có quy hoạch được phê duyệt", "", ["Đạt", "có", "x"]),
    ("2", "Thu nhập và nghèo", "", [None, None, None]),
    ("2.1", "Thu nhập bình quân đầu người", "triệu đồng/người/năm", [63.5, "Đạt", 45]),
    ("2.2", "Tỷ lệ nghèo đa chiều", "%", [1.2, "2,5", 0]),
    ("2.3", "Nhà tạm, dột nát", "", ["không", "có", 0]),
    ("3", "Y tế và môi trường", "", [None, None, None]),
    ("3.1", "Tỷ lệ người dân tham gia bảo hiểm y tế", "%", [0.96, 91, "95%"]),  # 0.96 formatted as 0%
    ("3.2", "Đất cây xanh công cộng", "m²/người", [4.5, None, "1,5"]),
]
NC_2023 = [
    ("1", "Y tế và cảnh quan", "", [None, None, None]),
    ("1.1", "Tỷ lệ người dân tham gia bảo hiểm y tế", "%", [96, None, 94]),
    ("1.2", "Có tuyến đường hoa, cây xanh", "", ["đạt", None, "ĐẠT"]),
]
NTM_2022 = [
    ("2.1", "Thu nhập bình quân đầu người", "triệu đồng/người/năm", [60, None, None]),
    ("2.2", "Tỷ lệ nghèo đa chiều", "%", ["2,8", None, None]),
]


def sheet(wb: Workbook, title: str, heading: str, rows, totals: bool) -> None:
    ws = wb.create_sheet(title)
    ws["A1"] = "UBND HUYỆN THỬ"
    ws.merge_cells("A1:C1")
    ws["E1"] = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws.merge_cells("E1:G1")
    ws["A2"] = heading
    ws.merge_cells("A2:G2")
    ws["A3"] = "(Kèm theo Báo cáo số 12/BC-UBND ngày 15/12/2023 của UBND huyện Thử)"
    ws.merge_cells("A3:G3")
    for c in ("A1", "A2", "E1"):
        ws[c].font = Font(bold=True)
    for col, text in zip("ABCG", ("TT", "Tên tiêu chí, chỉ tiêu", "Đơn vị", "Ghi chú")):
        ws[f"{col}5"] = text
        ws.merge_cells(f"{col}5:{col}6")
    ws["D5"] = "Kết quả thực hiện"
    ws.merge_cells("D5:F5")
    for col, name in zip("DEF", COMMUNES):
        ws[f"{col}6"] = name
    for row in ws["A5:G6"]:
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    r = 7
    for code, name, unit, values in rows:
        ws.cell(r, 1, code)  # codes as text, so that "17.10" stays "17.10"
        ws.cell(r, 2, name)
        ws.cell(r, 3, unit)
        if "." not in code:
            ws.cell(r, 2).font = Font(bold=True)
        for col, v in zip(range(4, 7), values):
            if v is not None:
                cell = ws.cell(r, col, v)
                if code == "3.1" and isinstance(v, float):
                    cell.number_format = "0%"
        r += 1
    if totals:
        r += 1
        ws.cell(r, 2, "Số tiêu chí đạt").font = Font(bold=True)
        for col, v in zip(range(4, 7), (3, 0, 2)):
            ws.cell(r, col, v)
    ws.column_dimensions["B"].width = 42
    ws.freeze_panes = "D7"


def build() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    sheet(wb, "2023 NTM", "BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI NĂM 2023", NTM_2023, True)
    sheet(wb, "2023 nâng cao", "KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI NÂNG CAO NĂM 2023", NC_2023, False)
    sheet(wb, "2022 NTM", "BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI NĂM 2022", NTM_2022, False)
    notes = wb.create_sheet("Ghi chú")
    notes["A1"] = "Số liệu minh hoạ, các xã của bộ dữ liệu kiểm thử tests/data/tiny."
    wb.properties.creator = "ntmlib"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    return wb


def main() -> None:
    out = HERE / "wide.xlsx"
    fd, tmp = tempfile.mkstemp(dir=HERE, suffix=".xlsx.tmp")
    os.close(fd)
    try:
        build().save(tmp)
        os.replace(tmp, out)
    finally:
        Path(tmp).unlink(missing_ok=True)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()

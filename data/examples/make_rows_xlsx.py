#!/usr/bin/env python3
"""Write rows.xlsx: the observations of wide.xlsx the other way round, one row per commune.

    python make_rows_xlsx.py            # writes ./rows.xlsx next to this script

The same sheets and values as wide.xlsx (make_wide_xlsx.py holds them): one sheet per year
and set, title rows above the table, "TT" and "Tên xã" merged over a two-row header, the
criterion names merged above their indicator codes across, a row of units under the codes,
communes down the rows by name ("Xã An", "Bình") or by id ("C"), a totals column and a totals
row, then a notes row merged across the table and a signature row (the totals and the rows
under the table are skipped and reported when read). Deterministic: two runs give the same
workbook content.
"""
from __future__ import annotations

import io
import runpy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ntmlib.base.outputs import write_bytes_atomic

HERE = Path(__file__).resolve().parent
WIDE = runpy.run_path(str(HERE / "make_wide_xlsx.py"), run_name="make_wide_xlsx")  # the values, not its main()
COMMUNES, FIXED = WIDE["COMMUNES"], WIDE["FIXED"]


def sheet(wb: Workbook, title: str, heading: str, rows, totals: bool) -> None:
    ws = wb.create_sheet(title)
    # criteria (codes without a dot) and their indicators, in order
    groups: list[tuple[str, str, list]] = []
    for code, name, unit, values in rows:
        if "." not in code:
            groups.append((code, name, []))
        else:
            if not groups or not code.startswith(groups[-1][0] + "."):
                groups.append((code.split(".")[0], "", []))
            groups[-1][2].append((code, unit, values))
    indicators = [ind for _, _, inds in groups for ind in inds]
    width = 2 + len(indicators) + 1
    last = get_column_letter(width)
    ws["A1"] = "UBND HUYỆN THỬ"
    ws.merge_cells("A1:C1")
    ws["A2"] = heading
    ws.merge_cells(f"A2:{last}2")
    ws["A3"] = "(Kèm theo Báo cáo số 12/BC-UBND ngày 15/12/2023 của UBND huyện Thử)"
    ws.merge_cells(f"A3:{last}3")
    for c in ("A1", "A2"):
        ws[c].font = Font(bold=True)
    for col, text in ((1, "TT"), (2, "Tên xã"), (width, "Số tiêu chí đạt")):
        ws.cell(5, col, text)
        ws.merge_cells(start_row=5, start_column=col, end_row=6, end_column=col)
    col = 3
    for code, name, inds in groups:
        ws.cell(5, col, f"{code}. {name}" if name else code)
        if len(inds) > 1:
            ws.merge_cells(start_row=5, start_column=col, end_row=5, end_column=col + len(inds) - 1)
        for icode, unit, _ in inds:
            ws.cell(6, col, icode)  # codes as text, so that "17.10" stays "17.10"
            ws.cell(7, col, unit or None)
            col += 1
    for row in ws[f"A5:{last}7"]:
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    r = 8
    for k, commune in enumerate(COMMUNES):
        ws.cell(r, 1, k + 1)
        ws.cell(r, 2, commune)
        for j, (icode, _, values) in enumerate(indicators):
            v = values[k]
            if v is not None:
                cell = ws.cell(r, 3 + j, v)
                if icode == "3.1" and isinstance(v, float):
                    cell.number_format = "0%"
        r += 1
    if totals:
        for k, v in enumerate((3, 0, 2)):
            ws.cell(8 + k, width, v)
        ws.cell(r, 2, "Số xã đạt").font = Font(bold=True)
        for j in range(len(indicators)):
            ws.cell(r, 3 + j, 2)
        r += 1
    r += 1
    ws.cell(r, 1, "Ghi chú: số liệu minh hoạ; ô trống là chưa có số liệu.")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
    ws.cell(r + 2, 2, "Người lập biểu")
    ws.cell(r + 2, max(width - 2, 3), "TM. UBND HUYỆN")
    ws.column_dimensions["B"].width = 16
    ws.freeze_panes = "C8"


def build() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    sheet(wb, "2023 NTM", "BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI NĂM 2023", WIDE["NTM_2023"],
          True)
    sheet(wb, "2023 nâng cao", "KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI NÂNG CAO NĂM 2023", WIDE["NC_2023"],
          False)
    sheet(wb, "2022 NTM", "BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI NĂM 2022", WIDE["NTM_2022"],
          False)
    wb.properties.creator = "ntmlib"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    return wb


def main() -> None:
    out = HERE / "rows.xlsx"
    buf = io.BytesIO()
    build().save(buf)
    write_bytes_atomic(out, buf.getvalue())  # never a half-written workbook
    print(f"wrote {out}")


if __name__ == "__main__":
    main()

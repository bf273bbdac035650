"""Reading the corrected criteria-set workbook back: a threshold typed as text with a decimal comma."""
from __future__ import annotations

import openpyxl
import yaml

from ntmlib.criteria.criteria_set import load_set
from ntmlib.office.criteria_import import import_set
from ntmlib.office.criteria_workbook import export_set

DECISION = "12/2024/QĐ-UBND ngày 15/3/2024"


def test_a_threshold_typed_with_a_decimal_comma_is_read_as_its_number(tmp_path):
    export_set(load_set("hanam-2022-ntm"), tmp_path / "bo.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "bo.xlsx")
    ws = wb["Chỉ tiêu"]
    col = next(c.column for c in ws[3] if c.value == "DBSH")
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value == "9.2")
    ws.cell(row, col).value = "72,5"  # as typed on a Vietnamese keyboard, kept as text by Excel
    wb.save(tmp_path / "sua.xlsx")
    out = tmp_path / "hanam-2024-ntm.yaml"
    s = import_set(tmp_path / "sua.xlsx", "hanam-2024-ntm", out, extends="vn-2021-ntm", decision=DECISION)
    assert next(i for i in s.indicators if i.code == "9.2").threshold.lookup("DBSH", 2023)[0] == 72.5
    written = yaml.safe_load(out.read_text(encoding="utf-8"))["overrides"]["9.2"]["threshold"]["by_region"]["DBSH"]
    assert written == 72.5 and isinstance(written, float)
    again = load_set("hanam-2024-ntm", (tmp_path,))
    assert next(i for i in again.indicators if i.code == "9.2").threshold.lookup("DBSH", 2023)[0] == 72.5

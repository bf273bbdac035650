"""Filling the communes' data-entry workbook (ntmlib.office.data_entry) as a commune officer would:
tests/office/test_data_entry.py and the documentation's example datasets (tests/product/test_docs.py)."""
from __future__ import annotations

import openpyxl
import pandas as pd

from ntmlib.text import tier_name

HEADER = 5  # the row of the communes' names
SOME = ["13567", "13591", "13627"]  # Hợp Lý, Đức Lý, Tiến Thắng


def fill_entry_workbook(path, ds, card, leave_out=()) -> int:
    """Type into the entry cells of the workbook the 2023 values the CSV gives (as scored), the way a
    commune officer would: numbers as numbers, yes/no as written. Returns the cells filled."""
    values = {}
    for cid, sid, code, value, number, rule in zip(card.indicators["commune_id"].astype(str),
                                                   card.indicators["set"].astype(str),
                                                   card.indicators["indicator"].astype(str),
                                                   card.indicators["value"].astype(str), card.indicators["number"],
                                                   card.indicators["rule"].astype(str)):
        if value and (cid, sid, code) not in leave_out:
            numeric = rule in (">=", "<=") and pd.notna(number)  # else a word: "Đạt", the office's verdict
            values[(cid, sid, code)] = float(number) if numeric else value
    ids = dict(zip(ds.communes["commune"], ds.communes["commune_id"].astype(str)))
    set_of = {tier_name(s.tier): s.id for s in ds.sets_for(2023)}
    wb = openpyxl.load_workbook(path)
    n = 0
    for ws in wb.worksheets:
        communes = {c.column: ids[c.value] for c in ws[HEADER] if c.value in ids}
        for r in range(HEADER + 1, ws.max_row + 1):
            sid, code = set_of.get(ws.cell(r, 1).value), ws.cell(r, 2).value
            for col, cid in communes.items():
                if sid and (cid, sid, code) in values:
                    ws.cell(r, col).value = values[(cid, sid, code)]
                    n += 1
    wb.save(path)
    return n

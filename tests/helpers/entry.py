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
    commune officer would: numbers as numbers, yes/no as written; a figure several sets share, once,
    in its row keyed by the measure. Returns the cells filled."""
    values = {}
    for cid, sid, code, value, number, rule in zip(card.indicators["commune_id"].astype(str),
                                                   card.indicators["set"].astype(str),
                                                   card.indicators["indicator"].astype(str),
                                                   card.indicators["value"].astype(str), card.indicators["number"],
                                                   card.indicators["rule"].astype(str)):
        if value and (cid, sid, code) not in leave_out:
            numeric = rule in (">=", "<=") and pd.notna(number)  # else a word: "Đạt", the office's verdict
            values[(cid, sid, code)] = float(number) if numeric else value
    of_2023 = ds.communes[ds.existing([2023])]  # a name may be both an old commune's and a new one's (Bắc Lý)
    ids = dict(zip(of_2023["commune"], of_2023["commune_id"].astype(str)))
    set_of = {tier_name(s.tier): s.id for s in ds.sets_for(2023)}
    users = {}  # a row keyed by a measure (its set cell empty) fills every indicator measuring it
    for s in ds.sets_for(2023):
        for i in s.indicators:
            users.setdefault(i.measure, []).append((s.id, i.code))
    wb = openpyxl.load_workbook(path)
    n = 0
    for ws in wb.worksheets:
        communes = {c.column: ids[c.value] for c in ws[HEADER] if c.value in ids}
        for r in range(HEADER + 1, ws.max_row + 1):
            sid, code = set_of.get(ws.cell(r, 1).value), ws.cell(r, 2).value
            keys = [(sid, code)] if sid else users.get(code, []) if ws.cell(r, 1).value is None else []
            for col, cid in communes.items():
                given = [values[(cid, *k)] for k in keys if (cid, *k) in values]
                if given and not ws.cell(r, col).protection.locked:  # only the entry cells take a value
                    ws.cell(r, col).value = given[0]
                    n += 1
    wb.save(path)
    return n

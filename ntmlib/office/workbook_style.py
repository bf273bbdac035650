"""The look every workbook of ntmlib shares: Times New Roman as the workbook's font, the colours
of met / not met / no data and of header rows, cells that hold text as text, legal and unique
sheet names, row heights from wrapped lines, and the A4 page set-up with the page header and
"Trang 1 / 9" footer. Used by the score workbook, the criteria-set workbook and the data-entry
workbook.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..text import DOCUMENT_LABELS

MET_FILL, MET_FONT = "C6EFCE", "006100"
UNMET_FILL, UNMET_FONT = "FFC7CE", "9C0006"
NODATA_FILL, NODATA_FONT = "FFEB9C", "9C5700"
HEADER_FILL = "DDEBF7"
LINE_PT_PER_FONT_PT, ROW_PAD_PT = 1.3, 3  # a line of 11 pt text is 14.3 pt high; padding of a wrapped row
# Characters of 11 pt Times New Roman per unit of column width (Excel prints about 1.2, LibreOffice 1.4):
# the lower figure, so that a row is never too low for its text
CHARS_PER_WIDTH, CHARS_PER_WIDTH_BOLD = 1.2, 1.05
PAPER_A4 = 9  # the paperSize code of A4
FONT = "Times New Roman"  # as in the offices' documents; LibreOffice prints it with the same widths (Liberation Serif)
MARGINS_IN = {"left": 0.4, "right": 0.4, "top": 0.7, "bottom": 0.6, "header": 0.3, "footer": 0.3}
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_WORDS = DOCUMENT_LABELS["vi"]


def default_font(wb) -> None:
    """Times New Roman 11 pt as the workbook's own font (its 'Normal' style), so that column
    widths, which count characters of that font, come out alike in Excel and LibreOffice
    (Calibri is seldom installed beside LibreOffice; Times New Roman has a same-width twin)."""
    from openpyxl.styles import Font, NamedStyle
    from openpyxl.styles.named_styles import NamedStyleList
    from openpyxl.utils.indexed_list import IndexedList

    font = Font(name=FONT, sz=11, family=1)
    wb._fonts = IndexedList([font])  # openpyxl has no public setter for the default font
    wb._named_styles = NamedStyleList()
    wb.add_named_style(NamedStyle(name="Normal", font=Font(name=FONT, sz=11, family=1), builtinId=0))


def unique_sheet_name(title: str, used: set[str]) -> str:
    """`title` as a sheet name Excel accepts (no []:*?/\\, at most 31 characters), made unique
    among `used` (any case) with " (2)", " (3)", …; the name is added to `used`."""
    base = _SHEET_BAD.sub("-", title).strip("'")[:31].strip() or "Trang"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _clean(v):
    """A cell value openpyxl accepts: plain Python types, no control characters, NA as empty."""
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return None if np.isnan(v) else float(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, str):
        return _ILLEGAL.sub("", v)
    return v


_WriteOnlyCell = None  # openpyxl's, imported by the first new_cell


def new_cell(ws, value):
    """A write-only cell holding `value`; text is typed as text, so a name such as
    '=HYPERLINK(…)' is shown as written and never run as a formula."""
    global _WriteOnlyCell
    if _WriteOnlyCell is None:
        from openpyxl.cell import WriteOnlyCell as _WriteOnlyCell  # deferred: openpyxl is heavy, only workbooks need it

    c = _WriteOnlyCell(ws, _clean(value))
    if isinstance(c.value, str):
        c.data_type = "s"
    return c


def wrapped_lines(text, width: float, font_pt: float = 11, bold: bool = False) -> int:
    """Lines `text` takes in a column `width` characters wide, wrapping at spaces (an estimate
    on the safe side: a spreadsheet sizes rows only when it is told how high they are)."""
    capacity = max(int(width * 11 / font_pt * (CHARS_PER_WIDTH_BOLD if bold else CHARS_PER_WIDTH)) - 1, 1)
    lines = 0
    for paragraph in str(text).split("\n"):
        lines, used = lines + 1, 0
        for word in paragraph.split():
            n = len(word)
            if used and used + 1 + n > capacity:
                lines, used = lines + 1, n
            else:
                used = used + 1 + n if used else n
            while used > capacity:  # a word longer than the column breaks inside
                lines, used = lines + 1, used - capacity
    return max(lines, 1)


def line_pt(font_pt: float) -> float:
    """The height of one line of text of `font_pt` points in a cell."""
    return round(font_pt * LINE_PT_PER_FONT_PT, 1)


def _hf_text(text: str, limit: int = 120) -> str:
    """Text for a page header or footer: '&' escaped, cut to `limit` characters."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return text.replace("&", "&&")


def print_setup(ws, header_text: str) -> None:
    """A4 landscape, one page wide, the header row on every page, `header_text` centred above
    and 'Trang 1 / 9' centred below each page."""
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(**MARGINS_IN)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = "1:1"
    ws.oddHeader.center.text = _hf_text(header_text)
    ws.oddHeader.center.size = 10
    ws.oddFooter.center.text = _WORDS["page_of"]
    ws.oddFooter.center.size = 9

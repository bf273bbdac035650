"""The bulletin as a Word document laid out as Nghị định 30/2020/NĐ-CP asks of administrative
documents: A4, margins 20/20/30/15 mm, Times New Roman 13 pt (headings too), language vi-VN;
an optional heading block (issuing body, national motto, place and date) read from
dataset.yaml; sections numbered as in the offices' own bulletins (1, 2, 2.1, 2.2, 3), section 1
a marked placeholder the office writes; a summary table whose header row repeats on every
page, then the note on provisional thresholds when there is one; page numbers in the footer;
title, author, dates and language in the document properties.

The text is the Bulletin's (ntmlib.present.bulletin.build for a district, province_bulletin.build
for a province): this module adds layout only. A province bulletin's heading block comes from
`province_offices` in dataset.yaml (province_letterhead).
"""
from __future__ import annotations

import datetime as dt
import io
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..base.outputs import write_bytes_atomic
from ..dataset.resolve import area_key
from ..errors import DataError, Problem
from ..present.bulletin import Bulletin
from ..text import DOCUMENT_LABELS, PROVINCE_BULLETIN_TEXT, date_text, error_text, label

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
BODY_PT, TITLE_PT, HEADING_BLOCK_PT = 13, 14, 12
PAGE_MM = (210, 297)  # A4, portrait
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}  # NĐ 30/2020: 20–25, 20–25, 30–35, 15–20
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165
HEADING_BLOCK_MM = (65, TEXT_WIDTH_MM - 65)  # issuing body | motto
FIRST_LINE_MM = 10  # first-line indent of a paragraph and of the '-' items
SUMMARY_WIDTHS_MM = (37, 29, 29, 35, 35)  # Xã, NTM, NTM nâng cao, recognised, reached: 165 mm
HEADING_BLOCK_KEYS = ("issuing_body", "parent_body", "place", "signer_title", "signer_name")
SIGNATURE_MM = (75, TEXT_WIDTH_MM - 75)  # Nơi nhận | the signer
# District-level bodies (UBND HUYỆN …, BCĐ … HUYỆN …) ended when Vietnam's districts were abolished:
# Luật Tổ chức chính quyền địa phương 72/2025/QH15, in force from 1 July 2025, keeps two levels of local
# government, the province and the commune (https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/
# Luat-To-chuc-chinh-quyen-dia-phuong-2025-so-72-2025-QH15-658986.aspx).
DISTRICTS_ENDED = dt.date(2025, 7, 1)
_DISTRICT_BODY = re.compile(r"\b(HUYỆN|QUẬN|THỊ XÃ)\b")
_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)[.\-]?\s")


@dataclass(frozen=True)
class Letterhead:
    """The heading block of the document (phần đầu văn bản), from dataset.yaml.

    `issuing_body`: the body that issues the bulletin (cơ quan ban hành), e.g. "BAN CHỈ ĐẠO CÁC
    CTMTQG"; `parent_body`: the body above it (cơ quan chủ quản), e.g. "UBND HUYỆN LÝ NHÂN";
    `place`: the place name of the date line (địa danh), e.g. "Lý Nhân"; `date`: the date of
    issue (today when not given).
    """

    issuing_body: str = ""
    parent_body: str = ""
    place: str = ""
    date: dt.date | None = None
    signer_title: str = ""  # e.g. "TRƯỞNG BAN", or "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN" on two lines
    signer_name: str = ""
    recipients: tuple[str, ...] = ()  # the "Nơi nhận" list, "Lưu: VT." added at its end
    body_until: dt.date | None = None  # the last day the issuing body existed, when it has ended

    @classmethod
    def from_meta(cls, meta: dict, date: dt.date | None = None) -> Letterhead:
        """The letterhead and signature block named by the keys issuing_body, parent_body, place,
        signer_title, signer_name, recipients and body_until of dataset.yaml (each optional); a
        key of the wrong kind is a DataError naming it."""
        meta, values, problems = meta or {}, {}, []
        for key in HEADING_BLOCK_KEYS:
            v = meta.get(key)
            if v is None:
                v = ""
            if not isinstance(v, str):
                problems.append(Problem("dataset.yaml", error_text("needs_text_line", field=key), place=key))
                continue
            values[key] = "\n".join(" ".join(line.split()) for line in v.strip().splitlines()) \
                if key == "signer_title" else " ".join(v.split())
        recipients = meta.get("recipients") or []
        if not isinstance(recipients, list) or not all(isinstance(r, str) for r in recipients):
            problems.append(Problem("dataset.yaml", error_text("needs_text_list", field="recipients"),
                                    place="recipients"))
            recipients = []
        until = meta.get("body_until")
        if until is not None and not isinstance(until, dt.date):
            try:
                until = dt.date.fromisoformat(str(until).strip())
            except ValueError:
                problems.append(Problem("dataset.yaml", error_text("needs_date", field="body_until"),
                                        place="body_until"))
        if problems:
            raise DataError(problems)
        return cls(**values, date=date, recipients=tuple(" ".join(r.split()) for r in recipients if r.strip()),
                   body_until=until)

    def ended(self) -> dt.date | None:
        """The first day the issuing body no longer existed: the day after body_until, or 1 July
        2025 for a district-level body (HUYỆN, QUẬN, THỊ XÃ) named by parent_body or issuing_body."""
        if self.body_until is not None:
            return self.body_until + dt.timedelta(days=1)
        bodies = f"{self.parent_body} {self.issuing_body}".upper()
        return DISTRICTS_ENDED if _DISTRICT_BODY.search(bodies) else None

    def warning(self) -> str:
        """A warning when the date of issue falls after the issuing body ended ('' otherwise)."""
        end, when = self.ended(), self.date or dt.date.today()
        if not self.issuing_body or end is None or when < end:
            return ""
        body = self.parent_body or self.issuing_body
        return DOCUMENT_LABELS["vi"]["body_ended"].format(body=body, end=date_text(end.isoformat()),
                                                          date=date_text(when.isoformat()))

    @property
    def author(self) -> str:
        """The document's author: the issuing body, or 'ntmlib' without one."""
        return self.issuing_body or label(DOCUMENT_LABELS, "author")

    def date_line(self) -> str:
        """'Lý Nhân, ngày 15 tháng 01 năm 2024' ('' without a place)."""
        if not self.place:
            return ""
        return label(DOCUMENT_LABELS, "place_date").format(place=self.place, date=decree_date(self.date or
                                                                                               dt.date.today()))


PROVINCE_OFFICES_KEY = "province_offices"


def province_letterhead(meta: dict, province: str, date: dt.date | None = None) -> Letterhead:
    """The heading block and signature block of a province bulletin: the keys of Letterhead.from_meta
    written under `province_offices` and the province's name in dataset.yaml (matched in any case,
    with or without diacritics or 'Tỉnh'); without them, no heading block. The district's keys at
    the top of dataset.yaml are not used: they name a district's bodies. A mistake is a DataError
    naming the key ('province_offices.Ninh Bình.recipients')."""
    offices = (meta or {}).get(PROVINCE_OFFICES_KEY)
    if offices is None:
        return Letterhead(date=date)
    if not isinstance(offices, dict) or not all(isinstance(v, dict) for v in offices.values()):
        raise DataError(Problem("dataset.yaml", error_text("province_offices"), place=PROVINCE_OFFICES_KEY))
    key = next((k for k in offices if area_key(str(k)) == area_key(province)), None)
    if key is None:
        return Letterhead(date=date)
    try:
        return Letterhead.from_meta(offices[key], date)
    except DataError as e:
        raise DataError([replace(p, place=f"{PROVINCE_OFFICES_KEY}.{key}.{p.place}") for p in e.problems]) from None


def decree_date(day: dt.date) -> str:
    """A date as NĐ 30/2020/NĐ-CP writes it: a zero before days below 10 and before months 1
    and 2 only ('ngày 05 tháng 01 năm 2024', 'ngày 07 tháng 12 năm 2023', 'ngày 15 tháng 3 năm 2024')."""
    return DOCUMENT_LABELS["vi"]["date"].format(day=f"{day.day:02d}",
                                                month=f"{day.month:02d}" if day.month < 3 else str(day.month),
                                                year=day.year)


def section_number(heading: str) -> str:
    """'2.1' of '2.1. Đối với …', '3' of '3. Các xã …' or '3- Nhiệm vụ …'; '' when unnumbered."""
    m = _NUMBER.match(heading)
    return m.group(1) if m else ""


def bulletin_year(b: Bulletin) -> int | None:
    """The year a bulletin reports on, read from its title ('… kết quả thực hiện năm 2023')."""
    years = re.findall(r"\b(\d{4})\b", b.title)
    return int(years[-1]) if years else None


def outline(b: Bulletin, year: int | None = None) -> list[tuple[int, str, str]]:
    """The headings and blocks of the document in order, as (level, kind, text): kind 'h' a
    heading at `level` (1 the title, 2 the sections 1, 2, 3, 3 the sections 2.1, 2.2), 'note'
    the placeholder of a section the office writes, 'p', '-', '+' the bulletin's blocks.

    The bulletin starts at 2.1; the sections it lacks (1, 2) are put in with the headings of
    the offices' bulletins, section 1 as a placeholder, and so are the placeholders of the
    office's own parts: the shortcomings at the end of section 2, the tasks for next year last."""
    words = DOCUMENT_LABELS["vi"]
    year = year if year is not None else bulletin_year(b)
    parents = {"1": [(2, "h", words["section_1"]),
                     (0, "note", words["placeholder_1"].format(year=year if year is not None else "…"))],
               "2": [(2, "h", words["section_2"].format(year=year) if year is not None else words["section_2_plain"])]}
    out: list[tuple[int, str, str]] = [(1, "h", b.title)]
    done: set[str] = set()
    shown = year if year is not None else "…"
    shortcomings = [(3, "h", words["shortcomings"]),
                    (0, "note", words["placeholder_shortcomings"].format(year=shown))]
    for s in b.sections:
        number = section_number(s.heading)
        parts = number.split(".") if number else []
        if parts and int(parts[0]) >= 3 and shortcomings:  # the end of section 2: its shortcomings
            out += shortcomings
            shortcomings = []
        if parts:
            missing = [str(k) for k in range(1, int(parts[0]))] + [".".join(parts[:d]) for d in range(1, len(parts))]
            for m in missing:
                if m not in done:
                    out += parents.get(m, [])
                    done.add(m)
            done.add(number)
        out.append((len(parts) + 1 if parts else 2, "h", s.heading))
        out += [(0, blk.kind, blk.text) for blk in s.blocks]
    following = year + 1 if year is not None else "…"
    return out + shortcomings + [(3, "h", words["tasks"].format(next=following)),
                                 (0, "note", words["placeholder_tasks"].format(next=following))]


def to_docx(b: Bulletin, path: Path, letterhead: Letterhead | None = None, year: int | None = None) -> None:
    """Write the bulletin as a Word document (A4, NĐ 30/2020 layout) at `path`, atomically.

    `letterhead`: the heading block (none without it); `year`: the year reported on, for the
    heading of section 2 (read from the title when not given)."""
    from docx import Document  # deferred: python-docx is needed only for Word output
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    doc = Document()
    _styles(doc)
    _bullets(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = _mm_up(MARGINS_MM["top"]), _mm_up(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = _mm_up(MARGINS_MM["left"]), _mm_up(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    _page_number_footer(section)
    if letterhead is not None:
        _heading_block(doc, letterhead)
    for level, kind, text in outline(b, year):
        if kind == "h":
            doc.add_heading(text, level=level)
        elif kind == "note":
            _placeholder(doc, text)
        elif kind == "p":
            p = doc.add_paragraph(text)
            p.paragraph_format.first_line_indent = Mm(FIRST_LINE_MM)
        else:
            doc.add_paragraph(text, style={"-": "List Bullet", "+": "List Bullet 2"}[kind])
    words = DOCUMENT_LABELS["vi"]
    doc.add_heading(words["summary"], level=2)
    note = doc.add_paragraph(words["summary_note"])
    note.runs[0].italic = True
    _summary_table(doc, b)
    notice = getattr(b, "notice", "")  # the note on provisional thresholds, when the bulletin has one
    if notice:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(6)
        p.add_run(notice).italic = True
    if letterhead is not None and letterhead.issuing_body:
        _signature_block(doc, letterhead)
    _properties(doc, b.title, (letterhead or Letterhead()).author)
    buffer = io.BytesIO()
    doc.save(buffer)
    write_bytes_atomic(Path(path), buffer.getvalue())


# --------------------------------------------------------------------------- styles


def _rfonts_lang(rpr, size_pt: float | None = None):
    """Times New Roman in every script slot (no theme fonts), language vi-VN, black text."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    _plain_fonts(fonts)
    for color in rpr.findall(qn("w:color")):
        rpr.remove(color)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(int(size_pt * 2)))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    _order_rpr(rpr)


def _plain_fonts(fonts) -> None:
    """A w:rFonts naming Times New Roman for every script, no theme font."""
    from docx.oxml.ns import qn

    for attr in [a for a in fonts.attrib if a.endswith(("Theme", "theme"))]:
        del fonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)


_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
              "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
              "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")


def _order_rpr(rpr) -> None:
    """Children of a w:rPr in the order the schema requires (Word refuses others)."""
    rank = {name: k for k, name in enumerate(_RPR_ORDER)}
    children = sorted(rpr, key=lambda el: rank.get(el.tag.rsplit("}", 1)[-1], len(rank)))
    for el in children:
        rpr.remove(el)
        rpr.append(el)


def _styles(doc) -> None:
    """Every style in Times New Roman and vi-VN (none of python-docx's blue Calibri headings),
    body 13 pt justified, headings 13 pt bold black, the title 14 pt bold centred."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    root = doc.styles.element
    defaults = root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _rfonts_lang(defaults, BODY_PT)
    for style in root.findall(qn("w:style")):
        rpr = style.find(qn("w:rPr"))
        if rpr is not None and (rpr.find(qn("w:rFonts")) is not None or rpr.find(qn("w:color")) is not None):
            _rfonts_lang(rpr)
    for fonts in root.iter(qn("w:rFonts")):  # and inside the table styles' conditional formats
        _plain_fonts(fonts)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    _rfonts_lang(normal.element.get_or_add_rPr(), BODY_PT)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.15
    for level in (1, 2, 3):
        style = doc.styles[f"Heading {level}"]
        _rfonts_lang(style.element.get_or_add_rPr(), TITLE_PT if level == 1 else BODY_PT)
        style.font.bold, style.font.italic = True, False
        pf = style.paragraph_format
        pf.alignment = WD_ALIGN_PARAGRAPH.CENTER if level == 1 else WD_ALIGN_PARAGRAPH.JUSTIFY
        pf.space_before, pf.space_after = Pt(12 if level == 1 else 6), Pt(12 if level == 1 else 6)
        pf.first_line_indent = None if level == 1 else _mm(FIRST_LINE_MM)
        pf.keep_with_next = True
    for name in ("List Bullet", "List Bullet 2"):
        _rfonts_lang(doc.styles[name].element.get_or_add_rPr(), BODY_PT)
        ppr = doc.styles[name].element.get_or_add_pPr()
        for spacing in ppr.findall(qn("w:contextualSpacing")):  # the office spaces every line alike
            ppr.remove(spacing)
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)


def _mm(mm: float):
    from docx.shared import Mm

    return Mm(mm)


def _mm_up(mm: float):
    """`mm` in whole twips, rounded up (Word stores margins in twips: 15 mm would read 14.99)."""
    from docx.shared import Twips

    return Twips(math.ceil(mm / 25.4 * 1440))


def _bullets(doc) -> None:
    """'-' for List Bullet and '+' for List Bullet 2, as the offices write them, with a first-line
    indent and no hanging indent (python-docx's template has Symbol bullets)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    numbering = doc.part.numbering_part.element
    twips = round(FIRST_LINE_MM / 25.4 * 1440)
    for name, mark, indent in (("List Bullet", "-", twips), ("List Bullet 2", "+", twips + round(twips / 2))):
        num_id = doc.styles[name].element.pPr.numPr.numId.val
        num = numbering.xpath(f'./w:num[@w:numId="{num_id}"]')[0]
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]')[0]
        old = abstract.find(qn("w:lvl"))
        style = old.find(qn("w:pStyle"))
        pstyle = f'<w:pStyle w:val="{style.get(qn("w:val"))}"/>' if style is not None else ""
        new = parse_xml(
            f'<w:lvl {nsdecls("w")} w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>{pstyle}'
            f'<w:suff w:val="space"/><w:lvlText w:val="{mark}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="{indent}"/></w:pPr>'
            f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:hint="default"/></w:rPr></w:lvl>')
        old.addprevious(new)
        abstract.remove(old)


# --------------------------------------------------------------------------- parts of the page


def _heading_block(doc, head: Letterhead) -> None:
    """Two borderless columns: issuing body | country and motto, each over a short rule; the
    place and date in italics under the motto. Without an issuing body: only the date line."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    words = DOCUMENT_LABELS["vi"]
    date_line = head.date_line()
    if not head.issuing_body:
        if date_line:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.add_run(date_line).italic = True
        return
    table = doc.add_table(rows=2 if date_line else 1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    _fixed_layout(table, HEADING_BLOCK_MM)
    left, right = table.rows[0].cells

    def line(cell, text: str, size: float, bold: bool = False, italic: bool = False, first: bool = False):
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt = p.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing, fmt.first_line_indent = Pt(0), Pt(0), 1.0, None
        run = p.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        return p

    if head.parent_body:
        line(left, head.parent_body.upper(), HEADING_BLOCK_PT, first=True)
    line(left, head.issuing_body.upper(), HEADING_BLOCK_PT, bold=True, first=not head.parent_body)
    _rule(left, HEADING_BLOCK_MM[0], 25)
    line(right, words["country"], HEADING_BLOCK_PT, bold=True, first=True)
    line(right, words["motto"], BODY_PT, bold=True)
    _rule(right, HEADING_BLOCK_MM[1], 56)
    if date_line:
        p = line(table.rows[1].cells[1], date_line, BODY_PT, italic=True, first=True)
        p.paragraph_format.space_before = Pt(6)
    doc.add_paragraph().paragraph_format.space_after = Mm(0)


def _signature_block(doc, head: Letterhead) -> None:
    """NĐ 30/2020's end of a document: "Nơi nhận:" (bold italic 12 pt) and its list (11 pt, the
    last "Lưu: VT.") on the left; the signer's title (bold capitals), room to sign and the name
    (bold) on the right. Missing keys are marked placeholders."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
    from docx.shared import Pt

    words = DOCUMENT_LABELS["vi"]
    doc.add_paragraph().paragraph_format.space_after = Pt(0)
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    _fixed_layout(table, SIGNATURE_MM)
    left, right = table.rows[0].cells

    def line(cell, text: str, size: float, align, bold=False, italic=False, first=False, placeholder=False):
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        p.alignment = align
        fmt = p.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing, fmt.first_line_indent = Pt(0), Pt(0), 1.0, None
        fmt.keep_with_next = True
        run = p.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic or placeholder, Pt(size)
        if placeholder:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        return p

    line(left, words["recipients"], 12, WD_ALIGN_PARAGRAPH.LEFT, bold=True, italic=True, first=True)
    items = list(head.recipients) or [words["placeholder_recipients"]]
    for item in items:
        text = item if item.endswith((";", ".")) else item + ";"
        line(left, f"- {text}", 11, WD_ALIGN_PARAGRAPH.LEFT, placeholder=not head.recipients)
    line(left, f"- {words['archive']}", 11, WD_ALIGN_PARAGRAPH.LEFT)
    titles = head.signer_title.upper().splitlines() or [words["placeholder_signer_title"]]
    for k, title in enumerate(titles):
        line(right, title, BODY_PT, WD_ALIGN_PARAGRAPH.CENTER, bold=True, first=k == 0,
             placeholder=not head.signer_title)
    for _ in range(4):  # room for the signature and the seal
        line(right, "", BODY_PT, WD_ALIGN_PARAGRAPH.CENTER)
    line(right, head.signer_name or words["placeholder_signer_name"], BODY_PT, WD_ALIGN_PARAGRAPH.CENTER,
         bold=True, placeholder=not head.signer_name)


def _rule(cell, column_mm: float, length_mm: float) -> None:
    """A short centred rule under a line of the heading block: an empty paragraph with a bottom
    border, indented so the border is `length_mm` long."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Mm, Pt

    p = cell.add_paragraph()
    side = max((column_mm - 4 - length_mm) / 2, 0)  # 4 mm: the cell's own margins
    fmt = p.paragraph_format
    fmt.left_indent, fmt.right_indent, fmt.first_line_indent = Mm(side), Mm(side), None
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
    p.add_run().font.size = Pt(2)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'))
    _order_ppr(p._p.pPr)


_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
              "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
              "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")


def _order_ppr(ppr) -> None:
    rank = {name: k for k, name in enumerate(_PPR_ORDER)}
    for el in sorted(ppr, key=lambda el: rank.get(el.tag.rsplit("}", 1)[-1], len(rank))):
        ppr.remove(el)
        ppr.append(el)


def _no_borders(table) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    sides = "".join(f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    tblpr.append(parse_xml(f'<w:tblBorders {nsdecls("w")}>{sides}</w:tblBorders>'))


def _fixed_layout(table, widths_mm) -> None:
    """Column widths that Word and LibreOffice both keep: fixed layout, the grid and every cell."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Mm

    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblLayout")):
        tblpr.remove(old)
    tblpr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    for old in tblpr.findall(qn("w:tblW")):
        tblpr.remove(old)
    total = round(sum(widths_mm) / 25.4 * 1440)
    tblpr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>'))
    _order_tblpr(tblpr)
    for col, width in zip(table.columns, widths_mm):
        col.width = Mm(width)
        for cell in col.cells:
            cell.width = Mm(width)


_TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook")


def _order_tblpr(tblpr) -> None:
    rank = {name: k for k, name in enumerate(_TBLPR_ORDER)}
    for el in sorted(tblpr, key=lambda el: rank.get(el.tag.rsplit("}", 1)[-1], len(rank))):
        tblpr.remove(el)
        tblpr.append(el)


def _placeholder(doc, text: str) -> None:
    """A paragraph the office replaces: in square brackets, italic, highlighted yellow."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Mm

    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Mm(FIRST_LINE_MM)
    run = p.add_run(text)
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _summary_table(doc, b: Bulletin) -> None:
    """The summary table: bold header row repeated on every page, rows kept whole."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    table = doc.add_table(rows=1, cols=len(b.table.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, name in zip(table.rows[0].cells, b.table.columns):
        cell.text = str(name)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in b.table.itertuples(index=False):
        for cell, value in zip(table.add_row().cells, row):
            cell.text = str(value)
    widths = summary_widths(list(b.table.columns))
    _fixed_layout(table, widths)
    for k, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if k == 0:
            trpr.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page
        for j, cell in enumerate(row.cells):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if (j == 0 and k) else WD_ALIGN_PARAGRAPH.CENTER
            fmt = p.paragraph_format
            fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(2), Pt(2), 1.0


def summary_widths(columns: list[str]) -> tuple[float, ...]:
    """Column widths (mm) of the summary table: the district bulletin's five columns as
    SUMMARY_WIDTHS_MM; otherwise the commune's name 37 mm, a commune group column (the province
    bulletin's) 16 mm, the state (last column) 55 mm, the counts sharing what is left."""
    group = label(PROVINCE_BULLETIN_TEXT, "col_group")
    n = len(columns)
    if n == len(SUMMARY_WIDTHS_MM) and group not in columns:
        return SUMMARY_WIDTHS_MM
    if n < 3:
        return (TEXT_WIDTH_MM / n,) * n
    fixed = {0: 37.0, n - 1: 55.0, **{k: 16.0 for k, c in enumerate(columns) if c == group}}
    share = (TEXT_WIDTH_MM - sum(fixed.values())) / (n - len(fixed))
    return tuple(fixed.get(k, share) for k in range(n))


def _page_number_footer(section) -> None:
    """The page number, centred in the footer: a PAGE field Word and LibreOffice fill in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = None
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = p.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


def _properties(doc, title: str, author: str) -> None:
    """Title, author, creation time (now, UTC) and language in the document properties."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props = doc.core_properties
    props.title = title[:255]
    props.author = props.last_modified_by = author[:255]
    props.created = props.modified = now
    props.language = LANGUAGE
    props.comments = ""
    props.revision = 1
    props.subject = ""
    props.keywords = ""
    props.category = ""


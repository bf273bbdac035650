"""`ntm bulletin`: the results part of the NTM bulletin for one year, as Markdown, a Word document,
a web page or a PDF (always in Vietnamese): the district bulletin for a year whose communes have a
district and NTM and nâng cao results, else (or with --province) the province bulletin."""
from __future__ import annotations

from pathlib import Path

import click

from ..dataset.loading import load_dataset
from ..office.word_bulletin import Letterhead, province_letterhead, to_docx
from ..present import province_bulletin
from ..present.bulletin import build, to_html, to_markdown
from ..run import pdf
from ..scoring.engine import score
from .app import emit, main
from .translation import Choice, DateTime, Folder, Int, NtmUsageError, argument, option, say

HELP = {  # each command's help: what it does, its arguments and options, and examples on the sample data
    "vi": {
        "bulletin": {
            "short": "Viết phần kết quả của bản tin nông thôn mới.",
            "help": "Viết phần kết quả thực hiện của bản tin nông thôn mới của DỮ_LIỆU cho một năm: Markdown, văn bản "
                    "Word theo thể thức văn bản hành chính, hoặc trang web. Bản tin luôn viết bằng tiếng Việt. Năm "
                    "các xã còn thuộc huyện và có kết quả NTM, NTM nâng cao: bản tin của huyện; năm khác (từ 1/7/2025 "
                    "không còn huyện) hoặc khi có --province: bản tin của tỉnh.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu."},
            "options": {"year": "Năm của bản tin.",
                        "province": "Viết bản tin của tỉnh này (tên tỉnh, có dấu hoặc không).",
                        "fmt": "md: Markdown; docx: văn bản Word theo thể thức văn bản hành chính; html: trang web; "
                               "pdf: bản in khổ A4 của trang web (cần trình duyệt Chromium).",
                        "out": "Tệp kết quả (bắt buộc với docx và pdf).",
                        "issued": "Ngày ban hành ghi ở dòng địa danh, ngày tháng của bản Word (mặc định hôm nay)."},
            "examples": ["ntm bulletin data/ly-nhan --year 2023",
                         "ntm bulletin data/ly-nhan --year 2026 --format docx --out ban-tin-2026.docx"],
        },
    },
    "en": {
        "bulletin": {
            "short": "Write the results part of the NTM bulletin.",
            "help": "Write the results part of the New Rural Development bulletin of DATASET for one year: Markdown, "
                    "a Word document laid out as an administrative document, or a web page. The bulletin is always "
                    "in Vietnamese. For a year whose communes belong to districts and have NTM and advanced NTM "
                    "results: the district bulletin; for other years (no districts after 1 July 2025) or with "
                    "--province: the province bulletin.",
            "arguments": {"dataset": "The dataset folder."},
            "options": {"year": "The bulletin's year.",
                        "province": "Write the bulletin of this province (its name, with or without diacritics).",
                        "fmt": "md: Markdown; docx: a Word document in the administrative layout; html: a web page; "
                               "pdf: the web page printed on A4 (needs the Chromium browser).",
                        "out": "Output file (required for docx and pdf).",
                        "issued": "Date of issue on the place-and-date line of the Word document (default: today)."},
            "examples": ["ntm bulletin data/ly-nhan --year 2023",
                         "ntm bulletin data/ly-nhan --year 2026 --format docx --out ban-tin-2026.docx"],
        },
    },
}


@main.command("bulletin", words=HELP)
@argument("dataset", type=Folder())
@option("--year", type=Int(), required=True)
@option("--province")
@option("--format", "fmt", type=Choice(["md", "docx", "html", "pdf"]), default="md", show_default=True)
@option("--out", type=click.Path())
@option("--date", "issued", type=DateTime())
def bulletin_cmd(dataset, year, province, fmt, out, issued) -> None:
    """`ntm bulletin`: the results part of the district or province bulletin for one year (in Vietnamese)."""
    if fmt in ("docx", "pdf") and not out:
        raise NtmUsageError(say("needs_out", fmt=fmt))
    engine = pdf.browser() if fmt == "pdf" else None
    ds = load_dataset(dataset)
    province_bulletin.check_year(ds, year)
    card = score(ds, year=year)
    district = province is None and province_bulletin.district_year(card, year)
    b = build(card, year) if district else province_bulletin.build(card, year, province)
    if engine:
        pdf.write_html_pdf(to_html(b), Path(out), engine)
        click.echo(say("written", path=out))
    elif fmt == "docx":
        day = issued.date() if issued else None
        head = Letterhead.from_meta(ds.meta, day) if district else \
            province_letterhead(ds.meta, province_bulletin.province_of(card, year, province), day)
        to_docx(b, Path(out), letterhead=head, year=year)
        click.echo(say("written", path=out))
        if head.warning():
            click.echo(head.warning(), err=True)
    else:
        emit(to_html(b) if fmt == "html" else to_markdown(b), out)

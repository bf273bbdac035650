"""`ntm bulletin`: the results part of the district's NTM bulletin for one year, as Markdown, a
Word document or a web page (always in Vietnamese)."""
from __future__ import annotations

from pathlib import Path

import click

from ..dataset.loading import load_dataset
from ..office.word_bulletin import Letterhead, to_docx
from ..present.bulletin import bulletin, to_html, to_markdown
from ..run import pdf
from .app import emit, main
from .translation import Choice, DateTime, Folder, Int, NtmUsageError, argument, option, say

HELP = {  # each command's help: what it does, its arguments and options, and examples on the sample data
    "vi": {
        "bulletin": {
            "short": "Viết phần kết quả của bản tin nông thôn mới.",
            "help": "Viết phần kết quả thực hiện của bản tin nông thôn mới của DỮ_LIỆU cho một năm: Markdown, văn bản "
                    "Word theo thể thức văn bản hành chính, hoặc trang web. Bản tin luôn viết bằng tiếng Việt.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu."},
            "options": {"year": "Năm của bản tin.",
                        "fmt": "md: Markdown; docx: văn bản Word theo thể thức văn bản hành chính; html: trang web; "
                               "pdf: bản in khổ A4 của trang web (cần trình duyệt Chromium).",
                        "out": "Tệp kết quả (bắt buộc với docx và pdf).",
                        "issued": "Ngày ban hành ghi ở dòng địa danh, ngày tháng của bản Word (mặc định hôm nay)."},
            "examples": ["ntm bulletin data/ly-nhan --year 2023",
                         "ntm bulletin data/ly-nhan --year 2023 --format docx --out ban-tin-2023.docx"],
        },
    },
    "en": {
        "bulletin": {
            "short": "Write the results part of the NTM bulletin.",
            "help": "Write the results part of the New Rural Development bulletin of DATASET for one year: Markdown, "
                    "a Word document laid out as an administrative document, or a web page. The bulletin is always "
                    "in Vietnamese.",
            "arguments": {"dataset": "The dataset folder."},
            "options": {"year": "The bulletin's year.",
                        "fmt": "md: Markdown; docx: a Word document in the administrative layout; html: a web page; "
                               "pdf: the web page printed on A4 (needs the Chromium browser).",
                        "out": "Output file (required for docx and pdf).",
                        "issued": "Date of issue on the place-and-date line of the Word document (default: today)."},
            "examples": ["ntm bulletin data/ly-nhan --year 2023",
                         "ntm bulletin data/ly-nhan --year 2023 --format docx --out ban-tin-2023.docx"],
        },
    },
}


@main.command("bulletin", words=HELP)
@argument("dataset", type=Folder())
@option("--year", type=Int(), required=True)
@option("--format", "fmt", type=Choice(["md", "docx", "html", "pdf"]), default="md", show_default=True)
@option("--out", type=click.Path())
@option("--date", "issued", type=DateTime())
def bulletin_cmd(dataset, year, fmt, out, issued) -> None:
    """`ntm bulletin`: the results part of the district bulletin for one year (in Vietnamese)."""
    if fmt in ("docx", "pdf") and not out:
        raise NtmUsageError(say("needs_out", fmt=fmt))
    engine = pdf.browser() if fmt == "pdf" else None
    ds = load_dataset(dataset)
    b = bulletin(ds, year)
    if engine:
        pdf.write_html_pdf(to_html(b), Path(out), engine)
        click.echo(say("written", path=out))
    elif fmt == "docx":
        head = Letterhead.from_meta(ds.meta, issued.date() if issued else None)
        to_docx(b, Path(out), letterhead=head, year=year)
        click.echo(say("written", path=out))
        if head.warning():
            click.echo(head.warning(), err=True)
    else:
        emit(to_html(b) if fmt == "html" else to_markdown(b), out)

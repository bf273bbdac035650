"""Print and PDF (docs/print.md): the print stylesheet, the Chromium command line, a missing browser,
and, slow, the sample's commune and district reports and bulletin printed to A4 PDF with every
column header of every table in the PDF's text and no scroll hint."""
from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from ntmlib.cli import main
from ntmlib.errors import ParameterError
from ntmlib.present.blocks import print_css
from ntmlib.present.bulletin import bulletin, to_html
from ntmlib.run import pdf
from ntmlib.run.export import running_head
from ntmlib.text import label
from ntmlib.text.figures import GRID_LABELS

from tests.helpers.paths import LY_NHAN, TINY

HINT = label(GRID_LABELS, "scroll_hint")


def test_print_css_sets_a4_running_head_page_numbers_and_opens_what_screens_fold():
    css = print_css('Xã "Nhân Bình", năm 2023')
    assert "@page { size: A4;" in css
    assert '@top-left { content: "Xã \\"Nhân Bình\\", năm 2023";' in css
    assert 'content: "Trang " counter(page) " / " counter(pages);' in css
    assert "details::details-content { content-visibility: visible !important;" in css
    assert re.search(r"p\.ntm-hint, \.ntm-edge \{ display: none !important; \}", css)
    assert 'content: "Page " counter(page)' in print_css("", "en") and "@top-left" not in print_css("")


def test_running_head_is_the_unit_and_year_of_the_first_heading():
    page = ('<h1 id="x">Báo cáo kết quả xây dựng nông thôn mới — Xã Nhân Bình, năm 2023'
            '<a class="anchor-link" href="#x">¶</a></h1><h1>Khác</h1>')
    assert running_head(page) == "Xã Nhân Bình, năm 2023"
    assert running_head("<h1>Bản tin &amp; kết quả</h1>") == "Bản tin & kết quả" and running_head("<p>") == ""


def test_a_running_head_made_of_markup_stays_inside_its_style_element():
    css = print_css('Xã </style><script>alert(1)</script> "Cao"\\, năm 2023')
    assert "<" not in css  # a '</style>' in the head would end the element and run the script after it
    head = css.split("@top-left { content: ")[1].split("; font:")[0]
    assert head == r'"Xã \3c /style\3e \3c script\3e alert(1)\3c /script\3e  \"Cao\"\\, năm 2023"'


def test_bulletin_page_carries_the_print_stylesheet_with_its_title():
    page = to_html(bulletin(TINY, 2023))
    assert "@page { size: A4;" in page and "Times New Roman" in page
    assert re.search(r'@top-left \{ content: "Bản tin nông thôn mới[^"]*2023";', page)


def test_chromium_command_prints_headless_without_its_own_header_into_a_throwaway_profile(tmp_path):
    cmd = pdf.command("/usr/bin/chromium", tmp_path / "a b.html", tmp_path / "a.pdf", tmp_path / "profile")
    assert cmd[0] == "/usr/bin/chromium" and cmd[-1] == (tmp_path / "a b.html").as_uri()
    for flag in ("--headless", "--no-pdf-header-footer", f"--print-to-pdf={tmp_path / 'a.pdf'}",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        assert flag in cmd


def test_missing_browser_is_one_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("NTM_CHROMIUM", raising=False)
    with pytest.raises(ParameterError, match="cần trình duyệt Chromium để in ra PDF"):
        pdf.browser()
    monkeypatch.setenv("NTM_CHROMIUM", str(tmp_path / "khong-co"))
    result = CliRunner().invoke(main, ["bulletin", str(TINY), "--year", "2023", "--format", "pdf",
                                       "--out", str(tmp_path / "b.pdf")])
    assert result.exit_code == 2 and "khong-co" in result.output and "NTM_CHROMIUM" in result.output
    assert not (tmp_path / "b.pdf").exists()


def test_a_browser_that_fails_is_named_with_its_exit_code(tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'no display' >&2\nexit 3\n")
    fake.chmod(0o755)
    page = tmp_path / "p.html"
    page.write_text("<p>x</p>")
    with pytest.raises(Exception, match=r"\(mã thoát 3\): no display"):
        pdf.write_pdf(page, tmp_path / "p.pdf", str(fake))
    assert not (tmp_path / "p.pdf").exists()


# --------------------------------------------------------------------------- printed by Chromium

needs_chromium = pytest.mark.skipif(not any(map(shutil.which, pdf.BROWSERS)) or not shutil.which("pdftotext"),
                                    reason="needs Chromium and poppler-utils")


class _Headers(HTMLParser):
    """The texts of every <th> of a page, each piece of text on its own (a heatmap's column
    header '1' over '(2)' is two pieces, which the PDF's text may put on two lines)."""

    def __init__(self):
        super().__init__()
        self.depth, self.parts, self.found = 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag == "th":
            self.depth, self.parts = self.depth + 1, []

    def handle_endtag(self, tag):
        if tag == "th" and self.depth:
            self.depth -= 1
            self.found += self.parts

    def handle_data(self, data):
        if self.depth and data.strip():
            self.parts.append(" ".join(data.split()))


def _headers(page: Path) -> set[str]:
    p = _Headers()
    p.feed(page.read_text(encoding="utf-8"))
    return {h for h in p.found if h}


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _a4_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info), info
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def _invoke(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("unit", [("--commune", "Nhân Bình"), ("--district", "Lý Nhân")], ids=["commune", "district"])
def test_report_printed_to_a4_pdf_keeps_every_column_header_and_no_scroll_hint(tmp_path, unit):
    page, printed = tmp_path / "r.html", tmp_path / "r.pdf"
    _invoke("report", str(LY_NHAN), "--year", "2023", *unit, "--out", str(page))
    pdf.write_pdf(page, printed)
    text = _pdf_text(printed)
    flat = re.sub(r"\s+", "", text)
    headers = _headers(page)
    assert len(headers) >= 15  # the commune's steps and changes, the district's heatmaps (1 … 19, Đạt) …
    assert sorted(h for h in headers if re.sub(r"\s+", "", h) not in flat) == []
    assert HINT not in text and "vuốt ngang" not in text
    if unit[0] == "--district":  # each heatmap's columns whole, in order: criteria 1 to 19
        layout = subprocess.run(["pdftotext", "-layout", str(printed), "-"], capture_output=True, text=True).stdout
        assert len(re.findall(r"^\s*" + r"\s+".join(map(str, range(1, 20))) + r"\s*$", layout, re.M)) >= 2
    pages = _a4_pages(printed)
    assert f"Trang {pages} / {pages}" in text and unit[1] in text.split("\f")[-2]  # running head, page number


@pytest.mark.slow
@needs_chromium
def test_report_and_bulletin_commands_write_pdf(tmp_path):
    _invoke("report", str(TINY), "--year", "2023", "--commune", "Cao", "--format", "pdf",
            "--out", str(tmp_path / "c.pdf"))
    assert "2/3 tiêu chí, 6/7 chỉ tiêu" in _pdf_text(tmp_path / "c.pdf") and _a4_pages(tmp_path / "c.pdf") >= 1
    _invoke("bulletin", str(LY_NHAN), "--year", "2023", "--format", "pdf", "--out", str(tmp_path / "b.pdf"))
    text = " ".join(_pdf_text(tmp_path / "b.pdf").split())  # a narrow column's header wraps onto two lines
    assert all(h in text for h in ("Xã", "NTM nâng cao", "Hạng đã công nhận", "Tình trạng"))
    assert "Xã Nhân Bình đạt 18/19 tiêu chí, 55/57 chỉ tiêu." in text
    assert _a4_pages(tmp_path / "b.pdf") >= 2

"""The reports as a user's browser shows them: each page type that reports/index.html links (and
the index itself), loaded in headless Chromium at 1280 px and at 390 px (a phone), checked from the
live DOM after layout (how: tests/helpers/browser.py):

1. the page is no wider than the viewport (no horizontal scrolling); the failure names the widest
   elements that stick out;
2. no <pre> in the report content (text outputs belong in tables and paragraphs);
3. every <img> has a Vietnamese alt text (browser.alt_problem), every inline <svg> role="img" and a
   label;
4. <html lang> is the report's language;
5. every link resolves (relative links to existing files and ids, inside the report folder);
   http(s) links are listed, not fetched;
6. at 390 px, map text is at least 10 px and the tables meant as cards do not scroll sideways.

The sample's reports are rendered once per session (`ntm bulletin` then `ntm reports`, as
`make reports` does). Without Chromium on PATH the tests skip (they fail when NTM_REQUIRE_CLIENTS=1,
as on CI). The self-tests at the end prove on hand-written pages that each check catches its problem
and that a clean page passes.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import browser
from tests.helpers.paths import LY_NHAN, ROOT

pytestmark = pytest.mark.slow


YEAR = 2023
WIDTHS = (1280, 390)
PAGE_TYPES = ("index", "commune", "district", "other")
NTM = Path(sys.executable).with_name("ntm")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, check=False, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if done.returncode:
        pytest.fail(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr[-2000:]}")


def _report_lang(page: Path) -> str:
    """The language a report was run in: `lang = "…"` of the executed notebook next to it (papermill's
    injected parameters come after the notebook's defaults, so the last assignment wins); "vi" when
    there is none."""
    notebook = page.with_suffix(".ipynb")
    lang = "vi"
    if notebook.exists():
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            tags = cell.get("metadata", {}).get("tags", [])
            if cell["cell_type"] == "code" and ("parameters" in tags or "injected-parameters" in tags):
                for m in re.finditer(r'^lang\s*=\s*["\'](\w+)["\']', "".join(cell["source"]), re.MULTILINE):
                    lang = m.group(1)
    return lang


@pytest.fixture(scope="session")
def site(tmp_path_factory, chromium):
    """The rendered sample: {"out": folder, "pages": {page type: [(path, expected lang)]}}. Page types
    come from the batch manifest (kind of the run that wrote the linked HTML), else from the file
    name (xa-*, huyen-*); HTML the index links that is neither is "other"."""
    out = tmp_path_factory.mktemp("browser-reports")
    _run([str(NTM), "bulletin", str(LY_NHAN), "--year", str(YEAR), "--out", str(out / f"ban-tin-{YEAR}.md")])
    _run([str(NTM), "bulletin", str(LY_NHAN), "--year", str(YEAR), "--format", "html",
          "--out", str(out / f"ban-tin-{YEAR}.html")])
    _run([str(NTM), "reports", str(LY_NHAN), "--year", str(YEAR), "--out", str(out)])
    index = out / "index.html"
    parser = _Links()
    parser.feed(index.read_text(encoding="utf-8"))
    kinds = {}
    manifest = out / "manifest.json"
    if manifest.exists():
        for run in json.loads(manifest.read_text(encoding="utf-8")).get("runs", []):
            for o in run.get("outputs", []):
                kinds[o] = run.get("kind")
    pages = {"index": [(index, "vi")], "commune": [], "district": [], "other": []}
    for href in dict.fromkeys(parser.hrefs):
        path = href.split("#")[0]
        if re.match(r"^[a-z]+:", path) or not path.endswith((".html", ".htm")) or not (out / path).is_file():
            continue  # not a page to load (link check 5 reports what does not resolve)
        name = Path(path).name
        kind = kinds.get(path) or ("commune" if name.startswith("xa-") else
                                   "district" if name.startswith("huyen-") else "other")
        pages["other" if kind not in pages else kind].append((out / path, _report_lang(out / path)))
    # one commune and one district report stand for their type; every other linked page is loaded
    for kind in ("commune", "district"):
        pages[kind] = pages[kind][:1]
    return {"out": out, "pages": pages}


@pytest.fixture(scope="session")
def facts(site, chromium):
    """{(page, width): DOM facts} for every page and width: one Chromium run each, two at a time."""
    jobs = [(page, width) for kind in PAGE_TYPES for page, _ in site["pages"][kind] for width in WIDTHS]

    def load(job):
        try:
            return browser.page_facts(job[0], job[1], chromium)
        except browser.BrowserError as e:  # fails the tests of this page and width only
            return e

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(jobs, pool.map(load, jobs)))


def _check(site, facts, kind, width, check):
    """Run `check(facts, lang)` on every page of `kind` at `width` and fail with all problems."""
    pages = site["pages"][kind]
    if not pages:
        pytest.skip(f"index.html links no {kind} HTML page")
    failures = []
    for page, lang in pages:
        f = facts[(page, width)]
        if isinstance(f, Exception):
            raise f
        problems = check(f, lang)
        if problems:
            rel = page.relative_to(site["out"]).as_posix()
            failures.append(f"{rel} at {width}px:\n" + "\n".join(f"- {p}" for p in problems))
    assert not failures, "\n".join(failures)


widths = pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
kinds = pytest.mark.parametrize("kind", PAGE_TYPES)


@widths
@kinds
def test_no_horizontal_overflow(site, facts, kind, width):
    _check(site, facts, kind, width, lambda f, lang: browser.overflow_problems(f))


@widths
@kinds
def test_no_pre_in_report_content(site, facts, kind, width):
    _check(site, facts, kind, width, lambda f, lang: browser.pre_problems(f))


@widths
@kinds
def test_images_and_svgs_have_vietnamese_text_alternatives(site, facts, kind, width):
    _check(site, facts, kind, width, browser.media_problems)


@widths
@kinds
def test_html_lang_is_the_report_language(site, facts, kind, width):
    _check(site, facts, kind, width, lambda f, lang: browser.lang_problems(f, lang))


@kinds
def test_maps_read_and_tables_are_cards_on_a_phone(site, facts, kind):
    """At 390 px every map text shown is at least browser.MIN_TEXT_PX (the map's numbers and its
    key, not 5 px names), and the status, readiness, changes and provenance tables are labelled
    cards that fit the width."""
    if kind in ("commune", "district"):
        f = facts[(site["pages"][kind][0][0], 390)]
        assert f["cards"] >= 3 and f["svgTextCount"] >= 21, (f["cards"], f["svgTextCount"])
    _check(site, facts, kind, 390, lambda f, lang: browser.phone_problems(f))


@widths
@kinds
def test_links_resolve(site, facts, kind, width):
    def links(f, lang):
        problems, external = browser.link_problems(f, root=site["out"])
        if external:
            print(f"{Path(f['page']).name} at {width}px links outside (not fetched):", *external, sep="\n  ")
        return problems

    _check(site, facts, kind, width, links)


# --- self-tests: the checks can fail, and a clean page passes --------------------------------------

GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="

BAD_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Hỏng</title></head>
<body><main>
<h1 id="dau">Báo cáo thử</h1>
<p>Đoạn văn vừa khung.</p>
<div class="too-wide" style="width:1500px">Bảng quá rộng</div>
<pre class="output">NTM: 14/19 tiêu chí</pre>
<img class="figure" src="{GIF}">
<svg class="chart" width="20" height="20"><rect width="20" height="20"/></svg>
<a href="#dau">lên đầu</a> <a href="khong-co.html">báo cáo hỏng</a>
</main></body></html>
"""

CLEAN_PAGE = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tốt</title><style>body{{margin:0 1em}} .scroll{{overflow-x:auto}} img{{max-width:100%}}</style></head>
<body><main>
<h1 id="dau">Báo cáo thử</h1>
<p>Đoạn văn vừa khung.</p>
<div class="scroll"><table><tr><td style="min-width:1500px">Bảng rộng cuộn trong khung của nó</td></tr></table></div>
<img src="{GIF}" alt="Biểu đồ các tiêu chí của xã" width="800">
<svg role="img" width="20" height="20"><title>Biểu đồ cột</title><rect width="20" height="20"/></svg>
<a href="#dau">lên đầu</a> <a href="khac.html#muc-2">trang khác</a> <a href="https://example.org/">ngoài</a>
</main></body></html>
"""


def test_alt_rule():
    assert browser.alt_problem("Biểu đồ các tiêu chí", "vi") is None
    assert browser.alt_problem("Criteria chart", "en") is None
    assert "not Vietnamese" in browser.alt_problem("Criteria chart", "vi")
    assert browser.alt_problem(browser.NBCONVERT_ALT, "en") == "nbconvert's placeholder alt"
    assert browser.alt_problem(" ", "vi") == 'alt=""'
    assert browser.alt_problem(None, "vi") == "no alt attribute"


@widths
def test_checks_report_exactly_the_known_problems(tmp_path, width, chromium):
    page = tmp_path / "hong.html"
    page.write_text(BAD_PAGE, encoding="utf-8")
    f = browser.page_facts(page, width, chromium)
    assert f["innerWidth"] == width

    [overflow] = browser.overflow_problems(f)
    assert f"in a {width}px viewport; 1 element(s) reach past" in overflow
    assert 'div.too-wide (under "Báo cáo thử") "Bảng quá rộng"' in overflow
    assert re.search(r"right edge 15\d\dpx \(box width 1500px\)", overflow)

    assert browser.pre_problems(f) == ['<pre> in main: pre.output (under "Báo cáo thử") "NTM: 14/19 tiêu chí"']
    assert browser.media_problems(f, "vi") == [
        '<img src=data:image/gif;base64,…>: no alt attribute: img.figure (under "Báo cáo thử")',
        '<svg> without role="img" and aria-label or <title>: svg.chart (under "Báo cáo thử")']
    assert browser.lang_problems(f, "vi") == ['<html lang="en">; expected lang="vi"']
    problems, external = browser.link_problems(f, root=tmp_path)
    assert problems == [(f'<a href="khong-co.html">: no file khong-co.html in {tmp_path}: '
                         'a (under "Báo cáo thử") "báo cáo hỏng"')]
    assert external == []


def test_clean_page_passes(tmp_path, chromium):
    page = tmp_path / "tot.html"
    page.write_text(CLEAN_PAGE, encoding="utf-8")
    (tmp_path / "khac.html").write_text('<!DOCTYPE html><html lang="vi"><h2 id="muc-2">Mục 2</h2></html>',
                                        encoding="utf-8")
    for width in WIDTHS:
        f = browser.page_facts(page, width, chromium)
        assert f["innerWidth"] == width
        assert browser.overflow_problems(f) == []
        assert browser.pre_problems(f) == []
        assert browser.media_problems(f, "vi") == []
        assert browser.lang_problems(f, "vi") == []
        assert browser.link_problems(f, root=tmp_path) == ([], ["https://example.org/"])
        # a missing anchor in an existing file is caught too
        f["links"].append(dict(f["links"][1], href="khac.html#muc-9"))
        assert browser.link_problems(f, root=tmp_path)[0] == [
            '<a href="khac.html#muc-9">: no element with id "muc-9" in khac.html: a (under "Báo cáo thử") "trang khác"']

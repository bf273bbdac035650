"""The examples of README.md and docs/*.md are what the commands really print.

An indented block whose first line is `$ ntm ...` is run through click's CliRunner, and
every line it shows must be in the real output, in the order shown: a line `...` marks a
cut, the lines between two cuts follow each other in the output, and `…` inside a line
stands for text left out. The `>>>` examples of each page are run with doctest. Every
relative link must point at a file that exists.
"""
from __future__ import annotations

import doctest
import hashlib
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ntmlib.cli import main

from tests.helpers.paths import ROOT, TINY

DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]

# Commands shown but not run here, because they take long.
SKIP = {
    "ntm reports": "renders every report of a dataset: tens of seconds for the sample, minutes for a province",
    "ntm synthetic": "writes the 10,000-commune national dataset (a province of 2026 is run)",
}

# Pages of docs/ whose examples are not command output checked here (docs/README.md is the
# index and docs/architecture.md describes the code; neither needs one).
NO_CHECKED_OUTPUT = {
    "python-api.md": "Python calls, no command output",
    "performance.md": "measured figures: ntm synthetic, a province batch and the benchmarks take minutes",
    "print.md": "printing needs Chromium and takes seconds a page: tests/run/test_pdf.py prints and checks",
}

# Relative links allowed to point at a missing file: none.
MISSING_LINK_TARGETS: set[str] = set()


# --------------------------------------------------------------------------- inputs the pages describe


def _broken_groups(tmp: Path) -> Path:
    """data/examples/nhom-xa-2026 with groups '4', 'nhóm A' and none for communes 26003–26005."""
    d = tmp / "broken-groups"
    shutil.copytree(ROOT / "data" / "examples" / "nhom-xa-2026", d)
    groups = {"26003": "4", "26004": "nhóm A", "26005": ""}
    lines = (d / "communes.csv").read_text(encoding="utf-8").splitlines()
    out = [lines[0]] + [line.rsplit(",", 1)[0] + "," + groups[line.split(",")[0]]
                        if line.split(",")[0] in groups else line for line in lines[1:]]
    (d / "communes.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    return d


def _broken_wide(tmp: Path) -> Path:
    """tests/data/tiny with data/examples/wide.xlsx as observations, four cells of '2023 NTM' spoiled."""
    import openpyxl

    d = tmp / "broken"
    shutil.copytree(TINY, d)
    (d / "observations.csv").unlink()
    wb = openpyxl.load_workbook(ROOT / "data" / "examples" / "wide.xlsx")
    ws = wb["2023 NTM"]
    ws["H6"], ws["H8"] = "Xã Đông Hải", 95
    ws["E8"], ws["F15"], ws["A16"] = "nhiều", "120%", "3.22"
    wb.save(d / "observations.xlsx")
    return d


def _bad_province_set(tmp: Path) -> Path:
    """The tinh-mau set overriding '5.9' instead of '5.2', and group 4 instead of 3 for 8.1."""
    src = ROOT / "data" / "examples" / "tinh-mau" / "frameworks" / "tinh-mau-2026-ntm.yaml"
    text = src.read_text(encoding="utf-8")
    bad = text.replace('  "5.2":\n', '  "5.9":\n').replace("{by_group: {1: 100, 2: 97, 3: 92}}",
                                                          "{by_group: {1: 100, 2: 97, 4: 92}}")
    assert bad.count("5.9") == 1 and "4: 92" in bad
    path = tmp / "tinh-mau-2026-ntm.yaml"
    path.write_text(bad, encoding="utf-8")
    return path


def _tiny_no_district(tmp: Path) -> Path:
    """tests/data/tiny with commune C's district left empty."""
    d = tmp / "tiny-no-district"
    shutil.copytree(TINY, d)
    communes = d / "communes.csv"
    text = communes.read_text(encoding="utf-8")
    assert "\nC,Cao,Thử," in text
    communes.write_text(text.replace("\nC,Cao,Thử,", "\nC,Cao,,"), encoding="utf-8")
    return d


DECISION_EXAMPLE = "12/2024/QĐ-UBND ngày 15/3/2024"  # docs/province-office.md: an illustrative decision


def _edited_set_workbook(tmp: Path) -> Path:
    """hanam-2022-ntm exported to Excel, then corrected as docs/province-office.md shows (illustrative
    values): 9.2 raised to 92 for DBSH, and an income threshold typed in for DBSH 2024."""
    import openpyxl

    from ntmlib.criteria.criteria_set import load_set
    from ntmlib.office.criteria_workbook import export_set

    path = tmp / "bo-tieu-chi-da-sua.xlsx"
    export_set(load_set("hanam-2022-ntm"), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Chỉ tiêu"]
    col = {c.value: c.column for c in ws[3]}
    row = {ws.cell(r, 2).value: r for r in range(4, ws.max_row + 1)}
    ws.cell(row["9.2"], col["DBSH"]).value = 92
    ws.cell(row["10"], col["DBSH 2024"]).value = 66
    wb.save(path)
    return path


def _spoiled_set_workbook(tmp: Path) -> Path:
    """hanam-2022-ntm exported to Excel, with a word where 2.2's DBSH threshold should be."""
    import openpyxl

    from ntmlib.criteria.criteria_set import load_set
    from ntmlib.office.criteria_workbook import export_set

    path = tmp / "bo-tieu-chi-sai.xlsx"
    export_set(load_set("hanam-2022-ntm"), path)
    wb = openpyxl.load_workbook(path)
    wb["Chỉ tiêu"]["H7"] = "một trăm"
    assert wb["Chỉ tiêu"]["B7"].value == "2.2" and wb["Chỉ tiêu"]["H3"].value == "DBSH"
    wb.save(path)
    return path


def _dataset_with_province_set(tmp: Path) -> Path:
    """data/ly-nhan with frameworks/hanam-2024-ntm.yaml imported from the corrected workbook, named in
    dataset.yaml in place of hanam-2022-ntm, the NTM values of observations.csv written for it."""
    from ntmlib.office.criteria_import import import_set

    d = tmp / "ly-nhan-tinh-2024"
    shutil.copytree(ROOT / "data" / "ly-nhan", d)
    import_set(_edited_set_workbook(tmp), "hanam-2024-ntm", d / "frameworks" / "hanam-2024-ntm.yaml",
               extends="vn-2021-ntm", decision=DECISION_EXAMPLE)
    for name in ("dataset.yaml", "observations.csv"):
        path = d / name
        path.write_text(path.read_text(encoding="utf-8").replace("hanam-2022-ntm", "hanam-2024-ntm"), encoding="utf-8")
    return d


def _modern_set_workbook(tmp: Path) -> Path:
    """vn-2026-ntm exported to Excel, made a province's draft "hiện đại" set as docs/province-office.md
    shows (illustrative): its name and issuer, and 5.2 (health insurance) raised from 90 to 95."""
    import openpyxl

    from ntmlib.office.criteria_workbook import export_set

    path = tmp / "bo-tieu-chi-hien-dai.xlsx"
    export_set("vn-2026-ntm", path)
    wb = openpyxl.load_workbook(path)
    info = wb["Thông tin"]
    assert (info["A3"].value, info["A6"].value) == ("Tên bộ tiêu chí", "Cơ quan ban hành")
    info["B3"] = "Bộ tiêu chí xã nông thôn mới hiện đại tỉnh Ninh Bình (dự thảo)"
    info["B6"] = "UBND tỉnh Ninh Bình"
    ws = wb["Chỉ tiêu"]
    col = {c.value: c.column for c in ws[3]}
    row = {ws.cell(r, 2).value: r for r in range(4, ws.max_row + 1)}
    assert ws.cell(row["5.2"], col["Mọi xã"]).value == 90
    ws.cell(row["5.2"], col["Mọi xã"]).value = 95
    wb.save(path)
    return path


def _dataset_with_modern_set(tmp: Path) -> Path:
    """data/ly-nhan with frameworks/ninhbinh-2026-hien-dai.yaml imported from that workbook (--tier
    hien-dai, --provisional) and named in dataset.yaml for 2026 beside vn-2026-ntm."""
    from ntmlib.office.criteria_import import import_set

    d = tmp / "ly-nhan-hien-dai"
    shutil.copytree(ROOT / "data" / "ly-nhan", d)
    import_set(_modern_set_workbook(tmp), "ninhbinh-2026-hien-dai", d / "frameworks" / "ninhbinh-2026-hien-dai.yaml",
               provisional=True, tier="hien-dai")
    meta = d / "dataset.yaml"
    text = meta.read_text(encoding="utf-8")
    assert "sets: [vn-2026-ntm]" in text
    meta.write_text(text.replace("sets: [vn-2026-ntm]", "sets: [vn-2026-ntm, ninhbinh-2026-hien-dai]"),
                    encoding="utf-8")
    return d


def _dataset_from_entry_workbook(tmp: Path) -> Path:
    """data/ly-nhan whose observations are the data-entry workbook of 2023 for three communes, filled
    in with their values of observations.csv (tests/office/test_data_entry.py fills it the same way)."""
    from ntmlib.dataset.loading import load_dataset
    from ntmlib.office.data_entry import write_template
    from ntmlib.scoring.engine import score

    from tests.helpers.entry import SOME, fill_entry_workbook

    src = load_dataset(ROOT / "data" / "ly-nhan")
    d = tmp / "ly-nhan-nhap-lieu"
    shutil.copytree(ROOT / "data" / "ly-nhan", d)
    (d / "observations.csv").unlink()
    write_template(src, 2023, d / "observations.xlsx", SOME)
    fill_entry_workbook(d / "observations.xlsx", src, score(src.restrict(SOME), year=2023))
    return d


def _ly_nhan_2024(tmp: Path) -> Path:
    """data/ly-nhan with its 2023 observations entered again for 2024, a year the sets have no income threshold for."""
    from tests.helpers.paths import sample_again_in_2024

    return sample_again_in_2024(tmp / "ly-nhan-2024")


def _renamed_sample(tmp: Path) -> Path:
    """data/ly-nhan with Hợp Lý written 'Hợp Ly' and Hòa Hậu's code 13630 written 13633 everywhere."""
    d = tmp / "ly-nhan-renamed"
    shutil.copytree(ROOT / "data" / "ly-nhan", d)
    for name in ("communes.csv", "observations.csv", "recognitions.csv", "crosswalk.csv"):
        p = d / name
        text = p.read_text(encoding="utf-8").replace("13630,", "13633,")
        p.write_text(text.replace("13567,Hợp Lý,Lý Nhân", "13567,Hợp Ly,Lý Nhân"), encoding="utf-8")
    return d


# names the pages use for these inputs -> how to make them
PREPARED = {
    "bo-tieu-chi-da-sua.xlsx": _edited_set_workbook,
    "bo-tieu-chi-sai.xlsx": _spoiled_set_workbook,
    "ly-nhan-tinh-2024/": _dataset_with_province_set,
    "ly-nhan-nhap-lieu/": _dataset_from_entry_workbook,
    "bo-tieu-chi-hien-dai.xlsx": _modern_set_workbook,
    "ly-nhan-hien-dai/": _dataset_with_modern_set,
    "ly-nhan-2024/": _ly_nhan_2024,
    "ly-nhan-renamed/": _renamed_sample,
    "broken-groups/": _broken_groups,
    "broken/": _broken_wide,
    "tinh-mau-2026-ntm.yaml": _bad_province_set,
    "tiny-no-district": _tiny_no_district,
}


# --------------------------------------------------------------------------- reading the pages


def command_blocks(text: str) -> list[tuple[str, list[str]]]:
    """(command, lines shown) of every indented block starting with `$ ntm`."""
    lines = text.splitlines()
    blocks, i = [], 0
    while i < len(lines):
        m = re.match(r"^( {4,})\$ (ntm .*)$", lines[i])
        i += 1
        if not m:
            continue
        indent, shown = m.group(1), []
        while i < len(lines) and not lines[i].lstrip().startswith("$ "):
            if lines[i].startswith(indent):
                shown.append(lines[i][len(indent):].rstrip())
            elif lines[i].strip():
                break
            else:  # a blank line inside the block, or its end
                nxt = next((x for x in lines[i + 1:] if x.strip()), "")
                if not nxt.startswith(indent) or nxt.lstrip().startswith("$ "):
                    break
                shown.append("")
            i += 1
        blocks.append((m.group(2), shown))
    return blocks


def _skip_reason(command: str) -> str | None:
    if command.startswith("ntm synthetic ") and "--year 2026" in command and "--national" not in command:
        return None  # a province of 2026: a few seconds
    return next((why for prefix, why in SKIP.items() if command == prefix or command.startswith(prefix + " ")),
                None)


def _examples():
    """One case per command: a command several pages show (`ntm validate data/ly-nhan`, the same
    roadmap in README.md and analyses.md) is run once and its output checked against each of them."""
    shows: dict[str, list[tuple[str, list[str]]]] = {}
    for page in PAGES:
        for n, (command, shown) in enumerate(command_blocks(page.read_text(encoding="utf-8"))):
            shows.setdefault(command, []).append((f"{page.relative_to(ROOT)}:{n}", shown))
    for command, where in shows.items():
        marks = [pytest.mark.skip(reason=_skip_reason(command))] if _skip_reason(command) else []
        yield pytest.param(command, where, id=f"{where[0][0]}:{command}", marks=marks)


def _segments(shown: list[str]) -> list[list[str]]:
    """The shown lines between `...` cuts, without blank lines at either end."""
    segments, current = [], []
    for line in shown + ["..."]:
        if line.strip() == "...":
            while current and not current[0].strip():
                current.pop(0)
            while current and not current[-1].strip():
                current.pop()
            if current:
                segments.append(current)
            current = []
        else:
            current.append(line)
    return segments


def _same(shown: str, real: str) -> bool:
    if "…" in shown:
        return re.fullmatch(".*".join(re.escape(part) for part in shown.split("…")), real) is not None
    return shown == real


def _find(segment: list[str], output: list[str], start: int) -> int:
    """Index just past the first run of `output` from `start` matching `segment`, or -1."""
    for i in range(start, len(output) - len(segment) + 1):
        if all(_same(s, output[i + k]) for k, s in enumerate(segment)):
            return i + len(segment)
    return -1


# --------------------------------------------------------------------------- the tests


def _digest(path: Path) -> dict[str, bytes]:
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    return {str(f.relative_to(path.parent)): hashlib.sha256(f.read_bytes()).digest() for f in files if f.is_file()}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """The inputs the pages describe (PREPARED), each made once for the module, in a folder of its own;
    at the end, each must be as it was made (no example may change an input another one reads)."""
    root = tmp_path_factory.mktemp("prepared")
    made: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in made:
            d = root / f"{len(made):02d}"
            d.mkdir()
            made[name] = PREPARED[name](d)
            digests[name] = _digest(made[name])
        return made[name]

    digests: dict[str, dict] = {}
    yield get
    changed = [name for name, path in made.items() if _digest(path) != digests[name]]
    assert not changed, f"an example changed the inputs {changed}"


@pytest.mark.slow
@pytest.mark.parametrize("command, where", list(_examples()))
def test_command_output_is_as_shown(command, where, prepared, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the pages' paths are relative to the project folder
    args = shlex.split(command)[1:]
    if args[0] in ("notebooks", "synthetic"):  # write the folder they are given: into the test's own folder
        monkeypatch.chdir(tmp_path)
    for k, arg in enumerate(args):
        if arg in PREPARED:
            args[k] = str(prepared(arg))
        elif k and args[k - 1] == "--out":
            args[k] = str(tmp_path / arg)
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    output = [line.rstrip() for line in result.output.splitlines()]
    for page, shown in where:
        at = 0
        for segment in _segments(shown):
            found = _find(segment, output, at)
            assert found >= 0, (f"{page}: not in the output of `" + command + "` (in this order):\n"
                                + "\n".join(segment) + "\n\nreal output:\n" + result.output)
            at = found


@pytest.mark.slow
@pytest.mark.parametrize("page", [p for p in PAGES if ">>> " in p.read_text(encoding="utf-8")],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_python_examples_run_as_shown(page, prepared, monkeypatch):
    monkeypatch.chdir(ROOT)
    text = page.read_text(encoding="utf-8")
    for name in PREPARED:
        if f'"{name}"' in text:
            text = text.replace(f'"{name}"', repr(str(prepared(name))))
    test = doctest.DocTestParser().get_doctest(text, {}, page.name, str(page), 0)
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


def test_every_docs_page_has_a_checked_example():
    unchecked = []
    for page in sorted(DOCS.glob("*.md")):
        if page.name in ("README.md", "architecture.md"):
            continue
        run = [c for c, _ in command_blocks(page.read_text(encoding="utf-8")) if not _skip_reason(c)]
        if page.name in NO_CHECKED_OUTPUT:
            assert not run, f"{page.name} has checked examples now: take it off NO_CHECKED_OUTPUT"
        elif not run:
            unchecked.append(page.name)
    assert not unchecked, f"pages without a checked `$ ntm` example: {unchecked}"
    assert all((DOCS / name).exists() for name in NO_CHECKED_OUTPUT)


def test_relative_links_point_at_files():
    broken = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            rel = path.relative_to(ROOT.resolve()).as_posix() if path.is_relative_to(ROOT.resolve()) else str(path)
            if not path.exists() and rel not in MISSING_LINK_TARGETS:
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert not broken, broken


def test_readme_is_short_and_links_every_docs_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    for page in DOCS.glob("*.md"):
        if page.name != "README.md":
            assert f"(docs/{page.name})" in readme and f"({page.name})" in index, page.name

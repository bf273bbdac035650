"""Nothing the project ships refers to a file outside it: no `../shared` notes, no relative path
that leaves the repository, no folder of the machine it was written on. A user has only the
project; a source or a page that names another file is a reference nobody can follow, and the
criteria-set workbook prints the sets' sources and file to the province office."""
from __future__ import annotations

import os
import re
from pathlib import Path

import openpyxl
import pytest

from ntmlib.criteria.criteria_set import load_set
from ntmlib.office.criteria_workbook import export_set

from tests.helpers.paths import ROOT

SCANNED = [ROOT / "ntmlib", ROOT / "docs", ROOT / "README.md", ROOT / "data"]
SKIPPED_DIRS = {"__pycache__", ".ipynb_checkpoints"}

# Folders of a machine: /work/..., /home/..., /Users/..., /root/..., /mnt/..., C:\Users\...
MACHINE = re.compile(r"(?<![\w.])/(?:work|home|Users|root|mnt)/|\b[A-Za-z]:\\(?:Users|work)\b")
RELATIVE = re.compile(r"(?<![\w./-])((?:\.\./)+[\w.@-][\w.@/-]*)")
# An absolute path in a cell: a word that starts with "/" and goes on with a folder.
ABSOLUTE_IN_CELL = re.compile(r"(?:^|[\s'\"(\[])/[\w.-]+/|\b[A-Za-z]:\\")


def _text_files():
    for top in SCANNED:
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        for p in files:
            if SKIPPED_DIRS & set(p.relative_to(ROOT).parts):
                continue
            try:
                yield p, p.read_text(encoding="utf-8")
            except UnicodeDecodeError:  # workbooks, Parquet, images: not text
                continue


def outside_references(path: Path, text: str) -> list[str]:
    """The references to something outside the project in `text` (the file `path`)."""
    found = []
    for n, line in enumerate(text.splitlines(), start=1):
        where = f"{path.relative_to(ROOT)}:{n}"
        if "../shared" in line:
            found.append(f"{where}: ../shared")
        found += [f"{where}: {m.group(0)}" for m in MACHINE.finditer(line)]
        if str(ROOT) in line:
            found.append(f"{where}: {ROOT}")
        for m in RELATIVE.finditer(line):
            target = Path(os.path.normpath(path.parent / m.group(1)))  # not resolve(): .venv/bin/python is a link
            if not target.is_relative_to(ROOT):
                found.append(f"{where}: {m.group(1)} (leaves the repository)")
    return found


def test_the_checker_finds_each_kind_of_outside_reference(tmp_path):
    page = ROOT / "docs" / "page.md"  # not written: only its place matters
    assert outside_references(page, "theo bản rà soát ../shared/domain/thresholds-sourced.md, dòng 9")
    assert outside_references(page, "xem [ghi chú](../../notes/x.md)")  # docs/../../ is above the project
    assert outside_references(page, "tệp /work/main/ntmlib/criteria/sets/vn-2021-ntm.yaml")
    assert outside_references(page, "home: /home/anh/ntm and C:\\Users\\anh\\ntm")
    assert outside_references(page, f"made in {ROOT}/data")
    assert not outside_references(page, "[bộ tiêu chí](../ntmlib/criteria/sets/README.md), QĐ 318/QĐ-TTg")
    assert not outside_references(page, "ntm synthetic /tmp/ntm-national; m.baomoi.com/tieu-chi/c/44061754.epi")


def test_no_file_of_the_package_docs_or_data_refers_outside_the_project():
    files = list(_text_files())
    assert any(p.suffix == ".yaml" and "criteria" in p.parts for p, _ in files)  # the sets are read
    found = [ref for p, text in files for ref in outside_references(p, text)]
    assert not found, "\n".join(found)


def _cells(path: Path) -> dict[str, list[str]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
            for ws in wb.worksheets}


@pytest.mark.parametrize("ref", [
    "hanam-2022-nang-cao", ROOT / "data" / "examples" / "tinh-mau" / "frameworks" / "tinh-mau-2026-ntm.yaml"])
def test_the_exported_workbook_names_no_path_of_the_machine(ref, tmp_path):
    out = tmp_path / "bo.xlsx"
    export_set(load_set(ref), out)
    cells = _cells(out)
    assert not any(v.endswith((".yaml", ".yml")) or "ntmlib)" in v for v in cells["Thông tin"])  # not even its name
    bad = [(sheet, v) for sheet, values in cells.items() for v in values
           if ABSOLUTE_IN_CELL.search(v) or "../" in v or str(ROOT) in v or str(tmp_path) in v]
    assert not bad, bad
    sources = cells["Chỉ tiêu"]
    assert any("QĐ 318/QĐ-TTg ngày 08/3/2022" in v or "QĐ 51/2025/QĐ-TTg ngày 29/12/2025" in v for v in sources)


def test_the_sources_that_rest_on_a_public_page_give_its_address():
    nc = {i.code: i.source for i in load_set("vn-2021-nang-cao").indicators}
    assert "thongkethaibinh.gov.vn/Tin-tuc/" in nc["10"] and "64 triệu đồng/người" in nc["10"]
    assert "vietnamnet.vn/gan-94-dan-so-vinh-phuc" in nc["14.1"] and "từ 95% trở lên" in nc["14.1"]
    assert "m.baomoi.com/" in nc["18.1"] and "từ 55%" in nc["18.1"]
    ntm = {i.code: i.source for i in load_set("vn-2021-ntm").indicators}
    assert "tieu-chi-nong-thon-moi-cap-xa.jpg" in ntm["15.3"] and "≥16.5%" in ntm["15.3"]
    assert "chưa tìm thấy văn bản công khai" in ntm["10"]  # no public source: said plainly
    km = {i.code: i.source for i in load_set("vn-2021-kieu-mau").indicators}
    assert all("QĐ 319/QĐ-TTg ngày 08/3/2022" in km[c] and "dantocphattrien.vietnamnet.vn/" in km[c]
               for c in ("K2", "K3", "K4"))

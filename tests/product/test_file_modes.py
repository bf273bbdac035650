"""Files written atomically (reports, workbooks, the manifest, the index, the score cache) get the
permissions the umask gives, as any file the user writes — not the temporary file's private 0600,
which would hide the reports from the office's web server."""
from __future__ import annotations

import os
import stat

import nbformat
import pytest

import ntmlib
from ntmlib.office.data_entry import write_template
from ntmlib.office.score_workbook import write_score_workbook
from ntmlib.run import batch
from ntmlib.run.export import write_html, write_notebook
from ntmlib.scoring.cache import write_scorecard

from tests.helpers.paths import TINY


@pytest.fixture
def umask():
    """Set the process's umask for the test, then put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask)
    os.umask(old)


def written(out, tiny_card) -> list:
    """Write one file of each kind atomically into `out`; return their paths."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Xã Cao")])
    write_html(nb, out / "2023" / "xa-cao-c.html", title="Cao")
    write_notebook(nb, out / "2023" / "xa-cao-c.ipynb")
    write_template(ntmlib.load_dataset(TINY), 2023, out / "nhap-lieu.xlsx", ["A"])
    write_score_workbook(tiny_card, out / "diem.xlsx")
    write_scorecard(tiny_card, out / "diem.pkl")
    batch.run_batch(TINY, years=[2023], out=out, jobs=1, progress=False, kinds=())  # manifest and index
    return [out / p for p in ("2023/xa-cao-c.html", "2023/xa-cao-c.ipynb", "nhap-lieu.xlsx", "diem.xlsx",
                              "diem.pkl", "manifest.json", "index.html")]


def test_atomic_files_get_the_permissions_of_the_umask(umask, tmp_path, tiny_card):
    umask(0o027)  # group may read, others nothing: neither the temporary file's 0600 nor a fixed 0644
    files = written(tmp_path / "out", tiny_card)
    assert {f.name: oct(stat.S_IMODE(f.stat().st_mode)) for f in files} == {f.name: "0o640" for f in files}
    assert not list((tmp_path / "out").rglob(".*.tmp"))
    umask(0o002)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Xã An")])
    write_html(nb, tmp_path / "an.html")
    assert oct(stat.S_IMODE((tmp_path / "an.html").stat().st_mode)) == "0o664"

"""Nothing lost, nothing injected: output folders that cannot be written, names too long for a
file system, text that a spreadsheet would run, a district report on valid data, and a fault
injected at each step of one report of a batch."""
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import ntmlib
from ntmlib.base.outputs import NAME_LIMIT, csv_safe, slug
from ntmlib.cli import main
from ntmlib.errors import NotebookError, OutputError, Problem
from ntmlib.present.views import district_report
from ntmlib.run import batch, export, runner

from tests.helpers.paths import ROOT, TINY

LY_NHAN = ROOT / "data" / "ly-nhan"
NTM = Path(sys.executable).parent / "ntm"
FORMULA = '=HYPERLINK("http://x","y")'


def tiny_copy(tmp_path: Path, rename: dict[str, str] | None = None) -> Path:
    d = tmp_path / "tiny"
    shutil.copytree(TINY, d)
    if rename:
        c = pd.read_csv(d / "communes.csv", dtype=str, keep_default_na=False)
        c["commune"] = [rename.get(i, n) for i, n in zip(c["commune_id"], c["commune"])]
        c.to_csv(d / "communes.csv", index=False)
    return d


def without_write_permission(*args) -> subprocess.CompletedProcess:
    """Run the ntm command as a user who cannot write where the folder's mode forbids it (as root:
    without the capability that overrides file permissions)."""
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, str(NTM), *map(str, args)], capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="needs setpriv to drop root's override")
@pytest.mark.slow
@pytest.mark.parametrize("where", ["ro", "ro/new"])
def test_read_only_output_folder_is_one_line_before_any_work(tmp_path, where):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        res = without_write_permission("reports", TINY, "--year", "2023", "--out", tmp_path / where, "--jobs", "2")
        assert res.returncode == 2
        assert res.stderr.strip().splitlines() == [
            f"Lỗi: {tmp_path / where}: không ghi được vào thư mục kết quả: không có quyền ghi"]
        assert "Traceback" not in res.stdout + res.stderr and list(ro.iterdir()) == []
        res = without_write_permission("report", TINY, "--commune", "A", "--year", "2023", "--out",
                                       tmp_path / where / "a.html")
        assert res.returncode == 2 and "Lỗi: " in res.stderr and "không có quyền ghi" in res.stderr
        assert len(res.stderr.strip().splitlines()) == 1
    finally:
        ro.chmod(0o755)


def test_output_folder_that_is_a_file_or_on_a_full_disk(tmp_path, monkeypatch):
    afile = tmp_path / "a-file"
    afile.write_text("x")
    res = CliRunner().invoke(main, ["reports", str(TINY), "--year", "2023", "--out", str(afile)])
    assert res.exit_code == 2
    assert res.output.strip() == f"Lỗi: {afile}: thư mục kết quả là một tệp, không phải thư mục"
    res = CliRunner().invoke(main, ["report", str(TINY), "--commune", "A", "--year", "2023", "--out", str(tmp_path)])
    assert res.exit_code == 2 and res.output.strip() == (
        f"Lỗi: {tmp_path}: là một thư mục: ghi tên tệp HTML, ví dụ bao-cao.html")

    def full(fd, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("ntmlib.base.outputs.os.fdopen", full)
    res = CliRunner().invoke(main, ["bulletin", str(LY_NHAN), "--year", "2023", "--out", str(tmp_path / "b.md")])
    assert res.exit_code == 2
    assert res.output.strip() == f"Lỗi: {tmp_path / 'b.md'}: không ghi được tệp: ổ đĩa đầy"
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]  # no half-written file, no leftover


def test_file_names_from_data_are_short_safe_and_distinct():
    long_a, long_b = "Trường Đại " * 30 + "A", "Trường Đại " * 30 + "B"
    a, b = slug(long_a), slug(long_b)
    assert len(a) <= NAME_LIMIT and len(b) <= NAME_LIMIT and a != b
    assert a.startswith("truong-dai-truong-dai") and a.isascii()
    for hostile in ("../../etc/passwd", "/", ".", "..", "", "   ", "\x00", "Xã/Phường\\"):
        s = slug(hostile)
        assert s and "/" not in s and "\\" not in s and s not in (".", "..") and s.isascii()
    assert slug("Nhân Bình") == "nhan-binh"


@pytest.mark.slow
def test_a_300_character_commune_name_does_not_stop_the_batch(tmp_path):
    name = "Xã Trường Đại " * 21 + "Cuối"  # 298 characters, more than a file name may have
    d = tiny_copy(tmp_path, {"B": name})
    out = tmp_path / "out"
    res = batch.run_batch(d, years=[2023], out=out, jobs=1, progress=False, formats=("html", "ipynb"))
    assert res.ok and res.executed == 5
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    long_run = next(r for r in manifest["runs"] if r["target"] == "B")
    html_name = Path(long_run["outputs"][0]).name
    assert len(Path(html_name).stem) <= NAME_LIMIT + 10 and (out / long_run["outputs"][0]).exists()
    assert len(manifest["runs"]) == 5 and name in (out / "index.html").read_text(encoding="utf-8")


def test_text_that_a_spreadsheet_would_run_is_written_as_text(tmp_path):
    d = tiny_copy(tmp_path, {"A": FORMULA, "B": "+cmd|' /C calc'!A0", "C": "@SUM(1+1)*cmd"})
    xlsx = tmp_path / "s.xlsx"
    res = CliRunner().invoke(main, ["score", str(d), "--year", "2023", "--format", "xlsx", "--out", str(xlsx)])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(xlsx)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula anywhere
    texts = {c.value for c in cells}
    assert {FORMULA, "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd"} <= texts  # shown as written
    res = CliRunner().invoke(main, ["score", str(d), "--year", "2023", "--format", "csv"])
    rows = pd.read_csv(io.StringIO(res.output), dtype=str)
    assert set(rows["commune"]) == {"'" + FORMULA, "'+cmd|' /C calc'!A0", "'@SUM(1+1)*cmd"}
    df = pd.DataFrame({"text": ["-1", "=1+1", "\tx", "ok", None], "number": [-1.5, 2, 3, 4, 5]})
    safe = csv_safe(df)
    assert list(safe["text"])[:4] == ["'-1", "'=1+1", "'\tx", "ok"] and list(safe["number"]) == [-1.5, 2, 3, 4, 5]


def test_district_report_of_valid_data_with_a_commune_moved_to_another_district(tmp_path):
    d = tmp_path / "ly-nhan"
    shutil.copytree(LY_NHAN, d)
    c = pd.read_csv(d / "communes.csv", dtype=str, keep_default_na=False)
    registered = pd.read_csv(d / "registrations.csv", dtype=str)["commune_id"].iloc[0]
    c.loc[c["commune_id"] == registered, "district"] = "Bình Lục"
    c.to_csv(d / "communes.csv", index=False)
    assert list(ntmlib.validate(d)) == []
    other = district_report(d, "Bình Lục", 2023)
    assert list(other.card.communes["commune_id"].unique()) == [registered]
    text = other.bulletin_markdown()
    name = c.set_index("commune_id").at[registered, "commune"]
    assert f"Xã {name}: đạt" in text  # listed under the communes planned for 2024 of its own district
    home = district_report(d, "Lý Nhân", 2023).bulletin_markdown()
    assert f"Xã {name}:" not in home


# --------------------------------------------------------------------------- a fault at each step of one report


def _fault(step: str, monkeypatch) -> None:
    """Make commune B's report fail at `step`; the other reports are untouched."""
    def for_b(original, error):
        def wrapped(*args, **kwargs):
            if any(isinstance(a, dict) and a.get("commune") == "B" for a in args) or "/xa-binh-b." in str(args):
                raise error
            return original(*args, **kwargs)
        return wrapped

    if step == "parameters":
        monkeypatch.setattr(runner, "prepare", for_b(runner.prepare, ValueError("tham số không dùng được")))
    elif step == "execution":
        monkeypatch.setattr(batch, "run_report", for_b(batch.run_report,
                                                       NotebookError("Bình", 2, "ParameterError", "năm: hỏng")))
    elif step == "html":
        original = batch.write_html

        def write_html(nb, path, title="", index_href=""):
            if title == "Bình":
                raise RuntimeError("xuất HTML hỏng")
            return original(nb, path, title, index_href)

        monkeypatch.setattr(batch, "write_html", write_html)
    elif step == "write":
        monkeypatch.setattr(export, "write_bytes_atomic", for_b(export.write_bytes_atomic, OutputError(
            Problem("2023/xa-binh-b.html", "không ghi được tệp: ổ đĩa đầy"))))


@pytest.mark.slow
@pytest.mark.parametrize("step,ename,evalue", [
    ("parameters", "ValueError", "tham số không dùng được"),
    ("execution", "ParameterError", "năm: hỏng"),
    ("html", "RuntimeError", "xuất HTML hỏng"),
    ("write", "OutputError", "2023/xa-binh-b.html: không ghi được tệp: ổ đĩa đầy"),
])
def test_a_fault_in_one_report_is_recorded_and_the_rest_finish(tmp_path, monkeypatch, step, ename, evalue):
    out = tmp_path / "out"
    with monkeypatch.context() as m:
        _fault(step, m)
        res = CliRunner().invoke(main, ["reports", str(TINY), "--year", "2023", "--out", str(out), "--jobs", "1",
                                        "--formats", "html"])
    assert res.exit_code == 1, res.output
    assert "5 báo cáo: 5 đã chạy, 0 đã có sẵn và còn mới, 1 lỗi" in res.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    status = {r["target"]: r["status"] for r in manifest["runs"]}
    assert status == {"A": "ok", "B": "failed", "C": "ok", "Thử": "ok", "Thử nghiệm": "ok"}
    error = next(r for r in manifest["runs"] if r["target"] == "B")["error"]
    assert error["ename"] == ename and evalue in error["evalue"]
    assert "Lỗi: Bình năm 2023" in res.output
    assert not (out / "2023/xa-binh-b.html").exists() and not list(out.rglob("*.tmp"))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count(">mở báo cáo</a>") == 4 and "lỗi:" in index
    # the cause fixed, a rerun completes only what is missing
    again = batch.run_batch(TINY, years=[2023], out=out, jobs=1, progress=False, formats=("html",))
    assert again.ok and (again.executed, again.skipped) == (1, 4)
    assert (out / "2023/xa-binh-b.html").exists()


@pytest.mark.slow
def test_a_kernel_that_dies_is_recorded_and_the_batch_goes_on(tmp_path, monkeypatch):
    nbdir = tmp_path / "nb"
    shutil.copytree(ROOT / "notebooks", nbdir)
    nb = json.loads((nbdir / "commune_report.ipynb").read_text(encoding="utf-8"))
    first = nb["cells"][1]["source"]
    nb["cells"][1]["source"] = ["import os\n", "if commune == 'B':\n", "    os._exit(1)\n"] + (
        first if isinstance(first, list) else [first])
    (nbdir / "commune_report.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.setattr(runner, "NOTEBOOK_DIR", nbdir)
    res = batch.run_batch(TINY, years=[2023], out=tmp_path / "out", jobs=1, progress=False, formats=("html",),
                          kinds=("commune",))
    assert [f["target"] for f in res.failed] == ["B"] and res.failed[0]["error"]["ename"] == "DeadKernelError"
    assert res.executed == 3 and (tmp_path / "out" / "2023/xa-cao-c.html").exists()

"""`ntm report --province`: the name resolved and the year checked before any kernel starts, the
province report's parameters handed to the notebook, and the view they give; the batch plans one
province report per province and year (a district report only in years with districts)."""
import nbformat
from click.testing import CliRunner

from ntmlib import load_dataset
from ntmlib.cli import main
from ntmlib.cli import reports as cli_reports
from ntmlib.present.province_report import province_report
from ntmlib.run import batch

from tests.helpers.paths import LY_NHAN


def test_report_province_runs_the_province_notebook_with_the_resolved_name(tmp_path, monkeypatch):
    asked = []

    def fake_run(kind, params, label, fresh=False):  # the view the notebook calls, without a kernel
        asked.append((kind, params, label))
        p = province_report(params["dataset"], params["province"], params["year"], params["lang"])
        cell = nbformat.v4.new_markdown_cell(f"# {p.province}, {p.year}\n\n{p.lead()}")
        return nbformat.v4.new_notebook(cells=[cell])

    monkeypatch.setattr(cli_reports, "run_report", fake_run)
    out = tmp_path / "tinh.html"
    r = CliRunner().invoke(main, ["report", str(LY_NHAN), "--year", "2026", "--province", "tinh ninh binh",
                                  "--out", str(out)])
    assert r.exit_code == 0, r.output
    [(kind, params, label)] = asked
    assert kind == "province" and params == {"province": "Ninh Bình", "dataset": str(LY_NHAN.resolve()),
                                             "year": 2026, "lang": "vi"}
    assert label == "Tỉnh Ninh Bình năm 2026"
    assert "Toàn tỉnh có 1/7 xã đạt chuẩn nông thôn mới" in out.read_text(encoding="utf-8")


def test_report_province_refuses_before_a_kernel(tmp_path, monkeypatch):
    monkeypatch.setattr(cli_reports, "run_report", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran")))
    r = CliRunner().invoke(main, ["report", str(LY_NHAN), "--year", "2023", "--province", "Ninh Bình",
                                  "--out", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "tỉnh Ninh Bình không có xã nào được chấm năm 2023" in r.output
    r = CliRunner().invoke(main, ["report", str(LY_NHAN), "--year", "2026", "--province", "Ninh Bình",
                                  "--district", "Lý Nhân", "--out", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "cần đúng một trong: --commune, --district, --province" in r.output
    r = CliRunner().invoke(main, ["report", str(LY_NHAN), "--year", "2026", "--province", "Ninh Binhh",
                                  "--out", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "Ninh Bình" in r.output  # the closest name


def test_the_batch_plans_a_province_report_per_province_and_year():
    ds = load_dataset(LY_NHAN)
    runs = batch.plan(ds, [2023, 2026])
    kinds: dict = {}
    for r in runs:
        kinds.setdefault((r.year, r.kind), set()).add(r.target)
    kinds = {k: sorted(v) for k, v in kinds.items()}
    assert kinds[(2023, "province")] == ["Hà Nam"] and kinds[(2023, "district")] == ["Lý Nhân"]
    assert kinds[(2026, "province")] == ["Ninh Bình"] and (2026, "district") not in kinds
    assert len(kinds[(2026, "commune")]) == 7
    ninh = next(r for r in runs if r.kind == "province" and r.year == 2026)
    assert ninh.stem == "2026/tinh-ninh-binh" and ninh.params == {"province": "Ninh Bình", "year": 2026, "lang": "vi"}

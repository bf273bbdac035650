"""`ntm report --whatif` and `ntm reports --whatif`: the district notebook's `whatif` parameter
reaches the run (off by default), and a batch's reports and index are in its --lang language."""
import json

import pytest
from click.testing import CliRunner

from ntmlib.cli import main
from ntmlib.cli import reports as cli_reports
from ntmlib.dataset.loading import load_dataset
from ntmlib.run import batch

from tests.helpers.paths import LY_NHAN, TINY


@pytest.fixture
def ran(monkeypatch):
    """The (kind, parameters) of each report `ntm report` would run; nothing is rendered."""
    calls = []

    def run_report(kind, params, label="", fresh=False):
        calls.append((kind, params))
        return {"cells": []}

    monkeypatch.setattr(cli_reports, "run_report", run_report)
    monkeypatch.setattr(cli_reports, "write_html", lambda nb, path: path.write_text("x", encoding="utf-8"))
    return calls


@pytest.mark.parametrize("flag, expected", [([], False), (["--whatif"], True)])
def test_report_passes_whatif_to_the_district_notebook(ran, tmp_path, flag, expected):
    r = CliRunner().invoke(main, ["report", str(LY_NHAN), "--year", "2023", "--district", "Lý Nhân", *flag,
                                  "--out", str(tmp_path / "h.html")])
    assert r.exit_code == 0, r.output
    assert ran == [("district", {"district": "Lý Nhân", "whatif": expected, "dataset": str(LY_NHAN.resolve()),
                                 "year": 2023, "lang": "vi"})]


def test_whatif_with_a_commune_is_refused_before_any_run(ran, tmp_path):
    r = CliRunner().invoke(main, ["report", str(LY_NHAN), "--year", "2023", "--commune", "Nhân Bình", "--whatif",
                                  "--out", str(tmp_path / "c.html")])
    assert r.exit_code == 2 and ran == []
    assert "--whatif chỉ dùng với --district" in r.output


def test_a_batch_plan_carries_lang_to_every_run_and_whatif_to_the_districts():
    runs = batch.plan(load_dataset(TINY), [2023], lang="en", whatif=True)
    assert {r.params["lang"] for r in runs} == {"en"}
    assert [(r.kind, r.params.get("whatif")) for r in runs] == [("commune", None)] * 3 + [("district", True),
                                                                                   ("province", None)]
    assert all(r.params["whatif"] is False for r in batch.plan(load_dataset(TINY), [2023]) if r.kind == "district")


def test_reports_passes_whatif_and_lang_to_the_batch(monkeypatch, tmp_path):
    seen = {}

    class Done:
        failed, ok, index = [], True, tmp_path / "index.html"

        def summary(self):
            return "xong"

    def run_batch(*args, **kwargs):
        seen.update(kwargs)
        return Done()

    monkeypatch.setattr(cli_reports, "run_batch", run_batch)
    r = CliRunner().invoke(main, ["--lang", "en", "reports", str(TINY), "--out", str(tmp_path), "--whatif"])
    assert r.exit_code == 0, r.output
    assert (seen["lang"], seen["whatif"]) == ("en", True)
    r = CliRunner().invoke(main, ["reports", str(TINY), "--out", str(tmp_path)])
    assert (seen["lang"], seen["whatif"]) == ("vi", False)


@pytest.mark.slow
def test_a_batch_with_whatif_in_english_renders_the_box_and_an_english_index(tmp_path):
    res = batch.run_batch(TINY, years=[2023], communes=["A"], out=tmp_path, jobs=1, progress=False, lang="en",
                          whatif=True)
    assert res.ok
    district = (tmp_path / "2023" / "huyen-thu.html").read_text(encoding="utf-8")
    # the default what-if names a set the tiny dataset does not score: the box says so, in English
    assert 'class="ntm-assumption"' in district and "is not scored here" in district
    commune = (tmp_path / "2023" / "xa-an-a.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in commune and 'class="ntm-assumption"' not in commune
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "New Rural Development reports" in index and "Báo cáo nông thôn mới" not in index
    m = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert {r["parameters"]["lang"] for r in m["runs"]} == {"en"}

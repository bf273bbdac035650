"""ntm reports: parallel runs, failures recorded, resume, skipping, manifest, Dask, hostile names,
and warm-kernel reports identical to reports rendered alone in a fresh kernel."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import ntmlib
from ntmlib.run import batch, runner

from tests.helpers.paths import ROOT, TINY

pytestmark = pytest.mark.slow



def tmp_dataset(tmp_path, name="d"):
    d = tmp_path / name
    shutil.copytree(TINY, d)
    return d


def test_parallel_batch_writes_reports_index_and_manifest(tmp_path):
    out = tmp_path / "out"
    res = batch.run_batch(TINY, years=[2023], out=out, jobs=2, progress=False)
    assert res.ok and (res.planned, res.executed, res.skipped) == (5, 5, 0)  # A, B, C, the district, the province
    for stem in ("2023/xa-an-a", "2023/xa-binh-b", "2023/xa-cao-c", "2023/huyen-thu", "2023/tinh-thu-nghiem"):
        assert (out / f"{stem}.html").stat().st_size > 10_000
        assert (out / f"{stem}.ipynb").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count(">mở báo cáo</a>") == 5 and 'href="2023/xa-cao-c.html"' in index
    assert "NTM: 2/3 tiêu chí, 6/7 chỉ tiêu" in index  # Cao's counts from the same scores
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    cao = next(r for r in m["runs"] if r["stem"] == "2023/xa-cao-c")
    assert cao["status"] == "ok" and cao["parameters"]["commune"] == "C" and cao["parameters"]["year"] == 2023
    assert cao["duration"] > 0 and cao["error"] is None
    assert set(cao["inputs"]) >= {"communes.csv", "observations.csv", "recognitions.csv", "dataset.yaml"}
    assert cao["versions"]["ntmlib"] == ntmlib.__version__ and "papermill" in cao["versions"]
    assert not list(out.rglob("*.tmp"))


def test_up_to_date_runs_are_skipped_and_changed_inputs_rerun(tmp_path):
    d, out = tmp_dataset(tmp_path), tmp_path / "out"
    first = batch.run_batch(d, years=[2023], communes=["A"], out=out, jobs=1, progress=False)
    again = batch.run_batch(d, years=[2023], communes=["A"], out=out, jobs=1, progress=False)
    assert (first.executed, again.executed, again.skipped) == (3, 0, 3)  # A, its district, its province
    forced = batch.run_batch(d, years=[2023], communes=["A"], out=out, jobs=1, progress=False, force=True)
    assert forced.executed == 3
    with open(d / "observations.csv", "a", encoding="utf-8") as f:
        f.write("A,2022,tiny-ntm,1.1,100\n")
    changed = batch.run_batch(d, years=[2023], communes=["A"], out=out, jobs=1, progress=False)
    assert changed.executed == 3


def test_one_failing_run_is_recorded_and_the_batch_goes_on(tmp_path, monkeypatch):
    nbdir = tmp_path / "nb"
    shutil.copytree(ROOT / "notebooks", nbdir)
    nb = json.loads((nbdir / "commune_report.ipynb").read_text(encoding="utf-8"))
    nb["cells"][1]["source"] = ["if commune == 'B':\n", "    raise ValueError('dữ liệu hỏng')\n"] + (
        nb["cells"][1]["source"] if isinstance(nb["cells"][1]["source"], list) else [nb["cells"][1]["source"]])
    (nbdir / "commune_report.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.setattr(runner, "NOTEBOOK_DIR", nbdir)
    out = tmp_path / "out"
    res = batch.run_batch(TINY, years=[2023], out=out, jobs=1, progress=False)
    assert not res.ok and res.executed == 5
    assert [f["target"] for f in res.failed] == ["B"]
    err = res.failed[0]["error"]
    assert err["ename"] == "ValueError" and "dữ liệu hỏng" in err["evalue"] and err["cell"] == 2
    assert not (out / "2023/xa-binh-b.html").exists() and (out / "2023/xa-an-a.html").exists()
    assert "lỗi: dữ liệu hỏng" in (out / "index.html").read_text(encoding="utf-8")


def test_cli_exit_status_and_summary_line(tmp_path):
    from click.testing import CliRunner

    from ntmlib.cli import main

    r = CliRunner().invoke(main, ["reports", str(TINY), "--year", "2023", "--communes", "An", "--out",
                                  str(tmp_path), "--jobs", "1", "--formats", "html"])
    assert r.exit_code == 0, r.output
    assert "3 báo cáo: 3 đã chạy, 0 đã có sẵn và còn mới, 0 lỗi" in r.output
    assert sorted(p.name for p in (tmp_path / "2023").iterdir()) == ["huyen-thu.html", "tinh-thu-nghiem.html",
                                                                 "xa-an-a.html"]


def test_resume_after_killed_batch(tmp_path):
    out = tmp_path / "out"
    cmd = [str(Path(sys.executable).parent / "ntm"), "reports", str(TINY), "--out", str(out), "--jobs", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    manifest = out / "manifest.json"
    deadline = time.time() + 120
    while time.time() < deadline:
        if manifest.exists() and len(json.loads(manifest.read_text(encoding="utf-8"))["runs"]) >= 2:
            break
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)  # the batch and its kernel, mid-run
    proc.wait()
    done = {r["stem"] for r in json.loads(manifest.read_text(encoding="utf-8"))["runs"] if r["status"] == "ok"}
    assert 2 <= len(done) < 10
    res = batch.run_batch(TINY, out=out, jobs=1, progress=False)
    assert res.ok and res.planned == 10 and res.executed == 10 - len(done) and res.skipped == len(done)
    assert not list(out.rglob("*.tmp"))
    assert len(list(out.rglob("*.html"))) == 11  # 10 reports and the index


def test_dask_local_cluster(tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        res = batch.run_batch(TINY, years=[2023], communes=["A", "C"], out=tmp_path, scheduler=cl.scheduler_address,
                              progress=False)
    assert res.ok and res.executed == 4  # A, C, their district and province
    assert (tmp_path / "2023/xa-cao-c.html").exists()


def test_hostile_commune_names_give_safe_paths_and_escaped_html(tmp_path):
    d = tmp_dataset(tmp_path)
    text = (d / "communes.csv").read_text(encoding="utf-8")
    text = text.replace("A,An,", 'A,../x,').replace("B,Bình,", "B,<script>alert(1)</script>,").replace(
        "C,Cao,", 'C,"Xã ""Quote"" \'s",')
    (d / "communes.csv").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    res = batch.run_batch(d, years=[2023], out=out, jobs=1, progress=False, formats=("html",))
    assert res.ok, res.failed
    names = sorted(p.name for p in (out / "2023").iterdir())
    assert names == ["huyen-thu.html", "tinh-thu-nghiem.html", "xa-script-alert-1-script-b.html", "xa-x-a.html",
                     "xa-xa-quote-s-c.html"]
    province = (out / "2023" / "tinh-thu-nghiem.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in province and "&lt;script&gt;alert(1)&lt;/script&gt;" in province
    assert not (tmp_path / "x.html").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in index and "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    report = (out / "2023/xa-script-alert-1-script-b.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in report


def _comparable(nb):
    cells = []
    for c in nb.cells:
        outs = []
        for o in c.get("outputs", []):
            o = {k: v for k, v in o.items() if k != "metadata"}
            text = json.dumps(o, sort_keys=True, ensure_ascii=False)
            outs.append(re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} ?[A-Z+0-9]*", "TIME", text))
        cells.append((c.cell_type, c.get("execution_count"), outs))
    return cells


def test_warm_kernel_report_equals_fresh_kernel_report(tmp_path):
    ds = ntmlib.load_dataset(TINY)
    runs = {r.target: r for r in batch.plan(ds, [2023])}
    for r in runs.values():
        r.params["dataset"] = str(TINY.resolve())
    c_run = vars(runs["C"])
    # the warm kernel first renders other reports (which change state), then C
    render = lambda run, fresh=False: runner.run_report(run["kind"], run["params"], fresh=fresh)  # noqa: E731
    render(vars(runs["A"]))
    render(vars(runs["Thử"]))
    warm = render(c_run)
    fresh = render(c_run, fresh=True)
    assert _comparable(warm) == _comparable(fresh)
    assert any("2/3 tiêu chí, 6/7 chỉ tiêu" in json.dumps(c.get("outputs", []), ensure_ascii=False)
               for c in warm.cells)


def test_batch_for_one_province_renders_only_its_reports_with_the_national_scores(tmp_path):
    from click.testing import CliRunner

    from ntmlib.cli import main
    from ntmlib.dataset.synthetic import make_national
    from ntmlib.text import counts_text

    data = make_national(tmp_path / "national", communes=70, seed=3, formats=("parquet",))["parquet"]
    ds = ntmlib.load_dataset(data)
    communes = ds.communes[ds.communes["assessed"]]
    province = "Hà Nam"
    mine = communes[communes["province"] == province]
    assert 1 <= len(mine) <= 3 and len(communes) > 60
    # by name without diacritics or case, like the CLI user would type it
    runs = batch.plan(ds.restrict(ds.area_communes("tỉnh ha nam")), [2025])
    assert sorted(r.target for r in runs if r.kind == "commune") == sorted(mine["commune_id"])
    assert sorted(r.target for r in runs if r.kind == "district") == sorted(set(mine["district"]))

    out = tmp_path / "out"
    res = batch.run_batch(data, years=[2025], out=out, jobs=2, formats=("html",), progress=False,
                          kinds=("commune",), province=province)
    assert res.ok and (res.planned, res.executed) == (len(mine), len(mine))
    assert sorted(p.name for p in (out / "2025").glob("*.html")) == sorted(
        f"xa-{batch.slug(n)}-{i}.html" for n, i in zip(mine["commune"], mine["commune_id"]))
    index = (out / "index.html").read_text(encoding="utf-8")
    national = ntmlib.score(ds, year=2025).communes  # the whole country scored: same counts as the province alone
    for row in national[national["commune_id"].isin(mine["commune_id"]) & (national["tier"] == "ntm")].itertuples():
        assert counts_text(row.criteria_met, row.criteria_total, row.indicators_met, row.indicators_total) in index
    assert index.count(">mở báo cáo</a>") == len(mine)

    bad = CliRunner().invoke(main, ["reports", str(data), "--province", "Hà Nội Mới", "--out", str(out)])
    assert bad.exit_code == 2 and "không có tỉnh 'Hà Nội Mới'" in bad.output


def test_a_year_without_data_stops_the_batch_before_any_report(tmp_path):
    with pytest.raises(ntmlib.DataError) as e:
        batch.run_batch(TINY, years=[2023, 2031], out=tmp_path / "out", jobs=1, progress=False)
    assert [str(p) for p in e.value.problems] == ["năm: không có số liệu năm 2031 (có: 2022, 2023)"]
    assert not (tmp_path / "out" / "manifest.json").exists()


def _without_times(text: str) -> str:
    return re.sub(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)? ?[A-Z+0-9:]*", "TIME", text)


def test_dask_scheduler_and_two_workers_started_as_processes(tmp_path):
    """`dask scheduler` and two `dask worker` processes on localhost, as on a cluster: the batch
    sent to them writes the same reports as the batch run here."""
    distributed = pytest.importorskip("distributed")
    dask_cli = Path(sys.executable).parent / "dask"
    if not dask_cli.exists():
        pytest.skip("the dask command is not installed")
    info = tmp_path / "scheduler.json"
    started = []

    def start(*args):
        p = subprocess.Popen([str(dask_cli), *args], cwd=tmp_path, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
        started.append(p)
        return p

    try:
        start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(info))
        deadline = time.time() + 60
        while not info.exists() and time.time() < deadline:
            time.sleep(0.2)
        for name in ("w1", "w2"):
            start("worker", "--scheduler-file", str(info), "--nthreads", "1", "--no-dashboard", "--name", name,
                  "--local-directory", str(tmp_path / name))
        address = json.loads(info.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            assert len(client.scheduler_info()["workers"]) == 2
        remote = batch.run_batch(TINY, years=[2023], out=tmp_path / "dask", scheduler=address, progress=False,
                                 formats=("html",))
    finally:
        for p in reversed(started):
            p.terminate()
        for p in started:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
    local = batch.run_batch(TINY, years=[2023], out=tmp_path / "local", jobs=1, progress=False, formats=("html",))
    assert remote.ok and local.ok and remote.executed == local.executed == 5
    m = json.loads((tmp_path / "dask/manifest.json").read_text(encoding="utf-8"))
    assert len({r["worker"] for r in m["runs"]}) == 2  # both workers rendered reports
    for stem in ("2023/xa-an-a", "2023/xa-binh-b", "2023/xa-cao-c", "2023/huyen-thu"):
        there = (tmp_path / "dask" / f"{stem}.html").read_text(encoding="utf-8")
        here = (tmp_path / "local" / f"{stem}.html").read_text(encoding="utf-8")
        assert _without_times(there) == _without_times(here)

"""The notebooks travel with the package: after a plain (non-editable) install into a fresh
virtual environment, `ntm reports` works from an empty folder elsewhere, and `ntm notebooks`
copies the notebooks to a folder of one's choosing."""
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT, TINY

pytestmark = pytest.mark.slow



def run(*args, cwd: Path, env=None) -> subprocess.CompletedProcess:
    res = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stdout + res.stderr
    return res


def test_plain_install_runs_reports_from_an_empty_folder(tmp_path):
    wheels, venv, work = tmp_path / "wheels", tmp_path / "venv", tmp_path / "elsewhere"
    work.mkdir()
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", wheels, ROOT, cwd=tmp_path)
    wheel = next(wheels.glob("ntmlib-*.whl"))
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    py = venv / "bin" / "python"
    # the dependencies are those of the test environment (no second download of pandas, jupyter …);
    # ntmlib itself comes from the wheel only
    site = Path(run(py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run(py, "-m", "pip", "install", "--no-deps", "--quiet", wheel, cwd=work)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")  # nbconvert's templates, beside those deps

    where = run(py, "-c", "import ntmlib, ntmlib.run.runner as r; print(ntmlib.__file__); print(r.NOTEBOOK_DIR)",
                cwd=work, env=env).stdout.split()
    assert all(Path(p).is_relative_to(site) for p in where), where  # not the checkout

    data = tmp_path / "my data"
    shutil.copytree(TINY, data)
    res = run(venv / "bin" / "ntm", "reports", data, "--year", "2023", "--out", "r", "--jobs", "1", cwd=work, env=env)
    assert "5 báo cáo: 5 đã chạy, 0 đã có sẵn và còn mới, 0 lỗi" in res.stdout  # 3 communes, district, province
    report = (work / "r" / "2023" / "xa-cao-c.html").read_text(encoding="utf-8")
    assert "2/3 tiêu chí, 6/7 chỉ tiêu" in report
    manifest = json.loads((work / "r" / "manifest.json").read_text(encoding="utf-8"))
    assert all(r["status"] == "ok" for r in manifest["runs"]) and len(manifest["runs"]) == 5

    res = run(venv / "bin" / "ntm", "notebooks", "so-tay", cwd=work, env=env)
    copied = sorted(p.name for p in (work / "so-tay").iterdir())
    assert copied == ["commune_report.ipynb", "district_bulletin.ipynb", "explore.ipynb", "province_report.ipynb"]
    original = ROOT / "notebooks" / "commune_report.ipynb"
    assert (work / "so-tay" / "commune_report.ipynb").read_bytes() == original.read_bytes()

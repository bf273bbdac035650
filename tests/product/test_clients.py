"""The real clients (Chromium, LibreOffice, poppler) on CI: where one is missing, the tests that need it
skip on a developer's machine and fail, naming it, when NTM_REQUIRE_CLIENTS is set (.ci/run sets it)."""
import os
import subprocess
import sys

import pytest

from tests.helpers import clients
from tests.helpers.paths import ROOT


@pytest.fixture
def bare_path(tmp_path, monkeypatch):
    """A PATH holding one folder with a `pdfinfo` that runs and nothing else."""
    (tmp_path / "pdfinfo").write_text("#!/bin/sh\n", encoding="utf-8")
    (tmp_path / "pdfinfo").chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    return tmp_path


def test_a_missing_client_skips_where_clients_are_not_required(bare_path, monkeypatch):
    monkeypatch.delenv(clients.REQUIRE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium on PATH"):
        clients.chromium()
    monkeypatch.setenv(clients.REQUIRE, "0")
    with pytest.raises(pytest.skip.Exception) as e:
        clients.programs("soffice", "pdfinfo", "pdffonts", why="LibreOffice and poppler-utils")
    assert str(e.value) == "not installed: soffice, pdffonts (LibreOffice and poppler-utils)"


def test_a_missing_client_fails_with_the_reason_where_clients_are_required(bare_path, monkeypatch):
    monkeypatch.setenv(clients.REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception) as e:
        clients.chromium()
    assert str(e.value).startswith("no Chromium on PATH (chromium or chromium-browser or google-chrome)")
    assert str(e.value).endswith("(NTM_REQUIRE_CLIENTS is set, so a missing client is a failure)")
    with pytest.raises(pytest.fail.Exception, match=r"^not installed: soffice, pdffonts \(LibreOffice"):
        clients.programs("soffice", "pdfinfo", "pdffonts", why="LibreOffice and poppler-utils")
    clients.programs("pdfinfo", why="poppler-utils")  # present: returns


def test_a_client_on_path_is_found(bare_path):
    (bare_path / "chromium-browser").write_text("#!/bin/sh\n", encoding="utf-8")
    (bare_path / "chromium-browser").chmod(0o755)
    assert clients.chromium() == str(bare_path / "chromium-browser")


def _browser_self_test(env: dict) -> subprocess.CompletedProcess:
    test = "tests/product/test_browser.py::test_clean_page_passes"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rfEs", "-p", "no:cacheprovider", "-o", "addopts=",
                           test], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.slow  # two runs of pytest
def test_the_browser_checks_fail_on_ci_without_chromium(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != clients.REQUIRE}
    env["PATH"] = str(tmp_path)  # no Chromium there
    local = _browser_self_test(env)
    assert local.returncode == 0 and "1 skipped" in local.stdout, local.stdout
    ci = _browser_self_test({**env, clients.REQUIRE: "1"})
    assert ci.returncode == 1 and "1 error" in ci.stdout, ci.stdout
    assert "no Chromium on PATH" in ci.stdout and "NTM_REQUIRE_CLIENTS is set" in ci.stdout

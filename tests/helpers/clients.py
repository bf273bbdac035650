"""The real clients some tests drive: Chromium (the reports as a browser shows them), LibreOffice and
poppler (the Word bulletin and workbook printed to PDF and read back).

Where a client is missing the test skips, so that developers without it can still run the suite;
with NTM_REQUIRE_CLIENTS=1 (as .ci/run sets it) the test fails instead, naming what is missing, so
that CI cannot pass without these checks having run."""
from __future__ import annotations

import os
import shutil

import pytest

REQUIRE = "NTM_REQUIRE_CLIENTS"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
OFFICE = ("soffice", "pdfinfo", "pdftotext", "pdffonts")  # LibreOffice, poppler-utils


def required() -> bool:
    """Whether a missing client fails the test (NTM_REQUIRE_CLIENTS set to anything but "" or "0")."""
    return os.environ.get(REQUIRE, "") not in ("", "0")


def missing_client(reason: str) -> None:
    """Skip the calling test because of `reason`, or fail it with that reason when clients are required."""
    if required():
        pytest.fail(f"{reason} ({REQUIRE} is set, so a missing client is a failure)", pytrace=False)
    pytest.skip(reason)


def find_chromium() -> str | None:
    """The path of the first of CHROMIUM_NAMES on PATH, or None."""
    return next((path for path in map(shutil.which, CHROMIUM_NAMES) if path), None)


def chromium() -> str:
    """The path of Chromium; the calling test skips (or fails) when there is none on PATH."""
    path = find_chromium()
    if path is None:
        missing_client(f"no Chromium on PATH ({' or '.join(CHROMIUM_NAMES)}): the browser checks load the "
                       "pages in headless Chromium")
    return path


def programs(*names: str, why: str) -> None:
    """Return when every program of `names` is on PATH; else the calling test skips (or fails) naming them."""
    absent = [name for name in names if shutil.which(name) is None]
    if absent:
        missing_client(f"not installed: {', '.join(absent)} ({why})")

"""HTML pages printed to PDF by headless Chromium (its print engine, with the pages' own A4 print
stylesheet: ntmlib.present.blocks.print_css), each PDF written atomically. docs/print.md says why
Chromium and what it costs."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..base.outputs import write_bytes_atomic
from ..errors import OutputError, ParameterError, Problem
from ..text import error_text

# the names the browser's executable goes by (Debian, Ubuntu's snap, Google Chrome), in this order;
# NTM_CHROMIUM, when set, names it instead
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
TIMEOUT = 300  # seconds for one page


def browser() -> str:
    """The path of the Chromium executable (NTM_CHROMIUM, else the first of BROWSERS on PATH);
    a ParameterError saying how to install one when there is none."""
    named = os.environ.get("NTM_CHROMIUM", "").strip()
    found = shutil.which(named) if named else next((p for p in map(shutil.which, BROWSERS) if p), None)
    if not found:
        names = named or ", ".join(BROWSERS)
        raise ParameterError(Problem(error_text("pdf_asked"), error_text("no_pdf_engine", names=names)))
    return found


def command(executable: str, page: Path, pdf: Path, profile: Path) -> list[str]:
    """The command line that prints `page` to `pdf`: headless, no header or footer of Chromium's
    own (the page's stylesheet has its running head and page numbers), a throw-away profile, no
    network; --no-sandbox only where Chromium refuses to start without it (as root)."""
    cmd = [executable, "--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
           "--disable-extensions", "--no-pdf-header-footer", f"--user-data-dir={profile}",
           "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",  # pages are self-contained
           f"--print-to-pdf={pdf}", Path(page).resolve().as_uri()]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.insert(1, "--no-sandbox")
    return cmd


def write_pdf(page: str | Path, pdf: str | Path, executable: str | None = None) -> Path:
    """Print the HTML file `page` to `pdf` (replaced atomically when it is complete)."""
    page, pdf = Path(page), Path(pdf)
    executable = executable or browser()
    with tempfile.TemporaryDirectory(prefix="ntm-pdf-") as tmp:
        out = Path(tmp) / "page.pdf"
        try:
            done = subprocess.run(command(executable, page, out, Path(tmp) / "profile"), capture_output=True,
                                  text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
            code, reason = done.returncode, _last_line(done.stderr)
        except subprocess.TimeoutExpired:
            code, reason = "-", f"> {TIMEOUT} s"
        except OSError as e:
            code, reason = "-", e.strerror or str(e)
        data = out.read_bytes() if out.exists() else b""
        if code != 0 or not data.startswith(b"%PDF"):
            raise OutputError(Problem(str(pdf), error_text("pdf_failed", page=str(page), code=code,
                                                           reason=reason or "—")))
    write_bytes_atomic(pdf, data)
    return pdf


def _last_line(stderr: str) -> str:
    """The last line of Chromium's log that says something (it logs much that is harmless)."""
    lines = [ln.strip() for ln in (stderr or "").splitlines() if ln.strip() and "bytes written to file" not in ln]
    return lines[-1][:300] if lines else ""


def write_html_pdf(html: str, pdf: str | Path, executable: str | None = None) -> Path:
    """Print the HTML text `html` (a self-contained page) to `pdf`."""
    executable = executable or browser()
    with tempfile.TemporaryDirectory(prefix="ntm-page-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html, encoding="utf-8")
        return write_pdf(page, pdf, executable)


def print_reports(manifest: str | Path, jobs: int | None = None, executable: str | None = None) -> list[Path]:
    """A PDF beside every HTML report that a batch's manifest lists as made, printed when it is
    missing or older than its page, `jobs` at a time; returns the PDFs printed. Every page that
    fails is named in one OutputError once the others are printed."""
    manifest = Path(manifest)
    executable = executable or browser()
    runs = json.loads(manifest.read_text(encoding="utf-8")).get("runs", [])
    pages = [manifest.parent / o for r in runs if r.get("status") == "ok" for o in r.get("outputs", [])
             if o.endswith(".html")]
    todo = [p for p in pages if _stale(p.with_suffix(".pdf"), p)]
    printed, problems = [], []
    with ThreadPoolExecutor(max_workers=max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))) as pool:
        for page, fut in [(p, pool.submit(write_pdf, p, p.with_suffix(".pdf"), executable)) for p in todo]:
            try:
                printed.append(fut.result())
            except OutputError as e:
                problems += e.problems
    if problems:
        raise OutputError(problems)
    return printed


def _stale(pdf: Path, page: Path) -> bool:
    try:
        return pdf.stat().st_mtime < page.stat().st_mtime
    except FileNotFoundError:
        return True

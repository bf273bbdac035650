"""Running a report notebook: the one way `ntm report` and `ntm reports` execute a notebook.

The notebook gets its parameters the papermill way (a cell injected after the one tagged
`parameters`) and runs in a kernel driven by nbclient. A process keeps one warm kernel and puts
it back to its start-up state between reports (ntmlib.run.kernel_state), so each report equals one
rendered in a fresh kernel; `fresh=True` uses a new kernel for one report. A failing cell
raises NotebookError, naming the report and the cell, whoever asked for the report.
"""
from __future__ import annotations

import asyncio
import multiprocessing.util
import os
import shutil
import subprocess
import threading
import time
from importlib.resources import files
from pathlib import Path

import nbformat
import zmq
from jupyter_client import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

from ..errors import NotebookError
from ..text import error_text

NOTEBOOK_DIR = Path(str(files("ntmlib.notebooks")))  # notebooks/ of a checkout, or ntmlib/notebooks installed
NOTEBOOKS = {"commune": "commune_report.ipynb", "district": "district_bulletin.ipynb",
             "province": "province_report.ipynb"}
KERNEL_NAME = "python3"
KERNEL_START_ATTEMPTS = 3
CELL_TIMEOUT = 600
# ipykernel warns "[IPKernelApp] WARNING | Kernel is running over TCP without encryption" when its
# sockets are plain TCP. Where pyzmq has CurveZMQ and the kernelspec declares it (ipykernel ≥ 7),
# jupyter_client gives the kernel keys and the warning has no cause; elsewhere the kernel logs only
# errors. No history database either: reports do not need it, and line numbers restart with each report.
ENCRYPTION = ({"transport_encryption": "auto"} if zmq.has("curve")
              and "transport_encryption" in AsyncKernelManager.class_trait_names() else {})  # jupyter_client ≥ 8.10
KERNEL_ARGUMENTS = ["--HistoryManager.enabled=False", "--IPKernelApp.log_level=ERROR"]


def notebook_path(kind: str) -> Path:
    """The template notebook of a report kind ('commune' or 'district')."""
    return NOTEBOOK_DIR / NOTEBOOKS[kind]


def copy_notebooks(folder: str | Path) -> list[Path]:
    """Copy the notebooks installed with ntmlib (reports and explore) into `folder`, to open in
    JupyterLab; existing files of the same name are replaced. Returns the files written."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for src in sorted(NOTEBOOK_DIR.glob("*.ipynb")):
        shutil.copyfile(src, out / src.name)
        written.append(out / src.name)
    return written


def prepare(kind: str, params: dict) -> nbformat.NotebookNode:
    """The report notebook with `params` injected (papermill's way)."""
    nb = load_notebook_node(str(notebook_path(kind)))  # adds the cell tags papermill expects
    nb = parameterize_notebook(nb, params, kernel_name=KERNEL_NAME, language="python")
    for cell in nb.cells:  # papermill gives the cell it adds a random id: the same report, the same page
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.id = "injected-parameters"
    return nb


class WarmKernel:
    """A kernel that renders reports one after another, put back to its start-up state between
    reports (ntmlib.run.kernel_state) so each report equals one rendered in a fresh kernel.

    Everything runs on one asyncio loop owned by this object: jupyter_client's async manager
    and client, and nbclient's async execution."""

    def __init__(self, kernel_name: str = KERNEL_NAME):
        self.kernel_name = kernel_name
        self.loop = asyncio.new_event_loop()
        self.km = None
        self.kc = None

    def _run(self, coro):
        asyncio.set_event_loop(self.loop)
        return self.loop.run_until_complete(coro)

    def start(self) -> None:
        last = None
        for attempt in range(KERNEL_START_ATTEMPTS):
            km = AsyncKernelManager(kernel_name=self.kernel_name, **ENCRYPTION)
            try:
                # the kernel's own stderr carries start-up noise (debugger notes): keep it out of the log
                self._run(km.start_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                          extra_arguments=KERNEL_ARGUMENTS))
                kc = km.client()
                kc.start_channels()
                self._run(kc.wait_for_ready(timeout=60))
                self.km, self.kc = km, kc
                self._run(self._silent("import ntmlib.run.kernel_state as _ks; _ks.snapshot(); del _ks"))
                return
            except Exception as e:
                last = e
                self._stop(km)
                self.km = self.kc = None
                time.sleep(0.5 * (attempt + 1))
        raise NotebookError("kernel", None, "KernelError",
                            error_text("kernel_start", n=KERNEL_START_ATTEMPTS, reason=str(last)))

    async def _silent(self, code: str) -> None:
        """Run set-up code without recording it in the kernel's history (execution counts stay
        those of a fresh kernel), through nbclient like the reports themselves."""
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        client = self._client(nb, timeout=120)
        async with client.async_setup_kernel():
            await client.async_execute_cell(nb.cells[0], 0, store_history=False)

    async def _execute(self, nb: nbformat.NotebookNode) -> None:
        await self._silent("import ntmlib.run.kernel_state as _ks; _ks.restore()")
        await self._client(nb, CELL_TIMEOUT).async_execute()

    def _client(self, nb: nbformat.NotebookNode, timeout: int) -> NotebookClient:
        """An nbclient NotebookClient driving this kernel through its one client."""
        client = _ReportClient(nb, km=self.km, timeout=timeout, kernel_name=self.kernel_name)
        client.kc = self.kc  # not a constructor argument
        return client

    def execute(self, nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
        if self.km is None or not self._run(self.km.is_alive()):
            self.shutdown()
            self.start()
        self._run(self._execute(nb))
        return nb

    @property
    def pid(self) -> int | None:
        """The kernel's process id (None when it is not running or not a local process)."""
        return getattr(getattr(self.km, "provisioner", None), "pid", None)

    def _stop(self, km) -> None:
        try:
            self._run(km.shutdown_kernel(now=True))
        except Exception:
            pass

    def shutdown(self) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
        if self.km is not None:
            self._stop(self.km)
        self.km = self.kc = None


class _ReportClient(NotebookClient):
    """nbclient's NotebookClient, but a plain output (no output widget, display id or pending
    clear) goes into its cell without being checked against the notebook schema one by one as it
    arrives (jsonschema, a tenth of a batch worker's time): the notebook is checked whole, once,
    when it is exported (ntmlib.run.export) and when it is written (nbformat.writes)."""

    def output(self, outs, msg, display_id, cell_index):
        if display_id or self.clear_before_next_output or self.output_hook_stack[msg["parent_header"].get("msg_id")]:
            return super().output(outs, msg, display_id, cell_index)
        fields = _OUTPUT_FIELDS.get(msg["header"]["msg_type"])
        if fields is None:  # not an output: the library's way (it logs it)
            return super().output(outs, msg, display_id, cell_index)
        out = nbformat.NotebookNode(output_type=msg["header"]["msg_type"])  # as nbformat.v4.output_from_msg makes it
        out.update({k: msg["content"][k] for k in fields})
        outs.append(out)
        return out


# the fields of each kind of output, as nbformat.v4.output_from_msg takes them from a message
_OUTPUT_FIELDS = {"execute_result": ("metadata", "data", "execution_count"), "stream": ("name", "text"),
                  "display_data": ("metadata", "data"), "error": ("ename", "evalue", "traceback")}


_local = threading.local()


def warm_kernel() -> WarmKernel:
    """This thread's warm kernel, started on first use and stopped when the process ends."""
    k = getattr(_local, "kernel", None)
    if k is None:
        k = WarmKernel()
        k.start()
        _local.kernel = k
        multiprocessing.util.Finalize(k, k.shutdown, exitpriority=10)
    return k


def resources() -> dict | None:
    """What this process and its warm kernel use: resident memory in MB now and at its peak, and
    processor time in seconds since they started — {"worker": …, "worker_peak": …,
    "worker_cpu": …, "kernel": …, "kernel_peak": …, "kernel_cpu": …} (Linux; None elsewhere)."""
    k = getattr(_local, "kernel", None)
    out = {}
    for who, pid in (("worker", "self"), ("kernel", k.pid if k is not None else None)):
        if pid is None:
            continue
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as f:
                fields = dict(line.split(":", 1) for line in f if line.startswith(("VmRSS", "VmHWM")))
            with open(f"/proc/{pid}/stat", encoding="ascii") as f:
                ticks = f.read().rsplit(")", 1)[1].split()[11:13]  # utime, stime
        except (OSError, IndexError):
            return None
        out[who] = round(int(fields["VmRSS"].split()[0]) / 1024, 1)
        out[f"{who}_peak"] = round(int(fields["VmHWM"].split()[0]) / 1024, 1)
        out[f"{who}_cpu"] = round(sum(int(t) for t in ticks) / os.sysconf("SC_CLK_TCK"), 2)
    return out


def stop_warm_kernel() -> None:
    """Stop this thread's warm kernel, if it has one."""
    k = getattr(_local, "kernel", None)
    if k is not None:
        k.shutdown()
        _local.kernel = None


def _fresh_execute(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    k = WarmKernel()
    k.start()
    try:
        return k.execute(nb)
    finally:
        k.shutdown()


def failed_cell(nb: nbformat.NotebookNode | None) -> int | None:
    """Index of the cell whose output is an error (None if no cell failed)."""
    for i, c in enumerate(nb.cells if nb is not None else []):
        if any(o.get("output_type") == "error" for o in c.get("outputs", [])):
            return i
    return None


def _shown_error(nb: nbformat.NotebookNode, cell: int | None, evalue: str) -> str:
    """The error text the failed cell shows: for bad data or parameters, in the report's language
    (ntmlib.jupyter.report.notebook_setup); `evalue`, the kernel's reply, when it shows none."""
    outputs = nb.cells[cell].get("outputs", []) if cell is not None else []
    return next((o.get("evalue", "") for o in outputs if o.get("output_type") == "error"), evalue)


def _first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def run_notebook(nb: nbformat.NotebookNode, report: str = "", fresh: bool = False) -> nbformat.NotebookNode:
    """Execute a prepared notebook in this process's warm kernel (or a fresh one). A failing
    cell raises NotebookError naming `report`, the cell and the first line of its error."""
    try:
        return _fresh_execute(nb) if fresh else warm_kernel().execute(nb)
    except CellExecutionError as e:
        cell = failed_cell(nb)
        raise NotebookError(report, cell, e.ename, _first_line(_shown_error(nb, cell, e.evalue))) from e
    except DeadKernelError as e:
        _local.kernel = None
        raise NotebookError(report, failed_cell(nb), "DeadKernelError", str(e)) from e


def run_report(kind: str, params: dict, report: str = "", fresh: bool = False) -> nbformat.NotebookNode:
    """Prepare and execute one report notebook ('commune' or 'district') with `params`."""
    return run_notebook(prepare(kind, params), report or f"{kind} {params}", fresh)

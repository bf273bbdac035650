"""Inside a warm report kernel: remember the state after start-up, and put it back between
reports so that each report runs as it would in a fresh kernel (namespace, execution count,
imported modules, working directory, environment, matplotlib settings, open figures)."""
from __future__ import annotations

import gc
import os
import sys
import warnings

_baseline: dict | None = None

# What a report kernel imports once, before its first report: the slow part of a fresh start.
PRELOAD = ("pandas", "matplotlib.pyplot", "ntmlib", "ntmlib.present.views", "ntmlib.jupyter.report",
           "ntmlib.present.plots",
           "ntmlib.analysis.aggregate",
           "ntmlib.present.bulletin", "ntmlib.scoring.cache", "ntmlib.present.grids", "IPython.display",
           # imported on first use by every report (tables as HTML, reading the batch's scores):
           # preloaded, they are not imported again after each reset
           "pandas.io.formats.html", "pandas.io.formats.string", "pyarrow.pandas_compat", "encodings.utf_8_sig")


def snapshot() -> None:
    """Import the report libraries and record the kernel's clean state."""
    import importlib  # deferred, as the imports below: this module is imported first in a new kernel

    for name in PRELOAD:
        importlib.import_module(name)
    import matplotlib

    global _baseline
    _baseline = {"modules": set(sys.modules), "cwd": os.getcwd(), "env": dict(os.environ),
                 "rc": dict(matplotlib.rcParams), "path": list(sys.path)}
    # what start-up made lives as long as the kernel: the garbage collections during each report
    # skip it instead of going through the whole of pandas and matplotlib (7 ms a report to 2 ms)
    gc.freeze()


# Every this many reports, restore() also collects garbage in full: a report's figures and
# tables hold reference cycles that Python's automatic collection frees only now and then, so a
# kernel's memory would climb by tens of MB between its full collections (0.1 s each).
COLLECT_EVERY = 20
_restored = 0


def restore() -> None:
    """Return to the recorded state; call before each report."""
    global _restored
    if _baseline is None:
        raise RuntimeError("snapshot() was not called in this kernel")
    import gc

    import matplotlib
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    plt.close("all")
    ip = get_ipython()
    if ip is not None:
        clear_namespace(ip)
        ip.execution_count = 1
        ip.custom_exceptions = ()
        ip.CustomTB = None
    for name in set(sys.modules) - _baseline["modules"]:
        if not name.startswith("multiprocessing"):
            del sys.modules[name]
    os.chdir(_baseline["cwd"])
    os.environ.clear()
    os.environ.update(_baseline["env"])
    sys.path[:] = _baseline["path"]
    with warnings.catch_warnings():  # deprecated keys warn when set again
        warnings.simplefilter("ignore")
        matplotlib.rcParams.update(_baseline["rc"])
    _restored += 1
    if _restored % COLLECT_EVERY == 0:
        gc.collect()


def clear_namespace(ip) -> None:
    """What InteractiveShell.reset does to the user's namespace and output history, without the
    full garbage collection it forces (a tenth of a second per report)."""
    keep = {"__builtin__", "__builtins__", "__name__"}
    for key in [k for k in ip.user_ns if k not in keep]:
        del ip.user_ns[key]
    ip.user_ns_hidden.clear()
    hm = ip.history_manager
    if hm is not None:
        hm.output_hist.clear()
        getattr(hm, "output_hist_reprs", {}).clear()
        hm.input_hist_parsed[:] = [""]
        hm.input_hist_raw[:] = [""]
    dh = ip.displayhook
    dh._, dh.__, dh.___ = "", "", ""
    ip.init_user_ns()

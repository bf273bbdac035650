"""Inside a warm report kernel: remember the state after start-up, and put it back between
reports so that each report runs as it would in a fresh kernel (namespace, execution count,
imported modules, working directory, environment, matplotlib settings, open figures)."""
from __future__ import annotations

import os
import sys
import warnings

_baseline: dict | None = None

# What a report kernel imports once, before its first report: the slow part of a fresh start.
PRELOAD = ("pandas", "matplotlib.pyplot", "ntmlib", "ntmlib.report", "ntmlib.plots", "ntmlib.aggregate",
           "ntmlib.bulletin", "ntmlib.cache", "IPython.display")


def snapshot() -> None:
    """Import the report libraries and record the kernel's clean state."""
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    import matplotlib

    global _baseline
    _baseline = {"modules": set(sys.modules), "cwd": os.getcwd(), "env": dict(os.environ),
                 "rc": dict(matplotlib.rcParams), "path": list(sys.path)}


def restore() -> None:
    """Return to the recorded state; call before each report."""
    if _baseline is None:
        raise RuntimeError("snapshot() was not called in this kernel")
    import matplotlib
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    plt.close("all")
    ip = get_ipython()
    if ip is not None:
        ip.reset(new_session=True)  # namespace and execution count back to 1
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

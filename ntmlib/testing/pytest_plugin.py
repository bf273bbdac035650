"""The test suite's start-up, loaded before pytest's other plugins (`-p ntmlib.testing.pytest_plugin`
in pyproject.toml's addopts).

- Compiled modules are kept even where PYTHONDONTWRITEBYTECODE is set: without them each pytest
  process rewrites the asserts of every test module anew (about 10 s a process for this suite).
  They go to the usual `__pycache__` folders, which git ignores.
- Importing ntmlib first keeps jsonschema from building the `rfc3987_syntax` grammar when nbval
  imports nbformat (ntmlib.criteria.criteria_set says why): about 3 s a process.
"""
import gc
import sys

sys.dont_write_bytecode = False

import ntmlib.criteria.criteria_set  # noqa: E402,F401  (its import turns the grammar off)

GC_THRESHOLDS = (50_000, 50, 100)


def pytest_collection_finish(session):
    """Garbage collection of the test processes, set once collection is done.

    - What start-up and collection made (the libraries, the test modules) lives as long as the process:
      it is frozen, so that the collections of each test do not walk it again.
    - The tests make pandas tables by the thousand, each of many small objects: with Python's default
      thresholds (700, 10, 10) a collection starts every 700 of them. Collecting less often, the 375
      fast tests of tests/analysis, tests/scoring and tests/dataset spent 0.6 s in 513 collections
      instead of 1.8 s in 3,389 (of about 47 s, one process). Memory still goes back as usual: objects
      without reference cycles are freed when their last reference goes, not by the collector."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)

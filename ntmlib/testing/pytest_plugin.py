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


def pytest_collection_finish(session):
    """What start-up and collection made (the libraries, the test modules) lives as long as the process:
    freeze it, so that the garbage collections of each test do not walk it again (they took 5 % of the
    suite's time, a fifth less frozen)."""
    gc.freeze()

"""nbval settings for the report notebooks in notebooks/: compare the text of every output strictly.

HTML renderings of the same tables, and figures, are not compared (their text form is);
volatile cells (provenance: time, file hashes) carry the `nbval-ignore-output` tag."""


def pytest_collectstart(collector):
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("text/html", "application/javascript", "stderr")


def pytest_collection_modifyitems(config, items):
    """Mark slow what runs report notebooks, so `pytest -m "not slow"` runs the fast core: the nbval
    items of notebooks/*.ipynb, and the examples of the docs that run `ntm report` / `ntm reports`
    (test_docs.py checks every example through one parametrised test, so they are marked here)."""
    import pytest

    for item in items:
        command = str(getattr(getattr(item, "callspec", None), "params", {}).get("command", ""))
        runs_reports = item.path.name == "test_docs.py" and command.split()[:2] in (["ntm", "report"],
                                                                                    ["ntm", "reports"])
        if item.path.suffix == ".ipynb" or runs_reports:
            item.add_marker(pytest.mark.slow)

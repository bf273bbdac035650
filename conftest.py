"""nbval settings for the report notebooks in notebooks/: compare the text of every output strictly.

HTML renderings of the same tables, and figures, are not compared (their text form is);
volatile cells (provenance: time, file hashes) carry the `nbval-ignore-output` tag."""


def pytest_collectstart(collector):
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("text/html", "application/javascript", "stderr")

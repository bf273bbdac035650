"""The names scripts, notebooks and the docs import keep working after the move into layers:
the short module names (`from ntmlib import aggregate`), every subpackage's re-exports, and a
docstring on every subpackage that says what it holds."""
import importlib
import pkgutil

import pytest

import ntmlib

SUBPACKAGES = sorted(m.name for m in pkgutil.iter_modules(ntmlib.__path__) if m.ispkg)


@pytest.mark.parametrize("short", sorted(ntmlib.MODULES))
def test_short_module_names_find_their_layer(short):
    module = getattr(ntmlib, short)
    assert module.__name__ == f"ntmlib.{ntmlib.MODULES[short]}"
    assert module is importlib.import_module(f"ntmlib.{ntmlib.MODULES[short]}")


def test_the_notebooks_and_docs_imports():
    from ntmlib import aggregate, explorer, grids, notebook, plots, reorg  # noqa: F401  (what they import)

    assert notebook.__name__ == "ntmlib.jupyter.report"
    assert callable(aggregate.summary) and callable(explorer.explore) and callable(ntmlib.explore)
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        ntmlib.nothing_here


def test_the_layers_are_the_subpackages():
    assert SUBPACKAGES == ["analysis", "base", "cli", "criteria", "dataset", "jupyter", "office", "present", "run",
                           "scoring", "testing", "text"]


@pytest.mark.parametrize("name", SUBPACKAGES)
def test_every_subpackage_says_what_it_holds_and_exports_what_it_names(name):
    package = importlib.import_module(f"ntmlib.{name}")
    assert package.__doc__ and len(package.__doc__.split()) >= 8
    for exported in getattr(package, "__all__", []):
        assert getattr(package, exported) is not None, f"ntmlib.{name}.{exported}"


def test_top_level_names():
    for exported in ntmlib.__all__:
        assert getattr(ntmlib, exported) is not None
    card_type = ntmlib.Scorecard
    assert card_type.__module__ == "ntmlib.scoring.scorecard"

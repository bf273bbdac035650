"""pyproject.toml is the source of truth; environment.yml must list the same packages and bounds."""
import re
import tomllib

import yaml

from tests.helpers.paths import ROOT


def _spec(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*(.*)$", req)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip = dict(_spec(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = dict(_spec(d) for d in env["dependencies"] if isinstance(d, str) and d not in ("pip",))
    conda.pop("python")
    from_pypi = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))  # packages conda-forge lacks
    conda.update(_spec(d.split("#")[0].strip()) for d in from_pypi if not d.startswith("-"))
    assert conda == pip
    assert f">={project['requires-python'].removeprefix('>=')}" == dict(
        _spec(d) for d in env["dependencies"] if isinstance(d, str))["python"]


def test_ci_runs_make_test_and_readme_names_both_commands():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make reports" in readme and "make test" in readme
    assert re.search(r"^\$\(STAMP\): pyproject.toml", (ROOT / "Makefile").read_text(), re.M)

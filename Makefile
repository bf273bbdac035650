# `make reports` and `make test` do all the set-up: each creates .venv on first use and
# reinstalls only when pyproject.toml has changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATASET ?= data/ly-nhan
YEAR ?= 2023
PROVINCE_YEAR ?= 2026

.PHONY: reports test lab notebooks venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The 2023 commune, district and province reports of the sample dataset and the 2026 commune and
# province reports (the new communes of Ninh Bình, no district any more), the 2023 district bulletin
# and the 2026 province bulletin (Markdown, Word and a web page), and reports/index.html linking
# the reports. Reports already up to date are skipped.
reports: $(STAMP)
	$(BIN)/ntm bulletin $(DATASET) --year $(YEAR) --out reports/ban-tin-$(YEAR).md
	$(BIN)/ntm bulletin $(DATASET) --year $(YEAR) --format docx --out reports/ban-tin-$(YEAR).docx
	$(BIN)/ntm bulletin $(DATASET) --year $(YEAR) --format html --out reports/ban-tin-$(YEAR).html
	$(BIN)/ntm bulletin $(DATASET) --year $(PROVINCE_YEAR) --out reports/ban-tin-$(PROVINCE_YEAR).md
	$(BIN)/ntm bulletin $(DATASET) --year $(PROVINCE_YEAR) --format docx --out reports/ban-tin-$(PROVINCE_YEAR).docx
	$(BIN)/ntm bulletin $(DATASET) --year $(PROVINCE_YEAR) --format html --out reports/ban-tin-$(PROVINCE_YEAR).html
	$(BIN)/ntm reports $(DATASET) --year $(YEAR) --year $(PROVINCE_YEAR) --out reports

# The linter first (ruff, configured in pyproject.toml), then the whole test suite in two processes
# (pytest-xdist); each test file runs whole in one of them, so a notebook's cells stay together.
test: $(STAMP)
	$(BIN)/ruff check ntmlib tests benchmarks
	$(BIN)/python -m pytest -n 2 --dist loadfile

# JupyterLab on notebooks/; extra options pass through: make lab LAB_ARGS="--port 8899 --no-browser".
# The file browser shows only the notebooks (the package's __init__.py is hidden with the usual caches).
LAB_HIDDEN := "['__init__.py', '__pycache__', '*.pyc', '*.pyo', '.DS_Store', '*~', '.ipynb_checkpoints']"
lab: $(STAMP)
	cd notebooks && ../$(BIN)/jupyter lab --ContentsManager.hide_globs=$(LAB_HIDDEN) $(LAB_ARGS)

# Re-execute the notebooks in place so their stored outputs (which nbval compares) are current.
notebooks: $(STAMP)
	for nb in notebooks/*.ipynb; do $(BIN)/jupyter nbconvert --to notebook --execute --inplace "$$nb" || exit 1; done

clean:
	rm -rf $(VENV) reports/*.html reports/*/

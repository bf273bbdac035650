# `make reports` and `make test` do all the set-up: each creates .venv on first use and
# reinstalls only when pyproject.toml has changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATASET ?= data/ly-nhan
YEAR ?= 2023

.PHONY: reports test venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

reports: $(STAMP)
	$(BIN)/ntm tables $(DATASET) --year $(YEAR) --out reports

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) reports/*.html reports/*/

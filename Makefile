# sitroom: `make run` installs everything and runs the main job on the sample corpus;
# `make test` runs the test suite. Both work on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test eval bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/sitroom demo

test: install
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/sitroom eval ../shared/gold/seeds

bench: install
	$(BIN)/python benchmarks/html_extraction.py

clean:
	rm -rf $(VENV) build *.egg-info demo-out

# sitroom: `make run` installs everything and runs the main job on the sample corpus;
# `make test` runs the test suite. Both work on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser run test eval bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[web,parquet,dev]'
	touch $(STAMP)

install: $(STAMP)

# Headless Chromium and its driver for the browser tests (Debian packages). Without root or apt
# the browser tests are skipped, and this says so.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	  || echo "could not install chromium: browser tests will be skipped"; \
	else echo "chromium not installed and no root apt-get: browser tests will be skipped"; fi

run: install
	$(BIN)/sitroom demo

test: install browser
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/sitroom eval ../shared/gold/seeds

bench: install
	$(BIN)/python benchmarks/html_extraction.py

clean:
	rm -rf $(VENV) build *.egg-info demo-out

# sitroom: `make run` installs everything and runs the main job on the sample corpus;
# `make test` runs the test suite. Both work on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install ray browser postgres run test eval bench screenshots clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[web,parquet,postgres,dev]'
	touch $(STAMP)

# An editable install leaves the package's bytecode to be written at first import, which
# PYTHONDONTWRITEBYTECODE (set on some machines) forbids: every start would compile the sources
# (0.1 s). compileall writes what is missing or stale and costs nothing when all is current.
install: $(STAMP)
	@$(BIN)/python -m compileall -q src/sitroom >/dev/null

# The optional Ray engine (`sitroom ingest --engine ray`): installed for the tests, not for `make run`.
RAY_STAMP := $(VENV)/.installed-ray
$(RAY_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[ray]'
	touch $(RAY_STAMP)

ray: $(RAY_STAMP)

# Headless Chromium and its driver for the browser tests (Debian packages). Without root or apt
# the browser tests are skipped, and this says so.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	  || echo "could not install chromium: browser tests will be skipped"; \
	else echo "chromium not installed and no root apt-get: browser tests will be skipped"; fi

# Debian's PostgreSQL server binaries: the test run starts a throw-away cluster of its own
# (tests/support/postgres.py) and runs the store, API and page tests against it as well as SQLite.
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
	  || echo "could not install postgresql: PostgreSQL tests will be skipped"; \
	else echo "postgresql not installed and no root apt-get: PostgreSQL tests will be skipped"; fi

run: install
	$(BIN)/sitroom demo

test: install ray browser postgres
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/sitroom eval ../shared/gold/seeds

bench: install
	$(BIN)/python benchmarks/html_extraction.py

# The README's screenshots of the web app over the sample corpus (headless Chromium, 1400x900)
screenshots: install browser
	SITROOM_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/web/test_screens.py

clean:
	rm -rf $(VENV) build *.egg-info demo-out

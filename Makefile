# Two commands from a fresh clone: `make demo` and `make test`. Each sets up .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_DB ?= demo.db

.PHONY: install demo serve test test-fast eval bench clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "newsgraph needs Python 3.11 or newer; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,ray,postgresql]'
	touch $(STAMP)

install: $(STAMP)

# The main job end to end on the project's own fictional sample corpus.
demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsgraph ingest samples/corpus --db $(DEMO_DB)
	@echo; echo '--- running the same ingest again adds nothing twice:'
	$(BIN)/newsgraph ingest samples/corpus --db $(DEMO_DB)
	@echo; $(BIN)/newsgraph stats --db $(DEMO_DB)
	@echo; echo '--- newsgraph search ammunition'; $(BIN)/newsgraph search ammunition --db $(DEMO_DB) --limit 3
	@echo; echo '--- newsgraph search "security agreement"'; $(BIN)/newsgraph search '"security agreement"' --db $(DEMO_DB) --limit 3
	@echo; echo '--- newsgraph search sanctions --since 2024-03-01'; $(BIN)/newsgraph search sanctions --since 2024-03-01 --db $(DEMO_DB) --limit 3
	@echo; echo '--- newsgraph speakers (most quoted first)'; $(BIN)/newsgraph speakers --db $(DEMO_DB) --limit 8
	@echo; echo '--- newsgraph quotes --about ammunition'; $(BIN)/newsgraph quotes --about ammunition --db $(DEMO_DB) --limit 4
	@echo; echo '--- newsgraph show (the top hit for "ammunition")'
	$(BIN)/newsgraph show $$($(BIN)/newsgraph search ammunition --db $(DEMO_DB) --limit 1 --json | $(BIN)/python -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])') --db $(DEMO_DB)
	@echo; echo '--- the web pages and the HTTP API: run  newsgraph serve --db $(DEMO_DB)  (or: make serve), then open http://127.0.0.1:8080/'

# The web pages and the JSON API on the demo database (read-only; Ctrl-C stops it).
serve: install
	test -f $(DEMO_DB) || $(MAKE) demo
	$(BIN)/newsgraph serve --db $(DEMO_DB)

# The whole test suite; evaluation floors on ../shared/data skip with a reason where it is absent.
# The store tests run on SQLite and on a throwaway PostgreSQL server (tests/conftest.py starts it
# from the Debian binaries, which scripts/postgres_binaries.sh installs when missing); the browser
# tests drive the Debian chromium, which scripts/chromium.sh installs when missing.
test: install
	bash scripts/postgres_binaries.sh
	bash scripts/chromium.sh
	$(BIN)/python -m pytest -q

# Without the evaluation runs marked slow.
test-fast: install
	bash scripts/postgres_binaries.sh
	bash scripts/chromium.sh
	$(BIN)/python -m pytest -q -m "not slow"

eval: install
	$(BIN)/python eval/naeb.py
	$(BIN)/python eval/polnear_body.py

bench: install
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/memory.py
	$(BIN)/python benchmarks/parallel.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

# Palermo: the entry point for everything. `make demo` and `make test` are the README's two commands.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/palermo
export PALERMO_NODE_MODULES := $(CURDIR)/node_modules

.PHONY: demo install test test-sqlite test-postgres test-sqlite-run test-postgres-run test-tools lint format messages bench clean

# `PORT=8100 make demo` serves elsewhere; `BIND=0.0.0.0:8100 make demo` on every interface (never public).
PORT ?= 8000
BIND ?= 127.0.0.1:$(PORT)

demo: install  ## set up everything and serve the demo on http://127.0.0.1:8000 (PORT=8100 to change)
	PALERMO_DEMO=1 $(BIN)/palermo demo --bind $(BIND)

install: node_modules/.installed $(VENV)/.installed  ## Python and npm dependencies, translations

$(VENV)/.installed: requirements.lock pyproject.toml src/palermo/knowledge/search/_packed.c \
	src/palermo/knowledge/search/_words.c
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Palermo needs Python 3.11")'
	@pkg-config --exists icu-i18n 2>/dev/null && command -v g++ >/dev/null \
		|| { echo "PyICU (sorting names as each language does) is built against ICU: apt-get install libicu-dev pkg-config g++"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	PALERMO_DEMO=1 PALERMO_SECRET_KEY=build $(BIN)/palermo compile-translations
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The two databases' runs go side by side (one core each); each prints its whole report when it ends, and
# `make test-sqlite` or `make test-postgres` runs one with its progress shown as it goes.
test: install test-tools  ## the whole suite on SQLite and PostgreSQL, browser tests included
	PALERMO_DEMO=1 PALERMO_SECRET_KEY=build $(BIN)/palermo compile-translations
	@echo "=== Test suite on SQLite and on PostgreSQL, side by side: each report shows when its run ends ==="
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite-run test-postgres-run

test-tools:
	@command -v /usr/bin/chromium >/dev/null || { echo "Browser tests need Debian's chromium: apt-get install chromium"; exit 1; }
	@command -v xgettext >/dev/null || { echo "The translation test needs GNU gettext: apt-get install gettext"; exit 1; }
	@$(BIN)/python -c 'import psycopg, sys, os; psycopg.connect(os.environ.get("TEST_DATABASE_URL", "$(TEST_DATABASE_URL)"), dbname="postgres", connect_timeout=5).close()' \
		|| { echo "PostgreSQL is not reachable at $(TEST_DATABASE_URL) (set TEST_DATABASE_URL)"; exit 1; }

test-sqlite: install
	PALERMO_DEMO=1 PALERMO_SECRET_KEY=build $(BIN)/palermo compile-translations
	@$(MAKE) --no-print-directory test-sqlite-run

test-postgres: install
	PALERMO_DEMO=1 PALERMO_SECRET_KEY=build $(BIN)/palermo compile-translations
	@$(MAKE) --no-print-directory test-postgres-run

# The slowest tests are listed at the end of each report (--durations), to keep the suite within CI's time.
test-sqlite-run:
	@echo "=== Test suite on SQLite ==="
	$(BIN)/pytest --durations=15

test-postgres-run:
	@echo "=== Test suite on PostgreSQL ==="
	DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest --durations=15

lint: install  ## ruff lint and format check, mypy on domain code, migrations check
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	PYTHONPATH=. $(BIN)/mypy
	PALERMO_DEMO=1 PALERMO_SECRET_KEY=build $(BIN)/palermo makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

messages: install  ## extract translatable strings into the six catalogues (then translate them)
	cd src/palermo && PALERMO_DEMO=1 PALERMO_SECRET_KEY=build ../../$(BIN)/palermo makemessages --no-obsolete --no-location -l ar -l zh_Hans -l en -l fr -l ru -l es

bench: install  ## performance benchmarks (results in docs/benchmarks.md)
	PALERMO_DEMO=1 PALERMO_SECRET_KEY=build $(BIN)/python benchmarks/register_pages.py
	$(BIN)/python benchmarks/bench_name_matching.py
	$(BIN)/python benchmarks/bench_dedupe_records.py
	PALERMO_DEMO=1 PALERMO_SECRET_KEY=build $(BIN)/python benchmarks/bench_networks_import.py --data-dir var/bench-import --size 100000
	PALERMO_DEMO=1 PALERMO_SECRET_KEY=build $(BIN)/python benchmarks/bench_candidate_review.py

clean:
	rm -rf $(VENV) node_modules var

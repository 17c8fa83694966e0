# Quick start: `make run` serves the API with demo data, `make test` runs the whole suite.
PYTHON ?= python3
# `make run HOST=0.0.0.0 PORT=8080` to serve elsewhere than 127.0.0.1:8000.
HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install run worker test invariants fuzz lint schema bench

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,forecast]'
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/dinghuo migrate
	$(BIN)/dinghuo seed --demo
	$(BIN)/dinghuo serve --host $(HOST) --port $(PORT)

# Background work in its own process (`make run` also runs it inside the web process).
worker: install
	$(BIN)/dinghuo worker

# The suite runs every database test on SQLite and again on PostgreSQL (TEST_POSTGRES_URL).
test: install
	$(BIN)/ruff check .
	$(BIN)/pyright
	$(BIN)/pytest -q

# A long search for an order-to-cash sequence that breaks a money, credit or stock invariant.
invariants: install
	INVARIANT_EXAMPLES=400 $(BIN)/pytest -q tests/integration/test_order_to_cash_invariants.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pyright

schema: install
	$(BIN)/dinghuo export-schema

# Random and malformed arguments on every root field, anonymous and as admin, on SQLite and
# PostgreSQL; a new seed each run (printed). Replay one with FUZZ_SEED=<seed>.
FUZZ_SEED ?= $(shell date +%s)
FUZZ_EXAMPLES ?= 3000
fuzz: install
	@echo "fuzz seed $(FUZZ_SEED), $(FUZZ_EXAMPLES) operations per run"
	FUZZ_SEED=$(FUZZ_SEED) FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q tests/api/test_fuzz.py

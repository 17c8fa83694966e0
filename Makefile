# Quick start: `make run` serves the API with demo data, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install run test lint schema bench

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
	$(BIN)/dinghuo serve

# The suite runs every database test on SQLite and again on PostgreSQL (TEST_POSTGRES_URL).
test: install
	$(BIN)/ruff check .
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

schema: install
	$(BIN)/dinghuo export-schema

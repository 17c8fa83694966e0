# Quick start: `make run` serves the API and the storefront with demo data, `make test` runs the
# whole suite.
PYTHON ?= python3
# `make run HOST=0.0.0.0 PORT=8080` to serve elsewhere than 127.0.0.1:8000.
HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin

.PHONY: lock install web web-test run worker test smoke invariants fuzz lint schema bench-scale \
	bench-webhooks

$(BIN)/.installed: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,forecast,redis]'
	touch $@

install: $(BIN)/.installed

# The demo distributor's (made-up) bank account, so bank-transfer orders show where to pay.
# A BANK_ACCOUNT_NUMBER of your own, in the environment or in .env, wins.
DEMO_BANK := BANK_NAME='招商银行上海张江支行' BANK_ACCOUNT_NAME='订货演示食品贸易有限公司' \
	BANK_ACCOUNT_NUMBER='6214 8301 2026 1128'
OWN_BANK := $(BANK_ACCOUNT_NUMBER)$(shell grep -s '^BANK_ACCOUNT_NUMBER=.' .env)

# The storefront (web/): npm ci when the lock file changed, a build when a source did; both are
# skipped when up to date. Needs Node.js 20+; without it `make run` serves the API alone.
WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/codegen.ts web/tsconfig.json \
	web/scripts -type f -not -path 'web/src/gql/*' 2>/dev/null) schema.graphql

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

web/dist/index.html: web/node_modules/.installed $(WEB_SOURCES)
	cd web && npm run build

web: web/dist/index.html

# The storefront's unit tests and its type check against today's schema.graphql.
web-test: web/node_modules/.installed
	cd web && npm run typecheck && npm test

run: install
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory web; \
	else echo "Node.js 20+ not found: serving the API without the storefront"; fi
	$(BIN)/dinghuo migrate
	$(BIN)/dinghuo seed --demo
	$(if $(OWN_BANK),,$(DEMO_BANK)) $(BIN)/dinghuo serve --host $(HOST) --port $(PORT)

# Background work in its own process (`make run` also runs it inside the web process).
worker: install
	$(BIN)/dinghuo worker

# The suite runs every database test on SQLite and again on PostgreSQL (TEST_POSTGRES_URL),
# in TEST_WORKERS processes (pytest-xdist; each has its own databases).
# The storefront's browser test (tests/browser) uses the build that `web` makes.
TEST_WORKERS ?= 2
test: install web web-test
	$(BIN)/ruff check .
	$(BIN)/pyright
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadgroup

# The deployment in deploy/ run for real: nginx (Debian package) in front of two web processes
# and a worker on PostgreSQL and Redis, on loopback ports; under a minute, stops what it starts.
# SMOKE_POSTGRES_URL, SMOKE_REDIS_URL, SMOKE_PORTS and SMOKE_TIMEOUT: see deploy/smoke/__main__.py.
smoke: install
	$(BIN)/python -m deploy.smoke

# Benchmarks (bench/README.md); each prints figures, none is a test. bench-scale: nginx in front
# of 1, 2 and 4 web processes with the demo data: 3 × 12 s of load, about 1.5 minutes in all on
# a busy 2-core machine (BENCH_ARGS="--seconds 30" for longer). bench-webhooks: signed Stripe events, exactly once.
BENCH_ARGS ?=
bench-scale: install
	$(BIN)/python bench/scale.py $(BENCH_ARGS)

bench-webhooks: install
	$(BIN)/python bench/webhooks.py $(BENCH_ARGS)

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

# `make lock` after changing dependencies: pins what the venv resolved.
lock: install
	(echo "# Pinned versions make install uses (pip constraints). Regenerate with: make lock"; \
	 $(BIN)/pip freeze --exclude-editable | grep -v '^-e') > constraints.txt

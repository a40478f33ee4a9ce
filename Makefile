# One-command entry points: `make serve` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp

.PHONY: setup build check serve serve-prod test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# Browser-side checkers (axe-core, vnu-jar); tests that need them skip with a notice when npm is missing.
# --ignore-scripts: vnu-jar's postinstall would try to download a JRE; the system Java is used instead.
node_modules/.package-lock.json: package.json package-lock.json
	if command -v npm >/dev/null 2>&1; then npm ci --ignore-scripts --no-audit --no-fund; fi

setup: $(STAMP) node_modules/.package-lock.json

## build: validate content, build the site aside and swap it in, then index it for search
build: setup
	$(BIN)/python -m sitetools build
	$(BIN)/python -m search_index build output

## check: validate content only (fast; also the git pre-commit hook)
check: setup
	$(BIN)/python -m sitetools check

## serve: build the site and run the application service with the site at http://127.0.0.1:$(PORT)
serve: build
	DISCLOSURE_ENV=development $(BIN)/flask --app request_api db upgrade
	DISCLOSURE_ENV=development $(BIN)/flask --app request_api run --host 127.0.0.1 --port $(PORT)

## serve-prod: run the service under gunicorn (2+ workers; DATABASE_URL from the environment, default
## SQLite in instance/; SECRET_KEY required unless DISCLOSURE_ENV=development); nginx serves output/
serve-prod: setup
	$(BIN)/flask --app request_api db upgrade
	PORT=$(PORT) $(BIN)/gunicorn --config deploy/gunicorn.conf.py 'request_api:create_app()'

## test: set up and run the whole suite on SQLite, then the request tests again on PostgreSQL when
## TEST_DATABASE_URL is set (CI sets it: postgresql+psycopg://postgres@127.0.0.1:5432/test)
test: setup
	env -u TEST_DATABASE_URL $(BIN)/python -m pytest
	if [ -n "$$TEST_DATABASE_URL" ]; then $(BIN)/python -m pytest tests/request_api; fi

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf output var .pytest_cache

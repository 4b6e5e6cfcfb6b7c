# The README's commands. `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint typecheck unit install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,pdf,export,fast]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/shsv validate
	$(BIN)/shsv list reports
	$(BIN)/shsv report --all --format md -o build/papers
	$(BIN)/shsv report --all --format html -o build/papers
	$(BIN)/shsv report --all --format pdf -o build/papers \
	  || echo "(PDF skipped: weasyprint needs the Pango library; see README)"
	@echo "The seed papers are in build/papers/ (open the .html files in a browser)."

# Only the folders that exist: a missing one must not fail the lint.
LINTED := $(wildcard src tests benchmarks fuzz)

lint: install
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest -q

test: lint typecheck unit

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .shsv-cache

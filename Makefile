# tweetguard — two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= ../shared/data

.PHONY: run test lint bench clean

$(VENV)/.base:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	touch $@

$(VENV)/.installed: $(VENV)/.base pyproject.toml
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.base pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

## run: check the example drafts with the bundled example policy and print the reports
run: $(VENV)/.installed
	$(BIN)/tweetguard check --drafts examples/drafts.jsonl --format text; \
	  status=$$?; [ $$status -le 1 ] || exit $$status

## test: the whole test suite (creates .venv with the test extras)
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

## lint: ruff and mypy
lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

## bench: drafts per second for `check` on the corpora in ../shared/data
bench: $(VENV)/.installed
	$(BIN)/python -m tweetguard.bench --data $(DATA)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache

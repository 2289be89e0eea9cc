# tweetguard — two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= ../shared/data

.PHONY: run test lint bench models eval clean system-deps

# Debian packages the tests need: text recognition in images (Dutch and English), a font
# to draw test screenshots with, PostgreSQL for the service's storage tests (they start a
# throw-away server of their own on a loopback port) and Chromium for the browser tests of
# the pages (Playwright drives it; no browser is downloaded), and Java for the local Spark
# of the scan's scale-out test. Installed with apt-get when missing and we are root;
# otherwise a warning says what to install (those tests then fail and say so).
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng fonts-dejavu-core postgresql chromium default-jre-headless

$(VENV)/.base:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	touch $@

$(VENV)/.installed: $(VENV)/.base pyproject.toml
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-train: $(VENV)/.base pyproject.toml
	$(BIN)/python -m pip install -q -e '.[train]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-test: $(VENV)/.base pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed $(VENV)/.installed-train

## run: check the example drafts, seed the demo team (demo only; see the README), then
## start the pages and the service (http://127.0.0.1:8000) on the embedded SQLite default
## (./var/tweetguard.db) with the bundled example policy
run: $(VENV)/.installed
	$(BIN)/tweetguard check --drafts examples/drafts.jsonl --format text; \
	  status=$$?; [ $$status -le 1 ] || exit $$status
	$(BIN)/tweetguard demo
	@echo "tweetguard on http://127.0.0.1:8000 (pages; API docs: /docs); Ctrl-C stops it"
	$(BIN)/tweetguard serve

system-deps:
	@if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx nld \
	    && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] \
	    && { command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } \
	    && [ -x /usr/bin/chromium ] && command -v java >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing $(SYSTEM_PACKAGES)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null; \
	else \
	  echo "warning: missing system packages; run: sudo apt-get install $(SYSTEM_PACKAGES)"; \
	fi

## test: the whole test suite (creates .venv with the test extras, installs tesseract)
test: $(VENV)/.installed-test system-deps
	$(BIN)/python -m pytest

## lint: ruff and mypy
lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

## bench: drafts per second for `check` on the corpora in ../shared/data, a bounded load
## test of the service's POST /api/v1/check on loopback (50 clients), the time from a
## keystroke to its findings on the check page in Chromium, and the scan (one process, both
## cores, a million-post archive) beside Presidio, better-profanity and detect-secrets
bench: $(VENV)/.installed-test system-deps
	$(BIN)/python -m tweetguard.bench --data $(DATA)
	$(BIN)/python -m tweetguard.bench_service --data $(DATA) --clients 50 --requests 5000
	$(BIN)/python -m tweetguard.bench_web --data $(DATA) --drafts 200
	$(BIN)/python -m tweetguard.bench_scan --data $(DATA) --million

## models: train the language models from ../shared/data and training/examples (reproducible)
models: $(VENV)/.installed-train
	$(BIN)/python -m tweetguard.models.train --data $(DATA) --examples training/examples

## eval: precision, recall and macro-F1 of every model on dev data; writes docs/model-card.md
eval: $(VENV)/.installed-train
	$(BIN)/python -m tweetguard.models.evaluate --data $(DATA) --examples training/examples

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache test-output

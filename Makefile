# The two commands a newcomer needs: `make site` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup site build convert test test-deps check bench clean

$(STAMP): requirements.txt pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

convert: $(STAMP)
	$(BIN)/notices convert

# ProperDocs builds the site: both languages at once, one `properdocs build --strict` each
# (notices.site.split). `properdocs build` and `properdocs serve` work as they are too.
build: convert
	$(BIN)/python -m notices.site.split --strict

site: convert
	$(BIN)/properdocs serve --dev-addr 127.0.0.1:8000

check: $(STAMP)
	$(BIN)/notices check

# Browser tests drive Debian's chromium (never `playwright install`) and inject
# axe-core from node_modules. Both are installed here when missing, so `make test`
# works on a fresh Debian machine (root, or sudo). Override CHROMIUM to use another
# Chromium build (GitHub's Ubuntu runners: /usr/bin/google-chrome).
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
AXE := node_modules/axe-core/axe.min.js

$(CHROMIUM):
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-cjk

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(AXE)

# The benchmark's own npm tools, pinned here rather than in package.json: their lock file
# cannot be kept in sync on every platform (pagefind ships one optional package per platform).
BENCH_NPM := lighthouse@12.8.2 pagefind@1.6.0
BENCH_TOOLS := node_modules/.bin/lighthouse

$(BENCH_TOOLS): | $(AXE)
	npm install --no-save --no-audit --no-fund $(BENCH_NPM)

test-deps: $(STAMP) $(CHROMIUM) $(AXE)

test: test-deps
	$(BIN)/python -m pytest

# Benchmark on generated corpora (scripts/bench.py): one table, and bench-results.json.
# BENCH_SIZES=300 make bench runs one size; sizes are a comma list. Needs chromium and the
# npm tools (lighthouse, pagefind: BENCH_NPM above).
BENCH_SIZES ?= 100,1000,5000

bench: $(STAMP) $(CHROMIUM) $(BENCH_TOOLS)
	BENCH_SIZES=$(BENCH_SIZES) $(BIN)/python scripts/bench.py

clean:
	rm -rf site docs/notices docs/agencies docs/campaigns docs/catalogue docs/glossary docs/foreign

# The two commands a newcomer needs: `make site` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup site build convert test check bench clean

$(STAMP): requirements.txt pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

convert: $(STAMP)
	$(BIN)/notices convert

build: convert
	$(BIN)/mkdocs build --strict

site: build
	@echo "Serving on http://127.0.0.1:8000/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory site

check: $(STAMP)
	$(BIN)/notices check

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf site docs/notices docs/generated

# Every target creates .venv when it is missing, then runs a task in tasks.py, where the
# command logic lives. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENV_STAMP := $(VENV)/.requirements-installed
NODE_STAMP := node_modules/.package-lock-installed
INVOKE := $(BIN)/invoke
PORT ?= 8000

.PHONY: help serve html publish host-build test post clean bench check system-deps

help:
	@echo "make serve    build and preview on http://127.0.0.1:8000 with live reload (PORT=8001 for another port)"
	@echo "make html     build the preview into output/"
	@echo "make post TITLE=\"...\"   start a new draft post"
	@echo "make publish  production build into output/ (SITEURL=https://... make publish)"
	@echo "make host-build  the publish a host runs (Netlify, Cloudflare Pages); previews noindex"
	@echo "make test     the whole test suite"
	@echo "make bench    build-speed and page-weight benchmark"
	@echo "make check    readability report for every post"
	@echo "make clean    remove output/ and caches"

$(VENV_STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

serve: $(VENV_STAMP)
	$(INVOKE) serve --port $(PORT)

html: $(VENV_STAMP)
	$(INVOKE) html

publish: $(VENV_STAMP)
	$(INVOKE) publish

# The build command Netlify and Cloudflare Pages run: make publish, with the address the host
# gives (a preview's own, never indexed). See docs/publishing.md.
host-build: $(VENV_STAMP)
	$(INVOKE) host-build

post: $(VENV_STAMP)
	$(INVOKE) new-post --title "$(TITLE)"

check: $(VENV_STAMP)
	$(INVOKE) check

clean: $(VENV_STAMP)
	$(INVOKE) clean

# Browsers, nginx and Java come from the system's packages; the script installs what is missing.
system-deps:
	bash scripts/system-deps.sh

test: $(VENV_STAMP) $(NODE_STAMP) system-deps
	$(INVOKE) test

bench: $(VENV_STAMP) $(NODE_STAMP) system-deps
	$(INVOKE) bench

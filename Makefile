# Two commands on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
TESTING := $(VENV)/.test-installed

.PHONY: install build check serve edit hooks test test-fast lock browser clean platform

# Material for MkDocs prints its end-of-life notice at every build; README says where the project stands.
export NO_MKDOCS_2_WARNING := 1

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(RUNTIME): $(BIN)/python requirements.txt pyproject.toml setup.py
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(TESTING): $(RUNTIME) requirements-test.txt
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

install: $(RUNTIME)

check: $(RUNTIME)
	$(BIN)/disclosure check .

build: check
	$(BIN)/mkdocs build --strict --clean --site-dir site

# The demo platform (platform.yml): every agency built in parallel, then merged into site-platform/.
platform: $(RUNTIME)
	$(BIN)/disclosure platform build platform.yml --out site-platform

serve: $(RUNTIME)
	$(BIN)/mkdocs serve --no-strict

# The web editor (Decap CMS) and its local proxy, exactly as package-lock.json pins them.
EDITOR := admin/node_modules/.installed
$(EDITOR): admin/package.json admin/package-lock.json
	cd admin && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The web editor at http://127.0.0.1:8080/admin/, writing into this working tree,
# next to the live site at http://127.0.0.1:8000 (both stop with Ctrl+C).
edit: $(RUNTIME) $(EDITOR)
	$(BIN)/mkdocs serve --no-strict & trap "kill $$!" EXIT INT TERM; \
	$(BIN)/python -m disclosure.cms.serve --root . --app admin

# Check content before every commit (.pre-commit-config.yaml).
hooks: $(TESTING)
	$(BIN)/pre-commit install

# Browser tests drive Debian's chromium (Playwright cannot download its own here),
# with CJK fonts so that screenshots show Chinese text.
BROWSER_PACKAGES := chromium fonts-noto-cjk
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/opentype/noto ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null; \
	  else \
	    echo "需要 chromium 和中文字体：请运行 sudo apt-get install -y $(BROWSER_PACKAGES)" >&2; exit 1; \
	  fi; \
	fi

test: $(TESTING) $(EDITOR) browser
	$(BIN)/python -m pytest -q

# The inner loop: no browser, no generated corpus, no site builds (well under 30 s). Python keeps
# what it compiled between runs even where the environment says not to: compiling the engine and
# rewriting every test module's asserts anew is a third of the loop.
test-fast: $(TESTING)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -q -m "not slow and not browser"

# Pins in requirements*.txt from the ranges in pyproject.toml; existing pins are kept while they
# still fit (`make lock UPGRADE=--upgrade` moves them to the newest releases).
LOCK := $(BIN)/uv pip compile pyproject.toml --python $(BIN)/python --quiet --custom-compile-command "make lock" $(UPGRADE)
lock: $(TESTING)
	$(LOCK) -o requirements.txt
	$(LOCK) --extra test --constraint requirements.txt -o requirements-test.txt

# Check and build timings at 1,000 / 5,000 / 10,000 documents into BENCHMARKS.md (about half an hour).
.PHONY: bench
bench: $(RUNTIME)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site site-platform .platform-builds $(VENV) .pytest_cache test-artifacts admin/node_modules

# jupyterlab-modelarts: `make demo` runs it on the embedded emulator, `make test` runs every suite.
# Steps leave stamps in .make/ so a second run reuses what is already built.

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMPS := .make
export PATH := $(BIN):$(PATH)
# Keep yarn from asking questions and from writing to a user's global folders.
export YARN_ENABLE_PROGRESS_BARS := false
export YARN_ENABLE_TELEMETRY := 0

ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
DEMO_PORT ?= 8888
FRONTEND_SOURCES := $(shell find src style schema -type f 2>/dev/null) package.json tsconfig.json

.PHONY: install demo test lint jest pytest bench chromium screenshots translations clean help

help:
	@echo "make demo   - set up and start JupyterLab with the extension on the embedded ModelArts emulator"
	@echo "make test   - set up, then lint, jest and pytest (server, client, emulator, browser, packaging)"
	@echo "make bench  - run the benchmarks and write docs/benchmarks.md"

$(STAMPS):
	@mkdir -p $@

$(STAMPS)/venv: | $(STAMPS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	@touch $@

# Build tools first: the labextension build needs `jupyter labextension` and `jlpm`.
$(STAMPS)/buildtools: $(STAMPS)/venv Makefile
	$(BIN)/pip install -q "hatchling>=1.5" "hatch-nodejs-version>=0.3.2" "hatch-jupyter-builder>=0.9" editables "jupyterlab>=4.0,<5"
	@touch $@

$(STAMPS)/node: $(STAMPS)/buildtools package.json yarn.lock .yarnrc.yml
	$(BIN)/jlpm install
	@touch $@

$(STAMPS)/frontend: $(STAMPS)/node $(FRONTEND_SOURCES)
	$(BIN)/jlpm build
	@touch $@

# The labextension is built above, so the pip hook does not run npm again.
$(STAMPS)/python: $(STAMPS)/frontend pyproject.toml
	HATCH_JUPYTER_BUILDER_SKIP_NPM=1 $(BIN)/pip install -q --no-build-isolation -e ".[test]"
	$(BIN)/jupyter labextension develop --overwrite . >/dev/null
	$(BIN)/jupyter server extension enable --sys-prefix jupyterlab_modelarts >/dev/null
	@touch $@

install: $(STAMPS)/python

# Debian's chromium drives the browser tests, with a CJK font for the Chinese panel;
# installed when missing and we may (root or sudo).
CHROMIUM_PACKAGES := chromium fonts-wqy-microhei
chromium:
	@if command -v chromium >/dev/null 2>&1 && [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing $(CHROMIUM_PACKAGES) for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(CHROMIUM_PACKAGES) >/dev/null; \
	elif sudo -n true 2>/dev/null && command -v apt-get >/dev/null 2>&1; then \
		sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(CHROMIUM_PACKAGES) >/dev/null; \
	else \
		echo "chromium or its CJK font is missing and cannot be installed here: browser tests may be skipped or show boxes for Chinese"; \
	fi

demo: install
	@echo "Starting JupyterLab with jupyterlab-modelarts on the embedded ModelArts emulator."
	@echo "Open the URL printed below (with its token); the sidebar icon opens 'ModelArts training versions'."
	@echo "Demo jobs: 182626 'mnist-resnet' (version 278813 is running: stop it), 182627 'cifar10-vgg' (a version that queues, runs 30 s and fails), 182628 (1,200 versions), 182629 (no versions)."
	@echo "In a notebook: from jupyterlab_modelarts.sdk import Session, Estimator; Estimator(Session(), job_id='182626').get_job_version_object_list()"
	$(BIN)/jupyter lab --no-browser --ip=127.0.0.1 --port=$(DEMO_PORT) $(ROOT_FLAG) \
		--ModelArtsExtension.emulate=True

lint: install
	$(BIN)/ruff check jupyterlab_modelarts tests tools
	$(BIN)/ruff format --check jupyterlab_modelarts tests tools
	$(BIN)/mypy jupyterlab_modelarts
	$(BIN)/jlpm lint:check
	$(BIN)/jlpm contract:check
	$(BIN)/python tools/i18n/translations.py check

# After adding or changing a translatable string: new messages enter every .po with an
# empty translation (fill them in), unused ones leave, the JSON catalogs are rebuilt.
translations: $(STAMPS)/buildtools
	$(BIN)/python tools/i18n/translations.py update

jest: install
	$(BIN)/jlpm test

pytest: install chromium
	$(BIN)/python -m pytest -ra

# pytest runs last so its summary is the last line printed.
test: lint jest pytest

# Refresh the README's pictures (docs/panel.png, panel-dark.png, panel-narrow.png,
# panel-narrow-dark.png, panel-wide.png, details.png, notebook-output.png, panel-zh.png); tests alone
# write to a temp dir.
screenshots: install chromium
	JUPYTERLAB_MODELARTS_SCREENSHOTS=$(CURDIR)/docs $(BIN)/python -m pytest tests/browser -q \
		-k "stop_is_enabled_exactly_on_running_rows or dark_theme_renders or readable_at_any_width or details_open_in_the_main_area or narrow_dark_theme or seed_list_is_a_live_table or panel_speaks_chinese"

bench: install chromium
	$(BIN)/python tools/bench/run.py

clean:
	rm -rf $(STAMPS) lib jupyterlab_modelarts/labextension tsconfig.tsbuildinfo

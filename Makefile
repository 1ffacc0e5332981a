# citizen_pins — build, test and run.  Every target installs what it needs itself
# (Debian packages as root, a venv in .venv that sees Debian's QGIS).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PLUGIN      := citizen_pins
VERSION     := $(shell sed -n 's/^version=//p' metadata.txt)
SYS_PYTHON  := /usr/bin/python3
VENV        := .venv
PY          := $(VENV)/bin/python
QGIS_PROCESS := /usr/bin/qgis_process.bin
# Where `make deploy` installs the plugin (QGIS's default profile unless overridden).
QGIS_PROFILE_DIR ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
# The shared data (boundaries, MOPH register): SHARED=... or CITIZEN_PINS_SHARED=..., else ../shared.
SHARED      ?= $(or $(CITIZEN_PINS_SHARED),$(abspath ../shared))
export CITIZEN_PINS_SHARED := $(SHARED)
export QT_QPA_PLATFORM ?= offscreen
# Keep Python from writing caches into the source tree (and so into the zip).
export PYTHONDONTWRITEBYTECODE := 1

TS_FILES := $(wildcard $(PLUGIN)/i18n/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

.PHONY: help deps deps-package venv ext_libs i18n i18n-update package deploy run test test-fast clean bench screenshot screenshots
help:
	@echo "make demo      validate the MOPH register against the real boundaries (writes out/)"
	@echo "make run       install the plugin into a QGIS profile and open QGIS"
	@echo "make test      install everything needed and run the whole test suite (offscreen)"
	@echo "make package   build dist/$(PLUGIN)-$(VERSION).zip"
	@echo "make deploy    install the zip into QGIS_PROFILE_DIR=$(QGIS_PROFILE_DIR)"
	@echo "make bench     benchmarks (figures, not pass/fail)"

deps:
	@scripts/install-system-deps.sh

# Only what the zip needs (pip for the bundled geothai, lrelease): not the dev/registry venv.
deps-package:
	@scripts/install-system-deps.sh package

$(VENV)/.stamp: requirements/dev.txt requirements/plugin.txt | deps
	test -x $(PY) || $(SYS_PYTHON) -m venv --system-site-packages $(VENV)
	# Keep Debian's numpy: its GDAL bindings are built against it (numpy 2 breaks them).
	$(SYS_PYTHON) -c 'import numpy; print("numpy==" + numpy.__version__)' > $(VENV)/constraints.txt
	$(PY) -m pip install -q --disable-pip-version-check -c $(VENV)/constraints.txt -r requirements/dev.txt
	touch $@
venv: $(VENV)/.stamp

# Pure-Python runtime dependencies, bundled inside the plugin (QGIS users cannot pip install),
# put there by the system's pip: the zip needs no venv.
$(PLUGIN)/ext_libs/.stamp: requirements/plugin.txt | deps-package
	rm -rf $(PLUGIN)/ext_libs && mkdir -p $(PLUGIN)/ext_libs
	$(SYS_PYTHON) -m pip install -q --disable-pip-version-check --no-deps --no-compile \
	    --target $(PLUGIN)/ext_libs -r requirements/plugin.txt
	find $(PLUGIN)/ext_libs -name '__pycache__' -prune -exec rm -rf {} +
	rm -rf $(PLUGIN)/ext_libs/bin $(PLUGIN)/ext_libs/share
	touch $@
ext_libs: $(PLUGIN)/ext_libs/.stamp

%.qm: %.ts | deps-package
	lrelease -silent $< -qm $@
i18n: $(QM_FILES)

# Collect new user-visible strings from the sources into the .ts (then translate them by hand).
i18n-update: | deps
	$(SYS_PYTHON) scripts/i18n_update.py

package: ext_libs i18n
	$(SYS_PYTHON) scripts/package.py --version $(VERSION) --out dist

deploy: package
	mkdir -p "$(QGIS_PROFILE_DIR)/python/plugins"
	rm -rf "$(QGIS_PROFILE_DIR)/python/plugins/$(PLUGIN)"
	unzip -q -o dist/$(PLUGIN)-$(VERSION).zip -d "$(QGIS_PROFILE_DIR)/python/plugins"
	@echo "installed into $(QGIS_PROFILE_DIR)/python/plugins/$(PLUGIN)"

run: deploy
	$(PY) scripts/enable_plugin.py "$(QGIS_PROFILE_DIR)"
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "No display: the plugin is installed; start QGIS from a desktop session" \
	       "(or see 'make screenshot' for a headless run under Xvfb)."; exit 1; fi
	env -u QT_QPA_PLATFORM qgis

# The whole suite; pytest's own summary line closes the output.
test: venv registry-deps release-tools ext_libs i18n
	$(PY) -m pytest tests $(PYTEST_ARGS)

# Only the fast, pure-Python tests of core/.
test-fast: venv ext_libs
	$(PY) -m pytest tests/core -q $(PYTEST_ARGS)

# Screenshots of the plugin in a real QGIS window under Xvfb, in English and Thai, into
# docs/screenshots/: the plugin loaded, then the daily workflow against a real registry (at
# 1440x900, and issue 17's session at 1366x768: daily_*).
screenshots: package registry-deps
	for lang in en th; do \
	  $(PY) scripts/gui/run_qgis.py scripts/gui/foundation_session.py \
	      --zip dist/$(PLUGIN)-$(VERSION).zip --lang $$lang --shots docs/screenshots || exit 1; \
	done
	$(PY) scripts/gui/workflow_screens.py --zip dist/$(PLUGIN)-$(VERSION).zip --shots docs/screenshots
	$(PY) scripts/gui/daily_screens.py --zip dist/$(PLUGIN)-$(VERSION).zip --shots docs/screenshots
	$(PY) scripts/gui/services_screens.py --zip dist/$(PLUGIN)-$(VERSION).zip --shots docs/screenshots
screenshot: screenshots

clean:
	rm -rf dist build out .pytest_cache $(PLUGIN)/ext_libs
	find . -name '__pycache__' -prune -exec rm -rf {} +

# Capabilities add their own targets here (bench, demo, registry, ...), one file each.
include $(sort $(wildcard mk/*.mk))

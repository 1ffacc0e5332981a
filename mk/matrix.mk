# The test matrix (issue 14): the suite on the QGIS of other Debian releases, each in a Debian root
# made by debootstrap and cached in $(MATRIX_ROOTS) (scripts/matrix/root.sh; made again when the
# package list changes).  `make test` itself is Debian 12's QGIS 3.22.
#   make test-qgis340   trixie, QGIS 3.40 LTR: the whole suite (registry on trixie's PostgreSQL,
#                       the desktop tests under Xvfb); in CI (.ci/run)
#   make test-qgis344   sid, QGIS 3.44: the plugin's tests (core, Processing, import, packaging,
#                       the desktop under Xvfb); not in CI: sid changes every day
#   make matrix-shell MATRIX_SUITE=trixie   a shell in a root, in a fresh copy of the checkout
MATRIX_ROOTS ?= $(or $(CITIZEN_PINS_ROOTS),/var/cache/citizen_pins/roots)
MATRIX_SUITE ?= trixie
export CITIZEN_PINS_ROOTS := $(MATRIX_ROOTS)

.PHONY: test-plugin test-qgis340 test-qgis344 matrix-shell

# The plugin's own tests: no registry (so no registry venv), one desktop session.
test-plugin: venv ext_libs i18n
	$(PY) -m pytest tests/core tests/qgis tests/gui/test_desktop_foundation.py $(PYTEST_ARGS)

test-qgis340:
	scripts/matrix/root.sh trixie make test PYTEST_ARGS='$(PYTEST_ARGS)'

test-qgis344:
	scripts/matrix/root.sh sid make test-plugin PYTEST_ARGS='$(PYTEST_ARGS)'

matrix-shell:
	scripts/matrix/root.sh $(MATRIX_SUITE) bash

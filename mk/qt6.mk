# QGIS 4 / Qt6 static checks (issue 14), run by tests/qgis/test_qgis4_readiness.py: the QGIS
# project's pyqt5_to_pyqt6 rules (PyPI qgis-pyqt5to6, in .venv-qt6; Python >= 3.12 only, so on
# Debian 12 they run in `make test-qgis340`) and scripts/qgis4_check.py (QGIS 3 names that QGIS 4
# drops, read from the installed QGIS >= 3.40).
QT6_VENV := .venv-qt6
QT6_PYTHON_OK := $(shell $(SYS_PYTHON) -c 'import sys; print(int(sys.version_info >= (3, 12)))' 2>/dev/null)

.PHONY: qt6-tools check-qt6

$(QT6_VENV)/.stamp: requirements/qt6-check.txt | deps
	rm -rf $(QT6_VENV)
	$(SYS_PYTHON) -m venv $(QT6_VENV)
	$(QT6_VENV)/bin/python -m pip install -q --disable-pip-version-check -r requirements/qt6-check.txt
	touch $@

ifeq ($(QT6_PYTHON_OK),1)
qt6-tools: $(QT6_VENV)/.stamp
test test-plugin: $(QT6_VENV)/.stamp
else
qt6-tools:
	@echo "qgis-pyqt5to6 needs Python >= 3.12 (this is $$($(SYS_PYTHON) -V)): make test-qgis340 runs it."
endif

check-qt6: venv qt6-tools
	$(PY) -m pytest tests/qgis/test_qgis4_readiness.py -q $(PYTEST_ARGS)

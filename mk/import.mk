# Import (issue 6): citizen_pins:import against QGIS's own delimited-text provider on the same CSV
# of 100,000 rows built from the real MOPH register (figures, not pass/fail).
IMPORT_BENCH_ROWS ?= 100000
IMPORT_BENCH_ARGS ?=

.PHONY: bench-import test-import

bench-import: venv
	$(PY) scripts/bench_import.py --rows $(IMPORT_BENCH_ROWS) $(IMPORT_BENCH_ARGS)

test-import: venv
	$(PY) -m pytest tests/core/test_import_coords.py tests/core/test_import_mapping.py \
	    tests/qgis/test_import_sources.py tests/qgis/test_import_moph.py -q $(PYTEST_ARGS)

bench: bench-import

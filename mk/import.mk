# Import (issue 6): citizen_pins:import against QGIS's own delimited-text provider on the same CSV
# of 100,000 rows built from the real MOPH register, in process and as whole qgis_process runs
# beside native:createpointslayerfromtable (issue 21); medians of IMPORT_BENCH_REPEAT rounds.
IMPORT_BENCH_ROWS ?= 100000
IMPORT_BENCH_REPEAT ?= 3
IMPORT_BENCH_ARGS ?=

.PHONY: bench-import test-import

bench-import: venv ext_libs i18n
	$(PY) scripts/bench_import.py --rows $(IMPORT_BENCH_ROWS) --repeat $(IMPORT_BENCH_REPEAT) \
	    $(IMPORT_BENCH_ARGS)

test-import: venv
	$(PY) -m pytest tests/core/test_import_coords.py tests/core/test_import_mapping.py \
	    tests/qgis/test_import_sources.py tests/qgis/test_import_moph.py -q $(PYTEST_ARGS)

bench: bench-import

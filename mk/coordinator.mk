# Coordinator tools (issue 8): the national batch (all 77 provinces, one layer each, MOPH register)
# against full-resolution tambons, next to QGIS's native join, as whole qgis_process runs.
BATCH_BENCH_RUNS ?= 3

.PHONY: bench-batch test-coordinator

bench-batch: venv ext_libs i18n geos-shapely
	CITIZEN_PINS_SHAPELY_PATH=$(abspath $(GEOS_SHAPELY)) $(PY) scripts/bench_batch.py --runs $(BATCH_BENCH_RUNS)

test-coordinator: venv ext_libs i18n
	$(PY) -m pytest tests/core/test_thai_dates.py tests/core/test_completeness.py \
	    tests/core/test_completeness_moph.py tests/qgis/test_coordinator_qgis_process.py -q $(PYTEST_ARGS)

bench: bench-batch

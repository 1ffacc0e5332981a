# Access (issue 20): citizen_pins:access against native:joinbynearest (straight line, all 7,425
# tambons to the nearest of 100k pins) and native:shortestpathlayertopoint (a synthetic grid of
# >= 1 M edges), whole qgis_process runs, both geometry engines.  See docs/access.md.
ACCESS_BENCH_REPEAT ?= 3
ACCESS_BENCH_PINS ?= 100000
ACCESS_BENCH_GRID ?= 708
ACCESS_BENCH_PLACES ?= 7425
ACCESS_BENCH_NATIVE_PLACES ?= 20
ACCESS_BENCH_ARGS ?=

.PHONY: bench-access test-access

bench-access: venv ext_libs i18n geos-shapely
	CITIZEN_PINS_SHARED="$(SHARED)" CITIZEN_PINS_SHAPELY_PATH=$(abspath $(GEOS_SHAPELY)) \
	    $(PY) scripts/bench_access.py --repeat $(ACCESS_BENCH_REPEAT) --pins $(ACCESS_BENCH_PINS) \
	    --grid $(ACCESS_BENCH_GRID) --places $(ACCESS_BENCH_PLACES) \
	    --native-places $(ACCESS_BENCH_NATIVE_PLACES) $(ACCESS_BENCH_ARGS)

test-access: venv ext_libs i18n
	$(PY) -m pytest tests/core/test_access_geodesy.py tests/core/test_access_network.py \
	    tests/qgis/test_access_algorithm.py tests/qgis/test_access_qgis_process.py -q $(PYTEST_ARGS)

bench: bench-access

# Validation (issue 3): `make demo` and the validation benchmark (`make bench-validate`, part of
# `make bench`).  See docs/validation.md.
GEOS_SHAPELY  := out/geos-shapely
MOPH_CSV      ?= $(SHARED)/data/service_points/moph_health_facilities.csv
# A tambon layer of your own (e.g. HDX COD-AB tha_admbnda_adm3_rtsd_20220121.shp) for the demo.
BOUNDARIES    ?=
DEMO_PROVINCE ?= 21
export MOPH_CSV BOUNDARIES

.PHONY: demo bench-validate geos-shapely
bench: bench-validate

# shapely 2 compiled on QGIS's own GEOS.  A PyPI wheel carries another GEOS, which crashes inside
# QGIS / qgis_process, so the plugin then uses its QGIS engine; this build lets it use shapely.
$(GEOS_SHAPELY)/.stamp: | $(VENV)/.stamp
	@command -v geos-config >/dev/null || { \
	    if [ "$$(id -u)" = 0 ]; then apt-get install -y -q libgeos-dev; \
	    else sudo apt-get install -y -q libgeos-dev; fi; }
	rm -rf $(GEOS_SHAPELY)
	$(PY) -m pip install -q --disable-pip-version-check --no-binary shapely --no-deps \
	    --target $(GEOS_SHAPELY) "shapely>=2.0.6,<2.2"
	touch $@
geos-shapely: $(GEOS_SHAPELY)/.stamp

# The README's first command: validates the MOPH register (one province, then the whole country)
# against the real boundaries; writes out/findings.gpkg and out/validation_summary.md.
demo: venv ext_libs geos-shapely
	PYTHONPATH=$(abspath $(GEOS_SHAPELY)) $(PY) scripts/validation_demo.py \
	    --province $(DEMO_PROVINCE) --out out --shared "$(SHARED)"

# 100k pins in the 68 full-resolution provinces: native:joinattributesbylocation vs
# citizen_pins:validate with both geometry engines (shapely on QGIS's GEOS, QGIS's own), whole
# qgis_process runs (wall time, CPU seconds, peak memory), then 1M pins; medians of
# VALIDATE_BENCH_REPEAT rounds.  BENCH_VALIDATE_ARGS adds options (e.g. --out DIR).
VALIDATE_BENCH_REPEAT ?= 5
VALIDATE_BENCH_PINS ?= 100000
VALIDATE_BENCH_BIG ?= 1000000
BENCH_VALIDATE_ARGS ?=
bench-validate: venv ext_libs geos-shapely
	@test -d "$(SHARED)/data/boundaries/tambon_fullres" || { \
	    echo "No $(SHARED)/data/boundaries/tambon_fullres: set SHARED=/path/to/shared." >&2; exit 2; }
	CITIZEN_PINS_SHARED="$(SHARED)" CITIZEN_PINS_SHAPELY_PATH=$(abspath $(GEOS_SHAPELY)) \
	    $(PY) scripts/bench_validate.py --repeat $(VALIDATE_BENCH_REPEAT) --pins $(VALIDATE_BENCH_PINS) \
	    --big $(VALIDATE_BENCH_BIG) --qgis-engine $(BENCH_VALIDATE_ARGS)

# The memory floor under validation (issue 3's memory target): the steps validate takes before any
# rule (read pins, locate, DOPA), each as a whole qgis_process run beside the join.  Not shipped.
.PHONY: bench-memory-floor
bench-memory-floor: venv ext_libs geos-shapely
	@test -d "$(SHARED)/data/boundaries/tambon_fullres" || { \
	    echo "No $(SHARED)/data/boundaries/tambon_fullres: set SHARED=/path/to/shared." >&2; exit 2; }
	CITIZEN_PINS_SHARED="$(SHARED)" CITIZEN_PINS_SHAPELY_PATH=$(abspath $(GEOS_SHAPELY)) \
	    $(PY) scripts/bench_memory_floor.py $(BENCH_FLOOR_ARGS)

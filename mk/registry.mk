# The reference deployment of the national registry (registry/): pygeoapi + gateway under gunicorn,
# on a throwaway PostgreSQL/PostGIS cluster kept in $(REGISTRY_DATA).
REGISTRY_DATA ?= .registry
REGISTRY_PORT ?= 5080
REGISTRY_BOUNDARIES ?= $(SHARED)/data/boundaries/thailand_admin_simplified.gpkg
ROLE ?= editor
export REGISTRY_DATA REGISTRY_PORT REGISTRY_BOUNDARIES

.PHONY: registry registry-user registry-deps bench-registry test-registry fuzz-registry

# The registry's Python packages (pygeoapi, gunicorn, ...), with Debian's numpy kept.
$(VENV)/.registry-stamp: requirements/registry.txt | $(VENV)/.stamp
	test -f $(VENV)/constraints.txt || echo "numpy==$$($(SYS_PYTHON) -c 'import numpy; print(numpy.__version__)')" > $(VENV)/constraints.txt
	$(PY) -m pip install -q --disable-pip-version-check -c $(VENV)/constraints.txt -r requirements/registry.txt
	touch $@
registry-deps: $(VENV)/.registry-stamp

# Runs in the foreground on 127.0.0.1:$(REGISTRY_PORT) until Ctrl-C / SIGTERM.
registry: registry-deps
	$(PY) -m registry serve

# make registry-user NAME=rayong PROVINCES=21 [ROLE=editor|coordinator]  (password on stdin)
registry-user: registry-deps
	@test -n "$(NAME)" || { echo "usage: make registry-user NAME=... PROVINCES=21,50 [ROLE=editor|coordinator] (password on stdin)" >&2; exit 2; }
	@$(PY) -m registry add-user "$(NAME)" --provinces "$(PROVINCES)" --role "$(ROLE)"

test-registry: registry-deps
	$(PY) -m pytest tests/registry -q $(PYTEST_ARGS)

# The registry's sequential single-POST rate and read rate (pins/s): anchors the publish issue.
bench-registry: registry-deps
	$(PY) scripts/bench_registry.py

bench: bench-registry

# Schemathesis against the registry's own OpenAPI document, on a registry of its own, with a
# bounded budget (test cases per operation, seconds in all); ends with one line
#   fuzz: budget=... operations=A requests=R 5xx=X non_json_errors=Y schema_violations=Z failures=F
# and fails unless X, Y, Z and F are 0.  The test suite runs a small budget (tests/registry/test_fuzz.py).
FUZZ_EXAMPLES ?= 200
FUZZ_SECONDS ?= 1800
fuzz-registry: registry-deps
	$(PY) scripts/fuzz_registry.py --max-examples $(FUZZ_EXAMPLES) --max-seconds $(FUZZ_SECONDS)

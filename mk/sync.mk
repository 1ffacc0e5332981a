# Sync engine (issue 5): publish / pull with the base, the journal and conflicts.
# make faults: 1,000 randomized publishes through a fault-injecting proxy (drops, stalls past
# the timeout, cut answers, 502/503), registry and client processes SIGKILLed now and then, a
# second editor editing the same province; ends with one line
#   faults: runs=N lost=X duplicated=Y conflicts_expected=A conflicts_surfaced=B
# (FAULT_RUNS=50 for a short run).  bench-publish: 10k new pins vs the sequential single-POST
# rate measured in the same rounds (medians of PUBLISH_BENCH_REPEAT).
FAULT_RUNS ?= 1000
FAULT_SEED ?= 20250131
PUBLISH_BENCH_PINS ?= 10000
PUBLISH_BENCH_REPEAT ?= 3

.PHONY: faults bench-publish test-sync

faults: registry-deps
	$(PY) scripts/faults/run_faults.py --runs $(FAULT_RUNS) --seed $(FAULT_SEED)

bench-publish: registry-deps
	$(PY) scripts/bench_publish.py --pins $(PUBLISH_BENCH_PINS) --repeat $(PUBLISH_BENCH_REPEAT)

test-sync: registry-deps
	$(PY) -m pytest tests/sync -q $(PYTEST_ARGS)

bench: bench-publish

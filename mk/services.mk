# Services, steps, documents and Zero Copy (docs/services.md).
.PHONY: services-files bench-services

# The fill-in template and the labelled sample shipped with the plugin, from the import's own
# headers (a test checks the committed files are what this writes).
services-files: venv
	$(PY) scripts/make_services_files.py

# Figures for docs/services.md: the in-place upgrade, the import, the Zero Copy status.
bench-services: venv ext_libs
	$(PY) scripts/bench_services.py

bench: bench-services

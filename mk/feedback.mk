# Citizens' feedback (issue 19): the intake rate and the national aggregation over 10 million
# SYNTHETIC responses in the real database (docs/feedback.md); figures, not pass/fail.
FEEDBACK_RESPONSES ?= 10000000
.PHONY: bench-feedback feedback-synthetic
bench-feedback: registry-deps
	$(PY) scripts/bench_feedback.py --responses $(FEEDBACK_RESPONSES)
bench: bench-feedback

# SYNTHETIC responses into a running `make registry` (REGISTRY_DATA): make feedback-synthetic
# FEEDBACK_ARGS="--moph --provinces 21 --responses 200000"
FEEDBACK_ARGS ?= --moph --provinces 21 --responses 200000
feedback-synthetic: registry-deps
	$(PY) scripts/feedback_synthetic.py $(FEEDBACK_ARGS) --registry-data $(REGISTRY_DATA)

# The pictures of docs/feedback.md, made by the tests themselves: the form in headless Chromium
# (docs/screenshots/feedback_form_*.png), a QR poster and the executive report's first pages
# (docs/reports/feedback_*.png).
.PHONY: feedback-pictures
feedback-pictures: venv registry-deps ext_libs i18n
	CITIZEN_PINS_SHOTS=$(CURDIR)/docs/screenshots CITIZEN_PINS_REPORT_PAGES=$(CURDIR)/docs/reports \
	    $(PY) -m pytest -q tests/registry/test_feedback_form.py tests/qgis/test_qr_posters.py \
	    tests/registry/test_feedback_analytics.py

# Release (issue 22): the plugin repository QGIS's Plugin Manager reads, served by the registry at
# <registry>/plugins/ (README, "Publish a new version").  One version, in metadata.txt.
#   make release PLUGIN_REPO_URL=https://registry.example.go.th/plugins/
#       dist/citizen_pins-<v>.zip checked as plugins.qgis.org checks an upload, then
#       dist/release/: plugins.xml + plugins.xsl (qgis-plugin-ci), citizen_pins.<v>.zip, the icon
#   make publish-plugin REGISTRY_PLUGINS=/var/lib/citizen-pins-registry/plugins
#       copies dist/release/ there (zip and icon first, plugins.xml last)
RELEASE_VENV := .venv-release
PLUGIN_REPO_URL ?= http://127.0.0.1:$(REGISTRY_PORT)/plugins/
REGISTRY_PLUGINS ?= $(REGISTRY_DATA)/plugins
RELEASE_DIR ?= dist/release
# The plugin's first day in plugins.xml: when metadata.txt was first committed (none without git).
PLUGIN_CREATED := $(shell git log --diff-filter=A --format=%as -- metadata.txt 2>/dev/null | tail -1)

.PHONY: release release-tools publish-plugin

$(RELEASE_VENV)/.stamp: requirements/release.txt | deps-package
	rm -rf $(RELEASE_VENV)
	$(SYS_PYTHON) -m venv $(RELEASE_VENV)
	$(RELEASE_VENV)/bin/python -m pip install -q --disable-pip-version-check -r requirements/release.txt
	touch $@
release-tools: $(RELEASE_VENV)/.stamp

release: package release-tools
	$(SYS_PYTHON) scripts/plugin_checks.py dist/$(PLUGIN)-$(VERSION).zip
	rm -rf "$(RELEASE_DIR)"
	$(RELEASE_VENV)/bin/python scripts/release.py --zip dist/$(PLUGIN)-$(VERSION).zip \
	    --url "$(PLUGIN_REPO_URL)" --out "$(RELEASE_DIR)" --created "$(PLUGIN_CREATED)"

publish-plugin:
	@test -f "$(RELEASE_DIR)/plugins.xml" || { echo "run make release first" >&2; exit 2; }
	mkdir -p "$(REGISTRY_PLUGINS)"
	cd "$(RELEASE_DIR)" && find . -type f ! -name 'plugins.x*' -exec cp --parents {} "$(abspath $(REGISTRY_PLUGINS))/" \;
	cp "$(RELEASE_DIR)/plugins.xsl" "$(REGISTRY_PLUGINS)/.plugins.xsl.part"
	mv "$(REGISTRY_PLUGINS)/.plugins.xsl.part" "$(REGISTRY_PLUGINS)/plugins.xsl"
	cp "$(RELEASE_DIR)/plugins.xml" "$(REGISTRY_PLUGINS)/.plugins.xml.part"
	mv "$(REGISTRY_PLUGINS)/.plugins.xml.part" "$(REGISTRY_PLUGINS)/plugins.xml"
	@echo "published $$(sed -n 's/.*<pyqgis_plugin [^>]*version=\"\([^\"]*\)\".*/\1/p' "$(RELEASE_DIR)/plugins.xml") into $(REGISTRY_PLUGINS)"

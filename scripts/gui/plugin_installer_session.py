"""Runs inside a real QGIS desktop (``qgis --code``), started by scripts/gui/run_qgis.py, as an
office does with Plugins > Manage and Install Plugins: the registry's plugin repository is added
(Settings tab), the repositories are read, and Citizen Pins is installed or upgraded -- all by
QGIS's own installer (pyplugin_installer from QGIS's python/plugins), the code behind that
dialog's buttons.

    CITIZEN_PINS_REPOSITORY   the repository's address (<registry>/plugins/plugins.xml)
    CITIZEN_PINS_EXPECT       "install" (a profile without the plugin) or "upgrade"

Writes what it saw to $CITIZEN_PINS_RESULT (JSON) and quits QGIS.
"""
import os
import sys

import pyplugin_installer
import qgis.utils
from pyplugin_installer.installer_data import plugins, reposGroup, repositories
from qgis.core import QgsApplication, QgsSettings
from qgis.utils import iface

sys.path.insert(0, os.environ["CITIZEN_PINS_GUI_DIR"])
from session_kit import Steps  # noqa: E402

KEY = "citizen_pins"
NAME = "Citizen Pins registry"
GROUP = reposGroup  # where the Settings tab keeps repositories
URL = os.environ["CITIZEN_PINS_REPOSITORY"]
EXPECT = os.environ["CITIZEN_PINS_EXPECT"]
#: the profile's plugin folder (QGIS 3.22: home_plugin_path; 3.40: HOME_PLUGIN_PATH)
HOME_PLUGINS = getattr(qgis.utils, "HOME_PLUGIN_PATH", None) or qgis.utils.home_plugin_path
S = Steps(os.environ["CITIZEN_PINS_RESULT"])
log = []
QgsApplication.messageLog().messageReceived.connect(
    lambda message, tag, level: log.append([tag, int(level), message]))


def plugin_state():
    p = plugins.all().get(KEY) or {}
    return {k: p.get(k) for k in ("status", "version_installed", "version_available",
                                  "zip_repository", "download_url", "changelog", "experimental",
                                  "error", "error_details", "icon", "name")}


def loaded_version():
    """The version the running plugin reads from its own metadata.txt (its code, reloaded)."""
    module = sys.modules.get(KEY + ".toolbelt.resources")
    if KEY not in qgis.utils.plugins or module is None:
        return None
    return module.plugin_metadata("version")


def add_repository():
    """What the Settings tab's "Add..." does: a named repository with its URL, enabled.  The
    official repository is switched off (no internet here)."""
    s = QgsSettings()
    s.setValue(f"{GROUP}/{NAME}/url", URL)
    s.setValue(f"{GROUP}/{NAME}/enabled", True)
    s.setValue(f"{GROUP}/QGIS Official Plugin Repository/enabled", False)
    S.obs("before", installed_dir=os.path.isdir(os.path.join(HOME_PLUGINS, KEY)),
          loaded=KEY in qgis.utils.plugins, loaded_version=loaded_version())


def fetch():
    """The Plugin Manager's "Reload all repositories": reads plugins.xml (a modal progress dialog
    that closes itself)."""
    S.expect_modal(lambda w: None, "the installer's fetching dialog (closes itself)")
    pyplugin_installer.instance().fetchAvailablePlugins(reloadMode=True)
    repo = repositories.all().get(NAME, {})
    S.obs("fetched", repository_state=repo.get("state"), repository_error=repo.get("error"),
          upgradeable=sorted(plugins.allUpgradeable()), plugin=plugin_state())


def install():
    """The plugin's "Install plugin" / "Upgrade plugin" button: download, unzip into the profile,
    load and start it (a modal progress dialog that closes itself)."""
    S.expect_modal(lambda w: None, "the installer's downloading dialog (closes itself)")
    pyplugin_installer.instance().installPlugin(KEY, quiet=True)
    S.obs("installed", plugin=plugin_state(), loaded=KEY in qgis.utils.plugins,
          active=KEY in qgis.utils.active_plugins, loaded_version=loaded_version(),
          enabled=QgsSettings().value(f"PythonPlugins/{KEY}", False, type=bool),
          installed_dir=os.path.isdir(os.path.join(HOME_PLUGINS, KEY)),
          provider=QgsApplication.processingRegistry().providerById(KEY) is not None)


def done():
    S.result["log"] = log


S.on_finish = lambda: iface.actionExit().trigger()
S.add(add_repository, fetch, install, done).start(delay_ms=2000)

"""The contents of the plugin zip (`make package`); metadata.txt and plugins.qgis.org's checks are
tests/qgis/test_plugin_scan.py's."""
import re
import zipfile

from conftest import REPO, package_version


def test_zip_holds_one_plugin_folder_and_nothing_else(packaged_zip):
    assert packaged_zip.name == f"citizen_pins-{package_version()}.zip"
    assert packaged_zip.stat().st_size < 25 * 1024 * 1024
    with zipfile.ZipFile(packaged_zip) as zf:
        names = zf.namelist()
    assert all(n.startswith("citizen_pins/") for n in names)
    for must in ("citizen_pins/__init__.py", "citizen_pins/metadata.txt", "citizen_pins/LICENSE",
                 "citizen_pins/plugin.py", "citizen_pins/ui/dock.ui",
                 "citizen_pins/i18n/citizen_pins_th.qm",
                 "citizen_pins/resources/icons/citizen_pins.svg",
                 "citizen_pins/ext_libs/geothai/_data/subdistricts.json",
                 "citizen_pins/ext_libs/geothai-3.2.1.dist-info/licenses/LICENSE"):
        assert must in names, must
    forbidden = [n for n in names if n.endswith((".pyc", ".pyo", ".ts", ".stamp"))
                 or "__pycache__" in n or "/tests/" in n or ".pytest_cache" in n
                 or ".hypothesis" in n or "resources_rc" in n]
    assert forbidden == []


def test_zip_is_reproducible(packaged_zip, tmp_path):
    import package  # scripts/ is put on sys.path by the packaged_zip fixture's import

    first = package.build(package_version(), tmp_path / "a")
    again = package.build(package_version(), tmp_path / "b")
    assert again.read_bytes() == first.read_bytes()


def test_no_compiled_resources_and_qt_only_through_qgis_pyqt():
    offenders = []
    for py in (REPO / "citizen_pins").rglob("*.py"):
        if "ext_libs" in py.parts:
            continue
        text = py.read_text(encoding="utf-8")
        for bad in (r"^\s*from PyQt[56]", r"^\s*import PyQt[56]", r"import .*resources_rc",
                    r"from \S*resources_rc", r"\.exec_\("):
            if re.search(bad, text, re.MULTILINE):
                offenders.append(f"{py.relative_to(REPO)}: {bad}")
    assert offenders == []


def test_make_deploy_installs_into_the_profile_given(tmp_path):
    import subprocess

    proc = subprocess.run(["make", "-s", "deploy", f"QGIS_PROFILE_DIR={tmp_path}"], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    installed = tmp_path / "python" / "plugins" / "citizen_pins"
    assert (installed / "metadata.txt").is_file() and (installed / "__init__.py").is_file()
    assert not list(installed.rglob("__pycache__"))


def test_authentication_manager_is_not_touched_when_qgis_starts():
    """Start-up code (the package, plugin.py, the provider, the dock) never calls the auth
    manager, so QGIS never asks for the master password at launch."""
    startup = [REPO / "citizen_pins" / "__init__.py", REPO / "citizen_pins" / "plugin.py",
               REPO / "citizen_pins" / "processing" / "provider.py",
               REPO / "citizen_pins" / "gui" / "dock.py", REPO / "citizen_pins" / "toolbelt" / "settings.py"]
    for path in startup:
        assert "authManager" not in path.read_text(encoding="utf-8"), path

"""Shared test configuration.

QGIS runs offscreen (pytest-qgis starts one QgsApplication per session).  Real data comes from
``../shared`` (CITIZEN_PINS_SHARED overrides it).
"""
import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared")).resolve()
BOUNDARIES = SHARED / "data" / "boundaries"
SIMPLIFIED_GPKG = BOUNDARIES / "thailand_admin_simplified.gpkg"
FULLRES_DIR = BOUNDARIES / "tambon_fullres"
MOPH_CSV = SHARED / "data" / "service_points" / "moph_health_facilities.csv"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def _gdal_as_qgis_runs_it() -> None:
    """GDAL's exceptions as the QGIS under test runs every plugin: QGIS 3.40 and later turn them
    on when their Processing plugin loads (processing/tools/raster.py calls
    ``gdal.UseExceptions()``; it loads in the desktop and in ``qgis_process`` alike), 3.22 leaves
    them off.  Set from the first test, not from the first one that happens to start Processing
    (tests/core/test_gdal_exception_modes.py runs its cases in both modes)."""
    from qgis.core import Qgis

    if Qgis.QGIS_VERSION_INT >= 34000:
        from osgeo import gdal

        gdal.UseExceptions()


_gdal_as_qgis_runs_it()


@pytest.fixture(scope="session")
def shared_data():
    """The real Thai boundaries and the MOPH register; a clear failure if they are missing."""
    if not SIMPLIFIED_GPKG.is_file():
        pytest.fail(f"Real test data missing: {SIMPLIFIED_GPKG}. Put the project's shared/ folder "
                    "next to the repository or set CITIZEN_PINS_SHARED.")
    return SHARED


@pytest.fixture(scope="session")
def simplified_gpkg(shared_data):
    """The simplified national boundaries (layers adm1_province, adm2_amphoe, adm3_tambon)."""
    return SIMPLIFIED_GPKG


@pytest.fixture(scope="session")
def fullres_dir(shared_data):
    """Folder of full-resolution tambon zips, one per province (``/vsizip/`` to read)."""
    return FULLRES_DIR


@pytest.fixture(scope="session")
def moph_csv(shared_data):
    """The real MOPH health-facility register (11,301 rows, with its real errors)."""
    return MOPH_CSV


QGIS_PROCESS = "/usr/bin/qgis_process.bin"  # Debian's wrapper passes --noversioncheck, which 3.22 rejects


@pytest.fixture(scope="session")
def packaged_zip(tmp_path_factory):
    """The plugin zip, built from the working tree by scripts/package.py (as `make package`)."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import package
    finally:
        sys.path.pop(0)
    version = package_version()
    return package.build(version, tmp_path_factory.mktemp("dist"))


def package_version():
    import configparser

    cp = configparser.ConfigParser(interpolation=None)
    cp.read(REPO / "metadata.txt", encoding="utf-8")
    return cp.get("general", "version")


@pytest.fixture(scope="session")
def qgis_process(packaged_zip, tmp_path_factory):
    """Run /usr/bin/qgis_process.bin with the unzipped plugin enabled in a throwaway profile.

    Returns a function ``run(*args, check=True) -> CompletedProcess`` (stdout/stderr as text).
    """
    import subprocess
    import zipfile

    # a profile and plugin folder under a non-ASCII name with a space, as on Windows
    # (C:\Users\สมชาย ใจดี\AppData\Roaming\QGIS\QGIS3\profiles\default)
    root = tmp_path_factory.mktemp("qgis_process") / "ผู้ใช้ ทดสอบ"
    root.mkdir()
    plugins = root / "plugins"
    with zipfile.ZipFile(packaged_zip) as zf:
        zf.extractall(plugins)
    runtime = root / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, QGIS_PLUGINPATH=str(plugins), HOME=str(root / "home"),
               XDG_RUNTIME_DIR=str(runtime), QT_QPA_PLATFORM="offscreen",
               PYTHONDONTWRITEBYTECODE="1")
    # pytest-qgis points these at its own profile; the subprocess gets a fresh one under HOME.
    for var in ("PYTHONPATH", "QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):
        env.pop(var, None)

    def run(*args, check=True, timeout=600):
        proc = subprocess.run([QGIS_PROCESS, *args], env=env, capture_output=True, text=True,
                              timeout=timeout)
        if check and proc.returncode != 0:
            raise AssertionError(f"qgis_process {' '.join(args)} failed ({proc.returncode}):\n"
                                 f"{proc.stdout}\n{proc.stderr}")
        return proc

    run("plugins", "enable", "citizen_pins")
    run.plugins_dir = plugins
    run.env = env
    return run


@pytest.fixture(scope="module")
def provider(qgis_processing):
    """The citizen_pins Processing provider, registered for a module's tests (processing.run)."""
    from qgis.core import QgsApplication

    from citizen_pins.processing.provider import CitizenPinsProvider

    registry = QgsApplication.processingRegistry()
    added = None
    if registry.providerById("citizen_pins") is None:
        added = CitizenPinsProvider()
        assert registry.addProvider(added)
    yield registry.providerById("citizen_pins")
    if added is not None:
        registry.removeProvider(added)


@pytest.fixture(autouse=True)
def clean_plugin_settings():
    """Each test starts with no citizen_pins settings (pytest-qgis keeps a profile in
    .qgis-settings/ between runs)."""
    from qgis.core import QgsSettings

    QgsSettings().remove("citizen_pins")
    yield
    QgsSettings().remove("citizen_pins")


# QGIS 3.22 can crash while the interpreter tears down Qt/QGIS objects after the last test (seen
# here as a segfault after pytest's summary, with every test passed), which would turn a green
# run red.  Once pytest has reported everything, leave with pytest's own exit status.
_EXIT_STATUS = {}


def pytest_sessionfinish(session, exitstatus):
    _EXIT_STATUS["status"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    if "status" in _EXIT_STATUS and not os.environ.get("CITIZEN_PINS_NORMAL_EXIT"):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS["status"])


# Test modules of the folders without a conftest.py of their own (core, gui, qgis) import names
# from this one (`from conftest import REPO`).  pytest registers every conftest.py as the module
# "conftest", the last one loaded winning: given test ids from several folders it loads
# tests/registry's and tests/sync's at start, and those modules then failed to import
# ("cannot import name 'REPO' from 'conftest' (tests/sync/conftest.py)").  Before such a module
# is imported, "conftest" is this file again.
_THIS_CONFTEST = sys.modules[__name__]
_TESTS = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)
def pytest_collectstart(collector):
    if isinstance(collector, pytest.Module):
        folder = Path(str(collector.path)).resolve().parent
        if folder == _TESTS or not (folder / "conftest.py").exists():
            sys.modules["conftest"] = _THIS_CONFTEST

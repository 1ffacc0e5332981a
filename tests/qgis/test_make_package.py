"""`make package` needs only what the zip needs: pip for the bundled geothai and lrelease, not
the development and registry venv (whose pins, e.g. psycopg2-binary or rasterio, have no wheels
for every Python: on 3.14 the zip could not be built at all)."""
import os
import shutil
import subprocess
import zipfile

import pytest

from conftest import REPO, package_version

pytestmark = pytest.mark.slow


#: What `make` builds or runs in a checkout: left out of the fresh copy.
BUILT = (".git", ".venv", ".venv-qt6", ".venv-release", ".registry", ".qgis-settings", "dist",
         "out", "ext_libs", "__pycache__", "*.qm", ".pytest_cache", ".hypothesis")


def test_make_package_builds_the_zip_without_the_dev_venv(tmp_path):
    src = tmp_path / "checkout"
    shutil.copytree(REPO, src, ignore=shutil.ignore_patterns(*BUILT))
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("VIRTUAL_ENV", "PYTHON", "MAKE", "MFLAGS"))}
    proc = subprocess.run(["make", "package"], cwd=src, env=env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert not (src / ".venv").exists(), "make package made the development venv"
    zpath = src / "dist" / f"citizen_pins-{package_version()}.zip"
    with zipfile.ZipFile(zpath) as zf:
        names = zf.namelist()
    assert "citizen_pins/ext_libs/geothai/_data/subdistricts.json" in names
    assert "citizen_pins/i18n/citizen_pins_th.qm" in names

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

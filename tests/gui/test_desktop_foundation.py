"""The plugin in a real QGIS desktop under Xvfb, installed from the zip into a fresh profile."""
import sys

import pytest

from conftest import REPO

pytestmark = [pytest.mark.gui, pytest.mark.slow]
sys.path.insert(0, str(REPO / "scripts" / "gui"))
import run_qgis  # noqa: E402


@pytest.fixture(scope="module", params=["en", "th"])
def session(request, packaged_zip, tmp_path_factory, shared_data):
    shots = tmp_path_factory.mktemp(f"shots_{request.param}")
    result = run_qgis.run(REPO / "scripts" / "gui" / "foundation_session.py", packaged_zip,
                          request.param, shots)
    result["lang"] = request.param
    return result


def test_menu_toolbar_dock_and_provider_present(session):
    assert session["errors"] == []
    initial = session["initial"]
    assert initial["loaded"] and initial["provider"]
    assert initial["toolbars"] == ["CitizenPinsToolbar"]
    assert initial["docks"] == ["CitizenPinsDock"]
    assert "&Citizen Pins" in initial["menu_titles"]
    assert len(initial["menu_items"]) == 4  # panel, new working copy, pin tool, Zero Copy map


def test_unload_and_load_twice_leave_no_trace_and_no_error(session):
    assert len(session["cycles"]) == 2
    for cycle in session["cycles"]:
        gone = cycle["after_unload"]
        assert not gone["loaded"] and not gone["provider"]
        assert gone["toolbars"] == [] and gone["docks"] == [] and gone["menu_titles"] == []
        back = cycle["after_load"]
        assert back["toolbars"] == ["CitizenPinsToolbar"] and back["docks"] == ["CitizenPinsDock"]
    assert session["warnings_or_worse"] == []
    python_errors = [m for m in session["log"] if m[0] == "Python error"]
    assert python_errors == []


def test_dock_speaks_the_users_language(session):
    text = session["dock_text"]
    if session["lang"] == "th":
        assert "หมุด 0 จุด" in text["working_copy"] and "ระยอง" in text["working_copy"]
        assert "ใช้อยู่: adm3_tambon (7425 รูปปิด)" in text["boundary"]
        assert "รายการรหัสกรมการปกครอง" in text["about"]
    else:
        assert "province Rayong" in text["working_copy"] and "0 pin(s)" in text["working_copy"]
        assert "In use: adm3_tambon (7425 polygons)" in text["boundary"]


def test_screenshots_were_taken(session):
    from qgis.PyQt.QtGui import QImage

    image = QImage(session["screenshot"])
    assert image.width() >= 1200 and image.height() >= 800
    menu = QImage(session["menu_screenshot"])
    assert menu.width() > 50 and menu.height() > 30

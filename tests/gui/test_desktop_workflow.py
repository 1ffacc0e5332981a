"""The daily workflow in a real QGIS desktop under Xvfb against a real registry on 127.0.0.1
(scripts/gui/workflow_screens.py, the same run as `make screenshots`): the outcome is asserted,
not only that windows opened."""
import sys

import pytest

from conftest import REPO

pytestmark = [pytest.mark.gui, pytest.mark.slow, pytest.mark.registry]
sys.path.insert(0, str(REPO / "scripts" / "gui"))
import workflow_screens  # noqa: E402


@pytest.fixture(scope="module")
def outcome(packaged_zip, tmp_path_factory, shared_data):
    shots = tmp_path_factory.mktemp("workflow_shots")
    result = workflow_screens.run(packaged_zip, shots, shared=shared_data)
    result["shots"] = shots
    return result


def test_registry_was_seeded_and_stopped_cleanly(outcome):
    assert outcome["seed"]["created"] == outcome["seed"]["sent"] > 100
    assert outcome["registry_exit"] == 0


@pytest.mark.parametrize("lang", ["th", "en"])
def test_connect_pull_pin_validate(outcome, lang):
    r = outcome["langs"][lang]
    assert r["errors"] == []
    assert r["steps"] == ["1_connect", "2_pull", "3_pin_form", "4_findings"]
    assert r["account_provinces"] == ["21"]
    assert ("ระยอง (21)" if lang == "th" else "Rayong (21)") in r["connection"]
    assert r["pulled"] == outcome["seed"]["created"]
    assert r["pin_tool_active"]
    assert r["new_pin_codes"] == ["21", "2101", "210101"]
    assert r["pins_after_add"] == r["pulled"] + 1 == r["pins_saved"]
    f = r["findings"]
    assert f["rows"] == f["errors"] + f["warnings"] > 0
    assert str(f["errors"]) in f["summary"] and str(r["pins_saved"]) in f["summary"]
    assert f["new_pin"] == []  # the pin placed with the tool is clean


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_screenshot_per_step(outcome, lang):
    from qgis.PyQt.QtGui import QImage

    for step in ("1_connect", "2_pull", "3_pin_form", "4_findings"):
        image = QImage(str(outcome["shots"] / f"workflow_{step}_{lang}.png"))
        assert image.width() >= 1400 and image.height() >= 900, step

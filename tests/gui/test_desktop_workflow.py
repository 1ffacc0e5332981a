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


STEPS = ["1_connect", "2_pull", "3_pin_form", "4_findings", "5_publish_preview", "6_published"]
# The Thai session runs first, the English one second, against the same registry.
RUN = {"th": (0, "210101"), "en": (1, "210102")}


@pytest.mark.parametrize("lang", ["th", "en"])
def test_connect_pull_pin_validate_publish(outcome, lang):
    r = outcome["langs"][lang]
    earlier, tambon = RUN[lang]
    assert r["errors"] == []
    assert r["steps"] == STEPS
    assert r["account_provinces"] == ["21"]
    assert ("ระยอง (21)" if lang == "th" else "Rayong (21)") in r["connection"]
    assert r["pulled"] == outcome["seed"]["created"] + earlier  # and the earlier run's pin
    assert r["pin_tool_active"]
    assert r["new_pin_codes"] == ["21", "2101", tambon]
    assert r["pins_after_add"] == r["pulled"] + 1 == r["pins_saved"]
    f = r["findings"]
    assert f["rows"] == f["errors"] + f["warnings"] > 0
    assert str(f["errors"]) in f["summary"] and str(r["pins_saved"]) in f["summary"]
    assert f["new_pin"] == []  # the pin placed with the tool is clean
    # The publish: previewed (one pin added), validated, sent; the registry has it.
    assert r["preview"]["state"] == "ready" and r["preview"]["blocking"] == 0
    assert ("เพิ่ม 1" if lang == "th" else "1 added") in r["preview"]["counts"]
    assert r["published"] == {"ADDED": 1, "CHANGED": 0, "DELETED": 0, "CONFLICTS": 0,
                              "FAILED": 0, "PENDING": 0}
    assert r["registry_pins_after"] == r["pins_saved"]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_screenshot_per_step(outcome, lang):
    from qgis.PyQt.QtGui import QImage

    for step in STEPS:
        image = QImage(str(outcome["shots"] / f"workflow_{step}_{lang}.png"))
        assert image.width() >= 1400 and image.height() >= 900, step

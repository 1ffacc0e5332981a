"""Services in a real QGIS desktop under Xvfb (scripts/gui/services_session.py, the same run as
`make screenshots`): the pin's form with its services, a service's documents and steps, the Zero
Copy map and back -- the outcome asserted, not only that windows opened."""
import sys

import pytest

from conftest import REPO

pytestmark = [pytest.mark.gui, pytest.mark.slow]
sys.path.insert(0, str(REPO / "scripts" / "gui"))
import services_screens  # noqa: E402

TABS = {"th": (["จุดให้บริการ", "งานบริการ"], ["งานบริการ", "ขั้นตอน", "เอกสาร"],
               "ยังเรียกสำเนาบางงานบริการ"),
        "en": (["Service point", "Services"], ["Service", "Steps", "Documents"],
               "Partial: some services demand copies")}
STEPS = ["1_pin_form_documents", "2_pin_form_steps", "3_zero_copy_map"]


@pytest.fixture(scope="module")
def outcome(packaged_zip, tmp_path_factory, shared_data):
    shots = tmp_path_factory.mktemp("services_shots")
    result = services_screens.run(packaged_zip, shots)
    result["shots"] = shots
    return result


@pytest.mark.parametrize("lang", ["th", "en"])
def test_pin_form_services_steps_documents_and_the_zero_copy_map(outcome, lang):
    r = outcome[lang]
    pin_tabs, service_tabs, partial = TABS[lang]
    assert r["errors"] == [] and r["steps"] == STEPS
    assert r["sample_added"] == {"services": 5, "service_steps": 15, "service_documents": 21}
    assert r["pins"] == 6
    # the Chatuchak office: the sample's five services, 3 of them still demanding 5 copies
    assert (r["office_status"], r["office_copies"]) == ("partial", 5)
    assert r["pin_tabs"] == pin_tabs and r["service_tabs"] == service_tabs
    assert r["services_listed"] == 5
    assert (r["documents_listed"], r["steps_listed"]) == (7, 3)  # the building permit's
    assert r["map_checked"] and r["map_field"] == "zero_copy_status"
    assert r["legend"][1] == partial and len(r["legend"]) == 4
    assert r["statuses"] == ["copies_demanded", "no_services", "no_services", "partial",
                             "zero_copy", "zero_copy"]
    assert r["plain_field"] == "point_type"  # switched back


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_screenshot_per_step(outcome, lang):
    from qgis.PyQt.QtGui import QImage

    for step in STEPS:
        image = QImage(str(outcome["shots"] / f"services_{step}_{lang}.png"))
        assert image.width() >= 1400 and image.height() >= 900, step

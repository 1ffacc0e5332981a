"""Issue 19: the citizens' feedback form in a real browser -- Debian's Chromium, headless, driven
by chromium-driver -- against the real registry: open the form of a pin (as its QR code does),
answer with the keyboard and the pointer, send, see the thanks and the response stored (its phone
number stripped); under the page's own Content-Security-Policy (nothing blocked, nothing external
loaded), accessible (every control labelled, targets at least 48 px), Thai first and English.

CITIZEN_PINS_SHOTS=folder keeps the screenshots (docs/screenshots/ has them)."""
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
import requests

from registry_helpers import auth, new_feature

pytestmark = pytest.mark.registry
CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
if not (CHROMIUM.exists() and DRIVER.exists()):
    pytest.skip("Debian's chromium and chromium-driver are not installed "
                "(scripts/install-system-deps.sh installs them)", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

PHONE = (412, 915)  # CSS pixels of a common Android phone


@pytest.fixture(scope="module")
def browser():
    profile = tempfile.mkdtemp(prefix="cp-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              f"--user-data-dir={profile}", f"--window-size={PHONE[0]},{PHONE[1]}",
              "--force-device-scale-factor=1", "--lang=th-TH"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=opts)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def pin(registry):
    f = new_feature(registry.point_in("210101"), "21", name_th="ที่ว่าการอำเภอเมืองระยอง (ทดสอบ)",
                    name_en="Mueang Rayong District Office (test)")
    r = requests.post(registry.items_url(), data=json.dumps(f), auth=auth("rayong"),
                      headers={"Content-Type": "application/geo+json"}, timeout=30)
    assert r.status_code == 201, r.text
    return f["id"]


@pytest.fixture(scope="module")
def service(registry, pin):
    """One of the pin's services in the registry: the form offers it (optional)."""
    import uuid
    s = {"type": "Feature", "id": str(uuid.uuid4()), "geometry": None,
         "properties": {"pin_id": pin, "name_th": "ขอมีบัตรประจำตัวประชาชน <ทดสอบ>",
                        "name_en": "Identity card", "channel": "counter", "fee_kind": "none",
                        "active": True, "steps": [], "documents": []}}
    r = requests.post(f"{registry.url}/collections/services/items", data=json.dumps(s),
                      auth=auth("rayong"), headers={"Content-Type": "application/geo+json"},
                      timeout=30)
    assert r.status_code == 201, r.text
    return s["id"]


def shot(driver, name):
    folder = os.environ.get("CITIZEN_PINS_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(folder) / name))


def choose(driver, name, value):
    driver.find_element(By.CSS_SELECTOR, f"input[name={name}][value='{value}']") \
        .find_element(By.XPATH, "..").click()


def test_a_citizen_fills_the_form_and_the_answer_is_stored(registry, browser, pin, service):
    r = requests.get(f"{registry.url}/feedback/{pin}", timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    csp = r.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "script-src 'sha256-" in csp
    assert "connect-src 'self'" in csp and "default-src 'none'" in csp
    assert len(r.content) < 20000  # a slow connection
    browser.get(f"{registry.url}/feedback/{pin}")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "th"
    assert "ที่ว่าการอำเภอเมืองระยอง" in browser.find_element(By.TAG_NAME, "header").text
    # accessible: every control has a label, every question a legend, large targets
    report = browser.execute_script("""
        const out = {unlabelled: [], small: [], legends: 0};
        for (const el of document.querySelectorAll('input, select, textarea')) {
          const labelled = el.closest('label') || (el.id &&
              document.querySelector('label[for="' + el.id + '"]'));
          if (!labelled) out.unlabelled.push(el.name || el.id);
        }
        for (const el of document.querySelectorAll('.scale label, .yn label, button, select'))
          if (el.offsetParent !== null && el.getBoundingClientRect().height < 48)
            out.small.push(el.textContent);  // (the hidden complaint box: checked below)
        out.legends = document.querySelectorAll('fieldset > legend').length;
        return out;""")
    assert report["unlabelled"] == [] and report["small"] == [], report
    assert report["legends"] == 10
    shot(browser, "feedback_form_th.png")
    # the keyboard: space chooses a scale's first answer, the arrow keys move along it
    first = browser.find_element(By.CSS_SELECTOR, "input[name=satisfaction][value='1']")
    first.send_keys(Keys.SPACE)
    for _ in range(3):
        browser.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    assert browser.find_element(By.CSS_SELECTOR, "input[name=satisfaction]:checked") \
        .get_attribute("value") == "4"
    # the service the citizen came for (optional): the pin's services, names escaped
    box = browser.find_element(By.ID, "service")
    labels = [o.text for o in box.find_elements(By.TAG_NAME, "option")]
    assert labels[1:] == ["ขอมีบัตรประจำตัวประชาชน <ทดสอบ>"], labels
    browser.find_element(By.CSS_SELECTOR, f"#service option[value='{service}']").click()
    choose(browser, "employee", 5)
    choose(browser, "efficiency", 2)
    choose(browser, "asked_copy", "yes")
    choose(browser, "asked_payment", "no")
    browser.find_element(By.ID, "comment").send_keys("รอคิวนาน ขอสำเนาบัตรด้วย ติดต่อ 081-234-5678")
    browser.find_element(By.ID, "has_complaint").send_keys(Keys.SPACE)
    category = browser.find_element(By.ID, "category")
    assert category.is_displayed() and category.size["height"] >= 48
    browser.find_element(By.CSS_SELECTOR, "#category option[value=documents]").click()
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").send_keys(Keys.ENTER)
    deadline = time.monotonic() + 30
    result = browser.find_element(By.ID, "result")
    while time.monotonic() < deadline and "ok" not in (result.get_attribute("class") or ""):
        time.sleep(0.2)
    assert "ขอบคุณ" in result.text, result.text
    assert browser.switch_to.active_element == result  # announced and focused
    assert not browser.find_element(By.ID, "fb").is_displayed()
    shot(browser, "feedback_form_thanks_th.png")
    rows = registry.query("SELECT * FROM feedback WHERE pin_id = %s", (pin,))
    assert len(rows) == 1
    row = rows[0]
    assert (row["satisfaction"], row["employee"], row["efficiency"], row["trust"]) == (4, 5, 2, None)
    assert row["asked_copy"] is True and row["asked_payment"] is False
    assert row["complaint_category"] == "documents"
    assert row["service_id"] == service
    assert row["comment"].startswith("รอคิวนาน") and "081" not in row["comment"]
    # nothing blocked by the CSP, no error, nothing fetched from anywhere else
    logs = browser.get_log("browser")
    assert not [e for e in logs if e["level"] == "SEVERE"], logs
    urls = set()
    for e in browser.get_log("performance"):
        msg = json.loads(e["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent" and \
                msg["params"].get("documentURL", "").startswith(registry.url):  # (not new tab)
            urls.add(msg["params"]["request"]["url"])
    # data: URLs are no network request (the date input's own calendar icon is one)
    urls = {u for u in urls if not u.startswith("data:")}
    assert urls and all(u.startswith(registry.url + "/") for u in urls), urls


def test_the_english_form_and_the_registrys_refusal_in_the_page(registry, browser, pin):
    browser.get(f"{registry.url}/feedback/{pin}?lang=en")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert "Mueang Rayong District Office" in browser.find_element(By.TAG_NAME, "header").text
    shot(browser, "feedback_form_en.png")
    # without the required answer the page says so, and sends nothing
    before = len(registry.query("SELECT 1 FROM feedback WHERE pin_id = %s", (pin,)))
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    result = browser.find_element(By.ID, "result")
    assert "first question" in result.text
    # the registry's own refusal (a visit too long ago) shows in the page's language
    browser.execute_script("document.getElementById('visit_date').value = '2001-01-01'")
    choose(browser, "satisfaction", 5)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and "err" not in (result.get_attribute("class") or "") \
            or "visit_date" not in result.text and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "visit_date must be within the last 90 days" in result.text, result.text
    assert len(registry.query("SELECT 1 FROM feedback WHERE pin_id = %s", (pin,))) == before

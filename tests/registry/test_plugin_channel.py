"""The plugin's update channel and the compatibility handshake, against a real registry started
here (its own: it requires a plugin newer than this one, REGISTRY_PLUGIN_MIN_VERSION).

* install and update: `make release`'s repository (qgis-plugin-ci's plugins.xml) published into
  the registry; a real QGIS with a fresh profile adds <registry>/plugins/plugins.xml and QGIS's own
  installer (pyplugin_installer) installs Citizen Pins from it; a newer version is published; QGIS
  started again on the same profile offers it as an upgrade and its installer upgrades it, and
  the running plugin is the new one.
* the handshake: this plugin, older than the registry's minimum, says so in Thai and English and
  sends no write; the plugin as main shipped it before the handshake (0.1.0, git c5e32ec) is
  refused by the registry with the same advice, and nothing is written.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from pathlib import Path

import pytest

from registry_helpers import REPO

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "sync"))  # sync_helpers: pins in a working copy
from registry import launcher  # noqa: E402
from registry.plugin_channel import PluginChannel  # noqa: E402

pytestmark = [pytest.mark.registry, pytest.mark.slow]

SHARED = Path(os.environ.get("CITIZEN_PINS_SHARED", REPO.parent / "shared")).resolve()
RELEASE_PYTHON = REPO / ".venv-release" / "bin" / "python"
#: main before this issue: the last plugin without the handshake (metadata says 0.1.0)
BEFORE_HANDSHAKE = "c5e32ec"


def _version():
    sys.path.insert(0, str(REPO / "scripts"))
    import plugin_checks
    sys.path.pop(0)
    return plugin_checks.read_metadata((REPO / "metadata.txt").read_text(encoding="utf-8"))[
        "version"]


VERSION = _version()
NEWER = ".".join(VERSION.split(".")[:2] + [str(int(VERSION.split(".")[2]) + 1)])


# -- the channel's rules, without a server ------------------------------------------------------

def test_who_is_refused_by_default(tmp_path):
    ch = PluginChannel(str(tmp_path), "https://registry.example.go.th/")
    assert ch.minimum_version == "0.2.0"
    refused = ch.refusal({"HTTP_X_CITIZEN_PINS_CLIENT": "1"})  # 0.1.0 said "1"
    assert refused["code"] == "plugin_outdated" and "0.1.0" in refused["message_en"]
    assert "https://registry.example.go.th/plugins/plugins.xml" in refused["message_th"]
    assert ch.refusal({"HTTP_X_CITIZEN_PINS_CLIENT": "0.1.9"}) is not None
    assert ch.refusal({"HTTP_X_CITIZEN_PINS_CLIENT": "0.2.0"}) is None
    assert ch.refusal({"HTTP_X_CITIZEN_PINS_CLIENT": "0.10.0"}) is None  # not a string compare
    assert ch.refusal({}) is None  # other OGC API clients are not concerned
    assert ch.support()["latest_version"] is None  # nothing published yet
    with pytest.raises(ValueError):
        PluginChannel(str(tmp_path), "http://x", "latest")


# -- a registry of its own ----------------------------------------------------------------------

def _build(version: str, work: Path) -> Path:
    """The package of this checkout at ``version`` (metadata.txt's version and changelog
    changed, nothing else): what `make package` would build after the bump."""
    sys.path.insert(0, str(REPO / "scripts"))
    import package
    sys.path.pop(0)
    built = package.build(VERSION, work / "built")
    if version == VERSION:
        return built
    out = work / f"citizen_pins-{version}.zip"
    with zipfile.ZipFile(built) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            data = zi.read(info)
            if info.filename == "citizen_pins/metadata.txt":
                text = data.decode("utf-8")
                assert f"version={VERSION}\n" in text and f"changelog={VERSION} " in text
                text = text.replace(f"version={VERSION}\n", f"version={version}\n").replace(
                    f"changelog={VERSION} ",
                    f"changelog={version} A newer build, to test updates.\n    {VERSION} ")
                data = text.encode("utf-8")
            zo.writestr(info, data)
    return out


def _publish(zip_path: Path, reg, work: Path) -> str:
    """`make release` + `make publish-plugin`: scripts/release.py (qgis-plugin-ci) in
    .venv-release, then the files into the registry's plugins folder, plugins.xml last."""
    assert RELEASE_PYTHON.is_file(), "run `make release-tools` (make test does)"
    out = work / f"release-{zip_path.stem}"
    proc = subprocess.run([str(RELEASE_PYTHON), str(REPO / "scripts" / "release.py"),
                           "--zip", str(zip_path), "--url", reg.url + "/plugins/",
                           "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = subprocess.run(["make", "-s", "publish-plugin", f"REGISTRY_PLUGINS={reg.plugins}",
                           f"RELEASE_DIR={out}"], cwd=REPO, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return reg.url + "/plugins/plugins.xml"


@pytest.fixture(scope="module")
def channel_registry(shared_data):
    """A registry that needs a plugin newer than this one, with an access log."""
    # as root, PostgreSQL runs as the postgres user and must enter the folder (pytest's is 0700)
    data = Path(tempfile.mkdtemp(prefix="cp-channel-"))
    os.chmod(data, 0o755)
    access = data / "access.log"
    reg = launcher.start(data, SHARED / "data" / "boundaries" / "thailand_admin_simplified.gpkg",
                         env={"REGISTRY_PLUGIN_MIN_VERSION": NEWER,
                              "REGISTRY_ACCESS_LOG": str(access)})
    reg.plugins = data / "plugins"
    reg.access = access
    try:
        yield reg
    finally:
        code = reg.stop()
        text = reg.log_path.read_text()
        shutil.rmtree(data, ignore_errors=True)
        assert code == 0, text[-3000:]


def test_nothing_published_yet_is_a_4xx_in_thai_and_english(channel_registry, http):
    r = http.get(channel_registry.url + "/plugins/plugins.xml", timeout=30)
    assert r.status_code == 404 and r.json()["code"] == "no_plugin_published"
    assert r.json()["message_th"]
    for bad in ("/plugins/../state.json", "/plugins/%2e%2e/state.json", "/plugins/.hidden.zip",
                "/plugins/serve.log"):
        r = http.get(channel_registry.url + bad, timeout=30)
        assert r.status_code == 404 and r.headers["Content-Type"].startswith("application/json")
    r = http.post(channel_registry.url + "/plugins/plugins.xml", data=b"x", timeout=30)
    assert r.status_code == 405 and r.json()["message_th"]


def _qgis(session_env, work):
    sys.path.insert(0, str(REPO / "scripts" / "gui"))
    import run_qgis
    sys.path.pop(0)
    return run_qgis.run(REPO / "scripts" / "gui" / "plugin_installer_session.py", None, "en",
                        work / "shots", extra_env=session_env, work=work / "qgis", timeout=300,
                        app_settings="plugin_installer\\checkOnStart=false\n")


def test_an_office_installs_from_the_registry_and_gets_the_update(channel_registry, http,
                                                                   tmp_path):
    reg = channel_registry
    repo_url = _publish(_build(VERSION, tmp_path), reg, tmp_path)
    xml = http.get(repo_url, timeout=30)
    assert xml.status_code == 200 and "qgis-plugin-ci" in xml.text
    landing = http.get(reg.url + "/?f=json", timeout=30).json()
    assert landing["citizen_pins_plugin"] == {
        "minimum_version": NEWER, "latest_version": VERSION, "repository": repo_url}
    assert {"rel": "plugin-repository", "href": repo_url} .items() <= next(
        link for link in landing["links"] if link["rel"] == "plugin-repository").items()

    # a fresh profile: the repository added, Citizen Pins installed by QGIS's installer
    first = _qgis({"CITIZEN_PINS_REPOSITORY": repo_url, "CITIZEN_PINS_EXPECT": "install"},
                  tmp_path)
    assert first["errors"] == [] and first["unexpected_modals"] == [], first
    obs = first["obs"]
    assert obs["before"] == {"installed_dir": False, "loaded": False, "loaded_version": None}
    assert obs["fetched"]["repository_state"] == 2 and not obs["fetched"]["repository_error"]
    offered = obs["fetched"]["plugin"]
    assert offered["status"] == "not installed" and offered["version_available"] == VERSION
    assert offered["download_url"] == f"{reg.url}/plugins/citizen_pins.{VERSION}.zip"
    assert offered["changelog"].startswith(VERSION) and offered["experimental"] is False
    got = obs["installed"]
    assert got["plugin"]["status"] == "installed" and got["plugin"]["version_installed"] == VERSION
    assert got["loaded"] and got["active"] and got["enabled"] and got["provider"]
    assert got["loaded_version"] == VERSION

    # a newer version published; QGIS started again on the same profile upgrades to it
    _publish(_build(NEWER, tmp_path), reg, tmp_path)
    second = _qgis({"CITIZEN_PINS_REPOSITORY": repo_url, "CITIZEN_PINS_EXPECT": "upgrade"},
                   tmp_path)
    assert second["errors"] == [] and second["unexpected_modals"] == [], second
    obs = second["obs"]
    assert obs["before"]["loaded_version"] == VERSION  # the installed plugin loads at start-up
    assert obs["fetched"]["upgradeable"] == ["citizen_pins"]
    assert obs["fetched"]["plugin"]["status"] == "upgradeable"
    assert obs["fetched"]["plugin"]["changelog"].startswith(f"{NEWER} A newer build")
    got = obs["installed"]
    assert got["plugin"]["status"] == "installed" and got["plugin"]["version_installed"] == NEWER
    assert got["loaded_version"] == NEWER and got["active"] and got["provider"]
    assert http.get(reg.url + "/?f=json", timeout=30).json()["citizen_pins_plugin"][
        "latest_version"] == NEWER
    log = reg.access.read_text()
    assert f"GET /plugins/citizen_pins.{VERSION}.zip" in log
    assert f"GET /plugins/citizen_pins.{NEWER}.zip" in log


def _writes(reg) -> list:
    return [line for line in reg.access.read_text().splitlines()
            if '"POST ' in line or '"PUT ' in line or '"DELETE ' in line]


def test_an_older_plugin_asks_to_update_and_sends_nothing(channel_registry, tmp_path,
                                                          qgis_app):
    """This plugin against a registry that needs a newer one: publish stops before anything is
    sent, with the advice in Thai and English."""
    from sync_helpers import add_pin

    from citizen_pins.core.working_copy import create_working_copy
    from citizen_pins.registry.client import RegistryClient
    from citizen_pins.registry.errors import RegistryError
    from citizen_pins.registry.sync import publish

    reg = channel_registry
    wc = tmp_path / "pins.gpkg"
    create_working_copy(str(wc), "21", "test")
    add_pin(str(wc), [101.25, 12.68], name_th="โรงพยาบาลทดสอบการปรับรุ่น")
    before = _writes(reg)
    with pytest.raises(RegistryError) as e:
        publish(str(wc), RegistryClient(reg.url, "", timeout_s=30))
    err = e.value
    assert err.code == "plugin_outdated"
    assert f"Citizen Pins {NEWER} or newer" in err.message_en and VERSION in err.message_en
    assert "ปรับรุ่นปลั๊กอิน" in err.message_th and NEWER in err.message_th
    assert f"{reg.url}/plugins/plugins.xml" in err.message_en
    assert _writes(reg) == before  # nothing was sent
    assert launcher.query(reg.data, "SELECT count(*) AS n FROM service_points")[0]["n"] == 0

    # and had it been sent anyway, the registry would refuse it, saying the same
    import requests

    r = requests.post(reg.url + "/collections/service_points/items", timeout=30,
                      headers={"X-Citizen-Pins-Client": VERSION}, json={"type": "Feature"})
    assert r.status_code == 400 and r.json()["code"] == "plugin_outdated"
    assert r.json()["citizen_pins_plugin"]["minimum_version"] == NEWER
    r = requests.post(reg.url + "/collections/service_points/items", timeout=30,
                      json={"type": "Feature"})  # not the plugin: the usual rules (sign-in)
    assert r.status_code == 401


def test_a_lost_landing_page_neither_stops_a_publish_nor_lets_an_old_plugin_write(
        channel_registry, tmp_path, qgis_app):
    """The handshake's answer lost (the network cut the landing page short, every time): no
    "publish stopped" for a fault of the network -- the publish goes on, and the registry's own
    refusal of this too-old plugin stops it, the same advice, nothing written, the pin pending
    for the updated plugin."""
    from sync_helpers import add_pin

    from citizen_pins.core.working_copy import create_working_copy
    from citizen_pins.registry.client import RegistryClient
    from citizen_pins.registry.sync import publish

    sys.path.insert(0, str(REPO / "scripts" / "faults"))
    try:
        from proxy import FaultProxy
    finally:
        sys.path.remove(str(REPO / "scripts" / "faults"))

    class LandingCut(FaultProxy):
        """Cuts every answer to the landing page short; relays the rest whole."""

        def choose(self):
            return "cut" if self._landing else None

        async def _gate(self, request: bytes) -> bool:
            self._landing = request.split(b" ", 2)[1].split(b"?")[0] == b"/"
            return True

    reg = channel_registry
    wc = tmp_path / "pins.gpkg"
    create_working_copy(str(wc), "21", "test")
    add_pin(str(wc), [101.25, 12.68], name_th="โรงพยาบาลทดสอบหน้าแรกที่ขาดหาย")
    upstream = int(reg.url.rsplit(":", 1)[1].split("/")[0])
    proxy = LandingCut(upstream).start()
    before = _writes(reg)
    try:
        res = publish(str(wc), RegistryClient(proxy.url, "", timeout_s=30, retries=2,
                                              backoff_s=0.05), use_bulk=False)
    finally:
        proxy.stop()
    assert proxy.counts["cut"] >= 2  # the landing page: asked, retried, never read whole
    assert res.stopped and not res.complete
    assert f"Citizen Pins {NEWER} or newer" in res.stopped and "ปรับรุ่นปลั๊กอิน" in res.stopped
    assert res.created == 0 and res.pending == 1 and not res.failed
    writes = _writes(reg)[len(before):]
    assert writes and all('" 400 ' in line for line in writes), writes  # refused, each one
    assert launcher.query(reg.data, "SELECT count(*) AS n FROM service_points")[0]["n"] == 0


OLD_PLUGIN_PUBLISH = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, sys.argv[1])
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    from citizen_pins.registry.client import RegistryClient
    from citizen_pins.registry.sync import publish
    from citizen_pins.toolbelt.resources import plugin_metadata
    import citizen_pins
    res = publish(sys.argv[3], RegistryClient(sys.argv[2], "", timeout_s=30))
    print(json.dumps({"version": plugin_metadata("version"), "code": citizen_pins.__file__,
                      "stopped": res.stopped, "sent": res.sent, "created": res.created,
                      "pending": res.pending}))
""")


def test_the_plugin_before_the_handshake_is_told_to_update(channel_registry, tmp_path,
                                                           qgis_app):
    """The plugin as main shipped it before this issue, publishing to the new registry: refused,
    told in Thai and English to update (the registry's words, shown by the old plugin's own
    error handling), and nothing written."""
    from sync_helpers import add_pin

    from citizen_pins.core.working_copy import create_working_copy

    reg = channel_registry
    if not (REPO / ".git").exists():  # scripts/matrix/root.sh copies the files, not the history
        pytest.skip("no git history in this checkout: the plugin before the handshake is read "
                    f"from commit {BEFORE_HANDSHAKE} (run in `make test` from a clone)")
    old = tmp_path / "old"
    old.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", BEFORE_HANDSHAKE,
                              "citizen_pins", "metadata.txt"], capture_output=True, timeout=60)
    assert archive.returncode == 0, ("this test needs the repository's history (git commit "
                                     f"{BEFORE_HANDSHAKE}): {archive.stderr.decode()[-500:]}")
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
    (old / "citizen_pins" / "ext_libs").symlink_to(REPO / "citizen_pins" / "ext_libs")
    wc = tmp_path / "pins.gpkg"
    create_working_copy(str(wc), "21", "test")
    add_pin(str(wc), [101.25, 12.68], name_th="โรงพยาบาลทดสอบรุ่นเก่า")
    before = _writes(reg)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run([sys.executable, "-c", OLD_PLUGIN_PUBLISH, str(old), reg.url, str(wc)],
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["version"] == "0.1.0" and out["code"].startswith(str(old))
    assert out["created"] == 0 and out["pending"] == 1  # kept in its journal, not lost
    assert f"Citizen Pins {NEWER} or newer" in out["stopped"]
    assert "this plugin is 0.1.0" in out["stopped"] and "ปรับรุ่นปลั๊กอิน" in out["stopped"]
    assert f"{reg.url}/plugins/plugins.xml" in out["stopped"]
    writes = _writes(reg)[len(before):]
    assert writes and all('" 400 ' in line for line in writes), writes
    assert launcher.query(reg.data, "SELECT count(*) AS n FROM service_points")[0]["n"] == 0

"""The fault-injection harness (scripts/faults/run_faults.py), shortened: ~50 randomized publishes
through drops, stalls past the timeout, cut answers and 502/503, with the registry and the
publishing process SIGKILLed now and then and a second editor at work.  It starts its own
registry (it kills it), in a subprocess with its own QGIS profile.  FAULT_RUNS overrides."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.registry


def test_randomized_publishes_through_faults_lose_and_duplicate_nothing(shared_data):
    runs = int(os.environ.get("FAULT_RUNS", "50"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for var in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):
        env.pop(var, None)
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "faults" / "run_faults.py"),
                           "--runs", str(runs), "--kill-rate", "0.06",
                           "--client-kill-rate", "0.04"],
                          cwd=str(REPO), env=env, capture_output=True, text=True, timeout=900)
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    m = re.fullmatch(r"faults: runs=(\d+) lost=(\d+) duplicated=(\d+) "
                     r"conflicts_expected=(\d+) conflicts_surfaced=(\d+) services=(\d+)", last)
    assert m, (proc.stdout[-2000:], proc.stderr[-4000:])
    n, lost, dup, expected, surfaced, services = map(int, m.groups())
    assert services > runs  # services were in the mix (checked in the registry every run)
    assert n == runs
    assert lost == 0 and dup == 0, proc.stderr[-4000:]
    assert surfaced == expected, proc.stderr[-4000:]
    assert expected > 0  # the second editor did make conflicts
    assert proc.returncode == 0
    assert "registry kills" in proc.stderr


def test_the_harness_keeps_its_qgis_profile_to_itself(shared_data, tmp_path):
    """Each run has its own QGIS profile and authentication database (QGIS 3.40 ignored the
    folder given to QgsApplication: a second run met the first one's master password)."""
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    for var in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        env.pop(var, None)
    for attempt in (1, 2):
        proc = subprocess.run([sys.executable, str(REPO / "scripts" / "faults" / "run_faults.py"),
                               "--runs", "1", "--seed-pins", "3", "--kill-rate", "0",
                               "--client-kill-rate", "0"],
                              cwd=str(REPO), env=env, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, (attempt, proc.stdout[-2000:], proc.stderr[-4000:])
        assert proc.stdout.strip().splitlines()[-1].startswith("faults: runs=1 lost=0 duplicated=0")
    left = sorted(str(p.relative_to(home)) for p in home.rglob("*"))
    assert not any("profiles" in p or "QGIS" in p for p in left), left

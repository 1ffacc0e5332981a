"""Issue 16: Schemathesis against the registry's own OpenAPI document, a small budget (the full
one is `make fuzz-registry`).  Acceptance: no 5xx, no error body that is not JSON with Thai and
English messages, no response that violates the document, no other failure of any check."""
import re
import subprocess
import sys

import pytest

from registry_helpers import REPO

pytestmark = pytest.mark.registry

EXAMPLES = 5
SECONDS = 400


def test_schemathesis_finds_nothing(shared_data):
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "fuzz_registry.py"),
                           "--max-examples", str(EXAMPLES), "--max-seconds", str(SECONDS)],
                          cwd=str(REPO), capture_output=True, text=True, timeout=SECONDS + 200)
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    print("\n" + last)
    m = re.fullmatch(r"fuzz: budget=\S+ operations=(\d+) requests=(\d+) 5xx=(\d+) "
                     r"non_json_errors=(\d+) schema_violations=(\d+) failures=(\d+)", last)
    assert m, (proc.stdout[-3000:], proc.stderr[-6000:])
    operations, requests_, server_errors, non_json, violations, failures = map(int, m.groups())
    assert operations >= 29 and requests_ >= 1000  # it did exercise the whole API
    assert (server_errors, non_json, violations, failures) == (0, 0, 0, 0), proc.stderr[-6000:]
    assert proc.returncode == 0

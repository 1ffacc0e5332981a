"""Every name the code uses is defined: pyflakes' undefined-name check over the plugin, the
registry, the scripts and the tests (a merge that drops an import, or a helper removed while a
caller still uses it, fails here instead of in a user's QGIS)."""
import subprocess
import sys

from conftest import REPO


def test_no_undefined_names():
    paths = [str(REPO / p) for p in ("citizen_pins", "registry", "scripts", "tests")]
    proc = subprocess.run([sys.executable, "-m", "pyflakes", *paths], capture_output=True,
                          text=True)
    lines = [line for line in (proc.stdout + proc.stderr).splitlines()
             if "ext_libs" not in line and ("undefined name" in line
                                            or "unable to detect undefined names" in line)]
    assert lines == [], "\n".join(lines)

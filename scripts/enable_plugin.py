#!/usr/bin/env python3
"""Enable citizen_pins in a QGIS profile (what ticking it in the Plugin Manager does)."""
import sys
from pathlib import Path

from qgis.PyQt.QtCore import QSettings


def main(profile_dir: str) -> int:
    ini = Path(profile_dir) / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    s = QSettings(str(ini), QSettings.Format.IniFormat)
    s.setValue("PythonPlugins/citizen_pins", True)
    s.sync()
    print(f"citizen_pins enabled in {ini}")
    return 0 if s.status() == QSettings.Status.NoError else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

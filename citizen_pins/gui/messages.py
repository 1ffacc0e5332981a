"""The plugin's questions to the user: a yes/no box whose safe answer (No) is the default."""
from __future__ import annotations

from qgis.PyQt.QtWidgets import QMessageBox


def ask_yes_no(parent, icon, title: str, text: str, details: str = "") -> bool:
    """True when the user answers Yes; ``details`` are shown under the question."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.addButton(QMessageBox.StandardButton.Yes)
    box.addButton(QMessageBox.StandardButton.No)
    if details:
        box.setInformativeText(details)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes

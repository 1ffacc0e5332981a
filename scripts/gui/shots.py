"""Screenshots of a real QGIS window, with the boundary attribution the data licence requires."""
from qgis.PyQt.QtCore import QRect, Qt
from qgis.PyQt.QtGui import QColor, QFont, QPainter, QPixmap

ATTRIBUTION = ("Boundaries: Royal Thai Survey Department / OCHA, Thailand – Subnational "
               "Administrative Boundaries (HDX COD-AB cod-ab-tha, 2022), CC BY-IGO 3.0")


def save_window(widget, path: str, attribution: bool = True) -> str:
    """Grab ``widget`` and save it as PNG, adding the attribution line under it."""
    shot = widget.grab()
    if not attribution:
        shot.save(path)
        return path
    footer = 26
    out = QPixmap(shot.width(), shot.height() + footer)
    out.fill(QColor("#f5f5f5"))
    painter = QPainter(out)
    painter.drawPixmap(0, 0, shot)
    font = QFont()
    font.setPointSize(9)
    painter.setFont(font)
    painter.setPen(QColor("#333333"))
    painter.drawText(QRect(8, shot.height(), shot.width() - 16, footer),
                     int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), ATTRIBUTION)
    painter.end()
    out.save(path)
    return path


def save_screen(path: str, attribution: bool = True) -> str:
    """The whole (virtual) screen: the main window and any dialog over it."""
    from qgis.PyQt.QtGui import QGuiApplication

    class _Screen:
        def grab(self):
            return QGuiApplication.primaryScreen().grabWindow(0)

    return save_window(_Screen(), path, attribution)

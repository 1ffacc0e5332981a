"""What a scripted session inside a real QGIS desktop (``qgis --code``) needs to act as a user:

* :class:`Steps`: steps run one after the other from QGIS's event loop; a step may return a
  :class:`Wait` (a condition, polled from the event loop, with a timeout) before the next one.  A
  step that fails is recorded with its traceback and the next one runs, so one defect does not
  hide the others.
* modal dialogs (message boxes, file dialogs, our own dialogs run with ``exec()``) are answered as
  a user would: :meth:`Steps.expect_modal` arms a handler for the next one; any other modal is
  recorded as unexpected and closed, so the session never hangs on it.
* :func:`layout_problems`: every visible label, button and table of a window whose text does not
  fit (a word-wrapped label shorter than its text needs, a one-line label or a button narrower
  than its text, a table column narrower than its header or its cell widget) or that another
  widget covers.

Observations go to ``result["obs"][key]`` and are written to $CITIZEN_PINS_RESULT at the end.
"""
import json
import time
import traceback

from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import (QAbstractButton, QAbstractScrollArea, QApplication, QComboBox,
                                 QFileDialog, QLabel, QLineEdit, QMessageBox, QTableWidget,
                                 QWidget)


class Wait:
    def __init__(self, predicate, timeout=120.0, label=""):
        self.predicate = predicate
        self.timeout = timeout
        self.label = label


class Steps:
    def __init__(self, out_path, on_finish=None):
        self.out_path = out_path
        self.on_finish = on_finish
        self.result = {"errors": [], "steps": [], "obs": {}, "modals": [],
                       "unexpected_modals": []}
        self.steps = []
        self.current = ""
        self._handlers = []
        self._handled = set()
        self._finished = False

    # -- observations --------------------------------------------------------------------------
    def obs(self, key, **values):
        self.result["obs"].setdefault(key, {}).update(values)

    def error(self, text):
        self.result["errors"].append(f"[{self.current}] {text}")

    # -- steps ---------------------------------------------------------------------------------
    def add(self, *fns):
        self.steps.extend(fns)
        return self

    def start(self, delay_ms=3000):
        QTimer.singleShot(delay_ms, self._next)
        self._watch()

    def _save(self):
        """What is known so far (a session stopped from outside still tells it)."""
        with open(self.out_path, "w", encoding="utf-8") as fh:
            json.dump(self.result, fh, ensure_ascii=False, indent=1, default=str)

    def _next(self):
        if not self.steps:
            self.finish()
            return
        self._save()
        self._handlers = []  # a dialog expected by the previous step that never came
        fn = self.steps.pop(0)
        self.current = fn.__name__
        self.result["steps"].append(self.current)
        try:
            waiting = fn()
        except Exception:  # noqa: BLE001 - recorded, the next step runs
            self.error(traceback.format_exc())
            waiting = None
        if isinstance(waiting, Wait):
            self._poll(waiting, time.monotonic())
        else:
            QTimer.singleShot(300, self._next)

    def _poll(self, waiting, started):
        try:
            done = bool(waiting.predicate())
        except Exception:  # noqa: BLE001
            self.error(traceback.format_exc())
            done = True
        if done:
            QTimer.singleShot(500, self._next)
        elif time.monotonic() - started > waiting.timeout:
            self.error(f"timed out waiting for {waiting.label or 'a condition'}")
            QTimer.singleShot(300, self._next)
        else:
            QTimer.singleShot(200, lambda: self._poll(waiting, started))

    # -- modal dialogs -------------------------------------------------------------------------
    def expect_modal(self, handler, label=""):
        """``handler(widget)`` answers the next modal dialog (and must close it)."""
        self._handlers.append((handler, label or getattr(handler, "__name__", "")))

    @staticmethod
    def _blocking_dialog():
        """The dialog a user must answer now: the active modal widget, or a dialog run with
        exec() after show() (Processing's algorithm dialog: Qt does not make it modal then)."""
        w = QApplication.activeModalWidget()
        if w is not None:
            return w
        for top in QApplication.topLevelWidgets():
            if isinstance(top, (QFileDialog, QMessageBox)) or "AlgorithmDialog" in type(top).__name__:
                if top.isVisible():
                    return top
        return None

    def _watch(self):
        if self._finished:
            return
        try:
            self._look()
        except Exception:  # noqa: BLE001 - the watch goes on whatever happens
            self.error(traceback.format_exc())
        QTimer.singleShot(150, self._watch)

    def _look(self):
        w = self._blocking_dialog()
        if w is not None and id(w) not in self._handled and w.isVisible():
            self._handled.add(id(w))
            seen = describe_modal(w)
            seen["step"] = self.current
            if self._handlers:
                handler, label = self._handlers.pop(0)
                seen["handler"] = label
                self.result["modals"].append(seen)
                QTimer.singleShot(400, lambda: self._answer(handler, w))
            else:
                self.result["unexpected_modals"].append(seen)
                QTimer.singleShot(400, lambda: close_modal(w))

    def _answer(self, handler, w):
        try:
            handler(w)
        except Exception:  # noqa: BLE001
            self.error(traceback.format_exc())
            close_modal(w)

    # -- the end -------------------------------------------------------------------------------
    def finish(self):
        if self._finished:
            return
        self._finished = True
        self._save()
        try:
            if self.on_finish is not None:
                self.on_finish()
        except Exception:  # noqa: BLE001
            self.error(traceback.format_exc())
            self._save()


def describe_modal(w):
    text = ""
    if isinstance(w, QMessageBox):
        text = w.text() + ("\n" + w.informativeText() if w.informativeText() else "")
        details = w.detailedText()
        if details:
            text += "\n" + details
    return {"class": type(w).__name__, "object": w.objectName(), "title": w.windowTitle(),
            "text": text}


def close_modal(w):
    if isinstance(w, QMessageBox):
        for role in (QMessageBox.StandardButton.No, QMessageBox.StandardButton.Cancel,
                     QMessageBox.StandardButton.Close):
            button = w.button(role)
            if button is not None:
                button.click()
                return
    if hasattr(w, "reject"):
        w.reject()
    else:
        w.close()


def click_message_button(w, role):
    """Click the button of a QMessageBox with this standard role (Yes, No, ...)."""
    button = w.button(role)
    if button is None:
        raise AssertionError(f"the message box has no {role} button: {w.text()}")
    button.click()


# -- layout --------------------------------------------------------------------------------------

def _plain(label):
    from qgis.PyQt.QtGui import QTextDocument

    text = label.text()
    if label.textFormat() == 1 or ("<" in text and ">" in text):  # Qt.RichText / auto-detected
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def _name(w):
    return w.objectName() or type(w).__name__


def _in_scroll_area(w, top):
    """Inside a scroll area (the dock's, a table's): scrolled out of view is not cut."""
    p = w.parentWidget()
    while p is not None and p is not top:
        if isinstance(p, QAbstractScrollArea):
            return True
        p = p.parentWidget()
    return False


def _clipped_sideways(w, top):
    """A widget in a scroll area that cannot scroll sideways must fit its width (else its right
    part is simply not shown)."""
    from qgis.PyQt.QtCore import QPoint, Qt

    if not isinstance(w, (QLabel, QAbstractButton, QLineEdit, QComboBox)):
        return ""
    p = w.parentWidget()
    while p is not None and p is not top:
        if isinstance(p, QAbstractScrollArea) and not isinstance(p, QTableWidget) and \
                p.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            view = p.viewport()
            right = w.mapTo(view, QPoint(w.width(), 0)).x()
            if right > view.width() + 1:
                return (f"{_name(w)}: {right - view.width()}px past the right edge of "
                        f"{_name(p)}: {getattr(w, 'text', lambda: '')()[:60]!r}")
            return ""
        p = p.parentWidget()
    return ""


def layout_problems(top):
    """Texts of ``top`` (a window or a dock) that do not fit or are covered (see the module)."""
    problems = []
    widgets = [w for w in top.findChildren(QWidget) if w.isVisible()]
    for w in widgets:
        if isinstance(w, QLabel) and w.text() and not w.pixmap():
            text = _plain(w)
            fm = w.fontMetrics()
            rect = w.contentsRect()
            if w.wordWrap():
                need = w.heightForWidth(w.width())
                if need > w.height() + 1:
                    problems.append(f"{_name(w)}: needs {need}px of height, has {w.height()}: "
                                    f"{text[:80]!r}")
            else:
                lines = text.split("\n")
                widest = max(fm.horizontalAdvance(line) for line in lines)
                if widest > rect.width() + 1:
                    problems.append(f"{_name(w)}: text {widest}px wide in {rect.width()}px: "
                                    f"{text[:80]!r}")
                if len(lines) * fm.lineSpacing() > rect.height() + 2:
                    problems.append(f"{_name(w)}: {len(lines)} lines in {rect.height()}px: "
                                    f"{text[:80]!r}")
        elif isinstance(w, QAbstractButton) and w.text() and not isinstance(w.parentWidget(),
                                                                            QComboBox):
            hint = w.minimumSizeHint() if w.minimumSizeHint().isValid() else w.sizeHint()
            need = max(hint.width(), w.fontMetrics().horizontalAdvance(w.text().replace("&", "")))
            if need > w.width() + 1:
                problems.append(f"{_name(w)}: button text needs {need}px, has {w.width()}: "
                                f"{w.text()!r}")
        elif isinstance(w, QTableWidget):
            problems.extend(_table_problems(w))
        clipped = _clipped_sideways(w, top)
        if clipped:
            problems.append(clipped)
        if isinstance(w, (QLabel, QAbstractButton, QLineEdit, QComboBox)) \
                and not _in_scroll_area(w, top) and w.window() is top.window():
            visible = w.visibleRegion().boundingRect()
            if visible.width() < w.width() - 1 or visible.height() < w.height() - 1:
                problems.append(f"{_name(w)}: partly covered or outside its window "
                                f"({visible.width()}x{visible.height()} of "
                                f"{w.width()}x{w.height()} visible)")
    problems.extend(_overlaps(widgets))
    return problems


def _table_problems(t):
    out = []
    header = t.horizontalHeader()
    fm = header.fontMetrics()
    cell_fm = t.fontMetrics()
    for col in range(t.columnCount()):
        if t.isColumnHidden(col):
            continue
        item = t.horizontalHeaderItem(col)
        text = item.text() if item is not None else ""
        size = header.sectionSize(col)
        if text and min(fm.horizontalAdvance(text) + 8, header.sectionSizeHint(col)) > size + 1:
            out.append(f"{_name(t)}: column {text!r} narrower ({size}px) than its header")
        for row in range(t.rowCount()):
            cell = t.cellWidget(row, col)
            if cell is not None:
                need = cell.minimumSizeHint().width()
                if need > size + 1:
                    out.append(f"{_name(t)}: column {text!r} ({size}px) cuts its "
                               f"{type(cell).__name__} ({need}px)")
                    break
            item = t.item(row, col)
            if item is not None and item.text() and not t.wordWrap() and \
                    cell_fm.horizontalAdvance(item.text()) + 8 > size:
                out.append(f"{_name(t)}: row {row + 1} of column {text!r} cut: "
                           f"{item.text()[:60]!r}")
                break
    if t.wordWrap():
        # a wrapped text shows whole when its row is as tall as Qt's own measure of it
        for row in range(t.rowCount()):
            if t.rowHeight(row) + 1 < t.sizeHintForRow(row):
                out.append(f"{_name(t)}: row {row + 1} is {t.rowHeight(row)}px high, its "
                           f"text needs {t.sizeHintForRow(row)}px")
                break
    return out


def _overlaps(widgets):
    """Siblings (labels, buttons, fields) whose rectangles intersect."""
    out = []
    kinds = (QLabel, QAbstractButton, QLineEdit, QComboBox)
    by_parent = {}
    for w in widgets:
        if isinstance(w, kinds) and not isinstance(w.parentWidget(), (QComboBox,)):
            by_parent.setdefault(id(w.parentWidget()), []).append(w)
    for group in by_parent.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                inter = a.geometry().intersected(b.geometry())
                if inter.width() > 1 and inter.height() > 1:
                    out.append(f"{_name(a)} and {_name(b)} overlap "
                               f"({inter.width()}x{inter.height()} px)")
    return out


def quit_qgis():
    """Edits rolled back, the project emptied (no "save?" or "temporary layers?" question),
    then QGIS closes."""
    from qgis.core import QgsProject
    from qgis.utils import iface

    for layer in QgsProject.instance().mapLayers().values():
        if hasattr(layer, "isEditable") and layer.isEditable():
            layer.rollBack()
    QgsProject.instance().clear()
    QgsProject.instance().setDirty(False)
    QTimer.singleShot(300, iface.actionExit().trigger)

"""Publish: the change set first -- each pin by its name, what happens to it and, for a changed
pin, each field (as the form names it) with its value before and after, and a way to see it on
the map -- then validation blocking on errors (listed by pin name), then the publish as a task
with progress and cancel, and a result in the user's language with the refused pins listed (name,
the registry's reason, a way to see them).  Deletions are confirmed with their count and names.
Conflicts open the conflicts dialog.  Every step is the ``citizen_pins:publish`` algorithm (a dry
run first), so the toolbox, qgis_process and this dialog share one code path.  The dialog follows
the working copy: a saved edit shows in it at once."""
from __future__ import annotations

import json
import re
from typing import Dict, List, Optional

from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (QDialog, QHeaderView, QListWidgetItem, QMessageBox,
                                 QTableWidgetItem, QTreeWidgetItem)

from ..core import diff as d
from ..core import schema
from ..core.dopa import codes
from ..core.duplicates import distance_m
from ..registry.sync import PublishError, mark_distinct, open_conflicts, preview
from ..toolbelt.resources import ui_path
from .messages import ask_yes_no
from .tasks import run_algorithm

FORM_CLASS, _ = uic.loadUiType(str(ui_path("publish_dialog.ui")))

#: Changes listed at most (the counts give the whole).
LIST_LIMIT = 500
#: Up to this many changes, each is shown with its fields open.
EXPANDED = 30
#: The publish algorithm's progress while it validates (then it sends): see processing/publish.py.
VALIDATION_SHARE = 40.0
#: A blocking line of the publish algorithm: "pin_id [rule_id] Thai / English".
_BLOCKING = re.compile(r"^(\S*) \[([^\]]+)\] (.*?) / (.*)$", re.S)
_ROLE = Qt.ItemDataRole.UserRole


class PublishDialog(QDialog, FORM_CLASS):
    def __init__(self, params: dict, lang: str = "en", parent=None, on_published=None,
                 layer=None, canvas=None, confirm_deletions=None):
        """``params``: the publish algorithm's parameters (WORKING_COPY, REGISTRY_URL, AUTHCFG,
        BOUNDARIES, TOLERANCE); ``layer``: the working copy's layer in the project (zoom, names,
        saved edits followed); ``confirm_deletions(names) -> bool`` (default: a question)."""
        super().__init__(parent)
        self.setupUi(self)
        self.params = dict(params)
        self.path = params["WORKING_COPY"]
        self.lang = lang
        self.on_published = on_published
        self.layer = layer
        self.canvas = canvas
        self.confirm_deletions = confirm_deletions or self._confirm_deletions
        self.task = None
        self.state = "checking"  # checking, blocked, ready, publishing, done, nothing
        self.blocking = []
        self.refused: List[dict] = []
        self.last_results: dict = {}
        self.preview = None
        self.changes = 0
        self.pending = 0
        self.publishButton.clicked.connect(self.publish)
        self.cancelButton.clicked.connect(self.cancel)
        self.closeButton.clicked.connect(self.reject)
        self.conflictsButton.clicked.connect(self.open_conflicts)
        self.zoomChangeButton.clicked.connect(lambda: self.zoom_to_change(
            self.changesTree.currentItem()))
        self.changesTree.itemDoubleClicked.connect(lambda item, _col: self.zoom_to_change(item))
        self.changesTree.currentItemChanged.connect(lambda *_: self._buttons())
        self.blockingList.currentItemChanged.connect(lambda *_: self._buttons())
        self.distinctButton.clicked.connect(self.mark_distinct)
        self.refusedTable.setColumnCount(3)
        self.refusedTable.setHorizontalHeaderLabels(
            [self.tr("Pin"), self.tr("Change"), self.tr("Why the registry refused it")])
        header = self.refusedTable.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.refusedTable.itemSelectionChanged.connect(self._buttons)
        self.refusedTable.cellDoubleClicked.connect(lambda *_: self.zoom_to_refused())
        self.zoomRefusedButton.clicked.connect(self.zoom_to_refused)
        self.progressBar.setVisible(False)
        self._show_refused()
        if self.layer is not None:
            self.layer.afterCommitChanges.connect(self._layer_saved)
            self.layer.layerModified.connect(self._buttons)
        self.show_preview()
        self.check()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("PublishDialog", text)

    def done(self, result):  # noqa: D401 - QDialog's name; the layer is no longer followed
        if self.layer is not None:
            for signal, slot in ((self.layer.afterCommitChanges, self._layer_saved),
                                 (self.layer.layerModified, self._buttons)):
                try:
                    signal.disconnect(slot)
                except (TypeError, RuntimeError):
                    pass
            self.layer = None
        super().done(result)

    # words ------------------------------------------------------------------------------------
    def field_label(self, name: str) -> str:
        if name == d.GEOMETRY:
            return self.tr("Location")
        if name in schema.FIELD_BY_NAME:
            return schema.field_label(name, self.lang)
        return name

    def value_text(self, name: str, value) -> str:
        if value is None or value == "":
            return "—"
        if name == d.GEOMETRY:
            return f"{value[1]:.5f}, {value[0]:.5f}"
        if name == "point_type":
            return schema.point_type_label(str(value), self.lang) or str(value)
        if name in schema.CODE_FIELDS:
            unit = codes().name(str(value), self.lang)
            return f"{unit} ({value})" if unit else str(value)
        return str(value)

    def kind_text(self, kind: str) -> str:
        return {d.ADD: self.tr("Added"), d.CHANGE: self.tr("Changed"),
                d.DELETE: self.tr("Deleted")}.get(kind, kind)

    def _in_language(self, text: str) -> str:
        """The user's half of a message the engine gives in both languages."""
        for sep in ("\n", " / "):
            parts = [p.strip() for p in text.split(sep) if p.strip()]
            if len(parts) == 2:
                thai = [p for p in parts if re.search("[\u0e00-\u0e7f]", p)]
                other = [p for p in parts if p not in thai]
                if thai and other:
                    return thai[0] if self.lang == "th" else other[0]
        return text

    # the change set (local: no network) -----------------------------------------------------
    def show_preview(self) -> None:
        try:
            pv = preview(self.path)
        except PublishError as e:
            self.countsLabel.setText(self._in_language(str(e)))
            self.changes = 0
            return
        self.preview = pv
        c = pv.counts()
        self.changes = (c["added"] + c["changed"] + c["deleted"] + c["services_added"]
                        + c["services_changed"] + c["services_deleted"])
        text = self.tr("{added} added · {changed} changed · {deleted} deleted").format(**c)
        if c["services_added"] or c["services_changed"] or c["services_deleted"]:
            text += " · " + self.tr("services: {services_added} added · {services_changed} "
                                    "changed · {services_deleted} deleted").format(**c)
        if c["conflicts"]:
            text += " · " + self.tr("{} pin(s) wait for conflicts to be resolved").format(
                c["conflicts"])
        if c["service_conflicts"]:
            text += " · " + self.tr("{} service(s) wait for conflicts to be resolved").format(
                c["service_conflicts"])
        if c["pending"]:
            text += " · " + self.tr("{} change(s) of an interrupted publish to finish").format(
                c["pending"])
        self.countsLabel.setText(text)
        self._fill_tree(pv)
        self.conflictsButton.setVisible(bool(open_conflicts(self.path)))
        self.pending = c["pending"]
        self._buttons()

    def _fill_tree(self, pv) -> None:
        tree = self.changesTree
        current = tree.currentItem().data(0, _ROLE) if tree.currentItem() is not None else None
        tree.clear()
        changes = pv.change_set.changes
        for c in changes[:LIST_LIMIT]:
            before, after = pv.base.get(c.pin_id) or {}, pv.local.get(c.pin_id) or {}
            name = c.label or str((before or after).get("name_th") or "") or self.tr("(no name)")
            gone = pv.with_pin.get(c.pin_id) or []
            if gone:
                name += " — " + self.tr("with its {} service(s)").format(len(gone))
            item = QTreeWidgetItem([f"{self.kind_text(c.kind)}: {name}"])
            for sid in gone:
                item.addChild(QTreeWidgetItem([self.tr("Service deleted with it: {}").format(
                    self._service_name(pv.service_base.get(sid)))]))
            item.setData(0, _ROLE, c.pin_id)
            item.setToolTip(0, self.tr("Pin id: {}").format(c.pin_id))
            for f in c.fields:
                if c.kind == d.CHANGE:
                    old, new = before.get(f), after.get(f)
                    if f == d.GEOMETRY and old is not None and new is not None:
                        text = self.tr("{label}: moved {metres:.0f} m ({old} → {new})").format(
                            label=self.field_label(f), metres=distance_m(*old, *new),
                            old=self.value_text(f, old), new=self.value_text(f, new))
                    else:
                        text = f"{self.field_label(f)}: {self.value_text(f, old)} → " \
                               f"{self.value_text(f, new)}"
                else:
                    text = f"{self.field_label(f)}: {self.value_text(f, after.get(f))}"
                item.addChild(QTreeWidgetItem([text]))
            tree.addTopLevelItem(item)
            if c.pin_id == current:
                tree.setCurrentItem(item)
        services = pv.service_changes.changes
        for c in services[:max(0, LIST_LIMIT - len(changes))]:
            item = self._service_item(pv, c)
            tree.addTopLevelItem(item)
            if item.data(0, _ROLE) == current:
                tree.setCurrentItem(item)
        total = len(changes) + len(services)
        if total > LIST_LIMIT:
            tree.addTopLevelItem(QTreeWidgetItem([self.tr("… and {} more").format(
                total - LIST_LIMIT)]))
        if total <= EXPANDED:
            tree.expandAll()  # a few changes: every field shown at once

    # services: each by its name and its pin's, each change inside it by the form's words ----
    def _service_name(self, state) -> str:
        return str((state or {}).get("name_th") or "") or self.tr("(no name)")

    def _service_item(self, pv, c) -> QTreeWidgetItem:
        before = pv.service_base.get(c.pin_id) or {}
        after = pv.service_local.get(c.pin_id) or {}
        pin = (after or before).get("pin_id")
        pin_name = str((pv.local.get(pin) or pv.base.get(pin) or {}).get("name_th") or "")
        kind = {d.ADD: self.tr("Service added"), d.CHANGE: self.tr("Service changed"),
                d.DELETE: self.tr("Service deleted")}[c.kind]
        text = f"{kind}: {self._service_name(after or before)}"
        if pin_name:
            text += " — " + self.tr("at {}").format(pin_name)
        item = QTreeWidgetItem([text])
        item.setData(0, _ROLE, pin)  # zoom: to its service point
        item.setToolTip(0, self.tr("Service id: {}").format(c.pin_id))
        if c.kind == d.DELETE:
            return item
        if c.kind == d.ADD:
            count = {key: len(after.get(key) or {}) for key, _t in d.NESTED}
            item.addChild(QTreeWidgetItem([self.tr("{steps} step(s), {documents} document(s)")
                                           .format(**count)]))
            return item
        for path in c.fields:
            child = QTreeWidgetItem([self.service_change_text(path, before, after)])
            child.setToolTip(0, child.text(0))  # (a long choice label is cut in the list)
            item.addChild(child)
        return item

    def service_change_text(self, path: str, before, after) -> str:
        """One change inside a service in the user's words: a field, or a step / a document
        added, removed or changed (by its name)."""
        parts = path.split("/")
        if len(parts) == 1:
            f = schema.SERVICES_TABLE.field(path)
            return f"{(f.label_th if self.lang == 'th' else f.label_en)}: {self.record_value_text(f, before.get(path))} → " \
                   f"{self.record_value_text(f, after.get(path))}"
        key, rid = parts[0], parts[1]
        table = d.NESTED_TABLE[key]
        old = (before.get(key) or {}).get(rid)
        new = (after.get(key) or {}).get(rid)
        what = self.tr("Step") if key == "steps" else self.tr("Document")
        title = "title_th" if key == "steps" else "name_th"
        name = f"{what} '{(new or old or {}).get(title) or ''}'"
        if len(parts) == 2:
            return (self.tr("{} added") if old is None else self.tr("{} removed")).format(name)
        f = table.field(parts[2])
        return f"{name}: {(f.label_th if self.lang == 'th' else f.label_en)}: " \
               f"{self.record_value_text(f, (old or {}).get(parts[2]))} → " \
               f"{self.record_value_text(f, (new or {}).get(parts[2]))}"

    def record_value_text(self, f, value) -> str:
        if value is None or value == "":
            return "—"
        if f.choices:
            return schema.choice_label(f, value, self.lang) or str(value)
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, float) and value == int(value):
            return str(int(value))
        return str(value)

    # the map ------------------------------------------------------------------------------------
    def _feature_of(self, pin_id: str):
        if self.layer is None or not pin_id:
            return None
        expr = "\"pin_id\" = '{}'".format(pin_id.replace("'", "''"))
        return next(self.layer.getFeatures(expr), None)

    def zoom_to_pin(self, pin_id: str) -> bool:
        """Select the pin and zoom the map to it (a deleted pin: its last published place)."""
        from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY,
                               QgsProject)

        if self.canvas is None or not pin_id:
            return False
        feat = self._feature_of(pin_id)
        if feat is not None and feat.hasGeometry():
            self.layer.selectByIds([feat.id()])
            self.canvas.zoomToFeatureIds(self.layer, [feat.id()])
            self.canvas.zoomScale(5000)
            self.canvas.setCenter(self.canvas.mapSettings().layerToMapCoordinates(
                self.layer, feat.geometry().asPoint()))
            self.canvas.refresh()
            return True
        geom = ((self.preview.base.get(pin_id) or {}).get(d.GEOMETRY)
                if self.preview is not None else None)
        if geom is None:
            return False
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"),
                                           self.canvas.mapSettings().destinationCrs(),
                                           QgsProject.instance())
        self.canvas.zoomScale(5000)
        self.canvas.setCenter(transform.transform(QgsPointXY(geom[0], geom[1])))
        self.canvas.refresh()
        return True

    def zoom_to_change(self, item) -> bool:
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item is not None and self.zoom_to_pin(item.data(0, _ROLE))

    def zoom_to_refused(self) -> bool:
        rows = self.refusedTable.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.refused):
            return False
        return self.zoom_to_pin(self.refused[rows[0].row()]["pin_id"])

    # validation (a dry run of the publish algorithm) -----------------------------------------
    def _buttons(self, *_):
        modified = self.layer is not None and self.layer.isModified()
        self.publishButton.setEnabled(self.state == "ready" and not modified)
        item = self.changesTree.currentItem()
        self.zoomChangeButton.setEnabled(item is not None and self.canvas is not None)
        chosen = self.blockingList.currentItem()
        self.distinctButton.setVisible(any(
            (self.blockingList.item(i).data(_ROLE) or ("", ""))[1] == "duplicates.published"
            for i in range(self.blockingList.count())) and self.state == "blocked")
        self.distinctButton.setEnabled(chosen is not None and (chosen.data(_ROLE) or ("", ""))[1]
                                       == "duplicates.published")
        self.zoomRefusedButton.setEnabled(bool(self.refusedTable.selectionModel().selectedRows())
                                          and self.canvas is not None)
        if modified and self.state == "ready":
            self.checkLabel.setText(self.tr("The working copy has edits that are not saved: save "
                                            "them (they are not published otherwise)."))

    def _set_state(self, state: str) -> None:
        self.state = state
        busy = state in ("checking", "publishing")
        self.cancelButton.setVisible(busy)
        self.closeButton.setEnabled(not busy)
        self.progressBar.setVisible(busy)
        self.blockingList.setVisible(state == "blocked")
        self.distinctButton.setVisible(state == "blocked")
        if not busy:
            self.statusLabel.setText("")
        self._buttons()

    def check(self) -> None:
        self._set_state("checking")
        self.checkLabel.setText(self.tr("Validating the pins to publish…"))
        self.progressBar.setRange(0, 0)
        self.task = run_algorithm("citizen_pins:publish", dict(self.params, DRY_RUN=True),
                                  self._checked, self.tr("Citizen Pins: check before publishing"))

    def _pin_names(self) -> Dict[str, str]:
        out = {}
        if self.preview is not None:
            for states in (self.preview.base, self.preview.local):
                out.update({k: str(v.get("name_th") or "") for k, v in states.items()})
        return out

    def _checked(self, ok: bool, results: dict, feedback) -> None:
        self.task = None
        self.blockingList.clear()
        if not ok:
            self.blocking = [e for e in feedback.errors if "[" in e]
            if self.blocking:
                names = self._pin_names()
                self.checkLabel.setText(self.tr(
                    "Publishing is blocked by {} error(s). Fix them (findings panel), then "
                    "publish again. Nothing was sent.").format(len(self.blocking)))
                for line in self.blocking:
                    m = _BLOCKING.match(line)
                    if m is None:
                        self.blockingList.addItem(line)
                        continue
                    pin_id, rule_id, th, en = m.groups()
                    name = names.get(pin_id) or self.tr("(no name)")
                    item = QListWidgetItem(f"{name}: {th if self.lang == 'th' else en}")
                    item.setData(_ROLE, (pin_id, rule_id))
                    item.setToolTip(pin_id)
                    self.blockingList.addItem(item)
            else:
                self.checkLabel.setText(self.tr("The check failed: {}").format(
                    self._in_language(" ".join(feedback.errors))))
            self._set_state("blocked")
            return
        if not self.changes and not self.pending:
            self.checkLabel.setText(self.tr("Nothing to publish: the working copy equals the "
                                            "registry's state at the last pull."))
            self._set_state("nothing")
            return
        self.checkLabel.setText(self.tr("Validation passed: no error blocks publishing."))
        self._set_state("ready")

    def mark_distinct(self) -> None:
        """The chosen pin is a different service point from the registry's pin nearby."""
        item = self.blockingList.currentItem()
        pin_id, rule_id = item.data(_ROLE) if item is not None and item.data(_ROLE) else ("", "")
        if rule_id != "duplicates.published":
            return
        answer = QMessageBox.question(
            self, self.tr("A different service point?"),
            self.tr("Publish {} as a service point of its own, although the registry has a pin "
                    "with the same name a few metres away?").format(
                self._pin_names().get(pin_id) or pin_id))
        if answer != QMessageBox.StandardButton.Yes:
            return
        mark_distinct(self.path, pin_id)
        self.check()

    # the publish ------------------------------------------------------------------------------
    def _confirm_deletions(self, names: List[str]) -> bool:
        shown = "\n".join(f"• {n}" for n in names[:15])
        if len(names) > 15:
            shown += "\n" + self.tr("… and {} more").format(len(names) - 15)
        return ask_yes_no(self, QMessageBox.Icon.Warning, self.tr("Delete pins from the registry?"),
                          self.tr("This publish deletes {} pin(s) or service(s) from the national "
                                  "registry. Delete them?").format(len(names)), shown)

    def publish(self) -> None:
        if self.state != "ready":
            return
        self.show_preview()
        deleted = self.preview.change_set.deleted if self.preview is not None else []
        services = self.preview.service_changes.deleted if self.preview is not None else []
        names = []
        for c in deleted:
            name = c.label or self.tr("(no name)")
            with_it = len(self.preview.with_pin.get(c.pin_id) or [])
            names.append(name + (" — " + self.tr("with its {} service(s)").format(with_it)
                                 if with_it else ""))
        names += [self.tr("Service: {}").format(c.label or self.tr("(no name)"))
                  for c in services]
        if names and not self.confirm_deletions(names):
            self.resultLabel.setText(self.tr("Nothing was sent: the deletions were not "
                                             "confirmed."))
            return
        self._set_state("publishing")
        self.progressBar.setRange(0, 100)
        self.progressBar.setValue(0)
        self.resultLabel.setText("")
        self.statusLabel.setText(self.tr("Validating the pins to publish…"))
        self.task = run_algorithm("citizen_pins:publish", dict(self.params, DRY_RUN=False),
                                  self._published, self.tr("Citizen Pins: publish"))
        self.task.progressChanged.connect(self._progress)

    def _progress(self, value: float) -> None:
        """Validation first, then the changes sent: while the registry has not answered, the
        bar says so (it never stands at 100 % waiting)."""
        if value < VALIDATION_SHARE:
            self.progressBar.setRange(0, 100)
            self.progressBar.setValue(int(value))
            self.statusLabel.setText(self.tr("Validating the pins to publish…"))
            return
        sent = (value - VALIDATION_SHARE) / (100.0 - VALIDATION_SHARE)
        if sent < 1.0:
            self.progressBar.setRange(0, 100)
            self.progressBar.setValue(int(value))
        else:
            self.progressBar.setRange(0, 0)  # answered; the task is finishing
        self.statusLabel.setText(self.tr("Sending the changes; waiting for the registry's "
                                         "answers ({:.0f} % answered)…").format(100 * sent))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.statusLabel.setText(self.tr("Stopping: requests already sent wait for their "
                                             "answer…"))

    def _refused_from(self, results: dict) -> List[dict]:
        try:
            return json.loads(results.get("REFUSED") or "[]")
        except ValueError:
            return []

    def _show_refused(self) -> None:
        t = self.refusedTable
        t.setRowCount(len(self.refused))
        for i, r in enumerate(self.refused):
            text = r.get("name") or self.tr("(no name)")
            if r.get("collection") == "services":
                text = self.tr("Service: {}").format(text)
                if r.get("pin_name"):
                    text += " — " + self.tr("at {}").format(r["pin_name"])
            name = QTableWidgetItem(text)
            name.setToolTip(r.get("pin_id", ""))
            t.setItem(i, 0, name)
            kind = {"create": d.ADD, "replace": d.CHANGE, "delete": d.DELETE}.get(r.get("op"), "")
            t.setItem(i, 1, QTableWidgetItem(self.kind_text(kind)))
            reason = r.get("message_th") if self.lang == "th" else r.get("message_en")
            t.setItem(i, 2, QTableWidgetItem(reason or ""))
        t.resizeRowsToContents()
        t.setVisible(bool(self.refused))
        self.zoomRefusedButton.setVisible(bool(self.refused))
        if self.refused:
            t.selectRow(0)

    def result_text(self, ok: bool, results: dict, feedback) -> str:
        if not ok:
            why = self._in_language(" ".join(feedback.errors)) if feedback.errors else \
                self.tr("cancelled")
            return (self.tr("The publish stopped: {}").format(why) + "\n" + self.tr(
                "Nothing is lost: what was not confirmed is finished by the next publish."))
        lines = [self.tr("Published: {added} added, {changed} changed, {deleted} deleted.").format(
            added=results.get("ADDED", 0), changed=results.get("CHANGED", 0),
            deleted=results.get("DELETED", 0))]
        if results.get("CONFLICTS"):
            lines.append(self.tr("{} pin(s) with conflicts: resolve them (Resolve conflicts…).")
                         .format(results["CONFLICTS"]))
        if results.get("FAILED"):
            lines.append(self.tr("{} change(s) refused by the registry (listed below).").format(
                results["FAILED"]))
        if results.get("PENDING"):
            lines.append(self.tr("{} change(s) got no answer: nothing is lost; publish again to "
                                 "finish them.").format(results["PENDING"]))
        return "\n".join(lines)

    def _published(self, ok: bool, results: dict, feedback) -> None:
        self.task = None
        self.last_results = results
        self.refused = self._refused_from(results)
        self._show_refused()
        self.resultLabel.setText(self.result_text(ok, results, feedback))
        self.show_preview()
        self._set_state("done")
        if self.on_published is not None:
            self.on_published(ok, results)
        if not ok or results.get("PENDING"):
            self.check()  # stopped: publish again from here (what is left is listed)

    def _layer_saved(self, *_):
        """A saved edit of the working copy: the change set and its check follow."""
        if self.state in ("checking", "publishing"):
            return
        self.show_preview()
        self.check()

    def open_conflicts(self) -> None:
        from .conflicts_dialog import ConflictsDialog

        ConflictsDialog(self.path, self.lang, self, layer=self.layer).exec()
        if self.layer is not None:
            self.layer.reload()
        self.show_preview()
        self.check()

    def reject(self) -> None:
        if self.state in ("checking", "publishing"):
            return  # a running task: cancel first
        super().reject()


def open_publish_dialog(params: dict, lang: str, parent=None, on_published=None, layer=None,
                        canvas=None) -> Optional[PublishDialog]:
    dialog = PublishDialog(params, lang, parent, on_published, layer, canvas)
    dialog.show()
    return dialog

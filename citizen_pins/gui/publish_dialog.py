"""Publish: the change set first (added / changed / deleted), validation blocking on errors (with
the list), then the publish as a task with progress and cancel, and a result summary; conflicts
open the conflicts dialog.  Every step is the ``citizen_pins:publish`` algorithm (a dry run first),
so the toolbox, qgis_process and this dialog share one code path."""
from __future__ import annotations

from typing import Optional

from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QDialog

from ..registry.sync import PublishError, open_conflicts, preview
from ..toolbelt.resources import ui_path
from .tasks import run_algorithm

FORM_CLASS, _ = uic.loadUiType(str(ui_path("publish_dialog.ui")))


class PublishDialog(QDialog, FORM_CLASS):
    def __init__(self, params: dict, lang: str = "en", parent=None, on_published=None):
        """``params``: the publish algorithm's parameters (WORKING_COPY, REGISTRY_URL, AUTHCFG,
        BOUNDARIES, TOLERANCE)."""
        super().__init__(parent)
        self.setupUi(self)
        self.params = dict(params)
        self.path = params["WORKING_COPY"]
        self.lang = lang
        self.on_published = on_published
        self.task = None
        self.state = "checking"  # checking, blocked, ready, publishing, done, nothing
        self.blocking = []
        self.last_results: dict = {}
        self.publishButton.clicked.connect(self.publish)
        self.cancelButton.clicked.connect(self.cancel)
        self.closeButton.clicked.connect(self.reject)
        self.conflictsButton.clicked.connect(self.open_conflicts)
        self.progressBar.setVisible(False)
        self.show_preview()
        self.check()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("PublishDialog", text)

    # the change set (local: no network) -----------------------------------------------------
    def show_preview(self) -> None:
        try:
            pv = preview(self.path)
        except PublishError as e:
            self.countsLabel.setText(str(e))
            self.changes = 0
            return
        c = pv.counts()
        self.changes = c["added"] + c["changed"] + c["deleted"]
        text = self.tr("{added} added · {changed} changed · {deleted} deleted").format(**c)
        if c["conflicts"]:
            text += " · " + self.tr("{} pin(s) wait for conflicts to be resolved").format(
                c["conflicts"])
        if c["pending"]:
            text += " · " + self.tr("{} change(s) of an interrupted publish to finish").format(
                c["pending"])
        self.countsLabel.setText(text)
        self.changesList.clear()
        self.changesList.addItems(pv.lines(500))
        self.conflictsButton.setVisible(bool(open_conflicts(self.path)))
        self.pending = c["pending"]

    # validation (a dry run of the publish algorithm) -----------------------------------------
    def _set_state(self, state: str) -> None:
        self.state = state
        busy = state in ("checking", "publishing")
        self.publishButton.setEnabled(state == "ready")
        self.cancelButton.setVisible(busy)
        self.closeButton.setEnabled(not busy)
        self.progressBar.setVisible(busy)
        self.blockingList.setVisible(state == "blocked")

    def check(self) -> None:
        self._set_state("checking")
        self.checkLabel.setText(self.tr("Validating the pins to publish…"))
        self.progressBar.setRange(0, 0)
        self.task = run_algorithm("citizen_pins:publish", dict(self.params, DRY_RUN=True),
                                  self._checked, self.tr("Citizen Pins: check before publishing"))

    def _checked(self, ok: bool, results: dict, feedback) -> None:
        self.task = None
        self.blockingList.clear()
        if not ok:
            self.blocking = [e for e in feedback.errors if "[" in e]
            if self.blocking:
                self.checkLabel.setText(self.tr(
                    "Publishing is blocked by {} error(s). Fix them (findings panel), then "
                    "publish again. Nothing was sent.").format(len(self.blocking)))
                self.blockingList.addItems(self.blocking)
            else:
                self.checkLabel.setText(self.tr("The check failed: {}").format(
                    " ".join(feedback.errors)))
            self._set_state("blocked")
            return
        if not self.changes and not self.pending:
            self.checkLabel.setText(self.tr("Nothing to publish: the working copy equals the "
                                            "registry's state at the last pull."))
            self._set_state("nothing")
            return
        self.checkLabel.setText(self.tr("Validation passed: no error blocks publishing."))
        self._set_state("ready")

    # the publish ------------------------------------------------------------------------------
    def publish(self) -> None:
        self._set_state("publishing")
        self.progressBar.setRange(0, 100)
        self.progressBar.setValue(0)
        self.resultLabel.setText(self.tr("Publishing…"))
        self.task = run_algorithm("citizen_pins:publish", dict(self.params, DRY_RUN=False),
                                  self._published, self.tr("Citizen Pins: publish"))
        self.task.progressChanged.connect(lambda p: self.progressBar.setValue(int(p)))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _published(self, ok: bool, results: dict, feedback) -> None:
        self.task = None
        self.last_results = results
        if ok:
            self.resultLabel.setText(str(results.get("SUMMARY", "")))
        else:
            self.resultLabel.setText(self.tr("The publish stopped: {}").format(
                " ".join(feedback.errors) or self.tr("cancelled")) + "\n" + self.tr(
                "Nothing is lost: what was not confirmed is finished by the next publish."))
        self.show_preview()
        self._set_state("done")
        if self.on_published is not None:
            self.on_published(ok, results)

    def open_conflicts(self) -> None:
        from .conflicts_dialog import ConflictsDialog

        ConflictsDialog(self.path, self.lang, self).exec()
        self.show_preview()
        self.check()

    def reject(self) -> None:
        if self.state in ("checking", "publishing"):
            return  # a running task: cancel first
        super().reject()


def open_publish_dialog(params: dict, lang: str, parent=None, on_published=None) -> Optional[PublishDialog]:
    dialog = PublishDialog(params, lang, parent, on_published)
    dialog.show()
    return dialog

"""Long work off the UI thread: Processing algorithms and plain functions run as QgsTasks, with
progress in QGIS's task bar and cancel; the result comes back on the UI thread."""
from __future__ import annotations

from typing import Callable, Dict, List, Optional

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsTask,
)

# Tasks and what they need alive until they end (the task manager owns only the task).
_RUNNING: Dict[int, tuple] = {}


class CollectingFeedback(QgsProcessingFeedback):
    """Keeps the algorithm's messages, so the GUI can show what went wrong in the user's words."""

    def __init__(self):
        super().__init__()
        self.errors: List[str] = []
        self.infos: List[str] = []

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS's names)
        self.errors.append(error)
        super().reportError(error, fatalError)

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)
        super().pushInfo(info)


def run_algorithm(algorithm_id: str, parameters: dict,
                  on_done: Callable[[bool, dict, CollectingFeedback], None],
                  description: str = "") -> Optional[QgsTask]:
    """Run a Processing algorithm as a task; ``on_done(ok, results, feedback)`` on the UI thread."""
    alg = QgsApplication.processingRegistry().algorithmById(algorithm_id)
    if alg is None:
        raise LookupError(f"algorithm {algorithm_id} is not registered")
    # No project in the context: the algorithm runs in a worker thread, and the project (its
    # layers, its expression scope) belongs to the UI thread.  Callers pass data sources, not
    # layer objects, and save edits before (the dock asks).
    context = QgsProcessingContext()
    feedback = CollectingFeedback()
    task = QgsProcessingAlgRunnerTask(alg, parameters, context, feedback)
    if description:
        task.setDescription(description)
    key = id(task)

    def executed(ok, results):
        _RUNNING.pop(key, None)
        on_done(bool(ok), dict(results or {}), feedback)

    task.executed.connect(executed)
    _RUNNING[key] = (task, context, feedback)
    QgsApplication.taskManager().addTask(task)
    return task


class FunctionTask(QgsTask):
    """Runs ``fn(task)`` in a worker thread; ``on_done(result, error)`` on the UI thread."""

    def __init__(self, description: str, fn: Callable[["FunctionTask"], object],
                 on_done: Callable[[object, Optional[BaseException]], None]):
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.fn = fn
        self.on_done = on_done
        self.result = None
        self.error: Optional[BaseException] = None

    def run(self) -> bool:
        try:
            self.result = self.fn(self)
            return True
        except BaseException as e:  # noqa: BLE001 - handed to the UI thread, never lost
            self.error = e
            return False

    def finished(self, ok: bool) -> None:
        _RUNNING.pop(id(self), None)
        self.on_done(self.result, self.error)


def run_function(description: str, fn, on_done) -> FunctionTask:
    task = FunctionTask(description, fn, on_done)
    _RUNNING[id(task)] = (task,)
    QgsApplication.taskManager().addTask(task)
    return task

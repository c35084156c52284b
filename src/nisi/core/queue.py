"""Queue a Celery task by name once the current transaction commits (eager in the embedded default).

Services queue side effects this way, by the task's registered name, so that they never import an entry-point
module (tasks are the outermost layer)."""

from __future__ import annotations

from typing import Any

from celery import current_app
from django.db import transaction


def _task(name: str) -> Any:
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()  # runs the apps' task autodiscovery once
    return current_app.tasks[name]


def enqueue(task_name: str, *args: Any) -> None:
    transaction.on_commit(lambda: _task(task_name).delay(*args))

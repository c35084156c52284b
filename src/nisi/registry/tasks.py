"""Thin Celery wrappers named like the services they call."""

from __future__ import annotations

from celery import shared_task

from nisi.core.authz import SYSTEM
from nisi.registry import public_answers
from nisi.registry.models import MonitoringRun
from nisi.registry.services import monitoring


@shared_task(name="nisi.registry.tasks.monitoring_process_chunk", acks_late=True)
def monitoring_process_chunk(run_id: int, low: int, high: int) -> dict[str, int]:
    return monitoring.monitoring_process_chunk(run_id=run_id, low=low, high=high)


@shared_task(name="nisi.registry.tasks.monitoring_quarterly")
def monitoring_quarterly() -> int:
    """Asked every day; starts a run on the first day of each monitoring period (its length a parameter)."""
    run = monitoring.monitoring_start_if_due(actor=SYSTEM)
    return monitoring.monitoring_dispatch(run=run) if run is not None else 0


@shared_task(name="nisi.registry.tasks.monitoring_resume")
def monitoring_resume(run_id: int) -> int:
    return monitoring.monitoring_dispatch(run=MonitoringRun.objects.get(pk=run_id))


@shared_task(name="nisi.registry.tasks.noncompliance_expire")
def noncompliance_expire() -> int:
    return monitoring.noncompliance_expire()


@shared_task(name="nisi.registry.tasks.monitoring_watch")
def monitoring_watch() -> dict[str, int]:
    return monitoring.monitoring_watch()


@shared_task(name="nisi.registry.tasks.untold_changes_tell")
def untold_changes_tell() -> int:
    return public_answers.untold_changes_tell()

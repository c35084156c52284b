"""The reporting app's background work: thin wrappers named like the service they call, imported here so Celery
finds them."""

from __future__ import annotations

from celery import shared_task

from nisi.reporting.assessment_tasks import return_deadlines_open
from nisi.reporting.services import report

__all__ = ["report_build", "report_edition", "return_deadlines_open"]


@shared_task(name="nisi.reporting.tasks.report_build")
def report_build(report_id: int) -> str:
    """IP-5.2: builds a requested National Report (figures, traces, editions, signatures)."""
    return report.report_build(report_id=report_id).status


@shared_task(name="nisi.reporting.tasks.report_edition")
def report_edition(report_id: int, language: str) -> str:
    """IP-5.2: one language's edition of a National Report whose figures are built (queued by `report_build`)."""
    return report.report_edition(report_id=report_id, language=language).status

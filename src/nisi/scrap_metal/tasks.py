"""The scrap records' background work, thin wrappers named like the service they call."""

from __future__ import annotations

from celery import shared_task

from nisi.scrap_metal import services


@shared_task(name="nisi.scrap_metal.tasks.report_deadlines_open")
def report_deadlines_open() -> int:
    """IP-9.39: each activity under way in the last ended quarter gets its report's term, once."""
    return services.report_deadlines_open()

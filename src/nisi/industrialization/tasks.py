"""The map's background work, thin wrappers named like the service they call."""

from __future__ import annotations

from celery import shared_task

from nisi.industrialization.services import reports


@shared_task(name="nisi.industrialization.tasks.quarter_deadlines_open")
def quarter_deadlines_open() -> int:
    """IP-6.2, IP-11.8: each project in the map at the last quarter's end gets its information's term, once."""
    return reports.quarter_deadlines_open()

"""The administrative data forms' background work, thin wrappers named like the service they call."""

from __future__ import annotations

from celery import shared_task

from nisi.reporting.services import assessment


@shared_task(name="nisi.reporting.tasks.return_deadlines_open")
def return_deadlines_open() -> int:
    """IP-6.3: each filer of a form in force gets the term of its return for the last ended period, once."""
    return assessment.return_deadlines_open()

"""Background work of domestic raw materials, thin wrappers named like the service they call."""

from __future__ import annotations

from celery import shared_task

from nisi.raw_materials.services import listing


@shared_task(name="nisi.raw_materials.tasks.agreement_deadlines_open")
def agreement_deadlines_open() -> int:
    """IP-60.6: every listed producer without an agreement appears on the authorized body's work queue (a new
    facility turns three years old and is listed without anyone acting)."""
    return listing.agreement_deadlines_open()

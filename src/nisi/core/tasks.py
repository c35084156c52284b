"""Thin Celery wrappers named like the services they call."""

from __future__ import annotations

from celery import shared_task

from nisi.core.services import deadlines


@shared_task(name="nisi.core.tasks.deadlines_daily")
def deadlines_daily() -> dict[str, int]:
    return deadlines.deadlines_daily()

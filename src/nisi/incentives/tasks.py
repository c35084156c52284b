"""Thin Celery wrappers of the incentives' daily jobs, named like the services they call."""

from __future__ import annotations

from celery import shared_task

from nisi.incentives.services import alerts, state_actuals


@shared_task(name="nisi.incentives.tasks.alerts_check")
def alerts_check() -> dict[str, int]:
    """Tells, once, each entity that asked when a measure it would pass opens (on the day it opens)."""
    return alerts.alerts_check()


@shared_task(name="nisi.incentives.tasks.state_actuals_fetch")
def state_actuals_fetch() -> dict[str, int]:
    """Asks the state's systems for the figures of every agreement in force, each period (an outage delays)."""
    return state_actuals.state_actuals_fetch()

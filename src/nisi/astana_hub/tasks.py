"""Celery tasks of the Astana Hub app: thin wrappers named like the service they call."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from nisi.astana_hub import participation
from nisi.astana_hub.rules import fees as fee_rules
from nisi.astana_hub.selectors import fees as fee_selectors
from nisi.astana_hub.services import fees as fee_services
from nisi.astana_hub.services.fees import FUND_SYSTEM
from nisi.law import clock


@shared_task(name="nisi.astana_hub.tasks.fees_charge_period")
def fees_charge_period(period: str | None = None) -> dict[str, Any]:
    """Charges the membership fee for `period`, or for the period running today under the schedule in force
    (AH-10.1.4-2). Daily and idempotent: on a period's first day it charges, on the other days it changes
    nothing, and a missed day is caught up the next."""
    if period is None:
        today = clock.today()
        schedule = fee_selectors.schedule_in_force(today)
        if schedule is None:
            return {"period": None, "charged": 0, "reason": "no fee schedule in force"}
        period = fee_rules.period_containing(schedule.period, today).label
    result = fee_services.fees_charge_period(
        actor=FUND_SYSTEM, period=period, hub_participant_ids=participation.hub_participant_ids
    )
    return {"period": result.period.label, "charged": len(result.charged), "already": len(result.already)}


@shared_task(name="nisi.astana_hub.tasks.workers_daily")
def workers_daily() -> dict[str, int]:
    """Foreign workers (AH-7-1), daily and idempotent: visas past their last day become expired (AH-7-1.5), and
    every period of a submission schedule that has ended gets its deadline (AH-7-1.3)."""
    from nisi.astana_hub.services import submissions, worker_visas

    return {
        "visas_expired": worker_visas.visas_expire(),
        "submission_deadlines_opened": submissions.submissions_due_open(),
    }

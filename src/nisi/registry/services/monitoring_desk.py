"""The officers' desk for quarterly monitoring (IP-51-4.1): starting a period's run and resuming one whose checks
stalled, from the page and the API. The run itself is `services.monitoring`'s, dispatched to the workers by the
same path the schedule and `nisi registry monitoring` take (chunks owed through the outbox)."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require
from nisi.core.services.journal import journal_append
from nisi.law import clock, params
from nisi.registry import rules
from nisi.registry.models import MonitoringCheck, MonitoringRun
from nisi.registry.services.monitoring import _lapsed_holds, monitoring_dispatch, monitoring_start
from nisi.registry.services.noncompliance import MonitoringError

PERIOD = re.compile(r"^[0-9]{4}-(Q[1-4]|0[1-9]|1[0-2])$")


class RunExists(MonitoringError):
    """A run of the period has started already (the API answers 409)."""


def blank_run() -> MonitoringRun:
    """A run not yet started: asked who may start one and who may see the list of runs."""
    return MonitoringRun()


def current_period(today: dt.date | None = None) -> str | None:
    """The monitoring period today falls in (a quarter while `register_monitoring_interval` is 3), or None before
    IP-51-4.1 applied."""
    today = today or clock.today()
    try:
        rules.require_in_force("IP-51-4.1", today, MonitoringError)
        return rules.monitoring_period(today, rules.monitoring_interval_months(today))
    except (MonitoringError, params.NoValueOnDate):
        return None


def _first_day(period: str) -> dt.date:
    year = int(period[:4])
    return dt.date(year, 3 * int(period[-1]) - 2, 1) if "-Q" in period else dt.date(year, int(period[5:7]), 1)


def monitoring_run_start(*, actor: Actor, quarter: str | None = None) -> tuple[MonitoringRun, int]:
    """Starts the monitoring of a period (the present one if none is named) and queues its chunks for the workers;
    the run and how many chunks were queued. Refuses a period already started, one not begun, and any before
    IP-51-4.1 applied."""
    require(actor, blank_run(), "start")
    today = clock.today()
    if quarter is None:
        rules.require_in_force("IP-51-4.1", today, MonitoringError)
        quarter = current_period(today)
        if quarter is None:
            raise MonitoringError(
                _("No monitoring period is set for today (IP-51-4.1): ask the administrator to set the parameter.")
            )
    if not PERIOD.match(quarter):
        raise MonitoringError(
            _("Write the period as a quarter, such as 2026-Q2 (or a first month, such as 2026-04): “%(given)s” is not.")
            % {"given": quarter[:20]}
        )
    if _first_day(quarter) > today:
        raise MonitoringError(
            _("The period %(quarter)s has not begun: its monitoring can start on %(day)s.")
            % {"quarter": quarter, "day": date_format(_first_day(quarter), "d.m.Y")}
        )
    with transaction.atomic():
        if MonitoringRun.objects.filter(quarter=quarter).exists():
            raise RunExists(
                _(
                    "The monitoring of %(quarter)s has already started: open its page to follow it, or resume it "
                    "there if its checks stalled."
                )
                % {"quarter": quarter}
            )
        run = monitoring_start(actor=actor, quarter=quarter)
        queued = monitoring_dispatch(run=run)
    return run, queued


def resumable(run: MonitoringRun) -> dict[str, int]:
    """What a resume would dispatch: checks a dead worker held (their hold lapsed) and checks no worker ever took
    (never dispatched, or their tasks were lost)."""
    return {
        "lapsed": _lapsed_holds(run.pk).count(),
        "untaken": run.checks.filter(status=MonitoringCheck.Status.PENDING, claimed_at__isnull=True).count(),
    }


def monitoring_run_resume(*, actor: Actor, run: MonitoringRun) -> int:
    """Queues again the chunks of a running run whose checks stalled: all its unfinished checks if some were never
    taken by a worker, else only those whose worker died. Checks held by a live worker or waiting for a state
    database are left to them. How many chunks were queued."""
    require(actor, run, "resume")
    with transaction.atomic():
        run = MonitoringRun.objects.select_for_update().get(pk=run.pk)
        if run.status != MonitoringRun.Status.RUNNING:
            raise MonitoringError(
                _("The monitoring of %(quarter)s has finished: nothing to resume.") % {"quarter": run.quarter}
            )
        stalled = resumable(run)
        if not stalled["lapsed"] and not stalled["untaken"]:
            raise MonitoringError(
                _(
                    "Nothing to resume: every unfinished check of %(quarter)s is being verified by a live worker or "
                    "waits for a state database to answer. Refresh the page to follow it."
                )
                % {"quarter": run.quarter}
            )
        lapsed_only = not stalled["untaken"]
        queued = monitoring_dispatch(run=run, lapsed_only=lapsed_only)
        journal_append(
            actor=actor,
            subject_type="monitoring_run",
            subject_id=run.quarter,
            action="resumed",
            payload={"chunks": queued, "lapsed_only": lapsed_only, **stalled},
            provisions=["IP-51-4.1"],
        )
    return queued

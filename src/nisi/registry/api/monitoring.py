"""Quarterly monitoring of the register (IP-51-4) for the authorized body's systems: the runs with their progress
and outcome, a run's checks with the non-compliances and notices, and starting or resuming a run. The same
services, reads and policy as the pages (`nisi.registry.views.monitoring`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import ConfigDict

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import Actor, actor_for, allowed_actions, require
from nisi.law.api_common import Problem, explain, path_code, query_one_of
from nisi.registry import monitoring_selectors as reads
from nisi.registry.api.common import permit
from nisi.registry.models import MonitoringRun
from nisi.registry.services import monitoring_desk
from nisi.registry.services.noncompliance import MonitoringError

router = Router(tags=["register: monitoring"])
PERIOD = monitoring_desk.PERIOD.pattern
NO_RUN = "No monitoring run of this period among those the token's user can see."
FORBIDDEN = "Monitoring is the authorized body's work; the development institute and auditors may read the runs."
PAGE = 50


def quarter_path() -> Any:
    return path_code(PERIOD, "the monitoring period: a quarter, or a first month when the interval is not 3", "2026-Q2")


class MonitoringRunOut(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "quarter": "2026-Q2",
                    "status": "running",
                    "started_at": "2026-04-01T09:00:00+05:00",
                    "started_by": "officer",
                    "finished_at": None,
                    "total": 1200,
                    "done": 840,
                    "passed": 801,
                    "failed": 39,
                    "waiting": 3,
                    "open": 357,
                    "notices": 39,
                    "notices_open": 39,
                    "notices_eliminated": 0,
                    "notices_expired": 0,
                    "lapsed": 0,
                    "untaken": 0,
                    "actions": ["read", "resume"],
                }
            ]
        }
    )

    quarter: str = Field(description="the monitoring period, e.g. 2026-Q2")
    status: str = Field(description="running or finished")
    started_at: dt.datetime = Field(description="when, in Kazakhstan's time (UTC+5)")
    started_by: str = Field(description="who started it: the user's name, or nisi when the schedule did")
    finished_at: dt.datetime | None
    total: int = Field(description="the producers in the run (one check each)")
    done: int = Field(description="the checks with an outcome: passed + failed")
    passed: int = Field(description="producers found to comply")
    failed: int = Field(description="producers with a non-compliance (IP-51-4.2)")
    waiting: int = Field(description="checks waiting for a state database; their verification retries by itself")
    open: int = Field(description="checks not yet verified, apart from those waiting")
    notices: int = Field(description="notices of non-compliance issued by the run")
    notices_open: int
    notices_eliminated: int = Field(description="notices whose non-compliance was eliminated in time")
    notices_expired: int = Field(description="notices not eliminated in time: the producer was removed (IP-51-6.1)")
    lapsed: int = Field(description="checks held by a worker that stopped: a resume queues them again")
    untaken: int = Field(description="checks no worker took yet: a resume queues every unfinished check again")
    actions: list[str] = Field(description="what the token's user may do with the run now (read, resume)")


class MonitoringCriterionOut(Schema):
    criterion: str = Field(description="the criterion's identifier")
    provision: str
    text: str = Field(description="the criterion and what the state database answered, in the answer's language")


class MonitoringNoticeOut(Schema):
    issued_on: dt.date
    due_on: dt.date = Field(description="the last day to eliminate the non-compliance (IP-51-4.2)")
    status: str = Field(description="open, eliminated, or expired (not eliminated: the producer removed)")
    closed_on: dt.date | None


class MonitoringCheckOut(Schema):
    record: str = Field(description="the register record's number")
    identifier: str = Field(description="the producer's BIN")
    name: str
    outcome: str = Field(description="passed, failed, waiting (for a state database), pending or verifying")
    checked_at: dt.datetime | None
    criteria_not_met: list[MonitoringCriterionOut]
    notice: MonitoringNoticeOut | None = Field(description="the notice issued for a non-compliance")


class MonitoringRunDetailOut(MonitoringRunOut):
    checks: list[MonitoringCheckOut] = Field(description=f"a page of the checks with the outcome asked, {PAGE} at most")
    outcome: str = Field(description="the outcome the checks were filtered by")
    page: int
    has_next: bool


class MonitoringStartIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"quarter": "2026-Q2"}, {}]})

    quarter: str | None = Field(None, pattern=PERIOD, description="the period to monitor; the present one if not given")


class MonitoringResumeOut(Schema):
    run: MonitoringRunOut
    queued: int = Field(description="how many chunks of checks were queued for the workers")


def _run_out(actor: Actor, run: MonitoringRun) -> dict[str, Any]:
    progress = reads.run_progress(run)
    running = run.status == MonitoringRun.Status.RUNNING
    return {
        "quarter": run.quarter,
        "status": run.status,
        "started_at": run.started_at,
        "started_by": run.started_by_label,
        "finished_at": run.finished_at,
        **{key: progress[key] for key in ("total", "done", "passed", "failed", "waiting", "open", "notices")},
        **{f"notices_{s}": progress[f"notices_{s}"] for s in ("open", "eliminated", "expired")},
        **(monitoring_desk.resumable(run) if running else {"lapsed": 0, "untaken": 0}),
        "actions": sorted(allowed_actions(actor, run)),
    }


def _check_out(row: dict[str, Any]) -> dict[str, Any]:
    notice = row["notice"]
    return {
        "record": row["record"].number,
        "identifier": row["organization"].identifier,
        "name": row["organization"].name,
        "outcome": row["outcome"],
        "checked_at": row["check"].checked_at,
        "criteria_not_met": [
            {"criterion": r["criterion"], "provision": r["provision"], "text": f"{r['title_text']}: {r['found_text']}"}
            for r in row["reasons"]
        ],
        "notice": {
            "issued_on": notice.issued_on,
            "due_on": notice.deadline.due_on,
            "status": notice.status,
            "closed_on": notice.closed_on,
        }
        if notice
        else None,
    }


def _visible(request: HttpRequest, quarter: str) -> tuple[Actor, MonitoringRun]:
    actor = actor_for(request.user)
    run = reads.run_for(actor, quarter)
    if run is None:
        raise HttpError(404, _("No monitoring run of this period among those you can see."))
    return actor, run


@router.get(
    "/monitoring/runs",
    auth=TokenAuth(),
    response={200: list[MonitoringRunOut], 403: Problem},
    summary="The monitoring runs, the newest first, with their progress and outcome (IP-51-4.1)",
    openapi_extra=explain({403: FORBIDDEN}),
)
def runs(request: HttpRequest, page: int = Query(1, ge=1, le=10_000)) -> Any:
    actor = actor_for(request.user)
    require(actor, monitoring_desk.blank_run(), "list")
    found = reads.runs_for(actor)[(page - 1) * PAGE : page * PAGE]
    return [_run_out(actor, run) for run in found]


@router.get(
    "/monitoring/runs/{quarter}",
    auth=TokenAuth(),
    response={200: MonitoringRunDetailOut, 404: Problem},
    summary="A monitoring run: its progress, and its checks by outcome with the non-compliances and notices",
    openapi_extra=explain({404: NO_RUN}),
)
def run_detail(
    request: HttpRequest,
    quarter: str = quarter_path(),
    outcome: str = query_one_of(reads.OUTCOMES, "failed", description="the checks to list; failed by default"),
    page: int = Query(1, ge=1, le=10_000),
) -> Any:
    actor, run = _visible(request, quarter)
    rows = reads.run_checks(run, outcome=outcome or "failed", offset=(page - 1) * PAGE, limit=PAGE + 1)
    return {
        **_run_out(actor, run),
        "checks": [_check_out(r) for r in rows[:PAGE]],
        "outcome": outcome or "failed",
        "page": page,
        "has_next": len(rows) > PAGE,
    }


@router.post(
    "/monitoring/runs",
    auth=TokenAuth(),
    response={201: MonitoringRunOut, 403: Problem, 409: Problem, 422: Problem},
    summary="Start the monitoring of a period; its checks are queued for the workers (IP-51-4.1)",
    openapi_extra=explain(
        {
            403: FORBIDDEN,
            409: "A run of this period exists already: follow it, or resume it if its checks stalled.",
            422: "The period has not begun, or IP-51-4.1 did not apply then; `detail` says which.",
        }
    ),
)
def run_start(request: HttpRequest, payload: MonitoringStartIn) -> Any:
    actor = actor_for(request.user)
    require(actor, monitoring_desk.blank_run(), "start")
    try:
        run, _queued = monitoring_desk.monitoring_run_start(actor=actor, quarter=payload.quarter)
    except monitoring_desk.RunExists as exc:
        raise HttpError(409, str(exc)) from None
    except MonitoringError as exc:
        raise HttpError(422, str(exc)) from None
    run.refresh_from_db()
    return Status(201, _run_out(actor, run))


@router.post(
    "/monitoring/runs/{quarter}/resume",
    auth=TokenAuth(),
    response={200: MonitoringResumeOut, 403: Problem, 404: Problem, 409: Problem},
    summary="Resume a run whose checks stalled: queue again those of stopped workers, or never taken",
    openapi_extra=explain(
        {
            403: FORBIDDEN,
            404: NO_RUN,
            409: "The run has finished, or nothing has stalled (every unfinished check is held by a live worker or "
            "waits for a state database).",
        }
    ),
)
def run_resume(request: HttpRequest, quarter: str = quarter_path()) -> Any:
    actor, run = _visible(request, quarter)
    permit(actor, run, "resume")
    try:
        queued = monitoring_desk.monitoring_run_resume(actor=actor, run=run)
    except MonitoringError as exc:
        raise HttpError(409, str(exc)) from None
    run.refresh_from_db()
    return {"run": _run_out(actor, run), "queued": queued}

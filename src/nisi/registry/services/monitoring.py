"""Quarterly monitoring of the register by digital verification (IP-51-4).

A run creates one check per producer (unique per run and record) and fans out over Celery in chunks of record
ids; inside a chunk, the producers are verified a batch at a time, concurrently over the gateway. A chunk's task
holds its checks under a token of its own and renews that hold every NISI_MONITORING_HEARTBEAT_S seconds while
its process lives (a heartbeat thread); a hold not renewed for NISI_MONITORING_LEASE_S is a dead worker's, and
the next batch of any live task takes it over (the watch job dispatches it when no task is running). A check's
verification is written in its final state together with the check's outcome, so a producer is verified once
however workers die (ADR 6, ADR 16). A non-compliance gets a notice with a term to eliminate it (IP-51-4.2);
one not eliminated removes the producer (IP-51-6.1).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import CharField, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from nisi.core.authz import SYSTEM, Actor
from nisi.core.bulk import insert_rows
from nisi.core.outbox import enqueue
from nisi.core.roles import Role
from nisi.core.services.journal import journal_append
from nisi.law import clock, params
from nisi.registry import rules
from nisi.registry.models import MonitoringCheck, MonitoringRun, RegisterGood, RegisterRecord
from nisi.registry.services.noncompliance import (
    Failed,
    MonitoringError,
    noncompliance_after_recheck,
    noncompliance_expire,
    noncompliance_recheck,
    notices_issue_many,
)
from nisi.verification.bulk import Settled, Subject, verifications_run_many
from nisi.verification.models import Verification
from nisi.verification.services import verifications_perform

__all__ = [
    "MonitoringError",
    "chunks",
    "monitoring_dispatch",
    "monitoring_finish_if_done",
    "monitoring_heartbeat",
    "monitoring_process_chunk",
    "monitoring_settle_many",
    "monitoring_start",
    "monitoring_watch",
    "noncompliance_after_recheck",
    "noncompliance_expire",
    "noncompliance_recheck",
]

log = logging.getLogger(__name__)

MONITORED = (RegisterRecord.Basis.ASSESSED, RegisterRecord.Basis.WHOLLY_PRODUCED)  # software: IP-51-2.3
OPEN = (MonitoringCheck.Status.PENDING, MonitoringCheck.Status.VERIFYING)
DONE = (MonitoringCheck.Status.PASSED, MonitoringCheck.Status.FAILED)


@transaction.atomic
def _interval_or_quarter(on: dt.date) -> int:
    try:
        return rules.monitoring_interval_months(on)
    except params.NoValueOnDate:
        return 3


def monitoring_start_if_due(*, actor: Actor) -> MonitoringRun | None:
    """Starts the run of the current monitoring period unless it has started: the schedule asks every day, and the
    period's length comes from the parameter `register_monitoring_interval` (IP-51-4.1), not from the clock's
    calendar. Nothing before the article applied."""
    today = clock.today()
    try:
        rules.require_in_force("IP-51-4.1", today, MonitoringError)
    except MonitoringError:
        return None
    period = rules.monitoring_period(today, rules.monitoring_interval_months(today))
    if MonitoringRun.objects.filter(quarter=period).exists():
        return None
    return monitoring_start(actor=actor, quarter=period)


def monitoring_start(*, actor: Actor, quarter: str | None = None) -> MonitoringRun:
    """Starts (or returns) the run of a quarter, with one pending check per producer in the register."""
    if actor is not SYSTEM and Role.AUTHORIZED_BODY not in actor.roles:
        raise MonitoringError(_("The register is monitored by the authorized body (IP-51-4.1)."))
    today = clock.today()
    if quarter is None:
        rules.require_in_force("IP-51-4.1", today, MonitoringError)
        quarter = rules.monitoring_period(today, rules.monitoring_interval_months(today))
    else:
        last_day = rules.monitoring_period_last_day(quarter, 3 if "-Q" in quarter else _interval_or_quarter(today))
        rules.require_in_force("IP-51-4.1", min(last_day, today), MonitoringError)
    run, created = MonitoringRun.objects.get_or_create(
        quarter=quarter, defaults={"started_at": clock.now(), "started_by_label": actor.label}
    )
    if not created:
        return run
    ids = RegisterRecord.objects.filter(status=RegisterRecord.Status.INCLUDED, basis__in=MONITORED).values_list(
        "pk", flat=True
    )
    # The run is new (get_or_create made it here): its checks are written straight, by COPY on PostgreSQL.
    columns = ("run_id", "record_id", "status", "claimed_by")
    batch: list[tuple[Any, ...]] = []
    total = 0
    for record_id in ids.iterator(chunk_size=5000):
        batch.append((run.pk, record_id, MonitoringCheck.Status.PENDING, ""))
        if len(batch) == 5000:
            insert_rows(MonitoringCheck, columns, batch)
            total += len(batch)
            batch = []
    insert_rows(MonitoringCheck, columns, batch)
    run.total = total + len(batch)
    run.save(update_fields=["total"])
    if connection.vendor == "postgresql":
        # Statistics for the run's new checks now, so that the claims' statements find them by the holder's index
        # from the first chunk on (without, the planner takes the table for as small as it was before the run).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {MonitoringCheck._meta.db_table}")
    journal_append(
        actor=actor,
        subject_type="monitoring_run",
        subject_id=quarter,
        action="started",
        payload={"total": run.total},
        provisions=["IP-51-4.1"],
    )
    return run


def chunks(run: MonitoringRun, size: int, *, lapsed_only: bool = False) -> Iterator[tuple[int, int]]:
    """Ranges of record ids covering the run's unfinished checks (only those a dead worker held, with
    `lapsed_only`), `size` records at most each."""
    todo = _lapsed_holds(run.pk) if lapsed_only else run.checks.filter(status__in=OPEN)
    bounds = todo.aggregate(low=Min("record_id"), high=Max("record_id"))
    if bounds["low"] is None:
        return
    ids = todo.order_by("record_id").values_list("record_id", flat=True)
    start, count, last = None, 0, None
    for record_id in ids.iterator(chunk_size=10_000):
        if start is None:
            start = record_id
        count += 1
        last = record_id
        if count == size:
            yield start, last
            start, count = None, 0
    if start is not None and last is not None:
        yield start, last


def monitoring_dispatch(*, run: MonitoringRun, chunk_size: int | None = None, lapsed_only: bool = False) -> int:
    """Queues one task per chunk of the run's unfinished checks (those of dead workers only, with `lapsed_only`);
    returns how many were queued. The chunks are owed together (one transaction writes them to the outbox) and
    sent once it commits."""
    size = chunk_size or settings.NISI_MONITORING_CHUNK
    count = 0
    with transaction.atomic():
        for low, high in chunks(run, size, lapsed_only=lapsed_only):
            enqueue("nisi.registry.tasks.monitoring_process_chunk", run.pk, low, high)
            count += 1
    return count


def _lapsed() -> dt.datetime:
    """Holds renewed before this moment are a dead worker's."""
    return clock.now() - dt.timedelta(seconds=settings.NISI_MONITORING_LEASE_S)


def _lapsed_holds(run_id: int) -> QuerySet[MonitoringCheck]:
    return MonitoringCheck.objects.filter(
        run_id=run_id, status__in=OPEN, claimed_at__isnull=False, claimed_at__lt=_lapsed()
    )


def _hold_range(run_id: int, low: int, high: int, token: str) -> int:
    """Holds the range's unfinished checks that no live worker holds (new ones, and a dead worker's)."""
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=_lapsed())
    return (
        MonitoringCheck.objects.filter(run_id=run_id, record_id__gte=low, record_id__lte=high, status__in=OPEN)
        .filter(free)
        .update(claimed_by=token, claimed_at=clock.now())
    )


def _take_over(run_id: int, token: str, limit: int) -> int:
    """Takes over up to `limit` checks of the run held by a dead worker (their hold lapsed), oldest first."""
    lapsed = _lapsed_holds(run_id).order_by("claimed_at", "record_id").values("pk")[:limit]
    if connection.vendor == "postgresql":
        lapsed = lapsed.select_for_update(skip_locked=True)
    with transaction.atomic():
        return MonitoringCheck.objects.filter(pk__in=Subquery(lapsed), claimed_at__lt=_lapsed()).update(
            claimed_by=token, claimed_at=clock.now()
        )


def monitoring_heartbeat(*, token: str) -> int:
    """Renews the hold of a live task on its unfinished checks; how many it holds."""
    return MonitoringCheck.objects.filter(claimed_by=token, status__in=OPEN).update(claimed_at=clock.now())


class _Heartbeat:
    """Renews a task's hold every NISI_MONITORING_HEARTBEAT_S seconds from a thread of its own, for as long as the
    task runs: a worker killed mid-chunk stops renewing, and its checks lapse after NISI_MONITORING_LEASE_S."""

    def __init__(self, token: str) -> None:
        self._token = token
        self._every = float(settings.NISI_MONITORING_HEARTBEAT_S)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"monitoring-heartbeat-{token[:8]}", daemon=True)

    def __enter__(self) -> _Heartbeat:
        if self._every > 0:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=self._every + 5)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self._every):
                try:
                    monitoring_heartbeat(token=self._token)
                except Exception:  # a database hiccup: the next beat tries again
                    log.exception("monitoring heartbeat failed")
        finally:
            connection.close()  # this thread's own connection


def _take_batch(run_id: int, token: str, limit: int) -> list[tuple[Any, ...]]:
    """The next checks this task holds, marked as being verified: (check, record, verification or None,
    organization, identifier, site)."""
    with transaction.atomic():
        rows = list(
            MonitoringCheck.objects.filter(claimed_by=token, status__in=OPEN, run_id=run_id)
            .order_by("record_id")
            .values_list(
                "pk",
                "record_id",
                "verification_id",
                "record__organization_id",
                "record__organization__identifier",
                "record__site_kato",
            )[:limit]
        )
        if rows:
            MonitoringCheck.objects.filter(pk__in=[r[0] for r in rows]).update(
                status=MonitoringCheck.Status.VERIFYING, claimed_at=clock.now()
            )
    return rows


def _subjects(rows: list[tuple[Any, ...]]) -> list[Subject]:
    codes: dict[int, list[str]] = {r[1]: [] for r in rows}
    kinds: dict[int, list[tuple[bool, str, str]]] = {r[1]: [] for r in rows}
    goods = RegisterGood.objects.filter(record_id__in=list(codes), removed_on__isnull=True).exclude(hs_code="")
    for record_id, hs_code, wholly, kind in goods.values_list(
        "record_id", "hs_code", "wholly_produced", "wholly_produced_kind"
    ):
        codes[record_id].append(hs_code)
        kinds[record_id].append((wholly, kind, hs_code))
    today = clock.today()
    return [
        Subject(
            subject_id=str(check_id),
            organization_id=organization_id,
            identifier=identifier,
            on=today,
            declared_codes=tuple(codes[record_id]),
            site_kato=site_kato,
            # The criteria fit what the producer is in the register for (IP-51-4.2 with IP-51-1.9).
            activities=tuple(rules.production_activities(kinds[record_id])),
        )
        for check_id, record_id, _verification, organization_id, identifier, site_kato in rows
    ]


def _still_open(subject_ids: list[str]) -> set[str]:
    """The checks of a batch that still want a verification, locked until the batch is written."""
    ids = sorted(int(s) for s in subject_ids)
    held = MonitoringCheck.objects.filter(
        pk__in=ids, status=MonitoringCheck.Status.VERIFYING, verification__isnull=True
    ).order_by("pk")
    return {str(pk) for pk in held.select_for_update().values_list("pk", flat=True)}


def _settle_batch(settled: list[Settled]) -> None:
    """The checks' outcomes, in the transaction that writes their verifications; notices for non-compliances. A
    check whose verification waits for a state database is held by no one: the verification's own retries
    resume it, and its finish settles the check (`monitoring_settle_many`)."""
    now = clock.now()
    by_status: dict[str, list[int]] = {}
    for s in settled:
        by_status.setdefault(s.status, []).append(int(s.subject_id))
    linked = Subquery(
        Verification.objects.filter(subject_type="monitoring_check", subject_id=Cast(OuterRef("pk"), CharField()))
        .order_by("-pk")
        .values("pk")[:1]
    )
    for status, ids in by_status.items():
        if status == Verification.Status.WAITING:
            MonitoringCheck.objects.filter(pk__in=ids).update(verification_id=linked, claimed_by="", claimed_at=None)
        else:
            MonitoringCheck.objects.filter(pk__in=ids).update(
                verification_id=linked, status=status, checked_at=now, claimed_by=""
            )
    failed = [s for s in settled if s.status == Verification.Status.FAILED]
    if failed:
        records = dict(
            MonitoringCheck.objects.filter(pk__in=[int(s.subject_id) for s in failed]).values_list("pk", "record_id")
        )
        notices_issue_many([Failed(int(s.subject_id), records[int(s.subject_id)], s.verification_id) for s in failed])


def _claim(run_id: int, low: int, high: int, limit: int, token: str | None = None) -> list[tuple[Any, ...]]:
    """Holds the range's free checks for `token` (a new one if none) and takes the first batch of them."""
    token = token or uuid.uuid4().hex
    _hold_range(run_id, low, high, token)
    return _take_batch(run_id, token, limit)


def _verify_batch(rows: list[tuple[Any, ...]]) -> dict[str, int]:
    """Verifies a batch of checks: new ones written in their final state with their outcome; a check whose
    verification exists already (waiting for a source) resumes it."""
    fresh = [r for r in rows if r[2] is None]
    counts = verifications_run_many(
        purpose="monitoring",
        subject_type="monitoring_check",
        subjects=_subjects(fresh),
        still_open=_still_open,
        settle=_settle_batch,
    )
    resumed = [r for r in rows if r[2] is not None]
    if resumed:
        for key, value in verifications_perform(ids=[r[2] for r in resumed]).items():
            counts[key] += value
        monitoring_settle_many(check_ids=[r[0] for r in resumed])
    return counts


def monitoring_process_chunk(*, run_id: int, low: int, high: int, batch: int | None = None) -> dict[str, int]:
    """Verifies the producers of one range, `batch` at a time, each batch committed with its outcome; between
    batches, takes over what dead workers held."""
    size = batch or settings.NISI_MONITORING_BATCH
    totals = {"passed": 0, "failed": 0, "waiting": 0}
    token = uuid.uuid4().hex
    _hold_range(run_id, low, high, token)
    with _Heartbeat(token):
        while True:
            _take_over(run_id, token, size)
            rows = _take_batch(run_id, token, size)
            if not rows:
                break
            for key, value in _verify_batch(rows).items():
                totals[key] += value
    monitoring_finish_if_done(run_id=run_id)
    return totals


@transaction.atomic
def monitoring_settle_many(*, check_ids: list[int]) -> int:
    """Records the outcome of the checks whose verification finished (one that waited for a state database and
    has now been decided); notices for non-compliances."""
    rows = list(
        MonitoringCheck.objects.select_for_update(of=("self",))
        .filter(pk__in=check_ids, status=MonitoringCheck.Status.VERIFYING, verification__isnull=False)
        .order_by("pk")
        .values_list("pk", "record_id", "verification_id", "verification__status")
    )
    now = clock.now()
    settled = [r for r in rows if r[3] in DONE]
    for status in DONE:
        MonitoringCheck.objects.filter(pk__in=[r[0] for r in settled if r[3] == status]).update(
            status=status, checked_at=now, claimed_by=""
        )
    notices_issue_many([Failed(r[0], r[1], r[2]) for r in settled if r[3] == MonitoringCheck.Status.FAILED])
    return len(settled)


def monitoring_finish_if_done(*, run_id: int) -> None:
    with transaction.atomic():
        run = MonitoringRun.objects.select_for_update().get(pk=run_id)
        if run.status == MonitoringRun.Status.FINISHED:
            return
        if run.checks.filter(status__in=OPEN).exists():
            return
        run.status, run.finished_at = MonitoringRun.Status.FINISHED, clock.now()
        run.save(update_fields=["status", "finished_at"])
        failed = run.checks.filter(status=MonitoringCheck.Status.FAILED).count()
        journal_append(
            actor=SYSTEM,
            subject_type="monitoring_run",
            subject_id=run.quarter,
            action="finished",
            payload={"total": run.total, "failed": failed},
            provisions=["IP-51-4.1"],
        )


def monitoring_watch() -> dict[str, int]:
    """Runs every NISI_MONITORING_WATCH_S seconds: finishes runs whose checks are all done, and dispatches the
    checks that dead workers held once their hold lapsed, for when no live task is there to take them over."""
    finished = resumed = 0
    for run in MonitoringRun.objects.filter(status=MonitoringRun.Status.RUNNING):
        monitoring_finish_if_done(run_id=run.pk)
        run.refresh_from_db()
        if run.status == MonitoringRun.Status.FINISHED:
            finished += 1
        elif _lapsed_holds(run.pk).exists():
            monitoring_dispatch(run=run, lapsed_only=True)
            resumed += 1
    return {"finished": finished, "resumed": resumed}

"""Quarterly monitoring of the register by digital verification (IP-51-4).

A run creates one check per producer (unique per run and record) and fans out over Celery in chunks of record
ids; inside a chunk, the producers are verified concurrently over the gateway. It is resumable and idempotent:
a check is claimed before it is verified, a finished verification is never performed again, and `monitoring_resume`
picks up what a killed worker left. A non-compliance gets a notice with a term to eliminate it (IP-51-4.2);
one not eliminated removes the producer (IP-51-6.1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Cast

from nisi.core.authz import SYSTEM, Actor
from nisi.core.models import Deadline
from nisi.core.outbox import enqueue
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_complete, deadline_open
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.law import clock, params
from nisi.registry import rules
from nisi.registry.models import (
    MonitoringCheck,
    MonitoringRun,
    NonComplianceNotice,
    RegisterGood,
    RegisterRecord,
    Removal,
)
from nisi.registry.services.register import record_remove
from nisi.verification.models import Verification
from nisi.verification.selectors import reasons_many as verification_reasons_many
from nisi.verification.services import (
    verification_create,
    verification_start,
    verifications_create_many,
    verifications_perform,
)

MONITORED = (RegisterRecord.Basis.ASSESSED, RegisterRecord.Basis.WHOLLY_PRODUCED)  # software: IP-51-2.3


class MonitoringError(ValueError):
    pass


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
        raise MonitoringError("The register is monitored by the authorized body (IP-51-4.1).")
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
    batch: list[MonitoringCheck] = []
    total = 0
    for record_id in ids.iterator(chunk_size=5000):
        batch.append(MonitoringCheck(run=run, record_id=record_id))
        if len(batch) == 5000:
            MonitoringCheck.objects.bulk_create(batch, ignore_conflicts=True)
            total += len(batch)
            batch = []
    MonitoringCheck.objects.bulk_create(batch, ignore_conflicts=True)
    run.total = total + len(batch)
    run.save(update_fields=["total"])
    journal_append(
        actor=actor,
        subject_type="monitoring_run",
        subject_id=quarter,
        action="started",
        payload={"total": run.total},
        provisions=["IP-51-4.1"],
    )
    return run


def chunks(run: MonitoringRun, size: int) -> Iterator[tuple[int, int]]:
    """Ranges of record ids covering the run's unfinished checks, `size` records at most each."""
    todo = run.checks.filter(status__in=[MonitoringCheck.Status.PENDING, MonitoringCheck.Status.VERIFYING])
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


def monitoring_dispatch(*, run: MonitoringRun, chunk_size: int | None = None) -> int:
    """Queues one task per chunk of the run's unfinished checks; returns how many were queued. The chunks are owed
    together (one transaction writes them to the outbox) and sent once it commits."""
    size = chunk_size or settings.NISI_MONITORING_CHUNK
    count = 0
    with transaction.atomic():
        for low, high in chunks(run, size):
            enqueue("nisi.registry.tasks.monitoring_process_chunk", run.pk, low, high)
            count += 1
    return count


def _claim(run_id: int, low: int, high: int, limit: int) -> list[MonitoringCheck]:
    """Claims unfinished checks of a range: pending ones, and verifying ones whose claim has lapsed (a killed
    worker's). Rows another worker holds are skipped. Verifications are created once per check, in bulk."""
    lapsed = clock.now() - dt.timedelta(seconds=settings.NISI_MONITORING_LEASE_S)
    with transaction.atomic():
        checks = list(
            MonitoringCheck.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("record__organization")
            .filter(run_id=run_id, record_id__gte=low, record_id__lte=high)
            .filter(
                Q(status=MonitoringCheck.Status.PENDING)
                | Q(status=MonitoringCheck.Status.VERIFYING, claimed_at__lt=lapsed)
            )
            .order_by("record_id")[:limit]
        )
        fresh = [c for c in checks if c.verification_id is None]
        codes: dict[int, list[str]] = {c.record_id: [] for c in fresh}
        kinds: dict[int, list[tuple[bool, str, str]]] = {c.record_id: [] for c in fresh}
        goods = RegisterGood.objects.filter(record_id__in=list(codes), removed_on__isnull=True).exclude(hs_code="")
        for record_id, hs_code, wholly, kind in goods.values_list(
            "record_id", "hs_code", "wholly_produced", "wholly_produced_kind"
        ):
            codes[record_id].append(hs_code)
            kinds[record_id].append((wholly, kind, hs_code))
        today = clock.today()
        created = verifications_create_many(
            purpose="monitoring",
            specs=[
                {
                    "subject_type": "monitoring_check",
                    "subject_id": c.pk,
                    "organization": c.record.organization,
                    "on": today,
                    "declared_codes": codes[c.record_id],
                    "site_kato": c.record.site_kato,
                    # The criteria fit what the producer is in the register for (IP-51-4.2 with IP-51-1.9).
                    "activities": rules.production_activities(kinds[c.record_id]),
                }
                for c in fresh
            ],
        )
        for check, verification in zip(fresh, created, strict=True):
            check.verification = verification
        now = clock.now()
        for check in checks:
            check.status, check.claimed_at = MonitoringCheck.Status.VERIFYING, now
        # Each fresh check's verification names it as its subject: link them all in one statement.
        MonitoringCheck.objects.filter(pk__in=[c.pk for c in fresh]).update(
            verification_id=Subquery(
                Verification.objects.filter(
                    subject_type="monitoring_check", subject_id=Cast(OuterRef("pk"), CharField())
                )
                .order_by("-pk")
                .values("pk")[:1]
            )
        )
        MonitoringCheck.objects.filter(pk__in=[c.pk for c in checks]).update(
            status=MonitoringCheck.Status.VERIFYING, claimed_at=now
        )
    return checks


def monitoring_process_chunk(*, run_id: int, low: int, high: int, batch: int | None = None) -> dict[str, int]:
    """Verifies the producers of one range, `batch` at a time concurrently, committing after each batch."""
    size = batch or settings.NISI_MONITORING_BATCH
    totals = {"passed": 0, "failed": 0, "waiting": 0}
    while True:
        checks = _claim(run_id, low, high, size)
        if not checks:
            break
        counts = verifications_perform(ids=[c.verification_id for c in checks if c.verification_id])
        for key, value in counts.items():
            totals[key] += value
        # The verifications_finished receiver settles the checks; this settles any whose verification had
        # finished before a crash (idempotent).
        monitoring_settle_many(check_ids=[c.pk for c in checks])
    monitoring_finish_if_done(run_id=run_id)
    return totals


@transaction.atomic
def monitoring_settle_many(*, check_ids: list[int]) -> int:
    """Records the outcome of the checks whose verification finished; notices for non-compliances."""
    checks = list(
        MonitoringCheck.objects.select_for_update(of=("self",))
        .select_related("verification", "record__organization")
        .filter(pk__in=check_ids, status=MonitoringCheck.Status.VERIFYING)
        .order_by("pk")
    )
    now = clock.now()
    settled = []
    for check in checks:
        verification = check.verification
        if verification is None or verification.status not in (Verification.Status.PASSED, Verification.Status.FAILED):
            continue  # still waiting for a state database: the verification's own retries resume it
        passed = verification.status == Verification.Status.PASSED
        check.status = MonitoringCheck.Status.PASSED if passed else MonitoringCheck.Status.FAILED
        check.checked_at = now
        settled.append(check)
    for status in (MonitoringCheck.Status.PASSED, MonitoringCheck.Status.FAILED):
        MonitoringCheck.objects.filter(pk__in=[c.pk for c in settled if c.status == status]).update(
            status=status, checked_at=now
        )
    failed_checks = [
        (c, c.verification) for c in settled if c.status == MonitoringCheck.Status.FAILED and c.verification
    ]
    # The failed criteria of the whole batch in one query, not one per notice.
    failed_reasons = verification_reasons_many([v for _, v in failed_checks], failed_only=True)
    for check, verification in failed_checks:
        _notice(check, verification, failed_reasons[verification.pk])
    return len(settled)


def _notice(
    check: MonitoringCheck, verification: Verification, failed: list[dict[str, Any]]
) -> NonComplianceNotice | None:
    record = check.record
    if record.status != RegisterRecord.Status.INCLUDED:
        return None
    today = clock.today()
    deadline = deadline_open(
        actor=SYSTEM,
        subject_type="register_record",
        subject_id=record.number,
        kind="registry.deadline.noncompliance",
        due=rules.noncompliance_term(today),
        starts_on=today,
        provision="IP-51-4.2",
        responsible_role=Role.APPLICANT,
        organization=record.organization,
        params={"number": record.number},
    )
    notice = NonComplianceNotice.objects.create(
        record=record,
        check_result=check,
        verification=verification,
        reasons=failed,
        issued_on=today,
        deadline=deadline,
    )
    journal_append(
        actor=SYSTEM,
        subject_type="register_record",
        subject_id=record.number,
        action="notified",
        payload={"criteria": [r["criterion"] for r in failed], "due_on": deadline.due_on.isoformat()},
        provisions=["IP-51-4.2"],
    )
    notification_send(
        message_key="registry.noncompliance",
        params={"number": record.number, "due_on": deadline.due_on.isoformat()},
        provisions=["IP-51-4.2", "IP-51-6.1"],
        organization=record.organization,
        subject_type="register_record",
        subject_id=record.number,
    )
    return notice


def monitoring_finish_if_done(*, run_id: int) -> None:
    with transaction.atomic():
        run = MonitoringRun.objects.select_for_update().get(pk=run_id)
        if run.status == MonitoringRun.Status.FINISHED:
            return
        if run.checks.exclude(status__in=[MonitoringCheck.Status.PASSED, MonitoringCheck.Status.FAILED]).exists():
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


@transaction.atomic
def noncompliance_recheck(*, actor: Actor, notice: NonComplianceNotice) -> Verification:
    """The producer says it eliminated the non-compliance: verify again now (IP-51-4.2)."""
    if not any(g.organization_id == notice.record.organization_id for g in actor.grants):
        raise MonitoringError("Only the producer can ask to verify again.")
    if notice.status != NonComplianceNotice.Status.OPEN:
        raise MonitoringError("This notice is closed.")
    rules.require_in_force("IP-51-4.2", clock.today(), MonitoringError)
    record = notice.record
    goods = list(
        record.goods.filter(removed_on__isnull=True)
        .exclude(hs_code="")
        .values_list("hs_code", "wholly_produced", "wholly_produced_kind")
    )
    verification = verification_create(
        purpose="monitoring",
        subject_type="noncompliance_notice",
        subject_id=str(notice.pk),
        organization=record.organization,
        on=clock.today(),
        declared_codes=[code for code, _wholly, _kind in goods],
        site_kato=record.site_kato,
        activities=rules.production_activities((wholly, kind, code) for code, wholly, kind in goods),
    )
    notice.recheck = verification
    notice.save(update_fields=["recheck"])
    verification_start(verification)
    return verification


@transaction.atomic
def noncompliance_after_recheck(*, verification: Verification) -> NonComplianceNotice | None:
    notice = NonComplianceNotice.objects.select_for_update(of=("self",)).filter(recheck=verification).first()
    if notice is None or notice.status != NonComplianceNotice.Status.OPEN:
        return notice
    if verification.status == Verification.Status.PASSED:
        notice.status, notice.closed_on = NonComplianceNotice.Status.ELIMINATED, clock.today()
        notice.save(update_fields=["status", "closed_on"])
        deadline_complete(actor=SYSTEM, deadline=notice.deadline)
        journal_append(
            actor=SYSTEM,
            subject_type="register_record",
            subject_id=notice.record.number,
            action="noncompliance_eliminated",
            payload={"notice": notice.pk},
            provisions=["IP-51-4.2"],
        )
    return notice


def noncompliance_expire(*, today: dt.date | None = None) -> int:
    """Removes the producers whose non-compliance was not eliminated by the due date (IP-51-4.2, IP-51-6.1)."""
    today = today or clock.today()
    removed = 0
    due = NonComplianceNotice.objects.filter(status=NonComplianceNotice.Status.OPEN, deadline__due_on__lt=today)
    for notice_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            notice = (
                NonComplianceNotice.objects.select_for_update(of=("self",)).select_related("record").get(pk=notice_id)
            )
            if notice.status != NonComplianceNotice.Status.OPEN:
                continue
            notice.status, notice.closed_on = NonComplianceNotice.Status.EXPIRED, today
            notice.save(update_fields=["status", "closed_on"])
            if notice.deadline.status == Deadline.Status.OPEN:
                deadline_complete(actor=SYSTEM, deadline=notice.deadline)
            if notice.record.status == RegisterRecord.Status.INCLUDED:
                record_remove(
                    actor=SYSTEM,
                    record=notice.record,
                    ground=Removal.Ground.MONITORING,
                    on=today,
                    reasons=notice.reasons,
                )
                removed += 1
    return removed


def monitoring_watch() -> dict[str, int]:
    """Runs every few minutes: finishes runs whose checks are all done, and dispatches again the runs where a
    killed worker left claims that have lapsed, so that a crash needs no one to resume it."""
    lapsed = clock.now() - dt.timedelta(seconds=settings.NISI_MONITORING_LEASE_S)
    finished = resumed = 0
    for run in MonitoringRun.objects.filter(status=MonitoringRun.Status.RUNNING):
        monitoring_finish_if_done(run_id=run.pk)
        run.refresh_from_db()
        if run.status == MonitoringRun.Status.FINISHED:
            finished += 1
        elif run.checks.filter(status=MonitoringCheck.Status.VERIFYING, claimed_at__lt=lapsed).exists():
            monitoring_dispatch(run=run)
            resumed += 1
    return {"finished": finished, "resumed": resumed}

"""Non-compliances found by monitoring (IP-51-4.2): notices with their term, issued a batch at a time; a recheck
on the producer's word; removal of a producer whose non-compliance was not eliminated by the due date (IP-51-6.1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import SYSTEM, Actor
from nisi.core.bulk import insert_rows
from nisi.core.models import Deadline, Organization
from nisi.core.roles import Role
from nisi.core.services.deadlines import DeadlineSpec, deadline_complete, deadline_open_many
from nisi.core.services.journal import JournalItem, journal_append_many
from nisi.core.services.notifications import NotificationSpec, notification_send_many
from nisi.core.transitions import Context, Transition, transition_apply
from nisi.law import clock
from nisi.registry import rules
from nisi.registry.models import NonComplianceNotice, RegisterRecord, Removal
from nisi.registry.services.register import record_remove
from nisi.verification.models import Verification
from nisi.verification.selectors import reasons_by_ids
from nisi.verification.services import verification_create, verification_start


class MonitoringError(ValueError):
    pass


@dataclass(frozen=True)
class Failed:
    """A check whose verification found a non-compliance."""

    check_id: int
    record_id: int
    verification_id: int


def notices_issue_many(failed: Sequence[Failed]) -> list[NonComplianceNotice]:
    """Notices for the non-compliances of a batch, each with its failed criteria and a term to eliminate them
    (IP-51-4.2): the deadlines, notices, journal entries and notifications of the whole batch written a kind at a
    time (ADR 16), each exactly as one at a time would write it. Producers no longer in the register get none."""
    if not failed:
        return []
    records = RegisterRecord.objects.in_bulk([f.record_id for f in failed])
    failed = [f for f in failed if records[f.record_id].status == RegisterRecord.Status.INCLUDED]
    if not failed:
        return []
    organizations = Organization.objects.in_bulk({records[f.record_id].organization_id for f in failed})
    reasons = reasons_by_ids([f.verification_id for f in failed], failed_only=True)
    today = clock.today()
    due = rules.noncompliance_term(today)
    deadlines = deadline_open_many(
        actor=SYSTEM,
        specs=[
            DeadlineSpec(
                subject_type="register_record",
                subject_id=records[f.record_id].number,
                kind="registry.deadline.noncompliance",
                due=due,
                starts_on=today,
                provision="IP-51-4.2",
                responsible_role=Role.APPLICANT,
                organization=organizations[records[f.record_id].organization_id],
                params={"number": records[f.record_id].number},
            )
            for f in failed
        ],
    )
    notices = [
        NonComplianceNotice(
            record_id=f.record_id,
            check_result_id=f.check_id,
            verification_id=f.verification_id,
            reasons=reasons[f.verification_id],
            issued_on=today,
            deadline=deadline,
        )
        for f, deadline in zip(failed, deadlines, strict=True)
    ]
    columns = ("record_id", "check_result_id", "verification_id", "reasons", "issued_on", "deadline_id", "status")
    insert_rows(NonComplianceNotice, columns, [tuple(getattr(n, c) for c in columns) for n in notices])
    journal_append_many(
        actor=SYSTEM,
        items=[
            JournalItem(
                subject_type="register_record",
                subject_id=records[f.record_id].number,
                action="notified",
                payload={
                    "criteria": [r["criterion"] for r in reasons[f.verification_id]],
                    "due_on": due.value.isoformat(),
                },
                provisions=["IP-51-4.2"],
            )
            for f in failed
        ],
    )
    notification_send_many(
        [
            NotificationSpec(
                message_key="registry.noncompliance",
                params={"number": records[f.record_id].number, "due_on": due.value.isoformat()},
                provisions=["IP-51-4.2", "IP-51-6.1"],
                organization=organizations[records[f.record_id].organization_id],
                subject_type="register_record",
                subject_id=records[f.record_id].number,
            )
            for f in failed
        ]
    )
    return notices


@transaction.atomic
def noncompliance_recheck(*, actor: Actor, notice: NonComplianceNotice) -> Verification:
    """The producer says it eliminated the non-compliance: verify again now (IP-51-4.2)."""
    if not any(g.organization_id == notice.record.organization_id for g in actor.grants):
        raise MonitoringError(_("Only the producer can ask to verify again."))
    if notice.status != NonComplianceNotice.Status.OPEN:
        raise MonitoringError(_("This notice is closed."))
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


def _deadline_met(ctx: Context) -> None:
    deadline_complete(actor=SYSTEM, deadline=ctx.record.deadline)


# The re-check on the producer's word passed: the nisi closes the notice itself (IP-51-4.2).
NONCOMPLIANCE_ELIMINATED = Transition(
    name=None,
    subject_type="register_record",
    subject_id=lambda notice: str(notice.record.number),
    journal_action="noncompliance_eliminated",
    journal_provisions=("IP-51-4.2",),
    target=NonComplianceNotice.Status.ELIMINATED,
    related=("record", "deadline"),
    error=MonitoringError,
    dated_field="closed_on",
    effect=_deadline_met,
    payload=lambda ctx: {"notice": ctx.record.pk},
)


@transaction.atomic
def noncompliance_after_recheck(*, verification: Verification) -> NonComplianceNotice | None:
    notice = NonComplianceNotice.objects.select_for_update(of=("self",)).filter(recheck=verification).first()
    if notice is None or notice.status != NonComplianceNotice.Status.OPEN:
        return notice
    if verification.status == Verification.Status.PASSED:
        transition_apply(actor=SYSTEM, record=notice, transition=NONCOMPLIANCE_ELIMINATED)
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

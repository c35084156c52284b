"""Visas of foreign workers and their family members: recorded as issued (valid for up to five years, AH-7-1.2),
extended on the Fund's request without leaving the country (AH-7-1.5), expired when past.

Each current visa has a deadline for the Fund to request its extension before it expires (the lead time of the
Fund's operating rules); the core's daily deadline job flags it overdue and reminds the employer.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.astana_hub.models import FamilyMember, ForeignWorker, Visa
from nisi.astana_hub.rules import workers as rules
from nisi.astana_hub.services.workers import SUBJECT, VISA_SUBJECT, WorkerError, visa_deadlines_cancel
from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.models import Deadline
from nisi.core.roles import Role
from nisi.core.services.deadlines import deadline_complete, deadline_open
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.law import clock

V = Visa.Status


def holder_worker(visa: Visa) -> ForeignWorker:
    """The worker whose record the visa belongs to (the worker's own, or a family member's)."""
    if visa.worker_id is not None:
        return visa.worker  # type: ignore[return-value]
    return visa.family_member.worker  # type: ignore[union-attr]


def _journal(actor: Actor, worker: ForeignWorker, action: str, payload: dict[str, object], provision: str) -> None:
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=worker.number,
        action=action,
        payload=payload,
        provisions=[provision],
    )


def _notify(worker: ForeignWorker, key: str, params: dict[str, str], provision: str) -> None:
    notification_send(
        message_key=key,
        params={"worker_number": worker.number, **params},
        provisions=[provision],
        organization=worker.employer,
        subject_type=SUBJECT,
        subject_id=worker.number,
    )


def _open_extension_deadline(actor: Actor, visa: Visa, worker: ForeignWorker) -> Deadline | None:
    today = clock.today()
    if visa.valid_until < today:
        return None
    due = rules.extension_request_due(visa.valid_until)
    return deadline_open(
        actor=actor,
        subject_type=VISA_SUBJECT,
        subject_id=str(visa.pk),
        kind=rules.VISA_EXTENSION_DEADLINE,
        due=due,
        starts_on=min(today, due.value),
        provision="AH-7-1.5",
        responsible_role=Role.ASTANA_HUB_FUND_MIGRATION,
        organization=worker.employer,
        params={
            "visa_number": visa.visa_number,
            "worker_number": worker.number,
            "valid_until": visa.valid_until.isoformat(),
        },
    )


@transaction.atomic
def visa_record(
    *,
    actor: Actor,
    worker: ForeignWorker,
    visa_number: str,
    issued_on: dt.date,
    valid_from: dt.date,
    valid_until: dt.date,
    family_member: FamilyMember | None = None,
) -> Visa:
    """Records the entry visa of a worker or of a family member, never valid beyond five years (AH-7-1.2)."""
    require(actor, worker, "record_visa")
    if family_member is not None and family_member.worker_id != worker.pk:
        raise WorkerError(_("This family member belongs to another worker's record."))
    number = " ".join((visa_number or "").split()).upper()
    if not number or len(number) > 30:
        raise WorkerError(_("Enter the visa number as printed on the visa (30 characters at most)."))
    today = clock.today()
    problems = rules.visa_problems(issued_on=issued_on, valid_from=valid_from, valid_until=valid_until, today=today)
    if problems:
        raise WorkerError(" ".join(problems))
    holder = {"family_member": family_member} if family_member is not None else {"worker": worker}
    if Visa.objects.filter(visa_number=number, **holder).exists():
        raise WorkerError(_("Visa %(n)s is already recorded for this person.") % {"n": number})
    visa = Visa.objects.create(
        visa_number=number,
        issued_on=issued_on,
        valid_from=valid_from,
        valid_until=valid_until,
        status=V.EXPIRED if rules.visa_is_expired(valid_until=valid_until, on=today) else V.VALID,
        recorded_at=clock.now(),
        **holder,
    )
    _open_extension_deadline(actor, visa, worker)
    _journal(
        actor,
        worker,
        "visa_recorded",
        {
            "visa": number,
            "holder": "worker" if family_member is None else f"family:{family_member.relation}",
            "valid_from": valid_from,
            "valid_until": valid_until,
        },
        "AH-7-1.2",
    )
    return visa


def _close_extension_deadline(visa: Visa) -> None:
    for deadline in Deadline.objects.filter(
        subject_type=VISA_SUBJECT, subject_id=str(visa.pk), status=Deadline.Status.OPEN
    ):
        deadline_complete(actor=SYSTEM, deadline=deadline)


@transaction.atomic
def visa_extension_request(*, actor: Actor, visa: Visa, requested_until: dt.date) -> Visa:
    """The Fund requests the extension without the person leaving the country (AH-7-1.5). Refused for an expired
    visa, and for a requested validity beyond five years from the day after the visa ends (AH-7-1.2)."""
    visa = Visa.objects.select_for_update().get(pk=visa.pk)
    worker = holder_worker(visa)
    require(actor, worker, "request_visa_extension")
    today = clock.today()
    problem = rules.extension_request_problem(visa_status=visa.status, valid_until=visa.valid_until, today=today)
    if problem:
        raise WorkerError(problem)
    problems = rules.visa_problems(
        issued_on=today, valid_from=visa.valid_until + dt.timedelta(days=1), valid_until=requested_until, today=today
    )
    if problems:
        raise WorkerError(" ".join(problems))
    visa.status = V.EXTENSION_REQUESTED
    visa.extension_requested_on = today
    visa.extension_requested_until = requested_until
    visa.save(update_fields=["status", "extension_requested_on", "extension_requested_until"])
    _close_extension_deadline(visa)
    _journal(
        actor, worker, "visa_extension_requested", {"visa": visa.visa_number, "until": requested_until}, "AH-7-1.5"
    )
    _notify(
        worker,
        "astana_hub.visa.extension_requested",
        {"visa_number": visa.visa_number, "requested_until": requested_until.strftime("%d.%m.%Y")},
        "AH-7-1.5",
    )
    return visa


@transaction.atomic
def visa_extension_record(
    *, actor: Actor, visa: Visa, visa_number: str, issued_on: dt.date, valid_until: dt.date
) -> Visa:
    """Records the extended visa as a new visa continuing the previous one (`extends`), which becomes extended
    (AH-7-1.5); capped at five years like any such visa (AH-7-1.2)."""
    visa = Visa.objects.select_for_update().get(pk=visa.pk)
    worker = holder_worker(visa)
    require(actor, worker, "record_visa_extension")
    number = " ".join((visa_number or "").split()).upper()
    if not number or len(number) > 30:
        raise WorkerError(_("Enter the number of the extended visa (30 characters at most)."))
    today = clock.today()
    problems = rules.extension_problems(
        visa_status=visa.status,
        extension_requested=visa.extension_requested_on is not None,
        previous_valid_until=visa.valid_until,
        issued_on=issued_on,
        valid_until=valid_until,
        today=today,
    )
    if problems:
        raise WorkerError(" ".join(problems))
    extended = Visa.objects.create(
        worker_id=visa.worker_id,
        family_member_id=visa.family_member_id,
        visa_number=number,
        issued_on=issued_on,
        valid_from=visa.valid_until + dt.timedelta(days=1),
        valid_until=valid_until,
        status=V.EXPIRED if rules.visa_is_expired(valid_until=valid_until, on=today) else V.VALID,
        extends=visa,
        recorded_at=clock.now(),
    )
    visa.status = V.EXTENDED
    visa.save(update_fields=["status"])
    _open_extension_deadline(actor, extended, worker)
    _journal(
        actor,
        worker,
        "visa_extended",
        {"previous": visa.visa_number, "visa": number, "valid_until": valid_until},
        "AH-7-1.5",
    )
    _notify(
        worker,
        "astana_hub.visa.extended",
        {"previous": visa.visa_number, "visa_number": number, "valid_until": valid_until.strftime("%d.%m.%Y")},
        "AH-7-1.5",
    )
    return extended


def visas_expire(*, today: dt.date | None = None) -> int:
    """The daily job: visas past their last day become expired (also those whose extension was requested but not
    yet recorded — an extension issued in time can still be recorded). Idempotent; one transaction per visa."""
    today = today or clock.today()
    ids = list(
        Visa.objects.filter(status__in=[V.VALID, V.EXTENSION_REQUESTED], valid_until__lt=today).values_list(
            "pk", flat=True
        )
    )
    expired = 0
    for pk in ids:
        with transaction.atomic():
            visa = Visa.objects.select_for_update().get(pk=pk)
            if visa.status not in {V.VALID, V.EXTENSION_REQUESTED} or visa.valid_until >= today:
                continue
            visa.status = V.EXPIRED
            visa.save(update_fields=["status"])
            worker = holder_worker(visa)
            visa_deadlines_cancel([visa.pk], f"visa {visa.visa_number} expired on {visa.valid_until.isoformat()}")
            _journal(SYSTEM, worker, "visa_expired", {"visa": visa.visa_number}, "AH-7-1.5")
            _notify(
                worker,
                "astana_hub.visa.expired",
                {"visa_number": visa.visa_number, "valid_until": visa.valid_until.strftime("%d.%m.%Y")},
                "AH-7-1.5",
            )
            expired += 1
    return expired

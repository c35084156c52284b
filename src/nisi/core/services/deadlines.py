"""Deadlines as records (DESIGN 6): open one from a legal term, close it, and the daily overdue/reminder job."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.bulk import insert_rows
from nisi.core.models import Deadline, Organization, Region
from nisi.core.services.journal import JournalItem, journal_append, journal_append_many
from nisi.core.services.notifications import notification_send
from nisi.law import clock, legal_calendar
from nisi.law.trace import Explained

SUBJECT = "deadline"


@transaction.atomic
def deadline_open(
    *,
    actor: Actor,
    subject_type: str,
    subject_id: str,
    kind: str,
    due: Explained[dt.date],
    starts_on: dt.date,
    provision: str,
    responsible_role: str,
    organization: Organization | None = None,
    region: Region | None = None,
    params: dict[str, Any] | None = None,
) -> Deadline:
    """Records a term whose due date the legal calendar computed (`due` carries the trace)."""
    deadline = Deadline.objects.create(
        subject_type=subject_type,
        subject_id=str(subject_id),
        kind=kind,
        params=params or {},
        provision=provision,
        starts_on=starts_on,
        due_on=due.value,
        trace=due.trace(),
        responsible_role=responsible_role,
        organization=organization,
        region=region,
        created_at=clock.now(),
    )
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=str(deadline.pk),
        action="opened",
        payload={"for": f"{subject_type}:{subject_id}", "kind": kind, "due_on": due.value.isoformat()},
        provisions=[provision],
    )
    return deadline


@dataclass(frozen=True)
class DeadlineSpec:
    """One deadline to open with `deadline_open_many`: the arguments of `deadline_open`."""

    subject_type: str
    subject_id: str
    kind: str
    due: Explained[dt.date]
    starts_on: dt.date
    provision: str
    responsible_role: str
    organization: Organization | None = None
    region: Region | None = None
    params: dict[str, Any] = field(default_factory=dict)


_COLUMNS = (
    "subject_type",
    "subject_id",
    "kind",
    "params",
    "provision",
    "starts_on",
    "due_on",
    "trace",
    "responsible_role",
    "organization_id",
    "region_id",
    "status",
    "created_at",
)


@transaction.atomic
def deadline_open_many(*, actor: Actor, specs: Sequence[DeadlineSpec]) -> list[Deadline]:
    """Opens many deadlines at once (a monitoring batch's notices): one insert and one journal append for all,
    each deadline recorded and journaled exactly as `deadline_open` does it."""
    if not specs:
        return []
    now = clock.now()
    deadlines = [
        Deadline(
            subject_type=spec.subject_type,
            subject_id=str(spec.subject_id),
            kind=spec.kind,
            params=spec.params,
            provision=spec.provision,
            starts_on=spec.starts_on,
            due_on=spec.due.value,
            trace=spec.due.trace(),
            responsible_role=spec.responsible_role,
            organization=spec.organization,
            region=spec.region,
            created_at=now,
        )
        for spec in specs
    ]
    ids = insert_rows(Deadline, _COLUMNS, [tuple(getattr(d, c) for c in _COLUMNS) for d in deadlines], ids=True)
    for deadline, pk in zip(deadlines, ids, strict=True):
        deadline.pk, deadline._state.adding = pk, False
    journal_append_many(
        actor=actor,
        items=[
            JournalItem(
                subject_type=SUBJECT,
                subject_id=str(deadline.pk),
                action="opened",
                payload={
                    "for": f"{spec.subject_type}:{spec.subject_id}",
                    "kind": spec.kind,
                    "due_on": spec.due.value.isoformat(),
                },
                provisions=[spec.provision],
            )
            for deadline, spec in zip(deadlines, specs, strict=True)
        ],
    )
    return deadlines


@transaction.atomic
def deadline_open_for_term(
    *,
    actor: Actor,
    term: str,
    starts_on: dt.date,
    subject_type: str,
    subject_id: str,
    kind: str,
    responsible_role: str,
    organization: Organization | None = None,
    region: Region | None = None,
    params: dict[str, Any] | None = None,
) -> Deadline:
    """Opens a deadline for a legal term kept as a parameter (e.g. register_appeal_term) from `starts_on`."""
    due = legal_calendar.parameter_term(term, starts_on)
    return deadline_open(
        actor=actor,
        subject_type=subject_type,
        subject_id=subject_id,
        kind=kind,
        due=due,
        starts_on=starts_on,
        provision=due.provisions[0],
        responsible_role=responsible_role,
        organization=organization,
        region=region,
        params=params,
    )


@transaction.atomic
def deadline_complete(*, actor: Actor, deadline: Deadline) -> Deadline:
    require(actor, deadline, "complete")
    deadline.status = Deadline.Status.DONE
    deadline.closed_at = clock.now()
    deadline.save(update_fields=["status", "closed_at"])
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=str(deadline.pk),
        action="completed",
        payload={"on_time": deadline.overdue_since is None},
        provisions=[deadline.provision],
    )
    return deadline


@transaction.atomic
def deadline_cancel(*, actor: Actor, deadline: Deadline, reason: str) -> Deadline:
    require(actor, deadline, "cancel")
    if not reason.strip():
        raise ValueError(_("Say why the deadline is cancelled."))
    deadline.status = Deadline.Status.CANCELLED
    deadline.closed_at = clock.now()
    deadline.save(update_fields=["status", "closed_at"])
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=str(deadline.pk),
        action="cancelled",
        payload={"reason": reason},
        provisions=[deadline.provision],
    )
    return deadline


def _notify(deadline: Deadline, key: str) -> None:
    if deadline.organization is None:
        return
    params = {
        **deadline.params,
        "title_key": deadline.kind,
        "due_on": deadline.due_on.isoformat(),
        "provision": deadline.provision,
    }
    notification_send(
        message_key=key,
        params=params,
        provisions=[deadline.provision],
        organization=deadline.organization,
        subject_type=SUBJECT,
        subject_id=str(deadline.pk),
    )


def deadlines_daily(*, today: dt.date | None = None) -> dict[str, int]:
    """Flags open deadlines past their due date as overdue and reminds of those coming due.

    Idempotent: a deadline is flagged once and reminded once, so running the job twice changes nothing.
    """
    today = today or clock.today()
    remind_until = today + dt.timedelta(days=settings.NISI_DEADLINE_REMIND_DAYS)
    flagged = reminded = 0
    overdue_ids = list(
        Deadline.objects.filter(status=Deadline.Status.OPEN, overdue_since__isnull=True, due_on__lt=today).values_list(
            "pk", flat=True
        )
    )
    for pk in overdue_ids:
        with transaction.atomic():
            deadline = Deadline.objects.select_for_update(of=("self",)).select_related("organization").get(pk=pk)
            if deadline.overdue_since is not None or deadline.status != Deadline.Status.OPEN:
                continue
            deadline.overdue_since = deadline.due_on + dt.timedelta(days=1)
            deadline.save(update_fields=["overdue_since"])
            journal_append(
                actor=SYSTEM,
                subject_type=SUBJECT,
                subject_id=str(pk),
                action="overdue",
                payload={"due_on": deadline.due_on.isoformat()},
                provisions=[deadline.provision],
            )
            _notify(deadline, "deadline.overdue")
            flagged += 1
    reminder_ids = list(
        Deadline.objects.filter(
            status=Deadline.Status.OPEN, reminded_on__isnull=True, due_on__gte=today, due_on__lte=remind_until
        ).values_list("pk", flat=True)
    )
    for pk in reminder_ids:
        with transaction.atomic():
            deadline = Deadline.objects.select_for_update(of=("self",)).select_related("organization").get(pk=pk)
            if deadline.reminded_on is not None:
                continue
            deadline.reminded_on = today
            deadline.save(update_fields=["reminded_on"])
            _notify(deadline, "deadline.reminder")
            reminded += 1
    return {"flagged_overdue": flagged, "reminded": reminded}

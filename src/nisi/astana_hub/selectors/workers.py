"""Reads of the workers area, each scoped to the actor by the one authorization function (DESIGN 4).

The people (names, passports, visas) are read through `workers_for`, which only the employer's users and the
Fund's migration officers reach; the other Fund officers, auditors and the informatization authority get
`worker_counts`, numbers without names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from nisi.astana_hub import participation
from nisi.astana_hub.models import ForeignWorker, Submission, SubmissionSchedule, Visa
from nisi.astana_hub.policies.workers import SUBMISSION_POLICY, WORKER_POLICY
from nisi.astana_hub.rules import workers as rules
from nisi.core.authz import Actor, scope
from nisi.core.models import Deadline, Organization
from nisi.core.roles import Role
from nisi.law import clock, params

VISA_SUBJECT = rules.VISA_SUBJECT
DUE_SUBJECT = rules.SUBMISSION_DUE_SUBJECT
COUNT_ROLES = frozenset({Role.ASTANA_HUB_FUND, Role.AUDITOR, Role.INFORMATIZATION_AUTHORITY})


def sees_personal_data(actor: Actor) -> bool:
    """Whether the actor's roles give any reach to the people in the records (the employer's users, the Fund's
    migration officers)."""
    roles = {role for by_role in WORKER_POLICY.table.values() for role in by_role}
    return bool(actor.roles & roles)


def sees_all_workers(actor: Actor) -> bool:
    return Role.ASTANA_HUB_FUND_MIGRATION in actor.roles


def sees_counts(actor: Actor) -> bool:
    return bool(actor.roles & COUNT_ROLES) or sees_personal_data(actor)


def workers_for(actor: Actor) -> QuerySet[ForeignWorker]:
    return scope(actor, ForeignWorker.objects.select_related("employer"), "view")


def worker_for(actor: Actor, number: str) -> ForeignWorker | None:
    return (
        workers_for(actor)
        .prefetch_related(
            "qualification_documents",
            Prefetch("visas", queryset=Visa.objects.select_related("extends")),
            "family_members__visas",
        )
        .filter(number=number)
        .first()
    )


def worker_counts(actor: Actor, *, on: dt.date | None = None) -> dict[str, Any] | None:
    """Numbers without names, for those who oversee the records; None for those who may not see even that."""
    if not sees_counts(actor):
        return None
    on = on or clock.today()
    qs = ForeignWorker.objects.all() if actor.roles & COUNT_ROLES else workers_for(actor)
    by_status = dict(qs.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    employed = qs.filter(employed_from__lte=on).filter(Q(employed_until__isnull=True) | Q(employed_until__gte=on))
    soon = on + dt.timedelta(days=90)
    visas = Visa.objects.filter(Q(worker__in=qs) | Q(family_member__worker__in=qs))
    return {
        "on": on,
        "employed": employed.count(),
        "employers": employed.values("employer_id").distinct().count(),
        "incomplete": by_status.get(ForeignWorker.Status.INCOMPLETE, 0),
        "complete": by_status.get(ForeignWorker.Status.COMPLETE, 0),
        "ended": by_status.get(ForeignWorker.Status.ENDED, 0),
        "family_members": qs.aggregate(n=Count("family_members"))["n"] or 0,
        "visas_expiring_90_days": visas.filter(
            status__in=[Visa.Status.VALID], valid_until__gte=on, valid_until__lte=soon
        ).count(),
        "extensions_requested": visas.filter(status=Visa.Status.EXTENSION_REQUESTED).count(),
    }


def open_visa_deadlines(visa_ids: list[int]) -> dict[int, Deadline]:
    """The open deadline to request each visa's extension, by visa id."""
    found = Deadline.objects.filter(
        subject_type=VISA_SUBJECT, subject_id__in=[str(i) for i in visa_ids], status=Deadline.Status.OPEN
    )
    return {int(d.subject_id): d for d in found}


def employers_for(actor: Actor, on: dt.date | None = None) -> list[Organization]:
    """The employers for whom the actor may record workers: their own organization(s); for the Fund's migration
    officers, the Fund and every Astana Hub actor on `on` (AH-7-1.3)."""
    on = on or clock.today()
    ids = set(actor.organization_ids())
    if sees_all_workers(actor):
        ids |= set(participation.hub_participant_ids(on))
        try:
            fund = Organization.objects.filter(identifier=rules.fund_identifier(on)).first()
        except params.NoValueOnDate:
            fund = None
        if fund is not None:
            ids.add(fund.pk)
    return list(Organization.objects.filter(pk__in=ids).order_by("name"))


def visa_for(actor: Actor, worker: ForeignWorker, visa_id: int) -> Visa | None:
    """A visa of the worker or of one of the worker's family members (the worker already scoped to the actor)."""
    return (
        Visa.objects.select_related("worker", "family_member__worker")
        .filter(Q(worker=worker) | Q(family_member__worker=worker), pk=visa_id)
        .first()
    )


# --- submissions ----------------------------------------------------------------------------------------------


def schedules_for(actor: Actor) -> QuerySet[SubmissionSchedule]:
    return scope(actor, SubmissionSchedule.objects.all(), "view").order_by("recipient", "-applies_from")


def _visible_states(actor: Actor, action: str) -> Q:
    """Submissions in the states where one of the actor's roles may `action`, from the policy table: each
    recipient's officers get their own recipient's submissions, once sent."""
    condition = Q(pk__in=[])
    for state, by_role in SUBMISSION_POLICY.table.items():
        if any(action in by_role.get(role, frozenset()) for role in actor.roles):
            recipient, status = state.split(":")
            condition |= Q(recipient=recipient, status=status)
    return condition


def submissions_for(actor: Actor, action: str = "view") -> QuerySet[Submission]:
    return (
        scope(actor, Submission.objects.select_related("schedule"), action)
        .filter(_visible_states(actor, action))
        .order_by("-period_start", "recipient")
    )


def submission_for(actor: Actor, number: str) -> Submission | None:
    return submissions_for(actor).filter(number=number).first()


def due_submissions(actor: Actor) -> QuerySet[Deadline]:
    """The open deadlines of periods whose submission is due (for those who keep or oversee the submissions)."""
    if not actor.roles & {Role.ASTANA_HUB_FUND_MIGRATION, *COUNT_ROLES}:
        return Deadline.objects.none()
    return Deadline.objects.filter(subject_type=DUE_SUBJECT, status=Deadline.Status.OPEN).order_by("due_on")

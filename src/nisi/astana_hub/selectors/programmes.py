"""Reads of the programmes: public programmes and cohorts; the people, housing and invitations for the Fund."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from nisi.astana_hub.models import Cohort, CohortMember, HousingAllocation, Invitation, Programme
from nisi.core.authz import Actor, scope


def programmes() -> QuerySet[Programme]:
    """Programmes are announced publicly (AH-8-1.5-1)."""
    return Programme.objects.annotate(cohort_count=Count("cohorts"))


def cohorts(programme: Programme) -> QuerySet[Cohort]:
    return programme.cohorts.annotate(taken=Count("members", filter=~Q(members__status=CohortMember.Status.LEFT)))


def members(actor: Actor, cohort: Cohort) -> QuerySet[CohortMember]:
    return scope(actor, cohort.members.select_related("organization"))


def housing(actor: Actor, cohort: Cohort) -> QuerySet[HousingAllocation]:
    return scope(actor, HousingAllocation.objects.filter(member__cohort=cohort).select_related("member"))


def invitations(actor: Actor, cohort: Cohort) -> QuerySet[Invitation]:
    return scope(actor, cohort.invitations.select_related("document"))

"""Reads of the industrial grants (IP-42), scoped to the actor: the core's financing reads (ADR 27) over the grants'
tables, and the grant account's years."""

from __future__ import annotations

from django.db.models import QuerySet

from nisi.core.authz import Actor, scope
from nisi.core.financing import selectors as financing
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.incentives.models import (
    GrantAccountYear,
    GrantAgreement,
    GrantApplication,
    GrantCall,
    GrantExpertAssignment,
)


def calls_for(actor: Actor) -> QuerySet[GrantCall]:
    """The published calls for everyone; drafts too for the institute and readers."""
    return financing.calls_for(GrantCall, actor).select_related("institute")


def applications_for(actor: Actor) -> QuerySet[GrantApplication]:
    return financing.applications_for(GrantApplication, actor)


def assignments_for(actor: Actor) -> QuerySet[GrantExpertAssignment]:
    return financing.assignments_for(GrantExpertAssignment, actor)


def agreements_for(actor: Actor) -> QuerySet[GrantAgreement]:
    return financing.agreements_for(GrantAgreement, actor)


def experts_available(application: GrantApplication) -> list[tuple[int, str]]:
    """The experts the institute may still assign: none from the applicant, none assigned already (IP-42.3)."""
    return financing.experts_available(application, expert_role=Role.INDEPENDENT_EXPERT)


def accounts_for(actor: Actor) -> QuerySet[GrantAccountYear]:
    """The grant account's years (IP-42.5) for the institute and readers."""
    return scope(actor, GrantAccountYear.objects.select_related("institute")).order_by("institute__name", "-year")


def institute_of(actor: Actor) -> Organization | None:
    """The organization the institute's officer acts for, if any."""
    ids = [g.organization_id for g in actor.grants if g.role == Role.DEVELOPMENT_INSTITUTE and g.organization_id]
    return Organization.objects.filter(pk__in=ids).order_by("name").first()

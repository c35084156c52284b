"""Reads of financing by call (ADR 27), scoped to the actor, for a scheme's concrete models: calls (published ones
are public), applications (the applicant's own, or all for the financing body and readers, with their panel's
counts), an expert's own assignments, agreements, and the experts who may still be assigned."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from nisi.core.authz import Actor, scope
from nisi.core.financing.models import ExpertAssignmentBase, FinancingCallBase
from nisi.core.models import RoleAssignment


def calls_for(model: type[Any], actor: Actor) -> QuerySet[Any]:
    """Every call for those who may see drafts; the published (non-draft) calls for everyone else."""
    everything = model.objects.all()
    visible = scope(actor, everything)
    return everything.filter(Q(pk__in=visible.values("pk")) | ~Q(status=FinancingCallBase.Status.DRAFT))


def applications_for(model: type[Any], actor: Actor) -> QuerySet[Any]:
    """The applications the actor may see, each with the number of its experts who scored and who stay."""
    status = ExpertAssignmentBase.Status
    return scope(actor, model.objects.select_related("call", "organization")).annotate(
        experts_scored=Count("assignments", filter=Q(assignments__status=status.SCORED)),
        experts_active=Count("assignments", filter=~Q(assignments__status=status.CONFLICT)),
    )


def assignments_for(model: type[Any], actor: Actor) -> QuerySet[Any]:
    """An expert's own assignments (the financing body and readers see all), the latest first."""
    return scope(actor, model.objects.select_related("application__call", "expert")).order_by("-assigned_at", "-id")


def agreements_for(model: type[Any], actor: Actor) -> QuerySet[Any]:
    return scope(actor, model.objects.select_related("application__organization", "application__call"))


def experts_available(application: Any, *, expert_role: str) -> list[tuple[int, str]]:
    """Users with the scheme's expert role, none of them from the applicant organization and none already
    assigned to the application — the choices the financing body's officer has (the independence of the
    assessment)."""
    experts = RoleAssignment.objects.filter(role=expert_role).values_list("user_id", flat=True)
    from_applicant = RoleAssignment.objects.filter(organization_id=application.organization_id).values_list(
        "user_id", flat=True
    )
    assigned = application.assignments.values_list("expert_id", flat=True)
    users = (
        get_user_model()
        .objects.filter(pk__in=experts)
        .exclude(pk__in=from_applicant)
        .exclude(pk__in=assigned)
        .order_by("username")
    )
    return [(u.pk, u.get_full_name() or u.get_username()) for u in users]

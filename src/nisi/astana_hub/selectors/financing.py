"""Reads of project financing, scoped to the actor: calls (open ones are public), applications (the applicant's
own, or all for the Fund and auditors), an expert's own assignments, agreements."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from nisi.astana_hub.models import ExpertAssignment, FinancingAgreement, FinancingApplication, FinancingCall
from nisi.core.authz import Actor, scope
from nisi.core.models import RoleAssignment
from nisi.core.roles import Role


def calls_for(actor: Actor) -> QuerySet[FinancingCall]:
    """Every call for those who may see drafts; the published (non-draft) calls for everyone else."""
    everything = FinancingCall.objects.all()
    visible = scope(actor, everything)
    return everything.filter(Q(pk__in=visible.values("pk")) | ~Q(status=FinancingCall.Status.DRAFT))


def applications_for(actor: Actor) -> QuerySet[FinancingApplication]:
    return scope(actor, FinancingApplication.objects.select_related("call", "organization")).annotate(
        experts_scored=Count("assignments", filter=Q(assignments__status=ExpertAssignment.Status.SCORED)),
        experts_active=Count("assignments", filter=~Q(assignments__status=ExpertAssignment.Status.CONFLICT)),
    )


def assignments_for(actor: Actor) -> QuerySet[ExpertAssignment]:
    """An expert's own assignments (the Fund and auditors see all)."""
    return scope(actor, ExpertAssignment.objects.select_related("application__call", "expert")).order_by(
        "-assigned_at", "-id"
    )


def agreements_for(actor: Actor) -> QuerySet[FinancingAgreement]:
    return scope(actor, FinancingAgreement.objects.select_related("application__organization", "application__call"))


def experts_available(application: FinancingApplication) -> list[tuple[int, str]]:
    """Users with the independent expert role, none of them from the applicant organization and none already
    assigned to the application — the choices the Fund's officer has (AH-4.5)."""
    experts = RoleAssignment.objects.filter(role=Role.INDEPENDENT_EXPERT).values_list("user_id", flat=True)
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

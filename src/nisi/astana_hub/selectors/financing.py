"""Reads of project financing, scoped to the actor: calls (open ones are public), applications (the applicant's
own, or all for the Fund and auditors), an expert's own assignments, agreements — the core's reads of financing by
call (`nisi.core.financing.selectors`, ADR 27) over the Hub's tables."""

from __future__ import annotations

from django.db.models import QuerySet

from nisi.astana_hub.models import ExpertAssignment, FinancingAgreement, FinancingApplication, FinancingCall
from nisi.core.authz import Actor
from nisi.core.financing import selectors
from nisi.core.roles import Role


def calls_for(actor: Actor) -> QuerySet[FinancingCall]:
    """Every call for those who may see drafts; the published (non-draft) calls for everyone else."""
    return selectors.calls_for(FinancingCall, actor)


def applications_for(actor: Actor) -> QuerySet[FinancingApplication]:
    return selectors.applications_for(FinancingApplication, actor)


def assignments_for(actor: Actor) -> QuerySet[ExpertAssignment]:
    """An expert's own assignments (the Fund and auditors see all)."""
    return selectors.assignments_for(ExpertAssignment, actor)


def agreements_for(actor: Actor) -> QuerySet[FinancingAgreement]:
    return selectors.agreements_for(FinancingAgreement, actor)


def experts_available(application: FinancingApplication) -> list[tuple[int, str]]:
    """Users with the independent expert role, none of them from the applicant organization and none already
    assigned to the application — the choices the Fund's officer has (AH-4.5)."""
    return selectors.experts_available(application, expert_role=Role.INDEPENDENT_EXPERT)

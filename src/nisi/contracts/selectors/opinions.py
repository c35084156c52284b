"""The domestic value development institute's opinions on a plan (IP-47.4), for those who may read them."""

from __future__ import annotations

from nisi.contracts.models import PlanOpinion, ProcurementPlan
from nisi.core.authz import Actor, allowed_actions


def opinions_for(actor: Actor, plan: ProcurementPlan) -> list[PlanOpinion]:
    """The plan's opinions, newest first, if the actor may read the plan and the opinions (the review's officers)."""
    if "view" not in allowed_actions(actor, plan):
        return []
    return [o for o in PlanOpinion.objects.filter(plan=plan) if "view" in allowed_actions(actor, o)]

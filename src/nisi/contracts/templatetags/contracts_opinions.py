"""The institute's opinions on a plan (IP-47.4), shown on the plan's page to those who may read them."""

from __future__ import annotations

from typing import Any

from django import template

from nisi.contracts.models import ProcurementPlan
from nisi.contracts.selectors import opinions
from nisi.core.authz import actor_for, allowed_actions

register = template.Library()


@register.inclusion_tag("contracts/plans/_opinions.html", takes_context=True)
def plan_opinions(context: Any, plan: ProcurementPlan) -> dict[str, Any]:
    actor = actor_for(context["request"].user)
    return {
        "plan": plan,
        "opinions": opinions.opinions_for(actor, plan),
        "may_give": "give_opinion" in allowed_actions(actor, plan),
    }

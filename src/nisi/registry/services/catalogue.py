"""Production conditions, production and technological operations (IP-51-7), approved per product."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from nisi.core.authz import Actor
from nisi.core.roles import Role
from nisi.core.services.journal import journal_append
from nisi.law import clock
from nisi.registry import rules
from nisi.registry.models import ProductionConditions


class ConditionsError(ValueError):
    pass


@transaction.atomic
def conditions_approve(
    *,
    actor: Actor,
    product_code: str,
    title: str,
    conditions: list[dict[str, Any]],
    operations: list[dict[str, Any]],
    minimum_operations: int,
    valid_from: dt.date,
    agreed_with: str = "",
) -> ProductionConditions:
    """Approves a new version of a product's conditions. It may never be more favourable than the version before
    it (IP-51-7.4): the reasons are given when it would be."""
    if Role.AUTHORIZED_BODY not in actor.roles:
        raise ConditionsError("Production conditions are approved by the authorized body (IP-51-7.3).")
    if not product_code.isdigit() or not 2 <= len(product_code) <= 10:
        raise ConditionsError("Give the HS or TN VED code (2 to 10 digits) the conditions are for.")
    proposed = {"conditions": conditions, "operations": operations, "minimum_operations": minimum_operations}
    problems = rules.conditions_problems(proposed)
    if problems:
        raise ConditionsError("; ".join(problems))
    previous = (
        ProductionConditions.objects.select_for_update().filter(product_code=product_code).order_by("-version").first()
    )
    if previous is not None:
        reasons = rules.conditions_more_favourable(
            {
                "conditions": previous.conditions,
                "operations": previous.operations,
                "minimum_operations": previous.minimum_operations,
            },
            proposed,
        )
        if reasons:
            raise ConditionsError(
                "The new conditions would be more favourable than those in force, which IP-51-7.4 prohibits: "
                + "; ".join(reasons)
                + "."
            )
        if valid_from < previous.valid_from:
            raise ConditionsError("A new version cannot take effect before the version it replaces.")
    version = ProductionConditions.objects.create(
        product_code=product_code,
        version=(previous.version + 1) if previous else 1,
        title=title.strip(),
        valid_from=valid_from,
        conditions=conditions,
        operations=operations,
        minimum_operations=minimum_operations,
        agreed_with=agreed_with.strip(),
        approved_by_label=actor.label,
        created_at=clock.now(),
    )
    journal_append(
        actor=actor,
        subject_type="production_conditions",
        subject_id=product_code,
        action="approved",
        payload={"version": version.version, "minimum_operations": minimum_operations},
        provisions=["IP-51-7.3", "IP-51-7.4"],
    )
    return version

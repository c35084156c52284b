"""Production conditions, production and technological operations (IP-51-7), drafted and approved per product by
the authorized body (IP-51-7.3). A version is never more favourable than the one before it (IP-51-7.4): a draft
that would be is refused when it is saved, and checked again when it is approved."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from nisi.core.authz import Actor, allowed_actions, require
from nisi.core.identifiers import is_latin_digits
from nisi.core.services.journal import journal_append
from nisi.law import clock
from nisi.registry import rules
from nisi.registry.models import ProductionConditions

SUBJECT = "production_conditions"


class ConditionsError(ValueError):
    pass


def blank_conditions(product_code: str = "") -> ProductionConditions:
    """Conditions not yet drafted: `allowed_actions` on them says who may draft (policies.py)."""
    return ProductionConditions(product_code=product_code)


def conditions_in_force(product_code: str) -> ProductionConditions | None:
    """The latest approved version for exactly this code: the one a new version is compared with."""
    return (
        ProductionConditions.objects.filter(product_code=product_code, status=ProductionConditions.Status.APPROVED)
        .order_by("-version")
        .first()
    )


def _refusals(previous: ProductionConditions | None, proposed: dict[str, Any], valid_from: dt.date) -> list[str]:
    problems = rules.conditions_problems(proposed)
    if problems:
        return problems
    if previous is None:
        return []
    reasons = rules.conditions_more_favourable(
        {
            "conditions": previous.conditions,
            "operations": previous.operations,
            "minimum_operations": previous.minimum_operations,
        },
        proposed,
    )
    if reasons:
        return [
            f"the new conditions would be more favourable than version {previous.version} in force, which "
            "IP-51-7.4 prohibits: " + "; ".join(reasons)
        ]
    if valid_from < previous.valid_from:
        return [f"a new version cannot take effect before version {previous.version} it replaces"]
    return []


def _refuse(refusals: list[str]) -> ConditionsError:
    text = "; ".join(refusals)
    return ConditionsError(text[0].upper() + text[1:] + ("" if text.endswith(".") else "."))


@transaction.atomic
def conditions_draft(
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
    """Saves the product's draft of its next version (one draft per product; saving again changes it). Refused,
    with the reasons, if it is unusable or more favourable than the version in force (IP-51-7.2 … 7.4)."""
    if "draft" not in allowed_actions(actor, blank_conditions(product_code)):
        raise ConditionsError("Production conditions are approved by the authorized body (IP-51-7.3).")
    if not is_latin_digits(product_code) or not 2 <= len(product_code) <= 10:
        raise ConditionsError("Give the HS or TN VED code (2 to 10 digits) the conditions are for.")
    if not title.strip():
        raise ConditionsError("Give the name of the goods the conditions are for.")
    # Every version of the product is locked, so that two officers' drafts or approvals cannot cross.
    versions = list(ProductionConditions.objects.select_for_update().filter(product_code=product_code))
    draft = next((v for v in versions if v.status == ProductionConditions.Status.DRAFT), None)
    if draft is not None:
        require(actor, draft, "edit")
    previous = conditions_in_force(product_code)
    proposed = {"conditions": conditions, "operations": operations, "minimum_operations": minimum_operations}
    refusals = _refusals(previous, proposed, valid_from)
    if refusals:
        raise _refuse(refusals)
    if draft is None:
        draft = ProductionConditions(
            product_code=product_code,
            version=max((v.version for v in versions), default=0) + 1,
            status=ProductionConditions.Status.DRAFT,
            created_at=clock.now(),
        )
    draft.title, draft.valid_from, draft.agreed_with = title.strip(), valid_from, agreed_with.strip()
    draft.conditions, draft.operations, draft.minimum_operations = conditions, operations, minimum_operations
    draft.drafted_by_label = actor.label
    draft.save()
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=product_code,
        action="drafted",
        payload={"version": draft.version, **proposed, "valid_from": valid_from.isoformat()},
        provisions=["IP-51-7.3"],
    )
    return draft


@transaction.atomic
def conditions_draft_approve(*, actor: Actor, draft: ProductionConditions) -> ProductionConditions:
    """Approves a draft: from its day of effect it is the product's conditions (IP-51-7.3). Checked once more
    against the version in force (IP-51-7.4)."""
    draft = ProductionConditions.objects.select_for_update().get(pk=draft.pk)
    require(actor, draft, "approve")
    previous = conditions_in_force(draft.product_code)
    proposed = {
        "conditions": draft.conditions,
        "operations": draft.operations,
        "minimum_operations": draft.minimum_operations,
    }
    refusals = _refusals(previous, proposed, draft.valid_from)
    if refusals:
        raise _refuse(refusals)
    draft.status, draft.approved_by_label, draft.approved_at = (
        ProductionConditions.Status.APPROVED,
        actor.label,
        clock.now(),
    )
    draft.save(update_fields=["status", "approved_by_label", "approved_at"])
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=draft.product_code,
        action="approved",
        payload={"version": draft.version, "minimum_operations": draft.minimum_operations},
        provisions=["IP-51-7.3", "IP-51-7.4"],
    )
    return draft


@transaction.atomic
def conditions_draft_discard(*, actor: Actor, draft: ProductionConditions) -> None:
    """Drops a draft that never took effect; the journal keeps what it said."""
    draft = ProductionConditions.objects.select_for_update().get(pk=draft.pk)
    require(actor, draft, "discard")
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=draft.product_code,
        action="draft_discarded",
        payload={"version": draft.version},
        provisions=["IP-51-7.3"],
    )
    draft.delete()


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
    """Drafts and approves a new version at once (the API's approval). Refused while an officer's draft of the
    product is open, so as not to overwrite it."""
    with transaction.atomic():
        if "draft" not in allowed_actions(actor, blank_conditions(product_code)):
            raise ConditionsError("Production conditions are approved by the authorized body (IP-51-7.3).")
        if ProductionConditions.objects.filter(
            product_code=product_code, status=ProductionConditions.Status.DRAFT
        ).exists():
            raise ConditionsError(
                f"A draft of the next version of {product_code} is open: approve or discard it first."
            )
        draft = conditions_draft(
            actor=actor,
            product_code=product_code,
            title=title,
            conditions=conditions,
            operations=operations,
            minimum_operations=minimum_operations,
            valid_from=valid_from,
            agreed_with=agreed_with,
        )
        return conditions_draft_approve(actor=actor, draft=draft)

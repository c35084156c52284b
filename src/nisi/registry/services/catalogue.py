"""Production conditions, production and technological operations (IP-51-7), drafted and approved per product by
the authorized body (IP-51-7.3). Conditions are never more favourable than those they replace (IP-51-7.4), for
any good: a draft is compared with the conditions that cover its code today and with those of every narrower code
under it; one that fails is refused when it is saved, and checked again when it is approved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, allowed_actions, require
from nisi.core.identifiers import is_latin_digits
from nisi.core.services.journal import journal_append
from nisi.law import clock
from nisi.registry import rules
from nisi.registry.models import ConditionsAgreement, ProductionConditions

SUBJECT = "production_conditions"


class ConditionsError(ValueError):
    pass


def blank_conditions(product_code: str = "") -> ProductionConditions:
    """Conditions not yet drafted: `allowed_actions` on them says who may draft (policies.py)."""
    return ProductionConditions(product_code=product_code)


def conditions_in_force(product_code: str) -> ProductionConditions | None:
    """The latest approved version for exactly this code: the version a new one replaces."""
    return (
        ProductionConditions.objects.filter(product_code=product_code, status=ProductionConditions.Status.APPROVED)
        .order_by("-version")
        .first()
    )


def _latest_approved(versions: Iterable[ProductionConditions]) -> dict[str, ProductionConditions]:
    latest: dict[str, ProductionConditions] = {}
    for version in versions:
        if version.product_code not in latest or version.version > latest[version.product_code].version:
            latest[version.product_code] = version
    return latest


def conditions_covering(product_code: str) -> ProductionConditions | None:
    """The conditions that apply to goods of this code: the latest approved version of the most specific code that
    covers it, the code itself or its first digits (goods are assessed against the most specific one)."""
    prefixes = [product_code[:n] for n in range(len(product_code), 1, -1)]
    latest = _latest_approved(
        ProductionConditions.objects.filter(product_code__in=prefixes, status=ProductionConditions.Status.APPROVED)
    )
    return next((latest[p] for p in prefixes if p in latest), None)


def conditions_under(product_code: str) -> list[ProductionConditions]:
    """The latest approved version of every more specific code under this one (7208100000 under 7208)."""
    latest = _latest_approved(
        ProductionConditions.objects.filter(
            product_code__startswith=product_code, status=ProductionConditions.Status.APPROVED
        ).exclude(product_code=product_code)
    )
    return [latest[code] for code in sorted(latest)]


def _more_favourable_than_own(covering: ProductionConditions, reasons: str) -> str:
    """The refusal of a draft easier than the code's own approved version: "in force" only if it is in force
    today; a version that starts later is "approved, in force from" its date."""
    if covering.valid_from <= clock.today():
        return _(
            "the new conditions would be more favourable than version %(version)s in force, which IP-51-7.4 "
            "prohibits: %(reasons)s"
        ) % {"version": covering.version, "reasons": reasons}
    return _(
        "the new conditions would be more favourable than version %(version)s, approved and in force from "
        "%(date)s, which IP-51-7.4 prohibits: %(reasons)s"
    ) % {"version": covering.version, "date": covering.valid_from.strftime("%d.%m.%Y"), "reasons": reasons}


def _as_terms(version: ProductionConditions) -> dict[str, Any]:
    return {
        "conditions": version.conditions,
        "operations": version.operations,
        "minimum_operations": version.minimum_operations,
    }


def _refusals(product_code: str, proposed: dict[str, Any], valid_from: dt.date) -> list[str]:
    """Why a draft cannot be approved: unusable terms (IP-51-7.2, 7.3), or more favourable conditions (IP-51-7.4).

    Goods are assessed against the most specific approved code that covers theirs, so "never more favourable" is
    checked both ways: the draft against the conditions that apply to its code today (its own previous version, or
    those of the shorter code that covers it), and every more specific code under it against the draft (conditions
    for 7208100000 that are easier than a new 7208 version would weaken it for those goods)."""
    problems = rules.conditions_problems(proposed)
    if problems:
        return problems
    refusals = []
    covering = conditions_covering(product_code)
    if covering is not None:
        reasons = rules.conditions_more_favourable(_as_terms(covering), proposed)
        if reasons and covering.product_code == product_code:
            refusals.append(_more_favourable_than_own(covering, "; ".join(reasons)))
        elif reasons:
            refusals.append(
                _(
                    "the conditions for %(code)s would be more favourable than those for %(covering)s (version "
                    "%(version)s), which apply to these goods today; IP-51-7.4 prohibits it: %(reasons)s"
                )
                % {
                    "code": product_code,
                    "covering": covering.product_code,
                    "version": covering.version,
                    "reasons": "; ".join(reasons),
                }
            )
        if covering.product_code == product_code and valid_from < covering.valid_from:
            refusals.append(
                _("a new version cannot take effect before version %(version)s it replaces")
                % {"version": covering.version}
            )
    for narrower in conditions_under(product_code):
        reasons = rules.conditions_more_favourable(proposed, _as_terms(narrower))
        if reasons:
            refusals.append(
                _(
                    "the conditions approved for %(code)s (version %(version)s) would be more favourable than these "
                    "for the goods they cover and so weaken them (IP-51-7.4): %(reasons)s; make them at least as "
                    "strict first"
                )
                % {"code": narrower.product_code, "version": narrower.version, "reasons": "; ".join(reasons)}
            )
    return refusals


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
) -> ProductionConditions:
    """Saves the product's draft of its next version (one draft per product; saving again changes it). Refused,
    with the reasons, if it is unusable or more favourable than the version in force (IP-51-7.2 … 7.4)."""
    if "draft" not in allowed_actions(actor, blank_conditions(product_code)):
        raise ConditionsError(_("Production conditions are approved by the authorized body (IP-51-7.3)."))
    if not is_latin_digits(product_code) or not 2 <= len(product_code) <= 10:
        raise ConditionsError(_("Give the HS or TN VED code (2 to 10 digits) the conditions are for."))
    if not title.strip():
        raise ConditionsError(_("Give the name of the goods the conditions are for."))
    rules.require_in_force("IP-51-7.2", valid_from, ConditionsError)
    # Every version of the product is locked, so that two officers' drafts or approvals cannot cross.
    versions = list(ProductionConditions.objects.select_for_update().filter(product_code=product_code))
    draft = next((v for v in versions if v.status == ProductionConditions.Status.DRAFT), None)
    if draft is not None:
        require(actor, draft, "edit")
    proposed = {"conditions": conditions, "operations": operations, "minimum_operations": minimum_operations}
    refusals = _refusals(product_code, proposed, valid_from)
    if refusals:
        raise _refuse(refusals)
    if draft is None:
        draft = ProductionConditions(
            product_code=product_code,
            version=max((v.version for v in versions), default=0) + 1,
            status=ProductionConditions.Status.DRAFT,
            created_at=clock.now(),
        )
    draft.title, draft.valid_from = title.strip(), valid_from
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


def agreements_to_terms(draft: ProductionConditions) -> list[ConditionsAgreement]:
    """The agreements of industry state bodies given to the draft as it now reads (IP-51-7.3)."""
    digest = rules.conditions_terms_digest(draft.product_code, {"title": draft.title, **_as_terms(draft)})
    return [a for a in draft.agreements.all() if a.terms_digest == digest]


@transaction.atomic
def conditions_agreement_record(
    *,
    actor: Actor,
    draft: ProductionConditions,
    body: str,
    agreed_by: str,
    agreed_on: dt.date,
    reference: str,
) -> ConditionsAgreement:
    """Records that an industry state body agreed to the draft as it now reads (IP-51-7.3): which body, who agreed
    for it, when, and the reference of its letter or protocol."""
    draft = ProductionConditions.objects.select_for_update().get(pk=draft.pk)
    require(actor, draft, "record_agreement")
    missing = [
        text
        for value, text in (
            (body, _("the industry state body that agreed")),
            (agreed_by, _("who agreed for it")),
            (reference, _("the reference of its letter or protocol")),
        )
        if not value.strip()
    ]
    if missing:
        raise ConditionsError(_("Give %(missing)s (IP-51-7.3).") % {"missing": ", ".join(str(m) for m in missing)})
    if agreed_on > clock.today():
        raise ConditionsError(_("The agreement cannot be dated later than today."))
    agreement = ConditionsAgreement.objects.create(
        conditions=draft,
        body=body.strip(),
        agreed_by=agreed_by.strip(),
        agreed_on=agreed_on,
        reference=reference.strip(),
        terms_digest=rules.conditions_terms_digest(draft.product_code, {"title": draft.title, **_as_terms(draft)}),
        recorded_by_label=actor.label,
        recorded_at=clock.now(),
    )
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=draft.product_code,
        action="agreement_recorded",
        payload={"version": draft.version, **_agreement_payload(agreement)},
        provisions=["IP-51-7.3"],
    )
    return agreement


def _agreement_payload(agreement: ConditionsAgreement) -> dict[str, str]:
    return {
        "body": agreement.body,
        "agreed_by": agreement.agreed_by,
        "agreed_on": agreement.agreed_on.isoformat(),
        "reference": agreement.reference,
    }


@transaction.atomic
def conditions_draft_approve(*, actor: Actor, draft: ProductionConditions) -> ProductionConditions:
    """Approves a draft: from its day of effect it is the product's conditions (IP-51-7.3). Refused until an industry
    state body's agreement to the draft as it reads is recorded (IP-51-7.3), and checked once more against the
    conditions it must not be more favourable than (IP-51-7.4)."""
    draft = ProductionConditions.objects.select_for_update().get(pk=draft.pk)
    require(actor, draft, "approve")
    agreements = agreements_to_terms(draft)
    if not agreements:
        if draft.agreements.exists():
            raise ConditionsError(
                _(
                    "The draft was changed after the industry state bodies agreed to it: record their agreement to "
                    "the draft as it now reads before approving it (IP-51-7.3)."
                )
            )
        raise ConditionsError(
            _(
                "Production conditions are approved in agreement with the industry state bodies (IP-51-7.3): record "
                "which body agreed, who agreed for it, when, and the reference of its letter before approving."
            )
        )
    refusals = _refusals(draft.product_code, _as_terms(draft), draft.valid_from)
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
        payload={
            "version": draft.version,
            "minimum_operations": draft.minimum_operations,
            "agreements": [_agreement_payload(a) for a in agreements],
        },
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
    agreements: Sequence[Mapping[str, Any]] = (),
) -> ProductionConditions:
    """Drafts, records the industry state bodies' agreements (`agreements`: body, agreed_by, agreed_on, reference)
    and approves a new version at once (the API's approval). Refused without an agreement (IP-51-7.3), and while an
    officer's draft of the product is open, so as not to overwrite it."""
    with transaction.atomic():
        if "draft" not in allowed_actions(actor, blank_conditions(product_code)):
            raise ConditionsError(_("Production conditions are approved by the authorized body (IP-51-7.3)."))
        if ProductionConditions.objects.filter(
            product_code=product_code, status=ProductionConditions.Status.DRAFT
        ).exists():
            raise ConditionsError(
                _("A draft of the next version of %(code)s is open: approve or discard it first.")
                % {"code": product_code}
            )
        draft = conditions_draft(
            actor=actor,
            product_code=product_code,
            title=title,
            conditions=conditions,
            operations=operations,
            minimum_operations=minimum_operations,
            valid_from=valid_from,
        )
        for agreement in agreements:
            conditions_agreement_record(
                actor=actor,
                draft=draft,
                body=str(agreement.get("body", "")),
                agreed_by=str(agreement.get("agreed_by", "")),
                agreed_on=agreement["agreed_on"],
                reference=str(agreement.get("reference", "")),
            )
        return conditions_draft_approve(actor=actor, draft=draft)

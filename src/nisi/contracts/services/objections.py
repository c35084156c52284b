"""Producers' objections to goods a large customer excluded from its plan (IP-47.3): a producer in the register of
Kazakhstani commodity producers for the good says "we make this" while the plan is under review; the authorized
body accepts or rejects it, with its reasons (IP-47.4). A plan is not agreed while an objection to it is pending,
nor while an accepted one's good is still excluded (`agreement_blockers`)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.contracts.models import ExclusionObjection, PlanLine, ProcurementPlan
from nisi.contracts.rules import objections as rules
from nisi.core.authz import Actor, require
from nisi.core.models import Organization
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.transitions import Context, Notice, Transition, TransitionError, transition_apply
from nisi.law import clock
from nisi.registry import selectors as register

OBJECTION_SUBJECT = "contracts_exclusion_objection"
PLAN_SUBJECT = "contracts_plan"
S = ExclusionObjection.Status


class ObjectionError(TransitionError):
    """An objection refused; the message says what to do, `field` names the question."""


@transaction.atomic
def objection_file(*, actor: Actor, line: PlanLine, organization: Organization, note: str) -> ExclusionObjection:
    """A producer objects to a good excluded from a plan under review (IP-47.3, IP-47.4): it must be in the register
    of Kazakhstani commodity producers for the good's HS subheading, today. The customer is notified."""
    plan = ProcurementPlan.objects.select_for_update().get(pk=line.plan_id)
    objection = ExclusionObjection(
        plan=plan,
        line=line,
        customer=plan.organization,
        organization=organization,
        product_code=line.product_code,
        description=line.description,
        year=line.year,
        exclusion=line.exclusion,
    )
    require(actor, objection, "file")
    if not line.exclusion:
        raise ObjectionError(_("This good is planned for purchase, not excluded: there is nothing to object to."))
    if not rules.objection_open(plan.status):
        raise ObjectionError(
            _("Plan %(number)s is not under review: objections are filed before it is agreed (IP-47.4).")
            % {"number": plan.number}
        )
    code = rules.hs_subheading(line.product_code)
    in_register = register.public_goods(identifier=organization.identifier, code=code).values_list("hs_code", flat=True)
    if not rules.producer_makes(line.product_code, in_register):
        raise ObjectionError(
            _(
                "%(name)s is not in the register of Kazakhstani commodity producers for goods of HS subheading "
                "%(code)s: only a producer in the register for the good may object (IP-47.3)."
            )
            % {"name": organization.name, "code": code}
        )
    if not note.strip():
        raise ObjectionError(_("Say what you make and where: the authorized body reads it in the review."), "note")
    if ExclusionObjection.objects.filter(line=line, organization=organization).exists():
        raise ObjectionError(_("Your organization has already objected to this exclusion."))
    today = clock.today()
    objection.note = note.strip()
    objection.filed_on = today
    objection.filed_by_label = actor.label
    objection.number = f"tmp-{uuid.uuid4().hex[:16]}"
    objection.save()
    objection.number = f"OB-{today.year}-{objection.pk:06d}"
    objection.save(update_fields=["number"])
    payload = {"plan": plan.number, "line": line.position, "product_code": line.product_code, "note": objection.note}
    for subject_type, subject_id in ((OBJECTION_SUBJECT, objection.number), (PLAN_SUBJECT, plan.number)):
        journal_append(
            actor=actor,
            subject_type=subject_type,
            subject_id=subject_id,
            action="objection_filed",
            payload={**payload, "objection": objection.number},
            provisions=["IP-47.3"],
        )
    notification_send(
        message_key="contracts.objection.filed",
        params={
            "number": objection.number,
            "plan": plan.number,
            "good": line.description,
            "producer": organization.name,
        },
        provisions=["IP-47.3", "IP-47.4"],
        organization=plan.organization,
        subject_type=OBJECTION_SUBJECT,
        subject_id=objection.number,
    )
    return objection


def _params(ctx: Context) -> dict[str, Any]:
    o = ctx.record
    return {"number": o.number, "plan": o.plan.number, "good": o.description, "reasons": ctx.reasons}


def _decided(ctx: Context) -> None:
    if not rules.objection_open(ctx.record.plan.status):
        raise ObjectionError(_("The plan is no longer under review; its objections were decided with it."))
    ctx.fields["decided_on"] = ctx.on


def _tell_customer(ctx: Context) -> None:
    o = ctx.record
    notification_send(
        message_key="contracts.objection.accepted_customer",
        params=_params(ctx),
        provisions=["IP-47.3", "IP-47.4"],
        organization=o.customer,
        subject_type=OBJECTION_SUBJECT,
        subject_id=o.number,
    )


_COMMON: dict[str, Any] = {
    "subject_type": OBJECTION_SUBJECT,
    "sources": (S.PENDING,),
    "provision": "IP-47.4",
    "related": ("plan", "customer", "organization"),
    "error": ObjectionError,
    "reasons_field": "decision_reasons",
    "decided_by_field": "decided_by_label",
    "check": _decided,
}
ACCEPT = Transition(
    name="accept",
    journal_action="accepted",
    journal_provisions=("IP-47.3", "IP-47.4"),
    target=S.ACCEPTED,
    notice=Notice("contracts.objection.accepted", ("IP-47.3", "IP-47.4"), _params),
    then=_tell_customer,
    **_COMMON,
)
REJECT = Transition(
    name="reject",
    journal_action="rejected",
    journal_provisions=("IP-47.3", "IP-47.4"),
    target=S.REJECTED,
    notice=Notice("contracts.objection.rejected", ("IP-47.3", "IP-47.4"), _params),
    **_COMMON,
)


def objection_accept(*, actor: Actor, objection: ExclusionObjection, reasons: str) -> ExclusionObjection:
    """The authorized body accepts the objection (IP-47.4): the customer must plan the good for purchase before the
    plan is agreed; the producer and the customer are notified."""
    done: ExclusionObjection = transition_apply(actor=actor, record=objection, transition=ACCEPT, reasons=reasons)
    return done


def objection_reject(*, actor: Actor, objection: ExclusionObjection, reasons: str) -> ExclusionObjection:
    """The authorized body rejects the objection, with its reasons (IP-47.4); the producer is notified."""
    done: ExclusionObjection = transition_apply(actor=actor, record=objection, transition=REJECT, reasons=reasons)
    return done


def agreement_blockers(plan: ProcurementPlan) -> list[str]:
    """What keeps the plan from being agreed because of objections to its exclusions (IP-47.3, IP-47.4)."""
    live = {line.pk: line for line in plan.lines.all()}
    states = [
        rules.ObjectionState(
            number=o.number,
            status=o.status,
            product_code=o.product_code,
            year=o.year,
            still_excluded=o.line_id in live and bool(live[o.line_id].exclusion),
        )
        for o in plan.objections.exclude(status=S.REJECTED)
    ]
    planned = [(line.product_code, line.year) for line in live.values() if not line.exclusion]
    return rules.agreement_blockers(states, planned)

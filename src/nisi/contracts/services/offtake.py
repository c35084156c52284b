"""Concluding contracts aimed at industrial development (IP-47.7, IP-48.5, IP-48-1.4, IP-49.2) and the decisions on
them: the customer concludes, the manufacturer confirms (signs) or declines; characteristics are fixed before
signing and refused after (IP-47.8); a negative pilot batch terminates the contract for the manufacturer's fault
(IP-47.8)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from nisi.contracts.models import (
    ContractKind,
    ContractYear,
    DevelopmentContract,
    OffsetCondition,
    PilotBatchTest,
)
from nisi.contracts.models.offtake import CONTRACT_SUBJECT as SUBJECT
from nisi.contracts.rules import offtake
from nisi.contracts.services import offtake_deadlines as deadlines
from nisi.contracts.services.offtake_terms import Terms, terms_problems
from nisi.core.authz import Actor, require
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.transitions import Context, Notice, Transition, TransitionError, transition_apply
from nisi.law import clock, provisions

PREFIX: dict[str, str] = {
    ContractKind.OFFTAKE: "OT",
    ContractKind.GUARANTEED_PURCHASE: "GP",
    ContractKind.CONTRACT_PROCUREMENT: "CP",
}
# The provision setting each kind's required content, checked in force on the day it is concluded.
CONTENT_PROVISION: dict[str, str] = {
    ContractKind.OFFTAKE: "IP-48.5",
    ContractKind.GUARANTEED_PURCHASE: "IP-48-1.4",
    ContractKind.CONTRACT_PROCUREMENT: "IP-49.2",
}
CUSTOMER, MANUFACTURER = "customer", "manufacturer"


class ContractError(TransitionError):
    """A contract refused; the message says what to do, `field` names the question it is about."""


def side_of(actor: Actor, contract: DevelopmentContract) -> str | None:
    """Which party the actor acts for: the customer (a major customer's user) or the manufacturer (its user)."""
    for grant in actor.grants:
        if grant.role == Role.MAJOR_CUSTOMER and grant.organization_id == contract.customer_id:
            return CUSTOMER
        if grant.role == Role.APPLICANT and grant.organization_id == contract.manufacturer_id:
            return MANUFACTURER
    return None


def journal(
    actor: Actor, contract: DevelopmentContract, action: str, payload: dict[str, Any], cited: list[str]
) -> None:
    journal_append(
        actor=actor, subject_type=SUBJECT, subject_id=contract.number, action=action, payload=payload, provisions=cited
    )


def notify(contract: DevelopmentContract, to: Organization, key: str, params: dict[str, Any], cited: list[str]) -> None:
    notification_send(
        message_key=key,
        params={"number": contract.number, **params},
        provisions=cited,
        organization=to,
        subject_type=SUBJECT,
        subject_id=contract.number,
    )


def _acts_for(actor: Actor, role: str, organization: Organization) -> bool:
    return any(g.role == role and g.organization_id == organization.pk for g in actor.grants)


@transaction.atomic
def contract_conclude(*, actor: Actor, customer: Organization, terms: Terms) -> DevelopmentContract:
    """The customer concludes the contract with the manufacturer (IP-47.7): checked against the required content of
    its kind, it awaits the manufacturer's confirmation; the manufacturer is notified."""
    if not _acts_for(actor, Role.MAJOR_CUSTOMER, customer):
        raise PermissionDenied(_("Only the customer's own users conclude its contracts."))
    on = clock.today()
    try:
        provisions.require_in_force(CONTENT_PROVISION[terms.kind], on)
    except provisions.NotInForce as exc:
        raise ContractError(str(exc)) from exc
    problems = terms_problems(terms, customer, on)
    if problems:
        raise ContractError(" ".join(dict.fromkeys(m for _f, m in problems)), problems[0][0])
    contract = DevelopmentContract.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:16]}",
        kind=terms.kind,
        customer=customer,
        customer_kind=terms.customer_kind,
        manufacturer=terms.manufacturer,
        hs_code=terms.hs_code.strip(),
        tnved_code=terms.tnved_code.strip(),
        goods_name=terms.goods_name.strip(),
        characteristics=terms.characteristics.strip(),
        unit=terms.unit.strip(),
        unit_price=terms.unit_price,
        amount=terms.amount,
        starts_on=terms.starts_on,
        ends_on=terms.ends_on,
        min_domestic_value=terms.min_domestic_value if terms.kind == ContractKind.OFFTAKE else None,
        programme_duty=terms.programme_duty if terms.kind == ContractKind.OFFTAKE else False,
        liability=terms.liability.strip(),
        customer_year_purchases=terms.customer_year_purchases,
        application=terms.application,
        proposed_on=on,
    )
    contract.number = f"CT-{PREFIX[terms.kind]}-{on.year}-{contract.pk:05d}"
    contract.save(update_fields=["number"])
    ContractYear.objects.bulk_create(
        ContractYear(contract=contract, year=year, contracted_volume=volume)
        for year, volume in sorted(terms.volumes.items())
    )
    OffsetCondition.objects.bulk_create(
        OffsetCondition(contract=contract, kind=kind, description=text.strip(), value=value, due_on=due)
        for kind, text, value, due in terms.offset_conditions
    )
    cited = ["IP-47.7", CONTENT_PROVISION[terms.kind]]
    journal(
        actor,
        contract,
        "proposed",
        {
            "kind": terms.kind,
            "customer": customer.identifier,
            "manufacturer": terms.manufacturer.identifier,
            "hs_code": contract.hs_code,
            "volumes": {str(y): str(v) for y, v in sorted(terms.volumes.items())},
            "unit_price": str(terms.unit_price),
            "amount": str(terms.amount),
            "term": [terms.starts_on.isoformat(), terms.ends_on.isoformat()],
            "offset_conditions": [[k, str(v), d.isoformat()] for k, _t, v, d in terms.offset_conditions],
        },
        cited,
    )
    notify(
        contract,
        terms.manufacturer,
        "contracts.contract.proposed",
        {"customer": customer.name, "goods": contract.goods_name},
        cited,
    )
    deadlines.confirmation_open(actor=actor, contract=contract)
    return contract


def _manufacturer(ctx: Context) -> Organization:
    return ctx.record.manufacturer


def _customer(ctx: Context) -> Organization:
    return ctx.record.customer


def _acceptance_due(ctx: Context) -> None:
    """Signed: the customer's acceptance of the first year is due by the year's end (IP-48.2)."""
    deadlines.acceptance_open(actor=ctx.actor, contract=ctx.record)


S = DevelopmentContract.Status
CONFIRM = Transition(
    name="confirm",
    subject_type=SUBJECT,
    journal_action="signed",
    journal_provisions=("IP-47.7",),
    target=S.IN_FORCE,
    sources=(S.PROPOSED,),
    provision="IP-47.7",
    related=("customer", "manufacturer"),
    error=ContractError,
    dated_field="signed_on",
    closes=(deadlines.CONFIRM,),
    then=_acceptance_due,
    notice=Notice(
        "contracts.contract.confirmed",
        ("IP-47.7",),
        lambda ctx: {
            "number": ctx.record.number,
            "manufacturer": ctx.record.manufacturer.name,
            "signed_on": ctx.on.isoformat(),
        },
        organization=_customer,
    ),
)
DECLINE = Transition(
    name="decline",
    subject_type=SUBJECT,
    journal_action="declined",
    journal_provisions=("IP-47.7",),
    target=S.DECLINED,
    sources=(S.PROPOSED,),
    related=("customer", "manufacturer"),
    error=ContractError,
    closes=("*",),
    reasons_field="termination_reasons",
    dated_field="terminated_on",
    decided_by_field="decided_by_label",
    notice=Notice(
        "contracts.contract.declined",
        ("IP-47.7",),
        lambda ctx: {"number": ctx.record.number, "manufacturer": ctx.record.manufacturer.name, "reasons": ctx.reasons},
        organization=_customer,
    ),
)
WITHDRAW = Transition(
    name="withdraw",
    subject_type=SUBJECT,
    journal_action="withdrawn",
    journal_provisions=("IP-47.7",),
    target=S.TERMINATED,
    sources=(S.PROPOSED,),
    related=("customer", "manufacturer"),
    error=ContractError,
    closes=("*",),
    reasons_field="termination_reasons",
    dated_field="terminated_on",
    decided_by_field="decided_by_label",
    notice=Notice(
        "contracts.contract.withdrawn",
        ("IP-47.7",),
        lambda ctx: {"number": ctx.record.number, "reasons": ctx.reasons},
        organization=_manufacturer,
    ),
)
PILOT_NEGATIVE = Transition(
    name="record_pilot_result",
    subject_type=SUBJECT,
    journal_action="terminated_pilot_batch",
    journal_provisions=("IP-47.8",),
    target=S.TERMINATED,
    sources=(S.IN_FORCE,),
    provision="IP-47.8",
    related=("customer", "manufacturer"),
    error=ContractError,
    closes=("*",),
    reasons_field="termination_reasons",
    dated_field="terminated_on",
    decided_by_field="decided_by_label",
    notice=Notice(
        "contracts.contract.pilot_negative",
        ("IP-47.8",),
        lambda ctx: {"number": ctx.record.number, "tested_on": ctx.extra["tested_on"], "findings": ctx.reasons},
        organization=_manufacturer,
    ),
)


def contract_confirm(*, actor: Actor, contract: DevelopmentContract) -> DevelopmentContract:
    """The manufacturer confirms (signs) the contract the customer concluded: it is in force from that day."""
    return transition_apply(actor=actor, record=contract, transition=CONFIRM)


def contract_decline(*, actor: Actor, contract: DevelopmentContract, reasons: str) -> DevelopmentContract:
    return transition_apply(actor=actor, record=contract, transition=DECLINE, reasons=reasons)


def contract_withdraw(*, actor: Actor, contract: DevelopmentContract, reasons: str) -> DevelopmentContract:
    return transition_apply(actor=actor, record=contract, transition=WITHDRAW, reasons=reasons)


@transaction.atomic
def characteristics_add(*, actor: Actor, contract: DevelopmentContract, text: str) -> DevelopmentContract:
    """Adds to the goods' characteristics while the contract is not yet signed (IP-47.7); after signing it is
    prohibited (IP-47.8), whoever asks."""
    contract = DevelopmentContract.objects.select_for_update().get(pk=contract.pk)
    require(actor, contract, "view")
    if not offtake.characteristics_addable(signed=contract.signed_on is not None):
        raise ContractError(
            _(
                "The contract was signed on %(day)s: no technical characteristics, physical or chemical properties or "
                "requirements for the composition of the goods can be added after signing (IP-47.8)."
            )
            % {"day": contract.signed_on.isoformat() if contract.signed_on else ""},
            "text",
        )
    require(actor, contract, "add_characteristics")
    if not text.strip():
        raise ContractError(_("Write the characteristics to add."), "text")
    contract.characteristics = f"{contract.characteristics}\n{text.strip()}"
    contract.save(update_fields=["characteristics"])
    journal(actor, contract, "characteristics_added", {"text": text.strip()}, ["IP-47.7"])
    return contract


@transaction.atomic
def pilot_result_record(
    *, actor: Actor, contract: DevelopmentContract, kind: str, tested_on: dt.date, positive: bool, findings: str
) -> PilotBatchTest:
    """The customer records the result of the pilot batch tests against the characteristics fixed before signing
    (IP-47.8); a negative result terminates the contract through the manufacturer's fault."""
    require(actor, contract, "record_pilot_result")
    if kind not in PilotBatchTest.Kind.values:
        raise ContractError(_("Choose laboratory, industrial, or both."), "kind")
    if contract.signed_on is None or tested_on < contract.signed_on or tested_on > clock.today():
        raise ContractError(_("The tests were carried out after signing and not later than today."), "tested_on")
    if not findings.strip():
        raise ContractError(
            _("Say what the tests found against the characteristics; the manufacturer reads it."), "findings"
        )
    test = PilotBatchTest.objects.create(
        contract=contract,
        kind=kind,
        tested_on=tested_on,
        positive=positive,
        findings=findings.strip(),
        characteristics_tested=contract.characteristics,
        recorded_by_label=actor.label,
    )
    if offtake.pilot_batch_terminates(positive=positive):
        transition_apply(
            actor=actor,
            record=contract,
            transition=PILOT_NEGATIVE,
            reasons=findings,
            extra={"tested_on": tested_on.isoformat(), "payload": {"test": test.pk, "kind": kind}},
        )
    else:
        journal(
            actor,
            contract,
            "pilot_batch_positive",
            {"test": test.pk, "kind": kind, "tested_on": tested_on.isoformat()},
            ["IP-47.8"],
        )
    return test

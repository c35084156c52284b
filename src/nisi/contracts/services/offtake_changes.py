"""Changes to a contract in force: amendments proposed by one party and taking effect only when the other accepts
them (IP-48-1.2; an off-take contract's volume or price is never reduced by one party alone, IP-48.2), the contract
pledged as collateral (IP-48.1, IP-48-1.1), and the fulfilment of offset conditions, a failure recording the
penalty (IP-49.3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from nisi.contracts.models import (
    Amendment,
    ContractKind,
    ContractYear,
    DevelopmentContract,
    OffsetCondition,
    Penalty,
    Pledge,
)
from nisi.contracts.models.offtake import OFFSET_BASIS
from nisi.contracts.rules import offtake
from nisi.contracts.services import offtake_deadlines as deadlines
from nisi.contracts.services.offtake import CUSTOMER, ContractError, journal, notify, side_of
from nisi.core.authz import Actor, require
from nisi.core.models import Organization
from nisi.law import clock

PROVISION = {
    ContractKind.OFFTAKE: "IP-48.2",
    ContractKind.GUARANTEED_PURCHASE: "IP-48-1.2",
    ContractKind.CONTRACT_PROCUREMENT: "IP-49.2",
}


def _other(contract: DevelopmentContract, side: str) -> Organization:
    return contract.manufacturer if side == CUSTOMER else contract.customer


def _locked(contract: DevelopmentContract) -> DevelopmentContract:
    return (
        DevelopmentContract.objects.select_for_update().select_related("customer", "manufacturer").get(pk=contract.pk)
    )


@transaction.atomic
def amendment_propose(
    *,
    actor: Actor,
    contract: DevelopmentContract,
    volumes: dict[int, Decimal],
    unit_price: Decimal | None,
    explanation: str,
) -> Amendment:
    """One party proposes new volumes for years still open and/or a new price; the other party is notified and
    decides. What the amendment would reduce is recorded, so that both see it needs the other's consent."""
    contract = _locked(contract)
    require(actor, contract, "propose_amendment")
    side = side_of(actor, contract)
    if side is None:
        raise PermissionDenied(_("Amendments are proposed by the contract's parties."))
    if not volumes and unit_price is None:
        raise ContractError(_("Propose a new volume for a year, a new price, or both."), "volumes")
    if not explanation.strip():
        raise ContractError(_("Explain the amendment; the other party reads it."), "explanation")
    open_years = {y.year: y.contracted_volume for y in contract.years.filter(status=ContractYear.Status.OPEN)}
    for year, volume in volumes.items():
        if year not in open_years:
            raise ContractError(_("%(year)s is not an open year of the contract.") % {"year": year}, "volumes")
        if volume < 0:
            raise ContractError(_("Volumes cannot be negative."), "volumes")
    if unit_price is not None and unit_price <= 0:
        raise ContractError(_("The price must be more than zero."), "unit_price")
    reduced = offtake.reductions(
        volumes={y: open_years[y] for y in volumes},
        new_volumes=volumes,
        unit_price=contract.unit_price,
        new_unit_price=unit_price if unit_price is not None else contract.unit_price,
    )
    if contract.amendments.filter(status=Amendment.Status.PROPOSED).exists():
        raise ContractError(_("An amendment is already awaiting a decision: let it be decided first."))
    amendment = Amendment.objects.create(
        contract=contract,
        proposed_by=side,
        proposed_at=clock.now(),
        volumes={str(y): str(v) for y, v in sorted(volumes.items())},
        unit_price=unit_price,
        explanation=explanation.strip(),
        reduces=reduced,
    )
    cited = [PROVISION[ContractKind(contract.kind)]]
    journal(
        actor,
        contract,
        "amendment_proposed",
        {
            "amendment": amendment.pk,
            "by": side,
            "volumes": amendment.volumes,
            "unit_price": str(unit_price) if unit_price is not None else None,
            "reduces": reduced,
        },
        cited,
    )
    notify(
        contract,
        _other(contract, side),
        "contracts.contract.amendment_proposed",
        {"explanation": amendment.explanation},
        cited,
    )
    deadlines.amendment_open(actor=actor, contract=contract, amendment=amendment, to=_other(contract, side))
    return amendment


@transaction.atomic
def amendment_decide(*, actor: Actor, amendment: Amendment, accept: bool, reasons: str = "") -> Amendment:
    """The other party accepts or rejects the amendment. The party that proposed it cannot accept it: a change by one
    party alone — for an off-take contract, a reduction of its volume or price is prohibited so (IP-48.2)."""
    amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
    contract = _locked(amendment.contract)
    require(actor, contract, "decide_amendment")
    side = side_of(actor, contract)
    if amendment.status != Amendment.Status.PROPOSED:
        raise ContractError(_("This amendment was already decided."))
    if side == amendment.proposed_by:
        refusal = None
        if contract.kind == ContractKind.OFFTAKE:
            refusal = offtake.unilateral_change_refusal(reduced=list(amendment.reduces), consented_by_other_party=False)
        raise ContractError(
            refusal
            or _("An amendment takes effect only with both parties' consent (IP-48-1.2): the other party decides it.")
        )
    if side is None:
        raise PermissionDenied(_("Amendments are decided by the contract's parties."))
    if not accept and not reasons.strip():
        raise ContractError(_("Say why the amendment is rejected; the other party reads it."), "reasons")
    amendment.status = Amendment.Status.ACCEPTED if accept else Amendment.Status.REJECTED
    amendment.decided_at = clock.now()
    amendment.decided_by_label = actor.label
    amendment.rejection_reasons = "" if accept else reasons.strip()
    amendment.save(update_fields=["status", "decided_at", "decided_by_label", "rejection_reasons"])
    if accept:
        for year, volume in amendment.volumes.items():
            closed = contract.years.filter(year=int(year)).exclude(status=ContractYear.Status.OPEN).exists()
            if closed:
                raise ContractError(
                    _("%(year)s closed before the amendment was accepted: propose it again.") % {"year": year}
                )
            contract.years.filter(year=int(year)).update(contracted_volume=Decimal(volume))
        if amendment.unit_price is not None:
            contract.unit_price = amendment.unit_price
            contract.save(update_fields=["unit_price"])
    cited = [PROVISION[ContractKind(contract.kind)]]
    journal(
        actor,
        contract,
        "amendment_accepted" if accept else "amendment_rejected",
        {"amendment": amendment.pk, "reasons": amendment.rejection_reasons},
        cited,
    )
    decision = _("accepted") if accept else _("rejected")
    proposer = contract.customer if amendment.proposed_by == CUSTOMER else contract.manufacturer
    notify(
        contract,
        proposer,
        "contracts.contract.amendment_decided",
        {"decision": str(decision), "reasons": amendment.rejection_reasons},
        cited,
    )
    deadlines.amendment_close(contract=contract, amendment=amendment)
    return amendment


@transaction.atomic
def pledge_record(
    *, actor: Actor, contract: DevelopmentContract, pledgee: str, agreement_reference: str, pledged_on: dt.date
) -> Pledge:
    """The manufacturer records the contract pledged as collateral with a financial institution (IP-48.1,
    IP-48-1.1)."""
    contract = _locked(contract)
    require(actor, contract, "record_pledge")
    if contract.kind == ContractKind.CONTRACT_PROCUREMENT:
        raise ContractError(
            _("The law lets off-take contracts and guaranteed purchase agreements be pledged (IP-48.1, IP-48-1.1).")
        )
    if not pledgee.strip() or not agreement_reference.strip():
        raise ContractError(_("Name the financial institution and the pledge agreement."), "pledgee")
    if pledged_on < (contract.signed_on or pledged_on) or pledged_on > clock.today():
        raise ContractError(_("The pledge was made after signing and not later than today."), "pledged_on")
    pledge = Pledge.objects.create(
        contract=contract,
        pledgee=pledgee.strip(),
        agreement_reference=agreement_reference.strip(),
        pledged_on=pledged_on,
    )
    cited = ["IP-48.1" if contract.kind == ContractKind.OFFTAKE else "IP-48-1.1"]
    journal(
        actor,
        contract,
        "pledged",
        {"pledge": pledge.pk, "pledgee": pledge.pledgee, "on": pledged_on.isoformat()},
        cited,
    )
    return pledge


@transaction.atomic
def offset_fulfilment_report(
    *, actor: Actor, condition: OffsetCondition, evidence: str, on: dt.date
) -> OffsetCondition:
    """The supplier reports an offset condition fulfilled, with its evidence (IP-49.2)."""
    condition = OffsetCondition.objects.select_for_update().get(pk=condition.pk)
    contract = _locked(condition.contract)
    require(actor, contract, "report_offset")
    return _settle(
        actor=actor,
        contract=contract,
        condition=condition,
        status=OffsetCondition.Status.FULFILLED,
        evidence=evidence,
        on=on,
        penalty_amount=None,
    )


@transaction.atomic
def offset_failure_record(
    *, actor: Actor, condition: OffsetCondition, evidence: str, on: dt.date, penalty: Decimal
) -> OffsetCondition:
    """The authorized body records that the supplier failed an offset condition: the penalty the contract sets is
    recorded with it (IP-49.3)."""
    condition = OffsetCondition.objects.select_for_update().get(pk=condition.pk)
    contract = _locked(condition.contract)
    require(actor, contract, "record_offset_failure")
    if penalty < 0:
        raise ContractError(_("The penalty cannot be negative."), "penalty")
    return _settle(
        actor=actor,
        contract=contract,
        condition=condition,
        status=OffsetCondition.Status.FAILED,
        evidence=evidence,
        on=on,
        penalty_amount=penalty,
    )


def _settle(
    *,
    actor: Actor,
    contract: DevelopmentContract,
    condition: OffsetCondition,
    status: str,
    evidence: str,
    on: dt.date,
    penalty_amount: Decimal | None,
) -> OffsetCondition:
    if condition.status != OffsetCondition.Status.PENDING:
        raise ContractError(
            _("This offset condition was already recorded as %(status)s.") % {"status": condition.get_status_display()}
        )
    if not evidence.strip():
        raise ContractError(_("Describe the evidence; the other party and the authorized body read it."), "evidence")
    if on > clock.today() or on < (contract.signed_on or on):
        raise ContractError(_("The date is after signing and not later than today."), "on")
    condition.status, condition.evidence, condition.settled_on = status, evidence.strip(), on
    condition.save(update_fields=["status", "evidence", "settled_on"])
    cited = ["IP-49.2"] if status == OffsetCondition.Status.FULFILLED else ["IP-49.3"]
    penalty = None
    if penalty_amount is not None:
        penalty = Penalty.objects.create(
            contract=contract,
            ground=Penalty.Ground.OFFSET_FAILURE,
            amount=penalty_amount,
            basis_key=OFFSET_BASIS,
            basis_params={"condition": condition.description},
            recorded_on=clock.today(),
        )
    journal(
        actor,
        contract,
        f"offset_{status}",
        {
            "condition": condition.pk,
            "evidence": condition.evidence,
            "penalty": str(penalty.amount) if penalty else None,
        },
        cited,
    )
    for party in (contract.customer, contract.manufacturer):
        notify(
            contract,
            party,
            "contracts.contract.offset_settled",
            {
                "condition": condition.description,
                "status": str(condition.get_status_display()),
                "evidence": condition.evidence,
            },
            cited,
        )
        if penalty is not None:
            notify(
                contract,
                party,
                "contracts.contract.penalty_recorded",
                penalty.notice_params,
                cited,
            )
    return condition

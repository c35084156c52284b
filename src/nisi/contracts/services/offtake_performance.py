"""Commitment against delivery, year by year (IP-48.2): the manufacturer records deliveries, the customer records
what it accepts; both see the year's contracted volume, what was accepted and what is still due; they are warned in
the year's last quarter; the day the year closes its outcome is computed and a refusal to buy through no fault of
the supplier records the penalty (IP-48.4)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from nisi.contracts.models import ContractKind, ContractYear, Delivery, DevelopmentContract, Penalty
from nisi.contracts.models.offtake import REFUSAL_BASIS, YEAR_BREACHED, YEAR_MET
from nisi.contracts.rules import offtake
from nisi.contracts.services import offtake_deadlines as deadlines
from nisi.contracts.services.offtake import ContractError, journal, notify
from nisi.core import messages
from nisi.core.authz import SYSTEM, Actor, require
from nisi.law import clock, params
from nisi.law.display import trimmed

ZERO = Decimal(0)


@dataclass(frozen=True)
class YearStanding:
    """A year of a contract as both parties see it: contracted, delivered, accepted, the minimum and what is due."""

    year: ContractYear
    delivered: Decimal
    accepted: Decimal
    awaiting: Decimal  # delivered and not yet accepted or refused
    minimum: Decimal | None  # off-take contracts only (IP-48.2)
    still_due: Decimal | None


def _sums(contract: DevelopmentContract, year: int) -> tuple[Decimal, Decimal, Decimal]:
    rows = contract.deliveries.filter(delivered_on__year=year)
    delivered = rows.aggregate(s=Sum("volume"))["s"] or ZERO
    accepted = rows.aggregate(s=Sum("accepted_volume"))["s"] or ZERO
    awaiting = rows.filter(accepted_volume__isnull=True).aggregate(s=Sum("volume"))["s"] or ZERO
    return delivered, accepted, awaiting


def year_standings(contract: DevelopmentContract) -> list[YearStanding]:
    out = []
    first = contract.starts_on.year
    for year in contract.years.all():
        delivered, accepted, awaiting = _sums(contract, year.year)
        minimum = still_due = None
        if contract.kind == ContractKind.OFFTAKE:
            minimum = year.contracted_volume * offtake.acceptance_share(year.year, first).value
            still_due = max(ZERO, minimum - accepted)
        out.append(YearStanding(year, delivered, accepted, awaiting, minimum, still_due))
    return out


@transaction.atomic
def delivery_record(
    *, actor: Actor, contract: DevelopmentContract, delivered_on: dt.date, volume: Decimal, document: str = ""
) -> Delivery:
    """The manufacturer records a delivery within the contract's term, in a year still open."""
    contract = (
        DevelopmentContract.objects.select_for_update().select_related("customer", "manufacturer").get(pk=contract.pk)
    )
    require(actor, contract, "record_delivery")
    if volume <= 0:
        raise ContractError(_("The volume delivered must be more than zero."), "volume")
    if not contract.starts_on <= delivered_on <= contract.ends_on or delivered_on > clock.today():
        raise ContractError(
            _("Record a delivery made within the contract's term and not later than today."), "delivered_on"
        )
    if not contract.years.filter(year=delivered_on.year, status=ContractYear.Status.OPEN).exists():
        raise ContractError(
            _("The year %(year)s is closed: no delivery can be added to it.") % {"year": delivered_on.year},
            "delivered_on",
        )
    delivery = Delivery.objects.create(
        contract=contract, delivered_on=delivered_on, volume=volume, document=document.strip(), recorded_at=clock.now()
    )
    journal(
        actor,
        contract,
        "delivered",
        {"delivery": delivery.pk, "on": delivered_on.isoformat(), "volume": str(volume)},
        ["IP-48.2"],
    )
    notify(
        contract,
        contract.customer,
        "contracts.contract.delivery_recorded",
        {"manufacturer": contract.manufacturer.name, "volume": str(volume), "delivered_on": delivered_on.isoformat()},
        ["IP-48.2"],
    )
    return delivery


@transaction.atomic
def delivery_accept(*, actor: Actor, delivery: Delivery, accepted_volume: Decimal, reasons: str = "") -> Delivery:
    """The customer records what it accepts of a delivery; what it does not accept needs its reasons, which the
    manufacturer reads (a refusal to buy counts against the year's minimum, IP-48.2, IP-48.4)."""
    delivery = Delivery.objects.select_for_update().select_related("contract__manufacturer").get(pk=delivery.pk)
    contract = delivery.contract
    require(actor, contract, "accept_delivery")
    if delivery.accepted_volume is not None:
        raise ContractError(
            _("This delivery's acceptance was already recorded on %(day)s.") % {"day": delivery.accepted_on}
        )
    if not ZERO <= accepted_volume <= delivery.volume:
        raise ContractError(
            _("Accept between nothing and the volume delivered (%(volume)s).") % {"volume": delivery.volume},
            "accepted_volume",
        )
    if accepted_volume < delivery.volume and not reasons.strip():
        raise ContractError(
            _("Say why the rest of the delivery is not accepted; the manufacturer reads it."), "reasons"
        )
    if not contract.years.filter(year=delivery.delivered_on.year, status=ContractYear.Status.OPEN).exists():
        raise ContractError(_("The year %(year)s is closed.") % {"year": delivery.delivered_on.year})
    delivery.accepted_volume = accepted_volume
    delivery.accepted_on = clock.today()
    delivery.refusal_reasons = reasons.strip()
    delivery.save(update_fields=["accepted_volume", "accepted_on", "refusal_reasons"])
    journal(
        actor,
        contract,
        "accepted",
        {
            "delivery": delivery.pk,
            "accepted": str(accepted_volume),
            "of": str(delivery.volume),
            "reasons": delivery.refusal_reasons,
        },
        ["IP-48.2"],
    )
    notify(
        contract,
        contract.manufacturer,
        "contracts.contract.delivery_accepted",
        {
            "accepted": str(accepted_volume),
            "volume": str(delivery.volume),
            "delivered_on": delivery.delivered_on.isoformat(),
            "reasons": delivery.refusal_reasons,
        },
        ["IP-48.2"],
    )
    if contract.kind == ContractKind.OFFTAKE:  # the year's minimum accepted: nothing more waits on the customer
        year = contract.years.get(year=delivery.delivered_on.year)
        minimum = year.contracted_volume * offtake.acceptance_share(year.year, contract.starts_on.year).value
        if _sums(contract, year.year)[1] >= minimum:
            deadlines.acceptance_close(contract=contract, year=year.year)
    return delivery


def _warn(year: ContractYear, standing: YearStanding, today: dt.date) -> bool:
    contract = year.contract
    if standing.still_due is None or standing.still_due <= 0 or year.warned_on is not None:
        return False
    year.warned_on = today
    year.save(update_fields=["warned_on"])
    params_ = {
        "year": year.year,
        "due": str(trimmed(standing.still_due)),
        "minimum": str(trimmed(standing.minimum)) if standing.minimum is not None else "",
    }
    for party in (contract.customer, contract.manufacturer):
        notify(contract, party, "contracts.contract.year_warning", params_, ["IP-48.2"])
    journal(SYSTEM, contract, "year_warning", {"year": year.year, "still_due": params_["due"]}, ["IP-48.2"])
    deadlines.acceptance_warned(contract=contract, year=year.year, on=today)
    return True


@transaction.atomic
def year_close(*, actor: Actor, year: ContractYear, today: dt.date | None = None) -> ContractYear:
    """Closes a calendar year that has ended: for an off-take contract its outcome against the acceptance minimum
    (IP-48.2) and, where the customer refused what was delivered up to the minimum, the penalty (IP-48.4)."""
    today = today or clock.today()
    year = (
        ContractYear.objects.select_for_update()
        .select_related("contract__customer", "contract__manufacturer")
        .get(pk=year.pk)
    )
    contract = year.contract
    require(actor, contract, "close_year")
    if year.status != ContractYear.Status.OPEN:
        raise ContractError(_("The year %(year)s is already closed.") % {"year": year.year})
    if today <= dt.date(year.year, 12, 31):
        raise ContractError(_("The year %(year)s has not ended yet.") % {"year": year.year})
    delivered, accepted, _awaiting = _sums(contract, year.year)
    year.delivered_volume, year.accepted_volume, year.closed_on = delivered, accepted, today
    cited = ["IP-48.2"]
    penalty = None
    if contract.kind == ContractKind.OFFTAKE:
        outcome = offtake.year_outcome(
            year=year.year,
            first_year=contract.starts_on.year,
            contracted=year.contracted_volume,
            delivered=delivered,
            accepted=accepted,
        )
        result = outcome.value
        year.minimum_volume, year.refused_volume = result.minimum, result.refused
        year.status = ContractYear.Status.MET if result.met else ContractYear.Status.BREACHED
        year.trace = outcome.trace()
        if result.refused > 0:
            computed = offtake.refusal_penalty(
                refused=result.refused, unit_price=contract.unit_price, on=dt.date(year.year, 12, 31)
            )
            rate = params.value_on("offtake_refusal_penalty", dt.date(year.year, 12, 31))
            penalty = Penalty.objects.create(
                contract=contract,
                ground=Penalty.Ground.REFUSAL_TO_BUY,
                year=year.year,
                amount=computed.value,
                basis_key=REFUSAL_BASIS,
                basis_params={"refused": str(trimmed(result.refused)), "unit": contract.unit, "year": year.year},
                trace=[*outcome.trace(), *computed.trace()],
                unconfirmed=rate.unconfirmed,
                recorded_on=today,
            )
            cited.append("IP-48.4")
    else:
        year.status = ContractYear.Status.CLOSED
    year.save()
    journal(
        actor,
        contract,
        "year_closed",
        {
            "year": year.year,
            "status": year.status,
            "delivered": str(delivered),
            "accepted": str(accepted),
            "minimum": str(year.minimum_volume) if year.minimum_volume is not None else None,
            "refused": str(year.refused_volume) if year.refused_volume is not None else None,
            "penalty": str(penalty.amount) if penalty else None,
        },
        cited,
    )
    # Stored as a message and rendered in each reader's language, not in the language the daily task ran in.
    by_status: dict[str, dict[str, Any] | str] = {
        ContractYear.Status.MET: messages.message(YEAR_MET),
        ContractYear.Status.BREACHED: messages.message(YEAR_BREACHED),
        ContractYear.Status.CLOSED: "",
    }
    said = by_status[year.status]
    for party in (contract.customer, contract.manufacturer):
        notify(
            contract,
            party,
            "contracts.contract.year_closed",
            {
                "year": year.year,
                "minimum": str(trimmed(year.minimum_volume or ZERO)),
                "delivered": str(trimmed(delivered)),
                "accepted": str(trimmed(accepted)),
                "refused": str(trimmed(year.refused_volume or ZERO)),
                "outcome": said,
            },
            cited,
        )
        if penalty is not None:
            notify(
                contract,
                party,
                "contracts.contract.penalty_recorded",
                penalty.notice_params,
                ["IP-48.4"],
            )
    if (
        not contract.years.filter(status=ContractYear.Status.OPEN).exists()
        and contract.status == DevelopmentContract.Status.IN_FORCE
    ):
        contract.status = DevelopmentContract.Status.COMPLETED
        contract.save(update_fields=["status"])
        journal(actor, contract, "completed", {}, cited[:1])
    deadlines.acceptance_close(contract=contract, year=year.year)
    deadlines.acceptance_open(actor=actor, contract=contract, after=year.year)
    return year


def contracts_daily(*, today: dt.date | None = None) -> dict[str, int]:
    """The daily run: warns both parties of a year's acceptance still due from the year's last quarter, and closes
    every year that has ended. Idempotent: a year is warned once and closed once."""
    today = today or clock.today()
    warn_from = params.value_on("offtake_year_end_warning", today).value
    month, day = (int(p) for p in str(warn_from).split("-"))
    warned = closed = 0
    running = ContractYear.objects.filter(
        status=ContractYear.Status.OPEN, contract__status=DevelopmentContract.Status.IN_FORCE
    ).select_related("contract__customer", "contract__manufacturer")
    for year in running.filter(year__lt=today.year).order_by("contract_id", "year"):
        year_close(actor=SYSTEM, year=year, today=today)
        closed += 1
    if today >= dt.date(today.year, month, day):
        for year in running.filter(year=today.year, warned_on__isnull=True, contract__kind=ContractKind.OFFTAKE):
            with transaction.atomic():
                standing = next(s for s in year_standings(year.contract) if s.year.pk == year.pk)
                warned += _warn(year, standing, today)
    return {"warned": warned, "closed": closed}

"""Off-take contracts (IP-48) and what every contract aimed at industrial development shares with them (IP-47.7,
IP-47.8): the yearly acceptance minimum, no unilateral reduction, the penalty for a refusal to buy. Pure functions:
no database, no clock; each takes the date or year it applies on."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext, gettext_noop

from nisi.law import params
from nisi.law.display import trimmed
from nisi.law.money import tenge
from nisi.law.trace import Explained, Step

ZERO = Decimal(0)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February: the last day of February); a contract's term, not a deadline, so no
    working-day shift."""
    year = day.year + years
    return dt.date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def contract_years(starts_on: dt.date, ends_on: dt.date) -> list[int]:
    """The calendar years a contract's term touches: volumes are given for each (IP-48.5, IP-48-1.4), and the
    acceptance minimum is counted on each calendar year's volume (IP-48.2)."""
    if ends_on < starts_on:
        raise ValueError(gettext("The contract cannot end before it starts."))
    return list(range(starts_on.year, ends_on.year + 1))


def acceptance_share(year: int, first_year: int) -> Explained[Decimal]:
    """The share of a calendar year's contracted volume the customer must accept and pay for (IP-48.2): 100 % in the
    first year of the contract, at least 50 % in the second and later years, each on that calendar year's volume."""
    if year < first_year:
        raise ValueError(gettext("The year is before the contract's first year."))
    name = "offtake_first_year_acceptance" if year == first_year else "offtake_later_years_minimum_acceptance"
    value = params.value_on(name, dt.date(year, 1, 1))
    return Explained(Decimal(value.value), (value.step(),))


@dataclass(frozen=True)
class YearOutcome:
    """A calendar year of an off-take contract as it closed (IP-48.2, IP-48.4): the minimum the customer had to
    accept, what was delivered and accepted, and the volume refused through no fault of the supplier."""

    contracted: Decimal
    share: Decimal
    minimum: Decimal
    delivered: Decimal
    accepted: Decimal
    refused: Decimal  # delivered up to the minimum but not accepted: the customer's refusal to buy
    undelivered: Decimal  # the minimum the supplier did not deliver: its own shortfall, not the customer's

    @property
    def met(self) -> bool:
        return self.accepted >= self.minimum

    @property
    def still_due(self) -> Decimal:
        return max(ZERO, self.minimum - self.accepted)


def acceptance_minimum_met(*, contracted: Decimal, accepted: Decimal, share: Decimal) -> bool:
    """Whether the customer accepted at least `share` of the year's contracted volume (IP-48.2)."""
    if contracted < 0 or accepted < 0:
        raise ValueError(gettext("Volumes cannot be negative."))
    return accepted >= contracted * share


def year_outcome(
    *, year: int, first_year: int, contracted: Decimal, delivered: Decimal, accepted: Decimal
) -> Explained[YearOutcome]:
    """The year's commitment against its delivery (IP-48.2): the customer had to accept the year's minimum share of
    the contracted volume, "subject to the supplier's proper fulfilment" — so what the supplier did not deliver is
    the supplier's shortfall, and what it delivered up to the minimum and the customer did not accept is a refusal
    to buy through no fault of the supplier (IP-48.4)."""
    if min(contracted, delivered, accepted) < 0:
        raise ValueError(gettext("Volumes cannot be negative."))
    if accepted > delivered:
        raise ValueError(gettext("More cannot be accepted than was delivered."))
    share = acceptance_share(year, first_year)
    minimum = contracted * share.value
    refused = max(ZERO, min(delivered, minimum) - accepted)
    undelivered = max(ZERO, minimum - delivered)
    outcome = YearOutcome(contracted, share.value, minimum, delivered, accepted, refused, undelivered)
    step = Step(
        message=gettext_noop(
            "%(year)s: minimum %(minimum)s of %(contracted)s contracted; delivered %(delivered)s, accepted "
            "%(accepted)s, refused %(refused)s"
        ),
        params={
            "year": year,
            "minimum": trimmed(minimum),
            "contracted": trimmed(contracted),
            "delivered": trimmed(delivered),
            "accepted": trimmed(accepted),
            "refused": trimmed(refused),
        },
        provision="IP-48.2",
    )
    return Explained(outcome, (*share.steps, step))


def refusal_penalty(*, refused: Decimal, unit_price: Decimal, on: dt.date) -> Explained[Decimal]:
    """The penalty for the customer's refusal to buy the agreed volume through no fault of the supplier (IP-48.4):
    the parameter's share of the value of the volume refused. Its size is set by the rules for planning and
    concluding contracts (IP-46.1), which were not read: the parameter says so (unconfirmed)."""
    if refused < 0 or unit_price < 0:
        raise ValueError(gettext("Volumes and prices cannot be negative."))
    rate = params.value_on("offtake_refusal_penalty", on)
    amount = tenge(refused * unit_price * Decimal(rate.value))
    step = Step(
        message=gettext_noop("penalty = %(refused)s × %(price)s × %(rate)s = %(amount)s"),
        params={"refused": trimmed(refused), "price": unit_price, "rate": rate.display(), "amount": amount},
        provision="IP-48.4",
    )
    return Explained(amount, (rate.step(), step))


def reductions(
    *,
    volumes: Mapping[int, Decimal],
    new_volumes: Mapping[int, Decimal],
    unit_price: Decimal,
    new_unit_price: Decimal,
) -> list[str]:
    """What a change of an off-take contract reduces: a year's volume or the price (IP-48.2, part one: "It shall be
    prohibited to unilaterally make changes to the concluded off-take contract to reduce the volume of purchases and
    reduce the price of goods"). Each as "volume:<year>" or "price"; empty if nothing is reduced. A year dropped from
    the new volumes is reduced to nothing."""
    reduced = [f"volume:{year}" for year, volume in sorted(volumes.items()) if new_volumes.get(year, ZERO) < volume]
    if new_unit_price < unit_price:
        reduced.append("price")
    return reduced


def unilateral_change_refusal(*, reduced: list[str], consented_by_other_party: bool) -> str | None:
    """Why a change to an off-take contract cannot be made, or None (IP-48.2): a reduction of volume or price made
    by one party alone is prohibited, whichever party asks; with the other party's consent it is an agreement."""
    if reduced and not consented_by_other_party:
        return gettext(
            "An off-take contract's volume or price cannot be reduced by one party alone (IP-48.2): propose the "
            "change as an amendment and let the other party accept it."
        )
    return None


def characteristics_addable(*, signed: bool) -> bool:
    """Technical characteristics, physical or chemical properties and requirements for the composition of goods are
    fixed before signing (IP-47.7, IP-47.8): adding any after the contract is signed is prohibited."""
    return not signed


def pilot_batch_terminates(*, positive: bool) -> bool:
    """A negative result of the laboratory or industrial tests of a pilot batch means the contract was not fulfilled
    through the manufacturer's fault and is terminated (IP-47.8); a positive one means the batch is delivered."""
    return not positive

"""The law's rules of domestic raw materials (IP-60), pure: no database, no I/O, explicit dates, `Decimal` amounts.

Domestic raw materials are the goods on the list the authorized body approves, produced in Kazakhstan; the list
names the raw materials and their producers (IP-60.1). Manufacturing enterprises apply to list a raw material
(IP-60.2) and are refused only on the grounds of IP-60.3; producers are listed except new production facilities and
those the rules exclude (IP-60.4); each producer's share of supply is its share of the country's production
(IP-60.5); listed producers must conclude agreements (IP-60.6) at a special competitive price not above their minimum
export price (IP-60.7); a manufacturer that resells is terminated and barred (IP-60.8); an export licence needs the
producer's agreements concluded and fulfilled for the preceding period (IP-60.9).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from nisi.law import params
from nisi.law.trace import Explained, Step

NEW_FACILITY_YEARS = "raw_materials_new_facility_years"
APPLICATION_TERM = "raw_materials_application_term"
AGREEMENT_TERM = "raw_materials_agreement_term"
HUNDRED = Decimal(100)
SHARE_PLACES = Decimal("0.01")
VOLUME_PLACES = Decimal("0.001")

# The set of documents an application carries. The law leaves it to the rules for providing manufacturing
# enterprises with domestic raw materials (IP-60.2), which were not read: these three are what every such rule asks
# (the application itself, the need with its volumes, the capacities that process it); ADR "raw materials".
REQUIRED_DOCUMENTS: tuple[tuple[str, Any], ...] = (
    ("application", _("The application on the form of the rules, signed by the head")),
    ("need", _("The calculation of the need for the raw material: yearly volumes and the products made of it")),
    ("capacity", _("Documents confirming the production capacities that process the raw material")),
)


class RuleError(ValueError):
    """An input the rules cannot take; the message says what to give."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Ground:
    """A reason of a decision with its data (DESIGN 2): kept as a message id and its parameters, read in the
    reader's language."""

    kind: str
    provision: str
    message: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return gettext(self.message) % self.params

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "provision": self.provision, "message": self.message, "params": self.params}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Ground:
        return cls(data["kind"], data["provision"], data["message"], dict(data.get("params") or {}))


def application_grounds(*, documents: Sequence[str], code: str, producers: Sequence[str], on: dt.date) -> list[Ground]:
    """IP-60.3: the only grounds to refuse a manufacturing enterprise's application are an incomplete set of
    documents and the absence in Kazakhstan of producers of the raw material. Each ground names its data: the
    documents missing; the code and the day on which no producer of it was found. No ground: the raw material is
    listed."""
    grounds: list[Ground] = []
    missing = [str(label) for key, label in REQUIRED_DOCUMENTS if key not in documents]
    if missing:
        grounds.append(
            Ground(
                "incomplete_documents",
                "IP-60.3",
                gettext_noop("The set of documents is incomplete; missing: %(missing)s."),
                {"missing": "; ".join(missing)},
            )
        )
    if not producers:
        grounds.append(
            Ground(
                "no_producer",
                "IP-60.3",
                gettext_noop(
                    "No producer of %(code)s in the Republic of Kazakhstan: the register of Kazakhstani commodity "
                    "producers had no producer of goods under this code on %(on)s."
                ),
                {"code": code, "on": on.isoformat()},
            )
        )
    return grounds


def years_after(start: dt.date, years: int) -> dt.date:
    """The same day and month `years` later; 29 February falls on 28 February of a common year (a term in years
    ends on the corresponding day of the last year, or the month's last day when there is none)."""
    year = start.year + years
    day = min(start.day, calendar.monthrange(year, start.month)[1])
    return dt.date(year, start.month, day)


class Listing(StrEnum):
    LISTED = "listed"
    NEW_FACILITY = "new_facility"
    EXCLUDED = "excluded"
    UNKNOWN = "unknown"  # the day its production started is not yet known


LISTING_LABELS = {
    Listing.LISTED: _("Listed"),
    Listing.NEW_FACILITY: _("New production facility: not listed"),
    Listing.EXCLUDED: _("Excluded by the rules: not listed"),
    Listing.UNKNOWN: _("Awaiting the day its production started"),
}


def producer_listing(*, operating_since: dt.date | None, excluded_ground: str, on: dt.date) -> Explained[Listing]:
    """IP-60.4: producers are listed except new production facilities — enterprises operating in Kazakhstan for less
    than three years (a dated parameter) — and those the rules exclude. Operating 2 years 364 days is new; from the
    third anniversary of the day production started it is not (29 February's anniversary is 28 February)."""
    if excluded_ground.strip():
        step = Step(gettext_noop("excluded by the rules: %(ground)s"), {"ground": excluded_ground}, provision="IP-60.4")
        return Explained(Listing.EXCLUDED, (step,))
    if operating_since is None:
        step = Step(gettext_noop("the day its production in Kazakhstan started is not yet known"), provision="IP-60.4")
        return Explained(Listing.UNKNOWN, (step,))
    years = params.value_on(NEW_FACILITY_YEARS, on)
    anniversary = years_after(operating_since, int(years.value))
    if on < anniversary:
        step = Step(
            gettext_noop(
                "operating in Kazakhstan since %(since)s: less than %(years)s years on %(on)s (until %(until)s) — a "
                "new production facility"
            ),
            {
                "since": operating_since.isoformat(),
                "years": years.value,
                "on": on.isoformat(),
                "until": anniversary.isoformat(),
            },
            provision="IP-60.4",
        )
        return Explained(Listing.NEW_FACILITY, (years.step(), step))
    step = Step(
        gettext_noop("operating in Kazakhstan since %(since)s: %(years)s years or more on %(on)s"),
        {"since": operating_since.isoformat(), "years": years.value, "on": on.isoformat()},
        provision="IP-60.4",
    )
    return Explained(Listing.LISTED, (years.step(), step))


def supply_shares(volumes: Mapping[str, Decimal]) -> dict[str, Explained[Decimal]]:
    """IP-60.5: a producer's share of supplying manufacturing enterprises is the share of its production in the
    country's total production of the raw material: its volume over the sum of every producer's volume in the same
    period, in per cent to two places (half up). With no production reported there is no share."""
    for key, volume in volumes.items():
        if not volume.is_finite() or volume < 0:
            raise RuleError(gettext("A production volume is zero or more (%(producer)s).") % {"producer": key})
    total = sum(volumes.values(), Decimal(0))
    if total == 0:
        return {}
    shares: dict[str, Explained[Decimal]] = {}
    for key, volume in volumes.items():
        share = (volume * HUNDRED / total).quantize(SHARE_PLACES, rounding=ROUND_HALF_UP)
        step = Step(
            gettext_noop("%(volume)s of the country's %(total)s produced = %(share)s %%"),
            {"volume": volume, "total": total, "share": share},
            provision="IP-60.5",
        )
        shares[key] = Explained(share, (step,))
    return shares


def price_refusal(price: Decimal, min_export_price: Decimal) -> str | None:
    """IP-60.7: the agreement's price is a special competitive price, not above the producer's minimum export price
    of that raw material. Equal passes; one tiyn above is refused, with both figures."""
    if price <= 0:
        return gettext("The price is more than zero, in tenge and tiyn.")
    if min_export_price <= 0:
        return gettext("Give the producer's minimum export price of this raw material, more than zero.")
    if price > min_export_price:
        return gettext(
            "The price %(price)s ₸ is above the producer's minimum export price %(export)s ₸ of this raw material: "
            "the agreement's price may not exceed it (IP-60.7). Lower the price to %(export)s ₸ or less."
        ) % {"price": price, "export": min_export_price}
    return None


@dataclass(frozen=True)
class BarFact:
    agreement: str
    barred_on: dt.date


def bar_refusal(manufacturer: str, bars: Sequence[BarFact], on: dt.date) -> str | None:
    """IP-60.8: a manufacturing enterprise that sold supplied raw material to third parties is prohibited from
    participating in such agreements; every new agreement asks."""
    earlier = [b for b in bars if b.barred_on <= on]
    if not earlier:
        return None
    first = min(earlier, key=lambda b: b.barred_on)
    return gettext(
        "The manufacturer %(bin)s is barred from agreements on domestic raw materials since %(on)s: it sold raw "
        "material received under agreement %(agreement)s to third parties (IP-60.8)."
    ) % {"bin": manufacturer, "on": first.barred_on.isoformat(), "agreement": first.agreement}


def contracted_in_year(
    yearly_volume: Decimal, starts_on: dt.date, ends_on: dt.date, year: int, terminated_on: dt.date | None = None
) -> Decimal:
    """What an agreement owes in a year: its yearly volume for the days of the year it was in force (to its end or
    its termination), to three places. Zero for a year it was not in force."""
    end = min(ends_on, terminated_on - dt.timedelta(days=1)) if terminated_on else ends_on
    first, last = max(starts_on, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31))
    if last < first:
        return Decimal(0)
    days_in_year = 366 if calendar.isleap(year) else 365
    days = (last - first).days + 1
    return (yearly_volume * days / days_in_year).quantize(VOLUME_PLACES, rounding=ROUND_HALF_UP)


def preceding_period(on: dt.date) -> int:
    """IP-60.9: the period preceding the receipt of the licence: the calendar year before the decision's."""
    return on.year - 1


@dataclass(frozen=True)
class AgreementFacts:
    """An agreement of the producer as the licence's check reads it."""

    number: str
    starts_on: dt.date
    ends_on: dt.date
    yearly_volume: Decimal
    terminated_on: dt.date | None
    delivered: Decimal | None  # reported for the period; None: not reported


def licence_grounds(*, listed: bool, agreements: Sequence[AgreementFacts], on: dt.date) -> list[Ground]:
    """IP-60.9: a licence to export a listed raw material is issued only when its producer fulfils its obligations:
    it concluded agreements, and fulfilled those in force in the period preceding the licence (what it delivered,
    by its delivery report, is no less than what the agreement owed). Each agreement not fulfilled is named with its
    figures. A producer not on the list (a new facility, excluded by the rules) has no such obligations."""
    if not listed:
        return []
    period = preceding_period(on)
    in_force = [a for a in agreements if a.starts_on <= on and (a.terminated_on is None or a.terminated_on > on)]
    grounds: list[Ground] = []
    owed = [
        (a, contracted_in_year(a.yearly_volume, a.starts_on, a.ends_on, period, a.terminated_on)) for a in agreements
    ]
    owed = [(a, amount) for a, amount in owed if amount > 0]
    if not in_force and not owed:
        grounds.append(
            Ground(
                "no_agreement",
                "IP-60.9",
                gettext_noop(
                    "The producer has concluded no agreement to supply domestic raw materials to manufacturing "
                    "enterprises (IP-60.6): conclude one first."
                ),
            )
        )
    for agreement, amount in owed:
        if agreement.delivered is None:
            grounds.append(
                Ground(
                    "not_reported",
                    "IP-60.9",
                    gettext_noop(
                        "Agreement %(number)s: no delivery report for %(year)s, when it owed %(owed)s. Report the "
                        "deliveries of %(year)s."
                    ),
                    {"number": agreement.number, "year": str(period), "owed": str(amount)},
                )
            )
        elif agreement.delivered < amount:
            grounds.append(
                Ground(
                    "not_fulfilled",
                    "IP-60.9",
                    gettext_noop(
                        "Agreement %(number)s was not fulfilled in %(year)s: %(delivered)s delivered of %(owed)s owed."
                    ),
                    {
                        "number": agreement.number,
                        "year": str(period),
                        "delivered": str(agreement.delivered),
                        "owed": str(amount),
                    },
                )
            )
    return grounds

"""What a contract aimed at industrial development must carry, checked when the customer concludes it (IP-47.7,
IP-48.5, IP-48-1.4, IP-49.2, IP-63.4, IP-46.1.1): the terms the customer gives and the problems found in them, each
as (the field it is about, what to do)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from nisi.assembly.selectors import development_contract_access
from nisi.contracts.models import ContractKind, PlanApplication
from nisi.contracts.rules import guaranteed_purchase, offset, offtake
from nisi.contracts.services import production
from nisi.core.identifiers import is_latin_digits
from nisi.core.models import ClassifierCode, Organization


@dataclass
class Terms:
    """What the customer concludes: the goods uniquely identified, the term and the volume of each calendar year,
    the price, and what each kind of contract must carry besides."""

    kind: str
    manufacturer: Organization
    customer_kind: str
    hs_code: str
    goods_name: str
    characteristics: str
    unit: str
    unit_price: Decimal
    amount: Decimal
    starts_on: dt.date
    ends_on: dt.date
    volumes: dict[int, Decimal]
    tnved_code: str = ""
    min_domestic_value: Decimal | None = None
    programme_duty: bool = False
    liability: str = ""
    customer_year_purchases: Decimal | None = None
    offset_conditions: list[tuple[str, str, Decimal, dt.date]] = field(default_factory=list)
    application: PlanApplication | None = None  # the application it is concluded from (IP-47.7), if any


def _goods_problems(terms: Terms, customer: Organization) -> list[tuple[str | None, str]]:
    """The goods uniquely identified, their characteristics fixed, the price, the other party (IP-47.7, IP-48.5)."""
    out: list[tuple[str | None, str]] = []
    code = terms.hs_code.strip()
    if len(code) != 6 or not is_latin_digits(code):
        out.append(
            ("hs_code", _("Enter the good's 6-digit HS code, so that the good is uniquely identified (IP-48.5)."))
        )
    elif not ClassifierCode.objects.filter(system=ClassifierCode.System.HS, code=code, level=6).exists():
        out.append(
            ("hs_code", _("%(code)s is not a code of the HS 2022 classifier: find the good's code.") % {"code": code})
        )
    if terms.tnved_code and not (len(terms.tnved_code) == 10 and terms.tnved_code.startswith(code)):
        out.append(
            (
                "tnved_code",
                _("A TN VED code has 10 digits and starts with the good's HS code %(code)s.") % {"code": code},
            )
        )
    if not terms.goods_name.strip():
        out.append(("goods_name", _("Name the good.")))
    if not terms.characteristics.strip():
        out.append(
            (
                "characteristics",
                _(
                    "Give the good's technical characteristics, physical and/or chemical properties and configuration: "
                    "they are fixed before signing and cannot be added after (IP-47.7, IP-47.8)."
                ),
            )
        )
    if not terms.unit.strip():
        out.append(("unit", _("Give the unit the volumes are counted in.")))
    if terms.unit_price <= 0 or terms.amount <= 0:
        out.append(("unit_price", _("The price and the contract amount must be more than zero.")))
    if terms.manufacturer.pk == customer.pk:
        out.append(("manufacturer", _("The manufacturer is another organization than the customer.")))
    elif terms.manufacturer.liquidated_on is not None:
        out.append(("manufacturer", _("This manufacturer was liquidated; a contract cannot be concluded with it.")))
    return out


def _volume_problems(terms: Terms, on: dt.date) -> list[tuple[str | None, str]]:
    """The term and a volume for each of its calendar years (IP-48.5, IP-48-1.4)."""
    out: list[tuple[str | None, str]] = []
    try:
        years = offtake.contract_years(terms.starts_on, terms.ends_on)
    except ValueError as exc:
        return [*out, ("ends_on", str(exc))]
    if terms.starts_on.year < on.year:
        return [*out, ("starts_on", _("The term starts in the year the contract is concluded or later."))]
    if sorted(terms.volumes) != years:
        out.append(
            (
                "volumes",
                _("Give the volume of each calendar year of the term, %(first)s to %(last)s (IP-48.5).")
                % {"first": years[0], "last": years[-1]},
            )
        )
    if any(v < 0 for v in terms.volumes.values()) or sum(terms.volumes.values(), Decimal(0)) <= 0:
        out.append(("volumes", _("Volumes cannot be negative, and the term's total must be more than zero.")))
    return out


def _kind_problems(terms: Terms, on: dt.date) -> list[tuple[str | None, str]]:
    """What each kind of contract must carry besides (IP-48.5, IP-48-1.3, IP-48-1.4, IP-49.1, IP-49.2)."""
    out: list[tuple[str | None, str]] = []
    if terms.kind == ContractKind.OFFTAKE:
        dv = terms.min_domestic_value
        if dv is None or not (0 < dv <= 100):
            out.append(
                (
                    "min_domestic_value",
                    _("Give the minimum domestic value, in per cent, more than 0 and at most 100 (IP-48.5)."),
                )
            )
        if not terms.programme_duty:
            out.append(
                (
                    "programme_duty",
                    _(
                        "An off-take contract carries the duty to develop a programme to raise domestic value "
                        "(IP-48.5)."
                    ),
                )
            )
    if terms.kind == ContractKind.GUARANTEED_PURCHASE:
        problem = guaranteed_purchase.term_problem(starts_on=terms.starts_on, ends_on=terms.ends_on)
        if problem:
            out.append(("ends_on", problem))
        if not terms.liability.strip():
            out.append(
                (
                    "liability",
                    _("Give the parties' liability for non-performance and improper performance (IP-48-1.4)."),
                )
            )
    if terms.kind == ContractKind.CONTRACT_PROCUREMENT:
        purchases = terms.customer_year_purchases
        if purchases is None or purchases < 0:
            out.append(
                (
                    "customer_year_purchases",
                    _("Give the customer's purchases of goods, works and services in the year (IP-49.1)."),
                )
            )
        elif not offset.offset_applies(purchases=purchases, year=on.year).value:
            threshold = offset.offset_threshold(on.year).value
            out.append(
                (
                    "customer_year_purchases",
                    _(
                        "Contract procurement with offset applies when the year's purchases exceed %(threshold)s tenge "
                        "(500,000 MCI of %(year)s, IP-49.1); these do not."
                    )
                    % {"threshold": threshold, "year": on.year},
                )
            )
        conditions = [(kind, value) for kind, _d, value, _due in terms.offset_conditions]
        out += [
            ("offset_conditions", p)
            for p in offset.offset_problems(contract_amount=terms.amount, conditions=conditions, on=on)
        ]
    return out


def _assembly_problems(terms: Terms, on: dt.date) -> list[tuple[str | None, str]]:
    """IP-63.4: a contract aimed at industrial development for truck tractors, buses, special equipment, cars or
    trucks is open to a manufacturer that executes its industrial assembly agreement under the good's code (asked of
    the assembly app's selector, ADR 34)."""
    access = development_contract_access(
        organization_identifier=terms.manufacturer.identifier, hs_code=terms.tnved_code or terms.hs_code, on=on
    )
    if not access.refused:
        return []
    return [
        (
            "manufacturer",
            _(
                "The manufacturer has no executed industrial assembly agreement under code %(code)s, which a contract "
                "for these vehicles requires (IP-63.4): %(reasons)s."
            )
            % {"code": terms.hs_code, "reasons": "; ".join(access.reasons)},
        )
    ]


def _production_problems(terms: Terms, on: dt.date) -> list[tuple[str | None, str]]:
    """IP-46.1.1, IP-46.1.1-1: the kind fits what the register showed the manufacturer producing on the day."""
    refused = production.production_refusal(
        kind=terms.kind, manufacturer=terms.manufacturer, code=terms.tnved_code or terms.hs_code, on=on
    )
    return [("kind", refused.message)] if refused else []


def terms_problems(terms: Terms, customer: Organization, on: dt.date) -> list[tuple[str | None, str]]:
    """Every problem of the terms on the day, in the order the customer answers them: the goods and the volumes
    first; the assembly agreement and the register's production once those hold; the kind's own content unless the
    term itself is wrong."""
    problems = _goods_problems(terms, customer) + _volume_problems(terms, on)
    if not problems:
        problems = _assembly_problems(terms, on) + _production_problems(terms, on)
    if not any(field in {"starts_on", "ends_on"} for field, _m in problems):
        problems += _kind_problems(terms, on)
    return problems

"""Reads of contracts aimed at industrial development: a party's own contracts, every contract for the authorized
body, and the public register of off-take contracts (IP-1.8-1, IP-48.6): parties, terms and goods of the contracts
signed, never the price, the volumes' acceptance or the pledges."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from nisi.contracts.models import ContractKind, DevelopmentContract
from nisi.core.authz import Actor, scope

S = DevelopmentContract.Status
SIGNED = (S.IN_FORCE, S.TERMINATED, S.COMPLETED)


def contracts_for(actor: Actor) -> QuerySet[DevelopmentContract]:
    return scope(actor, DevelopmentContract.objects.select_related("customer", "manufacturer", "application"))


def contracts_filtered(
    found: QuerySet[DevelopmentContract],
    *,
    q: str = "",
    kind: str = "",
    status: str = "",
    hs_code: str = "",
    year: int | None = None,
) -> QuerySet[DevelopmentContract]:
    """Contracts whose number, parties (name or BIN) or goods hold every word typed, of a kind, a status, goods
    under an HS code (its first digits), running in a year."""
    for word in dict.fromkeys(q.split()):
        found = found.filter(
            Q(number__icontains=word)
            | Q(goods_name__icontains=word)
            | Q(customer__name__icontains=word)
            | Q(manufacturer__name__icontains=word)
            | Q(customer__identifier=word)
            | Q(manufacturer__identifier=word)
        )
    if kind:
        found = found.filter(kind=kind)
    if status:
        found = found.filter(status=status)
    if hs_code:
        found = found.filter(hs_code__startswith=hs_code)
    if year:
        found = found.filter(starts_on__lte=dt.date(year, 12, 31), ends_on__gte=dt.date(year, 1, 1))
    return found


def offtake_register(**filters: Any) -> QuerySet[DevelopmentContract]:
    """The register of off-take contracts (IP-1.8-1, IP-48.6): every off-take contract signed, whoever asks."""
    signed = DevelopmentContract.objects.filter(kind=ContractKind.OFFTAKE, status__in=SIGNED).select_related(
        "customer", "manufacturer"
    )
    return contracts_filtered(signed, **filters).order_by("-signed_on", "-id")


def register_entry(contract: DevelopmentContract) -> dict[str, Any]:
    """What the register shows of a contract: its parties, terms and goods, and its volumes by year."""
    return {
        "number": contract.number,
        "status": contract.status,
        "customer": {"identifier": contract.customer.identifier, "name": contract.customer.name},
        "manufacturer": {"identifier": contract.manufacturer.identifier, "name": contract.manufacturer.name},
        "hs_code": contract.hs_code,
        "tnved_code": contract.tnved_code,
        "goods_name": contract.goods_name,
        "characteristics": contract.characteristics,
        "unit": contract.unit,
        "signed_on": contract.signed_on,
        "starts_on": contract.starts_on,
        "ends_on": contract.ends_on,
        "min_domestic_value": contract.min_domestic_value,
        "volumes": [{"year": y.year, "volume": y.contracted_volume} for y in contract.years.all()],
    }

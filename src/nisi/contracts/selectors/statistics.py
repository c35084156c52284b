"""Contracts aimed at industrial development concluded in a period, for the National Report and the public
dashboard (IP-5.2, IP-16.3): read-only rows with the ids a figure is traced to."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from nisi.contracts.models import ContractKind, DevelopmentContract


def contracts_concluded(start: dt.date, end: dt.date) -> list[tuple[int, int, str, Decimal]]:
    """(contract id, manufacturer organization id, kind, amount) of every contract signed (concluded: in force once
    the manufacturer signs) from `start` to `end` inclusive, whatever became of it later, ordered by contract."""
    return list(
        DevelopmentContract.objects.filter(signed_on__gte=start, signed_on__lte=end)
        .order_by("id")
        .values_list("id", "manufacturer_id", "kind", "amount")
    )


def contract_kinds() -> list[tuple[str, str]]:
    """The kinds of contracts aimed at industrial development, with their (translatable) names."""
    return [(value, str(label)) for value, label in ContractKind.choices]

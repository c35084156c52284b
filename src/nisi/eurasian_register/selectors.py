"""Every read of the exchanges: what was sent and when, for the authorized body and auditors; the register's goods
as the format writes them (read through the register's own selectors: its open data, which is public), the goods
the Commission holds, and the change set not yet sent."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from nisi.core.authz import Actor, scope
from nisi.eurasian_register import exchange_format, rules
from nisi.eurasian_register.models import Exchange, ExchangedGood
from nisi.registry import selectors as registry


def exchanges_for(actor: Actor) -> QuerySet[Exchange]:
    return scope(actor, Exchange.objects.all(), "view")


def exchange_for(actor: Actor, number: str) -> Exchange | None:
    return exchanges_for(actor).filter(number=number).first()


def current_goods() -> dict[str, tuple[str, Mapping[str, Any]]]:
    """The register's industrial goods now, by key: (fingerprint, good)."""
    goods: dict[str, tuple[str, Mapping[str, Any]]] = {}
    for row in registry.open_data_rows():
        good = exchange_format.good_of(row)
        if good is not None:
            goods[exchange_format.key_of(good)] = (exchange_format.fingerprint(good), good)
    return goods


def held_goods() -> dict[str, str]:
    """The goods the Commission holds after the acknowledged exchanges: key -> fingerprint."""
    return dict(ExchangedGood.objects.filter(present=True).values_list("key", "fingerprint"))


def pending_changes() -> list[rules.Change]:
    """What the next exchange would carry (IP-9.37)."""
    return rules.change_set(current_goods(), held_goods())

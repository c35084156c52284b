"""Did a manufacturer produce a good on a day? Asked of the register of Kazakhstani commodity producers as it stood
that day (`registry.selectors`, as the objections do), for the kind of contract it applies for or concludes
(IP-46.1.1, IP-46.1.1-1)."""

from __future__ import annotations

import datetime as dt

from nisi.contracts.rules import production as rules
from nisi.core.models import Organization
from nisi.registry import selectors as register


def produced_on(identifier: str, code: str, on: dt.date) -> bool:
    """The producer was in the register on the day, and its goods in the register that day include the good."""
    if not register.in_register_on(identifier, on):
        return False
    goods = register.public_goods(identifier=identifier, code=code[:6], on=on).values_list("hs_code", "tnved_code")
    return rules.makes(code, goods)


def production_refusal(*, kind: str, manufacturer: Organization, code: str, on: dt.date) -> rules.Refusal | None:
    """Why this kind of contract does not fit what the manufacturer produced on the day, or None."""
    if kind not in (rules.OFFTAKE, rules.GUARANTEED_PURCHASE):
        return None
    return rules.production_refusal(
        kind=kind, produced=produced_on(manufacturer.identifier, code, on), name=manufacturer.name, code=code, on=on
    )

"""Existing production or production not previously available (IP-46.1.1, IP-46.1.1-1, IP-48-1.1): which kind of
contract aimed at industrial development a manufacturer may have for a good, from what the register of Kazakhstani
commodity producers showed on the day. Pure functions, no database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

OFFTAKE = "offtake"
GUARANTEED_PURCHASE = "guaranteed_purchase"


def makes(code: str, register_goods: Iterable[tuple[str, str]]) -> bool:
    """Whether the producer's goods in the register (HS code, TN VED code) include the good `code`: a 10-digit
    TN VED code is the same TN VED code, or a good the register names by its HS subheading only (it says no more);
    a 6-digit HS code is any good of that subheading (as the register is matched elsewhere, ADR 0021)."""
    subheading = code[:6]
    for hs, tnved in register_goods:
        if len(code) == 10:
            if tnved == code or (not tnved and hs == subheading):
                return True
        elif hs == subheading or tnved[:6] == subheading:
            return True
    return False


@dataclass(frozen=True)
class Refusal:
    """Why the kind of contract does not fit the manufacturer's production, and the provision it rests on."""

    provision: str
    message: str


def production_refusal(*, kind: str, produced: bool, name: str, code: str, on: dt.date) -> Refusal | None:
    """IP-46.1.1: an off-take contract is for goods whose production the supplier will organize and which were not
    produced before; IP-46.1.1-1 and IP-48-1.1: a guaranteed purchase agreement is for goods produced at existing
    production facilities. `produced` is whether the register of Kazakhstani commodity producers had the
    manufacturer, for the good, on the day (`on`). Contract procurement with offset (IP-46.1.2) asks neither."""
    if kind == OFFTAKE and produced:
        return Refusal(
            "IP-46.1.1",
            gettext(
                "An off-take contract is for a good whose production the supplier will organize and which was not "
                "produced before (IP-46.1.1), but on %(on)s %(name)s was in the register of Kazakhstani commodity "
                "producers for good %(code)s: choose a guaranteed purchase agreement, which is for goods from "
                "existing production (IP-46.1.1-1)."
            )
            % {"on": on.isoformat(), "name": name, "code": code},
        )
    if kind == GUARANTEED_PURCHASE and not produced:
        return Refusal(
            "IP-46.1.1-1",
            gettext(
                "A guaranteed purchase agreement is for goods produced at existing production facilities "
                "(IP-46.1.1-1, IP-48-1.1), but on %(on)s %(name)s was not in the register of Kazakhstani commodity "
                "producers for good %(code)s: the manufacturer applies to the register first, or chooses an "
                "off-take contract for a good it will start producing (IP-46.1.1)."
            )
            % {"on": on.isoformat(), "name": name, "code": code},
        )
    return None

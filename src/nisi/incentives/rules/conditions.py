"""The conditions of IP-25.5, checked by the nisi itself, and the refusal of IP-25.6. Pure: the facts are gathered
by the selectors (the list of priority goods in force that day, the register as it stood that day, the
organization's record); this decides and says why.

IP-25.5: measures are provided on the terms of (1) the focus of the manufacturing industry on the production of
goods on the list of priority goods (exclusively, IP-26.3); (2) the recipient's acceptance of counter-obligations;
(3) the compliance of the entity and its documents with the requirements of the acts on granting measures; (4) the
inclusion of the Kazakhstani commodity producer in the register of Kazakhstani commodity producers.
IP-25.6: non-compliance with any of them is the basis for refusal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from nisi.incentives.rules.findings import Finding

PRIORITY_GOODS = "priority_goods"
COUNTER_OBLIGATIONS = "counter_obligations"
COMPLIANCE = "compliance"
REGISTER = "register"
CONDITIONS = (PRIORITY_GOODS, COUNTER_OBLIGATIONS, COMPLIANCE, REGISTER)
TITLES: dict[str, Any] = {
    PRIORITY_GOODS: _("The production is of goods on the list of priority goods"),
    COUNTER_OBLIGATIONS: _("The counter-obligations are accepted"),
    COMPLIANCE: _("The entity and its documents comply with the requirements"),
    REGISTER: _("The entity is in the register of Kazakhstani commodity producers"),
}
PROVISIONS = {
    PRIORITY_GOODS: "IP-25.5",
    COUNTER_OBLIGATIONS: "IP-25.5",
    COMPLIANCE: "IP-25.5",
    REGISTER: "IP-25.5",
}


@dataclass(frozen=True)
class Facts:
    """What the conditions are checked on, each as its source gave it on the day."""

    on: dt.date
    goods: Sequence[str]  # the HS codes of the production
    priority_version: int | None  # the version of the list in force on `on`, if any
    priority_codes: Collection[str]  # its codes (4 to 10 digits; a heading covers the codes under it)
    counter_obligations_accepted: bool | None  # None: asked only when applying (the pre-check)
    resident: bool
    liquidated_on: dt.date | None
    in_register: bool
    register_history: str  # the producer's periods in the register, written out, or "never included"
    goods_source: str = "application"


@dataclass(frozen=True)
class Condition:
    condition: str
    provision: str
    passed: bool | None  # None: not yet known (asked when applying)
    findings: tuple[Finding, ...] = ()
    data: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "condition": self.condition,
            "provision": self.provision,
            "passed": self.passed,
            "findings": [f.as_json() for f in self.findings],
            "data": self.data,
        }


def covered(code: str, priority_codes: Collection[str]) -> bool:
    """A good is on the list when a code of the list is its code or a heading above it (the list's 8704 covers
    870421); a wider code than the list's (8704 against the list's 870421) is not."""
    return any(code.startswith(p) for p in priority_codes)


def priority_goods(facts: Facts) -> Condition:
    """IP-25.5 (1) and IP-26.3: every good of the production is on the list in force on the day."""
    on = facts.on.isoformat()
    if facts.priority_version is None:
        return Condition(
            PRIORITY_GOODS, "IP-26.3", False, (Finding("IP-25.5", "no_priority_list", "priority_list", {"on": on}),)
        )
    data = {"version": str(facts.priority_version), "on": on, "goods": ", ".join(facts.goods)}
    if not facts.goods:
        return Condition(PRIORITY_GOODS, "IP-26.3", False, (Finding("IP-26.3", "no_goods", facts.goods_source),), data)
    outside = [c for c in facts.goods if not covered(c, facts.priority_codes)]
    if outside:
        finding = Finding(
            "IP-26.3",
            "priority_goods",
            "priority_list",
            {"on": on, "version": str(facts.priority_version), "codes": ", ".join(outside)},
        )
        return Condition(PRIORITY_GOODS, "IP-26.3", False, (finding,), data)
    return Condition(PRIORITY_GOODS, "IP-26.3", True, (), data)


def counter_obligations(facts: Facts) -> Condition:
    """IP-25.5 (2), IP-27.1: the recipient accepts counter-obligations."""
    if facts.counter_obligations_accepted is None:
        return Condition(COUNTER_OBLIGATIONS, "IP-27.1", None)
    if facts.counter_obligations_accepted:
        return Condition(COUNTER_OBLIGATIONS, "IP-27.1", True)
    return Condition(COUNTER_OBLIGATIONS, "IP-27.1", False, (Finding("IP-27.1", "counter_obligations", "application"),))


def compliance(facts: Facts) -> Condition:
    """IP-25.5 (3): the entity complies — as the nisi can tell from the organization's record: a resident entity
    not liquidated on the day. (The documents' requirements of each measure's rules are the operator's to check.)"""
    found: list[Finding] = []
    if facts.liquidated_on is not None and facts.liquidated_on <= facts.on:
        found.append(
            Finding("IP-25.5", "entity_liquidated", "organizations", {"liquidated_on": facts.liquidated_on.isoformat()})
        )
    if not facts.resident:
        found.append(Finding("IP-25.5", "entity_not_resident", "organizations"))
    return Condition(COMPLIANCE, "IP-25.5", not found, tuple(found))


def register(facts: Facts) -> Condition:
    """IP-25.5 (4): the producer is in the register of Kazakhstani commodity producers on the day, as the register
    stood that day (a removal the day before the application counts; one the day after does not)."""
    data = {"on": facts.on.isoformat(), "history": facts.register_history}
    if facts.in_register:
        return Condition(REGISTER, "IP-25.5", True, (), data)
    return Condition(REGISTER, "IP-25.5", False, (Finding("IP-25.5", "not_in_register", "register", data),), data)


def check(facts: Facts) -> list[Condition]:
    """The four conditions of IP-25.5, in the law's order."""
    return [priority_goods(facts), counter_obligations(facts), compliance(facts), register(facts)]


def refusal(conditions: Sequence[Condition]) -> list[Finding]:
    """IP-25.6: every failed condition's findings; empty when none failed."""
    return [f for c in conditions if c.passed is False for f in c.findings]

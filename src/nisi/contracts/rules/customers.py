"""Who is a large customer under IP-46 (IP-1.25, IP-46.2): pure functions of the ownership chain given, no
database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext

from nisi.law import params

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Holding:
    """`owner` holds `share` per cent of the voting shares (stakes in the authorized capital) of `owned`, by
    ownership or in trust management (both count under IP-46.2)."""

    owner: str
    owned: str
    share: Decimal
    trust_management: bool = False


@dataclass(frozen=True)
class FundHolding:
    """The Fund's share in an entity, directly and through the entities it controls, with the holdings it rests on."""

    share: Decimal
    chain: tuple[Holding, ...] = field(default_factory=tuple)
    threshold: Decimal = Decimal(50)

    @property
    def excluded(self) -> bool:
        return self.share >= self.threshold

    @property
    def share_text(self) -> str:
        """The share as people write it: 50, 33.3333 (never 5E+1)."""
        return format(self.share.normalize(), "f")


def fund_share(fund: str, entity: str, holdings: Iterable[Holding], *, threshold: Decimal) -> FundHolding:
    """IP-46.2: the article does not apply to the National Welfare Fund and to legal entities fifty or more per
    cent of whose voting shares belong to it directly or indirectly, by ownership or in trust management.

    "Indirectly" is read as control: an entity the Fund holds `threshold` or more of, directly or indirectly, is
    the Fund's, and its holdings count as the Fund's own; so the Fund's share in `entity` is what the Fund and the
    entities it controls hold of it together. Cycles in the chain given are followed once."""
    held = [h for h in holdings if h.share > 0]
    if entity == fund:
        return FundHolding(HUNDRED, (), threshold)
    controlled: dict[str, tuple[Holding, ...]] = {fund: ()}
    changed = True
    while changed:
        changed = False
        for candidate in {h.owned for h in held} - set(controlled):
            share, chain = _share_of(candidate, controlled, held)
            if share >= threshold:
                controlled[candidate] = chain
                changed = True
    share, chain = _share_of(entity, controlled, held)
    return FundHolding(share, chain, threshold)


def _share_of(
    entity: str, controlled: dict[str, tuple[Holding, ...]], held: list[Holding]
) -> tuple[Decimal, tuple[Holding, ...]]:
    direct = [h for h in held if h.owned == entity and h.owner in controlled]
    chain: list[Holding] = []
    for h in direct:
        chain.extend(x for x in controlled[h.owner] if x not in chain)
        chain.append(h)
    return min(sum((h.share for h in direct), Decimal(0)), HUNDRED), tuple(chain)


def fund_threshold(on: dt.date) -> Decimal:
    """The share of IP-46.2 on a date, in per cent (a dated parameter)."""
    return Decimal(str(params.value_on("national_welfare_fund_share", on).value)) * HUNDRED


@dataclass(frozen=True)
class ListVersion:
    """An approved version of the list of systemic enterprises (IP-47-1.2): its year and number, the day it was
    approved, and the organizations on it."""

    year: int
    version: int
    approved_on: dt.date
    members: frozenset[str]


def list_in_force(versions: Iterable[ListVersion], on: dt.date) -> ListVersion | None:
    """IP-47-1.2: the list of systemic enterprises in force on a day is the version approved last on or before that
    day (whatever year of volumes it rests on); a version approved later is not yet known on that day."""
    known = [v for v in versions if v.approved_on <= on]
    if not known:
        return None
    return max(known, key=lambda v: (v.approved_on, v.year, v.version))


def systemic_problem(in_force: ListVersion | None, organization: str, on: dt.date) -> str | None:
    """IP-1.25, IP-47-1.2: a large customer recorded as a systemic enterprise is one on the approved list in force on
    the day it becomes a customer; why it is not, or None."""
    if in_force is None:
        return gettext(
            "No list of systemic enterprises was approved by %(on)s (IP-47-1.2): record the customer as a systemic "
            "enterprise from a day the approved list names it."
        ) % {"on": on.isoformat()}
    if organization not in in_force.members:
        return gettext(
            "The list of systemic enterprises in force on %(on)s (%(year)s, version %(version)s, approved "
            "%(approved)s) does not name this organization (IP-47-1.2): only an enterprise on the approved list is "
            "a systemic enterprise customer."
        ) % {
            "on": on.isoformat(),
            "year": in_force.year,
            "version": in_force.version,
            "approved": in_force.approved_on.isoformat(),
        }
    return None

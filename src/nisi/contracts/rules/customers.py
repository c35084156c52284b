"""Who is a large customer under IP-46 (IP-1.25, IP-46.2): pure functions of the ownership chain given, no
database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

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

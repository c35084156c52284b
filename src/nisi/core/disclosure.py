"""Confidentiality of the administrative data an entity gives (IP-6.3), pure: no database, no I/O.

IP-6.3: "The received administrative data shall not be disclosed to third parties without the consent of the entity
of industrial and innovative activity, except for information on which there is a court decision that has entered into
legal force, or in other cases established by the laws of the Republic of Kazakhstan."

Two rules follow, shared by every app that publishes figures built from entities' data (the assessments and the
effectiveness of measures, the Astana Hub's participants, the contracts' purchases):

- who may see one entity's figures, and on what ground (`disclosure_ground`): the entity itself; the body the law
  gives the data to (the authorized body that collects it, IP-6.3 "cases established by the laws"); anyone the
  entity consented to; anyone a court decision in force names. Nobody else.
- an aggregate never reveals one entity (`suppress`): a cell built from fewer entities than the minimum (a dated
  parameter, three) is suppressed (primary suppression), and when a total is published, a lone suppressed cell in it
  would be recovered by subtraction, so another cell is suppressed with it (secondary suppression).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from django.utils.translation import gettext as _

from nisi.law import params

MINIMUM_ENTITIES = "confidentiality_minimum_entities"


class Ground(StrEnum):
    """Why someone may see one entity's figures (IP-6.3)."""

    OWN = "own"  # the entity's own figures: not a disclosure
    LAW = "law"  # the authorized body that collects the data under IP-6.3 ("cases established by the laws")
    CONSENT = "consent"  # the entity's recorded consent to this recipient
    COURT = "court"  # a court decision that has entered into legal force


def minimum_entities(on: dt.date) -> int:
    """IP-6.3: the fewest entities a published cell may be built from (the parameter in force on `on`)."""
    return int(params.value_on(MINIMUM_ENTITIES, on).value)


def disclosure_ground(
    *,
    viewer_organizations: Collection[int],
    collects_by_law: bool,
    entity: int,
    consented_to: Collection[int],
    court_ordered: bool = False,
) -> Ground | None:
    """IP-6.3: the ground on which a viewer may see entity `entity`'s figures, or None when there is none.

    `viewer_organizations` are the viewer's organizations; `collects_by_law` is true for the authorized body that
    receives the data under IP-6.3; `consented_to` are the organizations the entity's consents in force name."""
    if entity in viewer_organizations:
        return Ground.OWN
    if collects_by_law:
        return Ground.LAW
    if court_ordered:
        return Ground.COURT
    if any(org in consented_to for org in viewer_organizations):
        return Ground.CONSENT
    return None


def primary_suppressed(entities: int, minimum: int) -> bool:
    """IP-6.3: a cell built from at least one but fewer than `minimum` entities reveals them, and is suppressed. An
    empty cell (no entity) reveals nobody."""
    if minimum < 1:
        raise ValueError(_("The minimum number of entities is at least one."))
    if entities < 0:
        raise ValueError(_("A cell cannot be built from a negative number of entities."))
    return 0 < entities < minimum


K = TypeVar("K")


@dataclass(frozen=True)
class Relation(Generic[K]):
    """A published total and the cells that add up to it (a row's total, a column's, the grand total)."""

    total: K
    members: tuple[K, ...]


def suppress(
    entities: Mapping[K, int], relations: Iterable[Relation[K]], *, minimum: int, size: Mapping[K, object] | None = None
) -> frozenset[K]:
    """IP-6.3: the cells to suppress so that no published cell, and no cell recoverable from a published total,
    reveals fewer than `minimum` entities.

    `entities` gives each cell's (and each total's) number of distinct entities. Primary suppression takes every cell
    with fewer than `minimum`. Secondary suppression then goes through each relation (total = sum of members): when
    exactly one of its cells (members and total) is suppressed, subtraction would give it back, so the smallest other
    member that has entities (by `size` when given, else by entities; the first in order on a tie) is suppressed too,
    or the total when no member can be. Repeated until no relation has a lone suppressed cell: a cell suppressed for
    one relation may leave another with one."""
    hidden = {cell for cell, count in entities.items() if primary_suppressed(count, minimum)}
    rel = list(relations)
    order = {cell: i for i, cell in enumerate(entities)}

    def weight(cell: K) -> tuple[object, int]:
        value = size[cell] if size is not None and cell in size else entities.get(cell, 0)
        return (value, order.get(cell, 0))

    changed = True
    while changed:
        changed = False
        for relation in rel:
            cells = (*relation.members, relation.total)
            if sum(1 for c in cells if c in hidden) != 1:
                continue
            candidates = [m for m in relation.members if m not in hidden and entities.get(m, 0) > 0]
            if candidates:
                hidden.add(min(candidates, key=weight))
            else:
                hidden.add(relation.total)
            changed = True
    return frozenset(hidden)

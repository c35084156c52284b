"""Each entity's figures of the effectiveness of measures (IP-6.3), shown to whom may see them: a read that records
every view of an entity's figures by another than the entity (who, when, what, on what ground), in one transaction
with the read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from nisi.core.authz import Actor
from nisi.core.disclosure import Ground
from nisi.core.roles import Role
from nisi.core.selectors import consenting_organizations
from nisi.core.services.disclosure import disclosures_record
from nisi.incentives.selectors import effectiveness as source
from nisi.reporting.assessment_messages import EFFECTIVENESS_DATA
from nisi.reporting.selectors.effectiveness import Line, measure_title, region_names


@dataclass(frozen=True)
class Named:
    lines: list[Line]
    withheld: int  # entities in the actor's reach whose figures it may not see (no consent)


def _reach(actor: Actor) -> tuple[int | None, list[int] | None] | None:
    """What figures the actor may ask for: (operator, organizations); None when it may ask for none."""
    if Role.AUTHORIZED_BODY in actor.roles:
        return (None, None)
    operators = source.operator_of(actor.organization_ids()) if Role.INCENTIVE_OPERATOR in actor.roles else []
    if operators:
        return (operators[0], None)
    if actor.organization_ids():
        # Anyone else signed in: its own figures and those of the entities that consented to it.
        mine = actor.organization_ids()
        return (None, sorted({*mine, *consenting_organizations(mine, EFFECTIVENESS_DATA)}))
    return None


@transaction.atomic
def entity_figures_view(*, actor: Actor, year: int, what: str = "") -> Named:
    """IP-6.3: each entity's figures the actor may see — the authorized body all (on the law's ground), an operator
    those of its measures whose entities consented, an entity its own and those that consented to it — every view
    by another than the entity recorded. The others are counted, not shown."""
    reach = _reach(actor)
    if reach is None:
        return Named([], 0)
    operator, organizations = reach
    rows = source.effectiveness_by_entity(year=year, operator=operator, organizations=organizations)
    entities = {entity for _key, entity in rows}
    grounds = disclosures_record(
        actor=actor,
        entities=entities,
        dataset=EFFECTIVENESS_DATA,
        what=what or f"effectiveness of measures, {year}",
    )
    info = source.labels([k for k, _e in rows], entities)
    regions = region_names()
    lines = [
        Line(
            "entity",
            key.year,
            key.measure,
            measure_title(key.measure, info.measures),
            *info.operators.get(key.operator, ("", "")),
            key.region or "",
            regions.get(key.region or "", ""),
            figures,
            *info.entities.get(entity, ("", "")),
            ground=str(grounds[entity]),
        )
        for (key, entity), figures in rows.items()
        if entity in grounds
    ]
    lines.sort(key=lambda line: (line.measure_title, line.operator_name, line.region_name, line.entity_name))
    mine = set(actor.organization_ids())
    withheld = len({e for e in entities if e not in grounds and e not in mine})
    return Named(lines, withheld)


def grounds_shown(lines: Iterable[Line]) -> set[Ground]:
    return {Ground(line.ground) for line in lines if line.ground}

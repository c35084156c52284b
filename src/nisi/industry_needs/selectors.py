"""Every read of the needs of industry, scoped to the actor: an entity reads its own needs, the authorized body and
auditors all; the proposals' cells whole only for the authorized body, suppressed for everyone else (IP-6.3); the
public reads the placed needs for research, named only with their entity's consent (IP-57)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from nisi.core import disclosure
from nisi.core.authz import Actor, allowed_actions, scope
from nisi.core.publication.as_of import records_on
from nisi.industry_needs import rules
from nisi.industry_needs.models import (
    NeedsReturn,
    ResearchNeed,
    ResearchPlacement,
    SpecialistNeed,
    SpecialityProposal,
)


def needs_for(actor: Actor) -> QuerySet[NeedsReturn]:
    """The needs the actor may read, every version, newest first."""
    return (
        scope(actor, NeedsReturn.objects.all())
        .select_related("organization", "replaces")
        .annotate(specialist_lines=Count("specialists", distinct=True), research_lines=Count("research", distinct=True))
        .order_by("-year", "kind", "organization__name", "-version")
    )


def needs_by_number(actor: Actor, number: str) -> NeedsReturn | None:
    found = (
        scope(actor, NeedsReturn.objects.filter(number=number))
        .select_related("organization", "replaces")
        .prefetch_related(
            Prefetch("specialists", SpecialistNeed.objects.select_related("region").order_by("line")),
            Prefetch("research", ResearchNeed.objects.select_related("placement").order_by("line")),
        )
        .first()
    )
    return found if found is not None and "view" in allowed_actions(actor, found) else None


def needs_actions(actor: Actor, needs: NeedsReturn) -> frozenset[str]:
    return allowed_actions(actor, needs)


def allowed(actor: Actor, record: SpecialityProposal | ResearchPlacement) -> frozenset[str]:
    return allowed_actions(actor, record)


def versions_of(actor: Actor, needs: NeedsReturn) -> list[NeedsReturn]:
    """Every version of the same entity's needs of the same kind and year."""
    return list(
        scope(
            actor,
            NeedsReturn.objects.filter(kind=needs.kind, organization=needs.organization_id, year=needs.year),
        ).order_by("-version")
    )


def specialist_needs_of_year(year: int) -> tuple[list[rules.Need], int]:
    """IP-55.1: the lines of every entity's current needs for specialists for the year, and how many needs gave
    them (for the authorized body's proposals)."""
    rows = SpecialistNeed.objects.filter(needs__kind="specialists", needs__year=year, needs__current=True).values_list(
        "needs__organization_id", "speciality_code", "speciality_name", "region_id", "number", "needs_id"
    )
    needs = [rules.Need(org, code, name, region, number) for org, code, name, region, number, _n in rows]
    return needs, len({row[5] for row in rows})


def aggregate_of(proposal: SpecialityProposal) -> rules.Aggregate:
    """A proposal's stored table as an aggregate."""
    table = proposal.table or {}
    return rules.Aggregate(
        names=dict(table.get("names") or {}),
        cells=tuple(
            rules.Cell(c["speciality"], c["region"], int(c["number"] or 0), int(c["entities"] or 0))
            for c in table.get("cells") or []
        ),
        entities=int(table.get("entities") or 0),
        returns=int(table.get("returns") or 0),
    )


@dataclass(frozen=True)
class ProposalView:
    proposal: SpecialityProposal
    table: rules.Aggregate
    whole: bool  # the authorized body reads every cell; everyone else the suppressed table
    specialities: list[tuple[str, str, list[rules.Cell | None], rules.Cell | None]]
    regions: list[str]
    region_totals: list[rules.Cell | None]
    total: rules.Cell | None


def proposal_view(actor: Actor, proposal: SpecialityProposal, today: dt.date) -> ProposalView:
    """The proposal's table as the actor may read it: rows by speciality, columns by region, with the totals."""
    table = aggregate_of(proposal)
    whole = "view_cells" in allowed_actions(actor, proposal)
    shown = table if whole else rules.suppressed(table, minimum=disclosure.minimum_entities(today))
    by = {(c.speciality, c.region): c for c in shown.cells}
    regions = sorted({r for _s, r in by if r != rules.TOTAL})
    codes = sorted({s for s, _r in by if s != rules.TOTAL})
    return ProposalView(
        proposal=proposal,
        table=shown,
        whole=whole,
        specialities=[
            (code, shown.names.get(code, ""), [by.get((code, r)) for r in regions], by.get((code, rules.TOTAL)))
            for code in codes
        ],
        regions=regions,
        region_totals=[by.get((rules.TOTAL, r)) for r in regions],
        total=by.get((rules.TOTAL, rules.TOTAL)),
    )


def proposals_for(actor: Actor) -> QuerySet[SpecialityProposal]:
    return scope(actor, SpecialityProposal.objects.all()).order_by("-year", "-formed_at")


def proposal_by_number(actor: Actor, number: str) -> SpecialityProposal | None:
    found = scope(actor, SpecialityProposal.objects.filter(number=number)).first()
    return found if found is not None and "view" in allowed_actions(actor, found) else None


def placements_for(actor: Actor) -> QuerySet[ResearchPlacement]:
    return scope(actor, ResearchPlacement.objects.all()).order_by("-sent_at")


def research_needs_to_place(year: int) -> QuerySet[ResearchNeed]:
    """IP-57: the year's current needs for research not placed yet."""
    return (
        ResearchNeed.objects.filter(needs__year=year, needs__current=True, placement__isnull=True)
        .select_related("needs__organization")
        .order_by("needs__organization__name", "line")
    )


@dataclass(frozen=True)
class YearSummary:
    year: int
    specialists: int  # entities whose current needs for specialists are given
    research: int
    to_place: int


def desk(actor: Actor, year: int) -> YearSummary:
    """The authorized body's counts for a year (the desk is shown to it only): the entities that gave each kind of
    needs, the needs to place."""
    current = scope(actor, NeedsReturn.objects.filter(year=year, current=True))
    return YearSummary(
        year=year,
        specialists=current.filter(kind="specialists").count(),
        research=current.filter(kind="research").count(),
        to_place=research_needs_to_place(year).count(),
    )


def published_research_needs(*, year: int | None = None, oked: str = "") -> QuerySet[ResearchNeed]:
    """IP-57: the needs for research placed and published, of the entities' current needs, for everyone (the public
    page and API): the entity is named on the page only with its consent."""
    needs = ResearchNeed.objects.filter(placement__isnull=False, needs__current=True).select_related(
        "needs__organization", "placement"
    )
    if year is not None:
        needs = needs.filter(needs__year=year)
    if oked:
        needs = needs.filter(oked__startswith=oked)
    return needs.order_by("-needs__year", "deadline", "reference")


# The placed needs for research as a dataset (declared in `industry_needs.publication`).
RESEARCH_DATASET = "research-needs"


def published_research_needs_on(day: dt.date, *, year: int | None = None, oked: str = "") -> list[dict[str, Any]]:
    """IP-57: the placed needs for research as they stood at the end of `day`, from the changes they published, in
    the shape of the API's current list, filtered and ordered as `published_research_needs`."""
    found = []
    for _key, state in records_on(RESEARCH_DATASET, day):
        if (year is not None and state["year"] != year) or not state["oked"].startswith(oked):
            continue
        found.append(
            {
                "reference": state["reference"],
                "year": state["year"],
                "subject": state["subject"],
                "oked": state["oked"],
                "desired_result": state["desired_result"],
                "budget_min": Decimal(state["budget_min"]).quantize(Decimal("0.01")),
                "budget_max": Decimal(state["budget_max"]).quantize(Decimal("0.01")),
                "deadline": dt.date.fromisoformat(state["deadline"]),
                "entity_name": state.get("entity_name"),
                "entity_bin": state.get("entity_bin"),
            }
        )
    found.sort(key=lambda n: (-n["year"], n["deadline"], n["reference"]))
    return found

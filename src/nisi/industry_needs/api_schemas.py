"""The needs of industry's API schemas and how its records are answered in them: the needs given (IP-55.1, IP-57),
the proposals of the list of specialities, the placements of the needs for research and the placed needs as
published. The handlers are in `nisi.industry_needs.api`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema

from nisi.industry_needs import rules, selectors
from nisi.industry_needs.models import Level, NeedsReturn, ResearchPlacement, SpecialityProposal
from nisi.industry_needs.rules import ResearchNeedIn, SpecialistNeedIn
from nisi.industry_needs.services import needs as needs_services
from nisi.law import clock

LevelName = Literal[tuple(Level.values)]  # type: ignore[valid-type]


class NdSpecialistIn(Schema):
    speciality_code: str = Field(..., min_length=1, max_length=12, description="code in the classifier of specialities")
    speciality_name: str = Field(..., min_length=1, max_length=300)
    number: int = Field(..., ge=1, le=rules.MAX_SPECIALISTS, description="specialists needed")
    region: str = Field(..., pattern=r"^[0-9]{2}$", description="the region's code (first two KATO digits)")
    year_needed: int = Field(..., ge=2000, le=2100)
    level: LevelName = Field(..., description="level of education")  # type: ignore[valid-type]


class NdResearchIn(Schema):
    subject: str = Field(..., min_length=1, max_length=500)
    oked: str = Field(..., pattern=r"^[0-9]{2,5}$", description="the industry's OKED code (NK RK 03-2019)")
    desired_result: str = Field(..., min_length=1, max_length=2000)
    budget_min: Decimal = Field(..., ge=0, max_digits=16, decimal_places=2, description="tenge")
    budget_max: Decimal = Field(..., gt=0, max_digits=16, decimal_places=2, description="tenge")
    deadline: dt.date
    contact_consent: bool = Field(..., description="the entity consents to being named and contacted (IP-57)")


class NdSpecialistsIn(Schema):
    year: int = Field(..., ge=2000, le=2100, description="the year the needs are for (not a future one)")
    needs: list[NdSpecialistIn] = Field(..., min_length=1, max_length=needs_services.MAX_LINES)


class NdResearchNeedsIn(Schema):
    year: int = Field(..., ge=2000, le=2100, description="the year the needs are for (not a future one)")
    needs: list[NdResearchIn] = Field(..., min_length=1, max_length=needs_services.MAX_LINES)


class NdAmendIn(Schema):
    reason: str = Field(..., min_length=1, max_length=500, description="why the needs change")
    specialists: list[NdSpecialistIn] = Field(default_factory=list, max_length=needs_services.MAX_LINES)
    research: list[NdResearchIn] = Field(default_factory=list, max_length=needs_services.MAX_LINES)


class NdSpecialistOut(Schema):
    speciality_code: str
    speciality_name: str
    number: int
    region: str
    year_needed: int
    level: str


class NdResearchOut(Schema):
    reference: str
    subject: str
    oked: str
    desired_result: str
    budget_min: Decimal
    budget_max: Decimal
    deadline: dt.date
    contact_consent: bool
    placement: str | None


class NdNeedsOut(Schema):
    number: str
    kind: str
    organization: str
    year: int
    version: int
    current: bool
    replaces: str | None
    reason: str
    due_on: dt.date
    submitted_on: dt.date
    late: bool
    source: str
    specialists: list[NdSpecialistOut]
    research: list[NdResearchOut]


class NdNeedsSummaryOut(Schema):
    number: str
    kind: str
    organization: str
    year: int
    version: int
    current: bool
    submitted_on: dt.date
    late: bool


class NdYearIn(Schema):
    year: int = Field(..., ge=2000, le=2100)


class NdCellOut(Schema):
    speciality: str = Field(..., description="a speciality's code, or * for a region's total")
    region: str = Field(..., description="a region's code, or * for a speciality's total")
    number: int | None = Field(..., description="specialists needed; null when suppressed")
    entities: int | None = Field(..., description="entities counted; null when suppressed")
    suppressed: bool


class NdProposalOut(Schema):
    number: str
    year: int
    status: str
    entities: int
    returns: int
    names: dict[str, str]
    cells: list[NdCellOut]
    receipt: str
    registered_at: dt.datetime | None


class NdPlacementOut(Schema):
    number: str
    year: int
    status: str
    count: int
    receipt: str
    registered_at: dt.datetime | None


class NdPublishedOut(Schema):
    reference: str
    year: int
    subject: str
    oked: str
    desired_result: str
    budget_min: Decimal
    budget_max: Decimal
    deadline: dt.date
    entity_name: str | None = Field(..., description="named only with the entity's consent (IP-57)")
    entity_bin: str | None


class NdPublishedQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    oked: str = Field("", pattern=r"^[0-9]{0,5}$", description="OKED codes starting with these digits")


def needs_out(n: NeedsReturn) -> dict[str, Any]:
    return {
        "number": n.number,
        "kind": n.kind,
        "organization": n.organization.identifier,
        "year": n.year,
        "version": n.version,
        "current": n.current,
        "replaces": n.replaces.number if n.replaces else None,
        "reason": n.reason,
        "due_on": n.due_on,
        "submitted_on": n.submitted_on,
        "late": n.late,
        "source": n.source,
        "specialists": [
            {
                "speciality_code": x.speciality_code,
                "speciality_name": x.speciality_name,
                "number": x.number,
                "region": x.region_id,
                "year_needed": x.year_needed,
                "level": x.level,
            }
            for x in n.specialists.all()
        ],
        "research": [
            {
                "reference": x.reference,
                "subject": x.subject,
                "oked": x.oked,
                "desired_result": x.desired_result,
                "budget_min": x.budget_min,
                "budget_max": x.budget_max,
                "deadline": x.deadline,
                "contact_consent": x.contact_consent,
                "placement": x.placement.number if x.placement else None,
            }
            for x in n.research.all()
        ],
    }


def specialist_lines(items: list[NdSpecialistIn]) -> list[SpecialistNeedIn | ResearchNeedIn]:
    return [
        SpecialistNeedIn(
            x.speciality_code.strip().upper(), x.speciality_name, x.number, x.region, x.year_needed, x.level
        )
        for x in items
    ]


def research_lines(items: list[NdResearchIn]) -> list[SpecialistNeedIn | ResearchNeedIn]:
    return [
        ResearchNeedIn(x.subject, x.oked, x.desired_result, x.budget_min, x.budget_max, x.deadline, x.contact_consent)
        for x in items
    ]


class NdImportQuery(Schema):
    amend_reason: str = Field(
        "", max_length=500, description="with a reason, years given already get a new version; without, refused"
    )


def proposal_out(actor: Any, p: SpecialityProposal) -> dict[str, Any]:
    view = selectors.proposal_view(actor, p, clock.today())
    table = view.table.as_dict()
    return {
        "number": p.number,
        "year": p.year,
        "status": p.status,
        "entities": p.entities,
        "returns": p.returns,
        "names": table["names"],
        "cells": table["cells"],
        "receipt": p.receipt,
        "registered_at": p.registered_at,
    }


def placement_out(p: ResearchPlacement) -> dict[str, Any]:
    return {
        "number": p.number,
        "year": p.year,
        "status": p.status,
        "count": p.count,
        "receipt": p.receipt,
        "registered_at": p.registered_at,
    }

"""The needs of industry through the API: an entity gives its needs for specialists (IP-55.1) and for research
(IP-57) for a year, one by one or as a CSV/XLSX file, and new versions of them; the authorized body forms, approves
and sends the proposals of the list of specialities and sends the needs for research for placement; everyone reads
the placed needs for research. The same services and policies as the pages."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Path, Query, Router
from ninja.files import UploadedFile
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.csv_import import CsvImportError
from nisi.core.publication.as_of import as_of_query, as_of_statuses, day_asked
from nisi.industry_needs import selectors
from nisi.industry_needs.api_schemas import (
    NdAmendIn,
    NdImportQuery,
    NdNeedsOut,
    NdNeedsSummaryOut,
    NdPlacementOut,
    NdProposalOut,
    NdPublishedOut,
    NdPublishedQuery,
    NdResearchNeedsIn,
    NdSpecialistsIn,
    NdYearIn,
    needs_out,
    placement_out,
    proposal_out,
    research_lines,
    specialist_lines,
)
from nisi.industry_needs.models import Source
from nisi.industry_needs.rules import NeedsError, ResearchNeedIn, SpecialistNeedIn
from nisi.industry_needs.services import needs as needs_services
from nisi.industry_needs.services import placements, proposals
from nisi.law.api_common import Problem, explain

router = Router(tags=["Needs of industry (IP-55.1, IP-57)"])
NUMBER = Path(..., pattern=r"^(SPN|RDN)-[0-9]{4}-[0-9]{6}$", description="the needs' number, e.g. SPN-2026-000001")
PROPOSAL = Path(..., pattern=r"^PSP-[0-9]{4}-[0-9]{6}$", description="the proposal's number, e.g. PSP-2026-000001")
KindName = Literal["specialists", "research"]
REFUSED = "A future year, a year given already (give a new version), or a bad need: `detail` says which and why."


def _give(request: HttpRequest, kind: str, year: int, lines: list[SpecialistNeedIn | ResearchNeedIn]) -> Any:
    actor = actor_for(request.user)
    try:
        made = needs_services.needs_submit(actor=actor, kind=kind, year=year, lines=lines, source=Source.API)
    except NeedsError as exc:
        return Status(422, {"detail": str(exc)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return Status(201, needs_out(made))


@router.get("/needs", auth=TokenAuth(), response=list[NdNeedsSummaryOut], summary="Needs the caller may read")
def needs_list(request: HttpRequest) -> Any:
    return [
        {
            "number": n.number,
            "kind": n.kind,
            "organization": n.organization.identifier,
            "year": n.year,
            "version": n.version,
            "current": n.current,
            "submitted_on": n.submitted_on,
            "late": n.late,
        }
        for n in selectors.needs_for(actor_for(request.user))[:1000]
    ]


@router.post(
    "/needs/specialists",
    auth=TokenAuth(),
    response={201: NdNeedsOut, 403: Problem, 422: Problem},
    summary="Give the entity's needs for specialists for a year (IP-55.1)",
    openapi_extra=explain({403: "Only an entity's own users give its needs.", 422: REFUSED}),
)
def specialists_give(request: HttpRequest, body: NdSpecialistsIn) -> Any:
    return _give(request, "specialists", body.year, specialist_lines(body.needs))


@router.post(
    "/needs/research",
    auth=TokenAuth(),
    response={201: NdNeedsOut, 403: Problem, 422: Problem},
    summary="Give the entity's needs for research and development for a year (IP-57)",
    openapi_extra=explain({403: "Only an entity's own users give its needs.", 422: REFUSED}),
)
def research_give(request: HttpRequest, body: NdResearchNeedsIn) -> Any:
    return _give(request, "research", body.year, research_lines(body.needs))


@router.post(
    "/imports/{kind}",
    auth=TokenAuth(),
    response={201: list[NdNeedsOut], 403: Problem, 422: Problem},
    summary="Needs from a CSV or XLSX file: all or nothing, every bad row named by its line",
    openapi_extra=explain(
        {
            403: "Only an entity's own users give its needs.",
            422: "The file was not imported: `detail` names every bad row by its line.",
        }
    ),
)
def needs_import(request: HttpRequest, kind: KindName, q: Query[NdImportQuery], file: UploadedFile = File(...)) -> Any:
    actor = actor_for(request.user)
    try:
        made = needs_services.needs_import(
            actor=actor, kind=kind, content=file.read(), name=file.name or "", amend_reason=q.amend_reason
        )
    except (CsvImportError, NeedsError) as exc:
        return Status(422, {"detail": str(exc)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return Status(201, [needs_out(n) for n in made])


@router.get(
    "/needs/{number}",
    auth=TokenAuth(),
    response={200: NdNeedsOut, 404: Problem},
    summary="One version of an entity's needs",
    openapi_extra=explain({404: "No needs with this number that you may see."}),
)
def needs_get(request: HttpRequest, number: str = NUMBER) -> Any:
    found = selectors.needs_by_number(actor_for(request.user), number)
    if found is None:
        return Status(404, {"detail": _("No needs %(number)s that you may see.") % {"number": number}})
    return needs_out(found)


@router.post(
    "/needs/{number}/versions",
    auth=TokenAuth(),
    response={201: NdNeedsOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Give a new version of a year's needs: it replaces the current one whole",
    openapi_extra=explain(
        {
            403: "Only the entity amends its needs, and only their current version.",
            404: "No needs with this number that you may see.",
            422: "No reason, or a bad need: `detail` says which and why.",
        }
    ),
)
def needs_amend(request: HttpRequest, body: NdAmendIn, number: str = NUMBER) -> Any:
    actor = actor_for(request.user)
    found = selectors.needs_by_number(actor, number)
    if found is None:
        return Status(404, {"detail": _("No needs %(number)s that you may see.") % {"number": number}})
    lines = specialist_lines(body.specialists) if found.kind == "specialists" else research_lines(body.research)
    try:
        made = needs_services.needs_amend(actor=actor, needs=found, reason=body.reason, lines=lines, source=Source.API)
    except NeedsError as exc:
        return Status(422, {"detail": str(exc)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return Status(201, needs_out(made))


@router.get("/proposals", auth=TokenAuth(), response=list[NdProposalOut], summary="Proposals the caller may read")
def proposal_list(request: HttpRequest) -> Any:
    actor = actor_for(request.user)
    return [proposal_out(actor, p) for p in selectors.proposals_for(actor)[:100]]


@router.post(
    "/proposals",
    auth=TokenAuth(),
    response={201: NdProposalOut, 403: Problem, 422: Problem},
    summary="Form the proposals of the list of specialities from a year's needs (the authorized body; IP-55.1)",
    openapi_extra=explain(
        {
            403: "Only the authorized body forms the proposals.",
            422: "A future year, no needs given, or the year's proposal is approved or on its way already.",
        }
    ),
)
def proposal_form(request: HttpRequest, body: NdYearIn) -> Any:
    actor = actor_for(request.user)
    try:
        made = proposals.proposal_form(actor=actor, year=body.year)
    except NeedsError as exc:
        return Status(422, {"detail": str(exc)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return Status(201, proposal_out(actor, made))


def _decide(request: HttpRequest, number: str, action: str) -> Any:
    actor = actor_for(request.user)
    found = selectors.proposal_by_number(actor, number)
    if found is None:
        return Status(404, {"detail": _("No proposal %(number)s that you may see.") % {"number": number}})
    try:
        if action == "approve":
            done = proposals.proposal_approve(actor=actor, proposal=found)
        else:
            done = proposals.proposal_send(actor=actor, proposal=found)
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return proposal_out(actor, done)


@router.get(
    "/proposals/{number}",
    auth=TokenAuth(),
    response={200: NdProposalOut, 404: Problem},
    summary="One proposal: every cell for the authorized body, small cells suppressed for anyone else",
    openapi_extra=explain({404: "No proposal with this number that you may see."}),
)
def proposal_get(request: HttpRequest, number: str = PROPOSAL) -> Any:
    actor = actor_for(request.user)
    found = selectors.proposal_by_number(actor, number)
    if found is None:
        return Status(404, {"detail": _("No proposal %(number)s that you may see.") % {"number": number}})
    return proposal_out(actor, found)


@router.post(
    "/proposals/{number}/approve",
    auth=TokenAuth(),
    response={200: NdProposalOut, 403: Problem, 404: Problem},
    summary="Approve a formed proposal (the authorized body)",
    openapi_extra=explain(
        {403: "Only the authorized body approves, and only a formed draft.", 404: "No such proposal you may see."}
    ),
)
def proposal_approve(request: HttpRequest, number: str = PROPOSAL) -> Any:
    return _decide(request, number, "approve")


@router.post(
    "/proposals/{number}/send",
    auth=TokenAuth(),
    response={200: NdProposalOut, 403: Problem, 404: Problem},
    summary="Send an approved proposal to the authorized body for employment; the receipt is recorded when it comes",
    openapi_extra=explain(
        {403: "Only the authorized body sends, and only an approved proposal.", 404: "No such proposal you may see."}
    ),
)
def proposal_send(request: HttpRequest, number: str = PROPOSAL) -> Any:
    return _decide(request, number, "send")


@router.get("/placements", auth=TokenAuth(), response=list[NdPlacementOut], summary="Placements the caller may read")
def placement_list(request: HttpRequest) -> Any:
    return [placement_out(p) for p in selectors.placements_for(actor_for(request.user))[:100]]


@router.post(
    "/placements",
    auth=TokenAuth(),
    response={201: NdPlacementOut, 403: Problem, 422: Problem},
    summary="Send a year's needs for research for placement on the science resource, and publish them (IP-57)",
    openapi_extra=explain(
        {
            403: "Only the authorized body sends them.",
            422: "A future year, nothing new to place, or the year's last placement still awaits its receipt.",
        }
    ),
)
def placement_send(request: HttpRequest, body: NdYearIn) -> Any:
    try:
        made = placements.research_place(actor=actor_for(request.user), year=body.year)
    except NeedsError as exc:
        return Status(422, {"detail": str(exc)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return Status(201, placement_out(made))


@router.get(
    "/research",
    response=list[NdPublishedOut],
    summary="The needs of industry for research and development, as placed (public; IP-57)",
    openapi_extra=as_of_statuses(),
)
def research_published(request: HttpRequest, q: Query[NdPublishedQuery], as_of: str | None = as_of_query()) -> Any:
    if (day := day_asked(as_of)) is not None:  # as they stood at the end of that day (ADR 45)
        return selectors.published_research_needs_on(day, year=q.year, oked=q.oked)[:1000]
    return [
        {
            "reference": n.reference,
            "year": n.needs.year,
            "subject": n.subject,
            "oked": n.oked,
            "desired_result": n.desired_result,
            "budget_min": n.budget_min,
            "budget_max": n.budget_max,
            "deadline": n.deadline,
            "entity_name": n.needs.organization.name if n.contact_consent else None,
            "entity_bin": n.needs.organization.identifier if n.contact_consent else None,
        }
        for n in selectors.published_research_needs(year=q.year, oked=q.oked)[:1000]
    ]

"""The infrastructure register and the competitive selection of territorial clusters through the API, on the same
services, selectors and policies as the pages. The register is public (list, one entry, as of a date); the
authorized body includes, suspends, resumes and excludes. The selection's calls are public once opened; the
authorized body makes, opens, closes and decides them; cluster organizations apply; the experts assigned declare
and score. Entries, calls and applications are named by their numbers, organizations by BIN."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.financing.rules import Criterion
from nisi.core.financing.scheme import FinancingError
from nisi.core.models import Organization
from nisi.infrastructure import selectors
from nisi.infrastructure.models import ClusterApplication, ClusterCall
from nisi.infrastructure.rules import InfrastructureError
from nisi.infrastructure.services import register as services
from nisi.infrastructure.services import selection
from nisi.law import clock
from nisi.law.api_common import Day, Identifier, Problem, explain, path_code, text

router = Router(tags=["Industrial and innovative infrastructure, territorial clusters"])
ENTRY_NUMBER = r"^INF-[0-9]{4}-[0-9]{5,19}$"
CALL_NUMBER = r"^TC-C-[0-9]{4}-[0-9]{5,19}$"
APPLICATION_NUMBER = r"^TC-P-[0-9]{4}-[0-9]{5,19}$"
NO_ENTRY = "No entry with this number in the register."
NO_CALL = "No call with this number that you may see."
NO_APPLICATION = "No application with this number among those you may see."
ASSIGNMENT_ID = Path(..., ge=1, le=2**62, description="the assignment's id")
KindName = Literal[
    "special_economic_zone",
    "industrial_zone",
    "technopark",
    "venture_investment_fund",
    "venture_fund",
    "commercialization_centre",
    "design_bureau",
    "technology_transfer_centre",
    "innovation_cluster",
    "territorial_cluster",
    "competence_centre",
    "other",
]  # Kind's values (a test keeps them the same)
KATO = Field(..., pattern=r"^[0-9]{9}$", description="the KATO code of the site, 9 digits")


def entry_number() -> Any:
    return path_code(ENTRY_NUMBER, "the entry's register number", "INF-2026-00001")


def call_number() -> Any:
    return path_code(CALL_NUMBER, "the call's number", "TC-C-2026-00001")


def application_number() -> Any:
    return path_code(APPLICATION_NUMBER, "the application's number", "TC-P-2026-00001")


def money(description: str = "") -> Any:
    top = Decimal("99999999999999.99")
    return Field(gt=0, le=top, max_digits=16, decimal_places=2, description=description or None)


class InfrastructureEntryOut(Schema):
    number: str
    kind: str
    provisions: list[str] = Field(description="the articles naming and describing the kind (IP-17 … IP-24)")
    identifier: str = Field(description="the organization's BIN")
    organization: str
    name: str
    region: str
    kato: str
    status: Literal["included", "suspended", "excluded"] = Field(description="the status on the day asked")
    status_since: dt.date
    status_reasons: str
    included_on: dt.date
    basis: str
    basis_reference: str
    specialization: str
    participants: list[str]


class InfrastructureRegisterQuery(Schema):
    on: Day | None = Field(None, description="the register as it stood at the end of this day (default: today)")
    kind: KindName | None = None
    region: str | None = Field(None, pattern=r"^[0-9]{2}$", description="the region's code (first two KATO digits)")
    excluded: bool = Field(False, description="also the entries excluded by that day")


class InfrastructureOnQuery(Schema):
    on: Day | None = Field(None, description="the day (default: today)")


class InfrastructureEntryIn(Schema):
    kind: KindName
    identifier: Identifier = Field(description="the BIN of the organization running the element")
    organization_name: str = text(
        300, default="", description="its registered name, if the nisi does not know the BIN yet"
    )
    name: str = text(300, min_length=1, description="the element's name (the park, the centre, the cluster)")
    kato: str = KATO
    included_on: Day | None = Field(None, description="the decision's date (default: today)")
    basis_reference: str = text(300, default="", description="the decision (for IP-17.12: the Government's act)")
    specialization: str = text(300, default="", description="a cluster's industry specialization (IP-1.1)")
    participants: list[Identifier] = Field(default_factory=list, max_length=500, description="a cluster's BINs")


class InfrastructureDecisionIn(Schema):
    decision: Literal["suspend", "resume", "exclude"]
    reasons: str = text(4000, min_length=1)
    on: Day | None = Field(None, description="the decision's date (default: today; not before the present status)")


class ClusterStandingOut(Schema):
    identifier: str
    on: dt.date
    selected: str = Field(description="the selection covering the day, empty if none (IP-40.1)")
    registered: str = Field(description="the register entry included that day, empty if none (IP-40.1)")
    selections_found: str
    register_found: str


def entry_out(row: selectors.Row) -> dict[str, Any]:
    e = row.entry
    return {
        "number": e.number,
        "kind": e.kind,
        "provisions": list(row.provisions),
        "identifier": e.organization.identifier,
        "organization": e.organization.name,
        "name": e.name,
        "region": e.region_id,
        "kato": e.kato,
        "status": row.status,
        "status_since": row.since,
        "status_reasons": row.reasons,
        "included_on": e.included_on,
        "basis": e.basis,
        "basis_reference": e.basis_reference,
        "specialization": e.specialization,
        "participants": list(e.participants),
    }


def _now(entry: Any) -> dict[str, Any]:
    found = selectors.entry_by_number(entry.number)
    row = selectors.entry_on(found, clock.today()) if found else None
    return entry_out(row) if row else {}


@router.get(
    "/register",
    response=list[InfrastructureEntryOut],
    url_name="infrastructure_register",
    summary="The register of industrial and innovative infrastructure, as of a date, by kind and region (public)",
)
def register_list(request: HttpRequest, q: Query[InfrastructureRegisterQuery]) -> Any:
    on = q.on or clock.today()
    rows = selectors.register_on(on, kind=q.kind or "", region=q.region or "", with_excluded=q.excluded, limit=5000)
    return [entry_out(r) for r in rows]


@router.get(
    "/register/{number}",
    response={200: InfrastructureEntryOut, 404: Problem},
    summary="One entry as it stood on a date (public)",
    openapi_extra=explain({404: NO_ENTRY + " Or the entry was not yet in the register on the day asked."}),
)
def register_entry(request: HttpRequest, q: Query[InfrastructureOnQuery], number: str = entry_number()) -> Any:
    found = selectors.entry_by_number(number)
    row = selectors.entry_on(found, q.on or clock.today()) if found else None
    if row is None:
        return Status(404, {"detail": _("No entry %(number)s in the register on that day.") % {"number": number}})
    return entry_out(row)


@router.post(
    "/register",
    auth=TokenAuth(),
    response={201: InfrastructureEntryOut, 403: Problem, 422: Problem},
    summary="Include an element of the infrastructure in the register (the authorized body; IP-17)",
    openapi_extra=explain(
        {
            403: "Only the authorized body's officers include elements in the register.",
            422: "The inclusion is refused (a BIN whose check digit fails, a KATO code of no region, a date in the "
            "future, a cluster without its specialization or two participants, the element already in the register "
            "as this kind); `detail` gives every reason.",
        }
    ),
)
def register_include(request: HttpRequest, payload: InfrastructureEntryIn) -> Any:
    try:
        entry = services.entry_include(actor=actor_for(request.user), **payload.dict())
    except InfrastructureError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _now(entry))


@router.post(
    "/register/{number}/decisions",
    auth=TokenAuth(),
    response={200: InfrastructureEntryOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Suspend, resume or exclude an entry, dated, with reasons (the authorized body)",
    openapi_extra=explain(
        {
            403: "Only the authorized body's officers decide on entries.",
            404: NO_ENTRY,
            422: "The decision does not fit the entry's status (resume an entry not suspended, anything on an "
            "excluded one), has no reasons, or is dated in the future or before the present status began.",
        }
    ),
)
def register_decide(request: HttpRequest, payload: InfrastructureDecisionIn, number: str = entry_number()) -> Any:
    found = selectors.entry_by_number(number)
    if found is None:
        return Status(404, {"detail": _("No entry %(number)s in the register.") % {"number": number}})
    try:
        services.entry_decide(actor=actor_for(request.user), entry=found, **payload.dict())
    except InfrastructureError as exc:
        return Status(422, {"detail": str(exc)})
    return _now(found)


@router.get(
    "/clusters/standing/{identifier}",
    auth=TokenAuth(),
    response=ClusterStandingOut,
    summary="Whether an organization's territorial cluster was selected or in the register on a date (IP-40.1)",
)
def cluster_standing(
    request: HttpRequest,
    q: Query[InfrastructureOnQuery],
    identifier: str = Path(..., pattern=r"^[0-9]{12}$", description="BIN"),
) -> Any:
    return selectors.cluster_standing(identifier, q.on or clock.today()).as_dict()


# --- The competitive selection of territorial clusters ---


class ClusterCriterionIO(Schema):
    code: str = Field(..., pattern=r"^[a-z0-9_-]{1,40}$")
    title: str = text(300, min_length=1)
    weight: Decimal = Field(gt=0, le=100, max_digits=5, decimal_places=2, description="share of the total, %")
    max_score: int = Field(10, ge=1, le=100)


class ClusterCriterionOut(ClusterCriterionIO):
    """A criterion as answered."""


class ClusterCallIn(Schema):
    title: str = text(300, min_length=1)
    description: str = text(20_000, default="")
    opens_on: Day
    closes_on: Day
    budget: Decimal = money("the support to be given to the clusters selected")
    max_per_project: Decimal = money("the ceiling per cluster")
    pass_score: Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=2)
    experts_per_application: int = Field(3, ge=1, le=9)
    criteria: list[ClusterCriterionIO] = Field(..., min_length=1, max_length=10, description="weights sum to 100")


class ClusterCallOut(Schema):
    number: str
    title: str
    description: str
    status: str
    opens_on: dt.date
    closes_on: dt.date
    budget: Decimal
    max_per_project: Decimal
    pass_score: Decimal
    experts_per_application: int
    criteria: list[ClusterCriterionOut]


class ClusterApplicationIn(Schema):
    identifier: Identifier = Field(description="the cluster organization's BIN, one the token's user acts for")
    cluster_name: str = text(300, min_length=1)
    development_plan: str = text(20_000, min_length=1)
    specialization: str = text(300, min_length=1)
    kato: str = KATO
    participants: list[Identifier] = Field(..., min_length=1, max_length=500)
    requested_amount: Decimal = money()
    plan_starts_on: Day
    plan_ends_on: Day


class ClusterApplicationOut(Schema):
    number: str
    call: str
    identifier: str
    cluster_name: str
    specialization: str
    region: str
    participants: list[str]
    requested_amount: Decimal
    submitted_on: dt.date
    status: str
    average_score: Decimal | None
    approved_amount: Decimal | None
    decided_on: dt.date | None
    decision_reasons: str


class ClusterAssignIn(Schema):
    expert_user_id: int = Field(ge=1, le=2**62)


class ClusterAssignmentOut(Schema):
    id: int
    application: str
    status: str
    scores: dict[str, int]


class ClusterDeclarationIn(Schema):
    conflict: bool
    details: str = text(4000, default="")


class ClusterScoresIn(Schema):
    scores: dict[str, int] = Field(..., description="criterion code → score from 0 to its maximum")
    comment: str = text(4000, min_length=1)


def call_out(c: ClusterCall) -> dict[str, Any]:
    return {
        "number": c.number,
        "title": c.title,
        "description": c.description,
        "status": c.status,
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "budget": c.budget,
        "max_per_project": c.max_per_project,
        "pass_score": c.pass_score,
        "experts_per_application": c.experts_per_application,
        "criteria": [
            {"code": k.code, "title": k.title, "weight": k.weight, "max_score": k.max_score} for k in c.criteria.all()
        ],
    }


def application_out(a: ClusterApplication) -> dict[str, Any]:
    return {
        "number": a.number,
        "call": a.call.number,
        "identifier": a.organization.identifier,
        "cluster_name": a.project_title,
        "specialization": a.specialization,
        "region": a.region_id,
        "participants": list(a.participants),
        "requested_amount": a.requested_amount,
        "submitted_on": a.submitted_on,
        "status": a.status,
        "average_score": a.average_score,
        "approved_amount": a.approved_amount,
        "decided_on": a.decided_on,
        "decision_reasons": a.decision_reasons,
    }


def _assignment_out(a: Any) -> dict[str, Any]:
    return {"id": a.pk, "application": a.application.number, "status": a.status, "scores": a.scores}


def _no_call() -> Status:
    return Status(404, {"detail": _("No call with this number that you may see.")})


@router.get("/clusters/calls", response=list[ClusterCallOut], summary="Calls of the competitive selection (public)")
def calls(request: HttpRequest) -> Any:
    return [call_out(c) for c in selectors.calls_for(actor_for(request.user)).prefetch_related("criteria")[:200]]


@router.post(
    "/clusters/calls",
    auth=TokenAuth(),
    response={201: ClusterCallOut, 403: Problem, 422: Problem},
    summary="Create a draft call of the competitive selection with its criteria (the authorized body; IP-9.16)",
    openapi_extra=explain(
        {
            403: "Only the authorized body's officers make calls.",
            422: "The call's terms or criteria are wrong (window, ceiling over budget, weights not summing to 100).",
        }
    ),
)
def call_create(request: HttpRequest, payload: ClusterCallIn) -> Any:
    data = payload.dict()
    data["criteria"] = [Criterion(c["code"], c["title"], c["weight"], c["max_score"]) for c in data["criteria"]]
    try:
        created = selection.call_create(actor=actor_for(request.user), **data)
    except FinancingError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, call_out(created))


@router.get(
    "/clusters/calls/{number}",
    response={200: ClusterCallOut, 404: Problem},
    summary="A call of the competitive selection",
    openapi_extra=explain({404: NO_CALL}),
)
def call(request: HttpRequest, number: str = call_number()) -> Any:
    found = selectors.call_for(actor_for(request.user), number)
    return _no_call() if found is None else call_out(found)


@router.get(
    "/clusters/calls/{number}/results",
    response={200: list[ClusterApplicationOut], 404: Problem},
    summary="The published results of a decided call: every decided application with its score (public)",
    openapi_extra=explain({404: NO_CALL}),
)
def call_results(request: HttpRequest, number: str = call_number()) -> Any:
    found = selectors.call_for(actor_for(request.user), number)
    return _no_call() if found is None else [application_out(a) for a in selectors.results_of(found)]


STEP_STATUSES = explain(
    {
        403: "Only the authorized body takes this step, in the call's state that allows it.",
        404: NO_CALL,
        422: "The step is refused now (the window has not passed, an expert has not finished); `detail` says why.",
    }
)


def _step(request: HttpRequest, number: str, act: Any) -> Any:
    actor = actor_for(request.user)
    found = selectors.call_for(actor, number)
    if found is None:
        return _no_call()
    try:
        act(actor=actor, call=found)
    except (FinancingError, InfrastructureError) as exc:
        return Status(422, {"detail": str(exc)})
    found.refresh_from_db()
    return call_out(found)


@router.post(
    "/clusters/calls/{number}/open",
    auth=TokenAuth(),
    response={200: ClusterCallOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Publish a call and its criteria; it takes applications in its window",
    openapi_extra=STEP_STATUSES,
)
def call_open(request: HttpRequest, number: str = call_number()) -> Any:
    return _step(request, number, selection.call_open)


@router.post(
    "/clusters/calls/{number}/close",
    auth=TokenAuth(),
    response={200: ClusterCallOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Stop taking applications after the window; the assessment goes on",
    openapi_extra=STEP_STATUSES,
)
def call_close(request: HttpRequest, number: str = call_number()) -> Any:
    return _step(request, number, selection.call_close)


@router.post(
    "/clusters/calls/{number}/decide",
    auth=TokenAuth(),
    response={200: ClusterCallOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Decide the selection on the experts' scores; the winners enter the register of territorial clusters",
    openapi_extra=STEP_STATUSES,
)
def call_decide(request: HttpRequest, number: str = call_number()) -> Any:
    return _step(request, number, selection.call_decide)


@router.post(
    "/clusters/calls/{number}/applications",
    auth=TokenAuth(),
    response={201: ClusterApplicationOut, 403: Problem, 404: Problem, 422: Problem},
    summary="A cluster organization applies for its territorial cluster (IP-40.1, IP-40.2)",
    openapi_extra=explain(
        {
            403: "The token's user does not act for an organization with this BIN, or the call takes no applications.",
            404: NO_CALL,
            422: "The application is refused (outside the window, over the ceiling, fewer than two participants, a "
            "KATO code of no region, the cluster applied for already); `detail` gives every reason.",
        }
    ),
)
def apply(request: HttpRequest, payload: ClusterApplicationIn, number: str = call_number()) -> Any:
    actor = actor_for(request.user)
    found = selectors.call_for(actor, number)
    if found is None:
        return _no_call()
    organization = Organization.objects.filter(identifier=payload.identifier).first()
    if organization is None or organization.pk not in actor.organization_ids():
        return Status(403, {"detail": _("Apply for your own organization: give its BIN.")})
    data = payload.dict()
    data.pop("identifier")
    try:
        application = selection.application_submit(actor=actor, call=found, organization=organization, **data)
    except (FinancingError, InfrastructureError) as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, application_out(application))


@router.get(
    "/clusters/applications/{number}",
    auth=TokenAuth(),
    response={200: ClusterApplicationOut, 404: Problem},
    summary="A cluster's application: status, score, decision and its reasons",
    openapi_extra=explain({404: NO_APPLICATION}),
)
def application(request: HttpRequest, number: str = application_number()) -> Any:
    found = selectors.application_for(actor_for(request.user), number)
    if found is None:
        return Status(404, {"detail": _("No such application among those you can see.")})
    return application_out(found)


@router.post(
    "/clusters/applications/{number}/experts",
    auth=TokenAuth(),
    response={201: ClusterAssignmentOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Assign an independent expert to the application (never one from the cluster organization)",
    openapi_extra=explain(
        {
            403: "Only the authorized body assigns experts, while the application is assessed.",
            404: NO_APPLICATION,
            422: "The user is not an expert, belongs to the applicant, is assigned already, or the panel is full.",
        }
    ),
)
def expert_assign(request: HttpRequest, payload: ClusterAssignIn, number: str = application_number()) -> Any:
    actor = actor_for(request.user)
    found = selectors.application_for(actor, number)
    if found is None:
        return Status(404, {"detail": _("No such application among those you can see.")})
    try:
        assignment = selection.expert_assign(actor=actor, application=found, expert_user_id=payload.expert_user_id)
    except FinancingError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _assignment_out(assignment))


ASSIGNMENT_STATUSES = explain(
    {
        403: "Only the assigned expert acts, in order: the declaration, then (with no conflict) the scores.",
        404: "No assignment with this id among yours.",
        422: "The declaration or the scores are refused; `detail` says why.",
    }
)


def _assignment(request: HttpRequest, pk: int, act: Any) -> Any:
    actor = actor_for(request.user)
    found = selectors.assignments_for(actor).filter(pk=pk).first()
    if found is None:
        return Status(404, {"detail": _("No such assignment among yours.")})
    try:
        return _assignment_out(act(actor, found))
    except FinancingError as exc:
        return Status(422, {"detail": str(exc)})


@router.post(
    "/clusters/assignments/{pk}/declaration",
    auth=TokenAuth(),
    response={200: ClusterAssignmentOut, 403: Problem, 404: Problem, 422: Problem},
    summary="The expert declares a conflict of interest (recused) or none, before any score",
    openapi_extra=ASSIGNMENT_STATUSES,
)
def declare(request: HttpRequest, payload: ClusterDeclarationIn, pk: int = ASSIGNMENT_ID) -> Any:
    return _assignment(
        request,
        pk,
        lambda a, x: selection.assignment_declare(
            actor=a, assignment=x, conflict=payload.conflict, details=payload.details
        ),
    )


@router.post(
    "/clusters/assignments/{pk}/scores",
    auth=TokenAuth(),
    response={200: ClusterAssignmentOut, 403: Problem, 404: Problem, 422: Problem},
    summary="The expert scores every published criterion, with reasons",
    openapi_extra=ASSIGNMENT_STATUSES,
)
def score(request: HttpRequest, payload: ClusterScoresIn, pk: int = ASSIGNMENT_ID) -> Any:
    return _assignment(
        request,
        pk,
        lambda a, x: selection.assignment_score(actor=a, assignment=x, scores=payload.scores, comment=payload.comment),
    )

"""The expert panel's API of a financing scheme (ADR 27), one set of handlers for every app that runs a competitive
selection: the financing body assigns an expert to an application; the expert lists their own assignments, declares
a conflict of interest or none, then scores. Each app calls `expert_endpoints` on its router with its scheme's
panel, its scoped reads, its path prefix, its own schemas (their names are the app's) and its wording; the paths,
operation ids and schemas stay the app's own.

The calls' and the applications' handlers stay the app's (their paths, schemas and operation ids), on the answers
and the steps shared here: `call_out` and `application_out`, a call's step (`call_step`), applying for an
organization by its BIN (`application_submitted`) and reading one application (`application_found`); the steps
on a call (open, close, decide) are added to the app's router by `call_step_endpoints`, with the app's paths,
wording and operation ids.

No `from __future__ import annotations` here: ninja reads the handlers' annotations, which are the app's schemas
given at run time."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status
from pydantic import create_model

from nisi.core.authz import Actor, actor_for
from nisi.core.financing.panel import SchemePanel
from nisi.core.financing.scheme import FinancingError
from nisi.core.models import Organization
from nisi.law.api_common import Problem, explain, text

ASSIGNMENT_STATUSES = {
    403: "Only the assigned expert acts, in order: the declaration, then (with no conflict) the scores.",
    404: "No assignment with this id among yours.",
    422: "The declaration or the scores are refused; `detail` says why.",
}
MINE_LIMIT = 200


@dataclass(frozen=True)
class ExpertApi:
    """What the expert endpoints of one scheme need from its app.

    `prefix` is the app's path prefix ("/grants"); `application_number()` and `assignment_id` are the path
    parameters; `assign_in`, `assignment_out`, `declaration_in`, `scores_in` the app's schemas; `module` the app's
    API module, whose name the operation ids keep; `assign_summary`, `assign_refused` (the 403 explained) and
    `score_summary` its wording."""

    panel: SchemePanel
    applications_for: Callable[[Actor], QuerySet[Any]]
    assignments_for: Callable[[Actor], QuerySet[Any]]
    prefix: str
    application_number: Callable[[], Any]
    assignment_id: Any
    assign_in: type[Schema]
    assignment_out: type[Schema]
    declaration_in: type[Schema]
    scores_in: type[Schema]
    module: str
    assign_summary: str
    assign_refused: str
    score_summary: str = "The expert scores every published criterion, with reasons"
    no_application: str = "No application with this number among those you may see."


class ExpertSchemas(NamedTuple):
    assign_in: type[Schema]
    assignment_out: type[Schema]
    declaration_in: type[Schema]
    scores_in: type[Schema]


def expert_schemas(name: str, module: str) -> ExpertSchemas:
    """The expert endpoints' four schemas under the app's own names (`<name>AssignIn`, `<name>AssignmentOut`,
    `<name>DeclarationIn`, `<name>ScoresIn`, of the app's API `module`): OpenAPI files schemas by their names, so
    each app's stay its own. An expert's user id, an assignment as answered, a declaration (a conflict or none, with
    details), and the scores of every criterion with a comment."""

    def schema(suffix: str, **fields: Any) -> type[Schema]:
        return create_model(name + suffix, __base__=Schema, __module__=module, **fields)

    return ExpertSchemas(
        assign_in=schema("AssignIn", expert_user_id=(int, Field(ge=1, le=2**62))),
        assignment_out=schema(
            "AssignmentOut", id=(int, ...), application=(str, ...), status=(str, ...), scores=(dict[str, int], ...)
        ),
        declaration_in=schema("DeclarationIn", conflict=(bool, ...), details=(str, text(4000, default=""))),
        scores_in=schema(
            "ScoresIn",
            scores=(dict[str, int], Field(..., description="criterion code → score from 0 to its maximum")),
            comment=(str, text(4000, min_length=1)),
        ),
    )


def assignment_out(a: Any) -> dict[str, Any]:
    return {"id": a.pk, "application": a.application.number, "status": a.status, "scores": a.scores}


def _op(spec: ExpertApi, name: str) -> str:
    """The operation id ninja gave the handler when it was the app's own function."""
    return f"{spec.module}_{name}".replace(".", "_")


def _no_application() -> Status:
    return Status(404, {"detail": _("No such application among those you can see.")})


def _on_assignment(spec: ExpertApi, request: HttpRequest, pk: int, act: Callable[[Actor, Any], Any]) -> Any:
    actor = actor_for(request.user)
    found = spec.assignments_for(actor).filter(pk=pk).first()
    if found is None:
        return Status(404, {"detail": _("No such assignment among yours.")})
    try:
        return assignment_out(act(actor, found))
    except FinancingError as exc:
        return Status(422, {"detail": str(exc)})


def expert_endpoints(router: Router, spec: ExpertApi, *, auth: Any) -> None:
    """Adds to `router`: POST `<prefix>/applications/{number}/experts` (assign), GET `<prefix>/assignments` (the
    expert's own), POST `<prefix>/assignments/{pk}/declaration` and `<prefix>/assignments/{pk}/scores`. `auth` is
    the token authentication (the core's entry points give it; this layer does not import them)."""
    assign_in, out = spec.assign_in, spec.assignment_out
    declaration_in, scores_in = spec.declaration_in, spec.scores_in
    steps = {200: out, 403: Problem, 404: Problem, 422: Problem}

    @router.post(
        f"{spec.prefix}/applications/{{number}}/experts",
        auth=auth,
        response={201: out, 403: Problem, 404: Problem, 422: Problem},
        summary=spec.assign_summary,
        operation_id=_op(spec, "expert_assign"),
        openapi_extra=explain(
            {
                403: spec.assign_refused,
                404: spec.no_application,
                422: "The user is not an expert, belongs to the applicant, is assigned already, or the panel is full.",
            }
        ),
    )
    def expert_assign(request: HttpRequest, payload: assign_in, number: str = spec.application_number()) -> Any:  # type: ignore[valid-type]
        actor = actor_for(request.user)
        found = spec.applications_for(actor).filter(number=number).first()
        if found is None:
            return _no_application()
        try:
            assignment = spec.panel.expert_assign(
                actor=actor,
                application=found,
                expert_user_id=payload.expert_user_id,  # type: ignore[attr-defined]
            )
        except FinancingError as exc:
            return Status(422, {"detail": str(exc)})
        return Status(201, assignment_out(assignment))

    @router.get(
        f"{spec.prefix}/assignments",
        auth=auth,
        response=list[out],  # type: ignore[valid-type]
        summary="The expert's own assignments, the latest first (at most 200)",
        operation_id=_op(spec, "assignments_mine"),
    )
    def assignments_mine(request: HttpRequest) -> Any:
        actor = actor_for(request.user)
        mine = spec.assignments_for(actor).filter(expert_id=actor.user_id)
        return [assignment_out(a) for a in mine[:MINE_LIMIT]]

    @router.post(
        f"{spec.prefix}/assignments/{{pk}}/declaration",
        auth=auth,
        response=steps,
        summary="The expert declares a conflict of interest (recused) or none, before any score",
        operation_id=_op(spec, "declare"),
        openapi_extra=explain(ASSIGNMENT_STATUSES),
    )
    def declare(request: HttpRequest, payload: declaration_in, pk: int = spec.assignment_id) -> Any:  # type: ignore[valid-type]
        return _on_assignment(
            spec,
            request,
            pk,
            lambda a, x: spec.panel.assignment_declare(
                actor=a,
                assignment=x,
                conflict=payload.conflict,  # type: ignore[attr-defined]
                details=payload.details,  # type: ignore[attr-defined]
            ),
        )

    @router.post(
        f"{spec.prefix}/assignments/{{pk}}/scores",
        auth=auth,
        response=steps,
        summary=spec.score_summary,
        operation_id=_op(spec, "score"),
        openapi_extra=explain(ASSIGNMENT_STATUSES),
    )
    def score(request: HttpRequest, payload: scores_in, pk: int = spec.assignment_id) -> Any:  # type: ignore[valid-type]
        return _on_assignment(
            spec,
            request,
            pk,
            lambda a, x: spec.panel.assignment_score(
                actor=a,
                assignment=x,
                scores=payload.scores,  # type: ignore[attr-defined]
                comment=payload.comment,  # type: ignore[attr-defined]
            ),
        )


Refusals = type[Exception] | tuple[type[Exception], ...]


def call_out(c: Any, **more: Any) -> dict[str, Any]:
    """A call as the apps' call schemas answer it: its terms and its criteria; `more` adds the app's own fields."""
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
        **more,
    }


def application_out(a: Any, **more: Any) -> dict[str, Any]:
    """An application as the apps' application schemas answer it: who applied, for how much, and the decision with
    its reasons; `more` adds the app's own fields (the project's title under the app's name for it)."""
    return {
        "number": a.number,
        "call": a.call.number,
        "identifier": a.organization.identifier,
        "requested_amount": a.requested_amount,
        "submitted_on": a.submitted_on,
        "status": a.status,
        "average_score": a.average_score,
        "approved_amount": a.approved_amount,
        "decided_on": a.decided_on,
        "decision_reasons": a.decision_reasons,
        **more,
    }


def _no_call(missing: str | None) -> Status:
    return Status(404, {"detail": missing or _("No call with this number that you may see.")})


def call_step(
    actor: Actor,
    found: Any | None,
    act: Callable[..., Any],
    *,
    out: Callable[[Any], dict[str, Any]],
    errors: Refusals = FinancingError,
) -> Any:
    """A step on a call (open, close, decide) through the API: 404 when the call is not among the actor's, 422 with
    the refusal's reasons, else the call as the step left it."""
    if found is None:
        return _no_call(None)
    try:
        act(actor=actor, call=found)
    except errors as exc:
        return Status(422, {"detail": str(exc)})
    found.refresh_from_db()
    return out(found)


def application_submitted(
    actor: Actor,
    found: Any | None,
    payload: Schema,
    *,
    submit: Callable[..., Any],
    out: Callable[[Any], dict[str, Any]],
    errors: Refusals = FinancingError,
    missing: str | None = None,
) -> Any:
    """Applying to a call through the API for the organization whose BIN the payload's `identifier` gives, one the
    token's user acts for: 404 when the call is not among the actor's (`missing` says so in the app's words), 403
    for another organization, 422 with every reason the application is refused, else 201 with the application."""
    if found is None:
        return _no_call(missing)
    organization = Organization.objects.filter(identifier=payload.identifier).first()  # type: ignore[attr-defined]
    if organization is None or organization.pk not in actor.organization_ids():
        return Status(403, {"detail": _("Apply for your own organization: give its BIN.")})
    data = payload.dict()
    data.pop("identifier")
    try:
        application = submit(actor=actor, call=found, organization=organization, **data)
    except errors as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, out(application))


def application_found(found: Any | None, out: Callable[[Any], dict[str, Any]]) -> Any:
    """One application among those the actor may see, or 404."""
    if found is None:
        return Status(404, {"detail": _("No such application among those you can see.")})
    return out(found)


@dataclass(frozen=True)
class CallStepsApi:
    """What the call step endpoints of one scheme need from its app: `prefix` the app's path prefix ("/grants");
    `call_number()` the path parameter; `call_schema` the app's call schema; `find(actor, number)` the call among
    those the actor may see, or None; `out` the call as its schema answers it; `steps` each step's name ("open",
    "close", "decide"), the scheme's service taking it and its summary; `statuses` the 403/404/422 explained;
    `module` the app's API module, whose name the operation ids keep; `errors` the refusals answered 422."""

    prefix: str
    call_number: Callable[[], Any]
    call_schema: type[Schema]
    find: Callable[[Actor, str], Any | None]
    out: Callable[[Any], dict[str, Any]]
    steps: dict[str, tuple[Callable[..., Any], str]]
    statuses: dict[str, Any]
    module: str
    errors: Refusals = FinancingError


def call_step_endpoints(router: Router, spec: CallStepsApi, *, auth: Any) -> None:
    """Adds to `router` a POST `<prefix>/calls/{number}/<step>` for every step of `spec`, named `call_<step>` as the
    app's own handlers were (their URL names and operation ids)."""
    for step, (act, summary) in spec.steps.items():
        _call_step_endpoint(router, spec, step, act=act, summary=summary, auth=auth)


def _call_step_endpoint(
    router: Router, spec: CallStepsApi, step: str, *, act: Callable[..., Any], summary: str, auth: Any
) -> None:
    def handler(request: HttpRequest, number: str = spec.call_number()) -> Any:
        actor = actor_for(request.user)
        return call_step(actor, spec.find(actor, number), act, out=spec.out, errors=spec.errors)

    handler.__name__ = handler.__qualname__ = f"call_{step}"
    router.post(
        f"{spec.prefix}/calls/{{number}}/{step}",
        auth=auth,
        response={200: spec.call_schema, 403: Problem, 404: Problem, 422: Problem},
        summary=summary,
        operation_id=f"{spec.module}_call_{step}".replace(".", "_"),
        openapi_extra=spec.statuses,
    )(handler)

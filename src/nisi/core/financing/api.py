"""The expert panel's API of a financing scheme (ADR 27), one set of handlers for every app that runs a competitive
selection: the financing body assigns an expert to an application; the expert lists their own assignments, declares
a conflict of interest or none, then scores. Each app calls `expert_endpoints` on its router with its scheme's
panel, its scoped reads, its path prefix, its own schemas (their names are the app's) and its wording; the paths,
operation ids and schemas stay the app's own.

No `from __future__ import annotations` here: ninja reads the handlers' annotations, which are the app's schemas
given at run time."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from nisi.core.authz import Actor, actor_for
from nisi.core.financing.panel import SchemePanel
from nisi.core.financing.scheme import FinancingError
from nisi.law.api_common import Problem, explain

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

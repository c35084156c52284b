"""API of the alerts when a measure opens (IP-25.5), as the page `/incentives/alerts/` offers them: a signed-in
entity asks to be told when a measure that takes no applications today opens, lists its alerts and cancels one
while it waits — the page's services and policies."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for, allowed_actions
from nisi.incentives.models import OpeningAlert
from nisi.incentives.selectors import alerts as selectors
from nisi.incentives.selectors import catalogue as catalogue_selectors
from nisi.incentives.services import alerts as services
from nisi.law.api_common import BIGINT_MAX, Problem, explain

router = Router(tags=["Incentives: alerts when a measure opens"])
ALERT_ID = Path(..., ge=1, le=BIGINT_MAX, description="the alert's id, as listed", example=1)


class OpeningAlertIn(Schema):
    measure: str = Field(
        ...,
        pattern=r"^[-a-zA-Z0-9_]{1,40}$",
        description="the measure's code in the catalogue",
        examples=["damu-guarantee"],
    )


class OpeningAlertOut(Schema):
    id: int
    measure: str = Field(description="the measure's code")
    measure_title: str
    status: str = Field(description="waiting, notified, not_eligible or cancelled")
    requested_at: dt.datetime
    requested_by: str
    checked_on: dt.date | None = Field(description="the day the measure opened and the conditions were checked")
    findings: list[dict[str, Any]] = Field(description="why the entity would not have passed on that day")
    can_cancel: bool


def alert_out(alert: OpeningAlert, can_cancel: bool) -> dict[str, Any]:
    return {
        "id": alert.pk,
        "measure": alert.measure.code,
        "measure_title": alert.measure.title,
        "status": alert.status,
        "requested_at": alert.requested_at,
        "requested_by": alert.requested_by_label,
        "checked_on": alert.checked_on,
        "findings": alert.findings,
        "can_cancel": can_cancel,
    }


def _not_an_entity() -> Status:
    return Status(
        403, {"detail": _("Only an entity's own users ask to be told; sign in with your organization's account.")}
    )


@router.get(
    "/alerts",
    auth=TokenAuth(),
    response={200: list[OpeningAlertOut], 403: Problem},
    summary="The caller's entity's alerts when a measure opens, the latest first",
    openapi_extra=explain({403: "The caller is not a user of an entity (an applicant)."}),
)
def alerts(request: HttpRequest) -> Any:
    actor = actor_for(request.user)
    organization = selectors.organization_of(actor)
    if organization is None:
        return _not_an_entity()
    return [alert_out(a, "cancel" in allowed_actions(actor, a)) for a in selectors.alerts_of(organization)]


@router.post(
    "/alerts",
    auth=TokenAuth(),
    response={201: OpeningAlertOut, 403: Problem, 422: Problem},
    summary="Ask to be told when a measure that takes no applications today opens (asked again: the waiting alert)",
    openapi_extra=explain(
        {
            403: "The caller is not a user of an entity (an applicant).",
            422: "No measure with this code in the catalogue, or the measure takes applications today (apply now).",
        }
    ),
)
def alert_ask(request: HttpRequest, body: OpeningAlertIn) -> Any:
    actor = actor_for(request.user)
    organization = selectors.organization_of(actor)
    if organization is None:
        return _not_an_entity()
    measure = catalogue_selectors.measure_by_code(body.measure)
    if measure is None:
        return Status(422, {"detail": _("Choose a measure of the catalogue.")})
    try:
        alert = services.alert_ask(actor=actor, organization=organization, measure=measure)
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    except services.AlertError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, alert_out(alert, "cancel" in allowed_actions(actor, alert)))


@router.post(
    "/alerts/{alert_id}/cancel",
    auth=TokenAuth(),
    response={200: OpeningAlertOut, 403: Problem, 404: Problem, 409: Problem},
    summary="Cancel an alert while it waits for the measure to open",
    openapi_extra=explain(
        {
            403: "The caller is not a user of an entity (an applicant).",
            404: "No alert with this id among the caller's entity's own.",
            409: "The alert no longer waits: it was told, not told, or cancelled already.",
        }
    ),
)
def alert_cancel(request: HttpRequest, alert_id: int = ALERT_ID) -> Any:
    actor = actor_for(request.user)
    organization = selectors.organization_of(actor)
    if organization is None:
        return _not_an_entity()
    alert = selectors.alert_of(organization, alert_id)
    if alert is None:
        return Status(404, {"detail": _("No such alert of your organization: see the list of your alerts.")})
    if "cancel" not in allowed_actions(actor, alert):
        return Status(409, {"detail": _("This request to be told cannot be cancelled.")})
    try:
        done = services.alert_cancel(actor=actor, alert=alert)
    except PermissionDenied:  # it stopped waiting meanwhile
        return Status(409, {"detail": _("This request to be told cannot be cancelled.")})
    return alert_out(done, False)

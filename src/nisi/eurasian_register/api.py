"""The exchanges with the Eurasian register through the API (IP-9.37): what was sent and when, each exchange's
document in the exchange format, the changes waiting, and preparing the next exchange; the pages' services and
policies."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Router, Schema
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.eurasian_register import selectors, services
from nisi.eurasian_register.models import Exchange
from nisi.eurasian_register.policies import may
from nisi.law.api_common import Problem, explain

router = Router(tags=["Eurasian register of industrial goods"])
NUMBER = Path(..., pattern=r"^EAEU-[0-9]{4}-[0-9]{6}$", description="the exchange's number, e.g. EAEU-2026-000001")


class ExchangeOut(Schema):
    number: str
    sequence: int
    format_version: str
    status: Literal["prepared", "acknowledged", "refused"]
    includes: int
    changes: int
    removals: int
    prepared_at: dt.datetime
    attempts: int
    last_attempt_at: dt.datetime | None
    last_error: str
    receipt: str
    registered_at: dt.datetime | None
    acknowledged_at: dt.datetime | None


class ExchangeDocumentOut(ExchangeOut):
    document: dict[str, Any]


class PendingChangeOut(Schema):
    operation: Literal["include", "change", "remove"]
    key: str


def _out(e: Exchange, *, document: bool = False) -> dict[str, Any]:
    names = [f for f in ExchangeOut.model_fields if f != "document"]
    out = {name: getattr(e, name) for name in names}
    if document:
        out["document"] = e.document
    return out


def _forbidden() -> Status:
    return Status(403, {"detail": _("The exchanges with the Commission are the authorized body's.")})


@router.get(
    "/exchanges",
    auth=TokenAuth(),
    response={200: list[ExchangeOut], 403: Problem},
    summary="What was sent to the Eurasian register and when, newest first (the authorized body, auditors)",
    openapi_extra=explain({403: "Only the authorized body and auditors see the exchanges."}),
)
def exchange_list(request: HttpRequest) -> Any:
    actor = actor_for(request.user)
    if not may(actor, "view"):
        return _forbidden()
    return [_out(e) for e in selectors.exchanges_for(actor)[:500]]


@router.get(
    "/exchanges/{number}",
    auth=TokenAuth(),
    response={200: ExchangeDocumentOut, 404: Problem},
    summary="One exchange with its document in the exchange format",
    openapi_extra=explain({404: "No exchange with this number that you may see."}),
)
def exchange_get(request: HttpRequest, number: str = NUMBER) -> Any:
    found = selectors.exchange_for(actor_for(request.user), number)
    if found is None:
        return Status(404, {"detail": _("No exchange %(number)s that you may see.") % {"number": number}})
    return _out(found, document=True)


@router.get(
    "/pending",
    auth=TokenAuth(),
    response={200: list[PendingChangeOut], 403: Problem},
    summary="The register's changes not yet sent: what the next exchange would carry",
    openapi_extra=explain({403: "Only the authorized body sees what the next exchange would carry."}),
)
def pending(request: HttpRequest) -> Any:
    if not may(actor_for(request.user), "prepare"):
        return _forbidden()
    return [{"operation": c.operation, "key": c.key} for c in selectors.pending_changes()]


@router.post(
    "/exchanges",
    auth=TokenAuth(),
    response={201: ExchangeOut, 403: Problem, 409: Problem},
    summary="Prepare the next exchange from the register's changes and owe it to the Commission (IP-9.37)",
    openapi_extra=explain(
        {
            403: "Only the authorized body prepares exchanges.",
            409: "An exchange is still awaiting its receipt, or nothing changed since the last acknowledged one.",
        }
    ),
)
def exchange_prepare(request: HttpRequest) -> Any:
    try:
        found = services.exchange_prepare(actor=actor_for(request.user))
    except PermissionDenied:
        return _forbidden()
    except services.ExchangeError as exc:
        return Status(409, {"detail": str(exc)})
    found.refresh_from_db()
    return Status(201, _out(found))

"""What the register's lifecycle operations share: finding a record the token's user may see (else 404), asking the
one authorization function before a service is called (403 or 409), turning a service's refusal into a `Problem`
(422, or 409 for a conflict), and the history's shape (docs/adr/0018)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError

from nisi.core.authz import Actor, allowed_actions, policy_for
from nisi.law.api_common import FieldRefusal, path_code
from nisi.registry.services.appeals import AppealError
from nisi.registry.services.applications import ApplicationError, ApplicationInProgress, GoodRefused
from nisi.registry.services.decisions import DecisionError
from nisi.registry.services.register import RegisterError

APPLICATION_NUMBER = r"^APP-[0-9]{4}-[0-9]{6,19}$"
RECORD_NUMBER = r"^RKT-[0-9]{4}-[0-9]{6,19}$"
APPEAL_NUMBER = r"^APL-[0-9]{4}-[0-9]{6,19}$"
GOOD_CODE = r"^[0-9]{6}([0-9]{4})?$"
SERVICE_REFUSALS = (ApplicationError, DecisionError, AppealError, RegisterError)

# What the documented statuses mean, said once for the operations that share them.
FORBIDDEN = "The token's user may not do this to such a record in any state (their role does not allow it)."
CONFLICT = "The record's present state does not allow this now (e.g. an application already submitted)."
REFUSED = "A rule or a missing piece refuses it; `detail` says what to do."


def application_number() -> Any:
    return path_code(APPLICATION_NUMBER, "the application's number", "APP-2026-000001")


def record_number() -> Any:
    return path_code(RECORD_NUMBER, "the register record's number", "RKT-2026-000001")


def appeal_number() -> Any:
    return path_code(APPEAL_NUMBER, "the objection's number", "APL-2026-000001")


def good_code() -> Any:
    return path_code(GOOD_CODE, "the good's TN VED code (10 digits), or its HS code (6) if it has none", "7208100000")


def visible(actor: Actor, found: QuerySet[Any], number: str, nothing: str) -> Any:
    """The record with this number among those the actor may view, or a 404 that says so."""
    record = found.filter(number=number).first()
    if record is None or "view" not in allowed_actions(actor, record):
        raise HttpError(404, nothing)
    return record


def permit(actor: Actor, record: Model, action: str) -> None:
    """Asks the one authorization function before a service is called, and says why not: 403 if the actor's role
    never does this to such a record, 409 if it does in another state than the record's present one."""
    if action in allowed_actions(actor, record):
        return
    policy = policy_for(record)
    if any(
        action in policy.table.get(state, {}).get(grant.role, frozenset()) and policy.reaches(grant, record)
        for state in policy.states
        for grant in actor.grants
    ):
        raise HttpError(
            409,
            _("This cannot be done while the record is %(state)s. Look up its present state and what it allows.")
            % {"state": str(getattr(record, "get_status_display", lambda: policy.state_of(record))())},
        )
    raise PermissionDenied(
        _("Your role does not allow this. Use the token of a user whose role does, or ask the authorized body.")
    )


@contextmanager
def refusals() -> Iterator[None]:
    """A service's refusal as the API answers it: 409 for a conflict with another record, 422 for the rest (naming
    the fields refused, when the service says which)."""
    try:
        yield
    except ApplicationInProgress as exc:
        raise HttpError(409, str(exc)) from None
    except GoodRefused as exc:
        raise FieldRefusal(str(exc), exc.errors) from None
    except SERVICE_REFUSALS as exc:
        raise HttpError(422, str(exc)) from None


class CitedProvisionOut(Schema):
    id: str = Field(description="the provision's identifier, as the catalogue (/law/provisions) names it")
    words: str = Field(description="the provision cited in words, in the language of the answer")


class HistoryEntryOut(Schema):
    at: dt.datetime = Field(description="when, in Kazakhstan's time (UTC+5)")
    action: str = Field(description="what was done, as a stable code")
    actor: str = Field(description="who did it: the user's name, or nisi when it acted automatically")
    text: str = Field(description="what was done, in words, in the language of the answer")
    provisions: list[CitedProvisionOut]


def history_out(entries: list[Any]) -> list[dict[str, Any]]:
    return [
        {"at": e.at, "action": e.action, "actor": e.actor, "text": e.text, "provisions": e.provisions} for e in entries
    ]

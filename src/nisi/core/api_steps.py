"""The found-or-404 shape of the apps' API handlers, written once.

A record is named in the path by its number; the caller's selector finds it among those the caller may see, or
the answer is 404 with the app's own words (a record the caller may not see is not told apart from one that does
not exist). A step on it calls the app's service as the caller: the service's refusal (its error class, whose
message says what to do) is a 422; anything else is the record as it is now, in the app's output shape.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import models
from django.http import HttpRequest
from ninja.responses import Status

from nisi.core.authz import Actor, actor_for

R = TypeVar("R", bound=models.Model)
T = TypeVar("T")


def not_found(detail: str) -> Status:
    """A 404 `Problem` saying `detail` (what is missing, in the app's words)."""
    return Status(404, {"detail": detail})


def refused(exc: Exception) -> Status:
    """A 422 `Problem` with the service's message."""
    return Status(422, {"detail": str(exc)})


def found_or_404(found: T | None, missing: str, answer: Callable[[T], Any]) -> Any:
    """`answer(found)`, or a 404 saying `missing` when nothing was found for the caller."""
    return not_found(missing) if found is None else answer(found)


def record_step(
    request: HttpRequest,
    *,
    find: Callable[[Actor], R | None],
    missing: str,
    act: Callable[[Actor, R], object],
    answer: Callable[[R], Any],
    error: type[Exception] | tuple[type[Exception], ...],
) -> Any:
    """A step on one record through the API: found by `find` for the caller (else 404 `missing`), `act` as the
    caller (an `error` it raises is a 422 with its message), then `answer` with the record read again, as the
    step left it (the service writes on its own locked copy)."""
    actor = actor_for(request.user)
    found = find(actor)
    if found is None:
        return not_found(missing)
    try:
        act(actor, found)
    except error as exc:
        return refused(exc)
    found.refresh_from_db()
    return answer(found)

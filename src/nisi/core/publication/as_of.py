"""`as_of` on every public list and record of the API (ADR 45): one parameter, one reading, one refusal.

Each public GET operation takes `?as_of=YYYY-MM-DD` and answers as the list or record stood at the end of that day
in Kazakhstan's time, from the same dated data its page reads (the list's own versions, or the changes it
published). The day is read by the pages' rule (`rules.as_of_day`): a malformed day or one still to come is
refused with 400 and a `Problem` in the reader's language (the API's handler of `AsOfRefused`); a day before the
list's first publication is an empty list, as on the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Query

from nisi.core.publication import rules, selectors
from nisi.law import clock

AS_OF_DESCRIPTION = (
    "YYYY-MM-DD: the list or record as it stood at the end of this day, Kazakhstan time (by the list's own "
    "versions, or from its published changes); none for now. A malformed day or one still to come is refused "
    "with 400; a day before the list was first published gives an empty list."
)
AS_OF_REFUSAL = "The `as_of` day is malformed or still to come: `detail` says what to give."
# `openapi_extra` of an operation that takes `as_of` (merge with its own statuses by `as_of_statuses`).
AS_OF_RESPONSES = {"responses": {400: {"description": AS_OF_REFUSAL}}}


class AsOfRefused(Exception):
    """A malformed or future `as_of`: the API answers 400 with this message (already in the reader's language)."""


def as_of_query() -> Any:
    """The `as_of` query parameter of an operation's signature."""
    return Query(None, max_length=40, description=AS_OF_DESCRIPTION)


def as_of_field() -> Any:
    """The `as_of` field of an operation's query schema."""
    return Field(None, max_length=40, description=AS_OF_DESCRIPTION)


def as_of_statuses(statuses: dict[int, str] | None = None) -> dict[str, Any]:
    """`openapi_extra` saying when the operation answers 400 (a refused `as_of`) and each of its own statuses."""
    responses: dict[int, dict[str, str]] = {400: {"description": AS_OF_REFUSAL}}
    responses.update({status: {"description": why} for status, why in (statuses or {}).items()})
    return {"responses": responses}


def day_asked(text: str | None) -> dt.date | None:
    """The day asked for (None: now), by the pages' rule; raises `AsOfRefused` with the reason to show."""
    if text is None:
        return None
    day, problem = rules.as_of_day(text, clock.today())
    if day is None:
        raise AsOfRefused(problem)
    return day


def one_day(as_of: str | None, on: dt.date | None) -> dt.date | None:
    """For an operation that already took `on` (the register, the priority goods …): `as_of` read by the same rule
    wins; `on` keeps its meaning for those who use it."""
    day = day_asked(as_of)
    return day if day is not None else on


def records_on(dataset_key: str, day: dt.date) -> list[tuple[str, dict[str, Any]]]:
    """A published list as it stood at the end of `day`: (key, public state) in the order of the keys."""
    dataset = selectors.dataset_by_key(dataset_key)
    if dataset is None:  # a programmer's error: the operation names a dataset that is not declared
        raise ValueError(f"no dataset {dataset_key!r}")
    return selectors.snapshot_on(dataset, day) or []


def record_on(dataset_key: str, record_key: str, day: dt.date) -> dict[str, Any] | None:
    """One record of a published list as it stood at the end of `day`, or None if it was not on the list."""
    dataset = selectors.dataset_by_key(dataset_key)
    if dataset is None:
        raise ValueError(f"no dataset {dataset_key!r}")
    return selectors.record_on(dataset, record_key, day)
